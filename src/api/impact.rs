//! The impact figures: what the project reports to its funders, by month over a period.
//! Public, except the breakdown by the producers' communes (staff: with one farm in a commune,
//! it would tell that farm's volumes).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::api::lots::ProduceTotal;

/// One month's figures, or the period's (`month` = "total").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Figures {
    /// `2026-11`, or `total`.
    pub month: String,
    /// Weighed at collection.
    pub rescued_grams: u64,
    /// In conforming batches.
    pub jars_produced: u64,
    /// Done, or confirmed and over.
    pub workshops_held: u32,
    /// Different people marked present at a workshop.
    pub participants: u32,
    /// Credited as tic-tac (attendance sheets and the counter), corrections included.
    pub volunteering_minutes: i64,
    /// Different farms whose lots were collected.
    pub producers: u32,
    /// Held by participants and centres at the end of the month (of the period).
    pub tictac_in_circulation: i64,
}

/// `GET /api/v1/impact?du=&au=` (public; without dates, the last twelve months).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Impact {
    pub du: NaiveDate,
    pub au: NaiveDate,
    pub months: Vec<Figures>,
    pub totals: Figures,
    pub rescued_by_produce: Vec<ProduceTotal>,
}

/// `GET /api/v1/impact/communes?du=&au=` (staff): kilos rescued by the farms' commune.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CommuneTotal {
    pub commune: String,
    pub grams: u64,
    pub producers: u32,
}

/// What a chart of the impact page draws (`?figure=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImpactFigure {
    Kilos,
    Jars,
    Hours,
}

impl ImpactFigure {
    pub const ALL: [ImpactFigure; 3] =
        [ImpactFigure::Kilos, ImpactFigure::Jars, ImpactFigure::Hours];

    pub fn code(self) -> &'static str {
        match self {
            ImpactFigure::Kilos => "kilos",
            ImpactFigure::Jars => "bocaux",
            ImpactFigure::Hours => "heures",
        }
    }

    pub fn from_code(code: &str) -> Option<ImpactFigure> {
        ImpactFigure::ALL
            .into_iter()
            .find(|figure| figure.code() == code)
    }

    /// The month's value, as the chart draws it.
    pub fn value(self, figures: &Figures) -> f64 {
        match self {
            ImpactFigure::Kilos => figures.rescued_grams as f64 / 1000.0,
            ImpactFigure::Jars => figures.jars_produced as f64,
            ImpactFigure::Hours => figures.volunteering_minutes as f64 / 60.0,
        }
    }
}
