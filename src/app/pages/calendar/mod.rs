//! Home: "Où est le camion ?", then the upcoming workshops by week, with filters in the URL.
//!
//! The server has already written the next stop into the page's first HTML. The main module
//! only asks for the first weeks and keeps showing that answer: the page's drawing (the next
//! stop, the weeks and their filters, the rescued kilos) is a part of the app of its own
//! (`upcoming`), downloaded while the weeks are read. The first visit's main module stays
//! small, and the first drawing short.

mod upcoming;

use leptos::prelude::*;

use crate::api::workshops::WorkshopListQuery;
use crate::app::client::{self, ReadMode};
use crate::app::components::lazy_part::LazyPart;
use crate::app::components::states::Loading;
use crate::app::i18n::use_i18n;
use crate::app::offline::refreshed_resource;
use crate::app::page::{set_title, take_first_answer};
use upcoming::FirstWeeks;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(i18n.texts().nav_calendar));
    // Asked at once, as text: the part reads it (its code arrives meanwhile). It also feeds the
    // next stop and the commune choices.
    let weeks = refreshed_resource(|| {
        client::list_workshops_text(WorkshopListQuery::home(1), ReadMode::ShownAtOnce)
    });
    let first_answer = take_first_answer("/");
    provide_context(FirstWeeks {
        weeks,
        next_stop_card: first_answer
            .as_ref()
            .and_then(|answer| answer.next_stop_card.clone()),
    });
    // Until the part is here: the server's answer as it was on the loading page, or
    // "Chargement…" (a start from the service worker's copy, or a second visit).
    let answer_page = first_answer.map(|answer| answer.page);
    let fallback = move || match answer_page.clone() {
        Some(page) => view! { <div class="first-answer" inner_html=page></div> }.into_any(),
        None => view! { <div class="page"><Loading /></div> }.into_any(),
    };
    view! { <LazyPart load=upcoming::calendar() fallback=fallback /> }
}
