//! "Affiche du mois" for the centres' notice boards and the week's poster for the truck's
//! window: the stops by date, with hours, place and commune, in type read from two metres, the
//! centres' names and a QR code to the site. The browser prints it (public/programme.css: A4,
//! one page for a normal month, two at most); no PDF library.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Days, Months, NaiveDate, Timelike};

use super::answers::{refusal, unavailable};
use crate::api::paths::pages::{self, programme_param as param};
use crate::api::workshops::WorkshopFilter;
use crate::domain::impact::month_start;
use crate::domain::time::{local, local_date};
use crate::domain::when::{day_and_month, day_of_month, month_phrase, weekday_name};
use crate::domain::{Lang, Workshop};
use crate::server::formats::qr::qr_code;
use crate::server::pages::html::{escape, html_page};
use crate::server::state::AppState;

const STYLESHEET: &str = "/programme.css";

/// What a poster covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Period {
    /// The month that starts on this day.
    Month(NaiveDate),
    /// The week that starts on this Monday.
    Week(NaiveDate),
}

/// The years a poster may be asked for: the previous and next month or week of any of them
/// is a date too.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2999;

impl Period {
    /// `mois=2026-12`, or `semaine=` any day of the week; with neither, this month.
    fn from_query(query: &HashMap<String, String>, today: NaiveDate) -> Result<Period, String> {
        let value = |name: &str| {
            query
                .get(name)
                .map(|value| value.trim())
                .filter(|value| !value.is_empty())
        };
        let in_range = |day: &NaiveDate| YEARS.contains(&day.year());
        match (value(param::MONTH), value(param::WEEK)) {
            (Some(month), _) => month_start(month)
                .filter(in_range)
                .map(Period::Month)
                .ok_or_else(|| format!("Mois attendu sous la forme 2026-12, pas « {month} ».")),
            (None, Some(day)) => NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .filter(in_range)
                .map(|day| Period::Week(day.week(chrono::Weekday::Mon).first_day()))
                .ok_or_else(|| {
                    format!("Semaine attendue par l'un de ses jours, sous la forme 2026-12-07, pas « {day} ».")
                }),
            (None, None) => Ok(Period::Month(today.with_day(1).expect("day 1 exists"))),
        }
    }

    fn first(self) -> NaiveDate {
        match self {
            Period::Month(first) | Period::Week(first) => first,
        }
    }

    fn last(self) -> NaiveDate {
        match self {
            Period::Month(first) => first + Months::new(1) - Days::new(1),
            Period::Week(monday) => monday + Days::new(6),
        }
    }

    fn previous(self) -> Period {
        match self {
            Period::Month(first) => Period::Month(first - Months::new(1)),
            Period::Week(monday) => Period::Week(monday - Days::new(7)),
        }
    }

    fn next(self) -> Period {
        match self {
            Period::Month(first) => Period::Month(first + Months::new(1)),
            Period::Week(monday) => Period::Week(monday + Days::new(7)),
        }
    }

    /// The poster's own address: `/programme?mois=2026-12`.
    fn href(self) -> String {
        match self {
            Period::Month(first) => pages::programme_month(first),
            Period::Week(monday) => pages::programme_week(monday),
        }
    }

    /// "décembre 2026"; "du 7 au 13 décembre 2026", "du 28 décembre 2026 au 3 janvier 2027".
    fn phrase(self) -> String {
        match self {
            Period::Month(first) => month_phrase(Lang::Fr, first),
            Period::Week(monday) => {
                let sunday = self.last();
                let from = match monday.month() == sunday.month() {
                    true => day_of_month(Lang::Fr, monday),
                    // Its month, and its year when it is not Sunday's.
                    false => day_and_month(Lang::Fr, sunday, monday),
                };
                let to = day_and_month(Lang::Fr, sunday, sunday);
                format!("du {from} au {to} {}", sunday.year())
            }
        }
    }
}

