//! Production batches: recording one from a workshop's collected lots, its page (the process
//! verdict, traceability back to the farms and forward to the centres and participants), its
//! jars entering a centre's stock. The rules are in `domain::batch`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::query::{self, FromQuery, QueryParameter, QueryValue};
use crate::api::wallet::MemberRef;
pub use crate::domain::batch::{Assessment, HeldRow, LogPoint, ProcessRecord};
use crate::domain::validation::FieldError;

/// Jars of one size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct JarCount {
    pub jar_ml: u32,
    pub jars: u32,
}

/// Kilos taken from one collected lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LotUse {
    pub lot_id: i64,
    pub grams: u32,
}

/// `POST /api/v1/batches` (staff). A replay with the same key returns the batch first
/// recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct NewBatch {
    pub idempotency_key: String,
    pub recipe_id: i64,
    pub recipe_version: u32,
    pub workshop_id: Option<i64>,
    pub made_on: NaiveDate,
    pub inputs: Vec<LotUse>,
    pub jars: Vec<JarCount>,
    pub process: ProcessRecord,
    /// The measured pH of the product, in hundredths (420 = 4.20): required.
    #[serde(default)]
    pub product_ph_hundredths: Option<u32>,
    /// The probe or recorder that measured the process: required.
    #[serde(default)]
    pub probe: Option<ProbeUse>,
    #[serde(default)]
    pub note: String,
}

/// The probe or recorder a batch's process was measured with, and its calibration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ProbeUse {
    /// "Sonde TC-2 (n° 1043)".
    pub name: String,
    pub calibrated_on: NaiveDate,
    /// When it must be calibrated again; a batch made after it is flagged.
    pub calibration_due: NaiveDate,
}

impl ProbeUse {
    /// Whether the probe was past its calibration's due date on `day`.
    pub fn overdue_on(&self, day: NaiveDate) -> bool {
        day > self.calibration_due
    }
}

/// A probe's name, in characters.
pub const MAX_PROBE_NAME_CHARS: usize = 80;
pub const MAX_BATCH_INPUTS: usize = 20;
pub const MAX_JARS_PER_SIZE: u32 = 2000;
/// A batch's note, in characters.
pub const MAX_BATCH_NOTE_CHARS: usize = 500;

impl NewBatch {
    /// The checks that need no database (the server repeats them).
    pub fn check(&self) -> Result<(), FieldError> {
        super::check_idempotency_key(&self.idempotency_key)?;
        if self.inputs.is_empty() {
            return Err(FieldError::new(
                "inputs",
                "Indiquez au moins un lot collecté utilisé.",
            ));
        }
        if self.inputs.len() > MAX_BATCH_INPUTS {
            return Err(FieldError::new(
                "inputs",
                format!("{MAX_BATCH_INPUTS} lots au plus."),
            ));
        }
        let mut lots: Vec<i64> = self.inputs.iter().map(|input| input.lot_id).collect();
        lots.sort_unstable();
        lots.dedup();
        if lots.len() != self.inputs.len() {
            return Err(FieldError::new("inputs", "Un lot est indiqué deux fois."));
        }
        if self.inputs.iter().any(|input| input.grams == 0) {
            return Err(FieldError::new(
                "inputs",
                "Indiquez les kilos pris dans chaque lot.",
            ));
        }
        let jars: u32 = self.jars.iter().map(|count| count.jars).sum();
        if jars == 0 {
            return Err(FieldError::new(
                "jars",
                "Indiquez le nombre de bocaux produits.",
            ));
        }
        if self.jars.iter().any(|count| count.jars > MAX_JARS_PER_SIZE) {
            return Err(FieldError::new(
                "jars",
                format!("{MAX_JARS_PER_SIZE} bocaux par format au plus."),
            ));
        }
        if self.note.chars().count() > MAX_BATCH_NOTE_CHARS {
            return Err(FieldError::new(
                "note",
                format!("{MAX_BATCH_NOTE_CHARS} caractères au plus."),
            ));
        }
        if let ProcessRecord::Log { points } = &self.process {
            crate::domain::batch::check_log(points)?;
        }
        match self.product_ph_hundredths {
            None => {
                return Err(FieldError::new(
                    "product_ph",
                    "Indiquez le pH mesuré du produit de ce lot.",
                ))
            }
            Some(ph) if !(200..=800).contains(&ph) => {
                return Err(FieldError::new(
                    "product_ph",
                    "Un pH d'aliment est entre 2 et 8 : vérifiez la mesure.",
                ))
            }
            Some(_) => {}
        }
        let Some(probe) = &self.probe else {
            return Err(FieldError::new(
                "probe",
                "Indiquez la sonde ou l'enregistreur utilisé, et son étalonnage.",
            ));
        };
        let name = probe.name.trim().chars().count();
        if name == 0 || name > MAX_PROBE_NAME_CHARS {
            return Err(FieldError::new(
                "probe",
                format!("Nom de la sonde : de 1 à {MAX_PROBE_NAME_CHARS} caractères."),
            ));
        }
        if probe.calibration_due < probe.calibrated_on || probe.calibrated_on > self.made_on {
            return Err(FieldError::new(
                "probe",
                "L'étalonnage précède la fabrication, et sa prochaine échéance le suit.",
            ));
        }
        Ok(())
    }

    /// The sizes actually made, without the zero counts a form may send.
    pub fn sizes_made(&self) -> Vec<u32> {
        self.jars
            .iter()
            .filter(|count| count.jars > 0)
            .map(|count| count.jar_ml)
            .collect()
    }
}

