//! Production batches (*lots de fabrication*): the list (or the batches a farm's lot went
//! into), the form that records one, a batch's page, its labels.

pub mod batch;
pub mod labels;
pub mod new_batch;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::batches::BatchSummary;
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::domain::text::fold;
use crate::domain::when::short_date;

#[component]
pub fn BatchesPage() -> impl IntoView {
    set_title("Lots de fabrication");
    let query = use_query_map();
    // `?lot=ID`: the batches one farm's lot went into (from a batch's traceability table).
    let lot = move || query.with(|query| query.get("lot").and_then(|id| id.parse::<i64>().ok()));
    let batches = LocalResource::new(move || client::batches(lot()));
    view! {
        <div class="page staff-page batches-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Lots de fabrication"</h1>
            <StaffOnly back=pages::BATCHES>
                <div class="actions">
                    <A href=pages::NEW_BATCH attr:class="button button-primary">"Enregistrer un lot de fabrication"</A>
                </div>
                {move || lot().map(|lot| view! {
                    <p class="notice notice-info">
                        {format!("Lots de fabrication où est entré le lot producteur n° {lot}. ")}
                        <A href=pages::BATCHES>"Voir tous les lots"</A>
                    </p>
                })}
                <ShowRead read=batches error_heading="Impossible d'afficher les lots" let:data>
                    {match data {
                        list if list.is_empty() => view! {
                            <div class="empty-state">
                                <h2>"Aucun lot de fabrication pour l'instant"</h2>
                                <p>
                                    "Un lot s'enregistre après la fabrication : une recette dont le pH est mesuré et le barème "
                                    "validé, les lots collectés chez les producteurs, et le relevé de la sonde. Ses étiquettes "
                                    "s'impriment ensuite depuis sa page."
                                </p>
                            </div>
                        }.into_any(),
                        list => view! { <BatchList batches=list /> }.into_any(),
                    }}
                </ShowRead>
            </StaffOnly>
        </div>
    }
}

/// The batches, narrowed by what is typed: a lot number read on a jar, or a recipe.
#[component]
fn BatchList(batches: Vec<BatchSummary>) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let batches = StoredValue::new(batches);
    let shown = move || {
        let words = fold(search.get().trim());
        batches.with_value(|batches| {
            batches
                .iter()
                .filter(|batch| {
                    words.is_empty()
                        || batch.number.contains(&words)
                        || fold(&batch.recipe_title).contains(&words)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="field batch-search">
            <label for="batch-search">"Chercher un numéro de lot ou une recette"</label>
            <input id="batch-search" type="search" inputmode="search" placeholder="20261129-01"
                prop:value=move || search.get() on:input=move |event| search.set(event_target_value(&event)) />
        </div>
        <ul class="batch-list">
            {move || shown().into_iter().map(|batch| {
                let status = if batch.conforming { "Conforme" } else { "Non conforme" };
                view! {
                    <li class="card batch-line" class:is-blocked=!batch.conforming>
                        <A href=pages::batch(batch.id) attr:class="batch-link">
                            <span class="batch-number">{format!("Lot {}", batch.number)}</span>
                            <span class="batch-title">{batch.recipe_title}</span>
                        </A>
                        <span class="muted">{format!("{} · {} bocaux", short_date(batch.made_on), batch.jars)}</span>
                        <span class="badge" class:badge-ok=batch.conforming class:badge-blocked=!batch.conforming>{status}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || shown().is_empty().then(|| view! { <p class="empty">"Aucun lot ne correspond."</p> })}
    }
}
