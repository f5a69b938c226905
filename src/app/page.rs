//! What every page does: its tab title, the id in its path; and what the server wrote into the
//! first HTML of the page, kept when the app replaces the loading page.

use std::cell::RefCell;

/// Sets the tab title: "Calendrier – Bocal". Screen readers announce it on navigation.
pub fn set_title(page: &str) {
    leptos::prelude::document().set_title(&format!("{page} – Bocal"));
}

/// The numeric `:id` of a page's path (`/ateliers/12`), if it is one.
pub fn id_param(params: &leptos_router::params::ParamsMap) -> Option<i64> {
    params.get("id").and_then(|id| id.parse().ok())
}

thread_local! {
    // The server's answer in the first HTML (src/server/pages/first_answer.rs): the whole
    // answer, and the next stop's card alone.
    static FIRST_ANSWER: RefCell<Option<FirstAnswer>> = const { RefCell::new(None) };
}

/// What the server wrote into the loading page, as HTML it escaped itself.
#[derive(Clone, Debug, Default)]
pub struct FirstAnswer {
    /// The path it was written for.
    pub path: String,
    pub page: String,
    pub next_stop_card: Option<String>,
}

/// Keeps the server's answer before the loading page goes (called by `mount`).
pub fn keep_first_answer() {
    let document = leptos::prelude::document();
    let Some(slot) = document.get_element_by_id("first-answer") else {
        return;
    };
    let page = slot.inner_html();
    if page.is_empty() {
        return;
    }
    let next_stop_card = slot
        .query_selector(".next-stop-card")
        .ok()
        .flatten()
        .map(|card| card.outer_html());
    FIRST_ANSWER.set(Some(FirstAnswer {
        path: leptos::prelude::window()
            .location()
            .pathname()
            .unwrap_or_default(),
        page,
        next_stop_card,
    }));
}

/// The server's answer for `path`, once: the page that first shows it takes it (a later visit
/// of the same page reads fresh data instead).
pub fn take_first_answer(path: &str) -> Option<FirstAnswer> {
    FIRST_ANSWER.with_borrow_mut(|kept| {
        if kept.as_ref().is_some_and(|answer| answer.path == path) {
            kept.take()
        } else {
            None
        }
    })
}
