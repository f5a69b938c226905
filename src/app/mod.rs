//! The web app (feature "csr"): Leptos, client-side rendered, compiled to wasm32.

mod client;
mod components;
mod i18n;
mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::shell::Shell;
use pages::calendar::CalendarPage;
use pages::not_found::NotFoundPage;
use pages::workshop::WorkshopPage;

pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    i18n::provide_i18n();
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=CalendarPage />
                    <Route path=path!("/ateliers/:id") view=WorkshopPage />
                </Routes>
            </Shell>
        </Router>
    }
}
