//! "Connexion": member number, phone or e-mail, and a password.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::accounts::LoginRequest;
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::i18n::use_i18n;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::Role;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    Effect::new(move |_| set_title(texts().login_heading));

    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new(&["login", "password"]);

    let submit = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move { client::log_in(request).await }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(me)) => {
            let must_change = me.must_change_password;
            let is_staff = me.role.is_staff();
            let is_farmer = me.role == Role::Producer && me.producer_approved == Some(true);
            session.set(Some(me));
            // Back where the person came from, when that is a page of ours.
            let back = query
                .read_untracked()
                .get("retour")
                .filter(|path| path.starts_with('/') && !path.starts_with("//"));
            let next = match (must_change, back) {
                (true, _) => pages::MY_ACCOUNT.to_string(),
                (false, Some(back)) => back,
                (false, None) if is_staff => pages::STAFF.to_string(),
                (false, None) if is_farmer => pages::MY_LOTS.to_string(),
                (false, None) => pages::MY_ACCOUNT.to_string(),
            };
            navigate(&next, Default::default());
        }
        Some(Err(error)) => {
            password.set(String::new());
            errors.set(&error);
        }
        None => {}
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        if login.get_untracked().trim().is_empty() {
            errors.set_field("login", texts().required_field);
            return;
        }
        if password.get_untracked().is_empty() {
            errors.set_field("password", texts().required_field);
            return;
        }
        submit.dispatch(LoginRequest {
            login: login.get_untracked(),
            password: password.get_untracked(),
        });
    };

    view! {
        <div class="page narrow-page">
            <h1>{move || texts().login_heading}</h1>
            <p class="lead">{move || texts().login_intro}</p>
            <form class="card form" on:submit=on_submit novalidate>
                <Field
                    label=move || texts().login_field
                    id="login"
                    value=login
                    error=errors.for_field("login")
                    hint=move || texts().login_hint
                    autocomplete="username"
                    required=true
                />
                <Field
                    label=move || texts().password_field
                    id="password"
                    value=password
                    error=errors.for_field("password")
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <FormError errors=errors />
                <button type="submit" class="button button-primary" disabled=move || submit.pending().get()>
                    {move || if submit.pending().get() { texts().working } else { texts().login_submit }}
                </button>
                <p class="hint">{move || texts().login_forgotten}</p>
            </form>
            <p class="aside">
                {move || texts().producer_prompt} " "
                <A href=pages::PRODUCER_SIGNUP>{move || texts().producer_link}</A>
            </p>
        </div>
    }
}
