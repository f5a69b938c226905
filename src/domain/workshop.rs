//! Workshops (*ateliers*): where and when the truck stops, and what happens there.

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::lang::Lang;
use super::time::local_instant;
use super::validation::FieldError;

/// What kind of stop the truck makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkshopKind {
    /// Residents cook and can produce together.
    Transformation,
    /// Awareness session: food waste, seasons, local farms.
    Sensibilisation,
    /// The truck at a market: tastings and jars.
    Marche,
    /// Custom processing of a farmer's own produce (*prestation à façon*).
    Prestation,
}

impl WorkshopKind {
    pub const ALL: [WorkshopKind; 4] = [
        WorkshopKind::Transformation,
        WorkshopKind::Sensibilisation,
        WorkshopKind::Marche,
        WorkshopKind::Prestation,
    ];

    /// The stable name used in URLs, the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            WorkshopKind::Transformation => "transformation",
            WorkshopKind::Sensibilisation => "sensibilisation",
            WorkshopKind::Marche => "marche",
            WorkshopKind::Prestation => "prestation",
        }
    }

    pub fn from_code(code: &str) -> Option<WorkshopKind> {
        WorkshopKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    /// What people call it: shown in the app and in calendar feeds.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (WorkshopKind::Transformation, Lang::Fr) => "Atelier cuisine",
            (WorkshopKind::Transformation, Lang::En) => "Cooking workshop",
            (WorkshopKind::Sensibilisation, Lang::Fr) => "Sensibilisation",
            (WorkshopKind::Sensibilisation, Lang::En) => "Awareness",
            (WorkshopKind::Marche, Lang::Fr) => "Marché",
            (WorkshopKind::Marche, Lang::En) => "Market",
            (WorkshopKind::Prestation, Lang::Fr) => "Prestation à façon",
            (WorkshopKind::Prestation, Lang::En) => "Custom processing",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkshopStatus {
    Planned,
    Confirmed,
    Cancelled,
    Done,
}

impl WorkshopStatus {
    pub const ALL: [WorkshopStatus; 4] = [
        WorkshopStatus::Planned,
        WorkshopStatus::Confirmed,
        WorkshopStatus::Cancelled,
        WorkshopStatus::Done,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WorkshopStatus::Planned => "planned",
            WorkshopStatus::Confirmed => "confirmed",
            WorkshopStatus::Cancelled => "cancelled",
            WorkshopStatus::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<WorkshopStatus> {
        WorkshopStatus::ALL
            .into_iter()
            .find(|status| status.code() == code)
    }
}

/// A named place where the truck parks: a market, a square, a social centre.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Place {
    /// 0 for a place not saved yet (demo and test seeds).
    #[serde(default)]
    pub id: i64,
    pub name: String,
    /// Street address, without postcode and commune.
    pub address: String,
    pub postcode: String,
    pub commune: String,
    /// WGS 84 degrees.
    pub latitude: f64,
    pub longitude: f64,
}

impl Place {
    /// "Place Jacquemart, 26100 Romans-sur-Isère": what a map app or a calendar searches for.
    pub fn postal_address(&self) -> String {
        format!("{}, {} {}", self.address, self.postcode, self.commune)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Workshop {
    pub id: i64,
    pub title: String,
    pub kind: WorkshopKind,
    pub status: WorkshopStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Place,
    /// The social centre that runs it.
    pub centre: String,
    /// 0 in seeds, where the centre is found by name.
    #[serde(default)]
    pub centre_id: i64,
    /// How many residents can take part.
    pub capacity: u32,
    /// Live (not cancelled) sign-ups that hold a place.
    #[serde(default)]
    pub signed_up: u32,
    /// Live sign-ups in its waiting list, for a place that frees.
    #[serde(default)]
    pub waiting: u32,
    /// How many times it was edited or changed status (iCalendar's SEQUENCE).
    #[serde(default)]
    pub revision: u32,
    pub description: String,
}

impl Workshop {
    pub fn is_cancelled(&self) -> bool {
        self.status == WorkshopStatus::Cancelled
    }

    pub fn is_under_way(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now && now < self.ends_at
    }

    /// Whether those signed up must be told: its day, hours or place changed since `before`.
    /// To the minute: the editor writes hours and minutes, and that is what people read.
    pub fn is_moved_from(&self, before: &Workshop) -> bool {
        let minute = |instant: DateTime<Utc>| instant.timestamp().div_euclid(60);
        minute(self.starts_at) != minute(before.starts_at)
            || minute(self.ends_at) != minute(before.ends_at)
            || self.place.id != before.place.id
    }

    pub fn places_left(&self) -> u32 {
        self.capacity.saturating_sub(self.signed_up)
    }

    /// Residents may sign up until it ends, unless it is cancelled or over.
    pub fn accepts_signups(&self, now: DateTime<Utc>) -> bool {
        matches!(
            self.status,
            WorkshopStatus::Planned | WorkshopStatus::Confirmed
        ) && now < self.ends_at
    }

    /// Whether two workshops need the (single) truck at the same time.
    pub fn overlaps(&self, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> bool {
        !self.is_cancelled() && self.starts_at < ends_at && starts_at < self.ends_at
    }
}

impl WorkshopStatus {
    /// The changes an animator may make: confirm a planned workshop, cancel one that has not
    /// happened, put a cancelled one back in the plan.
    pub fn can_become(self, next: WorkshopStatus) -> bool {
        use WorkshopStatus::*;
        matches!(
            (self, next),
            (Planned, Confirmed)
                | (Planned, Cancelled)
                | (Confirmed, Cancelled)
                | (Cancelled, Planned)
        )
    }
}

/// Most residents a workshop can take: the truck's kitchen is small.
pub const MAX_CAPACITY: u32 = 200;

/// A workshop lies within one local day (`check_schedule`), so it lasts less than the longest
/// day: 25 hours, when the clocks go back. One not over at a moment started less than this
/// before it, which lets the calendar's query read only recent workshops.
pub const LONGEST_WORKSHOP_HOURS: i64 = 25;

/// A workshop's day and Paris wall-clock times, checked and turned into instants: the end after
/// the start, both hours real that day (not in the hour skipped in spring), and not in the past,
/// unless it is `stored_start`: an existing workshop that stays put may be edited afterwards.
pub fn check_schedule(
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    now: DateTime<Utc>,
    stored_start: Option<DateTime<Utc>>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), FieldError> {
    let instant = |field, time: NaiveTime| {
        local_instant(date, time.hour(), time.minute()).ok_or_else(|| {
            FieldError::new(
                field,
                "Cette heure n'existe pas ce jour-là (passage à l'heure d'été).",
            )
        })
    };
    let starts_at = instant("start", start)?;
    let ends_at = instant("end", end)?;
    if ends_at <= starts_at {
        return Err(FieldError::new(
            "end",
            "L'heure de fin doit venir après l'heure de début.",
        ));
    }
    if starts_at <= now && stored_start != Some(starts_at) {
        return Err(FieldError::new(
            "date",
            "Cette date est passée : choisissez un jour et une heure à venir.",
        ));
    }
    Ok((starts_at, ends_at))
}

pub fn check_capacity(capacity: u32) -> Result<u32, FieldError> {
    if capacity == 0 || capacity > MAX_CAPACITY {
        return Err(FieldError::new(
            "capacity",
            format!("Indiquez un nombre de places entre 1 et {MAX_CAPACITY}."),
        ));
    }
    Ok(capacity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workshop_is_moved_by_its_day_hours_or_place_not_by_its_words() {
        let before = crate::domain::calendar::tests::workshop_at(1, 2026, 12, 12, 14, 3);
        let mut after = before.clone();
        after.description = "Apportez un tablier.".into();
        after.capacity = 20;
        after.starts_at += chrono::Duration::milliseconds(400);
        assert!(!after.is_moved_from(&before));
        after.ends_at += chrono::Duration::minutes(30);
        assert!(after.is_moved_from(&before));
        let mut elsewhere = before.clone();
        elsewhere.place.id = 7;
        assert!(elsewhere.is_moved_from(&before));
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for kind in WorkshopKind::ALL {
            assert_eq!(WorkshopKind::from_code(kind.code()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
        }
        for status in WorkshopStatus::ALL {
            assert_eq!(WorkshopStatus::from_code(status.code()), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
        }
        assert_eq!(WorkshopKind::from_code("Marche"), None);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn schedules_are_paris_times_ending_after_they_start() {
        let now = utc("2026-11-28T12:00:00Z");
        let (starts, ends) =
            check_schedule(day(2026, 12, 2), hm(14, 0), hm(17, 30), now, None).unwrap();
        assert_eq!(starts, utc("2026-12-02T13:00:00Z"));
        assert_eq!(ends, utc("2026-12-02T16:30:00Z"));

        let error = check_schedule(day(2026, 12, 2), hm(14, 0), hm(14, 0), now, None).unwrap_err();
        assert_eq!(error.field, "end");
        let error = check_schedule(day(2026, 11, 28), hm(9, 0), hm(11, 0), now, None).unwrap_err();
        assert_eq!(error.field, "date");
        // An existing workshop that stays where it was in the past may still be edited...
        let stored = Some(utc("2026-11-28T08:00:00Z"));
        assert!(check_schedule(day(2026, 11, 28), hm(9, 0), hm(11, 0), now, stored).is_ok());
        // ...but not moved to another past time.
        assert!(check_schedule(day(2026, 11, 28), hm(10, 0), hm(11, 0), now, stored).is_err());
        // 2027-03-28: clocks go from 02:00 to 03:00 in Paris.
        let error = check_schedule(day(2027, 3, 28), hm(2, 30), hm(4, 0), now, None).unwrap_err();
        assert_eq!(error.field, "start");
    }

    #[test]
    fn capacity_is_positive_and_bounded() {
        assert!(check_capacity(0).is_err());
        assert_eq!(check_capacity(12), Ok(12));
        assert!(check_capacity(MAX_CAPACITY + 1).is_err());
    }

    #[test]
    fn only_planned_work_can_be_confirmed_and_cancelled_work_restored() {
        use WorkshopStatus::*;
        assert!(Planned.can_become(Confirmed));
        assert!(Confirmed.can_become(Cancelled));
        assert!(Cancelled.can_become(Planned));
        assert!(!Cancelled.can_become(Confirmed));
        assert!(!Done.can_become(Cancelled));
        assert!(!Confirmed.can_become(Confirmed));
    }

    #[test]
    fn cancelled_workshops_do_not_need_the_truck() {
        let mut workshop = crate::domain::calendar::tests::workshop_at(1, 2026, 12, 2, 14, 3);
        let (from, to) = (utc("2026-12-02T15:00:00Z"), utc("2026-12-02T18:00:00Z"));
        assert!(workshop.overlaps(from, to));
        assert!(!workshop.overlaps(utc("2026-12-02T16:00:00Z"), to));
        workshop.status = WorkshopStatus::Cancelled;
        assert!(!workshop.overlaps(from, to));
    }
}
