//! The web app (feature "csr"): Leptos, client-side rendered, compiled to wasm32.

mod client;
mod components;
mod guest_signups;
mod i18n;
mod idb;
mod lazy_pages;
mod local_store;
mod offline;
mod outbox;
mod page;
mod pages;
mod photo_shrink;
mod push;
mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::shell::Shell;
use lazy_pages::Screen;
use pages::calendar::CalendarPage;
use pages::not_found::NotFoundPage;

pub fn mount() {
    // index.html's loading page, shown while the wasm downloaded; gone in the same task as the
    // app appears, so no frame is blank.
    if let Some(loading) = document().get_element_by_id("app-loading") {
        loading.remove();
    }
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    i18n::provide_i18n();
    offline::provide_connection();
    session::provide_session();
    outbox::provide_outbox(session::use_session());
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=CalendarPage />
                    <Route path=path!("/ateliers/:id") view=Screen::Workshop />
                    <Route path=path!("/recettes") view=Screen::Recipes />
                    <Route path=path!("/recettes/:id") view=Screen::Recipe />
                    <Route path=path!("/impact") view=Screen::Impact />
                    <Route path=path!("/confidentialite") view=Screen::Privacy />
                    <Route path=path!("/mentions-legales") view=Screen::LegalNotice />
                    <Route path=path!("/connexion") view=Screen::Login />
                    <Route path=path!("/mon-compte") view=Screen::Account />
                    <Route path=path!("/mon-compte/donnees") view=Screen::MyData />
                    <Route path=path!("/portefeuille") view=Screen::Wallet />
                    <Route path=path!("/producteurs/inscription") view=Screen::ProducerSignup />
                    <Route path=path!("/animation") view=Screen::Staff />
                    <Route path=path!("/animation/ateliers/nouveau") view=Screen::WorkshopEditor />
                    <Route path=path!("/animation/ateliers/:id") view=Screen::WorkshopEditor />
                    <Route path=path!("/animation/comptes") view=Screen::Accounts />
                    <Route path=path!("/animation/comptes/nouveau") view=Screen::NewAccount />
                    <Route path=path!("/animation/lieux") view=Screen::Places />
                    <Route path=path!("/animation/journal") view=Screen::Journal />
                    <Route path=path!("/animation/reglages") view=Screen::Settings />
                    <Route path=path!("/animation/marche") view=Screen::Market />
                    <Route path=path!("/animation/tournee") view=Screen::CollectionRound />
                    <Route path=path!("/animation/comptoir") view=Screen::Counter />
                    <Route path=path!("/animation/stock") view=Screen::Stock />
                    <Route path=path!("/animation/impact") view=Screen::StaffImpact />
                    <Route path=path!("/animation/programme") view=Screen::StaffProgramme />
                    <Route path=path!("/animation/fabrication") view=Screen::Batches />
                    <Route path=path!("/animation/fabrication/nouveau") view=Screen::NewBatch />
                    <Route path=path!("/animation/fabrication/:id") view=Screen::Batch />
                    <Route path=path!("/animation/fabrication/:id/etiquettes") view=Screen::BatchLabels />
                    <Route path=path!("/animation/recettes/nouvelle") view=Screen::RecipeEditor />
                    <Route path=path!("/animation/recettes/:id") view=Screen::RecipeEditor />
                    <Route path=path!("/producteur/lots") view=Screen::MyLots />
                    <Route path=path!("/producteur/lots/nouveau") view=Screen::LotForm />
                    <Route path=path!("/producteur/lots/:id") view=Screen::LotForm />
                </Routes>
            </Shell>
        </Router>
    }
}
