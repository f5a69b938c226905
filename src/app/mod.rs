//! The web app (feature "csr"): Leptos, client-side rendered, compiled to wasm32.

mod client;
mod components;
mod guest_signups;
mod i18n;
mod idb;
mod local_store;
mod offline;
mod outbox;
mod pages;
mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::shell::Shell;
use pages::account::AccountPage;
use pages::calendar::CalendarPage;
use pages::farm::lot_form::LotFormPage;
use pages::farm::MyLotsPage;
use pages::impact::{ImpactPage, StaffImpactPage};
use pages::login::LoginPage;
use pages::not_found::NotFoundPage;
use pages::producer_signup::ProducerSignupPage;
use pages::recipes::recipe::RecipePage;
use pages::recipes::RecipesPage;
use pages::staff::accounts::AccountsPage;
use pages::staff::batches::batch::BatchPage;
use pages::staff::batches::labels::BatchLabelsPage;
use pages::staff::batches::new_batch::NewBatchPage;
use pages::staff::batches::BatchesPage;
use pages::staff::collection_round::CollectionRoundPage;
use pages::staff::counter::CounterPage;
use pages::staff::market::MarketPage;
use pages::staff::new_account::NewAccountPage;
use pages::staff::places::PlacesPage;
use pages::staff::recipe_editor::RecipeEditorPage;
use pages::staff::stock::StockPage;
use pages::staff::workshop_editor::WorkshopEditorPage;
use pages::staff::StaffPage;
use pages::wallet::WalletPage;
use pages::workshop::WorkshopPage;

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
                    <Route path=path!("/ateliers/:id") view=WorkshopPage />
                    <Route path=path!("/recettes") view=RecipesPage />
                    <Route path=path!("/recettes/:id") view=RecipePage />
                    <Route path=path!("/impact") view=ImpactPage />
                    <Route path=path!("/connexion") view=LoginPage />
                    <Route path=path!("/mon-compte") view=AccountPage />
                    <Route path=path!("/portefeuille") view=WalletPage />
                    <Route path=path!("/producteurs/inscription") view=ProducerSignupPage />
                    <Route path=path!("/animation") view=StaffPage />
                    <Route path=path!("/animation/ateliers/nouveau") view=WorkshopEditorPage />
                    <Route path=path!("/animation/ateliers/:id") view=WorkshopEditorPage />
                    <Route path=path!("/animation/comptes") view=AccountsPage />
                    <Route path=path!("/animation/comptes/nouveau") view=NewAccountPage />
                    <Route path=path!("/animation/lieux") view=PlacesPage />
                    <Route path=path!("/animation/marche") view=MarketPage />
                    <Route path=path!("/animation/tournee") view=CollectionRoundPage />
                    <Route path=path!("/animation/comptoir") view=CounterPage />
                    <Route path=path!("/animation/stock") view=StockPage />
                    <Route path=path!("/animation/impact") view=StaffImpactPage />
                    <Route path=path!("/animation/fabrication") view=BatchesPage />
                    <Route path=path!("/animation/fabrication/nouveau") view=NewBatchPage />
                    <Route path=path!("/animation/fabrication/:id") view=BatchPage />
                    <Route path=path!("/animation/fabrication/:id/etiquettes") view=BatchLabelsPage />
                    <Route path=path!("/animation/recettes/nouvelle") view=RecipeEditorPage />
                    <Route path=path!("/animation/recettes/:id") view=RecipeEditorPage />
                    <Route path=path!("/producteur/lots") view=MyLotsPage />
                    <Route path=path!("/producteur/lots/nouveau") view=LotFormPage />
                    <Route path=path!("/producteur/lots/:id") view=LotFormPage />
                </Routes>
            </Shell>
        </Router>
    }
}
