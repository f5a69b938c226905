//! Stops that repeat ("Répéter"): every week or every two weeks, on chosen weekdays, until a
//! date at most a year after the first. Each occurrence becomes a workshop of its own; this
//! module only says on which days. Hours are Paris wall-clock hours, turned into instants day
//! by day, so a market at 8 h stays at 8 h across the clock changes of March and October.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::validation::FieldError;

/// How a new workshop repeats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Repeat {
    /// 1: every week; 2: every two weeks.
    pub every_weeks: u32,
    /// ISO weekdays, 1 (Monday) to 7 (Sunday). The first workshop's own day is always one.
    pub weekdays: Vec<u32>,
    /// The last day an occurrence may fall on, included.
    pub until: NaiveDate,
}

/// The last day a series starting on `first` may reach: one year later (a series started on
/// 29 February ends by 28 February).
pub fn last_allowed_day(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX)
}

/// The days of a series starting on `first`, in order, `first` included; or why the rule
/// cannot be used, in French.
pub fn occurrence_days(first: NaiveDate, repeat: &Repeat) -> Result<Vec<NaiveDate>, FieldError> {
    let refuse = |message: String| Err(FieldError::new("repeat", message));
    if !(1..=2).contains(&repeat.every_weeks) {
        return refuse("Répéter chaque semaine ou toutes les deux semaines.".into());
    }
    if repeat.weekdays.iter().any(|day| !(1..=7).contains(day)) {
        return refuse("Jours de la semaine : de 1 (lundi) à 7 (dimanche).".into());
    }
    if repeat.until <= first {
        return refuse("La date de fin vient après le premier atelier.".into());
    }
    let last = last_allowed_day(first);
    if repeat.until > last {
        return refuse(format!(
            "Une série dure un an au plus : jusqu'au {} au plus tard.",
            last.format("%d/%m/%Y")
        ));
    }
    let mut weekdays: Vec<u32> = repeat.weekdays.clone();
    weekdays.push(first.weekday().number_from_monday());
    weekdays.sort_unstable();
    weekdays.dedup();
    // Weeks counted from the Monday of the first workshop's week.
    let monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let step = Duration::weeks(i64::from(repeat.every_weeks));
    let mut days = Vec::new();
    let mut week = monday;
    while week <= repeat.until {
        for &weekday in &weekdays {
            let day = week + Duration::days(i64::from(weekday) - 1);
            if day >= first && day <= repeat.until {
                days.push(day);
            }
        }
        week += step;
    }
    Ok(days)
}

/// Editing "this one and the following" of a series: the occurrences (ids and days, in order)
/// from `from` on, each with the day it moves to when `from` moves to `new_day` (all by the
/// same number of days, usually none). They become a series of their own, headed by `from`;
/// the earlier ones stay as they were, in the series they had. Empty when `from` is not one;
/// refused when a day would move past the calendar's last.
pub fn following_days(
    occurrences: &[(i64, NaiveDate)],
    from: i64,
    new_day: NaiveDate,
) -> Result<Vec<(i64, NaiveDate)>, FieldError> {
    let Some(position) = occurrences.iter().position(|(id, _)| *id == from) else {
        return Ok(Vec::new());
    };
    let shift = new_day - occurrences[position].1;
    occurrences[position..]
        .iter()
        .map(|(id, day)| {
            day.checked_add_signed(shift)
                .map(|moved| (*id, moved))
                .ok_or_else(|| FieldError::new("date", "Cette date est trop lointaine."))
        })
        .collect()
}

