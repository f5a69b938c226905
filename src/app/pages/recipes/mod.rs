//! The recipe library: search (accents and case ignored), filters, and the list. In French
//! only for now: the recipes themselves are written in French.

pub mod recipe;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::api::paths::pages;
use crate::api::recipes::{RecipeFilter, RecipeSummary};
use crate::app::client::{self, ReadMode};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};
use crate::app::offline::refreshed_resource;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::recipe::{Category, Diet, ProcessMethod};

#[component]
pub fn RecipesPage() -> impl IntoView {
    set_title("Recettes");
    let session = use_session();
    let query = use_query_map();
    // The URL holds the filters: a search can be shared, and "back" returns to it.
    let filter = Memo::new(move |_| {
        query.with(|query| RecipeFilter::from_pairs(query.clone()).unwrap_or_default())
    });
    let recipes =
        refreshed_resource(move || client::list_recipes(filter.get(), ReadMode::ShownAtOnce));
    view! {
        <div class="page recipes-page">
            <div class="page-head">
                <h1>"Recettes"</h1>
                {move || session.is_staff().then(|| view! {
                    <A href=pages::NEW_RECIPE attr:class="button button-secondary">"Nouvelle recette"</A>
                })}
            </div>
            <p class="lead">"Les recettes de la conserverie, avec leurs barèmes, pour les fruits et légumes du moment."</p>
            <Filters filter=filter />
            <ShowRead read=recipes error_heading="Impossible d'afficher les recettes" let:data>
                {match data {
                    list if list.is_empty() && filter.get_untracked().is_empty() => view! {
                        <EmptyLibrary imported=move || recipes.refetch() />
                    }.into_any(),
                    list if list.is_empty() => view! {
                        <p class="empty">"Aucune recette ne correspond. Essayez un autre mot, ou enlevez un filtre."</p>
                    }.into_any(),
                    list => view! {
                        <p class="muted">{format!("{} recette{}", list.len(), if list.len() > 1 { "s" } else { "" })}</p>
                        <ul class="cards recipe-cards">
                            {list.into_iter().map(|recipe| view! { <li><RecipeCard recipe=recipe /></li> }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </ShowRead>
        </div>
    }
}

/// A library with no recipe yet: the team can import the starter library, everyone else is
/// told that recipes will come.
#[component]
fn EmptyLibrary(#[prop(into)] imported: Callback<()>) -> impl IntoView {
    let session = use_session();
    let import = Action::new_local(|_: &()| client::import_starter_library());
    Effect::new(move |_| {
        if let Some(Ok(_)) = import.value().get() {
            imported.run(());
        }
    });
    view! {
        <div class="empty-state">
            <h2>"La bibliothèque est encore vide"</h2>
            {move || if session.is_staff() {
                view! {
                    <p>
                        "Pour commencer, importez les 16 recettes de départ de Bocal (fruits et légumes de la Drôme) : "
                        "elles arrivent en brouillon, pH à mesurer et barème à faire valider, et ne servent à "
                        "aucune production avant que vous les ayez mesurées et fait valider."
                    </p>
                    <p class="muted">
                        "Un barème est validé pour un autoclave et une conserverie : celui d'une autre conserverie "
                        "ne vaut pas pour la vôtre."
                    </p>
                    <div class="actions">
                        <button type="button" class="button button-primary"
                            disabled=move || import.pending().get()
                            on:click=move |_| { import.dispatch(()); }>
                            {move || if import.pending().get() { "Import en cours…" } else { "Importer la bibliothèque de départ" }}
                        </button>
                        <A href=pages::NEW_RECIPE attr:class="button button-secondary">"Écrire une recette"</A>
                    </div>
                    {move || import.value().get().and_then(Result::err).map(|error| view! {
                        <p class="notice notice-error" role="alert">{error.message(STAFF_OFFLINE)}</p>
                    })}
                }.into_any()
            } else {
                view! {
                    <p>"La conserverie n'a pas encore publié de recette. Elles arrivent avec les premiers ateliers : revenez bientôt."</p>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn Filters(filter: Memo<RecipeFilter>) -> impl IntoView {
    let navigate = use_navigate();
    let apply = move |filter: RecipeFilter| {
        let query: ParamsMap = filter.to_pairs().into_iter().collect();
        navigate(
            &format!("{}{}", pages::RECIPES, query.to_query_string()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let search_text = RwSignal::new(filter.get_untracked().query.unwrap_or_default());
    let on_search = {
        let apply = apply.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let text = search_text.get_untracked();
            apply(RecipeFilter {
                query: Some(text.trim().to_string()).filter(|text| !text.is_empty()),
                ..filter.get_untracked()
            });
        }
    };
    let on_category = {
        let apply = apply.clone();
        move |event| {
            apply(RecipeFilter {
                category: Category::from_code(&event_target_value(&event)),
                ..filter.get_untracked()
            })
        }
    };
    let on_diet = {
        let apply = apply.clone();
        move |event| {
            apply(RecipeFilter {
                diet: Diet::from_code(&event_target_value(&event)),
                ..filter.get_untracked()
            })
        }
    };
    let toggle_season = {
        let apply = apply.clone();
        move |_| {
            let current = filter.get_untracked();
            apply(RecipeFilter {
                in_season: !current.in_season,
                ..current
            })
        }
    };
    let toggle_offer = move |_| {
        let current = filter.get_untracked();
        apply(RecipeFilter {
            on_offer: !current.on_offer,
            ..current
        })
    };
    view! {
        <form class="recipe-search" role="search" on:submit=on_search>
            <label for="recipe-query" class="visually-hidden">"Chercher une recette"</label>
            <input id="recipe-query" type="search" placeholder="tomate, confiture, crème…" autocomplete="off"
                prop:value=move || search_text.get() on:input=move |e| search_text.set(event_target_value(&e)) />
            <button type="submit" class="button button-primary">"Chercher"</button>
        </form>
        <div class="filters">
            <div class="field">
                <label for="recipe-category">"Catégorie"</label>
                <select id="recipe-category" on:change=on_category>
                    <option value="">"Toutes"</option>
                    {Category::ALL.into_iter().map(|category| view! {
                        <option value=category.code() prop:selected=move || filter.get().category == Some(category)>{category.label_fr()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="recipe-diet">"Régime"</label>
                <select id="recipe-diet" on:change=on_diet>
                    <option value="">"Tous"</option>
                    {Diet::ALL.into_iter().map(|diet| view! {
                        <option value=diet.code() prop:selected=move || filter.get().diet == Some(diet)>{diet.label_fr()}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
        <div class="chips" role="group" aria-label="Filtres rapides">
            <button type="button" class="chip" aria-pressed=move || filter.get().in_season.to_string() on:click=toggle_season>"De saison"</button>
            <button type="button" class="chip" aria-pressed=move || filter.get().on_offer.to_string() on:click=toggle_offer>"Avec les lots du moment"</button>
        </div>
    }
}

#[component]
fn RecipeCard(recipe: RecipeSummary) -> impl IntoView {
    let method = match recipe.method {
        ProcessMethod::WaterBath => "Bain-marie",
        ProcessMethod::Autoclave => "Autoclave",
    };
    view! {
        <A href=pages::recipe(recipe.id) attr:class="workshop-card recipe-card">
            <span class="card-when">{recipe.category.label_fr()}</span>
            <span class="card-title">{recipe.title}</span>
            <span class="card-place">{recipe.main_produce}</span>
            <span class="badges">
                <span class="badge">{method}</span>
                {recipe.on_offer.then(|| view! { <span class="badge recipe-on-offer">"Lots disponibles"</span> })}
                {recipe.in_season.then(|| view! { <span class="badge">"De saison"</span> })}
                {(!recipe.validated).then(|| view! { <span class="badge status-planned">"Barème non validé"</span> })}
            </span>
        </A>
    }
}
