//! The discreet strips above each page: offline, with the date of the data shown; a farmer's
//! lots waiting to be sent; a new version of the app waiting to be loaded.

use leptos::prelude::*;

use leptos_router::components::A;

use crate::app::i18n::use_i18n;
use crate::app::offline::use_connection;
use crate::app::outbox::use_outbox;
use crate::domain::when::stored_at_phrase;

#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let i18n = use_i18n();
    let connection = use_connection();
    let outbox = use_outbox();
    view! {
        // Polite live region: a screen reader hears the change without losing its place.
        <div class="connection-banners" role="status">
            {move || connection.offline_data_from().map(|stored_at| {
                let texts = i18n.texts();
                let stored_at = stored_at.map(|at| stored_at_phrase(texts.lang, at));
                view! { <p class="banner banner-offline">{(texts.connection.offline)(stored_at.as_deref())}</p> }
            })}
            {move || {
                let (waiting, refused) = outbox.counts();
                // The page of the oldest item: where it shows, with its actions.
                outbox.mine().first().map(|oldest| {
                    let texts = i18n.texts();
                    view! {
                        <p class="banner banner-outbox" class:has-refusal={refused > 0}>
                            {(texts.connection.outbox)(waiting, refused)}
                            " "
                            <A href=oldest.page()>{texts.connection.see_outbox}</A>
                        </p>
                    }
                })
            }}
            {move || connection.update_ready().then(|| {
                let texts = i18n.texts();
                view! {
                    <p class="banner banner-update">
                        {texts.connection.update_ready}
                        " "
                        <button type="button" class="button-link" on:click=move |_| connection.apply_update()>
                            {texts.connection.apply_update}
                        </button>
                    </p>
                }
            })}
        </div>
    }
}
