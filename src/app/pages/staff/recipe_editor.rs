//! The animators' recipe editor. Saving an existing recipe adds a version; the safety rules
//! of `domain::recipe` run as the animator types, and again on the server.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use reactive_stores::{Field, Store};
use wasm_bindgen::JsCast;

use crate::api::paths::{self, pages};
use crate::app::client::{self, ReadMode};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::form::{self, FormError, FormErrors};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};
use crate::app::page::{id_param, set_title};
use crate::domain::lot::parse_kilos;
use crate::domain::recipe::{
    check_recipe, ph_text, AcidityClass, Allergen, Category, Diet, Ingredient, LethalityReference,
    NetAmount, NetQuantity, PhMeasurement, PhMethod, ProcessMethod, Quantity, RecipeContent,
    Schedule, ScheduleRow, Validation, ValidationElsewhere,
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
    "ph",
    "ph_on",
    "target_ph",
    "target_f0",
    "validation",
    "validated_on",
    "net_quantities",
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
                            {version.is_none().then(|| view! { <RecipeFileImport /> })}
                            <RecipeForm id=id content=recipe.map(|r| r.content) />
                        }.into_any()
                    }
                </ShowRead>
            </StaffOnly>
        </div>
    }
}

/// "Importer le fichier d'une autre conserverie": a recipe file another Bocal exported,
/// opened as a new recipe (its validations stay theirs: "barème non validé" here).
#[component]
fn RecipeFileImport() -> impl IntoView {
    let import = Action::new_local(|file: &web_sys::File| {
        client::import_recipe_file(web_sys::Blob::from(file.clone()))
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(recipe)) = import.value().get() {
            navigate(&pages::recipe(recipe.id), Default::default());
        }
    });
    let on_change = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            import.dispatch(file);
        }
        input.set_value("");
    };
    view! {
        <details class="card recipe-file-import">
            <summary>"Importer le fichier d'une autre conserverie"</summary>
            <p class="hint">
                "Le fichier d'une recette (« Fichier de la recette » sur sa page, dans une autre conserverie qui utilise Bocal) : "
                "toutes ses versions arrivent ; la validation de son barème reste la sienne, et la recette est « barème non validé » ici."
            </p>
            <div class="field">
                <label for="recipe-file">"Fichier de la recette (.json)"</label>
                <input id="recipe-file" type="file" accept=".json,application/json" on:change=on_change />
            </div>
            {move || import.pending().get().then(|| view! { <p class="muted" role="status">"Import en cours…"</p> })}
            {move || import.value().get().and_then(Result::err).map(|error| view! {
                <p class="notice notice-error" role="alert">{error.message(STAFF_OFFLINE)}</p>
            })}
        </details>
    }
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

/// "4,2" or "4.20" as hundredths of pH (420).
fn parse_hundredths(text: &str) -> Option<u32> {
    parse_kilos(text).map(|thousandths| thousandths / 10)
}

fn tenths_text(tenths: u32) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        decimal => format!("{},{decimal}", tenths / 10),
    }
}

/// The recipe as typed: numbers stay text until saved, so that a half-typed "121," stays on
/// screen.
#[derive(Clone, Debug, Store)]
struct RecipeInputs {
    title: String,
    category: Category,
    main_produce: String,
    #[store(key: usize = |line| line.id)]
    ingredients: Vec<IngredientLine>,
    /// One step per line.
    steps: String,
    preparation: String,
    cooking: String,
    shelf_life: String,
    yield_ml: String,
    /// The measured equilibrium pH ("4,2"), how and when; the pH an acidified recipe aims under.
    ph: String,
    ph_method: PhMethod,
    ph_on: String,
    target_ph: String,
    method: ProcessMethod,
    #[store(key: usize = |line| line.id)]
    schedule: Vec<ScheduleLine>,
    target_f0: String,
    /// A lethality reference of the schedule's own (°C and z as typed, its source).
    own_reference: bool,
    reference_celsius: String,
    reference_z: String,
    reference_source: String,
    validated: bool,
    validated_by: String,
    validated_on: String,
    allergens: Vec<Allergen>,
    diets: Vec<Diet>,
    source: String,
    photo_id: Option<i64>,
    /// Kept as it came with an imported recipe: another cannery's validation, shown, never ours.
    validated_elsewhere: Option<ValidationElsewhere>,
    /// The id of the last line added.
    last_line_id: usize,
}

