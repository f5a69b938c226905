pub mod calendar;
pub mod not_found;
pub mod workshop;

/// Sets the tab title: "Calendrier – Bocal". Screen readers announce it on navigation.
pub fn set_title(page: &str) {
    leptos::prelude::document().set_title(&format!("{page} – Bocal"));
}
