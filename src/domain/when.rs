//! Dates and times the way a resident says them: "demain, 14 h – 18 h".
//!
//! Every phrase is computed in Paris local time, so "demain" is right at 23:59 and on the
//! nights the clocks change.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc, Weekday};

use super::calendar::WeekLabel;
use super::lang::Lang;
use super::time::{local, local_date};
use super::workshop::Workshop;

const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn weekday_name(lang: Lang, weekday: Weekday) -> &'static str {
    let index = weekday.num_days_from_monday() as usize;
    match lang {
        Lang::Fr => WEEKDAYS_FR[index],
        Lang::En => WEEKDAYS_EN[index],
    }
}

/// `month` is 1 to 12.
pub fn month_name(lang: Lang, month: u32) -> &'static str {
    let index = month as usize - 1;
    match lang {
        Lang::Fr => MONTHS_FR[index],
        Lang::En => MONTHS_EN[index],
    }
}

/// "12 décembre", "1er décembre" (French writes the first of the month as an ordinal), with the
/// year only when it is not the current one.
pub fn day_and_month(lang: Lang, today: NaiveDate, date: NaiveDate) -> String {
    let mut phrase = format!(
        "{} {}",
        day_of_month(lang, date),
        month_name(lang, date.month())
    );
    if date.year() != today.year() {
        phrase.push_str(&format!(" {}", date.year()));
    }
    phrase
}

/// "12", "1er" (French writes the first of the month as an ordinal).
pub fn day_of_month(lang: Lang, date: NaiveDate) -> String {
    match (lang, date.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, day) => day.to_string(),
    }
}

/// "samedi 12 décembre", with the year only when it is not the current one.
pub fn date_phrase(lang: Lang, today: NaiveDate, date: NaiveDate) -> String {
    format!(
        "{} {}",
        weekday_name(lang, date.weekday()),
        day_and_month(lang, today, date)
    )
}

/// "aujourd'hui", "demain", a weekday within the coming week, or a full date.
pub fn day_phrase(lang: Lang, today: NaiveDate, date: NaiveDate) -> String {
    let days_ahead = (date - today).num_days();
    match (lang, days_ahead) {
        (Lang::Fr, 0) => "aujourd'hui".into(),
        (Lang::En, 0) => "today".into(),
        (Lang::Fr, 1) => "demain".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (_, 2..=6) => weekday_name(lang, date.weekday()).into(),
        _ => date_phrase(lang, today, date),
    }
}

/// "14 h", "9 h 30" in French; "14:00", "9:30" in English. The French spaces are no-break
/// spaces, as French typography wants: "17 h 30" never splits across lines.
pub fn clock_phrase(lang: Lang, time: NaiveTime) -> String {
    match (lang, time.minute()) {
        (Lang::Fr, 0) => format!("{}\u{a0}h", time.hour()),
        (Lang::Fr, minute) => format!("{}\u{a0}h\u{a0}{minute:02}", time.hour()),
        (Lang::En, minute) => format!("{}:{minute:02}", time.hour()),
    }
}

/// When data shown offline was last read from the server: "28/11 à 14 h 05", "28/11 at 14:05".
pub fn stored_at_phrase(lang: Lang, stored_at: DateTime<Utc>) -> String {
    let stored_at = local(stored_at);
    let day = format!("{:02}/{:02}", stored_at.day(), stored_at.month());
    let clock = clock_phrase(lang, stored_at.time());
    match lang {
        Lang::Fr => format!("{day} à {clock}"),
        Lang::En => format!("{day} at {clock}"),
    }
}

/// "14 h – 18 h". The space before the dash does not break: a line may not start with it.
pub fn time_range_phrase(lang: Lang, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    format!(
        "{}\u{a0}– {}",
        clock_phrase(lang, local(starts_at).time()),
        clock_phrase(lang, local(ends_at).time())
    )
}

/// When a workshop happens, relative to now, as a day and hours: ("demain", "14 h – 18 h"), or
/// ("en ce moment", "jusqu'à 18 h") while it is under way.
pub fn when_parts(lang: Lang, now: DateTime<Utc>, workshop: &Workshop) -> (String, String) {
    if workshop.is_under_way(now) {
        let until = clock_phrase(lang, local(workshop.ends_at).time());
        return match lang {
            Lang::Fr => ("en ce moment".into(), format!("jusqu'à {until}")),
            Lang::En => ("now".into(), format!("until {until}")),
        };
    }
    (
        day_phrase(lang, local_date(now), local_date(workshop.starts_at)),
        time_range_phrase(lang, workshop.starts_at, workshop.ends_at),
    )
}

/// The same in one phrase: "demain, 14 h – 18 h".
pub fn when_phrase(lang: Lang, now: DateTime<Utc>, workshop: &Workshop) -> String {
    let (day, hours) = when_parts(lang, now, workshop);
    format!("{day}, {hours}")
}

/// "novembre 2026", "November 2026".
pub fn month_phrase(lang: Lang, date: NaiveDate) -> String {
    format!("{} {}", month_name(lang, date.month()), date.year())
}

/// The heading of a week in the calendar.
pub fn week_phrase(lang: Lang, today: NaiveDate, label: WeekLabel) -> String {
    match (lang, label) {
        (Lang::Fr, WeekLabel::ThisWeek) => "Cette semaine".into(),
        (Lang::En, WeekLabel::ThisWeek) => "This week".into(),
        (Lang::Fr, WeekLabel::NextWeek) => "Semaine prochaine".into(),
        (Lang::En, WeekLabel::NextWeek) => "Next week".into(),
        (lang, WeekLabel::WeekOf(monday)) => {
            let day = day_and_month(lang, today, monday);
            match lang {
                Lang::Fr => format!("Semaine du {day}"),
                Lang::En => format!("Week of {day}"),
            }
        }
    }
}

