//! The season's programme outside the app: pages the server writes in full (no wasm, no
//! script, no cookie), for paper and for other websites.
//! - `poster`: "Affiche du mois" (`/programme?mois=2026-12`) and the week's poster for the
//!   truck's window (`/programme?semaine=2026-12-07`), printed from the browser on A4.
//! - `widget`: the next stops, for a centre's own website in an `<iframe>` (`/widget`); the
//!   only page another site may frame.

mod answers;
mod poster;
mod widget;

use axum::routing::get;
use axum::Router;

use crate::api::paths::pages;
use crate::server::state::AppState;

pub fn router(app: AppState) -> Router {
    Router::new()
        .route(pages::PROGRAMME, get(poster::page))
        .route(pages::WIDGET, get(widget::page))
        .with_state(app)
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
