//! A lot as the team handles it: the farm's contact card and the next step (reserve, collect,
//! release, mark processed). The market and the collection round show them.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use crate::api::lots::{Lot, LotAction};
use crate::app::client;
use crate::app::components::states::STAFF_OFFLINE;
use crate::domain::account::format_phone;
use crate::domain::lot::{kilos_for_input, parse_kilos, LotStatus};
use crate::domain::time::local_date;
use crate::domain::when::date_phrase;
use crate::domain::{Lang, Workshop};

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
        Some(Err(failure)) => error.set(Some(failure.message(STAFF_OFFLINE))),
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
