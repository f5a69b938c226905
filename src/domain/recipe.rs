//! Canning recipes: what goes in per kilo of the main produce, and how the jars are processed.
//! The safety rules live here, so that no path (API, demo data, a future import) can store a
//! recipe that would make an unsafe jar: a low-acid food is never given a water-bath schedule.
//!

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lot::format_kilos;
use super::text::fold;
use super::validation::FieldError;

/// Whether the food is acid enough (pH under 4.5, or acidified under it) for a water bath to be
/// safe. Below that acidity, *Clostridium botulinum* spores survive 100 °C: only the autoclave
/// kills them. A recipe's class follows from its measured pH (`AcidityClass::of_ph`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AcidityClass {
    Acid,
    LowAcid,
}

/// France's low-acid line, in hundredths of pH: a product at pH 4.5 or above needs a
/// sterilising value of at least 3 minutes (DGAL letter of 9 November 2023, relayed by the
/// CTCPA). The US line is 4.6.
pub const LOW_ACID_PH_HUNDREDTHS: u32 = 450;

/// The least sterilising value (F0, tenths of minutes at 121.1 °C) of a low-acid product.
pub const LOW_ACID_MIN_F0_TENTHS: u32 = 30;

impl AcidityClass {
    /// The class of a product of equilibrium pH `hundredths` (420 = pH 4.20).
    pub fn of_ph(hundredths: u32) -> AcidityClass {
        if hundredths >= LOW_ACID_PH_HUNDREDTHS {
            AcidityClass::LowAcid
        } else {
            AcidityClass::Acid
        }
    }
}

/// How an equilibrium pH was measured. Test strips are not precise enough to stand on either
/// side of 4.5, so they are not offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PhMethod {
    /// A pH meter calibrated that day, on the blended product at room temperature.
    Meter,
    /// A laboratory's analysis.
    Laboratory,
}

impl PhMethod {
    pub const ALL: [PhMethod; 2] = [PhMethod::Meter, PhMethod::Laboratory];

    pub fn code(self) -> &'static str {
        match self {
            PhMethod::Meter => "meter",
            PhMethod::Laboratory => "laboratory",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            PhMethod::Meter => "pH-mètre étalonné",
            PhMethod::Laboratory => "analyse de laboratoire",
        }
    }
}

/// A recipe's equilibrium pH as measured: the value, how, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct PhMeasurement {
    /// Hundredths of pH (420 = 4.20): integers, no floats in stored rules.
    pub hundredths: u32,
    pub method: PhMethod,
    pub measured_on: NaiveDate,
}

/// "4,20", as French writes a pH.
pub fn ph_text(hundredths: u32) -> String {
    format!("{},{:02}", hundredths / 100, hundredths % 100)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProcessMethod {
    /// Pasteurisation in a water bath, at most 100 °C.
    WaterBath,
    /// Sterilisation under pressure, above 100 °C.
    Autoclave,
}

impl ProcessMethod {
    /// Sane core temperatures, in tenths of a degree Celsius.
    fn temperature_bounds(self) -> (u32, u32) {
        match self {
            ProcessMethod::WaterBath => (800, 1000),
            ProcessMethod::Autoclave => (1050, 1300),
        }
    }

    fn max_minutes(self) -> u32 {
        match self {
            ProcessMethod::WaterBath => 180,
            ProcessMethod::Autoclave => 240,
        }
    }
}

/// One row of a schedule (*barème*): a jar size and how long it is held at what temperature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ScheduleRow {
    pub jar_ml: u32,
    /// Core temperature, tenths of °C (1211 = 121.1 °C): integers, no floats in stored rules.
    pub temperature_tenths: u32,
    pub minutes: u32,
    /// Space left under the lid, millimetres.
    pub headspace_mm: u32,
}

/// Who validated a schedule, and when (a food-safety body, a technical centre).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Validation {
    pub by: String,
    pub on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Schedule {
    pub method: ProcessMethod,
    pub rows: Vec<ScheduleRow>,
    /// For the autoclave: the lethality to reach, in tenths of minutes at the reference
    /// temperature (F0 with the default reference, 121.1 °C).
    pub target_f0_tenths: Option<u32>,
    /// `None`: "barème non validé", not usable for production.
    pub validation: Option<Validation>,
    /// What the lethality is counted against, when not the method's default
    /// (`LethalityReference::default_for`).
    #[serde(default)]
    pub lethality: Option<LethalityReference>,
}

impl Schedule {
    pub fn is_validated(&self) -> bool {
        self.validation.is_some()
    }

    /// The reference its lethality is counted against: its own, or its method's default.
    pub fn lethality_reference(&self) -> LethalityReference {
        self.lethality
            .clone()
            .unwrap_or_else(|| LethalityReference::default_for(self.method))
    }
}

/// What a lethal rate is counted against: one minute at `reference_tenths` (°C, tenths) is
/// worth one minute, every `z_tenths` more ten times as much; and where the pair comes from.
/// There is no single reference for pasteurising acid food (FDA guidance uses 93.3 °C with
/// z = 8.3 °C for pH 4.0 to 4.4, other references other pairs): a schedule may name its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LethalityReference {
    pub reference_tenths: u32,
    pub z_tenths: u32,
    pub source: String,
}

/// The sterilising value F0: 121.1 °C, z = 10 °C, counted against *Clostridium botulinum*.
pub const F0_REFERENCE: (u32, u32) = (1211, 100);
/// Bocal's pasteurisation value for acid food: 93.3 °C, z = 8.9 °C.
pub const PASTEURISATION_REFERENCE: (u32, u32) = (933, 89);

impl LethalityReference {
    pub fn default_for(method: ProcessMethod) -> LethalityReference {
        let ((reference_tenths, z_tenths), source) = match method {
            ProcessMethod::Autoclave => (
                F0_REFERENCE,
                "valeur stérilisatrice F0, référence par défaut de Bocal",
            ),
            ProcessMethod::WaterBath => (
                PASTEURISATION_REFERENCE,
                "valeur pasteurisatrice, référence par défaut de Bocal",
            ),
        };
        LethalityReference {
            reference_tenths,
            z_tenths,
            source: source.into(),
        }
    }

    pub fn is_f0(&self) -> bool {
        (self.reference_tenths, self.z_tenths) == F0_REFERENCE
    }

