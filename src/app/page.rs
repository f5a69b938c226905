//! What every page does: its tab title, the id in its path.

/// Sets the tab title: "Calendrier – Bocal". Screen readers announce it on navigation.
pub fn set_title(page: &str) {
    leptos::prelude::document().set_title(&format!("{page} – Bocal"));
}

/// The numeric `:id` of a page's path (`/ateliers/12`), if it is one.
pub fn id_param(params: &leptos_router::params::ParamsMap) -> Option<i64> {
    params.get("id").and_then(|id| id.parse().ok())
}