/// An ingredient line as typed.
#[derive(Clone, Debug, Store)]
struct IngredientLine {
    /// Kept while other lines are removed: what `For` tells lines apart by.
    id: usize,
    name: String,
    amount: String,
    /// "g", "ml" or "pieces".
    unit: String,
}

/// A schedule line as typed.
#[derive(Clone, Debug, Store)]
struct ScheduleLine {
    /// As an ingredient line's.
    id: usize,
    jar_ml: String,
    temperature: String,
    minutes: String,
    headspace_mm: String,
    /// What the jar holds, as its label says: an amount, "g" or "ml", and for a solid in a
    /// liquid (syrup, brine) the drained weight in grams; empty when not given.
    net: String,
    net_unit: String,
    drained: String,
}

impl RecipeInputs {
    /// Starts from the recipe's current version, or from a water-bath jam's usual figures.
    fn starting(content: Option<&RecipeContent>) -> Self {
        let c = content;
        let text = |value: Option<String>| value.unwrap_or_default();
        let number = |value: Option<u32>, default: u32| value.unwrap_or(default).to_string();
        let validation = c.and_then(|c| c.schedule.validation.clone());
        let own_reference = c.and_then(|c| c.schedule.lethality.as_ref());
        let mut inputs = RecipeInputs {
            title: text(c.map(|c| c.title.clone())),
            category: c.map_or(Category::Confiture, |c| c.category),
            main_produce: text(c.map(|c| c.main_produce.clone())),
            ingredients: Vec::new(),
            steps: text(c.map(|c| c.steps.join("\n"))),
            preparation: number(c.map(|c| c.preparation_minutes), 30),
            cooking: number(c.map(|c| c.cooking_minutes), 30),
            shelf_life: number(c.map(|c| c.shelf_life_months), 18),
            yield_ml: number(c.map(|c| c.yield_ml_per_kg), 900),
            ph: text(c.and_then(|c| c.ph).map(|ph| ph_text(ph.hundredths))),
            ph_method: c.and_then(|c| c.ph).map_or(PhMethod::Meter, |ph| ph.method),
            ph_on: text(c.and_then(|c| c.ph).map(|ph| ph.measured_on.to_string())),
            target_ph: text(c.and_then(|c| c.target_ph_hundredths).map(ph_text)),
            method: c.map_or(ProcessMethod::WaterBath, |c| c.schedule.method),
            schedule: Vec::new(),
            target_f0: text(c.and_then(|c| c.schedule.target_f0_tenths).map(tenths_text)),
            own_reference: own_reference.is_some(),
            reference_celsius: text(own_reference.map(|r| tenths_text(r.reference_tenths))),
            reference_z: text(own_reference.map(|r| tenths_text(r.z_tenths))),
            reference_source: text(own_reference.map(|r| r.source.clone())),
            validated: validation.is_some(),
            validated_by: text(validation.as_ref().map(|v| v.by.clone())),
            validated_on: text(validation.as_ref().map(|v| v.on.to_string())),
            allergens: c.map(|c| c.allergens.clone()).unwrap_or_default(),
            diets: c.map(|c| c.diets.clone()).unwrap_or_default(),
            source: text(c.map(|c| c.source.clone())),
            photo_id: c.and_then(|c| c.photo_id),
            validated_elsewhere: c.and_then(|c| c.validated_elsewhere.clone()),
            last_line_id: 0,
        };
        match c {
            Some(c) => {
                for ingredient in &c.ingredients {
                    inputs.add_ingredient(ingredient.name.clone(), ingredient.per_kg);
                }
                for row in &c.schedule.rows {
                    let net = c.net_quantities.iter().find(|n| n.jar_ml == row.jar_ml);
                    inputs.add_schedule_line(Some(row), net);
                }
            }
            None => inputs.add_schedule_line(None, None),
        }
        inputs
    }

