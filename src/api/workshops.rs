//! Workshops: the public calendar and its filters, and the animators' editor (workshops and
//! saved places).

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::error::FieldError;
use super::query::{FromQuery, QueryParameter, QueryValue};
use crate::domain::recurrence::Repeat;
use crate::domain::{Workshop, WorkshopKind};

/// Query parameter names, shared by the API and the calendar page's URL.
pub mod param {
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
    pub const COMMUNE: &str = "commune";
    pub const KIND: &str = "kind";
    /// The organising centre's id.
    pub const CENTRE: &str = "centre";
    /// How many weeks with a workshop the list holds (the home page's pages).
    pub const WEEKS: &str = "weeks";
}

/// The weeks (with at least one workshop) the home page lists at first, and adds with each
/// "Voir plus": a phone reads the next stops, not the season.
pub const WEEKS_PER_PAGE: u32 = 4;
/// The most weeks one list may ask for: two years.
const WEEKS_MAX: u32 = 104;

/// Longest commune name we accept (the longest in France is 45 characters).
const COMMUNE_MAX_CHARS: usize = 100;

/// Filters of the calendar. All optional; with none, the list is every workshop not over yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkshopFilter {
    /// First local (Paris) day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last local day, inclusive.
    pub to: Option<NaiveDate>,
    pub commune: Option<String>,
    pub kind: Option<WorkshopKind>,
    /// The organising centre (a centre's own website lists its stops).
    pub centre: Option<i64>,
}

impl WorkshopFilter {
    /// Parses query pairs. Unknown names are ignored; an empty value means "no filter" (what an
    /// HTML form sends for "Toutes les communes"); a bad value is an error, in French.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self, FieldError>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut filter = WorkshopFilter::default();
        for (name, value) in pairs {
            let value = value.as_ref().trim();
            if value.is_empty() {
                continue;
            }
            match name.as_ref() {
                param::FROM => filter.from = Some(parse_date(param::FROM, value)?),
                param::TO => filter.to = Some(parse_date(param::TO, value)?),
                param::COMMUNE => {
                    if value.chars().count() > COMMUNE_MAX_CHARS {
                        return Err(FieldError {
                            field: param::COMMUNE,
                            message: format!(
                                "Le nom de commune est trop long ({COMMUNE_MAX_CHARS} caractères au plus)."
                            ),
                        });
                    }
                    filter.commune = Some(value.to_string());
                }
                param::KIND => {
                    filter.kind = Some(WorkshopKind::from_code(value).ok_or_else(|| {
                        let known: Vec<&str> = WorkshopKind::ALL.iter().map(|k| k.code()).collect();
                        FieldError {
                            field: param::KIND,
                            message: format!(
                                "Type d'atelier inconnu : « {value} ». Types possibles : {}.",
                                known.join(", ")
                            ),
                        }
                    })?)
                }
                param::CENTRE => {
                    filter.centre = Some(value.parse().map_err(|_| FieldError {
                        field: param::CENTRE,
                        message: "Centre attendu par son numéro.".into(),
                    })?)
                }
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if to < from {
                return Err(FieldError {
                    field: param::TO,
                    message: "La date de fin doit être le même jour que la date de début ou après."
                        .into(),
                });
            }
        }
        Ok(filter)
    }

    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        *self == WorkshopFilter::default()
    }

    /// The query pairs that `from_pairs` reads back.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(from) = self.from {
            pairs.push((param::FROM, from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push((param::TO, to.to_string()));
        }
        if let Some(commune) = &self.commune {
            pairs.push((param::COMMUNE, commune.clone()));
        }
        if let Some(kind) = self.kind {
            pairs.push((param::KIND, kind.code().to_string()));
        }
        if let Some(centre) = self.centre {
            pairs.push((param::CENTRE, centre.to_string()));
        }
        pairs
    }
}

impl FromQuery for WorkshopFilter {
    fn parameters() -> Vec<QueryParameter> {
        vec![
            QueryParameter::optional(param::FROM, QueryValue::Date),
            QueryParameter::optional(param::TO, QueryValue::Date),
            QueryParameter::optional(param::COMMUNE, QueryValue::Text),
            QueryParameter::optional(
                param::KIND,
                QueryValue::OneOf(WorkshopKind::ALL.map(WorkshopKind::code).to_vec()),
            ),
            QueryParameter::optional(param::CENTRE, QueryValue::Integer),
        ]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        WorkshopFilter::from_pairs(pairs.iter().map(|(name, value)| (name, value)))
    }
}

