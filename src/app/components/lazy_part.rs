//! A piece of the app whose code is downloaded apart from the main module (a `wasm_split`
//! function, see `lazy_pages`): a screen, or a part of the home page that is not needed for its
//! first drawing. Drawn once its code is here; if it cannot be downloaded (the connection cut),
//! "Cette page n'a pas pu être téléchargée" with "Réessayer", never a blank.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Downloads a piece's code and makes its view. A failed download is not kept: calling it
/// again asks the network again.
pub type PartLoader =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>> + Send + Sync>;

/// `load`'s view once its code is here, and `fallback` until then (and above the notice, if the
/// download fails: the home page keeps the server's next stop). With `failed`, the download
/// was already tried and failed (the router tried it before showing the screen): the notice
/// shows at once. A `quiet` piece that cannot be downloaded shows nothing more.
#[component]
pub fn LazyPart(
    load: PartLoader,
    #[prop(optional)] failed: bool,
    #[prop(optional)] quiet: bool,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    // A view is neither Clone nor Send: kept in a local signal and taken out once shown.
    let part = RwSignal::new_local(None::<AnyView>);
    let failed = RwSignal::new(failed);
    let trying = RwSignal::new(false);
    // The view is made in the download's task: under this component's owner, where the app's
    // contexts (language, session, the page's data) are found, as when the router makes it.
    let owner = StoredValue::new(Owner::current());
    let try_loading = move || {
        let load = load.clone();
        trying.set(true);
        let task = async move {
            match load().await {
                Ok(view) => part.set(Some(view)),
                Err(_) => failed.set(true),
            }
            trying.set(false);
        };
        match owner.get_value() {
            Some(owner) => owner.with(|| leptos::task::spawn_local_scoped(task)),
            None => leptos::task::spawn_local(task),
        }
    };
    if !failed.get_untracked() {
        try_loading();
    }
    move || {
        part.track();
        if let Some(view) = part.try_update_untracked(Option::take).flatten() {
            return view;
        }
        if !failed.get() || quiet {
            return fallback.run();
        }
        let try_again = try_loading.clone();
        view! {
            {fallback.run()}
            <NotDownloaded trying=trying.into() retry=move || try_again() />
        }
        .into_any()
    }
}

/// "Cette page n'a pas pu être téléchargée", with "Réessayer".
#[component]
fn NotDownloaded(trying: Signal<bool>, retry: impl Fn() + 'static) -> impl IntoView {
    let i18n = crate::app::i18n::use_i18n();
    let texts = move || i18n.texts();
    view! {
        <div class="page">
            <div class="notice notice-error" role="alert">
                <h1>{move || texts().page_not_downloaded_heading}</h1>
                <p>{move || texts().page_not_downloaded}</p>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| retry()
                    disabled=move || trying.get()
                >
                    {move || texts().retry}
                </button>
            </div>
        </div>
    }
}