    fn new_line_id(&mut self) -> usize {
        self.last_line_id += 1;
        self.last_line_id
    }

    fn add_ingredient(&mut self, name: String, quantity: Quantity) {
        let (unit, amount) = unit_code(quantity);
        let id = self.new_line_id();
        self.ingredients.push(IngredientLine {
            id,
            name,
            amount: amount.to_string(),
            unit: unit.to_string(),
        });
    }

    /// A line of `row` (with its jar's net quantity), or of a 370 ml jar's usual water bath.
    fn add_schedule_line(&mut self, row: Option<&ScheduleRow>, net: Option<&NetQuantity>) {
        let id = self.new_line_id();
        let figure = |value: Option<String>, default: &str| value.unwrap_or_else(|| default.into());
        let (amount, unit) = match net.map(|net| net.net) {
            Some(NetAmount::Grams(grams)) => (grams.to_string(), "g"),
            Some(NetAmount::Millilitres(ml)) => (ml.to_string(), "ml"),
            None => (String::new(), "g"),
        };
        self.schedule.push(ScheduleLine {
            id,
            jar_ml: figure(row.map(|r| r.jar_ml.to_string()), "370"),
            temperature: figure(row.map(|r| tenths_text(r.temperature_tenths)), "100"),
            minutes: figure(row.map(|r| r.minutes.to_string()), "30"),
            headspace_mm: figure(row.map(|r| r.headspace_mm.to_string()), "10"),
            net: amount,
            net_unit: unit.to_string(),
            drained: figure(net.and_then(|n| n.drained_grams).map(|g| g.to_string()), ""),
        });
    }

    /// The schedule's own lethality reference, if it has one.
    fn lethality(&self) -> Result<Option<LethalityReference>, (&'static str, String)> {
        if !self.own_reference {
            return Ok(None);
        }
        let figure = |typed: &str, what: &str| {
            parse_tenths(typed).ok_or((
                "lethality",
                format!("{what} en °C attendue, par exemple 93,3."),
            ))
        };
        Ok(Some(LethalityReference {
            reference_tenths: figure(&self.reference_celsius, "Température de référence")?,
            z_tenths: figure(&self.reference_z, "Valeur z")?,
            source: self.reference_source.clone(),
        }))
    }

