//! Signing up for a workshop, on its page: with an account in one tap, or with a first name
//! and a phone number. Sign-ups made without an account are remembered on this device, with
//! the code that lets it cancel them. Staff get the name-and-phone form, to sign residents up
//! one after another at the counter. A full workshop offers its waiting list: the same form,
//! and the place comes later, told by the server.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::paths::pages;
use crate::api::signups::{SignupReceipt, SignupRequest};
use crate::app::client;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::guest_signups;
use crate::app::i18n::use_i18n;
use crate::app::outbox::{use_outbox, Errand};
use crate::app::push;
use crate::app::session::use_session;
use crate::domain::notify::Channel;
use crate::domain::Workshop;

/// This person's sign-up for the workshop: its id, and the cancel code when made without an
/// account.
#[derive(Clone, PartialEq)]
struct MySignup {
    id: i64,
    token: Option<String>,
    /// How they are told, if they are.
    told_by: Option<Channel>,
    /// Their place in the waiting list; `None`: they hold a place.
    waiting: Option<u32>,
}

impl From<&SignupReceipt> for MySignup {
    fn from(receipt: &SignupReceipt) -> MySignup {
        MySignup {
            id: receipt.signup_id,
            token: receipt.cancel_token.clone(),
            told_by: receipt.notify_by,
            waiting: receipt.waiting_position,
        }
    }
}

