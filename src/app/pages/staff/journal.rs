//! "Journal" (admins): every change made by the team, and accounts closed by their holders,
//! newest first; filtered by person, kind of action and period; "Plus anciennes" reads the
//! next page.

use leptos::prelude::*;

use crate::api::accounts::{AuditEntry, AuditQuery};
use crate::api::paths::pages;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{FormError, FormErrors};
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::time::local;
use crate::domain::when::short_date;
use crate::domain::Role;

#[component]
pub fn JournalPage() -> impl IntoView {
    set_title("Journal");
    let session = use_session();
    let is_admin = move || session.me().is_some_and(|me| me.role == Role::Admin);
    view! {
        <div class="page narrow-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Journal"</h1>
            <StaffOnly back=pages::JOURNAL>
                {move || match is_admin() {
                    true => view! { <Journal /> }.into_any(),
                    false => view! {
                        <p class="notice notice-error" role="alert">
                            "Le journal est réservé aux administrateur·rice·s."
                        </p>
                    }.into_any(),
                }}
            </StaffOnly>
        </div>
    }
}

#[component]
fn Journal() -> impl IntoView {
    let person = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let errors = FormErrors::new(&["personne", "action", "du", "au"]);
    // What is shown: the pages read so far for the current filter, and whether more exist.
    let entries: RwSignal<Vec<AuditEntry>> = RwSignal::new(Vec::new());
    let more = RwSignal::new(false);
    let actions: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let read = Action::new_local(|(query, appending): &(AuditQuery, bool)| {
        let (query, appending) = (query.clone(), *appending);
        async move { (client::audit(query).await, appending) }
    });
    Effect::new(move |_| match read.value().get() {
        Some((Ok(page), appending)) => {
            entries.update(|shown| {
                if !appending {
                    shown.clear();
                }
                shown.extend(page.entries);
            });
            more.set(page.more);
            actions.set(page.actions);
        }
        Some((Err(error), _)) => errors.set(&error),
        None => {}
    });
    let query = move || AuditQuery {
        person: person.get_untracked(),
        action: action.get_untracked(),
        from: from.get_untracked().parse().ok(),
        until: until.get_untracked().parse().ok(),
        before: None,
    };
    read.dispatch((query(), false));
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        read.dispatch((query(), false));
    };
    let older = move |_| {
        let before = entries.with_untracked(|shown| shown.last().map(|entry| entry.id));
        read.dispatch((AuditQuery { before, ..query() }, true));
    };
    view! {
        <form class="card form journal-filter" on:submit=on_submit novalidate role="search">
            <div class="field">
                <label for="personne">"Personne"</label>
                <p class="hint" id="personne-hint">"Nom ou numéro de membre : ce qu'elle a fait, et ce qui la concerne."</p>
                <input id="personne" type="search" aria-describedby="personne-hint"
                    prop:value=move || person.get() on:input=move |event| person.set(event_target_value(&event)) />
            </div>
            <div class="field">
                <label for="action">"Action"</label>
                <select id="action" on:change=move |event| action.set(event_target_value(&event))>
                    <option value="">"Toutes"</option>
                    {move || actions.get().into_iter().map(|kind| {
                        let selected = kind == action.get_untracked();
                        view! { <option value=kind.clone() selected=selected>{kind.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="du">"Du"</label>
                    <input id="du" type="date" prop:value=move || from.get() on:input=move |event| from.set(event_target_value(&event)) />
                </div>
                <div class="field">
                    <label for="au">"Au"</label>
                    <input id="au" type="date" prop:value=move || until.get() on:input=move |event| until.set(event_target_value(&event)) />
                </div>
            </div>
            <FormError errors=errors />
            <button type="submit" class="button button-primary" disabled=move || read.pending().get()>"Filtrer"</button>
        </form>
        {move || match (entries.with(Vec::is_empty), read.pending().get()) {
            (true, true) => view! { <p class="muted">"Chargement…"</p> }.into_any(),
            (true, false) => view! { <p class="muted">"Rien dans le journal pour ces critères."</p> }.into_any(),
            (false, _) => view! {
                <ul class="staff-list journal-list">
                    {entries.get().into_iter().map(|entry| {
                        let at = local(entry.at);
                        view! {
                            <li>
                                <div class="staff-item-main">
                                    <strong>{entry.action.clone()}</strong>
                                    <span>{entry.subject_name.clone().map_or(entry.subject.clone(), |name| format!("{} · {name}", entry.subject))}</span>
                                    {(!entry.detail.is_empty()).then(|| view! { <span class="muted">{entry.detail.clone()}</span> })}
                                </div>
                                <span class="muted">
                                    {format!("{} à {} · par {}", short_date(at.date_naive()), at.format("%H:%M"), entry.actor)}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
        {move || more.get().then(|| view! {
            <button type="button" class="button button-secondary" disabled=move || read.pending().get() on:click=older>
                "Plus anciennes"
            </button>
        })}
    }
}
