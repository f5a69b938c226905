//! The next stops on a centre's own website: a light page for an `<iframe>` (the staff copy its
//! snippet from "Programme et affiches"), filtered by commune, centre and kind, with links
//! into Bocal. No script, no cookie; the only page whose policy lets other sites frame it.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use super::answers::{refusal, unavailable};
use crate::api::paths::pages::{self, programme_param as param};
use crate::api::workshops::{self, WorkshopFilter};
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, time_range_phrase};
use crate::domain::{Lang, Workshop};
use crate::server::http::security_headers::FRAMEABLE_POLICY;
use crate::server::pages::html::{escape, html_page};
use crate::server::state::AppState;

const STYLESHEET: &str = "/widget.css";

/// The widget's filters, from its address: `commune`, `centre` (id), `type` (a kind's code),
/// `nombre`; each optional.
fn filters(query: &HashMap<String, String>) -> Result<(WorkshopFilter, usize), String> {
    let renamed = query.iter().filter_map(|(name, value)| {
        let name = match name.as_str() {
            param::COMMUNE => workshops::param::COMMUNE,
            param::CENTRE => workshops::param::CENTRE,
            param::KIND => workshops::param::KIND,
            _ => return None,
        };
        Some((name, value.as_str()))
    });
    let filter = WorkshopFilter::from_pairs(renamed).map_err(|error| error.message)?;
    let (least, default, most) = pages::WIDGET_COUNTS;
    let count = match query.get(param::COUNT).map(|value| value.trim()) {
        None | Some("") => default,
        Some(text) => match text.parse::<usize>() {
            Ok(count) if (least..=most).contains(&count) => count,
            _ => {
                return Err(format!(
                    "Nombre de dates attendu de {least} à {most}, pas « {text} »."
                ))
            }
        },
    };
    Ok((filter, count))
}

fn stop_item(workshop: &Workshop, today: chrono::NaiveDate) -> String {
    let cancelled = match workshop.is_cancelled() {
        true => r#" <span class="cancelled-tag">annulé</span>"#,
        false => "",
    };
    format!(
        r#"<li class="stop{class}"><a href="{href}" target="_blank" rel="noopener"><span class="stop-day">{day}</span>, <span class="stop-hours">{hours}</span></a>{cancelled}<p class="stop-where"><strong>{place}</strong>, <span class="commune">{commune}</span></p><p class="stop-what">{title}</p></li>"#,
        class = if workshop.is_cancelled() {
            " is-cancelled"
        } else {
            ""
        },
        href = escape(&pages::workshop(workshop.id)),
        day = escape(&date_phrase(
            Lang::Fr,
            today,
            local_date(workshop.starts_at)
        )),
        hours = escape(&time_range_phrase(
            Lang::Fr,
            workshop.starts_at,
            workshop.ends_at
        )),
        place = escape(&workshop.place.name),
        commune = escape(&workshop.place.commune),
        title = escape(&workshop.title),
    )
}

/// `GET /widget`: the next stops matching the filters (public, frameable).
pub async fn page(
    State(app): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut response = render(&app, &query).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(FRAMEABLE_POLICY),
    );
    response
}

async fn render(app: &AppState, query: &HashMap<String, String>) -> Response {
    let (filter, count) = match filters(query) {
        Ok(filters) => filters,
        Err(message) => return refusal(STYLESHEET, &message),
    };
    let now = app.clock.now();
    let workshops = match app.storage.list_workshops(filter, now).await {
        Ok(workshops) => workshops,
        Err(error) => return unavailable(STYLESHEET, error),
    };
    let today = local_date(now);
    let stops: String = workshops
        .iter()
        .take(count)
        .map(|workshop| stop_item(workshop, today))
        .collect();
    let list = match stops.is_empty() {
        true => r#"<p class="empty">Pas de date prévue pour l'instant.</p>"#.to_string(),
        false => format!(r#"<ol class="stops">{stops}</ol>"#),
    };
    let body = format!(
        r#"<main class="widget"><h1>Prochains ateliers de la conserverie mobile</h1>{list}<p class="more"><a href="/" target="_blank" rel="noopener">Tout le calendrier et les inscriptions</a></p></main>"#
    );
    html_page(StatusCode::OK, "Prochains ateliers", STYLESHEET, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::server::pages::programme::tests::query;

    #[test]
    fn the_widget_reads_its_filters_from_its_address() {
        let (filter, count) = filters(&query(&[
            ("commune", "Peyrins"),
            ("centre", "2"),
            ("type", "transformation"),
            ("nombre", "3"),
            ("utm_source", "site"),
        ]))
        .unwrap();
        assert_eq!(filter.commune.as_deref(), Some("Peyrins"));
        assert_eq!(filter.centre, Some(2));
        assert_eq!(
            filter.kind,
            Some(crate::domain::WorkshopKind::Transformation)
        );
        assert_eq!(count, 3);
        let (filter, count) = filters(&query(&[])).unwrap();
        assert!(filter.is_empty());
        assert_eq!(count, pages::WIDGET_COUNTS.1);
    }

    #[test]
    fn a_filter_that_cannot_be_read_is_refused_in_french() {
        for pairs in [
            [("nombre", "0")],
            [("nombre", "500")],
            [("centre", "les-ors")],
            [("type", "fete")],
        ] {
            assert!(filters(&query(&pairs)).is_err(), "{pairs:?}");
        }
        assert!(filters(&query(&[("nombre", "beaucoup")]))
            .unwrap_err()
            .contains("de 1 à 20"));
    }
}
