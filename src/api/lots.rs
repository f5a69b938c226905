//! The surplus marketplace: farmers' lots, the team's market view and collection round, lot
//! photos, and the public figure of what was rescued.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::produce::Produce;
use super::query::{self, FromQuery, QueryParameter, QueryValue};
use crate::domain::account::check_name;
use crate::domain::lot::{check_price, check_window, Grade, LotStatus, Price, Quantity};
use crate::domain::notify::Channel;
use crate::domain::validation::FieldError;

/// The largest photo a phone may send; a 20 MB file is refused before it is read in full.
pub const MAX_PHOTO_BYTES: usize = 12 * 1024 * 1024;
pub const MAX_PHOTOS_PER_LOT: usize = 3;
/// A lot's note to the team, in characters.
pub const MAX_LOT_NOTE_CHARS: usize = 500;
/// The longest side of a photo kept by the server (plenty to judge produce on a screen, about
/// 200 KB as JPEG): the phone shrinks a photo to it before sending, the server again after.
pub const PHOTO_MAX_SIDE: u32 = 1600;
/// The JPEG quality of a shrunk photo, on the phone (as 0.80) and on the server.
pub const PHOTO_JPEG_QUALITY: u8 = 80;

/// The size a `width` × `height` photo is sent at (fitted within `PHOTO_MAX_SIDE`, its shape
/// kept), or `None` when it already fits.
pub fn photo_size_to_send(width: u32, height: u32) -> Option<(u32, u32)> {
    let longest = width.max(height);
    if longest <= PHOTO_MAX_SIDE || width == 0 || height == 0 {
        return None;
    }
    let scaled = |side: u32| {
        let side = (u64::from(side) * u64::from(PHOTO_MAX_SIDE) + u64::from(longest) / 2)
            / u64::from(longest);
        (side as u32).max(1)
    };
    Some((scaled(width), scaled(height)))
}

/// `POST /api/v1/lots` (producer) and `PUT /api/v1/lots/{id}` (its farmer, while published).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LotDraft {
    pub produce: String,
    #[serde(default)]
    pub variety: String,
    pub quantity: Quantity,
    pub grade: Grade,
    pub pickup_address: String,
    pub pickup_commune: String,
    /// Keep this address as the farm's own, offered by default next time.
    #[serde(default)]
    pub save_as_farm_address: bool,
    pub available_from: NaiveDate,
    pub available_until: NaiveDate,
    pub price: Price,
    #[serde(default)]
    pub note: String,
    /// Photos uploaded first (`POST /api/v1/lot-photos`), in display order.
    #[serde(default)]
    pub photo_ids: Vec<i64>,
}

impl LotDraft {
    /// The draft trimmed and checked, or the first field at fault (in French). The server
    /// runs it on every save; the form runs it before sending.
    pub fn checked(&self, today: NaiveDate) -> Result<LotDraft, FieldError> {
        let optional = |field: &'static str, text: &str, max: usize| {
            let text = text.trim();
            if text.chars().count() > max {
                return Err(FieldError::new(field, format!("{max} caractères au plus.")));
            }
            Ok(text.to_string())
        };
        let produce = check_name("produce", &self.produce, 60)?;
        self.quantity.checked()?;
        let pickup_address = check_name("pickup_address", &self.pickup_address, 300)?;
        let pickup_commune = check_name("pickup_commune", &self.pickup_commune, 100)?;
        check_window(self.available_from, self.available_until, today)?;
        if self.photo_ids.len() > MAX_PHOTOS_PER_LOT {
            return Err(FieldError::new(
                "photos",
                format!("{MAX_PHOTOS_PER_LOT} photos au plus par lot."),
            ));
        }
        Ok(LotDraft {
            produce,
            variety: optional("variety", &self.variety, 60)?,
            quantity: self.quantity,
            grade: self.grade,
            pickup_address,
            pickup_commune,
            save_as_farm_address: self.save_as_farm_address,
            available_from: self.available_from,
            available_until: self.available_until,
            price: check_price(self.price)?,
            note: optional("note", &self.note, MAX_LOT_NOTE_CHARS)?,
            photo_ids: self.photo_ids.clone(),
        })
    }
}

/// A lot as its farmer and the team see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Lot {
    pub id: i64,
    pub produce: String,
    pub variety: String,
    pub quantity: Quantity,
    pub grade: Grade,
    pub pickup_address: String,
    pub pickup_commune: String,
    pub available_from: NaiveDate,
    pub available_until: NaiveDate,
    pub price: Price,
    pub note: String,
    pub status: LotStatus,
    pub photo_ids: Vec<i64>,
    pub reservation: Option<Reservation>,
    /// Weighed at collection.
    pub collected_grams: Option<u32>,
    /// Oldest first. Filled for a single lot and for the farmer's own list.
    pub history: Vec<LotEvent>,
    /// For the farmer: someone else changed this lot since they last looked.
    pub changed_since_seen: bool,
    /// Staff only: the farm and how to reach it. Never sent to anyone else.
    pub farm: Option<FarmContact>,
}

