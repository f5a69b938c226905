//! The animators' recipe editor. Saving an existing recipe adds a version; the safety rules
//! of `domain::recipe` run as the animator types, and again on the server.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use wasm_bindgen::JsCast;

use crate::api::paths::{self, pages};
use crate::app::client::{self, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{Field, FormError, FormErrors};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};
use crate::app::page::{id_param, set_title};
use crate::domain::lot::parse_kilos;
use crate::domain::recipe::{
    check_recipe, AcidityClass, Allergen, Category, Diet, Ingredient, ProcessMethod, Quantity,
    RecipeContent, Schedule, ScheduleRow, Validation,
};

/// The fields shown with their own error line; errors on the others (ingredients, steps,
/// schedule) show above the save button.
const FIELDS: &[&str] = &[
    "title",
    "main_produce",
    "preparation_minutes",
    "cooking_minutes",
    "shelf_life_months",
    "yield_ml_per_kg",
    "target_f0",
    "validation",
    "validated_on",
    "source",
    "photo",
];

#[component]
pub fn RecipeEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = id_param(&params.read_untracked());
    set_title(if id.is_some() {
        "Modifier une recette"
    } else {
        "Nouvelle recette"
    });
    let existing = LocalResource::new(move || async move {
        match id {
            Some(id) => client::get_recipe(id, None, ReadMode::NetworkFirst)
                .await
                .map(Some),
            None => Ok(None),
        }
    });
    view! {
        <div class="page narrow-page recipe-editor-page">
            <BackLink href=pages::RECIPES label="Recettes" />
            <h1>{if id.is_some() { "Modifier la recette" } else { "Nouvelle recette" }}</h1>
            <StaffOnly back=pages::NEW_RECIPE>
                <ShowRead read=existing error_heading="Impossible d'ouvrir la recette" let:recipe>
                    {
                        let version = recipe.as_ref().map(|r| r.version);
                        view! {
                            {version.map(|v| view! {
                                <p class="hint">{format!("Vous modifiez la version {v} : l'enregistrement crée la version {}, et la version {v} reste lisible.", v + 1)}</p>
                            })}
                            <RecipeForm id=id content=recipe.map(|r| r.content) />
                        }.into_any()
                    }
                </ShowRead>
            </StaffOnly>
        </div>
    }
}

/// An ingredient line as typed.
#[derive(Clone, Copy)]
struct IngredientInputs {
    key: usize,
    name: RwSignal<String>,
    amount: RwSignal<String>,
    unit: RwSignal<String>,
}

/// A schedule line as typed.
#[derive(Clone, Copy)]
struct RowInputs {
    key: usize,
    jar_ml: RwSignal<String>,
    temperature: RwSignal<String>,
    minutes: RwSignal<String>,
    headspace_mm: RwSignal<String>,
}

fn unit_code(quantity: Quantity) -> (&'static str, u32) {
    match quantity {
        Quantity::Grams(amount) => ("g", amount),
        Quantity::Millilitres(amount) => ("ml", amount),
        Quantity::Pieces(amount) => ("pieces", amount),
    }
}

/// "121,1" (°C) as tenths of a degree; "4" (minutes of F0) as tenths of a minute.
fn parse_tenths(text: &str) -> Option<u32> {
    parse_kilos(text).map(|thousandths| thousandths / 100)
}

fn tenths_text(tenths: u32) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        decimal => format!("{},{decimal}", tenths / 10),
    }
}

