//! "Mes données" (RGPD): everything Bocal holds on the person, grouped in plain French, to
//! download as one file, correct, or erase by closing the account.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::messages::MessageRow;
use crate::api::paths::{self, pages};
use crate::api::personal_data::{
    AccountData, CloseAccount, FarmData, ProfileChange, SignupData, EXPORT_FILE_NAME,
};
use crate::api::wallet::Wallet;
use crate::app::client;
use crate::app::components::access::LoginFirst;
use crate::app::components::back_link::BackLink;
use crate::app::components::contacts_form::ContactsForm;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::message_log::MessageLog;
use crate::app::components::states::{Loading, ShowRead};
use crate::app::components::wallet_history::History;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::account::format_phone;
use crate::domain::ledger::jars_phrase;
use crate::domain::lot::{format_cents, format_kilos};
use crate::domain::time::local_date;
use crate::domain::when::short_date;

#[component]
pub fn MyDataPage() -> impl IntoView {
    set_title("Mes données");
    let session = use_session();
    // Lives here: once the account is closed, the session is gone and this says so.
    let closed = RwSignal::new(false);
    // Only a change of who is looking redraws the page, not their corrected name or phone
    // (the session is read again after a correction).
    let who = Memo::new(move |_| (session.is_known(), session.me().map(|me| (me.id, me.role))));
    view! {
        <div class="page narrow-page">
            <BackLink href=pages::MY_ACCOUNT label="Mon compte" />
            <h1>"Mes données"</h1>
            {move || match (closed.get(), who.get()) {
                (true, _) => view! { <Closed /> }.into_any(),
                (false, (false, _)) => view! { <Loading /> }.into_any(),
                (false, (true, None)) => view! { <LoginFirst back=pages::MY_DATA /> }.into_any(),
                (false, (true, Some((_, role)))) => {
                    view! { <Everything can_close=!role.is_staff() closed=closed /> }.into_any()
                }
            }}
        </div>
    }
}

#[component]
fn Closed() -> impl IntoView {
    view! {
        <section class="card" role="status">
            <h2>"Votre compte est fermé"</h2>
            <p>
                "Votre nom, votre téléphone, votre e-mail et vos photos sont effacés. Les \
                 mouvements de votre portefeuille restent dans les comptes de l'association, \
                 au nom d'un « ancien membre »."
            </p>
            <p><A href="/" attr:class="button button-primary">"Voir les prochains ateliers"</A></p>
        </section>
    }
}

#[component]
fn Everything(can_close: bool, closed: RwSignal<bool>) -> impl IntoView {
    let read = LocalResource::new(client::my_data);
    // Lives here, not in the section: a correction reads the data again, which redraws the
    // section, and the confirmation must survive that.
    let saved = RwSignal::new(false);
    view! {
        <p class="lead">
            "Voici tout ce que Bocal garde sur vous. Vous pouvez le télécharger, corriger vos \
             coordonnées ou fermer votre compte."
        </p>
        <section class="card" aria-labelledby="download-heading">
            <h2 id="download-heading">"Télécharger"</h2>
            <p class="muted">
                "Un seul fichier (JSON) avec toutes les rubriques de cette page, que vous pouvez \
                 garder ou donner à un autre service."
            </p>
            <a class="button button-primary" href=paths::MY_DATA download=EXPORT_FILE_NAME>
                "Télécharger mes données"
            </a>
        </section>
        <ShowRead read=read error_heading="Impossible d'afficher vos données" let:data>
            <AccountSection account=data.account.clone() saved=saved on_saved=move || read.refetch() />
            <Signups signups=data.signups.clone() />
            {data.farm.clone().map(|farm| view! { <FarmSection farm=farm /> })}
            {data.wallet.clone().map(|wallet| view! { <WalletSection wallet=wallet /> })}
            <Messages messages=data.messages.clone() />
            {can_close.then(|| view! { <CloseSection wallet=data.wallet.clone() closed=closed /> })}
        </ShowRead>
    }
}

