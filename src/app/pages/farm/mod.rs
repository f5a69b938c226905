//! The farmer's space: their lots and the form to offer one. In French only, like the team's
//! screens: the farms around Romans work in French.

pub mod lot_form;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::lots::{Lot, LotAction};
use crate::api::paths::pages;
use crate::app::client::{self, ClientError};
use crate::app::components::access::FarmerOnly;
use crate::app::components::lot_summary::LotSummary;
use crate::app::components::states::{ShowRead, FARM_OFFLINE};
use crate::app::offline::refreshed_resource;
use crate::app::outbox::{use_outbox, Errand, Pending};
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::lot::format_kilos;
use crate::domain::notify::Channel;
use crate::domain::time::local;

#[component]
pub fn MyLotsPage() -> impl IntoView {
    set_title("Mes lots");
    view! {
        <div class="page farm-page">
            <div class="page-head">
                <h1>"Mes lots"</h1>
            </div>
            <FarmerOnly back=pages::MY_LOTS>
                <A href=pages::NEW_LOT attr:class="button button-primary button-wide">"+ Proposer un lot"</A>
                <WaitingLots />
                <LotList />
            </FarmerOnly>
        </div>
    }
}

#[component]
fn LotList() -> impl IntoView {
    let session = use_session();
    let outbox = use_outbox();
    let lots = refreshed_resource(move || {
        outbox.track_sent();
        client::my_lots()
    });
    // Once the list is shown, its changes count as seen: the header's counter clears.
    Effect::new(move |_| {
        let changed = lots
            .get()
            .and_then(Result::ok)
            .is_some_and(|lots| lots.iter().any(|lot| lot.changed_since_seen));
        if changed {
            spawn_local(async move {
                if client::mark_my_lots_seen().await.is_ok() {
                    session.refresh();
                }
            });
        }
    });
    // Below the list, once it is there: it never pushes the lots down as it arrives.
    let listed = Memo::new(move |_| lots.get().is_some());
    view! {
        <ShowRead read=lots error_heading="Impossible d'afficher vos lots" let:list>
            {if list.is_empty() {
                view! {
                    <p class="empty">"Vous n'avez encore proposé aucun lot. Un surplus, des fruits abîmés ? Proposez-les : l'équipe passe les chercher."</p>
                }
                .into_any()
            } else {
                view! {
                    // For screen readers' outline: each lot is an h3 under this.
                    <h2 class="visually-hidden">"Vos lots, ceux en cours d'abord"</h2>
                    <ul class="lot-list">
                        {list.into_iter().map(|lot| view! { <li><MyLot lot=lot on_change=move || lots.refetch() /></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </ShowRead>
        {move || listed.get().then(|| view! { <FarmSms /> })}
    }
}

/// The lots kept on this phone until the connection returns, and those the server refused.
#[component]
fn WaitingLots() -> impl IntoView {
    let outbox = use_outbox();
    move || {
        let mut waiting = outbox.mine();
        waiting.retain(|item| !matches!(item.errand, Errand::Signup { .. }));
        (!waiting.is_empty()).then(|| view! {
            <section class="waiting-lots" aria-labelledby="waiting-lots-heading">
                <h2 id="waiting-lots-heading">"Pas encore envoyés"</h2>
                <ul class="lot-list">
                    {waiting.into_iter().map(|item| view! { <li><WaitingLot item=item /></li> }).collect_view()}
                </ul>
            </section>
        })
    }
}

#[component]
fn WaitingLot(item: Pending) -> impl IntoView {
    let outbox = use_outbox();
    let id = item.id;
    let (title, what) = match &item.errand {
        Errand::NewLot { draft, .. } => {
            let variety = if draft.variety.is_empty() {
                String::new()
            } else {
                format!(" ({})", draft.variety)
            };
            let kilos = format_kilos(draft.quantity.total_grams());
            (format!("{}{variety} · {kilos}", draft.produce), "ce lot")
        }
        Errand::Withdrawal { lot_label, .. } => (format!("Retrait : {lot_label}"), "ce retrait"),
        Errand::Signup { .. } => return ().into_any(),
    };
    // A new lot refused by the server is corrected in its form; a withdrawal is only dropped.
    let correctable = matches!(item.errand, Errand::NewLot { .. });
    let saved_at = local(item.saved_at).format("%d/%m à %H:%M").to_string();
    let photos = item.photo_count;
    let refused = item.refusal.is_some();
    let drop_it = move |_| {
        let sure = window()
            .confirm_with_message(&format!("Abandonner {what} ? Il ne sera pas envoyé."))
            .unwrap_or(false);
        if sure {
            spawn_local(async move {
                let _ = outbox.drop_item(id).await;
            });
        }
    };
    view! {
        <article class="lot waiting-lot" class:is-refused=refused>
            <h3 class="lot-title">{title}</h3>
            <p class="muted">
                "Enregistré sur ce téléphone le " {saved_at}
                {(photos > 0).then(|| format!(", avec {photos} photo{}", if photos > 1 { "s" } else { "" }))}
                "."
            </p>
            {match item.refusal.clone() {
                None => view! {
                    <p class="notice notice-waiting">"En attente de réseau : il partira tout seul dès que la connexion revient."</p>
                    <div class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| outbox.send_waiting()>"Réessayer maintenant"</button>
                        <button type="button" class="button button-link" on:click=drop_it>"Abandonner"</button>
                    </div>
                }.into_any(),
                Some(refusal) => view! {
                    <p class="notice notice-error" role="alert">"Refusé : " {refusal.message}</p>
                    <div class="actions">
                        {correctable.then(|| view! {
                            <A href=pages::correct_lot(id) attr:class="button button-primary">"Corriger"</A>
                        })}
                        <button type="button" class="button button-link" on:click=drop_it>"Abandonner"</button>
                    </div>
                }.into_any(),
            }}
        </article>
    }
    .into_any()
}

#[component]
fn MyLot(lot: Lot, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let id = lot.id;
    let editable = lot.status.is_editable();
    let changed = lot.changed_since_seen;
    let history = lot.history.clone();
    let error = RwSignal::new(None::<String>);
    let outbox = use_outbox();
    let label = format!("{} · {}", lot.produce, format_kilos(lot.grams()));
    // Without a network the withdrawal waits on the phone, shown above the list.
    let withdraw = Action::new_local(move |_: &()| {
        let label = label.clone();
        async move {
            match client::act_on_lot(id, LotAction::Withdraw).await {
                Err(ClientError::Unreachable) => outbox
                    .keep_withdrawal(id, label)
                    .await
                    .map_err(|_| ClientError::Unreachable),
                result => result.map(|_| ()),
            }
        }
    });
    Effect::new(move |_| match withdraw.value().get() {
        Some(Ok(())) => on_change(),
        Some(Err(failure)) => error.set(Some(failure.message(FARM_OFFLINE))),
        None => {}
    });
    let confirm_withdraw = move |_| {
        let sure = window()
            .confirm_with_message("Retirer ce lot ? L'équipe ne le verra plus.")
            .unwrap_or(false);
        if sure {
            withdraw.dispatch(());
        }
    };
    view! {
        <LotSummary lot=lot>
            {changed.then(|| view! { <p class="notice notice-success lot-news" role="status">"Nouveau : ce lot a changé depuis votre dernière visite."</p> })}
            <details class="lot-history">
                <summary>"Historique"</summary>
                <ol>
                    {history.into_iter().map(|event| view! {
                        <li>
                            <span class="muted">{local(event.at).format("%d/%m à %H:%M").to_string()}</span>
                            " " {event.detail}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
            {move || error.get().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
            {editable.then(|| view! {
                <div class="actions">
                    <A href=pages::edit_lot(id) attr:class="button button-secondary">"Modifier"</A>
                    <button type="button" class="button button-danger" on:click=confirm_withdraw disabled=move || withdraw.pending().get()>
                        "Retirer"
                    </button>
                </div>
            })}
        </LotSummary>
    }
}

/// Whether the conserverie texts the farm when a lot is reserved or collected: said, and one
/// tap to stop or to start again.
#[component]
fn FarmSms() -> impl IntoView {
    let farm = LocalResource::new(client::my_farm);
    let change = Action::new_local(|notify_by: &Option<Channel>| {
        let notify_by = *notify_by;
        async move { client::set_farm_notify_by(notify_by).await }
    });
    // What the last change answered, else what the page read.
    let told = move || match change.value().get() {
        Some(Ok(farm)) => Some(farm.notify_by.is_some()),
        _ => farm
            .get()
            .and_then(|read| read.ok())
            .map(|farm| farm.notify_by.is_some()),
    };
    // The card shows whole, once the farm is read.
    move || {
        told().map(|told| {
            let (said, button, next) = if told {
                (
                    "Vous recevez un SMS quand un lot est réservé (avec le jour de collecte) et quand il est collecté (avec le poids pesé).",
                    "Ne plus recevoir de SMS",
                    None,
                )
            } else {
                (
                    "Vous ne recevez pas de SMS. La conserverie peut vous prévenir quand un lot est réservé et quand il est collecté.",
                    "Recevoir ces SMS",
                    Some(Channel::Sms),
                )
            };
            view! {
                <section class="card farm-sms" aria-labelledby="farm-sms-heading">
                    <h2 id="farm-sms-heading">"SMS de la conserverie"</h2>
                    <p>{said}</p>
                    <button type="button" class="button button-secondary" disabled=move || change.pending().get()
                        on:click=move |_| { change.dispatch(next); }>
                        {button}
                    </button>
                    {move || match change.value().get() {
                        Some(Err(error)) => Some(view! { <p class="notice notice-error" role="alert">{error.message(FARM_OFFLINE)}</p> }),
                        _ => None,
                    }}
                </section>
            }
        })
    }
}
