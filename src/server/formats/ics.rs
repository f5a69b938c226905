//! iCalendar (RFC 5545) feeds of the workshops, for phone calendars to import or subscribe to.

use chrono::{DateTime, Utc};

use crate::api::operator::Operator;
use crate::domain::time::{local, TIME_ZONE_NAME};
// The feed is French, like the calendar it mirrors.
use crate::domain::{Lang, Workshop, WorkshopStatus};

pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// Europe/Paris since 1996: last Sunday of March 02:00 -> CEST, last Sunday of October
/// 03:00 -> CET. Calendars need it to read the local times of TZID-qualified events.
const VTIMEZONE_PARIS: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A whole VCALENDAR with one VEVENT per workshop, organised by `operator` (once configured).
/// `now` is the DTSTAMP.
pub fn calendar(
    name: &str,
    workshops: &[Workshop],
    operator: &Operator,
    now: DateTime<Utc>,
) -> String {
    let mut ics = Ics::default();
    ics.line("BEGIN:VCALENDAR");
    ics.line("VERSION:2.0");
    ics.line("PRODID:-//Bocal//Conserverie mobile et solidaire//FR");
    ics.line("CALSCALE:GREGORIAN");
    ics.line("METHOD:PUBLISH");
    ics.line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    ics.line(&format!("X-WR-TIMEZONE:{TIME_ZONE_NAME}"));
    // Ask subscribed calendars to refresh twice a day.
    ics.line("REFRESH-INTERVAL;VALUE=DURATION:PT12H");
    ics.line("X-PUBLISHED-TTL:PT12H");
    for line in VTIMEZONE_PARIS {
        ics.line(line);
    }
    let organiser = operator.configured.then(|| organiser(operator));
    for workshop in workshops {
        event(&mut ics, workshop, organiser.as_deref(), now);
    }
    ics.line("END:VCALENDAR");
    ics.text
}

/// `ORGANIZER;CN="name":mailto:address`: the CN is a quoted parameter value, which may hold
/// anything but a double quote (RFC 5545, 3.1).
fn organiser(operator: &Operator) -> String {
    let name: String = operator
        .name
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("ORGANIZER;CN=\"{name}\":mailto:{}", operator.email.trim())
}

fn event(ics: &mut Ics, workshop: &Workshop, organiser: Option<&str>, now: DateTime<Utc>) {
    let place = &workshop.place;
    ics.line("BEGIN:VEVENT");
    // Stable across feeds and edits, so calendars update the event instead of adding a copy.
    ics.line(&format!("UID:atelier-{}@bocal", workshop.id));
    ics.line(&format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")));
    // Each edit or status change counts, so a calendar that imported it takes the new version.
    ics.line(&format!("SEQUENCE:{}", workshop.revision));
    ics.line(&format!(
        "DTSTART;TZID={TIME_ZONE_NAME}:{}",
        local_stamp(workshop.starts_at)
    ));
    ics.line(&format!(
        "DTEND;TZID={TIME_ZONE_NAME}:{}",
        local_stamp(workshop.ends_at)
    ));
    ics.line(&format!("SUMMARY:{}", escape_text(&workshop.title)));
    ics.line(&format!(
        "LOCATION:{}",
        escape_text(&format!("{}, {}", place.name, place.postal_address()))
    ));
    ics.line(&format!("GEO:{:.6};{:.6}", place.latitude, place.longitude));
    ics.line(&format!("STATUS:{}", status(workshop.status)));
    ics.line(&format!(
        "CATEGORIES:{}",
        escape_text(workshop.kind.label(Lang::Fr))
    ));
    let mut description = workshop.description.clone();
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&format!("Organisé par : {}", workshop.centre));
    ics.line(&format!("DESCRIPTION:{}", escape_text(&description)));
    if let Some(organiser) = organiser {
        ics.line(organiser);
    }
    ics.line("END:VEVENT");
}

fn status(status: WorkshopStatus) -> &'static str {
    match status {
        WorkshopStatus::Planned => "TENTATIVE",
        WorkshopStatus::Confirmed | WorkshopStatus::Done => "CONFIRMED",
        WorkshopStatus::Cancelled => "CANCELLED",
    }
}

fn local_stamp(instant: DateTime<Utc>) -> String {
    local(instant).format("%Y%m%dT%H%M%S").to_string()
}

/// TEXT values escape backslash, semicolon, comma and newline (RFC 5545, 3.3.11).
fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Content lines end with CRLF and are folded so no line exceeds 75 octets, never inside a
/// UTF-8 character (RFC 5545, 3.1).
#[derive(Default)]
struct Ics {
    text: String,
}

impl Ics {
    const MAX_OCTETS: usize = 75;

    fn line(&mut self, content: &str) {
        let mut octets_on_line = 0;
        for c in content.chars() {
            if octets_on_line + c.len_utf8() > Self::MAX_OCTETS {
                self.text.push_str("\r\n ");
                octets_on_line = 1; // the leading space
            }
            self.text.push(c);
            octets_on_line += c.len_utf8();
        }
        self.text.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::tests::workshop_at;
    use crate::server::demo::demo_operator;

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn lines_end_with_crlf_and_fold_within_75_octets_on_char_boundaries() {
        let mut workshop = workshop_at(7, 2026, 12, 5, 14, 4);
        workshop.description = "Épluchage, découpe, cuisson : é".repeat(12);
        let ics = calendar("Bocal", &[workshop.clone()], &demo_operator(), Utc::now());
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF found");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
        }
        let expected = format!("DESCRIPTION:{}", escape_text(&workshop.description));
        assert!(unfold(&ics).contains(&expected));
    }

    #[test]
    fn event_has_stable_uid_local_times_geo_and_status() {
        let mut workshop = workshop_at(12, 2026, 7, 14, 14, 4); // summer: CEST
        workshop.status = WorkshopStatus::Cancelled;
        workshop.revision = 2;
        let ics = unfold(&calendar(
            "Bocal",
            &[workshop],
            &demo_operator(),
            Utc::now(),
        ));
        for expected in [
            "UID:atelier-12@bocal",
            "DTSTART;TZID=Europe/Paris:20260714T140000",
            "DTEND;TZID=Europe/Paris:20260714T180000",
            "LOCATION:Place Jacquemart\\, Place Jacquemart\\, 26100 Romans-sur-Isère",
            "GEO:45.045500;5.050900",
            "STATUS:CANCELLED",
            "SEQUENCE:2",
            "CATEGORIES:Atelier cuisine",
            "BEGIN:VTIMEZONE",
            "ORGANIZER;CN=\"Conserverie mobile et solidaire des 3 centres sociaux de Romans\":mailto:contact@bocal.example",
        ] {
            assert!(ics.contains(expected), "missing {expected}:\n{ics}");
        }
    }

    #[test]
    fn the_organiser_is_the_configured_operator_and_none_before() {
        let workshop = workshop_at(12, 2026, 7, 14, 14, 4);
        let mut operator = demo_operator();
        operator.name = "Les \"Bocaux\" de Romans".into();
        let ics = unfold(&calendar(
            "Bocal",
            std::slice::from_ref(&workshop),
            &operator,
            Utc::now(),
        ));
        assert!(ics.contains("ORGANIZER;CN=\"Les Bocaux de Romans\":mailto:contact@bocal.example"));
        let ics = calendar("Bocal", &[workshop], &Operator::unconfigured(), Utc::now());
        assert!(!ics.contains("ORGANIZER"));
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
