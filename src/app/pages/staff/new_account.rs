//! An account made at the counter: name, centre, phone or e-mail if the person has one; the
//! member card to hand over, with the code to replace at first login.

use leptos::prelude::*;

use crate::api::accounts::{CreatedAccount, NewAccount};
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::member_card::MemberCard;
use crate::app::components::states::ShowRead;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::Role;

#[component]
pub fn NewAccountPage() -> impl IntoView {
    set_title("Créer un compte");
    view! {
        <div class="page narrow-page">
            <BackLink href=pages::ACCOUNTS label="Comptes adhérents" />
            <h1>"Créer un compte adhérent"</h1>
            <StaffOnly back=pages::NEW_ACCOUNT>
                <NewAccountForm />
            </StaffOnly>
        </div>
    }
}

#[component]
fn NewAccountForm() -> impl IntoView {
    let session = use_session();
    let is_admin = move || session.me().is_some_and(|me| me.role == Role::Admin);
    let centres = LocalResource::new(client::centres);
    let display_name = RwSignal::new(String::new());
    let centre_id = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Participant);
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors = FormErrors::new(&["display_name", "centre_id", "role", "phone", "email"]);
    let created: RwSignal<Option<CreatedAccount>> = RwSignal::new(None);
    let create = Action::new_local(move |account: &NewAccount| {
        let account = account.clone();
        async move { client::create_account(account).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(account)) => created.set(Some(account)),
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        let centre = centre_id.get_untracked().parse().ok();
        if role.get_untracked() == Role::Participant && centre.is_none() {
            errors.set_field("centre_id", "Choisissez le centre de la personne.");
            return;
        }
        create.dispatch(NewAccount {
            display_name: display_name.get_untracked(),
            role: role.get_untracked(),
            centre_id: centre,
            phone: phone.get_untracked(),
            email: email.get_untracked(),
        });
    };
    let start_again = move |_| {
        created.set(None);
        display_name.set(String::new());
        phone.set(String::new());
        email.set(String::new());
    };
    move || {
        match created.get() {
        Some(account) => view! {
            <MemberCard card=account>
                <button type="button" class="button button-secondary" on:click=start_again>"Créer un autre compte"</button>
            </MemberCard>
        }.into_any(),
        None => view! {
            <form class="card form" on:submit=on_submit novalidate>
                <Field label="Nom ou prénom" id="display_name" value=display_name error=errors.for_field("display_name") required=true />
                <ShowRead read=centres error_heading="Impossible d'afficher les centres" let:list>
                    {view! {
                        <div class="field" class:has-error=move || errors.for_field("centre_id").get().is_some()>
                            <label for="centre_id">"Centre"</label>
                            <select id="centre_id" on:change=move |event| centre_id.set(event_target_value(&event))>
                                <option value="">"Choisir…"</option>
                                {list.into_iter().map(|centre| view! { <option value=centre.id.to_string()>{centre.name}</option> }).collect_view()}
                            </select>
                            {move || errors.for_field("centre_id").get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
                        </div>
                    }.into_any()}
                </ShowRead>
                {move || is_admin().then(|| view! {
                    <div class="field">
                        <label for="role">"Rôle"</label>
                        <select id="role" on:change=move |event| {
                            if let Some(chosen) = Role::from_code(&event_target_value(&event)) { role.set(chosen); }
                        }>
                            {[Role::Participant, Role::Animator, Role::Admin].into_iter().map(|option| view! {
                                <option value=option.code() prop:selected=move || role.get() == option>{option.label_fr()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <Field label="Téléphone (facultatif)" id="phone" value=phone error=errors.for_field("phone") kind="tel" inputmode="tel" />
                <Field label="E-mail (facultatif)" id="email" value=email error=errors.for_field("email") kind="email" />
                <FormError errors=errors />
                <button type="submit" class="button button-primary" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Création…" } else { "Créer le compte" }}
                </button>
            </form>
        }.into_any(),
    }
    }
}
