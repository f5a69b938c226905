//! "Rappeler ce lot", shown on a batch's page: the recall itself (a reason the holders will
//! read), then, once recalled, what was done and the jars each holder brought back.

use leptos::prelude::*;

use crate::api::batches::{Batch, NewRecall, RecallReturn};
use crate::app::client;
use crate::app::components::counter_desk::CentrePicker;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::domain::time::local;

/// Before a recall: the form that makes one. After: the recall, and its returns.
#[component]
pub fn RecallCard(batch: Batch, updated: RwSignal<Option<Batch>>) -> impl IntoView {
    match batch.recall.clone() {
        Some(recall) => view! {
            <section class="card recall-card" aria-labelledby="batch-recall">
                <h2 id="batch-recall">"Lot rappelé"</h2>
                <p class="notice notice-error">
                    {format!("Rappelé le {} par {} : « {} ». Ses bocaux sont bloqués dans tous les centres.",
                        local(recall.recorded_at).format("%d/%m/%Y à %H h %M"), recall.recorded_by, recall.reason)}
                </p>
                <p>{match recall.messages {
                    0 => "Aucun message envoyé : personne n'avait reçu de bocal de ce lot, ou sans téléphone ni e-mail.".to_string(),
                    1 => "1 message envoyé (SMS ou e-mail) aux personnes ci-dessous.".to_string(),
                    n => format!("{n} messages envoyés (SMS et e-mails) aux personnes ci-dessous."),
                }}</p>
                <ReturnForm batch=batch updated=updated />
            </section>
        }
        .into_any(),
        None => view! { <RecallForm batch=batch updated=updated /> }.into_any(),
    }
}

#[component]
fn RecallForm(batch: Batch, updated: RwSignal<Option<Batch>>) -> impl IntoView {
    let batch_id = batch.id;
    let holders = batch.recipients.len();
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new(&["reason"]);
    let recall = Action::new_local(move |request: &NewRecall| {
        client::recall_batch(batch_id, request.clone())
    });
    Effect::new(move |_| match recall.value().get() {
        Some(Ok(batch)) => updated.set(Some(batch)),
        Some(Err(refused)) => errors.set(&refused),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        recall.dispatch(NewRecall {
            reason: reason.get_untracked(),
        });
    };
    let consequence = match holders {
        0 => "Ses bocaux seront bloqués dans tous les centres. Personne n'en a encore reçu.".to_string(),
        1 => "Ses bocaux seront bloqués dans tous les centres et la personne qui en a reçu sera prévenue par SMS et e-mail.".to_string(),
        n => format!("Ses bocaux seront bloqués dans tous les centres et les {n} personnes qui en ont reçu seront prévenues par SMS et e-mail."),
    };
    view! {
        <form class="card form no-print" on:submit=submit aria-labelledby="batch-recall">
            <h2 id="batch-recall">"Rappeler ce lot"</h2>
            <p>{consequence}</p>
            <Field label="Motif du rappel" id="reason" value=reason error=errors.for_field("reason")
                hint="Les personnes le liront : par exemple « Couvercles mal sertis »." />
            <FormError errors=errors />
            <button type="submit" class="button button-danger" disabled=move || recall.pending().get()>"Rappeler ce lot"</button>
        </form>
    }
}

/// Recalled jars a holder brought back, by person and jar size.
#[component]
fn ReturnForm(batch: Batch, updated: RwSignal<Option<Batch>>) -> impl IntoView {
    let batch_id = batch.id;
    // (participant, jar size, still held, label)
    let outstanding: Vec<(i64, u32, u32, String)> = batch
        .recipients
        .iter()
        .filter(|holder| holder.jars > holder.returned)
        .map(|holder| {
            let left = holder.jars - holder.returned;
            let label = format!(
                "{} (n° {}), {} ml : {left} à rapporter",
                holder.member.display_name, holder.member.member_number, holder.jar_ml
            );
            (holder.member.account_id, holder.jar_ml, left, label)
        })
        .collect();
    if outstanding.is_empty() {
        return view! { <p class="muted">"Aucun bocal de ce lot n'est encore à rapporter."</p> }
            .into_any();
    }
    let outstanding = StoredValue::new(outstanding);
    let chosen = RwSignal::new(0usize);
    let centre = RwSignal::new(None::<i64>);
    let jars = RwSignal::new("1".to_string());
    let key = StoredValue::new(client::new_idempotency_key());
    let errors = FormErrors::new(&["jars", "centre"]);
    let record = Action::new_local(move |request: &RecallReturn| {
        client::recall_return(batch_id, request.clone())
    });
    Effect::new(move |_| match record.value().get() {
        Some(Ok(batch)) => {
            key.set_value(client::new_idempotency_key());
            updated.set(Some(batch));
        }
        Some(Err(refused)) => errors.set(&refused),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        let Some((participant_id, jar_ml, _, _)) =
            outstanding.with_value(|list| list.get(chosen.get_untracked()).cloned())
        else {
            return;
        };
        let Some(centre_id) = centre.get_untracked() else {
            return;
        };
        let Ok(count) = jars.get_untracked().trim().parse::<u32>() else {
            errors.set_field("jars", "Indiquez un nombre de bocaux.");
            return;
        };
        record.dispatch(RecallReturn {
            idempotency_key: key.get_value(),
            participant_id,
            centre_id,
            jar_ml,
            jars: count,
        });
    };
    view! {
        <form class="form no-print" on:submit=submit aria-labelledby="recall-returns">
            <h3 id="recall-returns">"Bocaux rapportés"</h3>
            <div class="field">
                <label for="recall-holder">"Personne"</label>
                <select id="recall-holder" on:change=move |event| chosen.set(event_target_value(&event).parse().unwrap_or(0))>
                    {outstanding.get_value().into_iter().enumerate().map(|(index, (_, _, _, label))| {
                        view! { <option value=index.to_string()>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <CentrePicker id="recall-return-centre" centre=centre />
            <Field label="Bocaux rapportés" id="jars" value=jars error=errors.for_field("jars") kind="number" inputmode="numeric" />
            <FormError errors=errors />
            <button type="submit" class="button button-primary" disabled=move || record.pending().get()>"Enregistrer le retour"</button>
        </form>
    }
    .into_any()
}