/// "29/11/2026", as the team's screens and labels write a day.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::tests::workshop_at;
    use chrono::TimeZone;

    /// The phrase with its no-break spaces shown as plain spaces, for readable expectations.
    fn when_phrase(lang: Lang, now: DateTime<Utc>, workshop: &Workshop) -> String {
        super::when_phrase(lang, now, workshop).replace('\u{a0}', " ")
    }

    fn time_range_phrase(lang: Lang, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
        super::time_range_phrase(lang, starts_at, ends_at).replace('\u{a0}', " ")
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn tomorrow_flips_at_paris_midnight_not_utc_midnight() {
        let workshop = workshop_at(1, 2026, 12, 2, 14, 4); // Wednesday 2 December, 14 h – 18 h
                                                           // 1 December 23:59 Paris = 22:59 UTC: tomorrow.
        assert_eq!(
            when_phrase(Lang::Fr, utc(2026, 12, 1, 22, 59), &workshop),
            "demain, 14 h – 18 h"
        );
        // 2 December 00:01 Paris = 1 December 23:01 UTC (still the 1st in UTC): today.
        assert_eq!(
            when_phrase(Lang::Fr, utc(2026, 12, 1, 23, 1), &workshop),
            "aujourd'hui, 14 h – 18 h"
        );
        assert_eq!(
            when_phrase(Lang::En, utc(2026, 12, 1, 23, 1), &workshop),
            "today, 14:00 – 18:00"
        );
    }

    #[test]
    fn stored_at_is_said_in_paris_time() {
        // 28 November 13:05 UTC is 14:05 in Paris (winter time).
        let stored_at = utc(2026, 11, 28, 13, 5);
        assert_eq!(
            stored_at_phrase(Lang::Fr, stored_at).replace('\u{a0}', " "),
            "28/11 à 14 h 05"
        );
        assert_eq!(stored_at_phrase(Lang::En, stored_at), "28/11 at 14:05");
        // 30 June 22:30 UTC is already 1 July in Paris (summer time).
        assert_eq!(
            stored_at_phrase(Lang::En, utc(2026, 6, 30, 22, 30)),
            "01/07 at 0:30"
        );
    }

    #[test]
    fn clocks_going_back_in_october() {
        // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET.
        let workshop = workshop_at(1, 2026, 10, 25, 10, 2);
        assert_eq!(workshop.starts_at, utc(2026, 10, 25, 9, 0)); // UTC+1 after the change
                                                                 // Saturday 24 October 23:30 CEST = 21:30 UTC.
        assert_eq!(
            when_phrase(Lang::Fr, utc(2026, 10, 24, 21, 30), &workshop),
            "demain, 10 h – 12 h"
        );
        // Saturday 24 October 23:30 UTC is already Sunday 01:30 in Paris.
        assert_eq!(
            when_phrase(Lang::Fr, utc(2026, 10, 24, 23, 30), &workshop),
            "aujourd'hui, 10 h – 12 h"
        );
    }

    #[test]
    fn clocks_going_forward_in_march() {
        // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST. A 01:00–04:00 slot lasts 2 hours.
        let starts_at = utc(2026, 3, 29, 0, 0); // 01:00 CET
        let mut workshop = workshop_at(1, 2026, 3, 29, 1, 2);
        assert_eq!(workshop.starts_at, starts_at);
        assert_eq!(
            time_range_phrase(Lang::Fr, workshop.starts_at, workshop.ends_at),
            "1 h – 4 h"
        );
        workshop.ends_at = utc(2026, 3, 29, 8, 30); // 10:30 CEST
        assert_eq!(
            when_phrase(Lang::Fr, utc(2026, 3, 28, 22, 59), &workshop),
            "demain, 1 h – 10 h 30"
        );
    }

    #[test]
    fn under_way_says_until_when() {
        let workshop = workshop_at(1, 2026, 12, 2, 14, 4);
        assert_eq!(
            when_phrase(Lang::Fr, utc(2026, 12, 2, 15, 0), &workshop),
            "en ce moment, jusqu'à 18 h"
        );
        let (day, hours) = when_parts(Lang::En, utc(2026, 12, 2, 15, 0), &workshop);
        assert_eq!((day.as_str(), hours.as_str()), ("now", "until 18:00"));
    }

    #[test]
    fn later_days_use_the_weekday_then_the_full_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(); // Saturday
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(day_phrase(Lang::Fr, today, d(2026, 12, 4)), "vendredi");
        assert_eq!(
            day_phrase(Lang::Fr, today, d(2026, 12, 5)),
            "samedi 5 décembre"
        );
        assert_eq!(
            day_phrase(Lang::Fr, today, d(2027, 1, 9)),
            "samedi 9 janvier 2027"
        );
        assert_eq!(
            day_phrase(Lang::En, today, d(2026, 12, 5)),
            "Saturday 5 December"
        );
    }

    #[test]
    fn week_headings() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        let monday = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(
            week_phrase(Lang::Fr, today, WeekLabel::WeekOf(monday)),
            "Semaine du 4 janvier 2027"
        );
        assert_eq!(
            week_phrase(Lang::En, today, WeekLabel::NextWeek),
            "Next week"
        );
    }

    #[test]
    fn minutes_are_spoken_in_french_style() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(clock_phrase(Lang::Fr, t(9, 5)), "9\u{a0}h\u{a0}05");
        assert_eq!(clock_phrase(Lang::Fr, t(0, 0)), "0\u{a0}h");
        assert_eq!(clock_phrase(Lang::En, t(9, 5)), "9:05");
    }
}
