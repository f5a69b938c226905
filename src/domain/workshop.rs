//! Workshops (*ateliers*): where and when the truck stops, and what happens there.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lang::Lang;

/// What kind of stop the truck makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
pub struct Place {
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
    /// How many residents can take part.
    pub capacity: u32,
    pub description: String,
}

impl Workshop {
    pub fn is_cancelled(&self) -> bool {
        self.status == WorkshopStatus::Cancelled
    }

    pub fn is_under_way(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now && now < self.ends_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