    /// "93,3 °C, z = 8,9 °C".
    pub fn text(&self) -> String {
        format!(
            "{}, z = {}",
            temperature_fr(self.reference_tenths),
            temperature_fr(self.z_tenths)
        )
    }
}

/// Checks a schedule's own reference: plausible figures and a source; a product at pH 4.5 or
/// above is always counted in F0 (the 3-minute rule is an F0).
fn check_lethality_reference(
    acidity: AcidityClass,
    reference: &LethalityReference,
) -> Result<LethalityReference, FieldError> {
    let refuse = |message: &str| Err(FieldError::new("lethality", message));
    if acidity == AcidityClass::LowAcid && !reference.is_f0() {
        return refuse(
            "Un produit à pH 4,5 ou plus se compte en F0 (121,1 °C, z = 10 °C) : pas d'autre \
             référence.",
        );
    }
    if !(600..=1300).contains(&reference.reference_tenths) {
        return refuse("Température de référence entre 60 et 130 °C.");
    }
    if !(30..=200).contains(&reference.z_tenths) {
        return refuse("Valeur z entre 3 et 20 °C.");
    }
    let source = reference.source.trim();
    if source.is_empty() || source.chars().count() > 300 {
        return refuse("Citez la source de cette référence (300 caractères au plus).");
    }
    Ok(LethalityReference {
        source: source.to_string(),
        ..reference.clone()
    })
}

/// The quantity of an ingredient per kilo of the main produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "unit", content = "amount")]
pub enum Quantity {
    Grams(u32),
    Millilitres(u32),
    Pieces(u32),
}

/// What a jar of one size holds, as its label declares it (regulation 1169/2011, art. 23 and
/// Annex IX).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct NetQuantity {
    pub jar_ml: u32,
    /// By volume for a liquid (soup, juice, coulis), by mass otherwise.
    pub net: NetAmount,
    /// For a solid food in a liquid medium (syrup, brine, vinegar): the drained net weight,
    /// grams, which the label must also give.
    #[serde(default)]
    pub drained_grams: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "unit", content = "amount")]
pub enum NetAmount {
    Grams(u32),
    Millilitres(u32),
}

impl NetAmount {
    /// "450 g", "350 ml".
    pub fn text(self) -> String {
        match self {
            NetAmount::Grams(grams) => format!("{grams} g"),
            NetAmount::Millilitres(ml) => format!("{ml} ml"),
        }
    }
}

/// Checks the net quantities against the jar sizes: one per size at most, filling no more
/// than the jar, a drained weight only for a product declared by mass and under it.
pub fn check_net_quantities(
    quantities: &[NetQuantity],
    jar_sizes_ml: &[u32],
) -> Result<Vec<NetQuantity>, FieldError> {
    let refuse = |message: String| Err(FieldError::new("net_quantities", message));
    let mut checked: Vec<NetQuantity> = Vec::new();
    for quantity in quantities {
        let jar_ml = quantity.jar_ml;
        if !jar_sizes_ml.contains(&jar_ml) {
            return refuse(format!(
                "Quantité nette pour un bocal de {jar_ml} ml, qui n'est pas au barème."
            ));
        }
        if checked.iter().any(|other| other.jar_ml == jar_ml) {
            return refuse(format!("Une seule quantité nette par bocal ({jar_ml} ml)."));
        }
        match quantity.net {
            NetAmount::Millilitres(ml) if ml == 0 || ml > jar_ml => {
                return refuse(format!(
                    "Bocal de {jar_ml} ml : une quantité nette de 1 à {jar_ml} ml."
                ))
            }
            NetAmount::Grams(grams) if grams == 0 || grams > 2 * jar_ml => {
                return refuse(format!(
                    "Bocal de {jar_ml} ml : une quantité nette de 1 à {} g.",
                    2 * jar_ml
                ))
            }
            _ => {}
        }
        match (quantity.drained_grams, quantity.net) {
            (Some(0), _) => {
                return refuse(format!(
                    "Bocal de {jar_ml} ml : un poids égoutté d'au moins 1 g."
                ))
            }
            (Some(_), NetAmount::Millilitres(_)) => {
                return refuse(format!(
                    "Bocal de {jar_ml} ml : un produit solide dans un liquide se déclare en \
                     grammes, poids égoutté compris."
                ))
            }
            (Some(drained), NetAmount::Grams(net)) if drained > net => {
                return refuse(format!(
                    "Bocal de {jar_ml} ml : le poids égoutté ne dépasse pas la quantité nette \
                     ({net} g)."
                ))
            }
            _ => {}
        }
        checked.push(*quantity);
    }
    checked.sort_by_key(|quantity| quantity.jar_ml);
    Ok(checked)
}

/// What kind of jar a recipe makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Confiture,
    Compote,
    CoulisSauce,
    LegumesAuNaturel,
    PlatCuisine,
    Soupe,
    Jus,
    Pickles,
    Chutney,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Confiture,
        Category::Compote,
        Category::CoulisSauce,
        Category::LegumesAuNaturel,
        Category::PlatCuisine,
        Category::Soupe,
        Category::Jus,
        Category::Pickles,
        Category::Chutney,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::Confiture => "confiture",
            Category::Compote => "compote",
            Category::CoulisSauce => "coulis_sauce",
            Category::LegumesAuNaturel => "legumes_au_naturel",
            Category::PlatCuisine => "plat_cuisine",
            Category::Soupe => "soupe",
            Category::Jus => "jus",
            Category::Pickles => "pickles",
            Category::Chutney => "chutney",
        }
    }

    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.code() == code)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Category::Confiture => "Confiture",
            Category::Compote => "Compote",
            Category::CoulisSauce => "Coulis et sauces",
            Category::LegumesAuNaturel => "Légumes au naturel",
            Category::PlatCuisine => "Plat cuisiné",
            Category::Soupe => "Soupe",
            Category::Jus => "Jus",
            Category::Pickles => "Pickles",
            Category::Chutney => "Chutney",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Diet {
    Vegetarien,
    Vegan,
    SansSucreAjoute,
    SansGluten,
}

