//! The public calendar: which stop comes next, and upcoming stops grouped by week.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

use super::time::local_date;
use super::workshop::Workshop;

/// Where the truck will be next: the earliest stop that is not cancelled and not over yet.
/// A stop under way counts: a resident can still walk there.
pub fn next_stop(workshops: &[Workshop], now: DateTime<Utc>) -> Option<&Workshop> {
    workshops
        .iter()
        .filter(|w| !w.is_cancelled() && w.ends_at > now)
        .min_by_key(|w| (w.starts_at, w.id))
}

/// How a week is named, relative to today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekLabel {
    ThisWeek,
    NextWeek,
    /// A later (or earlier) week, named by its Monday.
    WeekOf(NaiveDate),
}

#[derive(Clone, Debug, PartialEq)]
pub struct WeekGroup {
    /// Monday of the week (weeks run Monday to Sunday, as in France).
    pub monday: NaiveDate,
    pub label: WeekLabel,
    pub workshops: Vec<Workshop>,
}

pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Groups workshops by the local (Paris) week they start in, in chronological order.
pub fn group_by_week(workshops: &[Workshop], today: NaiveDate) -> Vec<WeekGroup> {
    let mut sorted: Vec<&Workshop> = workshops.iter().collect();
    sorted.sort_by_key(|w| (w.starts_at, w.id));

    let this_monday = monday_of(today);
    let next_monday = this_monday + Days::new(7);
    let mut groups: Vec<WeekGroup> = Vec::new();
    for workshop in sorted {
        let monday = monday_of(local_date(workshop.starts_at));
        match groups.last_mut() {
            Some(group) if group.monday == monday => group.workshops.push(workshop.clone()),
            _ => groups.push(WeekGroup {
                monday,
                label: if monday == this_monday {
                    WeekLabel::ThisWeek
                } else if monday == next_monday {
                    WeekLabel::NextWeek
                } else {
                    WeekLabel::WeekOf(monday)
                },
                workshops: vec![workshop.clone()],
            }),
        }
    }
    groups
}

/// Where a list of the first `weeks` weeks holding a workshop stops: the Monday of the next
/// week that holds one, if any. `starts` are the workshops' starts, soonest first. Weeks
/// without a workshop do not count, so that "Voir plus" always shows more.
pub fn weeks_end(starts: &[DateTime<Utc>], weeks: u32) -> Option<NaiveDate> {
    let mut seen = 0;
    let mut last = None;
    for monday in starts.iter().map(|start| monday_of(local_date(*start))) {
        if last != Some(monday) {
            if seen == weeks {
                return Some(monday);
            }
            seen += 1;
            last = Some(monday);
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::workshop::{Place, WorkshopKind, WorkshopStatus};
    use chrono::TimeZone;

    /// A workshop at the given Paris local time, lasting `hours`.
    pub(crate) fn workshop_at(id: i64, y: i32, m: u32, d: u32, h: u32, hours: i64) -> Workshop {
        let starts_at = crate::domain::time::TIME_ZONE
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        Workshop {
            id,
            title: format!("Atelier {id}"),
            kind: WorkshopKind::Transformation,
            status: WorkshopStatus::Confirmed,
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(hours),
            place: Place {
                id: 0,
                name: "Place Jacquemart".into(),
                address: "Place Jacquemart".into(),
                postcode: "26100".into(),
                commune: "Romans-sur-Isère".into(),
                latitude: 45.0455,
                longitude: 5.0509,
            },
            centre: "Maison de quartier des Ors".into(),
            capacity: 12,
            centre_id: 0,
            signed_up: 0,
            waiting: 0,
            revision: 0,
            description: String::new(),
        }
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn next_stop_skips_cancelled_and_finished_but_keeps_the_one_under_way() {
        let mut cancelled = workshop_at(1, 2026, 12, 1, 9, 3);
        cancelled.status = WorkshopStatus::Cancelled;
        let finished = workshop_at(2, 2026, 11, 30, 9, 3);
        let under_way = workshop_at(3, 2026, 12, 1, 10, 4);
        let later = workshop_at(4, 2026, 12, 2, 14, 4);
        let list = vec![later.clone(), cancelled, finished, under_way.clone()];

        // 1 December 11:00 Paris = 10:00 UTC: workshop 3 is under way.
        assert_eq!(
            next_stop(&list, utc(2026, 12, 1, 10, 0)).map(|w| w.id),
            Some(3)
        );
        // 1 December 15:00 Paris: it is over, so the next one is workshop 4.
        assert_eq!(
            next_stop(&list, utc(2026, 12, 1, 14, 0)).map(|w| w.id),
            Some(4)
        );
        // After everything: none.
        assert_eq!(next_stop(&list, utc(2026, 12, 9, 0, 0)), None);
    }

    #[test]
    fn weeks_run_monday_to_sunday_in_paris_time() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(); // a Saturday
        let list = vec![
            workshop_at(1, 2026, 11, 29, 9, 2),  // Sunday: this week
            workshop_at(2, 2026, 11, 30, 0, 2),  // Monday 00:00 Paris (Sunday 23:00 UTC): next week
            workshop_at(3, 2026, 12, 6, 18, 2),  // Sunday: next week
            workshop_at(4, 2026, 12, 14, 14, 2), // the week of 14 December
            workshop_at(5, 2026, 12, 7, 9, 2),   // Monday after: week of 7 December
        ];
        let groups = group_by_week(&list, today);
        let summary: Vec<(WeekLabel, Vec<i64>)> = groups
            .iter()
            .map(|g| (g.label, g.workshops.iter().map(|w| w.id).collect()))
            .collect();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(
            summary,
            vec![
                (WeekLabel::ThisWeek, vec![1]),
                (WeekLabel::NextWeek, vec![2, 3]),
                (WeekLabel::WeekOf(day(7)), vec![5]),
                (WeekLabel::WeekOf(day(14)), vec![4]),
            ]
        );
    }

    #[test]
    fn a_page_of_weeks_counts_only_weeks_with_a_workshop() {
        let starts: Vec<DateTime<Utc>> = [
            workshop_at(1, 2026, 12, 2, 9, 2),  // week of 30 November
            workshop_at(2, 2026, 12, 6, 23, 1), // Sunday 23:00 Paris: still that week
            workshop_at(3, 2026, 12, 7, 0, 2),  // Monday 00:00 Paris (Sunday in UTC)
            // Two weeks without a workshop (Christmas), then:
            workshop_at(4, 2027, 1, 6, 9, 2),
            workshop_at(5, 2027, 1, 13, 9, 2),
        ]
        .iter()
        .map(|w| w.starts_at)
        .collect();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(weeks_end(&starts, 1), day(2026, 12, 7));
        // The empty weeks are skipped: the third week with a workshop is in January.
        assert_eq!(weeks_end(&starts, 2), day(2027, 1, 4));
        assert_eq!(weeks_end(&starts, 3), day(2027, 1, 11));
        // Every week fits: nothing more to show.
        assert_eq!(weeks_end(&starts, 4), None);
        assert_eq!(weeks_end(&[], 1), None);
    }

    #[test]
    fn monday_of_crosses_month_and_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(monday_of(d(2027, 1, 3)), d(2026, 12, 28));
        assert_eq!(monday_of(d(2026, 12, 28)), d(2026, 12, 28));
    }
}
