//! The animators' editor: workshops (create, edit, confirm, cancel) and saved places.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};

use crate::api::workshops::{
    PlaceChoice, PlaceDraft, SavedWorkshop, Series, StatusChange, WorkshopDraft,
};
use crate::domain::account::check_name;
use crate::domain::recurrence::occurrence_days;
use crate::domain::validation::FieldError;
use crate::domain::workshop::{check_capacity, check_schedule};
use crate::domain::Place;
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, IdPath};
use crate::server::http::session::StaffMember;
use crate::server::state::AppState;
use crate::server::storage::WorkshopRecord;

/// Checks a draft; `current_start` is the stored start of the workshop being edited, which
/// may stay in the past (a new or moved workshop may not).
fn checked(
    draft: WorkshopDraft,
    now: DateTime<Utc>,
    current_start: Option<DateTime<Utc>>,
) -> Result<WorkshopRecord, FieldError> {
    let title = check_name("title", &draft.title, 200)?;
    let (starts_at, ends_at) =
        check_schedule(draft.date, draft.start, draft.end, now, current_start)?;
    let place = match draft.place {
        PlaceChoice::New(place) => PlaceChoice::New(place.checked()?),
        saved => saved,
    };
    Ok(WorkshopRecord {
        title,
        kind: draft.kind,
        starts_at,
        ends_at,
        place,
        centre_id: draft.centre_id,
        capacity: check_capacity(draft.capacity)?,
        description: draft.description.trim().chars().take(2000).collect(),
    })
}

/// One record per occurrence of a repeated draft, in order; or the draft's own.
fn occurrences(draft: WorkshopDraft, now: DateTime<Utc>) -> Result<Vec<WorkshopRecord>, AppError> {
    let Some(repeat) = draft.repeat.clone() else {
        return Ok(vec![checked(draft, now, None)?]);
    };
    occurrence_days(draft.date, &repeat)?
        .into_iter()
        .map(|date| {
            let one = WorkshopDraft {
                date,
                repeat: None,
                ..draft.clone()
            };
            Ok(checked(one, now, None)?)
        })
        .collect()
}

/// `POST /api/v1/workshops` (staff): a workshop, or with `repeat` every occurrence of a series
/// in one transaction. Overlaps with other workshops come back as warnings.
pub async fn create(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(draft): ApiJson<WorkshopDraft>,
) -> Result<(StatusCode, Json<SavedWorkshop>), AppError> {
    let now = state.clock.now();
    let saved = if draft.repeat.is_some() {
        let records = occurrences(draft, now)?;
        state
            .storage
            .create_series(records, true, staff.account.id, now)
            .await?
    } else {
        let record = checked(draft, now, None)?;
        state
            .storage
            .save_workshop(None, record, staff.account.id, now)
            .await?
    };
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `POST /api/v1/workshop-previews` (staff): what `create` would make of the draft (a series'
/// dates, the truck's overlaps), nothing written; 200.
pub async fn preview(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(draft): ApiJson<WorkshopDraft>,
) -> Result<Json<SavedWorkshop>, AppError> {
    let now = state.clock.now();
    let records = occurrences(draft, now)?;
    let preview = state
        .storage
        .create_series(records, false, staff.account.id, now)
        .await?;
    Ok(Json(preview))
}

/// `PUT /api/v1/workshops/{id}` (staff)
pub async fn update(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(draft): ApiJson<WorkshopDraft>,
) -> Result<Json<SavedWorkshop>, AppError> {
    let now = state.clock.now();
    let current = state
        .storage
        .workshop(id)
        .await?
        .ok_or_else(|| AppError::NotFound("Cet atelier n'existe pas.".into()))?;
    if draft.repeat.is_some() {
        return Err(FieldError::new(
            "repeat",
            "La répétition se choisit à la création de l'atelier.",
        )
        .into());
    }
    let record = checked(draft, now, Some(current.starts_at))?;
    let saved = state
        .storage
        .save_workshop(Some(id), record, staff.account.id, now)
        .await?;
    // A move may have written messages.
    state.wake_sender();
    Ok(Json(saved))
}

/// `PUT /api/v1/workshops/{id}/following` (staff): the draft applied to this occurrence and
/// the later ones of its series, each on its own day (moved by as many days as this one), in
/// one transaction; they become a series of their own. Moved ones' people are told.
pub async fn update_following(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(draft): ApiJson<WorkshopDraft>,
) -> Result<Json<Series>, AppError> {
    if draft.repeat.is_some() {
        return Err(FieldError::new(
            "repeat",
            "La répétition se choisit à la création de l'atelier.",
        )
        .into());
    }
    let now = state.clock.now();
    let new_day = draft.date;
    let record_for = move |day, stored_start| {
        let one = WorkshopDraft {
            date: day,
            ..draft.clone()
        };
        checked(one, now, Some(stored_start))
    };
    let series = state
        .storage
        .edit_following(id, new_day, record_for, staff.account.id, now)
        .await?;
    state.wake_sender();
    Ok(Json(series))
}

/// `POST /api/v1/workshops/{id}/status` (staff): confirm, cancel, or restore.
pub async fn set_status(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(change): ApiJson<StatusChange>,
) -> Result<Json<crate::domain::Workshop>, AppError> {
    let workshop = state
        .storage
        .set_workshop_status(id, change.status, staff.account.id, state.clock.now())
        .await?;
    state.wake_sender();
    Ok(Json(workshop))
}

/// `GET /api/v1/workshops/{id}/series` (staff)
pub async fn series(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<Series>, AppError> {
    Ok(Json(state.storage.workshop_series(id).await?))
}

/// `POST /api/v1/workshops/{id}/cancel-following` (staff): cancels this occurrence and the
/// later ones of its series; their people are told.
pub async fn cancel_following(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
) -> Result<Json<Series>, AppError> {
    let series = state
        .storage
        .cancel_following(id, staff.account.id, state.clock.now())
        .await?;
    state.wake_sender();
    Ok(Json(series))
}

/// `GET /api/v1/places` (staff)
pub async fn places(State(state): State<AppState>) -> Result<Json<Vec<Place>>, AppError> {
    Ok(Json(state.storage.places().await?))
}

/// `POST /api/v1/places` (staff)
pub async fn create_place(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(draft): ApiJson<PlaceDraft>,
) -> Result<(StatusCode, Json<Place>), AppError> {
    let place = draft.checked()?;
    let id = state
        .storage
        .save_place(None, place.clone(), staff.account.id, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, Json(place_with_id(id, place))))
}

/// `PUT /api/v1/places/{id}` (staff)
pub async fn update_place(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(draft): ApiJson<PlaceDraft>,
) -> Result<Json<Place>, AppError> {
    let place = draft.checked()?;
    state
        .storage
        .save_place(Some(id), place.clone(), staff.account.id, state.clock.now())
        .await?;
    Ok(Json(place_with_id(id, place)))
}

fn place_with_id(id: i64, place: PlaceDraft) -> Place {
    Place {
        id,
        name: place.name,
        address: place.address,
        postcode: place.postcode,
        commune: place.commune,
        latitude: place.latitude,
        longitude: place.longitude,
    }
}
