//! The day's collection round: the reserved lots of a day in the order of their pick-up
//! windows, with addresses, phone and map links. Printable for the truck's glovebox.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::lots::Lot;
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::lot_actions::{FarmCard, LotActions};
use crate::app::components::lot_summary::LotStatusBadge;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::domain::lot::{format_kilos, LotStatus};
use crate::domain::map_link::{address_map_url, MapApp};
use crate::domain::time::local_date;
use crate::domain::when::date_phrase;
use crate::domain::Lang;

#[component]
pub fn CollectionRoundPage() -> impl IntoView {
    set_title("Tournée de collecte");
    let today = local_date(Utc::now());
    let day = RwSignal::new(today.to_string());
    let round = LocalResource::new(move || {
        let day = day.get().parse::<NaiveDate>().unwrap_or(today);
        client::collection_round(day)
    });
    view! {
        <div class="page staff-page round-page">
            <BackLink href=pages::MARKET label="Marché des producteurs" />
            <h1>"Tournée de collecte"</h1>
            <StaffOnly back=pages::COLLECTION_ROUND>
                <div class="filters no-print">
                    <div class="field">
                        <label for="round-day">"Jour"</label>
                        <input id="round-day" type="date" prop:value=move || day.get() on:input=move |e| day.set(event_target_value(&e)) />
                    </div>
                    <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>"Imprimer"</button>
                </div>
                <ShowRead read=round error_heading="Impossible d'afficher la tournée" let:round_of_day>
                    {
                        let heading = date_phrase(Lang::Fr, today, round_of_day.day);
                        let total: u64 = round_of_day.lots.iter().map(Lot::grams).sum();
                        if round_of_day.lots.is_empty() {
                            return view! {
                                <p class="empty">"Aucune collecte prévue ce jour-là. Réservez des lots depuis le "
                                    <A href=pages::MARKET>"marché"</A> "."</p>
                            }.into_any();
                        }
                        view! {
                            <h2 class="round-day">{heading} <span class="muted">{format!(" · {} lot{} · {} environ", round_of_day.lots.len(), if round_of_day.lots.len() > 1 { "s" } else { "" }, format_kilos(total))}</span></h2>
                            <ol class="round">
                                {round_of_day.lots.into_iter().map(|lot| view! { <RoundStop lot=lot on_change=move || round.refetch() /> }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                </ShowRead>
            </StaffOnly>
        </div>
    }
}

#[component]
fn RoundStop(lot: Lot, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let user_agent = window().navigator().user_agent().unwrap_or_default();
    let map = address_map_url(
        &lot.pickup_address,
        &lot.pickup_commune,
        MapApp::for_user_agent(&user_agent),
    );
    let today = local_date(Utc::now());
    let title = if lot.variety.is_empty() {
        lot.produce.clone()
    } else {
        format!("{} – {}", lot.produce, lot.variety)
    };
    let until = format!(
        "à retirer au plus tard {}",
        date_phrase(Lang::Fr, today, lot.available_until)
    );
    let workshop = lot
        .reservation
        .as_ref()
        .and_then(|r| r.workshop.as_ref())
        .map(|w| w.title.clone());
    let status = lot.status;
    let collected = lot
        .collected_grams
        .map(|grams| format!("Pesé : {}", format_kilos(grams.into())));
    view! {
        <li class="round-stop" class:is-done=status != LotStatus::Reserved>
            <div class="lot-head">
                <h3 class="lot-title">{title}</h3>
                <LotStatusBadge status=status />
            </div>
            <p><strong>{lot.quantity.label_fr()}</strong> " · " {lot.grade.label_fr()} " · " {until}</p>
            {workshop.map(|title| view! { <p class="lot-reservation">"Pour « " {title} " »"</p> })}
            <FarmCard lot=lot.clone() />
            {(!lot.note.is_empty()).then(|| view! { <p class="lot-note">{lot.note.clone()}</p> })}
            {collected.map(|text| view! { <p>{text}</p> })}
            <a class="button button-secondary button-small no-print" href=map>"Itinéraire"</a>
            <LotActions lot=lot workshops=Vec::new() on_change=on_change />
        </li>
    }
}
