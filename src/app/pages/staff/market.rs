//! The team's market: every lot on offer or reserved, most urgent first, with filters and
//! the kilos on offer per produce; reserve, collect or release a lot from here.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{StaffOnly, OFFLINE};
use crate::api::lots::{totals_by_produce, Lot, LotAction, MarketFilter};
use crate::api::paths::pages;
use crate::api::workshops::WorkshopFilter;
use crate::app::client::{self, ReadMode};
use crate::app::components::back_link::BackLink;
use crate::app::components::lot_summary::LotSummary;
use crate::app::components::states::{ErrorNotice, Loading};
use crate::app::pages::set_title;
use crate::domain::account::format_phone;
use crate::domain::lot::{format_kilos, kilos_for_input, parse_kilos, Grade, LotStatus};
use crate::domain::text::fold;
use crate::domain::time::local_date;
use crate::domain::when::date_phrase;
use crate::domain::{Lang, Workshop};

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
    move || {
        match lots.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorNotice error=error heading="Impossible d'afficher le marché" retry=move |_| lots.refetch() />
        }
        .into_any(),
        Some(Ok(all)) => {
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
    }
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

/// The farm's contact card: for the team only (the API sends it to no one else).
#[component]
pub fn FarmCard(lot: Lot) -> impl IntoView {
    lot.farm.map(|farm| {
        let phone = format_phone(&farm.phone);
        view! {
            <p class="lot-farm">
                <strong>{farm.farm_name}</strong> " · " {farm.contact_name} " · "
                <a href=format!("tel:{}", farm.phone)>{phone}</a>
                <br />
                <span class="muted">{lot.pickup_address} ", " {lot.pickup_commune}</span>
            </p>
        }
    })
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

/// The team's next step for a lot: reserve it (published), record its collection or release
/// it (reserved), mark it processed (collected).
#[component]
pub fn LotActions(
    lot: Lot,
    workshops: Vec<Workshop>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = lot.id;
    let today = local_date(Utc::now());
    let status = lot.status;
    let first_day = lot.available_from.max(today);
    let collect_on = RwSignal::new(first_day.to_string());
    let workshop = RwSignal::new(String::new());
    let kilos = RwSignal::new(kilos_for_input(lot.grams()));
    let error = RwSignal::new(None::<String>);
    let act = Action::new_local(move |action: &LotAction| {
        let action = action.clone();
        async move { client::act_on_lot(id, action).await }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(_)) => on_change(),
        Some(Err(failure)) => error.set(Some(failure.message(OFFLINE))),
        None => {}
    });
    let reserve = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        error.set(None);
        match collect_on.get_untracked().parse::<NaiveDate>() {
            Ok(day) => {
                act.dispatch(LotAction::Reserve {
                    collect_on: day,
                    workshop_id: workshop.get_untracked().parse().ok(),
                });
            }
            Err(_) => error.set(Some("Choisissez le jour de la collecte.".into())),
        }
    };
    let collect = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        error.set(None);
        match parse_kilos(&kilos.get_untracked()) {
            Some(grams) if grams > 0 => {
                act.dispatch(LotAction::Collect { grams });
            }
            _ => error.set(Some(
                "Indiquez le poids pesé en kilos, par exemple 38,5.".into(),
            )),
        }
    };
    let (window_from, window_until) = (first_day.to_string(), lot.available_until.to_string());
    let reserve_id = format!("collect-on-{id}");
    let workshop_id = format!("workshop-{id}");
    let kilos_id = format!("kilos-{id}");
    view! {
        <div class="lot-actions no-print">
            {move || error.get().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
            {match status {
                LotStatus::Published => view! {
                    <form class="lot-action" on:submit=reserve>
                        <div class="field">
                            <label for=reserve_id.clone()>"Jour de collecte"</label>
                            <input id=reserve_id type="date" min=window_from max=window_until
                                prop:value=move || collect_on.get() on:input=move |e| collect_on.set(event_target_value(&e)) />
                        </div>
                        <div class="field">
                            <label for=workshop_id.clone()>"Pour l'atelier (facultatif)"</label>
                            <select id=workshop_id on:change=move |e| workshop.set(event_target_value(&e))>
                                <option value="">"Jour de collecte seulement"</option>
                                {workshops.into_iter().map(|w| view! {
                                    <option value=w.id.to_string()>
                                        {format!("{} – {}", date_phrase(Lang::Fr, today, local_date(w.starts_at)), w.title)}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button button-primary" disabled=move || act.pending().get()>"Réserver"</button>
                    </form>
                }.into_any(),
                LotStatus::Reserved => view! {
                    <form class="lot-action" on:submit=collect>
                        <div class="field">
                            <label for=kilos_id.clone()>"Poids pesé (kg)"</label>
                            <input id=kilos_id type="text" inputmode="decimal"
                                prop:value=move || kilos.get() on:input=move |e| kilos.set(event_target_value(&e)) />
                        </div>
                        <button type="submit" class="button button-primary" disabled=move || act.pending().get()>"Collecté"</button>
                        <button type="button" class="button button-secondary" disabled=move || act.pending().get()
                            on:click=move |_| { act.dispatch(LotAction::Release); }>"Lever la réservation"</button>
                    </form>
                }.into_any(),
                LotStatus::Collected => view! {
                    <button type="button" class="button button-secondary" disabled=move || act.pending().get()
                        on:click=move |_| { act.dispatch(LotAction::MarkProcessed); }>"Marquer transformé"</button>
                }.into_any(),
                _ => ().into_any(),
            }}
        </div>
    }
}