    /// The recipe as typed, or the first thing that stops it from being one.
    fn recipe(&self) -> Result<RecipeContent, (&'static str, String)> {
        let whole = |field: &'static str, text: &str, what: &str| {
            text.trim()
                .parse::<u32>()
                .map_err(|_| (field, format!("{what} : un nombre entier est attendu.")))
        };
        let mut ingredients = Vec::new();
        for line in &self.ingredients {
            let amount = whole("ingredients", &line.amount, "Quantité d'ingrédient")?;
            let per_kg = match line.unit.as_str() {
                "ml" => Quantity::Millilitres(amount),
                "pieces" => Quantity::Pieces(amount),
                _ => Quantity::Grams(amount),
            };
            ingredients.push(Ingredient {
                name: line.name.clone(),
                per_kg,
            });
        }
        let mut rows = Vec::new();
        let mut net_quantities = Vec::new();
        for line in &self.schedule {
            if !line.net.trim().is_empty() {
                let amount = whole("net_quantities", &line.net, "Quantité nette")?;
                let drained_grams = match line.drained.trim() {
                    "" => None,
                    typed => Some(whole("net_quantities", typed, "Poids égoutté")?),
                };
                net_quantities.push(NetQuantity {
                    jar_ml: whole("schedule", &line.jar_ml, "Taille de bocal")?,
                    net: match line.net_unit.as_str() {
                        "ml" => NetAmount::Millilitres(amount),
                        _ => NetAmount::Grams(amount),
                    },
                    drained_grams,
                });
            }
            rows.push(ScheduleRow {
                jar_ml: whole("schedule", &line.jar_ml, "Taille de bocal")?,
                temperature_tenths: parse_tenths(&line.temperature).ok_or((
                    "schedule",
                    "Température en °C attendue, par exemple 100 ou 121,1.".to_string(),
                ))?,
                minutes: whole("schedule", &line.minutes, "Durée")?,
                headspace_mm: whole("schedule", &line.headspace_mm, "Espace de tête")?,
            });
        }
        let ph = match self.ph.trim() {
            "" => None,
            typed => Some(PhMeasurement {
                hundredths: parse_hundredths(typed)
                    .ok_or(("ph", "pH attendu, par exemple 4,2.".to_string()))?,
                method: self.ph_method,
                measured_on: NaiveDate::parse_from_str(self.ph_on.trim(), "%Y-%m-%d")
                    .map_err(|_| ("ph_on", "Indiquez la date de la mesure du pH.".to_string()))?,
            }),
        };
        let target_ph_hundredths = match self.target_ph.trim() {
            "" => None,
            typed => Some(
                parse_hundredths(typed)
                    .ok_or(("target_ph", "pH attendu, par exemple 4,2.".to_string()))?,
            ),
        };
        let validation = if self.validated {
            let on =
                NaiveDate::parse_from_str(self.validated_on.trim(), "%Y-%m-%d").map_err(|_| {
                    (
                        "validated_on",
                        "Indiquez la date de validation.".to_string(),
                    )
                })?;
            Some(Validation {
                by: self.validated_by.clone(),
                on,
            })
        } else {
            None
        };
        let recipe = RecipeContent {
            title: self.title.clone(),
            category: self.category,
            main_produce: self.main_produce.clone(),
            ingredients,
            steps: self.steps.lines().map(str::to_string).collect(),
            preparation_minutes: whole("cooking_minutes", &self.preparation, "Préparation")?,
            cooking_minutes: whole("cooking_minutes", &self.cooking, "Cuisson")?,
            allergens: self.allergens.clone(),
            diets: self.diets.clone(),
            shelf_life_months: whole("shelf_life_months", &self.shelf_life, "Conservation")?,
            // `check_recipe` sets it from the pH.
            acidity: AcidityClass::Acid,
            ph,
            target_ph_hundredths,
            yield_ml_per_kg: whole("yield_ml_per_kg", &self.yield_ml, "Rendement")?,
            jar_sizes_ml: rows.iter().map(|row| row.jar_ml).collect(),
            net_quantities,
            schedule: Schedule {
                method: self.method,
                rows,
                target_f0_tenths: match self.method {
                    ProcessMethod::Autoclave => parse_tenths(&self.target_f0),
                    ProcessMethod::WaterBath => None,
                },
                validation,
                lethality: self.lethality()?,
            },
            source: self.source.clone(),
            photo_id: self.photo_id,
            validated_elsewhere: self.validated_elsewhere.clone(),
        };
        check_recipe(&recipe).map_err(|error| (error.field, error.message))
    }
}

/// What the typed pH means, as the animator types it.
fn acidity_line(typed: &str) -> String {
    match parse_hundredths(typed) {
        None => "La classe d'acidité suit le pH mesuré : sous 4,5, acide ; à 4,5 ou plus, peu acide."
            .to_string(),
        Some(hundredths) => match AcidityClass::of_ph(hundredths) {
            AcidityClass::Acid => format!(
                "pH {} : acide (sous 4,5), le bain-marie est possible.",
                ph_text(hundredths)
            ),
            AcidityClass::LowAcid => format!(
                "pH {} : peu acide (4,5 ou plus), autoclave obligatoire avec F0 d'au moins 3 minutes.",
                ph_text(hundredths)
            ),
        },
    }
}

