//! Loading and error states, the same on every page.

use leptos::prelude::*;

use crate::app::client::ClientError;
use crate::app::i18n::use_i18n;

/// What the team's screens say when the server cannot be reached.
pub const STAFF_OFFLINE: &str = "Le serveur est injoignable. Réessayez.";

/// What the farmer's screens say when the server cannot be reached.
pub const FARM_OFFLINE: &str = "Pas de réseau pour l'instant. Réessayez dans un moment.";

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

/// A read as every page shows it: "Chargement…" while it comes, the error with "Réessayer"
/// (which reads again), then what `children` makes of the data.
#[component]
pub fn ShowRead<T, V, F>(
    read: LocalResource<Result<T, ClientError>>,
    /// What could not be shown, as the error's heading (a text, or a closure for one that
    /// follows the language).
    #[prop(into)]
    error_heading: Signal<&'static str>,
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    move || match read.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorNotice error=error heading=error_heading.get() retry=move |_| read.refetch() />
        }
        .into_any(),
        Some(Ok(data)) => children(data).into_any(),
    }
}