impl Lot {
    pub fn grams(&self) -> u64 {
        self.quantity.total_grams()
    }

    /// What its farmer may change, as the form edits it.
    pub fn as_draft(&self) -> LotDraft {
        LotDraft {
            produce: self.produce.clone(),
            variety: self.variety.clone(),
            quantity: self.quantity,
            grade: self.grade,
            pickup_address: self.pickup_address.clone(),
            pickup_commune: self.pickup_commune.clone(),
            save_as_farm_address: false,
            available_from: self.available_from,
            available_until: self.available_until,
            price: self.price,
            note: self.note.clone(),
            photo_ids: self.photo_ids.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Reservation {
    /// The day the truck picks it up.
    pub collect_on: NaiveDate,
    pub workshop: Option<WorkshopRef>,
    /// The animator who reserved it.
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct WorkshopRef {
    pub id: i64,
    pub title: String,
}

/// One step of a lot's life: the status it took, when, and a word on why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LotEvent {
    pub at: DateTime<Utc>,
    pub status: LotStatus,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct FarmContact {
    pub producer_id: i64,
    pub farm_name: String,
    pub contact_name: String,
    /// National format, digits only.
    pub phone: String,
}

/// `POST /api/v1/lots/{id}/actions`: a step of the lifecycle. Withdrawing is the farmer's;
/// the rest is the team's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum LotAction {
    Reserve {
        collect_on: NaiveDate,
        #[serde(default)]
        workshop_id: Option<i64>,
    },
    Release,
    Collect {
        grams: u32,
    },
    MarkProcessed,
    Withdraw,
}

impl LotAction {
    /// The status the lot takes.
    pub fn target(&self) -> LotStatus {
        match self {
            LotAction::Reserve { .. } => LotStatus::Reserved,
            LotAction::Release => LotStatus::Published,
            LotAction::Collect { .. } => LotStatus::Collected,
            LotAction::MarkProcessed => LotStatus::Processed,
            LotAction::Withdraw => LotStatus::Withdrawn,
        }
    }
}

/// `GET /api/v1/market` (staff): every lot on offer or reserved, soonest end of window first.
/// The page filters and totals them itself (`domain::market`), so filtering is instant.
pub type Market = Vec<Lot>;

/// `GET /api/v1/collection-round?day=YYYY-MM-DD` (staff): the lots to pick up that day, in
/// order of their pick-up windows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CollectionRound {
    pub day: NaiveDate,
    pub lots: Vec<Lot>,
}

pub const ROUND_DAY_PARAM: &str = "day";

/// `?day=` of the collection round; today without one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RoundDay {
    pub day: Option<NaiveDate>,
}

impl FromQuery for RoundDay {
    fn parameters() -> Vec<QueryParameter> {
        vec![QueryParameter::optional(ROUND_DAY_PARAM, QueryValue::Date)]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        Ok(RoundDay {
            day: query::date(pairs, ROUND_DAY_PARAM)?,
        })
    }
}

/// `GET /api/v1/me/farm` (producer): the default pick-up address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Farm {
    pub farm_name: String,
    pub address: String,
    pub commune: String,
    /// `sms`: the farm is told by SMS when it is approved and when its lots are reserved or
    /// collected.
    #[serde(default)]
    pub notify_by: Option<Channel>,
    /// The season's produce the lot form suggests (absent from answers stored by builds
    /// before the list was data: the form then suggests nothing and takes any name).
    #[serde(default)]
    pub produce: Vec<Produce>,
}

/// `PUT /api/v1/me/farm/notify-by` (producer): be told by SMS, or no longer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct FarmNotifyBy {
    pub notify_by: Option<Channel>,
}

/// `POST /api/v1/lot-photos` (producer): the photo's bytes as the body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct UploadedPhoto {
    pub id: i64,
    pub width: u32,
    pub height: u32,
}

/// `GET /api/v1/impact/rescued` (public): what the marketplace achieved this month, with no
/// farm named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Rescued {
    /// The first day of the month counted.
    pub month: NaiveDate,
    pub total_grams: u64,
    /// Heaviest first.
    pub by_produce: Vec<ProduceTotal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ProduceTotal {
    pub produce: String,
    pub grams: u64,
    pub lots: u32,
}

/// The market view's filters; empty fields filter nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarketFilter {
    pub produce: Option<String>,
    pub commune: Option<String>,
    pub grade: Option<Grade>,
    /// Only lots whose window ends by this day (the urgent ones).
    pub ends_by: Option<NaiveDate>,
}