#[component]
fn RecipeForm(id: Option<i64>, content: Option<RecipeContent>) -> impl IntoView {
    let navigate = use_navigate();
    let c = content.as_ref();
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let number =
        |value: Option<u32>, default: u32| RwSignal::new(value.unwrap_or(default).to_string());
    let title = text(c.map(|c| c.title.clone()));
    let category = RwSignal::new(c.map(|c| c.category).unwrap_or(Category::Confiture));
    let main_produce = text(c.map(|c| c.main_produce.clone()));
    let preparation = number(c.map(|c| c.preparation_minutes), 30);
    let cooking = number(c.map(|c| c.cooking_minutes), 30);
    let shelf_life = number(c.map(|c| c.shelf_life_months), 18);
    let yield_ml = number(c.map(|c| c.yield_ml_per_kg), 900);
    let acidity = RwSignal::new(c.map(|c| c.acidity).unwrap_or(AcidityClass::Acid));
    let steps = text(c.map(|c| c.steps.join("\n")));
    let source = text(c.map(|c| c.source.clone()));
    let allergens = RwSignal::new(c.map(|c| c.allergens.clone()).unwrap_or_default());
    let diets = RwSignal::new(c.map(|c| c.diets.clone()).unwrap_or_default());
    let method = RwSignal::new(
        c.map(|c| c.schedule.method)
            .unwrap_or(ProcessMethod::WaterBath),
    );
    let target_f0 = text(c.and_then(|c| c.schedule.target_f0_tenths).map(tenths_text));
    let photo_id = RwSignal::new(c.and_then(|c| c.photo_id));
    let photo_sending = RwSignal::new(false);
    let validation = c.and_then(|c| c.schedule.validation.clone());
    let validated = RwSignal::new(validation.is_some());
    let validated_by = text(validation.as_ref().map(|v| v.by.clone()));
    let validated_on = text(validation.as_ref().map(|v| v.on.to_string()));

    let next_key = StoredValue::new(0usize);
    let new_key = move || {
        next_key.update_value(|key| *key += 1);
        next_key.get_value()
    };
    let ingredient_inputs = move |name: String, quantity: Quantity| {
        let (unit, amount) = unit_code(quantity);
        IngredientInputs {
            key: new_key(),
            name: RwSignal::new(name),
            amount: RwSignal::new(amount.to_string()),
            unit: RwSignal::new(unit.to_string()),
        }
    };
    let ingredients = RwSignal::new(
        c.map(|c| {
            c.ingredients
                .iter()
                .map(|i| ingredient_inputs(i.name.clone(), i.per_kg))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default(),
    );
    let row_inputs = move |row: Option<&ScheduleRow>| RowInputs {
        key: new_key(),
        jar_ml: RwSignal::new(
            row.map(|r| r.jar_ml.to_string())
                .unwrap_or_else(|| "370".into()),
        ),
        temperature: RwSignal::new(
            row.map(|r| tenths_text(r.temperature_tenths))
                .unwrap_or_else(|| "100".into()),
        ),
        minutes: RwSignal::new(
            row.map(|r| r.minutes.to_string())
                .unwrap_or_else(|| "30".into()),
        ),
        headspace_mm: RwSignal::new(
            row.map(|r| r.headspace_mm.to_string())
                .unwrap_or_else(|| "10".into()),
        ),
    };
    let rows = RwSignal::new(match c {
        Some(c) => c
            .schedule
            .rows
            .iter()
            .map(|row| row_inputs(Some(row)))
            .collect::<Vec<_>>(),
        None => vec![row_inputs(None)],
    });

    // The recipe as typed, or the first thing that stops it from being one.
    let draft = move || -> Result<RecipeContent, (&'static str, String)> {
        let whole = |field: &'static str, text: String, what: &str| {
            text.trim()
                .parse::<u32>()
                .map_err(|_| (field, format!("{what} : un nombre entier est attendu.")))
        };
        let mut ingredient_list = Vec::new();
        for inputs in ingredients.get() {
            let amount = whole("ingredients", inputs.amount.get(), "Quantité d'ingrédient")?;
            let per_kg = match inputs.unit.get().as_str() {
                "ml" => Quantity::Millilitres(amount),
                "pieces" => Quantity::Pieces(amount),
                _ => Quantity::Grams(amount),
            };
            ingredient_list.push(Ingredient {
                name: inputs.name.get(),
                per_kg,
            });
        }
        let mut schedule_rows = Vec::new();
        for inputs in rows.get() {
            schedule_rows.push(ScheduleRow {
                jar_ml: whole("schedule", inputs.jar_ml.get(), "Taille de bocal")?,
                temperature_tenths: parse_tenths(&inputs.temperature.get()).ok_or((
                    "schedule",
                    "Température en °C attendue, par exemple 100 ou 121,1.".to_string(),
                ))?,
                minutes: whole("schedule", inputs.minutes.get(), "Durée")?,
                headspace_mm: whole("schedule", inputs.headspace_mm.get(), "Espace de tête")?,
            });
        }
        let validation = if validated.get() {
            let on =
                NaiveDate::parse_from_str(validated_on.get().trim(), "%Y-%m-%d").map_err(|_| {
                    (
                        "validated_on",
                        "Indiquez la date de validation.".to_string(),
                    )
                })?;
            Some(Validation {
                by: validated_by.get(),
                on,
            })
        } else {
            None
        };
        let recipe = RecipeContent {
            title: title.get(),
            category: category.get(),
            main_produce: main_produce.get(),
            ingredients: ingredient_list,
            steps: steps.get().lines().map(str::to_string).collect(),
            preparation_minutes: whole("cooking_minutes", preparation.get(), "Préparation")?,
            cooking_minutes: whole("cooking_minutes", cooking.get(), "Cuisson")?,
            allergens: allergens.get(),
            diets: diets.get(),
            shelf_life_months: whole("shelf_life_months", shelf_life.get(), "Conservation")?,
            acidity: acidity.get(),
            yield_ml_per_kg: whole("yield_ml_per_kg", yield_ml.get(), "Rendement")?,
            jar_sizes_ml: schedule_rows.iter().map(|row| row.jar_ml).collect(),
            schedule: Schedule {
                method: method.get(),
                rows: schedule_rows,
                target_f0_tenths: match method.get() {
                    ProcessMethod::Autoclave => parse_tenths(&target_f0.get()),
                    ProcessMethod::WaterBath => None,
                },
                validation,
            },
            source: source.get(),
            photo_id: photo_id.get(),
        };
        check_recipe(&recipe).map_err(|error| (error.field, error.message))
    };
    // The safety rules, as the animator types: the processing ones show beside the schedule.
    let processing_problem = Memo::new(move |_| match draft() {
        Err((field, message))
            if ["method", "schedule", "target_f0", "jar_sizes"].contains(&field) =>
        {
            Some(message)
        }
        _ => None,
    });

    let errors = FormErrors::new(FIELDS);
    let save = Action::new_local(move |recipe: &RecipeContent| {
        let recipe = recipe.clone();
        async move {
            match id {
                Some(id) => client::update_recipe(id, recipe).await,
                None => client::create_recipe(recipe).await,
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => navigate(&pages::recipe(saved.id), Default::default()),
        Some(Err(error)) => errors.set(&error),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.clear();
        match draft() {
            Ok(recipe) => {
                save.dispatch(recipe);
            }
            Err((field, message)) => errors.set_field(field, message),
        }
    };

    view! {
        <form class="form recipe-form" on:submit=submit novalidate>
            <Field label="Titre" id="title" value=title error=errors.for_field("title") />
            <div class="field">
                <label for="category">"Catégorie"</label>
                <select id="category" on:change=move |e| if let Some(c) = Category::from_code(&event_target_value(&e)) { category.set(c) }>
                    {Category::ALL.into_iter().map(|option| view! {
                        <option value=option.code() prop:selected=move || category.get() == option>{option.label_fr()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field label="Produit principal" id="main_produce" value=main_produce error=errors.for_field("main_produce")
                hint="Les quantités sont comptées par kilo de ce produit." />

            <fieldset class="field">
                <legend>"Ingrédients, par kilo de produit principal"</legend>
                <For each=move || ingredients.get() key=|row| row.key let:row>
                    <div class="ingredient-row">
                        <input type="text" aria-label="Ingrédient" placeholder="Sucre" prop:value=move || row.name.get() on:input=move |e| row.name.set(event_target_value(&e)) />
                        <input type="text" inputmode="numeric" aria-label="Quantité" prop:value=move || row.amount.get() on:input=move |e| row.amount.set(event_target_value(&e)) />
                        <select aria-label="Unité" on:change=move |e| row.unit.set(event_target_value(&e))>
                            {[("g", "g"), ("ml", "ml"), ("pieces", "pièce(s)")].into_iter().map(|(code, label)| view! {
                                <option value=code prop:selected=move || row.unit.get() == code>{label}</option>
                            }).collect_view()}
                        </select>
                        <button type="button" class="button-link" aria-label="Enlever cet ingrédient"
                            on:click=move |_| ingredients.update(|list| list.retain(|r| r.key != row.key))>"×"</button>
                    </div>
                </For>
                <button type="button" class="button button-secondary button-small"
                    on:click=move |_| ingredients.update(|list| list.push(ingredient_inputs(String::new(), Quantity::Grams(0))))>"+ Ingrédient"</button>
            </fieldset>

            <div class="field">
                <label for="steps">"Étapes, une par ligne"</label>
                <textarea id="steps" rows="6" prop:value=move || steps.get() on:input=move |e| steps.set(event_target_value(&e))></textarea>
            </div>
            <div class="field-row">
                <Field label="Préparation (min)" id="preparation_minutes" value=preparation error=errors.for_field("preparation_minutes") inputmode="numeric" />
                <Field label="Cuisson (min)" id="cooking_minutes" value=cooking error=errors.for_field("cooking_minutes") inputmode="numeric" />
                <Field label="Se garde (mois)" id="shelf_life_months" value=shelf_life error=errors.for_field("shelf_life_months") inputmode="numeric" />
                <Field label="Rendement (ml par kg)" id="yield_ml_per_kg" value=yield_ml error=errors.for_field("yield_ml_per_kg") inputmode="numeric" />
            </div>

            <fieldset class="field">
                <legend>"Acidité"</legend>
                <label class="check"><input type="radio" name="acidity" prop:checked=move || acidity.get() == AcidityClass::Acid on:change=move |_| acidity.set(AcidityClass::Acid) />"Acide (pH ≤ 4,6, ou acidifié)"</label>
                <label class="check"><input type="radio" name="acidity" prop:checked=move || acidity.get() == AcidityClass::LowAcid on:change=move |_| acidity.set(AcidityClass::LowAcid) />"Peu acide : autoclave obligatoire"</label>
            </fieldset>

            <fieldset class="field schedule-editor">
                <legend>"Barème"</legend>
                <div class="segmented" role="group" aria-label="Traitement">
                    <button type="button" aria-pressed=move || (method.get() == ProcessMethod::WaterBath).to_string() on:click=move |_| method.set(ProcessMethod::WaterBath)>"Bain-marie"</button>
                    <button type="button" aria-pressed=move || (method.get() == ProcessMethod::Autoclave).to_string() on:click=move |_| method.set(ProcessMethod::Autoclave)>"Autoclave"</button>
                </div>
                <div class="schedule-row schedule-head" aria-hidden="true"><span>"Bocal (ml)"</span><span>"°C à cœur"</span><span>"Minutes"</span><span>"Tête (mm)"</span><span></span></div>
                <For each=move || rows.get() key=|row| row.key let:row>
                    <div class="schedule-row">
                        <input type="text" inputmode="numeric" aria-label="Bocal en ml" prop:value=move || row.jar_ml.get() on:input=move |e| row.jar_ml.set(event_target_value(&e)) />
                        <input type="text" inputmode="decimal" aria-label="Température à cœur en °C" prop:value=move || row.temperature.get() on:input=move |e| row.temperature.set(event_target_value(&e)) />
                        <input type="text" inputmode="numeric" aria-label="Durée en minutes" prop:value=move || row.minutes.get() on:input=move |e| row.minutes.set(event_target_value(&e)) />
                        <input type="text" inputmode="numeric" aria-label="Espace de tête en mm" prop:value=move || row.headspace_mm.get() on:input=move |e| row.headspace_mm.set(event_target_value(&e)) />
                        <button type="button" class="button-link" aria-label="Enlever cette ligne"
                            on:click=move |_| rows.update(|list| list.retain(|r| r.key != row.key))>"×"</button>
                    </div>
                </For>
                <button type="button" class="button button-secondary button-small" on:click=move |_| rows.update(|list| list.push(row_inputs(None)))>"+ Taille de bocal"</button>
                <Show when=move || method.get() == ProcessMethod::Autoclave>
                    <Field label="F0 visée (minutes à 121,1 °C)" id="target_f0" value=target_f0 error=errors.for_field("target_f0") inputmode="decimal" />
                </Show>
                {move || processing_problem.get().map(|message| view! {
                    <p class="notice notice-error safety-rule" role="alert">{message}</p>
                })}
                <label class="check">
                    <input type="checkbox" prop:checked=move || validated.get() on:change=move |e| validated.set(event_target_checked(&e)) />
                    "Barème validé par un organisme de sécurité alimentaire"
                </label>
                <Show when=move || validated.get()>
                    <div class="field-row">
                        <Field label="Validé par" id="validation" value=validated_by error=errors.for_field("validation") />
                        <Field label="Le" id="validated_on" kind="date" value=validated_on error=errors.for_field("validated_on") />
                    </div>
                </Show>
            </fieldset>

            <fieldset class="field">
                <legend>"Allergènes"</legend>
                <div class="check-grid">
                    {Allergen::ALL.into_iter().map(|allergen| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || allergens.get().contains(&allergen)
                                on:change=move |e| { let on = event_target_checked(&e); allergens.update(|list| { list.retain(|a| *a != allergen); if on { list.push(allergen) } }) } />
                            {allergen.label_fr()}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset class="field">
                <legend>"Régimes"</legend>
                <div class="check-grid">
                    {Diet::ALL.into_iter().map(|diet| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || diets.get().contains(&diet)
                                on:change=move |e| { let on = event_target_checked(&e); diets.update(|list| { list.retain(|d| *d != diet); if on { list.push(diet) } }) } />
                            {diet.label_fr()}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <Field label="Source (facultatif)" id="source" value=source error=errors.for_field("source") />
            <RecipePhoto photo_id=photo_id sending=photo_sending errors=errors />

            <FormError errors=errors />
            <button type="submit" class="button button-primary" disabled=move || save.pending().get() || photo_sending.get()>
                {move || if save.pending().get() { "Enregistrement…" } else if id.is_some() { "Enregistrer une nouvelle version" } else { "Créer la recette" }}
            </button>
        </form>
    }
}

/// The recipe's photo: sent as soon as it is picked, shown, removable.
#[component]
fn RecipePhoto(
    photo_id: RwSignal<Option<i64>>,
    sending: RwSignal<bool>,
    errors: FormErrors,
) -> impl IntoView {
    let on_pick = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        sending.set(true);
        spawn_local(async move {
            match client::upload_recipe_photo(file).await {
                Ok(photo) => photo_id.set(Some(photo.id)),
                Err(error) => errors.set_field("photo", error.message(STAFF_OFFLINE)),
            }
            sending.set(false);
        });
        input.set_value("");
    };
    let error = errors.for_field("photo");
    view! {
        <div class="field photo-picker" class:has-error=move || error.get().is_some()>
            <span class="label">"Photo (facultatif)"</span>
            <div class="photo-row">
                {move || photo_id.get().map(|id| view! {
                    <figure class="photo-thumb">
                        <img src=paths::recipe_photo(id) alt="Photo de la recette" width="96" height="72" />
                        <button type="button" class="photo-remove" aria-label="Enlever la photo" on:click=move |_| photo_id.set(None)>"×"</button>
                    </figure>
                })}
                <Show when=move || sending.get()>
                    <div class="photo-thumb is-loading" aria-label="Envoi de la photo…"><span class="spinner"></span></div>
                </Show>
                <label class="photo-add">
                    <input id="photo" type="file" accept="image/*" on:change=on_pick />
                    <span aria-hidden="true">"+"</span>
                    "Photo"
                </label>
            </div>
            {move || error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
        </div>
    }
}
