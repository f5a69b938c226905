//! The team's market: every lot on offer or reserved, most urgent first, with filters and
//! the kilos on offer per produce; reserve, collect or release a lot from here.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::lots::{totals_by_produce, Lot, MarketFilter};
use crate::api::paths::pages;
use crate::api::workshops::WorkshopFilter;
use crate::app::client::{self, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::lot_actions::{FarmCard, LotActions};
use crate::app::components::lot_summary::LotSummary;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::domain::lot::{format_kilos, Grade, LotStatus};
use crate::domain::text::fold;
use crate::domain::Workshop;

#[component]
pub fn MarketPage() -> impl IntoView {
    set_title("Marché des producteurs");
    view! {
        <div class="page staff-page market-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Marché des producteurs"</h1>
            <StaffOnly back=pages::MARKET>
                <div class="actions">
                    <A href=pages::COLLECTION_ROUND attr:class="button button-secondary">"Tournée de collecte"</A>
                </div>
                <Market />
            </StaffOnly>
        </div>
    }
}

#[component]
fn Market() -> impl IntoView {
    let lots = LocalResource::new(client::market);
    // Workshops a lot can be reserved for: the coming ones.
    let workshops = LocalResource::new(|| {
        client::list_workshops(WorkshopFilter::default().into(), ReadMode::NetworkFirst)
    });
    let produce = RwSignal::new(String::new());
    let commune = RwSignal::new(String::new());
    let grade = RwSignal::new(String::new());
    let ends_by = RwSignal::new(String::new());
    let filter = Memo::new(move |_| {
        let text = |signal: RwSignal<String>| Some(signal.get()).filter(|value| !value.is_empty());
        MarketFilter {
            produce: text(produce),
            commune: text(commune),
            grade: Grade::from_code(&grade.get()),
            ends_by: ends_by.get().parse::<NaiveDate>().ok(),
        }
    });
    view! {
        <ShowRead read=lots error_heading="Impossible d'afficher le marché" let:all>
            {
                if all.is_empty() {
                    return view! {
                        <div class="empty-state">
                            <h2>"Aucun lot proposé pour l'instant"</h2>
                            <p>
                                "Les producteurs proposent ici leurs surplus depuis leur téléphone, une fois leur compte validé "
                                "(les demandes attendent sur l'accueil de l'espace animation). Invitez les fermes du territoire "
                                "à demander le leur : "
                                <A href=pages::PRODUCER_SIGNUP>"inscription des producteurs"</A>
                                "."
                            </p>
                        </div>
                    }.into_any();
                }
                let options = |key: fn(&Lot) -> &str| {
                    let mut values: Vec<String> = Vec::new();
                    for lot in &all {
                        if !values.iter().any(|value| fold(value) == fold(key(lot))) {
                            values.push(key(lot).to_string());
                        }
                    }
                    values.sort_by_key(|value| fold(value));
                    values
                };
                let produce_options = options(|lot| &lot.produce);
                let commune_options = options(|lot| &lot.pickup_commune);
                let shown = {
                    let all = all.clone();
                    move || -> Vec<Lot> {
                        let filter = filter.get();
                        all.iter().filter(|lot| filter.matches(lot)).cloned().collect()
                    }
                };
                let shown_for_totals = shown.clone();
                let upcoming = move || {
                    workshops
                        .get()
                        .and_then(Result::ok)
                        .map(|list| list.workshops)
                        .unwrap_or_default()
                };
                view! {
                    <div class="filters market-filters">
                        <Choice label="Produit" id="filter-produce" value=produce all="Tous" options=produce_options />
                        <Choice label="Commune" id="filter-commune" value=commune all="Toutes" options=commune_options />
                        <div class="field">
                            <label for="filter-grade">"État"</label>
                            <select id="filter-grade" on:change=move |e| grade.set(event_target_value(&e))>
                                <option value="">"Tous"</option>
                                {Grade::ALL.into_iter().map(|option| view! { <option value=option.code()>{option.label_fr()}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-ends">"À retirer avant le"</label>
                            <input id="filter-ends" type="date" prop:value=move || ends_by.get() on:input=move |e| ends_by.set(event_target_value(&e)) />
                        </div>
                    </div>
                    <section class="totals" aria-labelledby="totals-heading">
                        <h2 id="totals-heading">"En ce moment"</h2>
                        {move || {
                            let lots = shown_for_totals();
                            let totals = totals_by_produce(lots.iter().filter(|lot| lot.status == LotStatus::Published));
                            if totals.is_empty() {
                                return view! { <p class="muted">"Aucun lot à prendre."</p> }.into_any();
                            }
                            view! {
                                <ul class="chips">
                                    {totals.into_iter().map(|total| view! {
                                        <li class="chip total">
                                            <strong>{total.produce}</strong> " " {format_kilos(total.grams)}
                                            <span class="muted">{format!(" · {} lot{}", total.lots, if total.lots > 1 { "s" } else { "" })}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    {move || {
                        let shown_lots = shown();
                        if shown_lots.is_empty() {
                            return view! { <p class="empty">"Aucun lot ne correspond à ces filtres."</p> }.into_any();
                        }
                        view! {
                            <ul class="lot-list">
                                {shown_lots.into_iter().map(|lot| view! {
                                    <li><MarketLot lot=lot workshops=upcoming() on_change=move || lots.refetch() /></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }
                .into_any()
            }
        </ShowRead>
    }
}

#[component]
fn Choice(
    label: &'static str,
    id: &'static str,
    value: RwSignal<String>,
    all: &'static str,
    options: Vec<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |e| value.set(event_target_value(&e))>
                <option value="">{all}</option>
                {options.into_iter().map(|option| view! { <option value=option.clone()>{option.clone()}</option> }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn MarketLot(
    lot: Lot,
    workshops: Vec<Workshop>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <LotSummary lot=lot.clone()>
            <FarmCard lot=lot.clone() />
            <LotActions lot=lot workshops=workshops on_change=on_change />
        </LotSummary>
    }
}
