//! Production batches (*lots de fabrication*): the lot number and best-before date of a day's
//! jars, the process record that proves they were heat-treated as their recipe says, and the
//! lethality (F0) computed from an autoclave log. A batch that falls short is *non conforme*:
//! its jars never enter a centre's stock.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::recipe::{
    ph_text, temperature_fr, AcidityClass, Allergen, LethalityReference, ProcessMethod, Quantity,
    RecipeContent, Schedule, F0_REFERENCE, PASTEURISATION_REFERENCE,
};
use super::text::fold;
use super::validation::FieldError;

/// How a lethal rate is counted: one minute at `reference` °C is worth one minute, and every
/// `z` °C more is worth ten times as much.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lethality {
    pub reference_celsius: f64,
    pub z_celsius: f64,
}

impl Lethality {
    /// F0: sterilisation of low-acid food, counted against *Clostridium botulinum*.
    pub const STERILISATION: Lethality = Lethality::from_tenths(F0_REFERENCE);
    /// The pasteurisation value of acid food (pH under 4.5), where spoilage moulds and yeasts are
    /// the target: 93.3 °C, z = 8.9 °C, the usual reference for acid and acidified products.
    pub const PASTEURISATION: Lethality = Lethality::from_tenths(PASTEURISATION_REFERENCE);

    /// The rate a schedule's reference counts.
    pub fn of(reference: &LethalityReference) -> Lethality {
        Lethality::from_tenths((reference.reference_tenths, reference.z_tenths))
    }

    /// (reference temperature, z), both in tenths of °C, as recipes store them.
    const fn from_tenths((reference_tenths, z_tenths): (u32, u32)) -> Lethality {
        Lethality {
            reference_celsius: reference_tenths as f64 / 10.0,
            z_celsius: z_tenths as f64 / 10.0,
        }
    }

    /// The name printed next to the value.
    pub fn symbol(self) -> &'static str {
        if self == Lethality::STERILISATION {
            "F0"
        } else {
            "VP"
        }
    }

    fn rate(self, celsius: f64) -> f64 {
        10f64.powf((celsius - self.reference_celsius) / self.z_celsius)
    }

    /// Minutes at the reference temperature that `minutes` held at `celsius` are worth.
    pub fn of_hold(self, celsius: f64, minutes: f64) -> f64 {
        minutes * self.rate(celsius)
    }

    /// The running total of the lethality along a log, in minutes, one value per reading.
    /// The temperature is taken as linear between readings, and each stretch is integrated
    /// exactly (the rate of a linear ramp has a closed form), so sparse logs are not
    /// overestimated the way the trapezoidal rule would.
    pub fn cumulative(self, log: &[LogPoint]) -> Vec<f64> {
        let mut total = 0.0;
        let mut values = Vec::with_capacity(log.len());
        for (index, point) in log.iter().enumerate() {
            if index > 0 {
                let previous = log[index - 1];
                let minutes = f64::from(point.seconds - previous.seconds) / 60.0;
                let (from, to) = (previous.celsius(), point.celsius());
                let rise = to - from;
                total += if rise.abs() < 1e-9 {
                    minutes * self.rate(from)
                } else {
                    let k = std::f64::consts::LN_10 / self.z_celsius;
                    minutes * (self.rate(to) - self.rate(from)) / (k * rise)
                };
            }
            values.push(total);
        }
        values
    }
}

/// One reading of a core-temperature probe: seconds since the start, tenths of a degree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LogPoint {
    pub seconds: u32,
    pub temperature_tenths: i32,
}

impl LogPoint {
    pub fn celsius(self) -> f64 {
        f64::from(self.temperature_tenths) / 10.0
    }
}

/// Readings further apart than this leave too much unknown for the value to be trusted.
pub const MAX_LOG_GAP_SECONDS: u32 = 120;
pub const MAX_LOG_POINTS: usize = 5000;
const MAX_LOG_SECONDS: u32 = 6 * 3600;
/// A probe reading outside this range (°C, tenths) is a fault, not a temperature.
const LOG_TEMPERATURE_TENTHS: std::ops::RangeInclusive<i32> = -100..=1500;