/// A weekday's French name, for the editor ("lundi").
pub fn weekday_fr(iso: u32) -> &'static str {
    match Weekday::try_from(u8::try_from(iso.saturating_sub(1)).unwrap_or(7)) {
        Ok(Weekday::Mon) => "lundi",
        Ok(Weekday::Tue) => "mardi",
        Ok(Weekday::Wed) => "mercredi",
        Ok(Weekday::Thu) => "jeudi",
        Ok(Weekday::Fri) => "vendredi",
        Ok(Weekday::Sat) => "samedi",
        Ok(Weekday::Sun) => "dimanche",
        Err(_) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{local, local_instant};
    use chrono::Timelike;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn repeat(every_weeks: u32, weekdays: &[u32], until: NaiveDate) -> Repeat {
        Repeat {
            every_weeks,
            weekdays: weekdays.to_vec(),
            until,
        }
    }

    #[test]
    fn a_weekly_saturday_market_until_march() {
        // Saturday 5 December 2026, every Saturday until 27 March 2027.
        let days = occurrence_days(day(2026, 12, 5), &repeat(1, &[6], day(2027, 3, 27))).unwrap();
        assert_eq!(days.len(), 17);
        assert_eq!(days[0], day(2026, 12, 5));
        assert_eq!(days[16], day(2027, 3, 27));
        assert!(days.iter().all(|d| d.weekday() == Weekday::Sat));
    }

    #[test]
    fn every_two_weeks_on_two_days_from_the_first_week() {
        // Wednesday 2 December: that week's Wednesday and Friday, then every other week.
        let days =
            occurrence_days(day(2026, 12, 2), &repeat(2, &[3, 5], day(2026, 12, 31))).unwrap();
        assert_eq!(
            days,
            [
                day(2026, 12, 2),
                day(2026, 12, 4),
                day(2026, 12, 16),
                day(2026, 12, 18),
                day(2026, 12, 30)
            ]
        );
        // A weekday before the first one in its week is not back-dated; the first one's own
        // weekday is always a day of the series.
        let days = occurrence_days(day(2026, 12, 2), &repeat(1, &[1], day(2026, 12, 14))).unwrap();
        assert_eq!(
            days,
            [
                day(2026, 12, 2),
                day(2026, 12, 7),
                day(2026, 12, 9),
                day(2026, 12, 14)
            ]
        );
    }

    #[test]
    fn the_local_hour_holds_across_the_clock_changes() {
        // Every Sunday at 8 h from October 2026 to April 2027: clocks change on 25 October and
        // 28 March, and every occurrence still starts at 8 h in Paris.
        let days = occurrence_days(day(2026, 10, 18), &repeat(1, &[7], day(2027, 4, 4))).unwrap();
        for d in &days {
            let start = local_instant(*d, 8, 0).unwrap();
            assert_eq!(local(start).hour(), 8, "{d}");
        }
        let utc_hours: Vec<u32> = [day(2026, 10, 18), day(2026, 10, 25), day(2027, 3, 28)]
            .iter()
            .map(|d| local_instant(*d, 8, 0).unwrap().hour())
            .collect();
        assert_eq!(utc_hours, [6, 7, 6]);
    }

    #[test]
    fn a_series_lasts_a_year_at_most_even_from_29_february() {
        assert_eq!(last_allowed_day(day(2028, 2, 29)), day(2029, 2, 28));
        let refused = occurrence_days(day(2028, 2, 29), &repeat(1, &[2], day(2029, 3, 1)));
        assert!(refused.unwrap_err().message.contains("28/02/2029"));
        let days = occurrence_days(day(2028, 2, 29), &repeat(1, &[2], day(2029, 2, 28))).unwrap();
        assert_eq!(days.first(), Some(&day(2028, 2, 29)));
        assert_eq!(days.last(), Some(&day(2029, 2, 27)));
        // Every day of a year: the most a series can make.
        let most = occurrence_days(
            day(2026, 1, 1),
            &repeat(1, &[1, 2, 3, 4, 5, 6, 7], day(2027, 1, 1)),
        )
        .unwrap();
        assert_eq!(most.len(), 366);
    }

    #[test]
    fn editing_this_and_the_following_splits_the_series_there() {
        // Six Saturdays from 5 December; the third (19 December) and the later ones move to
        // Sunday: the first two are left out, the four others shift by one day.
        let days = occurrence_days(day(2026, 12, 5), &repeat(1, &[6], day(2027, 1, 9))).unwrap();
        let occurrences: Vec<(i64, NaiveDate)> = (10..).zip(days).collect();
        let moved = following_days(&occurrences, 12, day(2026, 12, 20)).unwrap();
        assert_eq!(
            moved,
            [
                (12, day(2026, 12, 20)),
                (13, day(2026, 12, 27)),
                (14, day(2027, 1, 3)),
                (15, day(2027, 1, 10))
            ]
        );
        // Staying on its day (a new hour or place): the same occurrences, on their own days.
        let kept = following_days(&occurrences, 14, day(2027, 1, 2)).unwrap();
        assert_eq!(kept, [(14, day(2027, 1, 2)), (15, day(2027, 1, 9))]);
        // The last one alone; a workshop not in the list, nothing.
        assert_eq!(
            following_days(&occurrences, 15, day(2027, 1, 9))
                .unwrap()
                .len(),
            1
        );
        assert!(following_days(&occurrences, 99, day(2027, 1, 9))
            .unwrap()
            .is_empty());
        // Moved to the calendar's last day, the later ones would fall beyond it: refused.
        let refused = following_days(&occurrences, 12, NaiveDate::MAX).unwrap_err();
        assert_eq!(refused.field, "date");
    }

    #[test]
    fn a_rule_that_cannot_be_used_is_refused_in_french() {
        let first = day(2026, 12, 5);
        for bad in [
            repeat(3, &[6], day(2027, 1, 1)),
            repeat(1, &[8], day(2027, 1, 1)),
            repeat(1, &[6], first),
        ] {
            let error = occurrence_days(first, &bad).unwrap_err();
            assert_eq!(error.field, "repeat");
        }
        assert_eq!(weekday_fr(1), "lundi");
        assert_eq!(weekday_fr(7), "dimanche");
    }
}
