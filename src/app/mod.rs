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
mod pages;
mod photo_shrink;
mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

use components::shell::Shell;
use lazy_pages::*;
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
                    <Route path=path!("/ateliers/:id") view={Lazy::<WorkshopRoute>::new()} />
                    <Route path=path!("/recettes") view={Lazy::<RecipesRoute>::new()} />
                    <Route path=path!("/recettes/:id") view={Lazy::<RecipeRoute>::new()} />
                    <Route path=path!("/impact") view={Lazy::<ImpactRoute>::new()} />
                    <Route path=path!("/connexion") view={Lazy::<LoginRoute>::new()} />
                    <Route path=path!("/mon-compte") view={Lazy::<AccountRoute>::new()} />
                    <Route path=path!("/portefeuille") view={Lazy::<WalletRoute>::new()} />
                    <Route path=path!("/producteurs/inscription") view={Lazy::<ProducerSignupRoute>::new()} />
                    <Route path=path!("/animation") view={Lazy::<StaffRoute>::new()} />
                    <Route path=path!("/animation/ateliers/nouveau") view={Lazy::<WorkshopEditorRoute>::new()} />
                    <Route path=path!("/animation/ateliers/:id") view={Lazy::<WorkshopEditorRoute>::new()} />
                    <Route path=path!("/animation/comptes") view={Lazy::<AccountsRoute>::new()} />
                    <Route path=path!("/animation/comptes/nouveau") view={Lazy::<NewAccountRoute>::new()} />
                    <Route path=path!("/animation/lieux") view={Lazy::<PlacesRoute>::new()} />
                    <Route path=path!("/animation/marche") view={Lazy::<MarketRoute>::new()} />
                    <Route path=path!("/animation/tournee") view={Lazy::<CollectionRoundRoute>::new()} />
                    <Route path=path!("/animation/comptoir") view={Lazy::<CounterRoute>::new()} />
                    <Route path=path!("/animation/stock") view={Lazy::<StockRoute>::new()} />
                    <Route path=path!("/animation/impact") view={Lazy::<StaffImpactRoute>::new()} />
                    <Route path=path!("/animation/fabrication") view={Lazy::<BatchesRoute>::new()} />
                    <Route path=path!("/animation/fabrication/nouveau") view={Lazy::<NewBatchRoute>::new()} />
                    <Route path=path!("/animation/fabrication/:id") view={Lazy::<BatchRoute>::new()} />
                    <Route path=path!("/animation/fabrication/:id/etiquettes") view={Lazy::<BatchLabelsRoute>::new()} />
                    <Route path=path!("/animation/recettes/nouvelle") view={Lazy::<RecipeEditorRoute>::new()} />
                    <Route path=path!("/animation/recettes/:id") view={Lazy::<RecipeEditorRoute>::new()} />
                    <Route path=path!("/producteur/lots") view={Lazy::<MyLotsRoute>::new()} />
                    <Route path=path!("/producteur/lots/nouveau") view={Lazy::<LotFormRoute>::new()} />
                    <Route path=path!("/producteur/lots/:id") view={Lazy::<LotFormRoute>::new()} />
                </Routes>
            </Shell>
        </Router>
    }
}
