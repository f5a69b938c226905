//! "← Retour …": the link back to the page one came from, the same on every page.

use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_router::components::A;

#[component]
pub fn BackLink(#[prop(into)] href: String, #[prop(into)] label: TextProp) -> impl IntoView {
    view! {
        <A href=href attr:class="back-link">
            <span aria-hidden="true">"← "</span>
            {move || label.get()}
        </A>
    }
}