/// `GET /api/v1/workshops`: the filters, and how many weeks to list. Without `weeks`, every
/// matching workshop (filtered lists are short; the ICS feed and the exports read no pages).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkshopListQuery {
    pub filter: WorkshopFilter,
    /// The first this many weeks that hold a matching workshop (weeks run Monday to Sunday).
    pub weeks: Option<u32>,
}

impl WorkshopListQuery {
    /// The home page's list: the first `pages` × `WEEKS_PER_PAGE` weeks, unfiltered. The first
    /// page holds the next stop (the server's first HTML reads the same).
    pub fn home(pages: u32) -> Self {
        WorkshopListQuery {
            filter: WorkshopFilter::default(),
            weeks: Some(pages.max(1) * WEEKS_PER_PAGE),
        }
    }

    /// The query pairs that `from_query` reads back.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.filter.to_pairs();
        if let Some(weeks) = self.weeks {
            pairs.push((param::WEEKS, weeks.to_string()));
        }
        pairs
    }
}

/// Every workshop matching the filter, in one list (the team's screens).
impl From<WorkshopFilter> for WorkshopListQuery {
    fn from(filter: WorkshopFilter) -> Self {
        WorkshopListQuery {
            filter,
            weeks: None,
        }
    }
}

impl FromQuery for WorkshopListQuery {
    fn parameters() -> Vec<QueryParameter> {
        let mut parameters = WorkshopFilter::parameters();
        parameters.push(QueryParameter::optional(param::WEEKS, QueryValue::Integer));
        parameters
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let weeks = super::query::number_within(pairs, param::WEEKS, 1..=WEEKS_MAX, || {
            format!("Nombre de semaines invalide : de 1 à {WEEKS_MAX}.")
        })?;
        Ok(WorkshopListQuery {
            filter: WorkshopFilter::from_query(pairs)?,
            weeks,
        })
    }
}

/// Years a calendar filter may name: wide enough for any real question, narrow enough that
/// every day in it has a Paris midnight that chrono can compute.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn parse_date(field: &'static str, value: &str) -> Result<NaiveDate, FieldError> {
    // chrono's own reading of an ISO date (AAAA-MM-JJ), not `parse_from_str` with a format:
    // the calendar page reads its filters with this, and a format string brings chrono's
    // strftime parser into the home page's wasm.
    let date = value.parse::<NaiveDate>().map_err(|_| FieldError {
        field,
        message: format!(
            "Date invalide : « {value} ». Écrivez-la au format AAAA-MM-JJ, par exemple 2026-12-05."
        ),
    })?;
    if !YEARS.contains(&date.year()) {
        return Err(FieldError {
            field,
            message: format!(
                "Date hors limites : « {value} ». Choisissez une date entre {} et {}.",
                YEARS.start(),
                YEARS.end()
            ),
        });
    }
    Ok(date)
}

/// Response of `GET /api/v1/workshops`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct WorkshopList {
    /// Matching workshops, soonest first. Cancelled ones are included, marked as such.
    pub workshops: Vec<Workshop>,
    /// Every commune with an upcoming workshop, whatever the filter: the choices of the
    /// commune filter.
    pub communes: Vec<String>,
    /// When the list stops at its `weeks`: the Monday of the next week with a matching
    /// workshop, for "Voir plus". (Absent from answers stored by builds before paging.)
    #[serde(default)]
    pub more_from: Option<NaiveDate>,
}

/// `POST /api/v1/workshops` and `PUT /api/v1/workshops/{id}` (staff). Times are Paris wall-clock
/// times on `date`: the server turns them into instants, so daylight saving is handled once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct WorkshopDraft {
    pub title: String,
    pub kind: WorkshopKind,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub place: PlaceChoice,
    pub centre_id: i64,
    pub capacity: u32,
    #[serde(default)]
    pub description: String,
    /// On creation only: the workshop repeats, each occurrence a workshop of its own, all made
    /// in one transaction.
    #[serde(default)]
    pub repeat: Option<Repeat>,
}

