//! Filters read from a query string (`?du=2026-01-01&au=2026-12-31`). Each filter type reads its
//! own names and says which they are, so the server's OpenAPI description lists exactly what
//! the handler reads, and the fuzzer tries hostile values on each.

use std::str::FromStr;

use chrono::NaiveDate;

use crate::domain::validation::FieldError;

/// A filter read from a query string's pairs: unknown names are ignored, a bad value is an
/// error naming its field.
pub trait FromQuery: Sized {
    /// Every name it reads, with what each holds.
    fn parameters() -> Vec<QueryParameter>;

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError>;
}

/// One name of a query string.
#[derive(Clone, Debug)]
pub struct QueryParameter {
    pub name: &'static str,
    pub value: QueryValue,
    pub required: bool,
}

/// What a query parameter holds.
#[derive(Clone, Debug)]
pub enum QueryValue {
    /// A day, `AAAA-MM-JJ`.
    Date,
    Integer,
    Text,
    /// One of these codes.
    OneOf(Vec<&'static str>),
}

impl QueryParameter {
    pub fn optional(name: &'static str, value: QueryValue) -> Self {
        QueryParameter {
            name,
            value,
            required: false,
        }
    }

    pub fn required(name: &'static str, value: QueryValue) -> Self {
        QueryParameter {
            name,
            value,
            required: true,
        }
    }
}

/// The size of a chart drawn by the server (`?taille=etroite` for a phone).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartSize {
    pub narrow: bool,
}

impl ChartSize {
    pub const PARAM: &'static str = "taille";
    pub const NARROW: &'static str = "etroite";

    /// The query pair that asks for the narrow chart, for the pages' `<source>`.
    pub fn narrow_pair() -> String {
        format!("{}={}", ChartSize::PARAM, ChartSize::NARROW)
    }
}

impl FromQuery for ChartSize {
    fn parameters() -> Vec<QueryParameter> {
        vec![QueryParameter::optional(
            ChartSize::PARAM,
            QueryValue::OneOf(vec![ChartSize::NARROW]),
        )]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        Ok(ChartSize {
            narrow: named(pairs, ChartSize::PARAM) == Some(ChartSize::NARROW),
        })
    }
}

/// The value of `name`: the first one given, trimmed; `None` when absent or empty (what an HTML
/// form sends for "all").
pub fn named<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// The value of `name` read as a `T`; `message` when it is not one.
pub fn parsed<T: FromStr>(
    pairs: &[(String, String)],
    name: &'static str,
    message: &'static str,
) -> Result<Option<T>, FieldError> {
    named(pairs, name)
        .map(|value| value.parse().map_err(|_| FieldError::new(name, message)))
        .transpose()
}

/// The value of `name` as a whole number within `range`; `message` when it is not one.
pub fn number_within(
    pairs: &[(String, String)],
    name: &'static str,
    range: std::ops::RangeInclusive<u32>,
    message: impl FnOnce() -> String,
) -> Result<Option<u32>, FieldError> {
    named(pairs, name)
        .map(|value| match value.parse::<u32>() {
            Ok(number) if range.contains(&number) => Ok(number),
            _ => Err(FieldError::new(name, message())),
        })
        .transpose()
}

pub fn date(
    pairs: &[(String, String)],
    name: &'static str,
) -> Result<Option<NaiveDate>, FieldError> {
    parsed(pairs, name, "Date attendue au format AAAA-MM-JJ.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn a_value_is_the_first_given_trimmed_and_empty_is_absent() {
        let query = pairs(&[("q", " pomme "), ("q", "poire"), ("vide", " ")]);
        assert_eq!(named(&query, "q"), Some("pomme"));
        assert_eq!(named(&query, "vide"), None);
        assert_eq!(named(&query, "absent"), None);
    }

    #[test]
    fn the_pages_narrow_chart_pair_reads_back_as_narrow() {
        let pair = ChartSize::narrow_pair();
        let (name, value) = pair.split_once('=').unwrap();
        assert!(
            ChartSize::from_query(&pairs(&[(name, value)]))
                .unwrap()
                .narrow
        );
        assert!(
            !ChartSize::from_query(&pairs(&[(name, "large")]))
                .unwrap()
                .narrow
        );
    }

    #[test]
    fn a_bad_date_or_number_names_its_field() {
        let query = pairs(&[("jour", "2026-02-30"), ("lot", "12a"), ("du", "2026-02-28")]);
        assert_eq!(date(&query, "jour").unwrap_err().field, "jour");
        assert_eq!(
            parsed::<i64>(&query, "lot", "Lot ?").unwrap_err().field,
            "lot"
        );
        assert_eq!(date(&query, "du"), Ok(NaiveDate::from_ymd_opt(2026, 2, 28)));
        assert_eq!(date(&query, "au"), Ok(None));
    }
}