/// Reads a probe's log, typed or exported as CSV: one reading per line, a time then a
/// temperature. Times are seconds (`90`) or clock times from the start (`1:30`, `0:01:30`).
/// Separators: `;`, a tab or spaces (then `121,3` is a decimal), otherwise `,`. A first line
/// that is not a reading is taken as a header.
pub fn parse_log(text: &str) -> Result<Vec<LogPoint>, FieldError> {
    let field = "log";
    let mut points = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let by_space: Vec<&str> = line.split_whitespace().collect();
        let parts: Vec<&str> = if line.contains(';') || line.contains('\t') {
            line.split([';', '\t']).map(str::trim).collect()
        } else if by_space.len() == 2 {
            by_space
        } else {
            line.split(',').map(str::trim).collect()
        };
        let reading = match parts.as_slice() {
            [time, temperature] => parse_clock(time).zip(parse_tenths(temperature)),
            _ => None,
        };
        match reading {
            Some((seconds, temperature_tenths)) => points.push(LogPoint {
                seconds,
                temperature_tenths,
            }),
            None if points.is_empty() && index == first_line(text) => continue,
            None => {
                return Err(FieldError::new(
                    field,
                    format!(
                        "Ligne {} illisible : « {} ». Attendu : un temps puis une température, \
                         par exemple « 12:30;118,5 ».",
                        index + 1,
                        shorten(line)
                    ),
                ))
            }
        }
    }
    check_log(&points)?;
    Ok(points)
}

fn first_line(text: &str) -> usize {
    text.lines()
        .position(|line| !line.trim().is_empty())
        .unwrap_or(0)
}

fn shorten(line: &str) -> String {
    line.chars().take(40).collect()
}

fn parse_clock(text: &str) -> Option<u32> {
    let parts: Vec<&str> = text.split(':').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|part| part.parse().ok()).collect();
    match numbers?.as_slice() {
        [seconds] => Some(*seconds),
        [minutes, seconds] if *seconds < 60 => Some(minutes * 60 + seconds),
        [hours, minutes, seconds] if *minutes < 60 && *seconds < 60 => {
            Some(hours * 3600 + minutes * 60 + seconds)
        }
        _ => None,
    }
}

fn parse_tenths(text: &str) -> Option<i32> {
    let value: f64 = text.replace(',', ".").parse().ok()?;
    value
        .is_finite()
        .then(|| (value * 10.0).round())
        .filter(|tenths| tenths.abs() < 1e6)
        .map(|tenths| tenths as i32)
}

/// A log the lethality can be computed from: enough readings, in order, close together, at
/// temperatures a probe can read.
pub fn check_log(log: &[LogPoint]) -> Result<(), FieldError> {
    let refuse = |message: String| Err(FieldError::new("log", message));
    if log.len() < 3 {
        return refuse("Il faut au moins trois relevés de température.".into());
    }
    if log.len() > MAX_LOG_POINTS {
        return refuse(format!("{MAX_LOG_POINTS} relevés au plus."));
    }
    for point in log {
        if !LOG_TEMPERATURE_TENTHS.contains(&point.temperature_tenths) {
            return refuse(format!(
                "Température impossible à {} : {} °C. Vérifiez la sonde.",
                clock(point.seconds),
                tenths_fr(point.temperature_tenths)
            ));
        }
    }
    for pair in log.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        if after.seconds <= before.seconds {
            return refuse(format!(
                "Les temps doivent croître : {} vient après {}.",
                clock(after.seconds),
                clock(before.seconds)
            ));
        }
        if after.seconds - before.seconds > MAX_LOG_GAP_SECONDS {
            return refuse(format!(
                "Trou dans le relevé entre {} et {} : {} minutes au plus entre deux mesures.",
                clock(before.seconds),
                clock(after.seconds),
                MAX_LOG_GAP_SECONDS / 60
            ));
        }
    }
    if log[log.len() - 1].seconds - log[0].seconds > MAX_LOG_SECONDS {
        return refuse("Un relevé dure six heures au plus.".into());
    }
    Ok(())
}

/// `754` → `12:34`, `3754` → `1:02:34`.
pub fn clock(seconds: u32) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// `1185` → `118,5`.
pub fn tenths_fr(tenths: i32) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    format!(
        "{sign}{},{}",
        tenths.unsigned_abs() / 10,
        tenths.unsigned_abs() % 10
    )
}

