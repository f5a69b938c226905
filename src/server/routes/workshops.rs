//! The public calendar: JSON list and detail, and iCalendar feeds.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Days;

use crate::api::workshops::{WorkshopFilter, WorkshopList, WorkshopListQuery};
use crate::domain::time::local_date;
use crate::server::formats::ics;
use crate::server::http::error::AppError;
use crate::server::http::extract::ApiQuery;
use crate::server::security::auth::token_hash;
use crate::server::state::AppState;

/// How far back the iCalendar feed reaches, so subscribed calendars keep recent stops.
const FEED_HISTORY_DAYS: u64 = 30;

/// `GET /api/v1/workshops?from&to&commune&kind&weeks`
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<WorkshopListQuery>,
) -> Result<Json<WorkshopList>, AppError> {
    Ok(Json(
        state.storage.calendar(query, state.clock.now()).await?,
    ))
}

/// `GET /api/v1/workshops.ics`: the same filters; by default the last 30 days and everything
/// ahead.
pub async fn feed(
    State(state): State<AppState>,
    ApiQuery(mut filter): ApiQuery<WorkshopFilter>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    if filter.from.is_none() {
        filter.from = local_date(now).checked_sub_days(Days::new(FEED_HISTORY_DAYS));
    }
    let workshops = state.storage.list_workshops(filter, now).await?;
    let body = ics::calendar(
        "Bocal – ateliers de la conserverie mobile",
        &workshops,
        &state.operator,
        now,
    );
    Ok(calendar_response(body, "bocal-ateliers.ics"))
}

/// `GET /api/v1/calendars/{secret}` (public: a calendar app cannot log in; the secret is the
/// key): a person's workshops, from a month ago on.
pub async fn personal_feed(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let secret = path.map(|Path(secret)| secret).unwrap_or_default();
    let now = state.clock.now();
    let since = now - chrono::Duration::days(FEED_HISTORY_DAYS as i64);
    let (name, workshops) = state
        .storage
        .personal_calendar(token_hash(&secret), since)
        .await?
        .ok_or_else(|| {
            AppError::NotFound("Ce lien d'agenda n'existe pas ou a été changé.".into())
        })?;
    let body = ics::calendar(
        &format!("Bocal – ateliers de {name}"),
        &workshops,
        &state.operator,
        now,
    );
    Ok(calendar_response(body, "bocal-mes-ateliers.ics"))
}

/// `GET /api/v1/workshops/{id}` (JSON) and `GET /api/v1/workshops/{id}.ics` (one event).
pub async fn one(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    // A segment that is not even valid UTF-8 names no workshop either: a JSON 404, not axum's
    // plain-text 400.
    let id_or_file = path.map(|Path(segment)| segment).unwrap_or_default();
    let (id, as_ics) = match id_or_file.strip_suffix(".ics") {
        Some(id) => (id, true),
        None => (id_or_file.as_str(), false),
    };
    let not_found = || AppError::NotFound(format!("Aucun atelier ne porte le numéro « {id} »."));
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let workshop = state.storage.workshop(id).await?.ok_or_else(not_found)?;
    if as_ics {
        let body = ics::calendar(
            &workshop.title,
            std::slice::from_ref(&workshop),
            &state.operator,
            state.clock.now(),
        );
        Ok(calendar_response(body, &format!("atelier-{id}.ics")))
    } else {
        Ok(Json(workshop).into_response())
    }
}

fn calendar_response(body: String, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, ics::CONTENT_TYPE.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}
