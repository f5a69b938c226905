//! Finding someone at the counter (by name, member number or phone), giving a new code to who
//! forgot their password, correcting their contacts, deactivating an account, and reading what
//! a person was told.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::accounts::{CreatedAccount, Me};
use crate::api::paths::pages;
use crate::api::personal_data::ProfileChange;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::contacts_form::ContactsForm;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::member_card::MemberCard;
use crate::app::components::message_log::MessageLog;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::domain::account::format_phone;

#[component]
pub fn AccountsPage() -> impl IntoView {
    set_title("Comptes adhérents");
    view! {
        <div class="page narrow-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Comptes adhérents"</h1>
            <StaffOnly back=pages::ACCOUNTS>
                <div class="actions">
                    <A href=pages::NEW_ACCOUNT attr:class="button button-primary">"Créer un compte"</A>
                </div>
                <AccountSearch />
            </StaffOnly>
        </div>
    }
}

#[component]
fn AccountSearch() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let errors = FormErrors::new(&["q"]);
    let new_code: RwSignal<Option<CreatedAccount>> = RwSignal::new(None);
    let search = Action::new_local(|query: &String| {
        let query = query.clone();
        async move { client::search_accounts(query).await }
    });
    // The last search that found something stays on screen while the next one runs or fails.
    let results = Memo::new(
        move |shown: Option<&Option<Vec<Me>>>| match search.value().get() {
            Some(Ok(found)) => Some(found),
            _ => shown.cloned().flatten(),
        },
    );
    Effect::new(move |_| {
        if let Some(Err(error)) = search.value().get() {
            errors.set(&error);
        }
    });
    // Whose message log is open, if any; whose contacts are being corrected.
    let log_of: RwSignal<Option<i64>> = RwSignal::new(None);
    let editing: RwSignal<Option<i64>> = RwSignal::new(None);
    // After a change, the same search again shows the account as it is now.
    let search_again = move || {
        search.dispatch(query.get_untracked());
    };
    let set_active = Action::new_local(|(account_id, active): &(i64, bool)| {
        let (account_id, active) = (*account_id, *active);
        async move { client::set_account_active(account_id, active).await }
    });
    Effect::new(move |_| match set_active.value().get() {
        Some(Ok(_)) => search_again(),
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let reset = Action::new_local(|account_id: &i64| {
        let account_id = *account_id;
        async move { client::reset_password(account_id).await }
    });
    Effect::new(move |_| match reset.value().get() {
        Some(Ok(card)) => new_code.set(Some(card)),
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        new_code.set(None);
        search.dispatch(query.get_untracked());
    };
    view! {
        {move || new_code.get().map(|card| view! {
            <MemberCard card=card>
                <button type="button" class="button button-secondary" on:click=move |_| new_code.set(None)>"Fermer"</button>
            </MemberCard>
        })}
        <form class="card form" on:submit=on_submit novalidate role="search">
            <Field label="Rechercher" id="q" value=query error=errors.for_field("q")
                hint="Nom, n° d'adhérent ou téléphone" kind="search" required=true />
            <FormError errors=errors />
            <button type="submit" class="button button-primary" disabled=move || search.pending().get()>"Rechercher"</button>
        </form>
        {move || results.get().map(|found| {
            if found.is_empty() {
                view! { <p class="muted">"Aucun compte ne correspond."</p> }.into_any()
            } else {
                view! {
                    <ul class="staff-list">
                        {found.into_iter().map(|account| {
                            let id = account.id;
                            let name = account.display_name.clone();
                            let deactivated = account.deactivated;
                            let details = [
                                Some(format!("n° {}", account.member_number)),
                                Some(account.role.label_fr().to_string()),
                                account.phone.as_deref().map(format_phone),
                                account.email.clone(),
                                account.centre.clone(),
                            ]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" · ");
                            let ask = format!("Donner un nouveau code à {name} ? Son mot de passe actuel ne marchera plus.");
                            let ask_deactivate = format!("Désactiver le compte de {name} ? La personne ne pourra plus se connecter ; son historique reste.");
                            let account_for_form = account.clone();
                            view! {
                                <li>
                                    <div class="staff-item-main">
                                        <strong>{name}</strong>
                                        {deactivated.then(|| view! { <span class="badge status-cancelled">"désactivé"</span> })}
                                        <span class="muted">{details}</span>
                                    </div>
                                    <div class="row-actions">
                                        <button type="button" class="button button-secondary button-small"
                                            aria-expanded=move || (log_of.get() == Some(id)).to_string()
                                            on:click=move |_| log_of.update(|open| *open = if *open == Some(id) { None } else { Some(id) })>
                                            "Messages"
                                        </button>
                                        <button type="button" class="button button-secondary button-small"
                                            disabled=move || reset.pending().get()
                                            on:click=move |_| {
                                                if window().confirm_with_message(&ask).unwrap_or(false) {
                                                    reset.dispatch(id);
                                                }
                                            }>
                                            "Nouveau code"
                                        </button>
                                        <button type="button" class="button button-secondary button-small"
                                            aria-expanded=move || (editing.get() == Some(id)).to_string()
                                            on:click=move |_| editing.update(|open| *open = if *open == Some(id) { None } else { Some(id) })>
                                            "Modifier"
                                        </button>
                                        <button type="button" class="button button-secondary button-small"
                                            disabled=move || set_active.pending().get()
                                            on:click=move |_| {
                                                if deactivated || window().confirm_with_message(&ask_deactivate).unwrap_or(false) {
                                                    set_active.dispatch((id, deactivated));
                                                }
                                            }>
                                            {if deactivated { "Réactiver" } else { "Désactiver" }}
                                        </button>
                                    </div>
                                    {move || (editing.get() == Some(id)).then(|| view! {
                                        <EditAccount account=account_for_form.clone() on_saved=move || { editing.set(None); search_again(); } />
                                    })}
                                    {move || (log_of.get() == Some(id)).then(|| view! { <AccountMessages account_id=id /> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        })}
    }
}

/// Corrects someone's name, phone and e-mail (a phone or e-mail that is another account's is
/// refused, next to its field).
#[component]
fn EditAccount(account: Me, on_saved: impl Fn() + Copy + 'static) -> impl IntoView {
    let id = account.id;
    let save = Action::new_local(move |change: &ProfileChange| {
        let change = change.clone();
        async move { client::correct_account(id, change).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            on_saved();
        }
    });
    view! {
        <ContactsForm display_name=account.display_name phone=account.phone email=account.email
            save=save class="account-edit" />
    }
}

/// What the person was told (their sign-ups', their farm's), newest first.
#[component]
fn AccountMessages(account_id: i64) -> impl IntoView {
    let rows = LocalResource::new(move || client::account_messages(account_id));
    view! {
        <div class="account-messages">
            <ShowRead read=rows error_heading="Impossible d'afficher les messages" let:data>
                {if data.is_empty() {
                    view! { <p class="muted">"Aucun message envoyé à cette personne."</p> }.into_any()
                } else {
                    view! { <MessageLog rows=data show_about=true /> }.into_any()
                }}
            </ShowRead>
        </div>
    }
}
