use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::paths;
use crate::app::i18n::use_i18n;
use crate::domain::when::when_phrase;
use crate::domain::Workshop;

/// One workshop in a list: when, what, where; the whole card links to its page.
#[component]
pub fn WorkshopCard(workshop: Workshop) -> impl IntoView {
    let i18n = use_i18n();
    let href = paths::pages::workshop(workshop.id);
    let cancelled = workshop.is_cancelled();
    let kind = workshop.kind;
    let status = workshop.status;
    let starts_at = workshop.starts_at.to_rfc3339();
    let place = format!("{} · {}", workshop.place.name, workshop.place.commune);
    let title = workshop.title.clone();
    view! {
        <A href=href attr:class=if cancelled { "workshop-card is-cancelled" } else { "workshop-card" }>
            <time class="card-when" datetime=starts_at>
                {move || when_phrase(i18n.lang.get(), Utc::now(), &workshop)}
            </time>
            <span class="card-title">{title}</span>
            <span class="card-place">{place}</span>
            <span class="badges">
                <span class=format!("badge kind-{}", kind.code())>{move || i18n.texts().kind(kind)}</span>
                {move || {
                    i18n.texts()
                        .status(status)
                        .map(|label| view! { <span class=format!("badge status-{}", status.code())>{label}</span> })
                }}
            </span>
        </A>
    }
}
