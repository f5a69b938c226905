//! Recording a production batch after a workshop: the validated recipe, the collected lots
//! used and how much of each, the jars made, and the heat treatment (the schedule's rows
//! confirmed, or a probe log typed or loaded from a CSV file, with its F0 shown as it is read).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen_futures::JsFuture;

use crate::api::batches::{
    AvailableLot, JarCount, LotUse, NewBatch, ProbeUse, MAX_BATCH_NOTE_CHARS, MAX_JARS_PER_SIZE,
};
use crate::api::paths::pages;
use crate::api::recipes::{Recipe, RecipeFilter};
use crate::api::workshops::WorkshopFilter;
use crate::app::client::{self, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::states::ShowRead;
use crate::app::local_store;
use crate::app::page::set_title;
use crate::domain::batch::{assess, hundredths_fr, parse_log, HeldRow, Lethality, ProcessRecord};
use crate::domain::lot::{format_kilos, parse_kilos};
use crate::domain::recipe::temperature_fr;
use crate::domain::time::local_date;
use crate::domain::when::short_date;

/// Where this device remembers the last probe recorded (`local_store`).
const LAST_PROBE_KEY: &str = "bocal.last_probe";

const FIELDS: &[&str] = &[
    "recipe",
    "made_on",
    "workshop",
    "inputs",
    "jars",
    "log",
    "product_ph",
    "probe",
    "note",
];

#[component]
pub fn NewBatchPage() -> impl IntoView {
    set_title("Nouveau lot de fabrication");
    view! {
        <div class="page staff-page batch-form-page">
            <BackLink href=pages::BATCHES label="Lots de fabrication" />
            <h1>"Nouveau lot de fabrication"</h1>
            <StaffOnly back=pages::NEW_BATCH>
                <BatchForm />
            </StaffOnly>
        </div>
    }
}

#[component]
fn BatchForm() -> impl IntoView {
    let recipes = LocalResource::new(|| {
        client::list_recipes(RecipeFilter::default(), ReadMode::NetworkFirst)
    });
    let lots = LocalResource::new(client::available_lots);
    let today = local_date(Utc::now());
    let workshops = LocalResource::new(move || {
        client::list_workshops(
            WorkshopFilter {
                from: Some(today - Duration::days(30)),
                to: Some(today),
                ..WorkshopFilter::default()
            }
            .into(),
            ReadMode::NetworkFirst,
        )
    });

    let recipe_id = RwSignal::new(None::<i64>);
    let recipe = LocalResource::new(move || {
        let id = recipe_id.get();
        async move {
            match id {
                Some(id) => client::get_recipe(id, None, ReadMode::NetworkFirst)
                    .await
                    .map(Some),
                None => Ok(None),
            }
        }
    });
    // A workshop id, or "" for none.
    let workshop = RwSignal::new(String::new());
    let made_on = RwSignal::new(today.to_string());
    // Lot → kilos typed; a lot is used when it is in the map.
    let used = RwSignal::new(BTreeMap::<i64, String>::new());
    let jars = RwSignal::new(BTreeMap::<u32, String>::new());
    let use_log = RwSignal::new(false);
    // Size → (temperature °C, minutes), as typed; filled from the schedule.
    let held = RwSignal::new(BTreeMap::<u32, (String, String)>::new());
    let confirmed = RwSignal::new(false);
    let log = RwSignal::new(String::new());
    let product_ph = RwSignal::new(String::new());
    // The team uses the same probe batch after batch: the last one recorded on this device.
    let last_probe: Option<ProbeUse> = local_store::get_json(LAST_PROBE_KEY);
    let probe_name = RwSignal::new(
        last_probe
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    );
    let probe_calibrated = RwSignal::new(
        last_probe
            .as_ref()
            .map(|p| p.calibrated_on.to_string())
            .unwrap_or_default(),
    );
    let probe_due = RwSignal::new(
        last_probe
            .map(|p| p.calibration_due.to_string())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(String::new());
    let errors = FormErrors::new(FIELDS);
    // One key for this form: a retry after a lost answer records the batch once.
    let key = StoredValue::new(client::new_idempotency_key());

    // A new recipe brings its sizes and its schedule's rows.
    Effect::new(move |_| {
        if let Some(Ok(Some(recipe))) = recipe.get() {
            let schedule = &recipe.content.schedule;
            jars.set(
                recipe
                    .content
                    .jar_sizes_ml
                    .iter()
                    .map(|size| (*size, String::new()))
                    .collect(),
            );
            held.set(
                schedule
                    .rows
                    .iter()
                    .map(|row| {
                        let celsius = temperature_fr(row.temperature_tenths).replace(" °C", "");
                        (row.jar_ml, (celsius, row.minutes.to_string()))
                    })
                    .collect(),
            );
            confirmed.set(false);
        }
    });

    let current_recipe = move || recipe.get().and_then(Result::ok).flatten();
    let sizes_made = move || -> Vec<u32> {
        jars.get()
            .into_iter()
            .filter(|(_, count)| count.trim().parse::<u32>().is_ok_and(|n| n > 0))
            .map(|(size, _)| size)
            .collect()
    };

    let save = Action::new_local(|new: &NewBatch| client::record_batch(new.clone()));
    let navigate = use_navigate();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(batch)) => navigate(&pages::batch(batch.id), Default::default()),
        Some(Err(error)) => errors.set(&error),
        None => {}
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        let typed = Typed {
            made_on: made_on.get_untracked(),
            workshop: workshop.get_untracked(),
            used: used.get_untracked(),
            jars: jars.get_untracked(),
            use_log: use_log.get_untracked(),
            held: held.get_untracked(),
            confirmed: confirmed.get_untracked(),
            log: log.get_untracked(),
            product_ph: product_ph.get_untracked(),
            probe: (
                probe_name.get_untracked(),
                probe_calibrated.get_untracked(),
                probe_due.get_untracked(),
            ),
            note: note.get_untracked(),
        };
        match typed.into_request(key.get_value(), current_recipe()) {
            Ok(new) => {
                if let Some(probe) = &new.probe {
                    local_store::set_json(LAST_PROBE_KEY, probe);
                }
                save.dispatch(new);
            }
            Err((field, message)) => errors.set_field(field, message),
        }
    };

    view! {
        <form class="batch-form" on:submit=submit novalidate>
            <section class="card">
                <h2>"Recette et date"</h2>
                <div class="field" class:has-error=move || errors.for_field("recipe").get().is_some()>
                    <label for="batch-recipe">"Recette (barème validé)"</label>
                    <select id="batch-recipe" on:change=move |event| recipe_id.set(event_target_value(&event).parse().ok())>
                        <option value="">"— choisir —"</option>
                        {move || recipes.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            .filter(|recipe| recipe.validated)
                            .map(|recipe| view! { <option value=recipe.id.to_string()>{format!("{} (version {})", recipe.title, recipe.version)}</option> })
                            .collect_view()}
                    </select>
                    <p class="hint">"Une recette au barème non validé ne peut pas servir à produire : elle n'apparaît pas ici."</p>
                    <FieldError errors=errors field="recipe" />
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="batch-made-on">"Fabriqué le"</label>
                        <input id="batch-made-on" type="date" max=today.to_string() prop:value=move || made_on.get()
                            on:input=move |event| made_on.set(event_target_value(&event)) />
                        <FieldError errors=errors field="made_on" />
                    </div>
                    <div class="field">
                        <label for="batch-workshop">"Atelier (facultatif)"</label>
                        <select id="batch-workshop" prop:value=move || workshop.get() on:change=move |event| workshop.set(event_target_value(&event))>
                            <option value="">"— aucun —"</option>
                            {move || workshops.get().and_then(Result::ok).map(|list| list.workshops).unwrap_or_default().into_iter().rev()
                                .map(|w| {
                                    let value = w.id.to_string();
                                    let selected = value == workshop.get_untracked();
                                    let label = format!("{} – {}, {}", short_date(local_date(w.starts_at)), w.title, w.place.name);
                                    view! { <option value=value selected=selected>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
            </section>

            <section class="card" aria-labelledby="batch-inputs">
                <h2 id="batch-inputs">"Lots collectés utilisés"</h2>
                <ShowRead read=lots error_heading="Impossible d'afficher les lots collectés" let:data>
                    {match data {
                        list if list.is_empty() => view! {
                            <p class="empty">"Aucun lot collecté n'attend d'être transformé. Les lots se collectent depuis le marché des producteurs."</p>
                        }.into_any(),
                        list => view! { <LotChoices lots=list used=used workshop=workshop /> }.into_any(),
                    }}
                </ShowRead>
                <FieldError errors=errors field="inputs" />
            </section>

            <section class="card" aria-labelledby="batch-jars">
                <h2 id="batch-jars">"Bocaux produits"</h2>
                {move || if jars.with(BTreeMap::is_empty) {
                    view! { <p class="hint">"Choisissez d'abord la recette : ses formats s'afficheront ici."</p> }.into_any()
                } else {
                    view! {
                        <div class="field-row">
                            {jars.get().into_keys().map(|size| {
                                let id = format!("batch-jars-{size}");
                                view! {
                                    <div class="field field-small">
                                        <label for=id.clone()>{format!("{size} ml")}</label>
                                        <input id=id type="number" inputmode="numeric" min="0" max=MAX_JARS_PER_SIZE
                                            prop:value=move || jars.with(|jars| jars.get(&size).cloned().unwrap_or_default())
                                            on:input=move |event| { let value = event_target_value(&event); jars.update(|jars| { jars.insert(size, value); }); } />
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
                <FieldError errors=errors field="jars" />
            </section>

            <section class="card" aria-labelledby="batch-process-heading">
                <h2 id="batch-process-heading">"Traitement thermique"</h2>
                <fieldset class="choice-row">
                    <legend class="visually-hidden">"Comment le traitement est-il enregistré ?"</legend>
                    <label class="choice">
                        <input type="radio" name="process" checked=move || !use_log.get() on:change=move |_| use_log.set(false) />
                        "Barème confirmé"
                    </label>
                    <label class="choice">
                        <input type="radio" name="process" checked=move || use_log.get() on:change=move |_| use_log.set(true) />
                        "Relevé de sonde (autoclave)"
                    </label>
                </fieldset>
                {move || if use_log.get() {
                    view! { <LogEntry log=log recipe=Signal::derive(current_recipe) sizes=Signal::derive(sizes_made) /> }.into_any()
                } else {
                    view! { <HeldRows held=held sizes=Signal::derive(sizes_made) confirmed=confirmed /> }.into_any()
                }}
                <FieldError errors=errors field="log" />
            </section>

            <section class="card">
                <Field label="pH mesuré du produit" id="product_ph" value=product_ph error=errors.for_field("product_ph")
                    inputmode="decimal" hint="Au pH-mètre, sur un bocal du lot refroidi : à 4,5 ou plus, le bain-marie ne suffit pas." />
                <fieldset class="field">
                    <legend>"Sonde ou enregistreur utilisé"</legend>
                    <Field label="Nom de la sonde" id="probe" value=probe_name error=errors.for_field("probe") hint="Par exemple « Sonde TC-2 (n° 1043) »." />
                    <div class="field-row">
                        <Field label="Dernier étalonnage" id="probe_calibrated" value=probe_calibrated error=Signal::derive(|| None::<String>) kind="date" />
                        <Field label="Étalonnage à refaire avant le" id="probe_due" value=probe_due error=Signal::derive(|| None::<String>) kind="date" />
                    </div>
                </fieldset>
                <div class="field">
                    <label for="batch-note">"Note (facultatif)"</label>
                    <input id="batch-note" type="text" maxlength=MAX_BATCH_NOTE_CHARS placeholder="Cuisson en deux fois, un bocal cassé…"
                        prop:value=move || note.get() on:input=move |event| note.set(event_target_value(&event)) />
                </div>
                <FormError errors=errors />
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Enregistrement…" } else { "Enregistrer le lot" }}
                </button>
            </section>
        </form>
    }
}

/// A field's error, under it.
#[component]
fn FieldError(errors: FormErrors, field: &'static str) -> impl IntoView {
    let message = errors.for_field(field);
    move || {
        message
            .get()
            .map(|message| view! { <p class="field-error" role="alert">{message}</p> })
    }
}

/// The collected lots: tick one, type the kilos taken (all that is left, by default). A lot
/// collected for a workshop proposes that workshop, when none is chosen yet.
#[component]
fn LotChoices(
    lots: Vec<AvailableLot>,
    used: RwSignal<BTreeMap<i64, String>>,
    workshop: RwSignal<String>,
) -> impl IntoView {
    view! {
        <ul class="lot-choices">
            {lots.into_iter().map(|lot| {
                let id = lot.lot_id;
                let left = format_kilos(u64::from(lot.grams_left));
                let left_input = left.replace(" kg", "");
                let name = if lot.variety.is_empty() { lot.produce.clone() } else { format!("{} ({})", lot.produce, lot.variety) };
                let checkbox = format!("use-lot-{id}");
                let kilos = format!("kilos-lot-{id}");
                let checked = move || used.with(|used| used.contains_key(&id));
                view! {
                    <li class="lot-choice">
                        <label class="choice" for=checkbox.clone()>
                            <input id=checkbox.clone() type="checkbox" prop:checked=checked on:change=move |event| {
                                let on = event_target_checked(&event);
                                let left = left_input.clone();
                                used.update(|used| { if on { used.insert(id, left); } else { used.remove(&id); } });
                                if let (true, Some(for_workshop)) = (on, lot.workshop_id) {
                                    if workshop.get_untracked().is_empty() {
                                        workshop.set(for_workshop.to_string());
                                    }
                                }
                            } />
                            <span>
                                <strong>{name}</strong>
                                <span class="muted">{format!(" · {} · collecté le {} · reste {left}", lot.farm_name, short_date(lot.collected_on))}</span>
                            </span>
                        </label>
                        {move || checked().then(|| view! {
                            <div class="field field-small">
                                <label for=kilos.clone()>"Kilos pris"</label>
                                <input id=kilos.clone() type="text" inputmode="decimal"
                                    prop:value=move || used.with(|used| used.get(&id).cloned().unwrap_or_default())
                                    on:input=move |event| { let value = event_target_value(&event); used.update(|used| { used.insert(id, value); }); } />
                            </div>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The schedule's rows for the sizes made, prefilled: the animator corrects what was not met
/// and confirms.
#[component]
fn HeldRows(
    held: RwSignal<BTreeMap<u32, (String, String)>>,
    #[prop(into)] sizes: Signal<Vec<u32>>,
    confirmed: RwSignal<bool>,
) -> impl IntoView {
    view! {
        {move || if sizes.get().is_empty() {
            view! { <p class="hint">"Indiquez les bocaux produits : le barème de chaque format s'affichera ici."</p> }.into_any()
        } else {
            view! {
                <p class="hint">"Valeurs du barème. Corrigez-les si elles n'ont pas été atteintes : le lot sera alors non conforme."</p>
                <div class="held-rows">
                    {sizes.get().into_iter().map(|size| {
                        let (temperature_id, minutes_id) = (format!("held-t-{size}"), format!("held-m-{size}"));
                        let value = move |pick: fn(&(String, String)) -> String| held.with(|held| held.get(&size).map(pick).unwrap_or_default());
                        view! {
                            <div class="field-row held-row">
                                <p class="held-size">{format!("{size} ml")}</p>
                                <div class="field field-small">
                                    <label for=temperature_id.clone()>"Température (°C)"</label>
                                    <input id=temperature_id type="text" inputmode="decimal" prop:value=move || value(|row| row.0.clone())
                                        on:input=move |event| { let v = event_target_value(&event); held.update(|held| { held.entry(size).or_default().0 = v; }); } />
                                </div>
                                <div class="field field-small">
                                    <label for=minutes_id.clone()>"Tenue (minutes)"</label>
                                    <input id=minutes_id type="number" inputmode="numeric" min="0" prop:value=move || value(|row| row.1.clone())
                                        on:input=move |event| { let v = event_target_value(&event); held.update(|held| { held.entry(size).or_default().1 = v; }); } />
                                </div>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <label class="choice confirm">
                    <input type="checkbox" prop:checked=move || confirmed.get() on:change=move |event| confirmed.set(event_target_checked(&event)) />
                    "Je confirme que ces températures et ces durées ont été atteintes à cœur."
                </label>
            }.into_any()
        }}
    }
}

/// A probe log, pasted or loaded from the probe's CSV, read as it is typed: its F0 against the
/// recipe's target, before anything is sent.
#[component]
fn LogEntry(
    log: RwSignal<String>,
    #[prop(into)] recipe: Signal<Option<Recipe>>,
    #[prop(into)] sizes: Signal<Vec<u32>>,
) -> impl IntoView {
    let file_error = RwSignal::new(None::<String>);
    let load = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        if file.size() > 1_000_000.0 {
            file_error.set(Some("Fichier trop gros (1 Mo au plus).".into()));
            return;
        }
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|text| text.as_string())
            {
                Some(text) => {
                    file_error.set(None);
                    log.set(text);
                }
                None => file_error.set(Some("Ce fichier n'a pas pu être lu.".into())),
            }
        });
    };
    let preview = move || -> Option<Result<String, String>> {
        let text = log.get();
        if text.trim().is_empty() {
            return None;
        }
        let points = match parse_log(&text) {
            Ok(points) => points,
            Err(error) => return Some(Err(error.message)),
        };
        let recipe = recipe.get()?;
        let schedule = &recipe.content.schedule;
        // The lethality only: the pH is judged with the whole batch.
        let verdict = assess(
            schedule,
            &sizes.get(),
            &ProcessRecord::Log {
                points: points.clone(),
            },
            None,
        );
        let symbol = Lethality::of(&schedule.lethality_reference()).symbol();
        let value = verdict
            .value_hundredths
            .map(hundredths_fr)
            .unwrap_or_default();
        let target = verdict
            .target_hundredths
            .map(hundredths_fr)
            .unwrap_or_else(|| "—".into());
        Some(if verdict.conforming {
            Ok(format!(
                "{} relevés lus. {symbol} atteinte : {value} min (visée : {target} min).",
                points.len()
            ))
        } else {
            Err(format!(
                "{} relevés lus. {}",
                points.len(),
                verdict.reasons.join(" ")
            ))
        })
    };
    view! {
        <div class="field">
            <label for="batch-log-file">"Fichier CSV de la sonde"</label>
            <input id="batch-log-file" type="file" accept=".csv,.txt,text/csv,text/plain" on:change=load />
            {move || file_error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
        </div>
        <div class="field">
            <label for="batch-log">"Relevé (un temps et une température par ligne)"</label>
            <textarea id="batch-log" rows="8" placeholder="0:00;21,5\n1:00;34,0\n2:00;52,5\n…"
                prop:value=move || log.get() on:input=move |event| log.set(event_target_value(&event))></textarea>
            <p class="hint">"Temps en secondes ou en minutes:secondes depuis le début, température à cœur en °C. Une mesure toutes les 2 minutes au moins."</p>
        </div>
        {move || preview().map(|preview| match preview {
            Ok(text) => view! { <p class="notice notice-success" role="status">"✓ " {text}</p> }.into_any(),
            Err(text) => view! { <p class="notice notice-error" role="status">{text}</p> }.into_any(),
        })}
    }
}

/// What the form holds, as typed.
struct Typed {
    made_on: String,
    workshop: String,
    /// Lot → kilos.
    used: BTreeMap<i64, String>,
    /// Jar size → count.
    jars: BTreeMap<u32, String>,
    use_log: bool,
    /// Jar size → (°C, minutes).
    held: BTreeMap<u32, (String, String)>,
    confirmed: bool,
    log: String,
    /// "4,2".
    product_ph: String,
    /// (name, last calibration, next one due), dates as a date input gives them.
    probe: (String, String, String),
    note: String,
}

impl Typed {
    /// The request, or the first field at fault.
    fn into_request(
        self,
        idempotency_key: String,
        recipe: Option<Recipe>,
    ) -> Result<NewBatch, (&'static str, String)> {
        let recipe = recipe.ok_or(("recipe", "Choisissez la recette.".to_string()))?;
        let made_on: NaiveDate = self
            .made_on
            .parse()
            .map_err(|_| ("made_on", "Indiquez la date de fabrication.".to_string()))?;
        let mut inputs = Vec::new();
        for (lot_id, kilos) in &self.used {
            let grams = parse_kilos(kilos).filter(|grams| *grams > 0).ok_or((
                "inputs",
                format!("Kilos pris dans le lot n° {lot_id} : un nombre, par exemple 12,5."),
            ))?;
            inputs.push(LotUse {
                lot_id: *lot_id,
                grams,
            });
        }
        let mut counts = Vec::new();
        for (jar_ml, count) in &self.jars {
            let jars = match count.trim() {
                "" => 0,
                text => text
                    .parse::<u32>()
                    .map_err(|_| ("jars", format!("Bocaux de {jar_ml} ml : un nombre entier.")))?,
            };
            counts.push(JarCount {
                jar_ml: *jar_ml,
                jars,
            });
        }
        let process = if self.use_log {
            ProcessRecord::Log {
                points: parse_log(&self.log).map_err(|error| ("log", error.message))?,
            }
        } else if self.confirmed {
            held_rows(&counts, &self.held)?
        } else {
            return Err((
                "log",
                "Cochez la confirmation des températures et des durées.".into(),
            ));
        };
        let new = NewBatch {
            idempotency_key,
            recipe_id: recipe.id,
            recipe_version: recipe.version,
            workshop_id: self.workshop.parse().ok(),
            made_on,
            inputs,
            jars: counts,
            process,
            product_ph_hundredths: match self.product_ph.trim() {
                "" => None,
                typed => Some(
                    parse_kilos(typed)
                        .map(|thousandths| thousandths / 10)
                        .ok_or(("product_ph", "pH attendu, par exemple 4,2.".to_string()))?,
                ),
            },
            probe: {
                let (name, calibrated_on, due) = &self.probe;
                let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
                match (date(calibrated_on), date(due)) {
                    (Some(calibrated_on), Some(calibration_due)) => Some(ProbeUse {
                        name: name.trim().to_string(),
                        calibrated_on,
                        calibration_due,
                    }),
                    // Nothing typed: `check` says what is missing, in the form's order.
                    _ if [name, calibrated_on, due]
                        .iter()
                        .all(|t| t.trim().is_empty()) =>
                    {
                        None
                    }
                    _ => {
                        return Err((
                            "probe",
                            "Indiquez les dates du dernier étalonnage et du prochain.".into(),
                        ))
                    }
                }
            },
            note: self.note.trim().to_string(),
        };
        new.check().map_err(|error| {
            let field = FIELDS
                .iter()
                .find(|field| **field == error.field)
                .copied()
                .unwrap_or("form");
            (field, error.message)
        })?;
        Ok(new)
    }
}

/// The confirmed rows of the sizes made.
fn held_rows(
    counts: &[JarCount],
    held: &BTreeMap<u32, (String, String)>,
) -> Result<ProcessRecord, (&'static str, String)> {
    let mut rows = Vec::new();
    for count in counts.iter().filter(|count| count.jars > 0) {
        let (temperature, minutes) = held.get(&count.jar_ml).cloned().unwrap_or_default();
        let message = || {
            (
                "log",
                format!(
                    "{} ml : indiquez la température (°C) et la durée (minutes).",
                    count.jar_ml
                ),
            )
        };
        let celsius: f64 = temperature
            .trim()
            .replace(',', ".")
            .parse()
            .map_err(|_| message())?;
        let minutes: u32 = minutes.trim().parse().map_err(|_| message())?;
        if !(0.0..=150.0).contains(&celsius) {
            return Err(message());
        }
        rows.push(HeldRow {
            jar_ml: count.jar_ml,
            temperature_tenths: (celsius * 10.0).round() as u32,
            minutes,
        });
    }
    Ok(ProcessRecord::Schedule { rows })
}
