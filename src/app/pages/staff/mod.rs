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
use crate::api::workshops::{WorkshopFilter, WorkshopList};
use crate::app::client::{self, ClientError, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::account::format_phone;
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, time_range_phrase};
use crate::domain::{Lang, Role, Workshop, WorkshopStatus};

/// A link of the team's home.
struct Job {
    href: &'static str,
    label: &'static str,
}

/// The team's home, grouped by job in the order of a season: what is done before a workshop,
/// with the farms, in the kitchen, for people, for the public; the administrators' settings last.
const JOBS: &[(&str, &[Job])] = &[
    (
        "Ateliers",
        &[
            Job {
                href: pages::NEW_WORKSHOP,
                label: "Nouvel atelier",
            },
            Job {
                href: pages::PLACES,
                label: "Lieux",
            },
        ],
    ),
    (
        "Producteurs et marché",
        &[
            Job {
                href: pages::MARKET,
                label: "Marché des producteurs",
            },
            Job {
                href: pages::COLLECTION_ROUND,
                label: "Tournée de collecte",
            },
        ],
    ),
    (
        "Production",
        &[
            Job {
                href: pages::BATCHES,
                label: "Lots de fabrication",
            },
            Job {
                href: pages::STOCK,
                label: "Stock et exports",
            },
            Job {
                href: pages::NEW_RECIPE,
                label: "Nouvelle recette",
            },
        ],
    ),
    (
        "Personnes",
        &[Job {
            href: pages::ACCOUNTS,
            label: "Comptes adhérents",
        }],
    ),
    (
        "Programme et chiffres",
        &[
            Job {
                href: pages::STAFF_PROGRAMME,
                label: "Affiches et site web",
            },
            Job {
                href: pages::STAFF_IMPACT,
                label: "Chiffres d'impact",
            },
        ],
    ),
];

/// The administrators' group, last.
const ADMIN_JOBS: &[Job] = &[
    Job {
        href: pages::SETTINGS,
        label: "Réglages",
    },
    Job {
        href: pages::JOURNAL,
        label: "Journal",
    },
];

#[component]
pub fn StaffPage() -> impl IntoView {
    set_title("Animation");
    let session = use_session();
    let is_admin = move || session.me().is_some_and(|me| me.role == Role::Admin);
    let workshops = staff_workshops();
    view! {
        <div class="page staff-page">
            <h1>"Espace animation"</h1>
            <StaffOnly back=pages::STAFF>
                <Today workshops=workshops />
                <nav class="job-groups" aria-label="Tâches de l'équipe">
                    {JOBS.iter().map(|(title, jobs)| view! { <JobGroup title=title jobs=jobs /> }).collect_view()}
                    {move || is_admin().then(|| view! { <JobGroup title="Administration" jobs=ADMIN_JOBS /> })}
                </nav>
                <StaffWorkshops workshops=workshops />
                <PendingProducers />
            </StaffOnly>
        </div>
    }
}

#[component]
fn JobGroup(title: &'static str, jobs: &'static [Job]) -> impl IntoView {
    view! {
        <section class="job-group">
            <h2>{title}</h2>
            <ul>
                {jobs.iter().map(|job| view! { <li><A href=job.href>{job.label}</A></li> }).collect_view()}
            </ul>
        </section>
    }
}

/// How far back the dashboard lists past workshops: long enough to record attendance after
/// the day.
const RECENT_DAYS: u64 = 14;

/// The workshops of the last two weeks and after: today's, the coming ones, and the past ones
/// (where attendance is recorded).
fn staff_workshops() -> LocalResource<Result<WorkshopList, ClientError>> {
    let today = local_date(Utc::now());
    let filter = WorkshopFilter {
        from: today.checked_sub_days(Days::new(RECENT_DAYS)),
        ..Default::default()
    };
    LocalResource::new(move || {
        client::list_workshops(filter.clone().into(), ReadMode::NetworkFirst)
    })
}

/// The day's work first: today's stops, and the counter, which works even offline (so its
/// button does not wait for the list).
#[component]
fn Today(workshops: LocalResource<Result<WorkshopList, ClientError>>) -> impl IntoView {
    let today = local_date(Utc::now());
    let today_stops = move || {
        let list = workshops.get()?.ok()?;
        let stops: Vec<Workshop> = list
            .workshops
            .into_iter()
            .filter(|w| local_date(w.starts_at) == today)
            .collect();
        Some(if stops.is_empty() {
            view! { <p class="muted">"Pas d'atelier aujourd'hui."</p> }.into_any()
        } else {
            view! { <WorkshopRows workshops=stops today=today /> }.into_any()
        })
    };
    view! {
        <section class="card staff-today" aria-labelledby="today-heading">
            <h2 id="today-heading">"Aujourd'hui"</h2>
            {today_stops}
            <div class="actions">
                <A href=pages::COUNTER attr:class="button button-primary">"Comptoir"</A>
            </div>
        </section>
    }
}

/// Coming workshops after today, then those of the last two weeks.
#[component]
fn StaffWorkshops(workshops: LocalResource<Result<WorkshopList, ClientError>>) -> impl IntoView {
    let today = local_date(Utc::now());
    view! {
        <ShowRead read=workshops error_heading="Impossible d'afficher les ateliers" let:list>
            {
                let now = Utc::now();
                let (mut past, upcoming): (Vec<Workshop>, Vec<Workshop>) =
                    list.workshops.into_iter().partition(|w| w.ends_at <= now);
                past.reverse();
                // Today's stops are said above, under "Aujourd'hui".
                let upcoming: Vec<Workshop> = upcoming
                    .into_iter()
                    .filter(|w| local_date(w.starts_at) != today)
                    .collect();
                view! {
                    <section aria-labelledby="upcoming-heading">
                        <h2 id="upcoming-heading">"Ateliers à venir"</h2>
                        <WorkshopRows workshops=upcoming today=today
                            none="Aucun atelier à venir. « Nouvel atelier » en publie un (ses lieux s'ajoutent dans « Lieux »)." />
                    </section>
                    <section aria-labelledby="recent-heading">
                        <h2 id="recent-heading">"Ateliers passés : noter les présences"</h2>
                        <WorkshopRows workshops=past today=today
                            none="Aucun atelier ces deux dernières semaines." />
                    </section>
                }.into_any()
            }
        </ShowRead>
    }
}

#[component]
fn WorkshopRows(
    workshops: Vec<Workshop>,
    today: NaiveDate,
    /// What an empty list says.
    #[prop(optional)]
    none: &'static str,
) -> impl IntoView {
    if workshops.is_empty() {
        return view! { <p class="muted">{none}</p> }.into_any();
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