/// Where a workshop happens: a saved place, or a new one that is saved with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum PlaceChoice {
    Saved { id: i64 },
    New(PlaceDraft),
}

/// `POST /api/v1/places`, `PUT /api/v1/places/{id}` (staff); also a new place in a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct PlaceDraft {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub commune: String,
    pub latitude: f64,
    pub longitude: f64,
}

impl PlaceDraft {
    /// Trimmed and checked: every field filled, a five-digit postcode, coordinates on Earth
    /// (and roughly in France, where the truck goes).
    pub fn checked(&self) -> Result<PlaceDraft, FieldError> {
        let text = |field: &'static str, value: &str, max: usize| {
            crate::domain::account::check_name(field, value, max)
        };
        let postcode = self.postcode.trim();
        if postcode.len() != 5 || !postcode.chars().all(|c| c.is_ascii_digit()) {
            return Err(FieldError::new(
                "postcode",
                "Code postal à 5 chiffres attendu.",
            ));
        }
        let in_france =
            (41.0..=51.5).contains(&self.latitude) && (-5.5..=10.0).contains(&self.longitude);
        if !in_france {
            return Err(FieldError::new(
                "latitude",
                "Coordonnées hors de France : vérifiez la latitude et la longitude.",
            ));
        }
        Ok(PlaceDraft {
            name: text("place_name", &self.name, 200)?,
            address: text("address", &self.address, 300)?,
            postcode: postcode.to_string(),
            commune: text("commune", &self.commune, 100)?,
            latitude: self.latitude,
            longitude: self.longitude,
        })
    }
}

/// The answer to saving a workshop. Overlapping workshops are allowed (two teams may share a
/// day) but flagged: there is one truck.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct SavedWorkshop {
    pub workshop: Workshop,
    pub overlaps: Vec<Workshop>,
    /// A repeated workshop's other occurrences, in order (empty when it does not repeat). In a
    /// preview, their ids are not kept.
    #[serde(default)]
    pub series: Vec<Workshop>,
}

/// `GET /api/v1/workshops/{id}/series` and the answer to cancelling from a date (staff): every
/// occurrence of the series, in order, with how many are signed up to each; only the workshop
/// itself when it does not repeat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Series {
    pub occurrences: Vec<Workshop>,
}

/// `POST /api/v1/workshops/{id}/status` (staff): confirm, cancel, or put back in the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct StatusChange {
    pub status: crate::domain::WorkshopStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_query_pairs() {
        let filter = WorkshopFilter {
            from: NaiveDate::from_ymd_opt(2026, 12, 1),
            to: NaiveDate::from_ymd_opt(2026, 12, 31),
            commune: Some("Bourg-de-Péage".into()),
            kind: Some(WorkshopKind::Marche),
            centre: Some(2),
        };
        assert_eq!(WorkshopFilter::from_pairs(filter.to_pairs()), Ok(filter));
    }

    #[test]
    fn empty_values_and_unknown_names_are_no_filter() {
        let filter = WorkshopFilter::from_pairs([("commune", ""), ("kind", " "), ("utm", "x")]);
        assert_eq!(filter, Ok(WorkshopFilter::default()));
    }

    #[test]
    fn bad_values_name_their_field_in_french() {
        let error = WorkshopFilter::from_pairs([("from", "05/12/2026")]).unwrap_err();
        assert_eq!(error.field, "from");
        assert!(error.message.contains("AAAA-MM-JJ"), "{}", error.message);

        let error = WorkshopFilter::from_pairs([("kind", "concert")]).unwrap_err();
        assert_eq!(error.field, "kind");
        assert!(error.message.contains("concert"), "{}", error.message);

        let error =
            WorkshopFilter::from_pairs([("from", "2026-12-10"), ("to", "2026-12-01")]).unwrap_err();
        assert_eq!(error.field, "to");

        let error = WorkshopFilter::from_pairs([("from", "-262143-01-01")]).unwrap_err();
        assert_eq!(error.field, "from");
        assert!(error.message.contains("hors limites"), "{}", error.message);

        let long = "x".repeat(101);
        let error = WorkshopFilter::from_pairs([("commune", long.as_str())]).unwrap_err();
        assert_eq!(error.field, "commune");
    }
}
