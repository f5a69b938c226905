//! Canning recipes: what goes in per kilo of the main produce, and how the jars are processed.
//! The safety rules live here, so that no path (API, demo data, a future import) can store a
//! recipe that would make an unsafe jar: a low-acid food is never given a water-bath schedule.
//!
//! Started for issue #5: the rules, scaling and search. Storage, API and pages come next.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::text::fold;
use super::validation::FieldError;

/// Whether the food is acid enough (pH ≤ 4.6, or acidified to it) for a water bath to be safe.
/// Below that acidity, *Clostridium botulinum* spores survive 100 °C: only the autoclave kills
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcidityClass {
    Acid,
    LowAcid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Validation {
    pub by: String,
    pub on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub method: ProcessMethod,
    pub rows: Vec<ScheduleRow>,
    /// For the autoclave: the lethality to reach, in tenths of minutes at 121.1 °C (F0).
    pub target_f0_tenths: Option<u32>,
    /// `None`: "barème non validé", not usable for production.
    pub validation: Option<Validation>,
}

impl Schedule {
    pub fn is_validated(&self) -> bool {
        self.validation.is_some()
    }
}

/// The quantity of an ingredient per kilo of the main produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "amount")]
pub enum Quantity {
    Grams(u32),
    Millilitres(u32),
    Pieces(u32),
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
            "Un aliment peu acide (pH au-dessus de 4,6) ne se conserve qu'à l'autoclave : \
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
}