impl Diet {
    pub const ALL: [Diet; 4] = [
        Diet::Vegetarien,
        Diet::Vegan,
        Diet::SansSucreAjoute,
        Diet::SansGluten,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Diet::Vegetarien => "vegetarien",
            Diet::Vegan => "vegan",
            Diet::SansSucreAjoute => "sans_sucre_ajoute",
            Diet::SansGluten => "sans_gluten",
        }
    }

    pub fn from_code(code: &str) -> Option<Diet> {
        Diet::ALL.into_iter().find(|diet| diet.code() == code)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Diet::Vegetarien => "Végétarien",
            Diet::Vegan => "Vegan",
            Diet::SansSucreAjoute => "Sans sucre ajouté",
            Diet::SansGluten => "Sans gluten",
        }
    }
}

/// The fourteen allergens that EU rules (regulation 1169/2011, annex II) require a label to
/// emphasise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Allergen {
    Gluten,
    Crustaces,
    Oeufs,
    Poissons,
    Arachides,
    Soja,
    Lait,
    FruitsACoque,
    Celeri,
    Moutarde,
    Sesame,
    Sulfites,
    Lupin,
    Mollusques,
}

impl Allergen {
    pub const ALL: [Allergen; 14] = [
        Allergen::Gluten,
        Allergen::Crustaces,
        Allergen::Oeufs,
        Allergen::Poissons,
        Allergen::Arachides,
        Allergen::Soja,
        Allergen::Lait,
        Allergen::FruitsACoque,
        Allergen::Celeri,
        Allergen::Moutarde,
        Allergen::Sesame,
        Allergen::Sulfites,
        Allergen::Lupin,
        Allergen::Mollusques,
    ];

    pub fn label_fr(self) -> &'static str {
        match self {
            Allergen::Gluten => "gluten",
            Allergen::Crustaces => "crustacés",
            Allergen::Oeufs => "œufs",
            Allergen::Poissons => "poissons",
            Allergen::Arachides => "arachides",
            Allergen::Soja => "soja",
            Allergen::Lait => "lait",
            Allergen::FruitsACoque => "fruits à coque",
            Allergen::Celeri => "céleri",
            Allergen::Moutarde => "moutarde",
            Allergen::Sesame => "sésame",
            Allergen::Sulfites => "sulfites",
            Allergen::Lupin => "lupin",
            Allergen::Mollusques => "mollusques",
        }
    }
}

/// An ingredient and its quantity per kilo of the main produce.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Ingredient {
    pub name: String,
    pub per_kg: Quantity,
}

/// A recipe as an animator writes it; every version stores one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct RecipeContent {
    pub title: String,
    pub category: Category,
    /// The produce the quantities are counted against ("Tomates").
    pub main_produce: String,
    /// Everything else, per kilo of the main produce.
    pub ingredients: Vec<Ingredient>,
    pub steps: Vec<String>,
    pub preparation_minutes: u32,
    pub cooking_minutes: u32,
    pub allergens: Vec<Allergen>,
    pub diets: Vec<Diet>,
    /// For the best-before date (DDM) of the jars.
    pub shelf_life_months: u32,
    /// Follows from `ph` (`check_recipe` sets it); versions saved before pH was recorded keep
    /// the class chosen then.
    pub acidity: AcidityClass,
    /// The measured equilibrium pH of the product; required of every new version.
    #[serde(default)]
    pub ph: Option<PhMeasurement>,
    /// For a recipe acidified on purpose (lemon juice, vinegar): the pH it aims under, in
    /// hundredths.
    #[serde(default)]
    pub target_ph_hundredths: Option<u32>,
    /// Filled jar volume a kilo of the main produce gives.
    pub yield_ml_per_kg: u32,
    pub jar_sizes_ml: Vec<u32>,
    /// What each jar size holds, for the labels. Versions saved before it was asked have none:
    /// their labels give the jar's volume, and the labels page says it is to be completed.
    #[serde(default)]
    pub net_quantities: Vec<NetQuantity>,
    pub schedule: Schedule,
    /// Where the recipe and its schedule come from ("" when it is the team's own).
    #[serde(default)]
    pub source: String,
    /// A photo of the jars (`POST /api/v1/recipe-photos`).
    #[serde(default)]
    pub photo_id: Option<i64>,
    /// For a recipe imported from another cannery's Bocal: who validated its schedule there.
    /// Shown, and never taken for this cannery's validation (`schedule.validation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validated_elsewhere: Option<ValidationElsewhere>,
}

/// A schedule's validation recorded by another cannery: for its autoclave and its jars, not
/// this one's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ValidationElsewhere {
    /// The cannery that recorded it (its operator's name, as its file says).
    pub cannery: String,
    pub by: String,
    pub on: NaiveDate,
}

/// Whether a recipe may be stored without its measured pH.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhRule {
    /// Every version saved in the editor: the pH decides bath or autoclave.
    Measured,
    /// A draft another cannery shared, or the starter library's: "pH à mesurer", its class as
    /// written; no batch can be made from it (its schedule is not validated here).
    ToMeasure,
}

/// Checks a recipe as a whole: its texts, its numbers, and its processing (`check_processing`).
/// Returns it trimmed, or the first field at fault, in French.
pub fn check_recipe(recipe: &RecipeContent) -> Result<RecipeContent, FieldError> {
    check_recipe_with(recipe, PhRule::Measured)
}

