//! The discreet strips above each page: offline, with the date of the data shown; a farmer's
//! lots waiting to be sent; a new version of the app waiting to be loaded. Their code is a part
//! of the app of its own (most visits never show one): the shell keeps the live region, and
//! downloads the strips when one has something to say.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::components::A;

use crate::app::components::lazy_part::{LazyPart, PartLoader};
use crate::app::i18n::use_i18n;
use crate::app::offline::use_connection;
use crate::app::outbox::use_outbox;
use crate::domain::when::stored_at_phrase;

#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let connection = use_connection();
    let outbox = use_outbox();
    let something_to_say = move || {
        connection.offline_data_from().is_some()
            || connection.update_ready()
            || outbox.counts() != (0, 0)
    };
    let strips: PartLoader = Arc::new(|| Box::pin(load_strips()));
    view! {
        // Polite live region: a screen reader hears the change without losing its place. It
        // is there from the start, so that what comes into it is heard.
        <div class="connection-banners" role="status">
            {move || something_to_say().then(|| view! { <LazyPart load=strips.clone() quiet=true /> })}
        </div>
    }
}

#[wasm_split(banners, fallible, wasm_split_path = ::leptos::wasm_split)]
fn load_strips() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Strips /> }.into_any())
}

#[component]
fn Strips() -> impl IntoView {
    let i18n = use_i18n();
    let connection = use_connection();
    let outbox = use_outbox();
    view! {
        {move || connection.offline_data_from().map(|stored_at| {
            let texts = i18n.connection();
            let stored_at = stored_at.map(|at| stored_at_phrase(i18n.lang.get(), at));
            view! { <p class="banner banner-offline">{(texts.offline)(stored_at.as_deref())}</p> }
        })}
        {move || {
            let (waiting, refused) = outbox.counts();
            // The page of the oldest item: where it shows, with its actions.
            outbox.mine().first().map(|oldest| {
                let texts = i18n.connection();
                view! {
                    <p class="banner banner-outbox" class:has-refusal={refused > 0}>
                        {(texts.outbox)(waiting, refused)}
                        " "
                        <A href=oldest.page()>{texts.see_outbox}</A>
                    </p>
                }
            })
        }}
        {move || connection.update_ready().then(|| {
            let texts = i18n.connection();
            view! {
                <p class="banner banner-update">
                    {texts.update_ready}
                    " "
                    <button type="button" class="button-link" on:click=move |_| connection.apply_update()>
                        {texts.apply_update}
                    </button>
                </p>
            }
        })}
    }
}
