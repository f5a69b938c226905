//! The cannery lives in one time zone: every date a person reads is a date in Romans-sur-Isère.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use chrono_tz::Tz;

pub const TIME_ZONE: Tz = Paris;
/// IANA name, for iCalendar's TZID.
pub const TIME_ZONE_NAME: &str = "Europe/Paris";

pub fn local(instant: DateTime<Utc>) -> DateTime<Tz> {
    instant.with_timezone(&TIME_ZONE)
}

pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    local(instant).date_naive()
}

/// A local wall-clock time in Paris, as an instant. `None` for the hour skipped when clocks go
/// forward; the earlier of the two when they go back.
pub fn local_instant(date: NaiveDate, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    let wall_clock = date.and_hms_opt(hour, minute, 0)?;
    TIME_ZONE
        .from_local_datetime(&wall_clock)
        .earliest()
        .map(|instant| instant.with_timezone(&Utc))
}

/// The first instant of a local calendar day. Midnight exists every day in Paris (DST changes
/// happen at 02:00 and 03:00), so `earliest` always finds it.
pub fn start_of_local_day(date: NaiveDate) -> DateTime<Utc> {
    local_instant(date, 0, 0).expect("midnight exists in Europe/Paris")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_day_follows_paris_not_utc() {
        // 23:30 UTC on 30 November is already 1 December in Paris (UTC+1 in winter).
        let instant = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        assert_eq!(
            local_date(instant),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
    }

    #[test]
    fn the_skipped_hour_has_no_instant() {
        let change = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(local_instant(change, 2, 30), None);
        assert_eq!(
            local_instant(change, 3, 0),
            Some(Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap())
        );
    }

    #[test]
    fn start_of_day_uses_the_offset_of_that_day() {
        let summer = start_of_local_day(NaiveDate::from_ymd_opt(2026, 7, 14).unwrap());
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 7, 13, 22, 0, 0).unwrap());
        let winter = start_of_local_day(NaiveDate::from_ymd_opt(2026, 12, 25).unwrap());
        assert_eq!(
            winter,
            Utc.with_ymd_and_hms(2026, 12, 24, 23, 0, 0).unwrap()
        );
    }
}
