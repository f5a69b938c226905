//! "Mon compte": who I am, my password, my sign-ups, log out.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::accounts::{Me, PasswordChange};
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::access::LoginFirst;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::states::{Loading, ShowRead};
use crate::app::i18n::use_i18n;
use crate::app::offline::refreshed_resource;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::account::format_phone;
use crate::domain::time::local_date;
use crate::domain::when::{date_phrase, time_range_phrase};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    Effect::new(move |_| set_title(i18n.texts().account_heading));
    // Lives here, not in the form: a password change refreshes the account, which redraws
    // the form, and the confirmation must survive that.
    let password_changed = RwSignal::new(false);
    view! {
        <div class="page narrow-page">
            {move || match (session.is_known(), session.me()) {
                (false, _) => view! { <Loading /> }.into_any(),
                (true, None) => view! { <LoginFirst back=pages::MY_ACCOUNT /> }.into_any(),
                (true, Some(me)) => view! { <Account me=me password_changed=password_changed /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Account(me: Me, password_changed: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let session = use_session();
    let navigate = use_navigate();
    let log_out = Action::new_local(move |_: &()| async move { client::log_out().await });
    Effect::new(move |_| {
        // Logged out on the server or not (offline), this device forgets the session.
        if log_out.value().get().is_some() {
            session.set(None);
            navigate("/", Default::default());
        }
    });
    let must_change = me.must_change_password;
    let pending_farm = me.producer_approved == Some(false);
    view! {
        <h1>{move || texts().account_heading}</h1>
        {must_change.then(|| view! { <p class="notice notice-planned" role="status">{move || texts().must_change_notice}</p> })}
        {pending_farm.then(|| view! { <p class="notice notice-planned" role="status">{move || texts().producer_pending}</p> })}
        <section class="card">
            <h2 class="account-name">{me.display_name.clone()}</h2>
            <dl class="facts">
                <div>
                    <dt>{move || texts().member_number}</dt>
                    <dd class="member-number">{me.member_number.clone()}</dd>
                </div>
                {me.phone.clone().map(|phone| view! {
                    <div>
                        <dt>{move || texts().phone_label}</dt>
                        <dd>{format_phone(&phone)}</dd>
                    </div>
                })}
                {me.email.clone().map(|email| view! {
                    <div>
                        <dt>{move || texts().email_label}</dt>
                        <dd>{email}</dd>
                    </div>
                })}
                {me.centre.clone().map(|centre| view! {
                    <div>
                        <dt>{move || texts().centre_label}</dt>
                        <dd>{centre}</dd>
                    </div>
                })}
            </dl>
        </section>
        <PasswordForm must_change=must_change changed=password_changed />
        {(!must_change).then(|| view! { <MySignups /> <MyCalendar /> })}
        <section class="card" aria-labelledby="my-data-heading">
            <h2 id="my-data-heading">{move || texts().my_data_link}</h2>
            <p class="muted">{move || texts().my_data_hint}</p>
            <A href=pages::MY_DATA attr:class="button button-secondary">{move || texts().my_data_link}</A>
        </section>
        <div class="actions">
            <button type="button" class="button button-secondary" on:click=move |_| { log_out.dispatch(()); }>
                {move || texts().log_out}
            </button>
        </div>
    }
}

#[component]
fn PasswordForm(must_change: bool, changed: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = FormErrors::new(&["current_password", "new_password", "repeat_password"]);
    let submit = Action::new_local(move |change: &PasswordChange| {
        let change = change.clone();
        async move { client::change_password(change).await }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) => {
            current.set(String::new());
            new.set(String::new());
            repeat.set(String::new());
            changed.set(true);
            // The server lifted "must change": ask it again.
            session.refresh();
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        changed.set(false);
        if new.get_untracked() != repeat.get_untracked() {
            errors.set_field("repeat_password", texts().passwords_differ);
            return;
        }
        submit.dispatch(PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        });
    };
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{move || texts().password_heading}</h2>
            <form class="form" on:submit=on_submit novalidate>
                <Field
                    label=move || texts().current_password
                    id="current_password"
                    value=current
                    error=errors.for_field("current_password")
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <Field
                    label=move || texts().new_password
                    id="new_password"
                    value=new
                    error=errors.for_field("new_password")
                    hint=move || texts().new_password_hint
                    kind="password"
                    autocomplete="new-password"
                    required=true
                />
                <Field
                    label=move || texts().confirm_password
                    id="repeat_password"
                    value=repeat
                    error=errors.for_field("repeat_password")
                    kind="password"
                    autocomplete="new-password"
                    required=true
                />
                <FormError errors=errors />
                {move || changed.get().then(|| view! { <p class="notice notice-success" role="status">{texts().password_changed}</p> })}
                <button
                    type="submit"
                    class=if must_change { "button button-primary" } else { "button" }
                    disabled=move || submit.pending().get()
                >
                    {move || if submit.pending().get() { texts().working } else { texts().save }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn MySignups() -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let signups = refreshed_resource(client::my_signups);
    let cancel = Action::new_local(move |signup_id: &i64| {
        let signup_id = *signup_id;
        async move { client::cancel_signup(signup_id, None).await }
    });
    Effect::new(move |_| {
        if cancel.value().get().is_some() {
            signups.refetch();
        }
    });
    let today = local_date(Utc::now());
    view! {
        <section class="card" aria-labelledby="signups-heading">
            <h2 id="signups-heading">{move || texts().my_signups_heading}</h2>
            <ShowRead read=signups error_heading=move || texts().error_heading let:data>
                {match data {
                    list if list.is_empty() => view! { <p class="muted">{texts().no_signups}</p> }.into_any(),
                    list => view! {
                        <ul class="signup-list">
                            {list.into_iter().map(|signup| {
                                let w = signup.workshop;
                                let lang = i18n.lang.get();
                                let when = format!(
                                    "{}, {}",
                                    date_phrase(lang, today, local_date(w.starts_at)),
                                    time_range_phrase(lang, w.starts_at, w.ends_at)
                                );
                                view! {
                                    <li>
                                        <A href=crate::api::paths::pages::workshop(w.id)>{w.title.clone()}</A>
                                        <span class="muted">{when} " · " {w.place.name.clone()}</span>
                                        {signup.waiting_position.map(|position| view! {
                                            <span class="in-line">{(i18n.signup().in_line_short)(position)}</span>
                                        })}
                                        <button type="button" class="button button-small"
                                            on:click=move |_| { cancel.dispatch(signup.signup_id); }>
                                            {match signup.waiting_position {
                                                None => texts().cancel_signup,
                                                Some(_) => i18n.signup().leave_waiting_list,
                                            }}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </ShowRead>
        </section>
    }
}

/// "My workshops" as a calendar a phone subscribes to: a secret address, shown once, replaced
/// by the next one asked for.
#[component]
fn MyCalendar() -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let renew = Action::new_local(|_: &()| client::renew_calendar());
    // (the address as the page's protocol reads it, the same for a calendar app: webcal://)
    let address = move || {
        let link = renew.value().get()?.ok()?;
        let location = window().location();
        let (protocol, host) = (location.protocol().ok()?, location.host().ok()?);
        Some((
            format!("{protocol}//{host}{}", link.path),
            format!("webcal://{host}{}", link.path),
        ))
    };
    view! {
        <section class="card" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{move || texts().calendar_heading}</h2>
            <p class="muted">{move || texts().calendar_hint}</p>
            {move || match renew.value().get() {
                Some(Err(error)) => Some(view! { <p class="notice notice-error" role="alert">{error.message(texts().error_offline)}</p> }.into_any()),
                _ => address().map(|(address, webcal)| view! {
                    <div class="field">
                        <label for="calendar-address">{texts().calendar_address}</label>
                        <input id="calendar-address" type="text" readonly prop:value=address />
                    </div>
                    <p><a class="button button-primary" href=webcal>{texts().calendar_add}</a></p>
                }.into_any()),
            }}
            <button type="button" class="button button-secondary" disabled=move || renew.pending().get()
                on:click=move |_| { renew.dispatch(()); }>
                {move || texts().calendar_get}
            </button>
        </section>
    }
}
