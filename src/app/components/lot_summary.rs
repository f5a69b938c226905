//! A lot as every marketplace screen shows it: what, how much, how it looks, when to pick it
//! up, at what price, with its photos. Pages add their own actions below.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use crate::api::lots::Lot;
use crate::api::paths;
use crate::domain::lot::{format_kilos, LotStatus};
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, day_phrase};
use crate::domain::Lang;

/// "du lundi 30 novembre au vendredi 4 décembre", or "vendredi 4 décembre" for one day.
pub fn window_phrase(lot: &Lot, today: NaiveDate) -> String {
    if lot.available_from == lot.available_until {
        return date_phrase(Lang::Fr, today, lot.available_until);
    }
    format!(
        "du {} au {}",
        date_phrase(Lang::Fr, today, lot.available_from),
        date_phrase(Lang::Fr, today, lot.available_until)
    )
}

#[component]
pub fn LotStatusBadge(status: LotStatus) -> impl IntoView {
    view! { <span class=format!("badge lot-status lot-{}", status.code())>{status.label_fr()}</span> }
}

#[component]
pub fn LotSummary(lot: Lot, children: Children) -> impl IntoView {
    let today = local_date(Utc::now());
    let title = if lot.variety.is_empty() {
        lot.produce.clone()
    } else {
        format!("{} – {}", lot.produce, lot.variety)
    };
    let open = matches!(lot.status, LotStatus::Published);
    let ends_soon = open && (lot.available_until - today).num_days() <= 1;
    let window = window_phrase(&lot, today);
    let ends = format!(
        "jusqu'à {}",
        day_phrase(Lang::Fr, today, lot.available_until)
    );
    let reservation = lot.reservation.clone().map(|reservation| {
        let mut text = format!(
            "Collecte {}",
            day_phrase(Lang::Fr, today, reservation.collect_on)
        );
        if let Some(workshop) = reservation.workshop {
            text.push_str(&format!(" · pour « {} »", workshop.title));
        }
        text
    });
    view! {
        <article class="lot" class:is-urgent=ends_soon>
            <div class="lot-head">
                <h3 class="lot-title">{title}</h3>
                <LotStatusBadge status=lot.status />
            </div>
            <p class="lot-quantity">
                <strong>{lot.quantity.label_fr()}</strong>
                " · " {lot.grade.label_fr()}
                " · " {lot.price.label_fr()}
            </p>
            <p class="lot-window">
                "Retrait " {window}
                {ends_soon.then(|| view! { <span class="badge lot-urgent">{ends.clone()}</span> })}
            </p>
            {reservation.map(|text| view! { <p class="lot-reservation">{text}</p> })}
            {lot.collected_grams.map(|grams| view! {
                <p class="lot-weighed">"Pesé à la collecte : " <strong>{format_kilos(grams.into())}</strong></p>
            })}
            {(!lot.note.is_empty()).then(|| view! { <p class="lot-note">{lot.note.clone()}</p> })}
            {(!lot.photo_ids.is_empty()).then(|| view! {
                <div class="lot-photos">
                    {lot.photo_ids.iter().map(|id| view! {
                        <a href=paths::lot_photo(*id) target="_blank">
                            <img src=paths::lot_photo(*id) alt="Photo du lot" loading="lazy" width="96" height="72" />
                        </a>
                    }).collect_view()}
                </div>
            })}
            {children()}
        </article>
    }
}
