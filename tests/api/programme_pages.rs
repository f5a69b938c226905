//! The programme outside the app, as the real router serves it: the month's poster, the week's,
//! and the widget for the centres' websites, the only page another site may frame.

use crate::common;

use chrono::Datelike;

use bocal::api::accounts::CentreOption;
use bocal::api::paths;
use bocal::api::workshops::WorkshopList;
use bocal::domain::Workshop;

/// The workshops the API lists for `query`.
async fn listed(app: &common::TestApp, query: &str) -> Vec<Workshop> {
    let list: WorkshopList = app
        .get(&format!("{}?{query}", paths::WORKSHOPS))
        .await
        .json();
    list.workshops
}

/// How many times `needle` is in `text`.
fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[tokio::test]
async fn the_month_poster_lists_the_stops_that_take_place_with_the_centres_and_the_site() {
    let app = common::demo();
    let today = common::today();
    let first = today.format("%Y-%m").to_string();
    let first_day = today.with_day(1).unwrap();
    let last = first_day + chrono::Months::new(1) - chrono::Days::new(1);
    let month = listed(&app, &format!("from={first}-01&to={last}")).await;
    let taking_place: Vec<&Workshop> = month.iter().filter(|w| !w.is_cancelled()).collect();
    assert!(taking_place.len() > 5, "{}", taking_place.len());

    let poster = app.get(&format!("/programme?mois={first}")).await;
    assert_eq!(poster.status, axum::http::StatusCode::OK);
    let html = poster.text();
    // Every stop that takes place, and only those: paper cannot be corrected.
    assert_eq!(count(&html, r#"<li class="stop">"#), taking_place.len());
    for workshop in &taking_place {
        assert!(
            html.contains(&workshop.place.name),
            "{}",
            workshop.place.name
        );
    }
    let centres: Vec<CentreOption> = app.get(paths::CENTRES).await.json();
    for centre in &centres {
        assert!(html.contains(&centre.name), "{}", centre.name);
    }
    assert_eq!(count(&html, "<svg"), 1, "the QR code");
    assert!(!html.contains("<?xml"));
    assert!(!html.contains("<script"));

    // The week's poster: what is made, too.
    let week = app.get(&format!("/programme?semaine={today}")).await.text();
    assert!(week.contains("Cette semaine, du"));
    assert!(week.contains(r#"class="stop-what""#) || week.contains("Pas encore de date"));
}

#[tokio::test]
async fn a_poster_or_a_widget_asked_wrongly_is_refused_in_french() {
    let app = common::demo();
    for (uri, says) in [
        ("/programme?mois=2026-13", "Mois attendu"),
        ("/programme?mois=262142-12", "Mois attendu"),
        ("/programme?semaine=demain", "Semaine attendue"),
        ("/widget?nombre=500", "de 1 à 20"),
        ("/widget?type=fete", "Type d'atelier inconnu"),
        ("/widget?centre=les-ors", "Centre attendu"),
    ] {
        let response = app.get(uri).await;
        assert_eq!(
            response.status,
            axum::http::StatusCode::BAD_REQUEST,
            "{uri}"
        );
        assert!(response.text().contains(says), "{uri}: {}", response.text());
    }
}

#[tokio::test]
async fn the_widget_lists_the_next_stops_matching_its_filters() {
    let app = common::demo();
    let centres: Vec<CentreOption> = app.get(paths::CENTRES).await.json();
    for (widget, api) in [
        ("nombre=3".to_string(), String::new()),
        (
            format!("centre={}&nombre=4", centres[1].id),
            format!("centre={}", centres[1].id),
        ),
        ("type=marche".to_string(), "kind=marche".to_string()),
        ("commune=Peyrins".to_string(), "commune=Peyrins".to_string()),
    ] {
        let html = app.get(&format!("/widget?{widget}")).await.text();
        let count: usize = widget
            .split("nombre=")
            .nth(1)
            .map_or(5, |n| n.parse().unwrap());
        let expected: Vec<Workshop> = listed(&app, &api).await.into_iter().take(count).collect();
        assert!(!expected.is_empty(), "{api}");
        assert_eq!(
            html.matches(r#"<li class="stop"#).count(),
            expected.len(),
            "{widget}"
        );
        // In the API's order, each linking to its page on Bocal.
        let mut rest = html.as_str();
        for workshop in &expected {
            let link = format!(r#"href="/ateliers/{}""#, workshop.id);
            let at = rest
                .find(&link)
                .unwrap_or_else(|| panic!("{widget}: {link}"));
            rest = &rest[at..];
        }
    }
}

#[tokio::test]
async fn only_the_widget_may_be_framed_and_it_sets_no_cookie() {
    let app = common::demo();
    let widget = app.get("/widget").await;
    let policy = widget.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("frame-ancestors *"), "{policy}");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(!widget.headers.contains_key("x-frame-options"));
    assert!(!widget.headers.contains_key("set-cookie"));
    for uri in [
        "/",
        "/programme",
        "/ateliers/1",
        "/animation",
        "/desabonnement/pas-un-secret",
        "/bocal-0123456789abcdef.js",
        "/api/v1/workshops",
    ] {
        let response = app.get(uri).await;
        let policy = response.headers["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(policy.contains("frame-ancestors 'none'"), "{uri}: {policy}");
        assert_eq!(response.headers["x-frame-options"], "DENY", "{uri}");
    }
}
