//! "S'abonner dans mon agenda": a `webcal:` link, so phones subscribe to the iCalendar feed, and
//! the feed's own `http(s):` address beside it, for calendars that ask for one.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use crate::api::paths;
use crate::api::workshops::WorkshopFilter;
use crate::app::components::icons::CalendarIcon;
use crate::app::i18n::use_i18n;

/// Subscribes to the whole feed, or to the chosen commune and kind of `filter` (dates are left
/// out: a subscription follows the calendar as it moves).
#[component]
pub fn SubscribeLink(#[prop(optional)] filter: Option<Signal<WorkshopFilter>>) -> impl IntoView {
    let i18n = use_i18n();
    // The feed's path and query; the browser makes the link an address of this host.
    let feed = move || {
        let WorkshopFilter { commune, kind, .. } = filter.map(|f| f.get()).unwrap_or_default();
        let query: ParamsMap = WorkshopFilter {
            commune,
            kind,
            ..Default::default()
        }
        .to_pairs()
        .into_iter()
        .collect();
        format!("{}{}", paths::WORKSHOPS_ICS, query.to_query_string())
    };
    let host = window().location().host().unwrap_or_default();
    view! {
        <aside class="subscribe">
            <a class="button button-secondary" href=move || format!("webcal://{host}{}", feed()) rel="external">
                <CalendarIcon />
                {move || i18n.texts().subscribe}
            </a>
            <p class="hint">
                {move || i18n.texts().subscribe_hint} " "
                <a href=feed rel="external">{move || i18n.texts().feed_link}</a>
            </p>
        </aside>
    }
}