impl MarketFilter {
    pub fn matches(&self, lot: &Lot) -> bool {
        let same = |wanted: &Option<String>, value: &str| {
            wanted
                .as_deref()
                .is_none_or(|wanted| fold(wanted) == fold(value))
        };
        same(&self.produce, &lot.produce)
            && same(&self.commune, &lot.pickup_commune)
            && self.grade.is_none_or(|grade| grade == lot.grade)
            && self.ends_by.is_none_or(|day| lot.available_until <= day)
    }
}

fn fold(text: &str) -> String {
    crate::domain::text::fold(text.trim())
}

/// Kilos per produce, counting "Pommes" and "pommes " as one.
#[derive(Clone, Debug, Default)]
pub struct ProduceTotals(Vec<ProduceTotal>);

impl ProduceTotals {
    pub fn add(&mut self, produce: &str, grams: u64) {
        let key = fold(produce);
        match self.0.iter_mut().find(|total| fold(&total.produce) == key) {
            Some(total) => {
                total.grams += grams;
                total.lots += 1;
            }
            None => self.0.push(ProduceTotal {
                produce: produce.trim().to_string(),
                grams,
                lots: 1,
            }),
        }
    }

    pub fn heaviest_first(mut self) -> Vec<ProduceTotal> {
        self.0
            .sort_by(|a, b| b.grams.cmp(&a.grams).then(a.produce.cmp(&b.produce)));
        self.0
    }
}

/// Kilos on offer per produce, heaviest first: the market view's summary.
pub fn totals_by_produce<'a>(lots: impl IntoIterator<Item = &'a Lot>) -> Vec<ProduceTotal> {
    let mut totals = ProduceTotals::default();
    for lot in lots {
        totals.add(&lot.produce, lot.grams());
    }
    totals.heaviest_first()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_sent_within_the_longest_side_the_server_keeps() {
        // A 12 MP phone photo, landscape and portrait.
        assert_eq!(photo_size_to_send(4000, 3000), Some((1600, 1200)));
        assert_eq!(photo_size_to_send(3024, 4032), Some((1200, 1600)));
        // Rounded to the nearest pixel, never to nothing.
        assert_eq!(photo_size_to_send(4000, 2667), Some((1600, 1067)));
        assert_eq!(photo_size_to_send(20_000, 3), Some((1600, 1)));
        // Already small enough: sent as it is.
        assert_eq!(photo_size_to_send(1600, 1200), None);
        assert_eq!(photo_size_to_send(800, 600), None);
        assert_eq!(photo_size_to_send(0, 0), None);
    }

    fn lot(produce: &str, commune: &str, grams: u32, until: &str) -> Lot {
        Lot {
            id: 1,
            produce: produce.into(),
            variety: String::new(),
            quantity: Quantity::Grams { grams },
            grade: Grade::HorsCalibre,
            pickup_address: "Chemin des Vergers".into(),
            pickup_commune: commune.into(),
            available_from: "2026-11-28".parse().unwrap(),
            available_until: until.parse().unwrap(),
            price: Price::Gift,
            note: String::new(),
            status: LotStatus::Published,
            photo_ids: vec![],
            reservation: None,
            collected_grams: None,
            history: vec![],
            changed_since_seen: false,
            farm: None,
        }
    }

    #[test]
    fn filters_ignore_accents_and_case_and_combine() {
        let lots = [
            lot("Pêches", "Mours-Saint-Eusèbe", 10_000, "2026-12-01"),
            lot("Tomates", "Romans-sur-Isère", 40_000, "2026-12-04"),
        ];
        let peaches = MarketFilter {
            produce: Some("peches".into()),
            ..MarketFilter::default()
        };
        assert!(peaches.matches(&lots[0]) && !peaches.matches(&lots[1]));
        let in_romans_soon = MarketFilter {
            commune: Some("romans-sur-isere".into()),
            ends_by: Some("2026-12-02".parse().unwrap()),
            ..MarketFilter::default()
        };
        assert!(!in_romans_soon.matches(&lots[1]));
        let wrong_grade = MarketFilter {
            grade: Some(Grade::Surplus),
            ..MarketFilter::default()
        };
        assert!(!wrong_grade.matches(&lots[0]));
        assert!(MarketFilter::default().matches(&lots[0]));
    }

    #[test]
    fn totals_add_up_per_produce_heaviest_first() {
        let lots = [
            lot("Pommes", "Peyrins", 25_000, "2026-12-01"),
            lot("Tomates", "Romans-sur-Isère", 40_000, "2026-12-04"),
            lot("pommes ", "Chatuzange-le-Goubet", 20_000, "2026-12-02"),
        ];
        let totals = totals_by_produce(&lots);
        assert_eq!(
            totals,
            vec![
                ProduceTotal {
                    produce: "Pommes".into(),
                    grams: 45_000,
                    lots: 2
                },
                ProduceTotal {
                    produce: "Tomates".into(),
                    grams: 40_000,
                    lots: 1
                },
            ]
        );
    }
}
