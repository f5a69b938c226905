//! One production batch: the process verdict, the temperature curve, one step back (the farms'
//! lots) and one step forward (the centres, and who received jars: the recall list), sending
//! its jars to a centre's stock, a link to its labels.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::batches::{Batch, JarCount, NewDisposition, StockBatch};
use crate::api::paths::{self, pages};
use crate::api::query::ChartSize;
use crate::app::client::{self, ClientError};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::batch_recall::RecallCard;
use crate::app::components::counter_desk::CentrePicker;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::states::{ErrorNotice, Loading, STAFF_OFFLINE};
use crate::app::page::{id_param, set_title};
use crate::domain::account::{format_phone, normalise_phone};
use crate::domain::batch::{hundredths_fr, ProcessRecord};
use crate::domain::lot::format_kilos;
use crate::domain::recipe::{ph_text, temperature_fr};
use crate::domain::time::{local, local_date};
use crate::domain::when::short_date;

#[component]
pub fn BatchPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| id_param(&params.read()));
    let batch = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => client::get_batch(id).await,
                None => Err(ClientError::NotFound(
                    "Ce lot de fabrication n'existe pas.".into(),
                )),
            }
        }
    });
    // Set when the stock form answers: the page shows the batch as the server now has it.
    let updated = RwSignal::new(None::<Batch>);
    view! {
        <div class="page staff-page batch-page">
            <BackLink href=pages::BATCHES label="Lots de fabrication" />
            <StaffOnly back=pages::BATCHES>
                {move || match (updated.get(), batch.get()) {
                    (Some(batch), _) | (None, Some(Ok(batch))) => view! { <BatchView batch=batch updated=updated /> }.into_any(),
                    (None, None) => view! { <Loading /> }.into_any(),
                    (None, Some(Err(error))) => view! {
                        <ErrorNotice error=error heading="Impossible d'afficher le lot" retry=move |_| batch.refetch() />
                    }.into_any(),
                }}
            </StaffOnly>
        </div>
    }
}