/// The list's type sizes, largest first: its class in programme.css and its size in points.
const SIZES: [(&str, f32); 4] = [
    ("stops-large", 20.0),
    ("stops-medium", 16.0),
    ("stops-snug", 14.5),
    ("stops-small", 13.0),
];
/// The list's room on one A4 page: 297 x 210 mm less the margins, header and footer.
const LIST_HEIGHT_MM: f32 = 200.0;
const LIST_WIDTH_MM: f32 = 186.0;
/// Measured on the demo's December in Chromium's print layout, in Liberation Sans (Arial's
/// metrics): the day and hours columns with their gaps take 10.24 em; a place's line holds
/// about 45 characters at 16 pt, 0.5 em each; a row is its lines plus 0.45 em.
const DAY_AND_HOURS_EM: f32 = 10.3;
const CHARACTER_EM: f32 = 0.5;
const LINE_EM: f32 = 1.25;
const ROW_PADDING_EM: f32 = 0.45;
const MM_PER_POINT: f32 = 25.4 / 72.0;

/// The largest type that holds the month's stops on one A4 page, each place and commune
/// wrapping as it must; the smallest when none does (the list then runs onto a second page).
fn size_class(stops: &[&Workshop]) -> &'static str {
    let fits = |points: f32| {
        let em = points * MM_PER_POINT;
        let characters_per_line = ((LIST_WIDTH_MM - DAY_AND_HOURS_EM * em) / (CHARACTER_EM * em))
            .floor()
            .max(1.0);
        let height: f32 = stops
            .iter()
            .map(|workshop| {
                let characters = workshop.place.name.chars().count()
                    + 2
                    + workshop.place.commune.chars().count();
                let lines = (characters as f32 / characters_per_line).ceil();
                (lines * LINE_EM + ROW_PADDING_EM) * em
            })
            .sum();
        height <= LIST_HEIGHT_MM
    };
    SIZES
        .iter()
        .find(|(_, points)| fits(*points))
        .map_or(SIZES[SIZES.len() - 1].0, |(class, _)| class)
}

/// "14h–17h30": a poster's hours, short enough to leave the line to the place.
fn poster_hours(workshop: &Workshop) -> String {
    let clock = |instant| {
        let time = local(instant).time();
        match time.minute() {
            0 => format!("{}h", time.hour()),
            minute => format!("{}h{minute:02}", time.hour()),
        }
    };
    format!("{}–{}", clock(workshop.starts_at), clock(workshop.ends_at))
}

/// "sam. 5" on the month's poster, "samedi 5" on the week's.
fn day_label(period: Period, date: NaiveDate) -> String {
    let weekday = weekday_name(Lang::Fr, date.weekday());
    let day = day_of_month(Lang::Fr, date);
    match period {
        // The first three letters of every French weekday name are its abbreviation.
        Period::Month(_) => format!("{}. {day}", &weekday[..3]),
        Period::Week(_) => format!("{weekday} {day}"),
    }
}

fn stop_item(period: Period, workshop: &Workshop) -> String {
    let what = match period {
        // The week's poster has room for what is made.
        Period::Week(_) => format!(
            r#"<span class="stop-what">{}</span>"#,
            escape(&workshop.title)
        ),
        Period::Month(_) => String::new(),
    };
    format!(
        r#"<li class="stop"><span class="stop-day">{day}</span><span class="stop-hours">{hours}</span><span class="stop-where"><strong>{place}</strong>, <span class="commune">{commune}</span></span>{what}</li>"#,
        day = escape(&day_label(period, local_date(workshop.starts_at))),
        hours = escape(&poster_hours(workshop)),
        place = escape(&workshop.place.name),
        commune = escape(&workshop.place.commune),
    )
}

