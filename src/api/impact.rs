//! The impact figures: what the project reports to its funders, by month over a period.
//! Public, except the breakdown by the producers' communes (staff: with one farm in a commune,
//! it would tell that farm's volumes).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::query::{self, ChartSize, FromQuery, QueryParameter, QueryValue};
use super::wallet::Period;
pub use crate::api::lots::ProduceTotal;
use crate::domain::impact::default_period;
use crate::domain::validation::FieldError;
use crate::domain::Lang;

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

/// `?du=&au=` of the impact figures: both days, or neither for the last twelve months.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImpactPeriod(pub Option<Period>);

impl ImpactPeriod {
    /// First and last day.
    pub fn days(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        match &self.0 {
            Some(period) => (period.du, period.au),
            None => default_period(today),
        }
    }
}

impl FromQuery for ImpactPeriod {
    fn parameters() -> Vec<QueryParameter> {
        vec![
            QueryParameter::optional("du", QueryValue::Date),
            QueryParameter::optional("au", QueryValue::Date),
        ]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        if query::named(pairs, "du").is_none() && query::named(pairs, "au").is_none() {
            return Ok(ImpactPeriod(None));
        }
        Ok(ImpactPeriod(Some(Period::from_query(pairs)?)))
    }
}

/// `GET /api/v1/impact/chart.svg?figure=kilos|bocaux|heures&du=&au=&lang=fr|en&taille=etroite`
#[derive(Clone, Debug, PartialEq)]
pub struct ImpactChart {
    pub figure: ImpactFigure,
    pub period: ImpactPeriod,
    pub lang: Lang,
    pub size: ChartSize,
}

impl FromQuery for ImpactChart {
    fn parameters() -> Vec<QueryParameter> {
        let figure = QueryValue::OneOf(ImpactFigure::ALL.map(ImpactFigure::code).to_vec());
        let lang = QueryValue::OneOf(Lang::ALL.map(Lang::code).to_vec());
        [
            vec![QueryParameter::required("figure", figure)],
            ImpactPeriod::parameters(),
            vec![QueryParameter::optional("lang", lang)],
            ChartSize::parameters(),
        ]
        .concat()
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let figure = query::named(pairs, "figure")
            .and_then(ImpactFigure::from_code)
            .ok_or_else(|| {
                FieldError::new("figure", "Graphique inconnu : kilos, bocaux ou heures.")
            })?;
        Ok(ImpactChart {
            figure,
            period: ImpactPeriod::from_query(pairs)?,
            lang: query::named(pairs, "lang")
                .and_then(Lang::from_code)
                .unwrap_or_default(),
            size: ChartSize::from_query(pairs)?,
        })
    }
}

/// A table of the impact page, as a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImpactTable {
    Months,
    Produce,
}

impl ImpactTable {
    pub const ALL: [ImpactTable; 2] = [ImpactTable::Months, ImpactTable::Produce];

    pub fn code(self) -> &'static str {
        match self {
            ImpactTable::Months => "mois",
            ImpactTable::Produce => "produits",
        }
    }

    pub fn from_code(code: &str) -> Option<ImpactTable> {
        ImpactTable::ALL
            .into_iter()
            .find(|table| table.code() == code)
    }
}

/// `GET /api/v1/exports/impact.csv?table=mois|produits&du=&au=`
#[derive(Clone, Debug, PartialEq)]
pub struct ImpactExport {
    pub table: ImpactTable,
    pub period: ImpactPeriod,
}

impl FromQuery for ImpactExport {
    fn parameters() -> Vec<QueryParameter> {
        let table = QueryValue::OneOf(ImpactTable::ALL.map(ImpactTable::code).to_vec());
        [
            vec![QueryParameter::required("table", table)],
            ImpactPeriod::parameters(),
        ]
        .concat()
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let table = query::named(pairs, "table")
            .and_then(ImpactTable::from_code)
            .ok_or_else(|| FieldError::new("table", "Tableau inconnu : mois ou produits."))?;
        Ok(ImpactExport {
            table,
            period: ImpactPeriod::from_query(pairs)?,
        })
    }
}