#[component]
pub fn SignupBox(workshop: Workshop) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.texts();
    let signup_texts = move || i18n.signup();
    let session = use_session();
    let workshop_id = workshop.id;
    let open = workshop.accepts_signups(Utc::now());
    let places_left = RwSignal::new(workshop.places_left());
    let in_line = RwSignal::new(workshop.waiting);
    let outbox = use_outbox();
    let guest_receipt = move || {
        guest_signups::all()
            .into_iter()
            .find(|receipt| receipt.workshop_id == workshop_id)
    };
    let mine: RwSignal<Option<MySignup>> =
        RwSignal::new(guest_receipt().as_ref().map(MySignup::from));
    // A member's own sign-ups come from the server; a sign-up the outbox just sent shows too.
    Effect::new(move |_| {
        outbox.track_sent();
        if let Some(receipt) = guest_receipt() {
            mine.set(Some(MySignup::from(&receipt)));
            // The server knows what changed since: a place from the waiting list, messages
            // stopped from an e-mail's link, a sign-up the team cancelled. Offline, the
            // receipt as kept shows.
            leptos::task::spawn_local(async move {
                let token = receipt.cancel_token.clone();
                match client::signup_state(receipt.signup_id, token.clone()).await {
                    Ok(now) => {
                        let now = SignupReceipt {
                            cancel_token: token,
                            ..now
                        };
                        guest_signups::remember(&now);
                        mine.set(Some(MySignup::from(&now)));
                    }
                    Err(client::ClientError::NotFound(_)) => {
                        guest_signups::forget(receipt.signup_id);
                        mine.set(None);
                    }
                    Err(_) => {}
                }
            });
        }
        if session.me().is_some() && !session.is_staff() {
            leptos::task::spawn_local(async move {
                if let Ok(signups) = client::my_signups().await {
                    if let Some(signup) = signups.iter().find(|s| s.workshop.id == workshop_id) {
                        mine.set(Some(MySignup {
                            id: signup.signup_id,
                            token: None,
                            told_by: signup.notify_by,
                            waiting: signup.waiting_position,
                        }));
                    }
                }
            });
        }
    });
    // What the person just cancelled: a place, or their place in line.
    let just_cancelled: RwSignal<Option<MySignup>> = RwSignal::new(None);
    // At the counter: who was just signed up by staff, and their place in line if full.
    let signed_up_by_staff: RwSignal<Option<(String, Option<u32>)>> = RwSignal::new(None);
    let first_name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    // The server's key for notifications, when it offers them and this browser can have them.
    let push_key: RwSignal<Option<String>> = RwSignal::new(None);
    if push::supported() {
        leptos::task::spawn_local(async move {
            if let Ok(key) = client::push_key().await {
                push_key.set(key.public_key);
            }
        });
    }
    // How to be told, once the person picks; until then SMS or e-mail, the first offered.
    let chosen: RwSignal<Option<Option<Channel>>> = RwSignal::new(None);
    // A guest may be told at the phone or an address they give; a member where their account
    // can be reached.
    // Notifications go to this browser: not for someone signed up at the counter.
    let offered = move || -> Vec<Channel> {
        let push = push_key.get().is_some().then_some(Channel::Push);
        match session.me() {
            _ if session.is_staff() => vec![Channel::Sms, Channel::Email],
            None => [Some(Channel::Sms), Some(Channel::Email), push]
                .into_iter()
                .flatten()
                .collect(),
            Some(me) => [
                me.phone.is_some().then_some(Channel::Sms),
                me.email.is_some().then_some(Channel::Email),
                push,
            ]
            .into_iter()
            .flatten()
            .collect(),
        }
    };
    // Notifications only when chosen: they ask the browser's permission.
    let notify_by = move || {
        chosen.get().unwrap_or_else(|| {
            offered()
                .into_iter()
                .find(|channel| *channel != Channel::Push)
        })
    };
    // An error on `notify_by` shows above the button: the box has no field of that name.
    let errors = FormErrors::new(&["first_name", "phone", "email"]);

    // Without a network a resident's sign-up is kept on the phone and sent later, under the key
    // of this first try (which may have reached the server). The team's are not: at the
    // counter, the resident should know at once.
    let title = StoredValue::new(workshop.title.clone());
    let sign_up = Action::new_local(move |request: &SignupRequest| {
        let request = request.clone();
        let key = client::new_idempotency_key();
        let is_staff = session.is_staff();
        let as_guest = session.me().is_none();
        async move {
            match client::sign_up(workshop_id, &request, &key, as_guest).await {
                Ok(receipt) => Ok(Some(receipt)),
                Err(client::ClientError::Unreachable) if !is_staff => {
                    outbox
                        .keep_signup(workshop_id, title.get_value(), request, key)
                        .await
                        .map_err(|_| client::ClientError::Unreachable)?;
                    Ok(None)
                }
                Err(error) => Err(error),
            }
        }
    });
    Effect::new(move |_| match sign_up.value().get() {
        // Kept in the outbox: the box shows it as waiting.
        Some(Ok(None)) => errors.clear(),
        Some(Ok(Some(receipt))) if session.is_staff() => {
            places_left.set(receipt.places_left);
            if let Some(position) = receipt.waiting_position {
                in_line.set(position);
            }
            signed_up_by_staff.set(Some((receipt.first_name, receipt.waiting_position)));
            first_name.set(String::new());
            phone.set(String::new());
        }
        Some(Ok(Some(receipt))) => {
            if receipt.cancel_token.is_some() {
                guest_signups::remember(&receipt);
            }
            places_left.set(receipt.places_left);
            if let Some(position) = receipt.waiting_position {
                in_line.set(position);
            }
            just_cancelled.set(None);
            mine.set(Some(MySignup::from(&receipt)));
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let cancel = Action::new_local(move |signup: &MySignup| {
        let signup = signup.clone();
        async move {
            client::cancel_signup(signup.id, signup.token.clone())
                .await
                .map(|()| signup)
        }
    });
    let messages_stopped = RwSignal::new(false);
    let stop_messages = Action::new_local(move |signup: &MySignup| {
        let signup = signup.clone();
        async move {
            client::stop_messages(signup.id, signup.token.clone())
                .await
                .map(|()| signup)
        }
    });
    Effect::new(move |_| match stop_messages.value().get() {
        Some(Ok(signup)) => {
            guest_signups::stop_messages(signup.id);
            mine.set(Some(MySignup {
                told_by: None,
                ..signup
            }));
            messages_stopped.set(true);
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    Effect::new(move |_| match cancel.value().get() {
        Some(Ok(signup)) => {
            guest_signups::forget(signup.id);
            mine.set(None);
            // A freed place goes to the first in line, if any: only the server knows.
            match signup.waiting {
                None if in_line.get_untracked() == 0 => places_left.update(|left| *left += 1),
                None => in_line.update(|n| *n -= 1),
                Some(_) => in_line.update(|n| *n = n.saturating_sub(1)),
            }
            just_cancelled.set(Some(signup));
        }
        Some(Err(error)) => errors.set(&error),
        None => {}
    });

    let subscribing = RwSignal::new(false);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        signed_up_by_staff.set(None);
        let logged_in = session.me().is_some() && !session.is_staff();
        if !logged_in && first_name.get_untracked().trim().is_empty() {
            errors.set_field("first_name", texts().required_field);
            return;
        }
        if !logged_in && phone.get_untracked().trim().is_empty() {
            errors.set_field("phone", texts().required_field);
            return;
        }
        let notify_by = notify_by();
        if !logged_in
            && notify_by == Some(Channel::Email)
            && email.get_untracked().trim().is_empty()
        {
            errors.set_field("email", texts().required_field);
            return;
        }
        let request = SignupRequest {
            first_name: first_name.get_untracked(),
            phone: phone.get_untracked(),
            notify_by,
            email: email.get_untracked(),
            push: None,
            waiting_list: places_left.get_untracked() == 0,
        };
        match (notify_by, push_key.get_untracked()) {
            // The browser asks the person, then its push service: the sign-up waits for both.
            (Some(Channel::Push), Some(key)) => {
                subscribing.set(true);
                leptos::task::spawn_local(async move {
                    match push::subscribe(&key).await {
                        Some(subscription) => {
                            sign_up.dispatch(SignupRequest {
                                push: Some(subscription),
                                ..request
                            });
                        }
                        None => errors.set_field("notify_by", signup_texts().push_unavailable),
                    }
                    subscribing.set(false);
                });
            }
            _ => {
                sign_up.dispatch(request);
            }
        }
    };

    let login_href = format!("{}?retour={}", pages::LOGIN, pages::workshop(workshop_id));
    view! {
        <section class="card signup-box" aria-labelledby="signup-heading">
            <h2 id="signup-heading">{move || signup_texts().signup_heading}</h2>
            // A cancelled or finished workshop has no places to offer, whatever its count.
            {open.then(|| view! {
                <p class="places-left" class:is-full=move || places_left.get() == 0>
                    {move || (signup_texts().places_left)(places_left.get())}
                    {move || (in_line.get() > 0).then(|| {
                        format!(" · {}", (signup_texts().in_line)(in_line.get()))
                    })}
                </p>
            })}
            {move || {
                let kept = outbox.mine().into_iter().find(|item| {
                    matches!(item.errand, Errand::Signup { workshop_id: id, .. } if id == workshop_id)
                });
                if let Some(kept) = kept {
                    let id = kept.id;
                    let drop_it = move |_| {
                        leptos::task::spawn_local(async move {
                            let _ = outbox.drop_item(id).await;
                        });
                    };
                    view! {
                        {match kept.refusal {
                            None => view! { <p class="notice notice-waiting" role="status">{signup_texts().signup_kept}</p> }.into_any(),
                            Some(refusal) => view! { <p class="notice notice-error" role="alert">{format!("{} {}", signup_texts().signup_refused, refusal.message)}</p> }.into_any(),
                        }}
                        <button type="button" class="button button-secondary" on:click=drop_it>
                            {signup_texts().signup_drop}
                        </button>
                    }
                        .into_any()
                } else if let Some(signup) = mine.get() {
                    let leave_label = match signup.waiting {
                        None => texts().cancel_signup,
                        Some(_) => signup_texts().leave_waiting_list,
                    };
                    view! {
                        {match signup.waiting {
                            None => view! { <p class="notice notice-success" role="status">{signup_texts().signed_up}</p> }.into_any(),
                            Some(position) => view! { <p class="notice notice-waiting" role="status">{(signup_texts().on_waiting_list)(position)}</p> }.into_any(),
                        }}
                        {signup.told_by.map(|channel| {
                            let told = match signup.waiting {
                                None => (signup_texts().told_by)(channel),
                                Some(_) => (signup_texts().told_when_placed)(channel),
                            };
                            let signup = signup.clone();
                            view! {
                                <p class="muted told-line">
                                    {told} " "
                                    <button type="button" class="button-link" disabled=move || stop_messages.pending().get()
                                        on:click=move |_| { stop_messages.dispatch(signup.clone()); }>
                                        {(signup_texts().stop_messages)(channel)}
                                    </button>
                                </p>
                            }
                        })}
                        {messages_stopped.get().then(|| view! { <p class="notice" role="status">{signup_texts().messages_stopped}</p> })}
                        <FormError errors=errors />
                        <button type="button" class="button button-secondary" disabled=move || cancel.pending().get()
                            on:click=move |_| { cancel.dispatch(signup.clone()); }>
                            {leave_label}
                        </button>
                    }
                        .into_any()
                } else if !open {
                    view! { <p class="muted">{signup_texts().signups_closed}</p> }.into_any()
                } else {
                    let full = places_left.get() == 0;
                    let is_staff = session.is_staff();
                    let member_name = session.me().filter(|_| !is_staff).map(|me| me.display_name);
                    let is_guest = member_name.is_none();
                    view! {
                        {move || signed_up_by_staff.get().map(|(name, in_line)| {
                            let done = match in_line {
                                None => signup_texts().is_signed_up.to_string(),
                                Some(position) => (signup_texts().is_in_line)(position),
                            };
                            view! { <p class="notice notice-success" role="status">{format!("{name} {done}")}</p> }
                        })}
                        {just_cancelled.get().map(|signup| {
                            let said = match signup.waiting {
                                None => signup_texts().signup_cancelled,
                                Some(_) => signup_texts().left_waiting_list,
                            };
                            view! { <p class="notice" role="status">{said}</p> }
                        })}
                        {full.then(|| view! { <p>{signup_texts().waiting_list_offer}</p> })}
                        <form class="form" on:submit=on_submit novalidate>
                            {is_guest.then(|| view! {
                                <Field
                                    label=move || signup_texts().first_name
                                    id="first_name"
                                    value=first_name
                                    error=errors.for_field("first_name")
                                    autocomplete="given-name"
                                    required=true
                                />
                                <Field
                                    label=move || texts().phone_label
                                    id="phone"
                                    value=phone
                                    error=errors.for_field("phone")
                                    hint=move || signup_texts().phone_hint
                                    kind="tel"
                                    autocomplete="tel"
                                    inputmode="tel"
                                    required=true
                                />
                            })}
                            {move || {
                                let offered = offered();
                                (!offered.is_empty()).then(|| view! {
                                    <NotifyChoice offered=offered chosen=chosen current=Signal::derive(notify_by) />
                                })
                            }}
                            {move || (is_guest && notify_by() == Some(Channel::Email)).then(|| view! {
                                <Field
                                    label=move || signup_texts().email_label
                                    id="email"
                                    value=email
                                    error=errors.for_field("email")
                                    hint=move || signup_texts().email_hint
                                    kind="email"
                                    autocomplete="email"
                                    inputmode="email"
                                    required=true
                                />
                            })}
                            <FormError errors=errors />
                            <button type="submit" class="button button-primary" disabled=move || sign_up.pending().get() || subscribing.get()>
                                {move || match (sign_up.pending().get() || subscribing.get(), &member_name) {
                                    (true, _) => texts().working.to_string(),
                                    (false, Some(name)) if full => format!("{} ({name})", signup_texts().waiting_list_submit),
                                    (false, _) if full => signup_texts().waiting_list_submit.to_string(),
                                    (false, _) if is_staff => signup_texts().signup_someone.to_string(),
                                    (false, Some(name)) => format!("{} ({name})", signup_texts().signup_submit),
                                    (false, None) => signup_texts().signup_submit.to_string(),
                                }}
                            </button>
                        </form>
                        {(is_guest && !is_staff).then(|| view! {
                            <p class="aside">
                                {texts().have_account} " "
                                <A href=login_href.clone()>{texts().login_submit}</A>
                            </p>
                        })}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// How to be told: one of the channels `offered`, or not at all.
#[component]
fn NotifyChoice(
    offered: Vec<Channel>,
    chosen: RwSignal<Option<Option<Channel>>>,
    current: Signal<Option<Channel>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.signup();
    let option = move |channel: Option<Channel>| {
        let label = move || match channel {
            Some(Channel::Sms) => texts().by_sms,
            Some(Channel::Email) => texts().by_email,
            Some(Channel::Push) => texts().by_push,
            None => texts().not_told,
        };
        view! {
            <label class="choice" class:is-selected=move || current.get() == channel>
                <input type="radio" name="notify_by" prop:checked=move || current.get() == channel
                    on:change=move |_| chosen.set(Some(channel)) />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="field notify-choice">
            <legend>{move || texts().notify_legend}</legend>
            <div class="choice-row">
                {offered.into_iter().map(|channel| option(Some(channel))).collect_view()}
                {option(None)}
            </div>
        </fieldset>
    }
}
