//! The animators' space. In French only: the team works in French, and every screen here
//! is for them.

pub mod accounts;
pub mod batches;
pub mod collection_round;
pub mod counter;
pub mod journal;
pub mod market;
pub mod new_account;
pub mod places;
pub mod programme;
pub mod recipe_editor;
pub mod settings;
pub mod stock;
pub mod workshop_editor;

use chrono::{Days, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::paths::pages;
use crate::api::workshops::WorkshopFilter;
use crate::app::client::{self, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::account::format_phone;
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, time_range_phrase};
use crate::domain::{Lang, Role, Workshop, WorkshopStatus};

#[component]
pub fn StaffPage() -> impl IntoView {
    set_title("Animation");
    let session = use_session();
    let is_admin = move || session.me().is_some_and(|me| me.role == Role::Admin);
    view! {
        <div class="page staff-page">
            <h1>"Espace animation"</h1>
            <StaffOnly back=pages::STAFF>
                <div class="actions">
                    <A href=pages::COUNTER attr:class="button button-primary">"Comptoir"</A>
                    <A href=pages::NEW_WORKSHOP attr:class="button button-primary">"Nouvel atelier"</A>
                    <A href=pages::MARKET attr:class="button button-secondary">"Marché des producteurs"</A>
                    <A href=pages::COLLECTION_ROUND attr:class="button button-secondary">"Tournée de collecte"</A>
                    <A href=pages::NEW_RECIPE attr:class="button button-secondary">"Nouvelle recette"</A>
                    <A href=pages::BATCHES attr:class="button button-secondary">"Lots de fabrication"</A>
                    <A href=pages::STOCK attr:class="button button-secondary">"Stock et exports"</A>
                    <A href=pages::STAFF_IMPACT attr:class="button button-secondary">"Chiffres d'impact"</A>
                    <A href=pages::STAFF_PROGRAMME attr:class="button button-secondary">"Affiches et site web"</A>
                    <A href=pages::ACCOUNTS attr:class="button button-secondary">"Comptes adhérents"</A>
                    <A href=pages::PLACES attr:class="button button-secondary">"Lieux"</A>
                    {move || is_admin().then(|| view! {
                        <A href=pages::JOURNAL attr:class="button button-secondary">"Journal"</A>
                        <A href=pages::SETTINGS attr:class="button button-secondary">"Réglages"</A>
                    })}
                </div>
                <StaffWorkshops />
                <PendingProducers />
            </StaffOnly>
        </div>
    }
}

/// How far back the dashboard lists past workshops: long enough to record attendance after
/// the day.
const RECENT_DAYS: u64 = 14;

/// Upcoming workshops, then those of the last two weeks (where attendance is recorded).
#[component]
fn StaffWorkshops() -> impl IntoView {
    let today = local_date(Utc::now());
    let filter = WorkshopFilter {
        from: today.checked_sub_days(Days::new(RECENT_DAYS)),
        ..Default::default()
    };
    let workshops = LocalResource::new(move || {
        client::list_workshops(filter.clone().into(), ReadMode::NetworkFirst)
    });
    view! {
        <ShowRead read=workshops error_heading="Impossible d'afficher les ateliers" let:list>
            {
                let now = Utc::now();
                let (mut past, upcoming): (Vec<Workshop>, Vec<Workshop>) =
                    list.workshops.into_iter().partition(|w| w.ends_at <= now);
                past.reverse();
                view! {
                    <section aria-labelledby="upcoming-heading">
                        <h2 id="upcoming-heading">"Ateliers à venir"</h2>
                        <WorkshopRows workshops=upcoming today=today />
                    </section>
                    <section aria-labelledby="recent-heading">
                        <h2 id="recent-heading">"Ateliers passés : noter les présences"</h2>
                        <WorkshopRows workshops=past today=today />
                    </section>
                }.into_any()
            }
        </ShowRead>
    }
}

#[component]
fn WorkshopRows(workshops: Vec<Workshop>, today: NaiveDate) -> impl IntoView {
    if workshops.is_empty() {
        return view! { <p class="muted">"Aucun atelier."</p> }.into_any();
    }
    view! {
        <ul class="staff-list">
            {workshops.into_iter().map(|w| {
                let when = format!(
                    "{}, {}",
                    date_phrase(Lang::Fr, today, local_date(w.starts_at)),
                    time_range_phrase(Lang::Fr, w.starts_at, w.ends_at)
                );
                let status = match w.status {
                    WorkshopStatus::Planned => Some(("badge status-planned", "À confirmer")),
                    WorkshopStatus::Cancelled => Some(("badge status-cancelled", "Annulé")),
                    _ => None,
                };
                let cancelled = w.is_cancelled();
                view! {
                    <li class:is-cancelled=cancelled>
                        <div class="staff-item-main">
                            <A href=pages::edit_workshop(w.id) attr:class="staff-item-title">{w.title.clone()}</A>
                            {status.map(|(class, label)| view! { <span class=class>{label}</span> })}
                            <span class="muted">{when} " · " {w.place.name.clone()} ", " {w.place.commune.clone()}</span>
                        </div>
                        <span class="signup-count">{format!("{} / {} inscrits", w.signed_up, w.capacity)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}

#[component]
fn PendingProducers() -> impl IntoView {
    let pending = LocalResource::new(client::pending_producers);
    let approve = Action::new_local(|producer_id: &i64| {
        let producer_id = *producer_id;
        async move { client::approve_producer(producer_id).await }
    });
    Effect::new(move |_| {
        if approve.value().get().is_some() {
            pending.refetch();
        }
    });
    view! {
        <section aria-labelledby="producers-heading">
            <h2 id="producers-heading">"Producteurs en attente de validation"</h2>
            <ShowRead read=pending error_heading="Impossible d'afficher les demandes" let:data>
                {match data {
                    list if list.is_empty() => view! { <p class="muted">"Aucune demande en attente."</p> }.into_any(),
                    list => view! {
                        <ul class="staff-list">
                            {list.into_iter().map(|producer| view! {
                                <li>
                                    <div class="staff-item-main">
                                        <strong>{producer.farm_name.clone()}</strong>
                                        <span class="muted">
                                            {producer.contact_name.clone()} " · " {producer.commune.clone()} " · "
                                            {format_phone(&producer.phone)}
                                        </span>
                                        {(!producer.produce.is_empty()).then(|| view! { <span class="muted">{producer.produce.clone()}</span> })}
                                    </div>
                                    <button type="button" class="button button-small"
                                        on:click=move |_| { approve.dispatch(producer.producer_id); }>
                                        "Valider"
                                    </button>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </ShowRead>
        </section>
    }
}
