//! The season's programme outside the app: pages the server writes in full (no wasm, no
//! script, no cookie), for paper and for other websites.
//! - `poster`: "Affiche du mois" (`/programme?mois=2026-12`) and the week's poster for the
//!   truck's window (`/programme?semaine=2026-12-07`), printed from the browser on A4.
//! - `widget`: the next stops, for a centre's own website in an `<iframe>` (`/widget`); the
//!   only page another site may frame.

mod poster;
mod widget;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::api::paths::pages;
use crate::server::first_answer::escape;
use crate::server::AppState;

pub fn router(app: AppState) -> Router {
    Router::new()
        .route(pages::PROGRAMME, get(poster::page))
        .route(pages::WIDGET, get(widget::page))
        .with_state(app)
}

/// A whole HTML page: `title` for the tab, `stylesheet` from `public/`, `body` as written.
fn html_page(status: StatusCode, title: &str, stylesheet: &str, body: &str) -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title} – Bocal</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml" />
<link rel="stylesheet" href="{stylesheet}" />
</head>
<body>
{body}
</body>
</html>"#,
        title = escape(title),
    );
    let mut response = (status, Html(html)).into_response();
    // The programme changes as animators plan: asked again at each visit.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A query that cannot be read: a 400 page saying why, in French.
fn refusal(stylesheet: &str, message: &str) -> Response {
    html_page(
        StatusCode::BAD_REQUEST,
        "Adresse incomplète",
        stylesheet,
        &format!(
            r#"<main class="refusal"><h1>Cette adresse ne donne pas de programme</h1><p>{}</p><p><a href="/">Voir le calendrier des ateliers</a></p></main>"#,
            escape(message)
        ),
    )
}

/// The storage could not answer: a 503 page, the error logged.
fn unavailable(stylesheet: &str, error: crate::server::storage::StorageError) -> Response {
    tracing::error!(%error, "programme page");
    html_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Indisponible",
        stylesheet,
        r#"<main class="refusal"><h1>Programme indisponible</h1><p>Un problème est survenu de notre côté. Réessayez dans un moment.</p></main>"#,
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::HashMap;

    /// A page's query, as axum's `Query` reads it.
    pub(crate) fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }
}