/// A fact of a section: "Téléphone : 06 12 34 56 78".
#[component]
fn Fact(label: &'static str, #[prop(into)] value: String) -> impl IntoView {
    view! {
        <div>
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// A section's lines, or what it says when there are none.
fn list_or(empty: &'static str, lines: Vec<AnyView>) -> AnyView {
    match lines.is_empty() {
        true => view! { <p class="muted">{empty}</p> }.into_any(),
        false => view! { <ul class="signup-list data-list">{lines}</ul> }.into_any(),
    }
}

fn or_none(value: Option<String>) -> String {
    value.unwrap_or_else(|| "aucun".into())
}

fn day_of(instant: chrono::DateTime<chrono::Utc>) -> String {
    short_date(local_date(instant))
}

#[component]
fn AccountSection(
    account: AccountData,
    saved: RwSignal<bool>,
    on_saved: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let session = use_session();
    let editing = RwSignal::new(false);
    let save = Action::new_local(move |change: &ProfileChange| {
        let change = change.clone();
        async move { client::correct_profile(change).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(false);
            saved.set(true);
            session.refresh();
            on_saved();
        }
    });
    let (display_name, phone, email) = (
        account.display_name.clone(),
        account.phone.clone(),
        account.email.clone(),
    );
    let facts = view! {
        <dl class="facts">
            <Fact label="Nom" value=account.display_name.clone() />
            <Fact label="Numéro de membre" value=account.member_number.clone() />
            <Fact label="Rôle" value=account.role.label_fr() />
            <Fact label="Téléphone" value=or_none(account.phone.as_deref().map(format_phone)) />
            <Fact label="E-mail" value=or_none(account.email.clone()) />
            {account.centre.clone().map(|centre| view! { <Fact label="Centre" value=centre /> })}
            <Fact label="Compte créé le" value=day_of(account.created_at) />
            <Fact label="Appareils connectés" value=account.sessions.to_string() />
            <Fact
                label="Agenda personnel"
                value=if account.calendar_feed { "une adresse secrète existe" } else { "aucun" }
            />
        </dl>
    };
    view! {
        <section class="card" aria-labelledby="account-data-heading">
            <h2 id="account-data-heading">"Mon compte"</h2>
            {facts}
            <div class="card-actions">
                {move || saved.get().then(|| view! {
                    <p class="notice notice-success" role="status">"Vos coordonnées sont corrigées."</p>
                })}
                {move || match editing.get() {
                    false => view! {
                        <button type="button" class="button button-secondary"
                            on:click=move |_| { saved.set(false); editing.set(true); }>
                            "Corriger mes coordonnées"
                        </button>
                    }.into_any(),
                    true => view! {
                        <ContactsForm display_name=display_name.clone() phone=phone.clone() email=email.clone() save=save>
                            <button type="button" class="button button-secondary" on:click=move |_| editing.set(false)>
                                "Annuler"
                            </button>
                        </ContactsForm>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn Signups(signups: Vec<SignupData>) -> impl IntoView {
    let count = signups.len();
    view! {
        <section class="card" aria-labelledby="signups-data-heading">
            <h2 id="signups-data-heading">"Mes inscriptions " <span class="muted">"(" {count} ")"</span></h2>
            {list_or(
                "Aucune inscription.",
                signups.into_iter().map(|signup| view! {
                    <li>
                        <span class="data-main">{signup.workshop_title.clone()}</span>
                        <span class="muted">
                            {format!("{}, {} ({})", day_of(signup.starts_at), signup.place, signup.commune)}
                        </span>
                        <span class="muted">{signup_state(&signup)}</span>
                    </li>
                }.into_any()).collect(),
            )}
        </section>
    }
}

/// "inscrit·e le 02/12/2026 · présent·e, 120 min de bénévolat · prévenu·e par SMS"
fn signup_state(signup: &SignupData) -> String {
    let mut parts = vec![format!("inscrit·e le {}", day_of(signup.signed_up_at))];
    if let Some(cancelled_at) = signup.cancelled_at {
        parts.push(format!("annulée le {}", day_of(cancelled_at)));
    } else if signup.waiting {
        parts.push("en liste d'attente".into());
    }
    match signup.attended {
        Some(true) if signup.volunteered_minutes > 0 => parts.push(format!(
            "présent·e, {} min de bénévolat",
            signup.volunteered_minutes
        )),
        Some(true) => parts.push("présent·e".into()),
        Some(false) => parts.push("absent·e".into()),
        None => {}
    }
    match signup.notify_by {
        Some(channel) => parts.push(format!("prévenu·e par {}", channel.label_fr())),
        None => parts.push("sans message".into()),
    }
    parts.join(" · ")
}

#[component]
fn FarmSection(farm: FarmData) -> impl IntoView {
    let count = farm.lots.len();
    view! {
        <section class="card" aria-labelledby="farm-data-heading">
            <h2 id="farm-data-heading">"Ma ferme"</h2>
            <dl class="facts">
                <Fact label="Ferme" value=farm.farm.farm_name.clone() />
                <Fact label="Contact" value=farm.contact_name.clone() />
                <Fact label="Téléphone" value=format_phone(&farm.phone) />
                <Fact label="Adresse" value=format!("{} {}", farm.farm.address, farm.farm.commune).trim().to_string() />
                <Fact label="Production" value=farm.produce.clone() />
                <Fact label="Forme" value=if farm.is_company { "société" } else { "exploitation en nom propre" } />
                <Fact label="Prévenue par" value=farm.farm.notify_by.map_or("aucun message", |channel| channel.label_fr()) />
            </dl>
            <h3>"Mes lots " <span class="muted">"(" {count} ")"</span></h3>
            {list_or(
                "Aucun lot.",
                farm.lots.into_iter().map(|lot| {
                    let photos = match lot.photo_ids.len() {
                        0 => String::new(),
                        1 => " · 1 photo".into(),
                        n => format!(" · {n} photos"),
                    };
                    view! {
                        <li>
                            <span class="data-main">{format!("{} {}", lot.produce, lot.variety).trim().to_string()}</span>
                            <span class="muted">
                                {format!(
                                    "{}, du {} au {} · {}{}",
                                    format_kilos(lot.grams()),
                                    short_date(lot.available_from),
                                    short_date(lot.available_until),
                                    lot.status.label_fr(),
                                    photos,
                                )}
                            </span>
                        </li>
                    }.into_any()
                }).collect(),
            )}
        </section>
    }
}

#[component]
fn WalletSection(wallet: Wallet) -> impl IntoView {
    let count = wallet.history.len();
    view! {
        <section class="card" aria-labelledby="wallet-data-heading">
            <h2 id="wallet-data-heading">"Mon portefeuille"</h2>
            <dl class="facts">
                <Fact label="Solde" value=format!("{} tic-tac", wallet.tictac) />
                <Fact label="Bocaux en consigne" value=wallet.deposit_jars.to_string() />
            </dl>
            <h3>"Mouvements " <span class="muted">"(" {count} ")"</span></h3>
            <History entries=wallet.history />
        </section>
    }
}

/// What the person was told, as the team's log shows it: the text, to which address, and
/// where it stands.
#[component]
fn Messages(messages: Vec<MessageRow>) -> impl IntoView {
    let count = messages.len();
    view! {
        <section class="card" aria-labelledby="messages-data-heading">
            <h2 id="messages-data-heading">"Messages reçus " <span class="muted">"(" {count} ")"</span></h2>
            {match messages.is_empty() {
                true => view! { <p class="muted">"Aucun message."</p> }.into_any(),
                false => view! { <MessageLog rows=messages show_about=true /> }.into_any(),
            }}
        </section>
    }
}

/// Closing the account: what becomes of the wallet is said first, then the password confirms.
#[component]
fn CloseSection(wallet: Option<Wallet>, closed: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new(&["password"]);
    let close = Action::new_local(move |request: &CloseAccount| {
        let request = request.clone();
        async move { client::close_account(request).await }
    });
    Effect::new(move |_| match close.value().get() {
        Some(Ok(())) => {
            closed.set(true);
            session.set(None);
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        close.dispatch(CloseAccount {
            password: password.get_untracked(),
        });
    };
    let (tictac, jars, deposit_cents) = wallet.map_or((0, 0, 0), |wallet| {
        (wallet.tictac, wallet.deposit_jars, wallet.deposit_cents)
    });
    view! {
        <section class="card card-danger" aria-labelledby="close-heading">
            <h2 id="close-heading">"Fermer mon compte"</h2>
            <p>
                "Votre nom, votre téléphone, votre e-mail et vos photos seront effacés, vos \
                 inscriptions à venir annulées, et vous ne pourrez plus vous connecter. Les \
                 mouvements de votre portefeuille restent dans les comptes de l'association, \
                 au nom d'un « ancien membre »."
            </p>
            {(tictac > 0).then(|| view! {
                <p class="notice notice-planned">
                    {format!(
                        "Il vous reste {tictac} tic-tac : ils ne pourront plus être dépensés \
                         (ils restent à la coopérative). Passez au comptoir d'un centre pour les \
                         utiliser avant de fermer votre compte."
                    )}
                </p>
            })}
            {(jars > 0).then(|| view! {
                <p class="notice notice-planned">
                    {format!(
                        "Vous avez {} en consigne ({} €) : rapportez-les dans un \
                         centre avant de fermer votre compte pour récupérer la consigne ; \
                         après, elle reste acquise à l'association.",
                        jars_phrase(jars),
                        format_cents(deposit_cents.max(0) as u32),
                    )}
                </p>
            })}
            <form class="form" on:submit=on_submit novalidate>
                <Field label="Votre mot de passe, pour confirmer" id="close_password" value=password
                    error=errors.for_field("password") kind="password" autocomplete="current-password" required=true />
                <FormError errors=errors />
                <button type="submit" class="button button-danger" disabled=move || close.pending().get()>
                    {move || if close.pending().get() { "Fermeture…" } else { "Fermer définitivement mon compte" }}
                </button>
            </form>
        </section>
    }
}