/// `GET /api/v1/batch-inputs` (staff): collected lots with kilos not yet used in a batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct AvailableLot {
    pub lot_id: i64,
    pub produce: String,
    pub variety: String,
    pub farm_name: String,
    pub collected_on: NaiveDate,
    pub workshop_id: Option<i64>,
    pub grams_left: u32,
}

/// `?lot=ID` of the batch list: the batches a farm's lot went into; the latest without one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchFilter {
    pub lot: Option<i64>,
}

impl FromQuery for BatchFilter {
    fn parameters() -> Vec<QueryParameter> {
        vec![QueryParameter::optional("lot", QueryValue::Integer)]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let lot = query::parsed(pairs, "lot", "Numéro de lot invalide.")?;
        Ok(BatchFilter { lot })
    }
}

/// A line of the batch list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct BatchSummary {
    pub id: i64,
    pub number: String,
    pub made_on: NaiveDate,
    pub recipe_title: String,
    pub jars: u32,
    pub conforming: bool,
}

/// One step back: a farm's lot that went into the batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct BatchInput {
    pub lot_id: i64,
    pub produce: String,
    pub variety: String,
    pub farm_name: String,
    pub farm_commune: String,
    pub farm_phone: Option<String>,
    pub collected_on: Option<NaiveDate>,
    pub grams: u32,
}

/// One step forward: jars of the batch that entered a centre's stock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct StockedJars {
    pub centre_id: i64,
    pub centre_name: String,
    pub jar_ml: u32,
    pub jars: u32,
    pub at: DateTime<Utc>,
}

/// Someone who received jars of the batch, in one jar size: to contact in a recall.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Recipient {
    pub member: MemberRef,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Where they received them ("Maison de quartier des Ors, Centre social Noël Guichard").
    pub centre_name: String,
    pub jar_ml: u32,
    pub jars: u32,
    pub last_at: DateTime<Utc>,
    /// Of those, brought back since the recall.
    #[serde(default)]
    pub returned: u32,
}

/// A recalled batch: blocked in every centre, its holders told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Recall {
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    /// Messages written to the holders (an SMS and an e-mail each, as they have them).
    pub messages: u32,
}

/// `POST /api/v1/batches/{id}/recall` (staff): "Rappeler ce lot".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct NewRecall {
    /// Why, in a few words the holders will read ("Couvercles mal sertis").
    pub reason: String,
}

/// Characters of a recall's reason.
pub const RECALL_REASON_CHARS: std::ops::RangeInclusive<usize> = 5..=200;

/// `POST /api/v1/batches/{id}/recall/returns` (staff): recalled jars a holder brought back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct RecallReturn {
    pub idempotency_key: String,
    pub participant_id: i64,
    /// Where they were brought back.
    pub centre_id: i64,
    pub jar_ml: u32,
    pub jars: u32,
}

/// `GET /api/v1/batches/{id}` (staff)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Batch {
    pub id: i64,
    pub number: String,
    pub made_on: NaiveDate,
    pub best_before: NaiveDate,
    pub recipe_id: i64,
    pub recipe_version: u32,
    pub recipe_title: String,
    pub workshop_id: Option<i64>,
    /// "Confiture de coings, Maison de quartier des Ors".
    pub workshop_label: Option<String>,
    pub inputs: Vec<BatchInput>,
    pub jars: Vec<JarCount>,
    pub process: ProcessRecord,
    /// The measured pH of the product, hundredths; `None` for batches recorded before it was.
    pub product_ph_hundredths: Option<u32>,
    /// The probe that measured the process; `None` for batches recorded before it was.
    pub probe: Option<ProbeUse>,
    /// For a non-conforming batch: what became of its jars, once recorded.
    #[serde(default)]
    pub disposition: Option<Disposition>,
    pub assessment: Assessment,
    pub stocked: Vec<StockedJars>,
    /// Exactly the participants who received jars of this batch (the ledger counts jars by
    /// batch). Jars handed out before it did (stock "sans lot") are not traced to a batch.
    pub recipients: Vec<Recipient>,
    /// Set once the batch is recalled.
    #[serde(default)]
    pub recall: Option<Recall>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    pub note: String,
}

impl Batch {
    pub fn jars_made(&self) -> u32 {
        self.jars.iter().map(|count| count.jars).sum()
    }

    /// Jars of a size not yet sent to a centre.
    pub fn jars_left(&self, jar_ml: u32) -> u32 {
        let made: u32 = self
            .jars
            .iter()
            .filter(|count| count.jar_ml == jar_ml)
            .map(|count| count.jars)
            .sum();
        let stocked: u32 = self
            .stocked
            .iter()
            .filter(|line| line.jar_ml == jar_ml)
            .map(|line| line.jars)
            .sum();
        made.saturating_sub(stocked)
    }
}

/// `POST /api/v1/batches/{id}/disposition` (staff): what became of a non-conforming batch's
/// jars, recorded once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum NewDisposition {
    Destroyed {
        #[serde(default)]
        note: String,
    },
    /// Processed again, as the batch numbered `batch_number`.
    Reprocessed {
        batch_number: String,
        #[serde(default)]
        note: String,
    },
}

/// What became of a non-conforming batch's jars, as recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Disposition {
    /// `Some((id, number))` of the batch they were reprocessed as; `None`: destroyed.
    pub reprocessed_as: Option<(i64, String)>,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// `POST /api/v1/batches/{id}/stock` (staff): conforming jars entering a centre's stock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct StockBatch {
    pub idempotency_key: String,
    pub centre_id: i64,
    pub jars: Vec<JarCount>,
}
