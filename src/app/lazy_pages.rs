//! Every screen but the shell and the calendar (the home page) is downloaded when it is first
//! opened: at build time wasm-split cuts the code of each part of the app into a chunk of its
//! own (scripts/build-wasm), so a visitor of `/` downloads none of the team's screens. Screens
//! used together are one part: the team's space, a farmer's lots, the recipes, the accounts.
//!
//! A part that cannot be downloaded (the connection cut while navigating) shows why, with
//! "Réessayer", never a blank page: the split functions are `fallible`.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::ChooseView;

use crate::app::i18n::use_i18n;
use crate::app::pages;

/// `part, loader { Screen => Page, ... }` puts the code of each `Page` into the chunk of
/// `part`, fetched by `loader` the first time one of its screens is opened.
///
/// The route table names a screen by a variant of one `Screen` enum: one type for every lazy
/// route, so that the router's code and the "Réessayer" notice are not copied for each of them
/// (with a type per route, the main module was 9.4 KB brotli larger).
macro_rules! lazy_pages {
    ($($part:ident, $loader:ident { $($screen:ident => $page:path,)* })*) => {
        /// A screen that is downloaded when first opened: the view of its route.
        #[derive(Clone, Copy)]
        pub enum Screen {
            $($($screen,)*)*
        }

        impl Screen {
            /// The screen's page, once its part is here.
            async fn load(self) -> Result<AnyView, SplitLoaderError> {
                match self {
                    $($(Screen::$screen)|* => $loader(self).await,)*
                }
            }
        }

        $(
            #[wasm_split($part, fallible, wasm_split_path = ::leptos::wasm_split)]
            fn $loader(screen: Screen) -> Result<AnyView, SplitLoaderError> {
                Ok(match screen {
                    $(Screen::$screen => $page().into_any(),)*
                    // `Screen::load` asks each part for its own screens only.
                    _ => unreachable!("a screen of another part"),
                })
            }
        )*
    };
}

lazy_pages! {
    workshop, load_workshop {
        Workshop => pages::workshop::WorkshopPage,
    }
    recipes, load_recipes {
        Recipes => pages::recipes::RecipesPage,
        Recipe => pages::recipes::recipe::RecipePage,
    }
    impact, load_impact {
        Impact => pages::impact::ImpactPage,
    }
    legal, load_legal {
        Privacy => pages::legal::PrivacyPage,
        LegalNotice => pages::legal::LegalNoticePage,
    }
    accounts, load_accounts {
        Login => pages::login::LoginPage,
        Account => pages::account::AccountPage,
        MyData => pages::my_data::MyDataPage,
        ProducerSignup => pages::producer_signup::ProducerSignupPage,
    }
    wallet, load_wallet {
        Wallet => pages::wallet::WalletPage,
    }
    farm, load_farm {
        MyLots => pages::farm::MyLotsPage,
        LotForm => pages::farm::lot_form::LotFormPage,
    }
    staff, load_staff {
        Staff => pages::staff::StaffPage,
        WorkshopEditor => pages::staff::workshop_editor::WorkshopEditorPage,
        Accounts => pages::staff::accounts::AccountsPage,
        NewAccount => pages::staff::new_account::NewAccountPage,
        Places => pages::staff::places::PlacesPage,
        Journal => pages::staff::journal::JournalPage,
        Settings => pages::staff::settings::SettingsPage,
        Market => pages::staff::market::MarketPage,
        CollectionRound => pages::staff::collection_round::CollectionRoundPage,
        Counter => pages::staff::counter::CounterPage,
        Stock => pages::staff::stock::StockPage,
        StaffImpact => pages::impact::StaffImpactPage,
        StaffProgramme => pages::staff::programme::ProgrammePage,
        Batches => pages::staff::batches::BatchesPage,
        NewBatch => pages::staff::batches::new_batch::NewBatchPage,
        Batch => pages::staff::batches::batch::BatchPage,
        BatchLabels => pages::staff::batches::labels::BatchLabelsPage,
        RecipeEditor => pages::staff::recipe_editor::RecipeEditorPage,
    }
}

impl ChooseView for Screen {
    /// The page once its part is here; if it cannot be downloaded, a notice that tries again.
    async fn choose(self) -> AnyView {
        match self.load().await {
            Ok(page) => page,
            Err(_) => view! { <NotDownloaded screen=self /> }.into_any(),
        }
    }

    async fn preload(&self) {}
}

/// "Cette page n'a pas pu être téléchargée", with "Réessayer": a failed download is not kept,
/// so the next try asks the network again; once it comes, the page takes the notice's place.
#[component]
fn NotDownloaded(screen: Screen) -> impl IntoView {
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
            if let Ok(view) = screen.load().await {
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