/// `check_recipe`, with the pH required or not (`PhRule`).
pub fn check_recipe_with(
    recipe: &RecipeContent,
    rule: PhRule,
) -> Result<RecipeContent, FieldError> {
    let text = |field: &'static str, value: &str, max: usize| -> Result<String, FieldError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(FieldError::new(field, "Ce champ est obligatoire."));
        }
        if value.chars().count() > max {
            return Err(FieldError::new(field, format!("{max} caractères au plus.")));
        }
        Ok(value.to_string())
    };
    let title = text("title", &recipe.title, 120)?;
    let main_produce = text("main_produce", &recipe.main_produce, 60)?;
    let mut ingredients = Vec::new();
    for ingredient in &recipe.ingredients {
        let name = text("ingredients", &ingredient.name, 80).map_err(|_| {
            FieldError::new(
                "ingredients",
                "Chaque ingrédient a un nom, de 80 caractères au plus.",
            )
        })?;
        ingredients.push(Ingredient {
            name,
            per_kg: ingredient.per_kg,
        });
    }
    if ingredients.len() > 40 {
        return Err(FieldError::new("ingredients", "40 ingrédients au plus."));
    }
    let steps: Vec<String> = recipe
        .steps
        .iter()
        .map(|step| step.trim().to_string())
        .filter(|step| !step.is_empty())
        .collect();
    if steps.is_empty() {
        return Err(FieldError::new("steps", "Décrivez au moins une étape."));
    }
    if steps.len() > 40 || steps.iter().any(|step| step.chars().count() > 1000) {
        return Err(FieldError::new(
            "steps",
            "40 étapes au plus, de 1 000 caractères chacune.",
        ));
    }
    if recipe.preparation_minutes > 24 * 60 || recipe.cooking_minutes > 24 * 60 {
        return Err(FieldError::new(
            "cooking_minutes",
            "Les temps de préparation et de cuisson restent sous 24 heures.",
        ));
    }
    if !(1..=60).contains(&recipe.shelf_life_months) {
        return Err(FieldError::new(
            "shelf_life_months",
            "Durée de conservation entre 1 et 60 mois.",
        ));
    }
    if !(100..=2000).contains(&recipe.yield_ml_per_kg) {
        return Err(FieldError::new(
            "yield_ml_per_kg",
            "Un kilo donne entre 100 ml et 2 litres de préparation.",
        ));
    }
    let mut jar_sizes_ml = recipe.jar_sizes_ml.clone();
    jar_sizes_ml.sort_unstable();
    jar_sizes_ml.dedup();
    if jar_sizes_ml.iter().any(|size| !(50..=5000).contains(size)) {
        return Err(FieldError::new(
            "jar_sizes",
            "Les bocaux vont de 50 ml à 5 litres.",
        ));
    }
    let net_quantities = check_net_quantities(&recipe.net_quantities, &jar_sizes_ml)?;
    let (ph, acidity) = match (recipe.ph, rule) {
        (None, PhRule::ToMeasure) => (None, recipe.acidity),
        _ => {
            let ph = check_ph(recipe)?;
            (Some(ph), AcidityClass::of_ph(ph.hundredths))
        }
    };
    check_processing(acidity, &jar_sizes_ml, &recipe.schedule)?;
    let mut schedule = recipe.schedule.clone();
    schedule.rows.sort_by_key(|row| row.jar_ml);
    schedule.lethality = match &schedule.lethality {
        // The method's default is stored as no reference of its own.
        Some(reference) if *reference == LethalityReference::default_for(schedule.method) => None,
        Some(reference) => Some(check_lethality_reference(acidity, reference)?),
        None => None,
    };
    if let Some(validation) = &schedule.validation {
        text("validation", &validation.by, 120)?;
    }
    let mut allergens = recipe.allergens.clone();
    allergens.sort_by_key(|allergen| Allergen::ALL.iter().position(|a| a == allergen));
    allergens.dedup();
    let mut diets = recipe.diets.clone();
    diets.sort_by_key(|diet| Diet::ALL.iter().position(|d| d == diet));
    diets.dedup();
    Ok(RecipeContent {
        title,
        category: recipe.category,
        main_produce,
        ingredients,
        steps,
        preparation_minutes: recipe.preparation_minutes,
        cooking_minutes: recipe.cooking_minutes,
        allergens,
        diets,
        shelf_life_months: recipe.shelf_life_months,
        acidity,
        ph,
        target_ph_hundredths: recipe.target_ph_hundredths,
        yield_ml_per_kg: recipe.yield_ml_per_kg,
        jar_sizes_ml,
        net_quantities,
        schedule,
        source: recipe.source.trim().chars().take(500).collect(),
        photo_id: recipe.photo_id,
        validated_elsewhere: match &recipe.validated_elsewhere {
            Some(elsewhere) => Some(ValidationElsewhere {
                cannery: text("validated_elsewhere", &elsewhere.cannery, 200)?,
                by: text("validated_elsewhere", &elsewhere.by, 120)?,
                on: elsewhere.on,
            }),
            None => None,
        },
    })
}

impl RecipeContent {
    /// The texts search looks in: title, produce, ingredients.
    pub fn matches(&self, query: &str) -> bool {
        let mut texts = vec![self.title.as_str(), self.main_produce.as_str()];
        texts.extend(
            self.ingredients
                .iter()
                .map(|ingredient| ingredient.name.as_str()),
        );
        matches_search(query, &texts)
    }

    /// Whether this recipe uses `produce` as its main produce ("tomate" matches "Tomates").
    pub fn is_made_with(&self, produce: &str) -> bool {
        same_produce(&self.main_produce, produce)
    }
}

/// "Tomates", "tomate " and "TOMATES" name the same produce.
pub fn same_produce(a: &str, b: &str) -> bool {
    let key = |text: &str| {
        let folded = fold(text.trim());
        folded.trim_end_matches(['s', 'x']).to_string()
    };
    key(a) == key(b)
}

/// The recipe for `grams_of_main` of its main produce: each ingredient's quantity, and the
/// jars to prepare in the sizes chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scaled {
    pub ingredients: Vec<(String, Quantity)>,
    pub total_ml: u64,
    pub jars: Vec<(u32, u32)>,
}

pub fn scale_recipe(recipe: &RecipeContent, grams_of_main: u64, jar_sizes_ml: &[u32]) -> Scaled {
    let total_ml = u64::from(recipe.yield_ml_per_kg) * grams_of_main / 1000;
    Scaled {
        ingredients: recipe
            .ingredients
            .iter()
            .map(|ingredient| {
                (
                    ingredient.name.clone(),
                    scale(ingredient.per_kg, grams_of_main),
                )
            })
            .collect(),
        total_ml,
        jars: jars_needed(total_ml, jar_sizes_ml),
    }
}

impl Quantity {
    /// "300 g", "22,2 kg", "180 ml", "1,1 l", "12".
    pub fn label_fr(self) -> String {
        match self {
            Quantity::Grams(grams) => format_kilos(grams.into()),
            Quantity::Millilitres(ml) if ml < 1000 => format!("{ml} ml"),
            Quantity::Millilitres(ml) => format_kilos(ml.into()).replace("kg", "l"),
            Quantity::Pieces(count) => count.to_string(),
        }
    }
}

