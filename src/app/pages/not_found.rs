use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::i18n::use_i18n;
use crate::app::page::set_title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(i18n.texts().page_not_found_heading));
    view! {
        <div class="page notice">
            <h1>{move || i18n.texts().page_not_found_heading}</h1>
            <p>{move || i18n.texts().page_not_found}</p>
            <A href="/">{move || i18n.texts().back_to_calendar}</A>
        </div>
    }
}
