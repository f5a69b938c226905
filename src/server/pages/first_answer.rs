//! The answer in the first HTML. A resident who taps the link on a slow phone wants one thing
//! from `/`: where the truck will be. The server writes it into index.html's loading page (what
//! shows while the wasm downloads, and all that shows without JavaScript), from
//! `domain::calendar::next_stop` and the phrases of `domain::when`, as the app does; a
//! workshop's page gets its title, day and place the same way. Everything written is escaped
//! and no script is added, so the CSP's hashes of index.html still hold. The service worker
//! keeps the plain `/index.html` for offline starts: it never shows a stale stop as current.

use std::path::Path;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::api::paths;
use crate::domain::map_link::{map_url, MapApp};
use crate::domain::texts::Texts;
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, time_range_phrase, when_parts};
use crate::domain::{Lang, Workshop, WorkshopStatus};
use crate::server::http::error::AppError;
use crate::server::http::extract::IdPath;
use crate::server::pages::html::escape;
use crate::server::state::AppState;

/// Where index.html takes the answer: an empty element of the loading page.
pub const SLOT: &str = r#"<div id="first-answer"></div>"#;

#[derive(Clone)]
struct FirstAnswer {
    app: AppState,
    /// dist/index.html as it was at start, with `SLOT` in it.
    index: Arc<str>,
}

/// The routes of the pages that get an answer in their HTML, for the index.html of `dist`; none
/// (every page then gets the plain file) when it has no `SLOT`, as in a dist built before it.
pub fn router(app: AppState, dist: &Path) -> Router {
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    if !index.contains(SLOT) {
        return Router::new();
    }
    Router::new()
        .route("/", get(home))
        .route(paths::pages::WORKSHOP_ROUTE, get(workshop))
        .with_state(FirstAnswer {
            app,
            index: index.into(),
        })
}

/// `GET /`: the loading page with the next stop (or "no date planned"). If the database cannot
/// answer, the plain loading page: the app then reads the calendar itself and says what failed.
async fn home(State(first): State<FirstAnswer>, headers: HeaderMap) -> Response {
    let now = first.app.clock.now();
    let next = match first.app.storage.next_stop(now).await {
        Ok(next) => next,
        Err(error) => {
            tracing::error!(%error, "first answer: the next stop could not be read");
            return page(&first.index, None, "");
        }
    };
    let texts = Texts::for_lang(Lang::Fr);
    let card = match next {
        None => format!(
            r#"<p class="next-stop-card">{}</p>"#,
            escape(texts.next_stop_none)
        ),
        Some(workshop) => next_stop_card(texts, &workshop, now, map_app(&headers)),
    };
    let answer = format!(
        // The app's own wrappers and classes (pages/calendar.rs): it replaces this without a jump.
        r#"<div class="page calendar-page"><div class="calendar-aside"><section class="next-stop" aria-labelledby="next-stop-heading"><h1 id="next-stop-heading">{}</h1>{card}</section></div></div>"#,
        escape(texts.next_stop_heading)
    );
    page(&first.index, None, &answer)
}

/// `GET /ateliers/{id}`: the loading page with the workshop's title, day and place. An unknown
/// workshop, or a database that cannot answer, gets the plain page: the app says what is wrong.
async fn workshop(State(first): State<FirstAnswer>, id: Result<IdPath, AppError>) -> Response {
    let workshop = match id {
        Ok(IdPath(id)) => first
            .app
            .storage
            .workshop(id)
            .await
            .unwrap_or_else(|error| {
                tracing::error!(%error, "first answer: the workshop could not be read");
                None
            }),
        Err(_) => None,
    };
    let Some(workshop) = workshop else {
        return page(&first.index, None, "");
    };
    let texts = Texts::for_lang(Lang::Fr);
    let today = local_date(first.app.clock.now());
    let when = format!(
        "{}, {}",
        date_phrase(Lang::Fr, today, local_date(workshop.starts_at)),
        time_range_phrase(Lang::Fr, workshop.starts_at, workshop.ends_at)
    );
    let cancelled = if workshop.status == WorkshopStatus::Cancelled {
        format!(
            r#"<p class="notice notice-cancelled">{}</p>"#,
            escape(texts.cancelled_notice)
        )
    } else {
        String::new()
    };
    let answer = format!(
        r#"<div class="page workshop-page"><article class="workshop"><header class="workshop-header">{badge}<h1>{title}</h1><p class="workshop-when"><time datetime="{datetime}">{when}</time></p></header>{cancelled}<section class="workshop-where"><p class="place-name">{place}</p><p>{address}</p></section></article></div>"#,
        badge = kind_badge(texts, &workshop),
        title = escape(&workshop.title),
        datetime = workshop.starts_at.to_rfc3339(),
        when = escape(&when),
        place = escape(&workshop.place.name),
        address = escape(&workshop.place.postal_address()),
    );
    page(&first.index, Some(&workshop.title), &answer)
}

/// The card of the home page, with the app's classes, so that the app replaces it without a jump.
fn next_stop_card(
    texts: &Texts,
    workshop: &Workshop,
    now: chrono::DateTime<chrono::Utc>,
    map_app: MapApp,
) -> String {
    let (day, hours) = when_parts(Lang::Fr, now, workshop);
    let map = map_url(&workshop.place, map_app);
    format!(
        r#"<div class="next-stop-card"><p class="next-when"><span class="next-day">{day}</span> <span class="next-hours">{hours}</span></p><p class="next-place">{place}</p><p class="next-address">{address}</p><p class="next-title">{badge} {title}</p><div class="actions"><a class="button button-secondary" href="{map}">{open_map}</a> <a class="button button-secondary" href="{details}">{see_details}</a></div></div>"#,
        day = escape(&day),
        hours = escape(&hours),
        place = escape(&workshop.place.name),
        address = escape(&workshop.place.postal_address()),
        badge = kind_badge(texts, workshop),
        title = escape(&workshop.title),
        map = escape(&map),
        open_map = escape(texts.open_map),
        details = escape(&paths::pages::workshop(workshop.id)),
        see_details = escape(texts.see_details),
    )
}

fn kind_badge(texts: &Texts, workshop: &Workshop) -> String {
    format!(
        r#"<span class="badge kind-{}">{}</span>"#,
        workshop.kind.code(),
        escape(texts.kind(workshop.kind))
    )
}

/// The map app of the visitor's device, as the app's "Ouvrir le plan" picks it.
fn map_app(headers: &HeaderMap) -> MapApp {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    MapApp::for_user_agent(user_agent)
}

/// index.html with `answer` in its slot and, for a page of its own, `title` as the tab's title
/// ("Compote pommes-poires – Bocal", as the app sets it).
fn page(index: &str, title: Option<&str>, answer: &str) -> Response {
    let mut html = index.replacen(
        SLOT,
        &format!(r#"<div id="first-answer">{answer}</div>"#),
        1,
    );
    if let (Some(title), Some(start), Some(end)) =
        (title, html.find("<title>"), html.find("</title>"))
    {
        html.replace_range(start..end, &format!("<title>{} – Bocal", escape(title)));
    }
    let mut response = Html(html).into_response();
    // What it says depends on the hour: asked again at each visit, as index.html is.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
