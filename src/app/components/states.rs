//! Loading and error states, the same on every page.

use leptos::prelude::*;

use crate::app::client::ClientError;
use crate::app::i18n::use_i18n;

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {move || i18n.texts().loading}
        </div>
    }
}

/// An error with what to do next. `retry` refetches.
#[component]
pub fn ErrorNotice(
    error: ClientError,
    heading: &'static str,
    #[prop(into)] retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = error.message(i18n.texts().error_offline);
    view! {
        <div class="notice notice-error" role="alert">
            <h2>{heading}</h2>
            <p>{message}</p>
            <button type="button" class="button button-secondary" on:click=move |_| retry.run(())>
                {move || i18n.texts().retry}
            </button>
        </div>
    }
}