fn jar_counts(jars: &[JarCount]) -> String {
    jars.iter()
        .map(|count| format!("{} × {} ml", count.jars, count.jar_ml))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn BatchView(batch: Batch, updated: RwSignal<Option<Batch>>) -> impl IntoView {
    set_title(&format!("Lot {}", batch.number));
    let conforming = batch.assessment.conforming;
    let sizes_left: Vec<(u32, u32)> = batch
        .jars
        .iter()
        .map(|count| (count.jar_ml, batch.jars_left(count.jar_ml)))
        .filter(|(_, left)| *left > 0)
        .collect();
    let recipe_link = format!(
        "{}?version={}",
        pages::recipe(batch.recipe_id),
        batch.recipe_version
    );
    view! {
        <h1>{format!("Lot {}", batch.number)}</h1>
        <p class="batch-subtitle">
            <A href=recipe_link>{format!("{} (version {})", batch.recipe_title, batch.recipe_version)}</A>
        </p>
        <Verdict batch=batch.clone() />
        {batch.probe.clone().filter(|probe| probe.overdue_on(batch.made_on)).map(|probe| view! {
            <p class="notice notice-planned probe-overdue" role="status">
                {format!(
                    "À vérifier : la sonde « {} » devait être réétalonnée avant le {}, ce lot a été fait après.",
                    probe.name,
                    short_date(probe.calibration_due)
                )}
            </p>
        })}
        <section class="card" aria-labelledby="batch-facts">
            <h2 id="batch-facts">"Fabrication"</h2>
            <dl class="facts">
                <div><dt>"Fabriqué le"</dt><dd>{short_date(batch.made_on)}</dd></div>
                <div><dt>"À consommer de préférence avant"</dt><dd>{short_date(batch.best_before)}</dd></div>
                <div><dt>"Bocaux"</dt><dd>{jar_counts(&batch.jars)}</dd></div>
                {batch.probe.clone().map(|probe| view! {
                    <div>
                        <dt>"Sonde"</dt>
                        <dd>{format!(
                            "{}, étalonnée le {} (à refaire avant le {})",
                            probe.name,
                            short_date(probe.calibrated_on),
                            short_date(probe.calibration_due)
                        )}</dd>
                    </div>
                })}
                <div>
                    <dt>"Acidité du produit"</dt>
                    <dd>{batch.product_ph_hundredths.map_or("pH non mesuré (lot enregistré avant)".to_string(), |ph| format!("pH {}", ph_text(ph)))}</dd>
                </div>
                {batch.workshop_label.clone().map(|label| view! { <div><dt>"Atelier"</dt><dd>{label}</dd></div> })}
                <div>
                    <dt>"Enregistré par"</dt>
                    <dd>{format!("{}, le {}", batch.recorded_by, local(batch.recorded_at).format("%d/%m/%Y à %H h %M"))}</dd>
                </div>
                {(!batch.note.is_empty()).then(|| view! { <div><dt>"Note"</dt><dd>{batch.note.clone()}</dd></div> })}
            </dl>
            {conforming.then(|| view! {
                <div class="actions no-print">
                    <A href=pages::batch_labels(batch.id) attr:class="button button-primary">"Imprimer les étiquettes"</A>
                </div>
            })}
        </section>
        <Process batch=batch.clone() />
        // A recalled batch's jars never enter stock again.
        {(conforming && batch.recall.is_none() && !sizes_left.is_empty()).then(|| view! { <SendToStock batch_id=batch.id sizes_left=sizes_left.clone() updated=updated /> })}
        {(!conforming).then(|| view! { <JarsFate batch=batch.clone() updated=updated /> })}
        <TraceBack batch=batch.clone() />
        <TraceForward batch=batch.clone() />
        // After the list of who received its jars: the recall tells them.
        {conforming.then(|| view! { <RecallCard batch=batch updated=updated /> })}
    }
}

#[component]
fn Verdict(batch: Batch) -> impl IntoView {
    let assessment = batch.assessment;
    if assessment.conforming {
        view! {
            <p class="notice notice-success verdict" role="status">
                <strong>"Conforme. "</strong>
                "Le traitement thermique respecte le barème validé : les bocaux peuvent entrer en stock."
            </p>
        }
        .into_any()
    } else {
        view! {
            <div class="notice notice-error verdict" role="alert">
                <h2>"Non conforme : ces bocaux ne doivent être ni stockés ni remis."</h2>
                <ul>{assessment.reasons.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any()
    }
}

/// The record of the heat treatment: confirmed rows, or the probe log's chart and value.
#[component]
fn Process(batch: Batch) -> impl IntoView {
    let assessment = batch.assessment.clone();
    let body = match batch.process {
        ProcessRecord::Schedule { rows } => view! {
            <p>"Barème confirmé par l'animateur, format par format :"</p>
            <div class="table-scroll">
                <table class="trace-table">
                    <thead><tr><th scope="col">"Bocal"</th><th scope="col">"Température atteinte"</th><th scope="col">"Durée tenue"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{format!("{} ml", row.jar_ml)}</th>
                                <td>{temperature_fr(row.temperature_tenths)}</td>
                                <td>{format!("{} min", row.minutes)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
        ProcessRecord::Log { points } => {
            let value = assessment.value_hundredths.map(hundredths_fr).unwrap_or_default();
            let target = assessment.target_hundredths.map(hundredths_fr).unwrap_or_else(|| "—".into());
            let summary = format!(
                "Relevé de sonde : {} mesures. Valeur stérilisatrice atteinte {value} min, visée {target} min.",
                points.len()
            );
            view! {
                <p>{summary.clone()}</p>
                <picture>
                    <source media="(max-width: 40rem)" srcset=format!("{}?{}", paths::batch_chart(batch.id), ChartSize::narrow_pair()) width="480" height="360" />
                    <img class="process-chart" src=paths::batch_chart(batch.id) width="960" height="320"
                        alt=format!("Courbe de la température à cœur et de la valeur cumulée. {summary}") />
                </picture>
            }
            .into_any()
        }
    };
    // Kept with the batch when it was judged: a later recipe version changes nothing here.
    let reference = assessment.reference.map(|reference| {
        format!(
            "Référence de létalité : {} ({}).",
            reference.text(),
            reference.source
        )
    });
    view! {
        <section class="card" aria-labelledby="batch-process">
            <h2 id="batch-process">"Traitement thermique"</h2>
            {body}
            {reference.map(|text| view! { <p class="muted lethality-reference">{text}</p> })}
        </section>
    }
}

/// What became of a non-conforming batch's jars: recorded once (destroyed, or reprocessed as
/// another batch), then shown.
#[component]
fn JarsFate(batch: Batch, updated: RwSignal<Option<Batch>>) -> impl IntoView {
    if let Some(fate) = batch.disposition {
        let what = match fate.reprocessed_as.clone() {
            None => view! { "Détruits." }.into_any(),
            Some((id, number)) => view! {
                "Retraités dans le lot " <A href=pages::batch(id)>{number}</A> "."
            }
            .into_any(),
        };
        return view! {
            <section class="card" aria-labelledby="jars-fate">
                <h2 id="jars-fate">"Devenir des bocaux"</h2>
                <p>{what}</p>
                {(!fate.note.is_empty()).then(|| view! { <p>{fate.note.clone()}</p> })}
                <p class="muted">{format!("Noté par {}, le {}", fate.recorded_by, local(fate.recorded_at).format("%d/%m/%Y à %H h %M"))}</p>
            </section>
        }
        .into_any();
    }
    let batch_id = batch.id;
    let reprocessed = RwSignal::new(false);
    let number = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = FormErrors::new(&["batch_number", "note"]);
    let record = Action::new_local(move |fate: &NewDisposition| {
        client::record_disposition(batch_id, fate.clone())
    });
    Effect::new(move |_| match record.value().get() {
        Some(Ok(batch)) => updated.set(Some(batch)),
        Some(Err(refused)) => errors.set(&refused),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        let note = note.get_untracked();
        record.dispatch(match reprocessed.get_untracked() {
            false => NewDisposition::Destroyed { note },
            true => NewDisposition::Reprocessed {
                batch_number: number.get_untracked(),
                note,
            },
        });
    };
    view! {
        <form class="card form no-print" on:submit=submit aria-labelledby="jars-fate">
            <h2 id="jars-fate">"Devenir des bocaux"</h2>
            <fieldset class="field">
                <legend>"Ces bocaux ont été"</legend>
                <label class="check"><input type="radio" name="fate" prop:checked=move || !reprocessed.get() on:change=move |_| reprocessed.set(false) />"détruits"</label>
                <label class="check"><input type="radio" name="fate" prop:checked=move || reprocessed.get() on:change=move |_| reprocessed.set(true) />"retraités dans un autre lot"</label>
            </fieldset>
            <Show when=move || reprocessed.get()>
                <Field label="Numéro du lot de retraitement" id="batch_number" value=number error=errors.for_field("batch_number") hint="Par exemple 20261204-02." />
            </Show>
            <Field label="Note (facultatif)" id="fate_note" value=note error=errors.for_field("note") />
            <FormError errors=errors />
            <button type="submit" class="button button-primary" disabled=move || record.pending().get()>"Enregistrer le devenir"</button>
        </form>
    }
    .into_any()
}

/// Conforming jars not yet in a centre: counted into the chosen centre's stock.
#[component]
fn SendToStock(
    batch_id: i64,
    sizes_left: Vec<(u32, u32)>,
    updated: RwSignal<Option<Batch>>,
) -> impl IntoView {
    let centre = RwSignal::new(None::<i64>);
    let counts: Vec<(u32, u32, RwSignal<String>)> = sizes_left
        .into_iter()
        .map(|(jar_ml, left)| (jar_ml, left, RwSignal::new(left.to_string())))
        .collect();
    let counts = StoredValue::new(counts);
    // One key per intended sending: a retry after a lost answer is recorded once.
    let key = StoredValue::new(client::new_idempotency_key());
    let error = RwSignal::new(None::<String>);
    let send = Action::new_local(move |request: &StockBatch| {
        client::stock_batch(batch_id, request.clone())
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(batch)) => {
            key.set_value(client::new_idempotency_key());
            updated.set(Some(batch));
        }
        Some(Err(refused)) => error.set(Some(refused.message(STAFF_OFFLINE))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(centre_id) = centre.get_untracked() else {
            error.set(Some("Choisissez le centre.".into()));
            return;
        };
        let jars: Option<Vec<JarCount>> = counts.with_value(|counts| {
            counts
                .iter()
                .map(|(jar_ml, _, count)| {
                    let jars = count.get_untracked().trim().parse::<u32>().ok()?;
                    Some(JarCount {
                        jar_ml: *jar_ml,
                        jars,
                    })
                })
                .collect()
        });
        match jars {
            Some(jars) => {
                error.set(None);
                send.dispatch(StockBatch {
                    idempotency_key: key.get_value(),
                    centre_id,
                    jars,
                });
            }
            None => error.set(Some(
                "Indiquez un nombre de bocaux pour chaque format (0 si aucun).".into(),
            )),
        }
    };
    view! {
        <form class="card no-print" on:submit=submit aria-labelledby="batch-stock">
            <h2 id="batch-stock">"Mettre en stock"</h2>
            <CentrePicker id="batch-stock-centre" centre=centre />
            <div class="field-row">
                {counts.get_value().into_iter().map(|(jar_ml, left, count)| {
                    let id = format!("stock-{jar_ml}");
                    view! {
                        <div class="field field-small">
                            <label for=id.clone()>{format!("{jar_ml} ml (reste {left})")}</label>
                            <input id=id type="number" inputmode="numeric" min="0" max=left
                                prop:value=move || count.get() on:input=move |event| count.set(event_target_value(&event)) />
                        </div>
                    }
                }).collect_view()}
            </div>
            {move || error.get().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
            <button type="submit" class="button button-primary" disabled=move || send.pending().get()>"Entrer en stock"</button>
        </form>
    }
}

/// One step back: the farms' lots that went in.
#[component]
fn TraceBack(batch: Batch) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="batch-back">
            <h2 id="batch-back">"Origine : lots des producteurs"</h2>
            <div class="table-scroll">
                <table class="trace-table">
                    <thead>
                        <tr>
                            <th scope="col">"Produit"</th><th scope="col">"Ferme"</th>
                            <th scope="col">"Collecté le"</th><th scope="col">"Utilisé"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {batch.inputs.into_iter().map(|input| {
                            let produce = if input.variety.is_empty() { input.produce } else { format!("{} ({})", input.produce, input.variety) };
                            let farm = format!("{}, {}", input.farm_name, input.farm_commune);
                            // Farms' numbers are kept as typed: shown as the rest of the app shows them.
                            let phone = input.farm_phone.map(|typed| match normalise_phone(&typed) {
                                Some(national) => (format!("tel:{national}"), format_phone(&national)),
                                None => (format!("tel:{}", typed.replace(' ', "")), typed),
                            });
                            let others = format!("{}?lot={}", pages::BATCHES, input.lot_id);
                            view! {
                                <tr>
                                    <th scope="row">
                                        {format!("{produce} ")}
                                        <span class="muted">{format!("lot n° {}", input.lot_id)}</span>
                                        <br /><A href=others attr:class="no-print">"Tous ses lots de fabrication"</A>
                                    </th>
                                    <td>{farm}{phone.map(|(href, shown)| view! { <br /><a href=href>{shown}</a> })}</td>
                                    <td>{input.collected_on.map(short_date).unwrap_or_else(|| "—".into())}</td>
                                    <td class="number">{format_kilos(u64::from(input.grams))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One step forward: the centres, and who received jars (the recall list).
#[component]
fn TraceForward(batch: Batch) -> impl IntoView {
    let stocked = batch.stocked;
    let recipients = batch.recipients;
    view! {
        <section class="card" aria-labelledby="batch-forward">
            <h2 id="batch-forward">"Destination : centres et participants"</h2>
            {if stocked.is_empty() {
                view! { <p class="empty">"Aucun bocal de ce lot n'est encore entré en stock."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {stocked.into_iter().map(|line| view! {
                            <li>{format!("{} × {} ml → {}, le {}", line.jars, line.jar_ml, line.centre_name, short_date(local_date(line.at)))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>"Personnes qui en ont reçu"</h3>
            <p class="hint">
                "Le comptoir enregistre le lot de chaque bocal remis : cette liste nomme exactement les personnes à prévenir en cas de rappel."
            </p>
            {if recipients.is_empty() {
                view! { <p class="empty">"Personne n'a encore reçu de bocal de ce lot."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="trace-table recall-table">
                            <thead><tr><th scope="col">"Participant"</th><th scope="col">"Contact"</th><th scope="col">"Reçu"</th></tr></thead>
                            <tbody>
                                {recipients.into_iter().map(|person| {
                                    let contact = [person.phone.as_deref().map(format_phone), person.email.clone()]
                                        .into_iter().flatten().collect::<Vec<_>>().join(" · ");
                                    view! {
                                        <tr>
                                            <th scope="row">{format!("{} ", person.member.display_name)}<span class="muted">{format!("n° {}", person.member.member_number)}</span></th>
                                            <td>{if contact.is_empty() { "à voir au centre".to_string() } else { contact }}</td>
                                            <td>
                                                {format!("{} × {} ml, {}, dernier le {}", person.jars, person.jar_ml, person.centre_name, short_date(local_date(person.last_at)))}
                                                {(person.returned > 0).then(|| view! { <br /><strong>{format!("{} rapporté(s)", person.returned)}</strong> })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <div class="actions no-print">
                        <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>"Imprimer la liste"</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
