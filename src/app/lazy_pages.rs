//! Every screen but the shell and the calendar (the home page) is downloaded when it is first
//! opened: at build time wasm-split cuts the code of each part of the app into a chunk of its
//! own (scripts/build-wasm), so a visitor of `/` downloads none of the team's screens. Screens
//! used together are one part: the team's space, a farmer's lots, the recipes, the accounts.
//!
//! A part that cannot be downloaded (the connection cut while navigating) shows why, with
//! "Réessayer", never a blank page: the split functions are `fallible`.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::LazyRoute;

use crate::app::i18n::use_i18n;
use crate::app::pages;

/// `Route: part, loader => Page;` makes `Route` a lazy route that shows `Page`, whose code goes
/// into the chunk of `part`.
macro_rules! lazy_pages {
    ($($route:ident: $part:ident, $loader:ident => $page:path;)*) => {$(
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                page_or_retry($loader).await
            }
        }

        #[wasm_split($part, fallible, wasm_split_path = ::leptos::wasm_split)]
        fn $loader() -> Result<AnyView, SplitLoaderError> {
            Ok($page().into_any())
        }
    )*};
}

lazy_pages! {
    WorkshopRoute: workshop, load_workshop => pages::workshop::WorkshopPage;
    RecipesRoute: recipes, load_recipes => pages::recipes::RecipesPage;
    RecipeRoute: recipes, load_recipe => pages::recipes::recipe::RecipePage;
    ImpactRoute: impact, load_impact => pages::impact::ImpactPage;
    LoginRoute: accounts, load_login => pages::login::LoginPage;
    AccountRoute: accounts, load_account => pages::account::AccountPage;
    ProducerSignupRoute: accounts, load_producer_signup => pages::producer_signup::ProducerSignupPage;
    WalletRoute: wallet, load_wallet => pages::wallet::WalletPage;
    MyLotsRoute: farm, load_my_lots => pages::farm::MyLotsPage;
    LotFormRoute: farm, load_lot_form => pages::farm::lot_form::LotFormPage;
    StaffRoute: staff, load_staff => pages::staff::StaffPage;
    WorkshopEditorRoute: staff, load_workshop_editor => pages::staff::workshop_editor::WorkshopEditorPage;
    AccountsRoute: staff, load_accounts => pages::staff::accounts::AccountsPage;
    NewAccountRoute: staff, load_new_account => pages::staff::new_account::NewAccountPage;
    PlacesRoute: staff, load_places => pages::staff::places::PlacesPage;
    MarketRoute: staff, load_market => pages::staff::market::MarketPage;
    CollectionRoundRoute: staff, load_collection_round => pages::staff::collection_round::CollectionRoundPage;
    CounterRoute: staff, load_counter => pages::staff::counter::CounterPage;
    StockRoute: staff, load_stock => pages::staff::stock::StockPage;
    StaffImpactRoute: staff, load_staff_impact => pages::impact::StaffImpactPage;
    BatchesRoute: staff, load_batches => pages::staff::batches::BatchesPage;
    NewBatchRoute: staff, load_new_batch => pages::staff::batches::new_batch::NewBatchPage;
    BatchRoute: staff, load_batch => pages::staff::batches::batch::BatchPage;
    BatchLabelsRoute: staff, load_batch_labels => pages::staff::batches::labels::BatchLabelsPage;
    RecipeEditorRoute: staff, load_recipe_editor => pages::staff::recipe_editor::RecipeEditorPage;
}

/// The page once its part is here; if it cannot be downloaded, a notice that tries again.
async fn page_or_retry<Load, Loading>(load: Load) -> AnyView
where
    Load: Fn() -> Loading + Copy + Send + Sync + 'static,
    Loading: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    match load().await {
        Ok(page) => page,
        Err(_) => view! { <NotDownloaded load=load /> }.into_any(),
    }
}

/// "Cette page n'a pas pu être téléchargée", with "Réessayer": a failed download is not kept,
/// so the next try asks the network again; once it comes, the page takes the notice's place.
#[component]
fn NotDownloaded<Load, Loading>(load: Load) -> impl IntoView
where
    Load: Fn() -> Loading + Copy + Send + Sync + 'static,
    Loading: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    // A view is neither Clone nor Send: kept in a local signal and taken out once shown.
    let page = RwSignal::new_local(None::<AnyView>);
    let trying = RwSignal::new(false);
    // The page is made in the retry's task: under this component's owner, where the app's
    // contexts (language, session) are found, as when the router makes it.
    let owner = StoredValue::new(Owner::current());
    let retry = move |_| {
        trying.set(true);
        let task = async move {
            if let Ok(view) = load().await {
                page.set(Some(view));
            }
            trying.set(false);
        };
        match owner.get_value() {
            Some(owner) => owner.with(|| leptos::task::spawn_local_scoped(task)),
            None => leptos::task::spawn_local(task),
        }
    };
    move || {
        page.track();
        match page.try_update_untracked(Option::take).flatten() {
            Some(view) => view,
            None => view! {
                <div class="page">
                    <div class="notice notice-error" role="alert">
                        <h1>{move || texts().page_not_downloaded_heading}</h1>
                        <p>{move || texts().page_not_downloaded}</p>
                        <button
                            type="button"
                            class="button button-secondary"
                            on:click=retry
                            disabled=move || trying.get()
                        >
                            {move || texts().retry}
                        </button>
                    </div>
                </div>
            }
            .into_any(),
        }
    }
}