#[component]
fn RecipeForm(id: Option<i64>, content: Option<RecipeContent>) -> impl IntoView {
    let navigate = use_navigate();
    let inputs = Store::new(RecipeInputs::starting(content.as_ref()));
    let photo_sending = RwSignal::new(false);
    let draft = move || inputs.read().recipe();

    // The safety rules, as the animator types: the processing ones show beside the schedule.
    let processing_problem = Memo::new(move |_| match draft() {
        Err((field, message))
            if ["method", "schedule", "target_f0", "jar_sizes", "lethality"].contains(&field) =>
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
            <form::Field label="Titre" id="title" value=inputs.title() error=errors.for_field("title") />
            <div class="field">
                <label for="category">"Catégorie"</label>
                <select id="category" on:change=move |e| if let Some(c) = Category::from_code(&event_target_value(&e)) { inputs.category().set(c) }>
                    {Category::ALL.into_iter().map(|option| view! {
                        <option value=option.code() prop:selected=move || inputs.category().get() == option>{option.label_fr()}</option>
                    }).collect_view()}
                </select>
            </div>
            <form::Field label="Produit principal" id="main_produce" value=inputs.main_produce() error=errors.for_field("main_produce")
                hint="Les quantités sont comptées par kilo de ce produit." />

            <fieldset class="field">
                <legend>"Ingrédients, par kilo de produit principal"</legend>
                <For each=move || inputs.ingredients() key=|line| line.id().get() let:line>
                    <div class="ingredient-row">
                        <input type="text" aria-label="Ingrédient" placeholder="Sucre" prop:value=move || line.name().get() on:input=move |e| line.name().set(event_target_value(&e)) />
                        <input type="text" inputmode="numeric" aria-label="Quantité" prop:value=move || line.amount().get() on:input=move |e| line.amount().set(event_target_value(&e)) />
                        <select aria-label="Unité" on:change=move |e| line.unit().set(event_target_value(&e))>
                            {[("g", "g"), ("ml", "ml"), ("pieces", "pièce(s)")].into_iter().map(|(code, label)| view! {
                                <option value=code prop:selected=move || line.unit().get() == code>{label}</option>
                            }).collect_view()}
                        </select>
                        <button type="button" class="button-link" aria-label="Enlever cet ingrédient"
                            on:click=move |_| { let removed = line.id().get_untracked(); inputs.ingredients().write().retain(|other| other.id != removed) }>"×"</button>
                    </div>
                </For>
                <button type="button" class="button button-secondary button-small"
                    on:click=move |_| inputs.write().add_ingredient(String::new(), Quantity::Grams(0))>"+ Ingrédient"</button>
            </fieldset>

            <div class="field">
                <label for="steps">"Étapes, une par ligne"</label>
                <textarea id="steps" rows="6" prop:value=move || inputs.steps().get() on:input=move |e| inputs.steps().set(event_target_value(&e))></textarea>
            </div>
            <div class="field-row">
                <form::Field label="Préparation (min)" id="preparation_minutes" value=inputs.preparation() error=errors.for_field("preparation_minutes") inputmode="numeric" />
                <form::Field label="Cuisson (min)" id="cooking_minutes" value=inputs.cooking() error=errors.for_field("cooking_minutes") inputmode="numeric" />
                <form::Field label="Se garde (mois)" id="shelf_life_months" value=inputs.shelf_life() error=errors.for_field("shelf_life_months") inputmode="numeric" />
                <form::Field label="Rendement (ml par kg)" id="yield_ml_per_kg" value=inputs.yield_ml() error=errors.for_field("yield_ml_per_kg") inputmode="numeric" />
            </div>

            <fieldset class="field">
                <legend>"Acidité"</legend>
                <p class="hint">"Le pH se mesure sur le produit fini, mixé, à température ambiante."</p>
                <div class="field-row">
                    <form::Field label="pH d'équilibre mesuré" id="ph" value=inputs.ph() error=errors.for_field("ph") inputmode="decimal" />
                    <div class="field">
                        <label for="ph_method">"Mesuré avec"</label>
                        <select id="ph_method" on:change=move |e| if let Some(m) = PhMethod::ALL.into_iter().find(|m| m.code() == event_target_value(&e)) { inputs.ph_method().set(m) }>
                            {PhMethod::ALL.into_iter().map(|option| view! {
                                <option value=option.code() prop:selected=move || inputs.ph_method().get() == option>{option.label_fr()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <form::Field label="Mesuré le" id="ph_on" value=inputs.ph_on() error=errors.for_field("ph_on") kind="date" />
                </div>
                <p class="acidity-class" aria-live="polite">{move || acidity_line(&inputs.ph().get())}</p>
                <form::Field label="pH visé, pour une recette acidifiée (facultatif)" id="target_ph" value=inputs.target_ph() error=errors.for_field("target_ph") inputmode="decimal"
                    hint="Avec du jus de citron ou du vinaigre : le pH mesuré doit l'atteindre." />
            </fieldset>

            <fieldset class="field schedule-editor">
                <legend>"Barème"</legend>
                <div class="segmented" role="group" aria-label="Traitement">
                    <button type="button" aria-pressed=move || (inputs.method().get() == ProcessMethod::WaterBath).to_string() on:click=move |_| inputs.method().set(ProcessMethod::WaterBath)>"Bain-marie"</button>
                    <button type="button" aria-pressed=move || (inputs.method().get() == ProcessMethod::Autoclave).to_string() on:click=move |_| inputs.method().set(ProcessMethod::Autoclave)>"Autoclave"</button>
                </div>
                <div class="schedule-row schedule-head" aria-hidden="true"><span>"Bocal (ml)"</span><span>"°C à cœur"</span><span>"Minutes"</span><span>"Tête (mm)"</span><span></span></div>
                <For each=move || inputs.schedule() key=|line| line.id().get() let:line>
                    <div class="schedule-row">
                        <input type="text" inputmode="numeric" aria-label="Bocal en ml" prop:value=move || line.jar_ml().get() on:input=move |e| line.jar_ml().set(event_target_value(&e)) />
                        <input type="text" inputmode="decimal" aria-label="Température à cœur en °C" prop:value=move || line.temperature().get() on:input=move |e| line.temperature().set(event_target_value(&e)) />
                        <input type="text" inputmode="numeric" aria-label="Durée en minutes" prop:value=move || line.minutes().get() on:input=move |e| line.minutes().set(event_target_value(&e)) />
                        <input type="text" inputmode="numeric" aria-label="Espace de tête en mm" prop:value=move || line.headspace_mm().get() on:input=move |e| line.headspace_mm().set(event_target_value(&e)) />
                        <button type="button" class="button-link" aria-label="Enlever cette ligne"
                            on:click=move |_| { let removed = line.id().get_untracked(); inputs.schedule().write().retain(|other| other.id != removed) }>"×"</button>
                    </div>
                </For>
                <button type="button" class="button button-secondary button-small" on:click=move |_| inputs.write().add_schedule_line(None, None)>"+ Taille de bocal"</button>
                <Show when=move || inputs.method().get() == ProcessMethod::Autoclave>
                    <form::Field label="F0 visée (minutes à 121,1 °C)" id="target_f0" value=inputs.target_f0() error=errors.for_field("target_f0") inputmode="decimal" />
                </Show>
                <label class="check">
                    <input type="checkbox" prop:checked=move || inputs.own_reference().get() on:change=move |e| inputs.own_reference().set(event_target_checked(&e)) />
                    "Une autre référence de létalité que celle par défaut"
                </label>
                <p class="hint">{move || {
                    let default = LethalityReference::default_for(inputs.method().get());
                    format!("Par défaut : {} ({}).", default.text(), default.source)
                }}</p>
                <Show when=move || inputs.own_reference().get()>
                    <div class="field-row">
                        <form::Field label="Température de référence (°C)" id="lethality_reference" value=inputs.reference_celsius() error=Signal::derive(|| None::<String>) inputmode="decimal" />
                        <form::Field label="Valeur z (°C)" id="lethality_z" value=inputs.reference_z() error=Signal::derive(|| None::<String>) inputmode="decimal" />
                    </div>
                    <form::Field label="Source de la référence" id="lethality_source" value=inputs.reference_source() error=Signal::derive(|| None::<String>)
                        hint="Par exemple : guide de la FDA, 93,3 °C et z = 8,3 °C pour un pH de 4,0 à 4,4." />
                </Show>
                {move || processing_problem.get().map(|message| view! {
                    <p class="notice notice-error safety-rule" role="alert">{message}</p>
                })}
                <label class="check">
                    <input type="checkbox" prop:checked=move || inputs.validated().get() on:change=move |e| inputs.validated().set(event_target_checked(&e)) />
                    "Barème validé par un organisme de sécurité alimentaire"
                </label>
                <p class="hint">"Pour votre autoclave et vos bocaux : un barème validé ailleurs ne vaut pas ici."</p>
                <Show when=move || inputs.validated().get()>
                    <div class="field-row">
                        <form::Field label="Validé par" id="validation" value=inputs.validated_by() error=errors.for_field("validation") />
                        <form::Field label="Le" id="validated_on" kind="date" value=inputs.validated_on() error=errors.for_field("validated_on") />
                    </div>
                </Show>
            </fieldset>

            <fieldset class="field net-editor">
                <legend>"Étiquette : contenu de chaque bocal"</legend>
                <p class="hint">"Quantité nette en grammes (en millilitres pour un liquide : soupe, jus, coulis). Pour un produit solide dans un sirop, une saumure ou du vinaigre, le poids net égoutté aussi."</p>
                <For each=move || inputs.schedule() key=|line| line.id().get() let:line>
                    <div class="net-row">
                        <span class="net-jar">{move || format!("Bocal de {} ml", line.jar_ml().get().trim())}</span>
                        <input type="text" inputmode="numeric" aria-label=move || format!("Quantité nette, bocal de {} ml", line.jar_ml().get().trim())
                            prop:value=move || line.net().get() on:input=move |e| line.net().set(event_target_value(&e)) />
                        <select aria-label=move || format!("Unité, bocal de {} ml", line.jar_ml().get().trim())
                            on:change=move |e| line.net_unit().set(event_target_value(&e))>
                            <option value="g" prop:selected=move || line.net_unit().get() != "ml">"g"</option>
                            <option value="ml" prop:selected=move || line.net_unit().get() == "ml">"ml"</option>
                        </select>
                        <input type="text" inputmode="numeric" placeholder="égoutté (g)" aria-label=move || format!("Poids net égoutté en g, bocal de {} ml (facultatif)", line.jar_ml().get().trim())
                            prop:value=move || line.drained().get() on:input=move |e| line.drained().set(event_target_value(&e)) />
                    </div>
                </For>
                {move || errors.for_field("net_quantities").get().map(|message| view! { <p class="field-error" id="net_quantities-error" role="alert">{message}</p> })}
            </fieldset>

            <fieldset class="field">
                <legend>"Allergènes"</legend>
                <div class="check-grid">
                    {Allergen::ALL.into_iter().map(|allergen| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || inputs.allergens().get().contains(&allergen)
                                on:change=move |e| { let on = event_target_checked(&e); inputs.allergens().update(|list| { list.retain(|a| *a != allergen); if on { list.push(allergen) } }) } />
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
                            <input type="checkbox" prop:checked=move || inputs.diets().get().contains(&diet)
                                on:change=move |e| { let on = event_target_checked(&e); inputs.diets().update(|list| { list.retain(|d| *d != diet); if on { list.push(diet) } }) } />
                            {diet.label_fr()}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <form::Field label="Source (facultatif)" id="source" value=inputs.source() error=errors.for_field("source") />
            <RecipePhoto photo_id=inputs.photo_id() sending=photo_sending errors=errors />

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
    #[prop(into)] photo_id: Field<Option<i64>>,
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