/// `GET /programme`: the poster of `mois` or `semaine` (public).
pub async fn page(
    State(app): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let now = app.clock.now();
    let period = match Period::from_query(&query, local_date(now)) {
        Ok(period) => period,
        Err(message) => return refusal(STYLESHEET, &message),
    };
    let filter = WorkshopFilter {
        from: Some(period.first()),
        to: Some(period.last()),
        ..Default::default()
    };
    let workshops = app.storage.list_workshops(filter, now).await;
    let centres = app.storage.centres().await;
    let (workshops, centres) = match (workshops, centres) {
        (Ok(workshops), Ok(centres)) => (workshops, centres),
        (Err(error), _) | (_, Err(error)) => return unavailable(STYLESHEET, error),
    };
    // Paper cannot be corrected: only the stops that take place.
    let stops: Vec<&Workshop> = workshops.iter().filter(|w| !w.is_cancelled()).collect();

    let site = app.notifications.public_url.trim_end_matches('/');
    let site_shown = site
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    // The QR code's own <?xml?> line has no place inside HTML.
    let qr = qr_code(&format!("{site}/"), 240);
    let qr = qr.get(qr.find("<svg").unwrap_or(0)..).unwrap_or_default();
    let qr = qr.replacen("<svg", r#"<svg aria-hidden="true""#, 1);

    let (kind, heading) = match period {
        Period::Month(_) => ("poster-month", format!("Le camion en {}", period.phrase())),
        Period::Week(_) => ("poster-week", format!("Cette semaine, {}", period.phrase())),
    };
    let list = if stops.is_empty() {
        r#"<p class="poster-empty">Pas encore de date prévue : le programme se complète au fil de la saison.</p>"#.to_string()
    } else {
        let items: String = stops.iter().map(|w| stop_item(period, w)).collect();
        let size = match period {
            Period::Month(_) => size_class(&stops),
            Period::Week(_) => "stops-large",
        };
        format!(r#"<ol class="stops {size}">{items}</ol>"#)
    };
    let centre_names: String = centres
        .iter()
        .map(|centre| format!("<strong>{}</strong>", escape(&centre.name)))
        .collect();
    let this_week = Period::Week(local_date(now).week(chrono::Weekday::Mon).first_day());
    let this_month = Period::Month(local_date(now).with_day(1).expect("day 1 exists"));
    let (previous, next) = (period.previous(), period.next());
    let (previous_phrase, next_phrase) = match period {
        Period::Month(_) => (previous.phrase(), next.phrase()),
        Period::Week(_) => ("semaine précédente".into(), "semaine suivante".into()),
    };
    let body = format!(
        r#"<nav class="poster-tools" aria-label="Autres affiches">
<a href="{previous_href}" rel="prev">← {previous_phrase}</a>
<a href="{this_month_href}">Affiche du mois</a>
<a href="{this_week_href}">Affiche de la semaine</a>
<a href="{next_href}" rel="next">{next_phrase} →</a>
<p>Pour l'afficher : imprimez cette page (format A4, portrait, taille réelle). <a href="/">Retour au calendrier</a></p>
</nav>
<main class="poster {kind}">
<header class="poster-header"><img class="poster-logo" src="/icon.svg" alt="" width="80" height="80" /><div><p class="poster-kicker">Bocal · conserverie mobile et solidaire</p><h1>{heading}</h1><p class="poster-lede">Ateliers de mise en bocaux avec les fruits et légumes sauvés des champs, près de chez vous.</p></div></header>
{list}
<footer class="poster-footer"><p class="poster-centres">Avec {centre_names}</p><div class="poster-qr">{qr}<p>Inscriptions et détails<br /><strong>{site_shown}</strong></p></div></footer>
</main>"#,
        previous_href = escape(&previous.href()),
        previous_phrase = escape(&previous_phrase),
        this_month_href = escape(&this_month.href()),
        this_week_href = escape(&this_week.href()),
        next_href = escape(&next.href()),
        next_phrase = escape(&next_phrase),
        heading = escape(&heading),
        site_shown = escape(site_shown),
    );
    let title = match period {
        Period::Month(_) => format!("Programme de {}", period.phrase()),
        Period::Week(_) => format!("Programme de la semaine {}", period.phrase()),
    };
    html_page(StatusCode::OK, &title, STYLESHEET, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    use crate::server::pages::programme::tests::query;

    #[test]
    fn a_poster_covers_a_month_or_a_week_read_from_its_address() {
        let today = day(2026, 12, 4);
        let december = Period::from_query(&query(&[("mois", "2026-12")]), today).unwrap();
        assert_eq!(
            (december.first(), december.last()),
            (day(2026, 12, 1), day(2026, 12, 31))
        );
        assert_eq!(december.phrase(), "décembre 2026");
        assert_eq!(december.next().href(), "/programme?mois=2027-01");
        let february = Period::Month(day(2028, 2, 1));
        assert_eq!(february.last(), day(2028, 2, 29));
        // Any day of a week gives its Monday to Sunday.
        let week = Period::from_query(&query(&[("semaine", "2026-12-10")]), today).unwrap();
        assert_eq!(
            (week.first(), week.last()),
            (day(2026, 12, 7), day(2026, 12, 13))
        );
        assert_eq!(week.phrase(), "du 7 au 13 décembre 2026");
        assert_eq!(week.href(), "/programme?semaine=2026-12-07");
        assert_eq!(
            Period::Week(day(2026, 12, 28)).phrase(),
            "du 28 décembre 2026 au 3 janvier 2027"
        );
        assert_eq!(
            Period::Week(day(2027, 3, 29)).phrase(),
            "du 29 mars au 4 avril 2027"
        );
        assert_eq!(
            Period::Week(day(2027, 2, 1)).phrase(),
            "du 1er au 7 février 2027"
        );
        // No period asked: this month.
        assert_eq!(Period::from_query(&query(&[]), today).unwrap(), december);
    }

    #[test]
    fn an_address_that_names_no_period_is_refused_in_french() {
        let today = day(2026, 12, 4);
        for pairs in [
            [("mois", "décembre")],
            [("mois", "2026-13")],
            [("semaine", "2026-12")],
            // The last month a date can hold: its next one cannot be written.
            [("mois", "262142-12")],
            [("semaine", "+262142-12-31")],
        ] {
            let error = Period::from_query(&query(&pairs), today).unwrap_err();
            assert!(error.contains("attendu"), "{error}");
        }
    }

    fn stop_at(place: &str, commune: &str) -> Workshop {
        let mut workshop = crate::domain::calendar::tests::workshop_at(1, 2026, 12, 5, 14, 3);
        workshop.place.name = place.into();
        workshop.place.commune = commune.into();
        workshop
    }

    #[test]
    fn the_type_is_the_largest_that_holds_the_month_on_one_page() {
        let short = stop_at("Salle polyvalente", "Alixan");
        let long = stop_at("Maison de quartier des Ors", "Romans-sur-Isère");
        let longer = stop_at("Maison citoyenne Noël Guichard", "Romans-sur-Isère");
        // A few stops: large type.
        assert_eq!(size_class(&[&short; 8]), "stops-large");
        // Fifteen, most at long names: medium, where a place of 44 characters holds on one
        // line; the demo's December (six places on two lines at that size) too.
        let december: Vec<&Workshop> = [&longer; 6].into_iter().chain([&long; 9]).collect();
        assert_eq!(size_class(&december), "stops-medium");
        let mut month = vec![&long; 9];
        month.extend([&short; 6]);
        assert_eq!(size_class(&month), "stops-medium");
        // Eighteen long ones fit a little smaller, each on one line; twenty-four in small
        // type; forty run onto a second page.
        assert_eq!(size_class(&[&longer; 18]), "stops-snug");
        assert_eq!(size_class(&[&longer; 24]), "stops-small");
        assert_eq!(size_class(&[&long; 40]), "stops-small");
        assert_eq!(poster_hours(&short), "14h–17h");
    }

    #[test]
    fn a_day_is_named_short_on_the_month_and_in_full_on_the_week() {
        assert_eq!(
            day_label(Period::Month(day(2026, 12, 1)), day(2026, 12, 5)),
            "sam. 5"
        );
        assert_eq!(
            day_label(Period::Week(day(2027, 1, 25)), day(2027, 2, 1)),
            "lundi 1er"
        );
    }
}
