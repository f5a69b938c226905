//! The figures the project reports to its funders, month by month: what a month is (a Paris
//! calendar month, cut to the period asked for) and how one is named.

use chrono::{Datelike, Months, NaiveDate};

/// One month of a period: its name (`2026-11`) and its days, `first` to `until` (excluded).
/// The first and last months are cut to the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthSpan {
    pub month: String,
    pub first: NaiveDate,
    pub until: NaiveDate,
}

/// The months of `du..=au`, in order.
pub fn months_between(du: NaiveDate, au: NaiveDate) -> Vec<MonthSpan> {
    let mut months = Vec::new();
    let end = au.succ_opt().unwrap_or(au);
    let mut first = du;
    while first < end {
        let month_start = first.with_day(1).unwrap_or(first);
        let next = month_start
            .checked_add_months(Months::new(1))
            .unwrap_or(end)
            .min(end);
        months.push(MonthSpan {
            month: first.format("%Y-%m").to_string(),
            first,
            until: next,
        });
        first = next;
    }
    months
}

/// The usual abbreviations, for chart labels (full names are in `domain::when`).
const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The first day of a month named `2026-11`.
pub fn month_start(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}

/// `2026-11` → `nov.` (or `Nov`), under a chart's bar; anything else as it is.
pub fn short_month(month: &str, lang: super::Lang) -> String {
    match month_start(month) {
        Some(first) => {
            let names = match lang {
                super::Lang::Fr => &MONTHS_FR,
                super::Lang::En => &MONTHS_EN,
            };
            names[first.month0() as usize].to_string()
        }
        None => month.to_string(),
    }
}

/// The period shown when none is asked for: the twelve months up to `today`'s.
pub fn default_period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let this_month = today.with_day(1).unwrap_or(today);
    let first = this_month
        .checked_sub_months(Months::new(11))
        .unwrap_or(this_month);
    (first, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_period_is_cut_into_calendar_months() {
        let months = months_between(day("2026-10-15"), day("2026-12-03"));
        let spans: Vec<(&str, String, String)> = months
            .iter()
            .map(|m| (m.month.as_str(), m.first.to_string(), m.until.to_string()))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("2026-10", "2026-10-15".into(), "2026-11-01".into()),
                ("2026-11", "2026-11-01".into(), "2026-12-01".into()),
                ("2026-12", "2026-12-01".into(), "2026-12-04".into()),
            ]
        );
        assert_eq!(
            months_between(day("2026-11-28"), day("2026-11-28")).len(),
            1
        );
        assert!(months_between(day("2026-11-28"), day("2026-11-27")).is_empty());
    }

    #[test]
    fn months_are_named_in_both_languages_and_the_default_is_a_year() {
        assert_eq!(short_month("2026-02", Lang::Fr), "févr.");
        assert_eq!(short_month("2026-08", Lang::En), "Aug");
        assert_eq!(short_month("total", Lang::Fr), "total");
        assert_eq!(month_start("2026-02"), Some(day("2026-02-01")));
        assert_eq!(
            default_period(day("2026-11-29")),
            (day("2025-12-01"), day("2026-11-29"))
        );
        assert_eq!(
            months_between(day("2025-12-01"), day("2026-11-29")).len(),
            12
        );
    }
}