/// What the animator confirms for one jar size when no probe log is kept: the temperature the
/// bath or autoclave reached and how long it was held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct HeldRow {
    pub jar_ml: u32,
    pub temperature_tenths: u32,
    pub minutes: u32,
}

/// How the jars were heat-treated, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ProcessRecord {
    /// The schedule's rows, confirmed one by one.
    Schedule { rows: Vec<HeldRow> },
    /// A core-temperature log of the coldest jar.
    Log { points: Vec<LogPoint> },
}

/// The verdict on a batch's process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Assessment {
    pub conforming: bool,
    /// Lethality reached and aimed at, in hundredths of a minute (from a log only).
    pub value_hundredths: Option<u32>,
    pub target_hundredths: Option<u32>,
    /// Why it is not conforming, in French; empty when it is.
    pub reasons: Vec<String>,
    /// The lethality reference the batch was judged against, kept with it: a later version of
    /// the recipe never judges it again. `None` for batches recorded before it was kept.
    #[serde(default)]
    pub reference: Option<LethalityReference>,
}

fn hundredths(minutes: f64) -> u32 {
    (minutes * 100.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// `1234` → `12,34`.
pub fn hundredths_fr(value: u32) -> String {
    format!("{},{:02}", value / 100, value % 100)
}

/// Judges a process record against the recipe's schedule for the jar sizes produced.
///
/// Confirmed rows: every size produced needs its row, at or above the scheduled temperature
/// for at least the scheduled minutes. A log: the autoclave must reach the recipe's F0 target;
/// a water bath must reach the pasteurisation value of its schedule's hold for the largest jar
/// produced (the slowest to heat), since water-bath schedules state no value of their own.
/// Whatever the recipe says, a water-bath batch whose product measured pH 4.5 or above is not
/// conforming: only the autoclave makes such a product safe.
pub fn assess(
    schedule: &Schedule,
    jar_sizes: &[u32],
    record: &ProcessRecord,
    product_ph_hundredths: Option<u32>,
) -> Assessment {
    let mut reasons = Vec::new();
    if let Some(ph) = product_ph_hundredths {
        if schedule.method == ProcessMethod::WaterBath
            && AcidityClass::of_ph(ph) == AcidityClass::LowAcid
        {
            reasons.push(format!(
                "pH mesuré du produit {} : à 4,5 ou plus, le bain-marie ne suffit pas.",
                ph_text(ph)
            ));
        }
    }
    let (mut value, mut target) = (None, None);
    let reference = schedule.lethality_reference();
    match record {
        ProcessRecord::Schedule { rows } => {
            for &jar_ml in jar_sizes {
                let Some(planned) = schedule.rows.iter().find(|row| row.jar_ml == jar_ml) else {
                    reasons.push(format!("{jar_ml} ml : pas de barème pour ce format."));
                    continue;
                };
                match rows.iter().find(|row| row.jar_ml == jar_ml) {
                    None => reasons.push(format!("{jar_ml} ml : traitement non confirmé.")),
                    Some(held)
                        if held.temperature_tenths < planned.temperature_tenths
                            || held.minutes < planned.minutes =>
                    {
                        reasons.push(format!(
                            "{jar_ml} ml : {} pendant {} min, le barème demande {} pendant \
                             {} min.",
                            temperature_fr(held.temperature_tenths),
                            held.minutes,
                            temperature_fr(planned.temperature_tenths),
                            planned.minutes
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
        ProcessRecord::Log { points } => {
            let lethality = Lethality::of(&reference);
            let reached = lethality.cumulative(points).last().copied().unwrap_or(0.0);
            let aimed = match schedule.method {
                ProcessMethod::Autoclave => schedule
                    .target_f0_tenths
                    .map(|tenths| f64::from(tenths) / 10.0),
                ProcessMethod::WaterBath => schedule
                    .rows
                    .iter()
                    .filter(|row| jar_sizes.contains(&row.jar_ml))
                    .max_by_key(|row| row.jar_ml)
                    .map(|row| {
                        lethality.of_hold(
                            f64::from(row.temperature_tenths) / 10.0,
                            f64::from(row.minutes),
                        )
                    }),
            };
            value = Some(hundredths(reached));
            target = aimed.map(hundredths);
            match target {
                None => reasons.push("Aucune valeur visée pour ces formats.".into()),
                Some(aimed) if hundredths(reached) < aimed => reasons.push(format!(
                    "{} atteinte : {} min, la recette demande {} min.",
                    lethality.symbol(),
                    hundredths_fr(hundredths(reached)),
                    hundredths_fr(aimed)
                )),
                Some(_) => {}
            }
        }
    }
    if !schedule.is_validated() {
        reasons.push("Le barème de cette version de la recette n'est pas validé.".into());
    }
    Assessment {
        conforming: reasons.is_empty(),
        value_hundredths: value,
        target_hundredths: target,
        reasons,
        reference: Some(reference),
    }
}

/// A batch's number: the day it was made, then its rank that day. Readable on a label, unique,
/// and sorted by date as text: `20261128-02`.
pub fn batch_number(made_on: NaiveDate, rank_that_day: u32) -> String {
    format!("{}-{rank_that_day:02}", made_on.format("%Y%m%d"))
}

/// The batch number in what a scanner typed from a label's QR code, or a person from its
/// text: "20261128-02", "Lot 20261128-02", "L 20261128-02". `None` when there is none.
pub fn scanned_batch_number(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .find_map(|word| {
            let (day, rank) = word.split_once('-')?;
            let is_number = day.len() == 8
                && (2..=3).contains(&rank.len())
                && day.chars().chain(rank.chars()).all(|c| c.is_ascii_digit());
            is_number.then(|| word.to_string())
        })
}

/// The best-before date (DDM): the day made plus the recipe's shelf life.
pub fn best_before(made_on: NaiveDate, shelf_life_months: u32) -> NaiveDate {
    made_on
        .checked_add_months(Months::new(shelf_life_months))
        .unwrap_or(NaiveDate::MAX)
}

/// A sealed, heat-treated jar keeps at room temperature; an opened one does not.
pub const STORAGE_ADVICE: &str = "À conserver au sec et à l'abri de la lumière. Après ouverture, \
     au réfrigérateur et à consommer sous 3 jours.";

/// What a label says a jar of `jar_ml` holds: the net quantity ("350 ml", "450 g") and, for a
/// solid food in a liquid medium, its drained net weight ("Poids net égoutté : 270 g"). `None`
/// when the recipe's version does not say (saved before it was asked).
pub fn label_net_quantity(recipe: &RecipeContent, jar_ml: u32) -> Option<(String, Option<String>)> {
    let quantity = recipe
        .net_quantities
        .iter()
        .find(|quantity| quantity.jar_ml == jar_ml)?;
    let drained = quantity
        .drained_grams
        .map(|grams| format!("Poids net égoutté : {grams} g"));
    Some((quantity.net.text(), drained))
}

/// One name in a label's ingredient list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LabelIngredient {
    pub name: String,
    /// An allergen: printed in bold, as EU rules require.
    pub allergen: bool,
}

/// Words that name each allergen in an ingredient ("graines de moutarde", "cerneaux de noix").
fn allergen_words(allergen: Allergen) -> &'static [&'static str] {
    match allergen {
        Allergen::Gluten => &[
            "ble", "farine", "orge", "seigle", "avoine", "epeautre", "gluten",
        ],
        Allergen::Crustaces => &["crevette", "crabe", "homard", "langoustine", "crustace"],
        Allergen::Oeufs => &["oeuf", "œuf"],
        Allergen::Poissons => &["poisson", "anchois", "thon", "sardine", "maquereau"],
        Allergen::Arachides => &["arachide", "cacahuete"],
        Allergen::Soja => &["soja"],
        Allergen::Lait => &["lait", "beurre", "creme", "fromage", "yaourt"],
        Allergen::FruitsACoque => &[
            "noix",
            "noisette",
            "amande",
            "pistache",
            "cajou",
            "pecan",
            "macadamia",
        ],
        Allergen::Celeri => &["celeri"],
        Allergen::Moutarde => &["moutarde"],
        Allergen::Sesame => &["sesame"],
        Allergen::Sulfites => &["sulfite", "vin", "vinaigre de vin"],
        Allergen::Lupin => &["lupin"],
        Allergen::Mollusques => &["moule", "huitre", "calamar", "mollusque"],
    }
}

/// The label's ingredient list: the main produce and the other ingredients by decreasing
/// weight (a millilitre counted as a gram; counted pieces, such as garlic cloves, last), each
/// flagged when it carries one of the recipe's declared allergens. Declared allergens that no
/// ingredient names are returned too, for a "Contient : …" line.
pub fn label_ingredients(recipe: &RecipeContent) -> (Vec<LabelIngredient>, Vec<Allergen>) {
    let mut weighted: Vec<(u32, u32, &str)> = vec![(1000, 0, recipe.main_produce.as_str())];
    for (rank, ingredient) in recipe.ingredients.iter().enumerate() {
        let weight = match ingredient.per_kg {
            Quantity::Grams(grams) => grams,
            Quantity::Millilitres(ml) => ml,
            Quantity::Pieces(_) => 0,
        };
        weighted.push((weight, rank as u32 + 1, ingredient.name.as_str()));
    }
    // Heaviest first; on a tie, the order the recipe gives (the main produce first).
    weighted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut named = vec![false; recipe.allergens.len()];
    let ingredients = weighted
        .into_iter()
        .map(|(_, _, name)| {
            let folded = fold(name);
            let mut allergen = false;
            for (index, declared) in recipe.allergens.iter().enumerate() {
                let hit = allergen_words(*declared).iter().any(|word| {
                    folded
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|token| token.starts_with(word))
                        || (word.contains(' ') && folded.contains(word))
                });
                if hit {
                    allergen = true;
                    named[index] = true;
                }
            }
            LabelIngredient {
                name: name.to_string(),
                allergen,
            }
        })
        .collect();
    let unnamed = recipe
        .allergens
        .iter()
        .zip(named)
        .filter(|(_, named)| !named)
        .map(|(allergen, _)| *allergen)
        .collect();
    (ingredients, unnamed)
}

/// Kilos taken from a collected lot must fit in what was collected and not yet used.
pub fn check_lot_use(grams: u32, collected: u32, already_used: u32) -> Result<(), String> {
    if grams == 0 {
        return Err("Indiquez les kilos pris dans ce lot.".into());
    }
    let left = collected.saturating_sub(already_used);
    if grams > left {
        return Err(format!(
            "Il ne reste que {} dans ce lot.",
            super::lot::format_kilos(u64::from(left))
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::recipe::{ScheduleRow, Validation};

    #[test]
    fn a_log_is_judged_against_the_schedules_own_reference_which_the_verdict_keeps() {
        let mut bath = validated(
            ProcessMethod::WaterBath,
            vec![ScheduleRow {
                jar_ml: 370,
                temperature_tenths: 900,
                minutes: 20,
                headspace_mm: 10,
            }],
        );
        // Held 20 minutes at 90 °C, as the schedule says: conforming whatever the reference.
        let log = ProcessRecord::Log {
            points: (0..=20)
                .map(|minute| LogPoint {
                    seconds: minute * 60,
                    temperature_tenths: 900,
                })
                .collect(),
        };
        let default = assess(&bath, &[370], &log, Some(400));
        assert!(default.conforming, "{:?}", default.reasons);
        assert_eq!(
            default.reference,
            Some(LethalityReference::default_for(ProcessMethod::WaterBath))
        );
        bath.lethality = Some(LethalityReference {
            reference_tenths: 933,
            z_tenths: 83,
            source: "FDA".into(),
        });
        let fda = assess(&bath, &[370], &log, Some(400));
        assert_eq!(fda.reference.as_ref().unwrap().z_tenths, 83);
        // A smaller z counts 90 °C for less: the value and its target both change.
        assert!(fda.value_hundredths.unwrap() < default.value_hundredths.unwrap());
        assert_eq!(fda.value_hundredths, fda.target_hundredths);
    }

    #[test]
    fn a_scanned_label_gives_its_batch_number() {
        assert_eq!(
            scanned_batch_number("20261128-02").as_deref(),
            Some("20261128-02")
        );
        assert_eq!(
            scanned_batch_number(" Lot 20261128-02\n").as_deref(),
            Some("20261128-02")
        );
        assert_eq!(
            scanned_batch_number("L20261128-12").as_deref(),
            Some("20261128-12")
        );
        assert_eq!(scanned_batch_number("2026112-02"), None);
        assert_eq!(scanned_batch_number("100003"), None);
        assert_eq!(scanned_batch_number(""), None);
    }

    fn constant(celsius_tenths: i32, minutes: u32) -> Vec<LogPoint> {
        (0..=minutes * 2)
            .map(|step| LogPoint {
                seconds: step * 30,
                temperature_tenths: celsius_tenths,
            })
            .collect()
    }

    fn total(lethality: Lethality, log: &[LogPoint]) -> f64 {
        *lethality.cumulative(log).last().unwrap()
    }

    #[test]
    fn ten_minutes_at_the_reference_are_worth_ten() {
        let f0 = total(Lethality::STERILISATION, &constant(1211, 10));
        assert!((f0 - 10.0).abs() < 1e-9, "{f0}");
    }

    #[test]
    fn ten_degrees_below_the_reference_are_worth_ten_times_less() {
        let f0 = total(Lethality::STERILISATION, &constant(1111, 10));
        assert!((f0 - 1.0).abs() < 1e-9, "{f0}");
        let vp = total(Lethality::PASTEURISATION, &constant(933, 20));
        assert!((vp - 20.0).abs() < 1e-9, "{vp}");
    }

    /// A heating-holding-cooling log as an autoclave probe gives it: 20 → 121 °C in 12 minutes,
    /// held 8 minutes, down to 60 °C in 10 minutes, a reading every minute.
    fn realistic_log() -> Vec<LogPoint> {
        let mut points = Vec::new();
        for minute in 0..=30u32 {
            let tenths = match minute {
                0..=12 => 200 + (1210 - 200) * minute as i32 / 12,
                13..=20 => 1210,
                _ => 1210 - (1210 - 600) * (minute as i32 - 20) / 10,
            };
            points.push(LogPoint {
                seconds: minute * 60,
                temperature_tenths: tenths,
            });
        }
        points
    }

    #[test]
    fn a_realistic_log_matches_an_independent_integration() {
        // Independent value: the same readings, linear between them, integrated numerically
        // in Python with 200 000 midpoint steps per minute: 9.013793. The ramps add about 1.2
        // to the 8 minutes held at 121.0 °C (8 × 10^(-0.01) = 7.818).
        let f0 = total(Lethality::STERILISATION, &realistic_log());
        assert!((f0 - 9.013793).abs() < 1e-4, "{f0}");
        // The running total never decreases and ends at the total.
        let values = Lethality::STERILISATION.cumulative(&realistic_log());
        assert!(values.windows(2).all(|pair| pair[1] >= pair[0]));
    }

    #[test]
    fn logs_are_read_from_typed_text_and_from_csv_exports() {
        let typed = "0:00 20,5\n1:00 60\n2:00 100.5";
        // Separated by a space, a comma is a decimal point.
        let points = parse_log(typed).unwrap();
        assert_eq!(points[0].temperature_tenths, 205);
        assert_eq!(points[2].seconds, 120);
        let csv = "temps;temperature\n0;20,0\n60;80,0\n0:02:00;121,1\n";
        let points = parse_log(csv).unwrap();
        assert_eq!(
            points,
            vec![
                LogPoint {
                    seconds: 0,
                    temperature_tenths: 200
                },
                LogPoint {
                    seconds: 60,
                    temperature_tenths: 800
                },
                LogPoint {
                    seconds: 120,
                    temperature_tenths: 1211
                },
            ]
        );
        let comma = "time,celsius\n0,20.0\n30,50.5\n60,70\n";
        assert_eq!(parse_log(comma).unwrap()[1].temperature_tenths, 505);
    }

    #[test]
    fn bad_logs_are_refused_in_french() {
        let message = |text: &str| parse_log(text).unwrap_err().message;
        assert!(message("0;20\n60;50\n60;80").contains("Les temps doivent croître"));
        assert!(message("0;20\n120;50\n60;80").contains("Les temps doivent croître"));
        assert!(message("0;20\n60;50\n400;80").contains("Trou dans le relevé entre 1:00 et 6:40"));
        assert!(message("0;20\n60;50\n120;480").contains("Température impossible à 2:00 : 480,0"));
        assert!(message("0;20\n60;-50\n120;80").contains("Température impossible"));
        assert!(message("0;20\n60;50").contains("au moins trois relevés"));
        assert!(message("0;20\n60;chaud\n120;80").contains("Ligne 2 illisible"));
        assert!(message("0;20\n60;NaN\n120;80").contains("Ligne 2 illisible"));
        assert!(message("").contains("au moins trois"));
    }

    fn validated(method: ProcessMethod, rows: Vec<ScheduleRow>) -> Schedule {
        Schedule {
            method,
            rows,
            target_f0_tenths: (method == ProcessMethod::Autoclave).then_some(30),
            validation: Some(Validation {
                by: "CTCPA".into(),
                on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            }),
            lethality: None,
        }
    }

    fn row(jar_ml: u32, temperature_tenths: u32, minutes: u32) -> ScheduleRow {
        ScheduleRow {
            jar_ml,
            temperature_tenths,
            minutes,
            headspace_mm: 10,
        }
    }

    /// An acid product's measured pH.
    const ACID: Option<u32> = Some(380);

    #[test]
    fn a_water_bath_batch_at_ph_4_5_or_above_is_not_conforming() {
        let bath = validated(ProcessMethod::WaterBath, vec![row(370, 1000, 20)]);
        let held = ProcessRecord::Schedule {
            rows: vec![HeldRow {
                jar_ml: 370,
                temperature_tenths: 1000,
                minutes: 20,
            }],
        };
        assert!(assess(&bath, &[370], &held, Some(449)).conforming);
        let verdict = assess(&bath, &[370], &held, Some(450));
        assert!(!verdict.conforming);
        assert_eq!(
            verdict.reasons,
            ["pH mesuré du produit 4,50 : à 4,5 ou plus, le bain-marie ne suffit pas."]
        );
        // In the autoclave, the pH is what it is for.
        let autoclave = validated(ProcessMethod::Autoclave, vec![row(370, 1160, 40)]);
        let log = ProcessRecord::Log {
            points: realistic_log(),
        };
        assert!(assess(&autoclave, &[370], &log, Some(590)).conforming);
    }

    #[test]
    fn an_autoclave_log_must_reach_the_recipe_f0() {
        let schedule = validated(ProcessMethod::Autoclave, vec![row(370, 1160, 40)]);
        let good = assess(
            &schedule,
            &[370],
            &ProcessRecord::Log {
                points: realistic_log(),
            },
            ACID,
        );
        assert!(good.conforming, "{:?}", good.reasons);
        assert_eq!(good.value_hundredths, Some(901));
        assert_eq!(good.target_hundredths, Some(300));
        let short = assess(
            &schedule,
            &[370],
            &ProcessRecord::Log {
                points: constant(1111, 2),
            },
            ACID,
        );
        assert!(!short.conforming);
        assert_eq!(
            short.reasons,
            vec!["F0 atteinte : 0,20 min, la recette demande 3,00 min."]
        );
    }

    #[test]
    fn a_water_bath_log_is_held_to_its_schedule_for_the_largest_jar() {
        let schedule = validated(
            ProcessMethod::WaterBath,
            vec![row(370, 1000, 20), row(720, 1000, 30)],
        );
        let thirty_at_100 = ProcessRecord::Log {
            points: constant(1000, 30),
        };
        assert!(assess(&schedule, &[370, 720], &thirty_at_100, ACID).conforming);
        let twenty_at_100 = ProcessRecord::Log {
            points: constant(1000, 20),
        };
        assert!(assess(&schedule, &[370], &twenty_at_100, ACID).conforming);
        let verdict = assess(&schedule, &[370, 720], &twenty_at_100, ACID);
        assert!(!verdict.conforming);
        assert!(
            verdict.reasons[0].starts_with("VP atteinte"),
            "{:?}",
            verdict
        );
    }

    #[test]
    fn confirmed_rows_must_meet_the_schedule_for_every_size_made() {
        let schedule = validated(
            ProcessMethod::WaterBath,
            vec![row(370, 1000, 20), row(720, 1000, 30)],
        );
        let held = |jar_ml, temperature_tenths, minutes| HeldRow {
            jar_ml,
            temperature_tenths,
            minutes,
        };
        let record = ProcessRecord::Schedule {
            rows: vec![held(370, 1000, 20), held(720, 950, 30)],
        };
        assert!(assess(&schedule, &[370], &record, ACID).conforming);
        let verdict = assess(&schedule, &[370, 720], &record, ACID);
        assert_eq!(
            verdict.reasons,
            vec!["720 ml : 95 °C pendant 30 min, le barème demande 100 °C pendant 30 min."]
        );
        let missing = assess(
            &schedule,
            &[370, 720],
            &ProcessRecord::Schedule { rows: vec![] },
            ACID,
        );
        assert_eq!(missing.reasons.len(), 2);
        let mut unvalidated = schedule.clone();
        unvalidated.validation = None;
        let verdict = assess(&unvalidated, &[370], &record, ACID);
        assert!(!verdict.conforming);
        assert!(verdict.reasons[0].contains("n'est pas validé"));
    }

    #[test]
    fn numbers_and_dates_of_a_batch() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(batch_number(day, 2), "20261128-02");
        assert!(batch_number(day, 12) > batch_number(day, 9));
        assert!(batch_number(day.succ_opt().unwrap(), 1) > batch_number(day, 99));
        assert_eq!(
            best_before(day, 18),
            NaiveDate::from_ymd_opt(2028, 5, 28).unwrap()
        );
        // The 31st plus a month falls on the month's last day.
        let end = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(
            best_before(end, 1),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert_eq!(clock(3754), "1:02:34");
        assert_eq!(tenths_fr(-55), "-5,5");
    }

    #[test]
    fn a_label_lists_ingredients_by_weight_and_marks_allergens() {
        use crate::domain::recipe::{AcidityClass, Category, Ingredient};
        let ingredient = |name: &str, per_kg| Ingredient {
            name: name.into(),
            per_kg,
        };
        let recipe = RecipeContent {
            title: "Confiture de figues aux noix".into(),
            category: Category::Confiture,
            main_produce: "Figues".into(),
            ingredients: vec![
                ingredient("Gousse de vanille", Quantity::Pieces(1)),
                ingredient("Cerneaux de noix", Quantity::Grams(80)),
                ingredient("Sucre", Quantity::Grams(600)),
                ingredient("Jus de citron", Quantity::Millilitres(30)),
            ],
            steps: vec!["Cuire.".into()],
            preparation_minutes: 20,
            cooking_minutes: 40,
            allergens: vec![Allergen::FruitsACoque, Allergen::Sulfites],
            diets: vec![],
            shelf_life_months: 18,
            acidity: AcidityClass::Acid,
            ph: None,
            target_ph_hundredths: None,
            yield_ml_per_kg: 1200,
            jar_sizes_ml: vec![370],
            net_quantities: vec![],
            schedule: validated(ProcessMethod::WaterBath, vec![row(370, 1000, 10)]),
            source: String::new(),
            photo_id: None,
            validated_elsewhere: None,
        };
        let (ingredients, unnamed) = label_ingredients(&recipe);
        let names: Vec<(&str, bool)> = ingredients
            .iter()
            .map(|i| (i.name.as_str(), i.allergen))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Figues", false),
                ("Sucre", false),
                ("Cerneaux de noix", true),
                ("Jus de citron", false),
                ("Gousse de vanille", false),
            ]
        );
        // Declared but named by no ingredient: printed as "Contient : sulfites".
        assert_eq!(unnamed, vec![Allergen::Sulfites]);
    }

    #[test]
    fn a_lot_gives_no_more_than_what_was_collected() {
        assert!(check_lot_use(10_000, 38_500, 28_500).is_ok());
        assert_eq!(
            check_lot_use(10_001, 38_500, 28_500).unwrap_err(),
            "Il ne reste que 10 kg dans ce lot."
        );
        assert!(check_lot_use(0, 38_500, 0).is_err());
    }
}