/// "100 °C", "121,1 °C".
pub fn temperature_fr(tenths: u32) -> String {
    match tenths % 10 {
        0 => format!("{} °C", tenths / 10),
        decimal => format!("{},{decimal} °C", tenths / 10),
    }
}

/// A validation vouches for one schedule. A new version whose schedule (method, rows, target,
/// lethality reference) differs from the previous one cannot carry the previous validation
/// over: production batches trust it.
pub fn check_validation_carried(previous: &Schedule, next: &Schedule) -> Result<(), FieldError> {
    let same_schedule = previous.method == next.method
        && previous.rows == next.rows
        && previous.target_f0_tenths == next.target_f0_tenths
        && previous.lethality_reference() == next.lethality_reference();
    if !same_schedule && next.validation.is_some() && next.validation == previous.validation {
        return Err(FieldError::new(
            "validation",
            "Le barème a changé : la validation précédente ne le couvre plus. Décochez « barème \
             validé », ou indiquez qui a validé ce nouveau barème et quand.",
        ));
    }
    Ok(())
}

/// The recipe's measured pH, within what food can measure; an acidified recipe's target under
/// the low-acid line, and reached.
fn check_ph(recipe: &RecipeContent) -> Result<PhMeasurement, FieldError> {
    let ph = recipe.ph.ok_or_else(|| {
        FieldError::new(
            "ph",
            "Indiquez le pH d'équilibre mesuré du produit : il décide du bain-marie ou de \
             l'autoclave.",
        )
    })?;
    if !(200..=800).contains(&ph.hundredths) {
        return Err(FieldError::new(
            "ph",
            "Un pH d'aliment est entre 2 et 8 : vérifiez la mesure.",
        ));
    }
    if let Some(target) = recipe.target_ph_hundredths {
        if !(200..LOW_ACID_PH_HUNDREDTHS).contains(&target) {
            return Err(FieldError::new(
                "target_ph",
                "Une recette acidifiée vise un pH sous 4,5.",
            ));
        }
        if ph.hundredths > target {
            return Err(FieldError::new(
                "ph",
                format!(
                    "Le pH mesuré ({}) n'atteint pas le pH visé ({}) : acidifiez davantage, \
                     ou stérilisez à l'autoclave.",
                    ph_text(ph.hundredths),
                    ph_text(target)
                ),
            ));
        }
    }
    Ok(ph)
}

/// Checks a recipe's processing against its acidity and its jar sizes. Every rule of the
/// library's safety is here; the API calls it on save, the editor shows its messages.
pub fn check_processing(
    acidity: AcidityClass,
    jar_sizes_ml: &[u32],
    schedule: &Schedule,
) -> Result<(), FieldError> {
    if acidity == AcidityClass::LowAcid && schedule.method == ProcessMethod::WaterBath {
        return Err(FieldError::new(
            "method",
            "Un aliment peu acide (pH de 4,5 ou plus) ne se conserve qu'à l'autoclave : \
             un barème au bain-marie est refusé.",
        ));
    }
    if jar_sizes_ml.is_empty() {
        return Err(FieldError::new(
            "jar_sizes",
            "Indiquez au moins une taille de bocal.",
        ));
    }
    for size in jar_sizes_ml {
        let rows = schedule
            .rows
            .iter()
            .filter(|row| row.jar_ml == *size)
            .count();
        if rows != 1 {
            return Err(FieldError::new(
                "schedule",
                format!("Il faut une ligne de barème, et une seule, pour le bocal de {size} ml."),
            ));
        }
    }
    let (low, high) = schedule.method.temperature_bounds();
    for row in &schedule.rows {
        if !(low..=high).contains(&row.temperature_tenths) {
            return Err(FieldError::new(
                "schedule",
                format!(
                    "Bocal de {} ml : température hors des bornes ({} à {} °C).",
                    row.jar_ml,
                    low / 10,
                    high / 10
                ),
            ));
        }
        if row.minutes == 0 || row.minutes > schedule.method.max_minutes() {
            return Err(FieldError::new(
                "schedule",
                format!(
                    "Bocal de {} ml : durée hors des bornes (1 à {} minutes).",
                    row.jar_ml,
                    schedule.method.max_minutes()
                ),
            ));
        }
        if row.headspace_mm > 30 {
            return Err(FieldError::new(
                "schedule",
                format!(
                    "Bocal de {} ml : espace de tête de 30 mm au plus.",
                    row.jar_ml
                ),
            ));
        }
    }
    match (schedule.method, schedule.target_f0_tenths) {
        (ProcessMethod::Autoclave, None | Some(0)) => Err(FieldError::new(
            "target_f0",
            "Indiquez la valeur stérilisatrice visée (F0) pour l'autoclave.",
        )),
        (ProcessMethod::Autoclave, Some(f0)) if f0 > 600 => Err(FieldError::new(
            "target_f0",
            "F0 visée hors des bornes (60 minutes au plus).",
        )),
        (ProcessMethod::Autoclave, Some(f0))
            if acidity == AcidityClass::LowAcid && f0 < LOW_ACID_MIN_F0_TENTHS =>
        {
            Err(FieldError::new(
                "target_f0",
                "Un produit à pH 4,5 ou plus demande une valeur stérilisatrice d'au moins \
                 3 minutes (F0 ≥ 3).",
            ))
        }
        _ => Ok(()),
    }
}

/// An ingredient quantity for `grams_of_main` grams of the main produce, rounded as a cook
/// measures: to the gram under 20, to 5 under 200, to 10 under 2 kg, to 50 above; pieces are
/// rounded up (a whole clove, a whole lemon).
pub fn scale(quantity: Quantity, grams_of_main: u64) -> Quantity {
    let exact = |per_kg: u32| u64::from(per_kg) * grams_of_main;
    let measured = |per_kg: u32| {
        // Exact amount in thousandths, rounded to the nearest step.
        let thousandths = exact(per_kg);
        let step: u64 = match thousandths / 1000 {
            0..20 => 1,
            20..200 => 5,
            200..2000 => 10,
            _ => 50,
        };
        let rounded = (thousandths + step * 500) / (step * 1000) * step;
        u32::try_from(rounded).unwrap_or(u32::MAX)
    };
    match quantity {
        Quantity::Grams(per_kg) => Quantity::Grams(measured(per_kg)),
        Quantity::Millilitres(per_kg) => Quantity::Millilitres(measured(per_kg)),
        Quantity::Pieces(per_kg) => {
            Quantity::Pieces(u32::try_from(exact(per_kg).div_ceil(1000)).unwrap_or(u32::MAX))
        }
    }
}

/// Jars to prepare for `total_ml` of filling, spread over the sizes chosen (largest first, the
/// rest in the smallest size): always enough jars, never a jar short.
pub fn jars_needed(total_ml: u64, sizes_ml: &[u32]) -> Vec<(u32, u32)> {
    let mut sizes: Vec<u32> = sizes_ml.iter().copied().filter(|size| *size > 0).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();
    let Some(&smallest) = sizes.last() else {
        return Vec::new();
    };
    let share = total_ml / sizes.len() as u64;
    let mut left = total_ml;
    let mut jars = Vec::new();
    for size in &sizes[..sizes.len() - 1] {
        let count = share / u64::from(*size);
        left -= count * u64::from(*size);
        jars.push((*size, u32::try_from(count).unwrap_or(u32::MAX)));
    }
    let last = left.div_ceil(u64::from(smallest));
    jars.push((smallest, u32::try_from(last).unwrap_or(u32::MAX)));
    jars
}

/// Whether every word of `query` appears in one of `texts` (title, produce, ingredients).
pub fn matches_search(query: &str, texts: &[&str]) -> bool {
    let haystack = fold(&texts.join(" "));
    fold(query)
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_quantities_fit_their_jars_and_a_drained_weight_goes_with_a_mass() {
        let net = |jar_ml, net, drained_grams| NetQuantity {
            jar_ml,
            net,
            drained_grams,
        };
        let sizes = [370, 720];
        let checked = check_net_quantities(
            &[
                net(720, NetAmount::Grams(680), Some(400)),
                net(370, NetAmount::Millilitres(350), None),
            ],
            &sizes,
        )
        .unwrap();
        assert_eq!(checked[0].jar_ml, 370, "sorted by jar size");
        let refused = |quantities: &[NetQuantity]| {
            check_net_quantities(quantities, &sizes)
                .unwrap_err()
                .message
        };
        assert!(refused(&[net(250, NetAmount::Grams(200), None)]).contains("pas au barème"));
        assert!(refused(&[net(370, NetAmount::Millilitres(371), None)]).contains("1 à 370 ml"));
        assert!(refused(&[net(370, NetAmount::Grams(741), None)]).contains("1 à 740 g"));
        assert!(refused(&[net(370, NetAmount::Millilitres(350), Some(200))]).contains("en grammes"));
        assert!(refused(&[net(370, NetAmount::Grams(350), Some(351))]).contains("ne dépasse pas"));
        assert!(refused(&[
            net(370, NetAmount::Grams(350), None),
            net(370, NetAmount::Grams(340), None)
        ])
        .contains("Une seule"));
    }

    fn row(jar_ml: u32, temperature_tenths: u32, minutes: u32) -> ScheduleRow {
        ScheduleRow {
            jar_ml,
            temperature_tenths,
            minutes,
            headspace_mm: 10,
        }
    }

    fn schedule(method: ProcessMethod, rows: Vec<ScheduleRow>) -> Schedule {
        Schedule {
            method,
            rows,
            target_f0_tenths: (method == ProcessMethod::Autoclave).then_some(30),
            validation: None,
            lethality: None,
        }
    }

    #[test]
    fn a_low_acid_recipe_is_never_given_a_water_bath() {
        let bath = schedule(ProcessMethod::WaterBath, vec![row(370, 1000, 30)]);
        let error = check_processing(AcidityClass::LowAcid, &[370], &bath).unwrap_err();
        assert_eq!(error.field, "method");
        assert!(error.message.contains("autoclave"));
        assert!(check_processing(AcidityClass::Acid, &[370], &bath).is_ok());
        let autoclave = schedule(ProcessMethod::Autoclave, vec![row(370, 1160, 40)]);
        assert!(check_processing(AcidityClass::LowAcid, &[370], &autoclave).is_ok());
    }

    #[test]
    fn a_schedule_may_name_its_own_lethality_reference_with_its_source() {
        let fda = LethalityReference {
            reference_tenths: 933,
            z_tenths: 83,
            source: " FDA, pH 4,0 à 4,4 ".into(),
        };
        let mut recipe = coulis();
        recipe.schedule.lethality = Some(fda.clone());
        let checked = check_recipe(&recipe).unwrap();
        assert_eq!(checked.schedule.lethality_reference().z_tenths, 83);
        assert_eq!(
            checked.schedule.lethality.unwrap().source,
            "FDA, pH 4,0 à 4,4"
        );
        // The method's default is kept as none of its own.
        recipe.schedule.lethality = Some(LethalityReference::default_for(ProcessMethod::WaterBath));
        assert_eq!(check_recipe(&recipe).unwrap().schedule.lethality, None);
        // A source is needed, and plausible figures.
        let refused = |reference: LethalityReference| {
            let mut recipe = coulis();
            recipe.schedule.lethality = Some(reference);
            check_recipe(&recipe).unwrap_err()
        };
        let error = refused(LethalityReference {
            source: " ".into(),
            ..fda.clone()
        });
        assert_eq!(error.field, "lethality");
        assert!(refused(LethalityReference {
            z_tenths: 250,
            ..fda.clone()
        })
        .message
        .contains("z"));
        // At pH 4.5 or above, only F0 counts.
        let mut soup = coulis_at_ph(560);
        soup.schedule = schedule(
            ProcessMethod::Autoclave,
            vec![row(720, 1210, 45), row(370, 1210, 35)],
        );
        soup.schedule.lethality = Some(LethalityReference {
            reference_tenths: 1150,
            ..fda
        });
        assert!(check_recipe(&soup).unwrap_err().message.contains("F0"));
        soup.schedule.lethality = None;
        assert!(check_recipe(&soup).is_ok());
    }

    #[test]
    fn every_jar_size_needs_exactly_one_schedule_row() {
        let bath = schedule(ProcessMethod::WaterBath, vec![row(370, 1000, 30)]);
        let error = check_processing(AcidityClass::Acid, &[370, 720], &bath).unwrap_err();
        assert!(error.message.contains("720 ml"), "{}", error.message);
        let twice = schedule(
            ProcessMethod::WaterBath,
            vec![row(370, 1000, 30), row(370, 900, 40)],
        );
        assert!(check_processing(AcidityClass::Acid, &[370], &twice).is_err());
        assert!(check_processing(AcidityClass::Acid, &[], &bath).is_err());
    }

    #[test]
    fn a_changed_schedule_does_not_keep_the_old_validation() {
        let mut validated = schedule(ProcessMethod::Autoclave, vec![row(370, 1160, 40)]);
        validated.validation = Some(Validation {
            by: "CTCPA".into(),
            on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        });
        // Unchanged schedule: the validation stays (the title or the steps changed).
        assert!(check_validation_carried(&validated, &validated).is_ok());
        let mut longer = validated.clone();
        longer.rows[0].minutes = 35;
        let error = check_validation_carried(&validated, &longer).unwrap_err();
        assert_eq!(error.field, "validation");
        let mut other_reference = validated.clone();
        other_reference.lethality = Some(LethalityReference {
            reference_tenths: 1150,
            z_tenths: 100,
            source: "Autre".into(),
        });
        assert!(check_validation_carried(&validated, &other_reference).is_err());
        // Cleared, or validated anew: accepted.
        let mut cleared = longer.clone();
        cleared.validation = None;
        assert!(check_validation_carried(&validated, &cleared).is_ok());
        let mut anew = longer.clone();
        anew.validation = Some(Validation {
            by: "CTCPA".into(),
            on: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        });
        assert!(check_validation_carried(&validated, &anew).is_ok());
    }

    #[test]
    fn temperatures_times_and_f0_stay_within_sane_bounds() {
        let cases = [
            (ProcessMethod::WaterBath, row(370, 1050, 30)),
            (ProcessMethod::WaterBath, row(370, 700, 30)),
            (ProcessMethod::WaterBath, row(370, 1000, 0)),
            (ProcessMethod::Autoclave, row(370, 1000, 40)),
            (ProcessMethod::Autoclave, row(370, 1210, 300)),
        ];
        for (method, row) in cases {
            let rows = schedule(method, vec![row.clone()]);
            assert!(
                check_processing(AcidityClass::Acid, &[370], &rows).is_err(),
                "{method:?} {row:?}"
            );
        }
        let mut no_f0 = schedule(ProcessMethod::Autoclave, vec![row(370, 1160, 40)]);
        no_f0.target_f0_tenths = None;
        let error = check_processing(AcidityClass::LowAcid, &[370], &no_f0).unwrap_err();
        assert_eq!(error.field, "target_f0");
    }

    #[test]
    fn quantities_scale_and_round_as_a_cook_measures() {
        // 37 kg of tomatoes.
        let grams = 37_000;
        // 296 g to the nearest 10 g.
        assert_eq!(scale(Quantity::Grams(8), grams), Quantity::Grams(300));
        assert_eq!(scale(Quantity::Grams(12), grams), Quantity::Grams(440));
        assert_eq!(
            scale(Quantity::Millilitres(30), grams),
            Quantity::Millilitres(1110)
        );
        assert_eq!(scale(Quantity::Grams(600), grams), Quantity::Grams(22_200));
        assert_eq!(scale(Quantity::Pieces(1), 2_500), Quantity::Pieces(3));
        assert_eq!(scale(Quantity::Grams(3), 1_500), Quantity::Grams(5));
        assert_eq!(scale(Quantity::Grams(0), grams), Quantity::Grams(0));
    }

    #[test]
    fn jars_are_never_one_short() {
        // 37 kg at 900 ml a kilo: 33.3 l.
        assert_eq!(jars_needed(33_300, &[370]), vec![(370, 90)]);
        assert_eq!(jars_needed(33_301, &[370]), vec![(370, 91)]);
        let mix = jars_needed(33_300, &[370, 720]);
        assert_eq!(mix, vec![(720, 23), (370, 46)]);
        let filled: u64 = mix
            .iter()
            .map(|(size, n)| u64::from(*size) * u64::from(*n))
            .sum();
        assert!(filled >= 33_300);
        assert!(jars_needed(1_000, &[]).is_empty());
    }

    #[test]
    fn search_ignores_case_and_accents() {
        assert_eq!(fold("Crème brûlée, ŒUFS"), "creme brulee, oeufs");
        assert!(matches_search("creme", &["Crème de marrons"]));
        assert!(matches_search(
            "TOMATE coulis",
            &["Coulis de tomates", "tomate"]
        ));
        assert!(matches_search(
            "poivron",
            &["Légumes marinés", "poivrons rouges"]
        ));
        assert!(!matches_search("abricot", &["Confiture de pêches"]));
    }

    pub fn coulis() -> RecipeContent {
        RecipeContent {
            title: " Coulis de tomates ".into(),
            category: Category::CoulisSauce,
            main_produce: "Tomates".into(),
            ingredients: vec![
                Ingredient {
                    name: "Jus de citron".into(),
                    per_kg: Quantity::Millilitres(15),
                },
                Ingredient {
                    name: "Sel".into(),
                    per_kg: Quantity::Grams(8),
                },
                Ingredient {
                    name: "Gousse d'ail".into(),
                    per_kg: Quantity::Pieces(1),
                },
            ],
            steps: vec![
                "Laver, couper.".into(),
                "  ".into(),
                "Cuire 20 minutes.".into(),
            ],
            preparation_minutes: 30,
            cooking_minutes: 20,
            allergens: vec![],
            diets: vec![Diet::Vegan, Diet::Vegetarien, Diet::Vegan],
            shelf_life_months: 18,
            acidity: AcidityClass::Acid,
            ph: Some(PhMeasurement {
                hundredths: 420,
                method: PhMethod::Meter,
                measured_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            }),
            target_ph_hundredths: None,
            yield_ml_per_kg: 800,
            jar_sizes_ml: vec![720, 370, 370],
            net_quantities: vec![],
            schedule: schedule(
                ProcessMethod::WaterBath,
                vec![row(720, 1000, 45), row(370, 1000, 35)],
            ),
            source: String::new(),
            photo_id: None,
            validated_elsewhere: None,
        }
    }

    /// The coulis with its pH measured at `hundredths`.
    fn coulis_at_ph(hundredths: u32) -> RecipeContent {
        let mut recipe = coulis();
        recipe.ph.as_mut().unwrap().hundredths = hundredths;
        recipe
    }

    #[test]
    fn the_french_line_is_ph_4_5_and_the_class_follows_the_measured_ph() {
        assert_eq!(AcidityClass::of_ph(449), AcidityClass::Acid);
        assert_eq!(AcidityClass::of_ph(450), AcidityClass::LowAcid);
        // 4.49 in a water bath: accepted, and classed acid whatever the client said.
        let mut acid = coulis_at_ph(449);
        acid.acidity = AcidityClass::LowAcid;
        assert_eq!(check_recipe(&acid).unwrap().acidity, AcidityClass::Acid);
        // 4.50 (and the US line's 4.6) in a water bath: refused, the autoclave asked for.
        for hundredths in [450, 460] {
            let error = check_recipe(&coulis_at_ph(hundredths)).unwrap_err();
            assert_eq!(error.field, "method", "pH {hundredths}");
            assert!(error.message.contains("4,5"), "{}", error.message);
        }
        // At 4.5 or above, the autoclave must reach F0 3.
        let mut autoclave = coulis_at_ph(520);
        autoclave.schedule = schedule(
            ProcessMethod::Autoclave,
            vec![row(720, 1160, 45), row(370, 1160, 35)],
        );
        autoclave.schedule.target_f0_tenths = Some(29);
        assert_eq!(check_recipe(&autoclave).unwrap_err().field, "target_f0");
        autoclave.schedule.target_f0_tenths = Some(30);
        assert_eq!(
            check_recipe(&autoclave).unwrap().acidity,
            AcidityClass::LowAcid
        );
    }

    #[test]
    fn a_new_version_needs_a_measured_ph_and_an_acidified_one_reaches_its_target() {
        let mut unmeasured = coulis();
        unmeasured.ph = None;
        assert_eq!(check_recipe(&unmeasured).unwrap_err().field, "ph");
        assert_eq!(check_recipe(&coulis_at_ph(150)).unwrap_err().field, "ph");
        let mut acidified = coulis_at_ph(420);
        acidified.target_ph_hundredths = Some(430);
        assert!(check_recipe(&acidified).is_ok());
        acidified.target_ph_hundredths = Some(450);
        assert_eq!(check_recipe(&acidified).unwrap_err().field, "target_ph");
        let mut missed = coulis_at_ph(440);
        missed.target_ph_hundredths = Some(430);
        let error = check_recipe(&missed).unwrap_err();
        assert_eq!(error.field, "ph");
        assert!(error.message.contains("4,40") && error.message.contains("4,30"));
        assert_eq!(ph_text(405), "4,05");
    }

    #[test]
    fn a_recipe_is_checked_and_tidied_as_a_whole() {
        let checked = check_recipe(&coulis()).unwrap();
        assert_eq!(checked.title, "Coulis de tomates");
        assert_eq!(checked.steps.len(), 2);
        assert_eq!(checked.jar_sizes_ml, vec![370, 720]);
        assert_eq!(checked.diets, vec![Diet::Vegetarien, Diet::Vegan]);
        assert_eq!(checked.schedule.rows[0].jar_ml, 370);

        let mut no_steps = coulis();
        no_steps.steps = vec![" ".into()];
        assert_eq!(check_recipe(&no_steps).unwrap_err().field, "steps");
        let mut nameless = coulis();
        nameless.ingredients[0].name = " ".into();
        let error = check_recipe(&nameless).unwrap_err();
        assert_eq!(error.field, "ingredients");
        assert!(error.message.contains("nom"), "{}", error.message);
        let mut no_title = coulis();
        no_title.title = "  ".into();
        assert_eq!(check_recipe(&no_title).unwrap_err().field, "title");
        let mut absurd_yield = coulis();
        absurd_yield.yield_ml_per_kg = 20_000;
        assert_eq!(
            check_recipe(&absurd_yield).unwrap_err().field,
            "yield_ml_per_kg"
        );
        let mut forever = coulis();
        forever.shelf_life_months = 0;
        assert_eq!(
            check_recipe(&forever).unwrap_err().field,
            "shelf_life_months"
        );
    }

    #[test]
    fn a_recipe_scales_to_the_kilos_at_hand() {
        // "J'ai 12 kg de tomates", in 370 ml jars only.
        let scaled = scale_recipe(&coulis(), 12_000, &[370]);
        assert_eq!(
            scaled.ingredients,
            vec![
                ("Jus de citron".to_string(), Quantity::Millilitres(180)),
                ("Sel".to_string(), Quantity::Grams(95)),
                ("Gousse d'ail".to_string(), Quantity::Pieces(12)),
            ]
        );
        assert_eq!(scaled.total_ml, 9_600);
        // 9.6 l in 370 ml jars: 25.9, so 26 jars.
        assert_eq!(scaled.jars, vec![(370, 26)]);
    }

    #[test]
    fn search_and_produce_match_as_a_french_speaker_expects() {
        let recipe = coulis();
        assert!(recipe.matches("TOMATE"));
        assert!(recipe.matches("citron coulis"));
        assert!(!recipe.matches("abricot"));
        assert!(recipe.is_made_with("tomate"));
        assert!(recipe.is_made_with(" Tomates"));
        assert!(!recipe.is_made_with("Pommes"));
        assert!(same_produce("Noix", "noix"));
        assert!(same_produce("Pêches", "peche"));
    }

    #[test]
    fn quantities_and_temperatures_read_as_in_a_french_recipe() {
        assert_eq!(Quantity::Grams(300).label_fr(), "300 g");
        assert_eq!(Quantity::Grams(22_200).label_fr(), "22,2 kg");
        assert_eq!(Quantity::Millilitres(180).label_fr(), "180 ml");
        assert_eq!(Quantity::Millilitres(1_110).label_fr(), "1,1 l");
        assert_eq!(Quantity::Pieces(12).label_fr(), "12");
        assert_eq!(temperature_fr(1000), "100 °C");
        assert_eq!(temperature_fr(1211), "121,1 °C");
    }
}
