//! API tests: the real router on a temporary SQLite file, requests sent in-process.

use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::{DateTime, Days, Duration, Utc};
use serde_json::Value;

use common::{Call, TestApp, PRECOMPRESSED};

use bocal::api::workshops::WorkshopList;
use bocal::api::{paths, ErrorBody, ErrorCode};
use bocal::domain::calendar::monday_of;
use bocal::domain::time::{local_date, start_of_local_day};
use bocal::domain::{Centre, Place, Workshop, WorkshopKind, WorkshopStatus};
use bocal::server::storage::Seed;

fn centre(name: &str) -> Centre {
    Centre {
        name: name.into(),
        address: "1 rue de test".into(),
        postcode: "26100".into(),
        commune: "Romans-sur-Isère".into(),
    }
}

fn place(name: &str, commune: &str) -> Place {
    Place {
        id: 0,
        name: name.into(),
        address: format!("Place de {name}"),
        postcode: "26000".into(),
        commune: commune.into(),
        latitude: 45.05,
        longitude: 5.05,
    }
}

fn workshop(title: &str, starts_at: DateTime<Utc>, place: Place, kind: WorkshopKind) -> Workshop {
    Workshop {
        id: 0,
        title: title.into(),
        kind,
        status: WorkshopStatus::Confirmed,
        starts_at,
        ends_at: starts_at + Duration::hours(3),
        place,
        centre: "Maison de quartier des Ors".into(),
        capacity: 12,
        centre_id: 0,
        signed_up: 0,
        waiting: 0,
        revision: 0,
        description: "Un atelier, avec virgule; et point-virgule.".into(),
    }
}

/// Four workshops around now: one over, one under way, two ahead (one cancelled).
fn fixture() -> (Seed, DateTime<Utc>) {
    let now = common::now();
    let romans = place("Place Jacquemart", "Romans-sur-Isère");
    let peyrins = place("Salle des fêtes", "Peyrins");
    let mut cancelled = workshop(
        "Marché annulé",
        now + Duration::days(3),
        romans.clone(),
        WorkshopKind::Marche,
    );
    cancelled.status = WorkshopStatus::Cancelled;
    let seed = Seed {
        centres: vec![centre("Maison de quartier des Ors")],
        territory: vec![],
        producers: vec![],
        accounts: vec![],
        lots: vec![],
        recipes: vec![],
        ledger: vec![],
        batches: vec![],
        workshops: vec![
            workshop(
                "Passé",
                now - Duration::days(2),
                romans.clone(),
                WorkshopKind::Transformation,
            ),
            workshop(
                "En cours",
                now - Duration::hours(1),
                romans.clone(),
                WorkshopKind::Transformation,
            ),
            workshop(
                "Compote à Peyrins",
                now + Duration::days(2),
                peyrins,
                WorkshopKind::Transformation,
            ),
            cancelled,
        ],
    };
    (seed, now)
}

fn titles(list: &WorkshopList) -> Vec<&str> {
    list.workshops.iter().map(|w| w.title.as_str()).collect()
}

#[tokio::test]
async fn health_answers_ok() {
    let app = TestApp::start(&Seed::default());
    let response = app.get(paths::HEALTH).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json::<Value>()["status"], "ok");
}

#[tokio::test]
async fn list_is_upcoming_by_default_with_cancelled_marked_and_communes() {
    let (seed, _) = fixture();
    let app = TestApp::start(&seed);
    let response = app.get(paths::WORKSHOPS).await;
    assert_eq!(response.status, StatusCode::OK);
    let list: WorkshopList = response.json();
    assert_eq!(
        titles(&list),
        ["En cours", "Compote à Peyrins", "Marché annulé"]
    );
    assert_eq!(list.workshops[2].status, WorkshopStatus::Cancelled);
    assert_eq!(list.communes, ["Peyrins", "Romans-sur-Isère"]);
}

#[tokio::test]
async fn filters_by_commune_kind_and_dates() {
    let (seed, now) = fixture();
    let app = TestApp::start(&seed);

    let list: WorkshopList = app.get("/api/v1/workshops?commune=Peyrins").await.json();
    assert_eq!(titles(&list), ["Compote à Peyrins"]);
    // The commune choices do not shrink with the filter.
    assert_eq!(list.communes.len(), 2);

    let list: WorkshopList = app.get("/api/v1/workshops?kind=marche").await.json();
    assert_eq!(titles(&list), ["Marché annulé"]);

    // `from` reaches into the past; `to` is inclusive of its whole local day.
    let from = local_date(now - Duration::days(2));
    let to = local_date(now + Duration::days(2));
    let list: WorkshopList = app
        .get(&format!("/api/v1/workshops?from={from}&to={to}"))
        .await
        .json();
    assert_eq!(titles(&list), ["Passé", "En cours", "Compote à Peyrins"]);

    // URL-encoded accents.
    let list: WorkshopList = app
        .get("/api/v1/workshops?commune=Romans-sur-Is%C3%A8re&kind=transformation")
        .await
        .json();
    assert_eq!(titles(&list), ["En cours"]);
}

#[tokio::test]
async fn the_home_page_reads_the_calendar_by_weeks_that_hold_a_workshop() {
    // Weeks from next Monday, whatever day the clock is pinned at: a workshop in week 0, only a
    // cancelled one in week 1, none in weeks 2 and 3 (the holidays), one in week 4 and week 5.
    let next_monday = monday_of(common::today()) + Days::new(7);
    let at = |days: u64| start_of_local_day(next_monday + Days::new(days)) + Duration::hours(10);
    let romans = place("Place Jacquemart", "Romans-sur-Isère");
    let mut cancelled = workshop("Annulé", at(8), romans.clone(), WorkshopKind::Marche);
    cancelled.status = WorkshopStatus::Cancelled;
    let seed = Seed {
        centres: vec![centre("Maison de quartier des Ors")],
        workshops: vec![
            workshop(
                "Semaine 0",
                at(2),
                romans.clone(),
                WorkshopKind::Transformation,
            ),
            cancelled,
            workshop(
                "Semaine 4",
                at(29),
                romans.clone(),
                WorkshopKind::Transformation,
            ),
            workshop("Semaine 5", at(37), romans, WorkshopKind::Transformation),
        ],
        ..Seed::default()
    };
    let app = TestApp::start(&seed);
    let page = |weeks: u32| {
        let app = &app;
        async move {
            let response = app
                .get(&format!("{}?weeks={weeks}", paths::WORKSHOPS))
                .await;
            assert_eq!(response.status, StatusCode::OK);
            response.json::<WorkshopList>()
        }
    };

    // A week with only a cancelled workshop is shown but not counted: one "Voir plus" always
    // shows a workshop that takes place.
    let first = page(1).await;
    assert_eq!(titles(&first), ["Semaine 0", "Annulé"]);
    assert_eq!(first.more_from, Some(next_monday + Days::new(28)));
    let two = page(2).await;
    assert_eq!(titles(&two), ["Semaine 0", "Annulé", "Semaine 4"]);
    assert_eq!(two.more_from, Some(next_monday + Days::new(35)));
    let all = page(3).await;
    assert_eq!(all.workshops.len(), 4);
    assert_eq!(all.more_from, None);
    // Without `weeks`, everything; the feed too.
    let unpaged: WorkshopList = app.get(paths::WORKSHOPS).await.json();
    assert_eq!(unpaged.workshops.len(), 4);
    assert_eq!(unpaged.more_from, None);

    for weeks in ["0", "105", "deux", "-1", "4.5"] {
        let response = app
            .get(&format!("{}?weeks={weeks}", paths::WORKSHOPS))
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "weeks={weeks}");
        let body: ErrorBody = response.json();
        assert_eq!(body.error.field.as_deref(), Some("weeks"));
        assert!(
            body.error.message.contains("semaines"),
            "{}",
            body.error.message
        );
    }
}

#[tokio::test]
async fn bad_filters_are_400_with_the_json_error_body() {
    let app = TestApp::start(&Seed::default());
    for (query, field) in [
        ("from=demain", "from"),
        ("to=2026-02-30", "to"),
        ("kind=concert", "kind"),
        ("from=2026-12-10&to=2026-12-01", "to"),
    ] {
        let response = app.get(&format!("/api/v1/workshops?{query}")).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(response.content_type.starts_with("application/json"));
        let body: ErrorBody = response.json();
        assert_eq!(body.error.code, ErrorCode::InvalidInput);
        assert_eq!(body.error.field.as_deref(), Some(field), "{query}");
        assert!(!body.error.message.is_empty());
        // The same validation guards the feed.
        let response = app.get(&format!("/api/v1/workshops.ics?{query}")).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "ics {query}");
    }
}

#[tokio::test]
async fn extreme_dates_are_refused_not_crashed_on() {
    let app = TestApp::start(&fixture().0);
    for query in [
        "from=0001-01-01",
        "to=9999-12-31",
        "from=-262143-01-01",
        "from=262142-12-31&to=262142-12-31",
        "to=262143-12-31",
        "from=99999999-01-01",
    ] {
        for path in [paths::WORKSHOPS, paths::WORKSHOPS_ICS] {
            let response = app.get(&format!("{path}?{query}")).await;
            assert_eq!(response.status, StatusCode::BAD_REQUEST, "{path}?{query}");
        }
    }
    let response = app
        .get("/api/v1/workshops?from=2000-01-01&to=2100-12-31")
        .await;
    assert_eq!(response.status, StatusCode::OK);
}

#[tokio::test]
async fn one_workshop_and_404s() {
    let (seed, _) = fixture();
    let app = TestApp::start(&seed);
    let list: WorkshopList = app.get(paths::WORKSHOPS).await.json();
    let first = &list.workshops[0];

    let response = app.get(&paths::workshop(first.id)).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(&response.json::<Workshop>(), first);

    for missing in [
        "/api/v1/workshops/9999",
        "/api/v1/workshops/abc",
        "/api/v1/workshops/9999.ics",
        "/api/v1/workshops/%FF",
        "/api/v1/nothing/here",
    ] {
        let response = app.get(missing).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(response.json::<ErrorBody>().error.code, ErrorCode::NotFound);
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    use sha2::Digest;
    let app = TestApp::start(&Seed::default());
    let loader_hash = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        sha2::Sha256::digest(b"start()"),
    );
    for uri in [
        paths::HEALTH,
        "/api/v1/workshops?kind=x",
        "/",
        "/ateliers/1",
        "/missing.js",
    ] {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let response = tower::ServiceExt::oneshot(app.router.clone(), request)
            .await
            .unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(
            csp.contains(&format!("'sha256-{loader_hash}'")),
            "{uri}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(headers["x-frame-options"], "DENY", "{uri}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{uri}");
    }
}

#[tokio::test]
async fn wrong_method_is_a_json_405() {
    let app = TestApp::start(&Seed::default());
    let response = app.call(Call::new(Method::DELETE, paths::WORKSHOPS)).await;
    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
    let body: ErrorBody = response.json();
    assert_eq!(body.error.code, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn ics_feed_has_every_recent_and_upcoming_workshop() {
    let (seed, _) = fixture();
    let app = TestApp::start(&seed);
    let response = app.get(paths::WORKSHOPS_ICS).await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.content_type.starts_with("text/calendar"));
    let ics = response.text();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        4,
        "past 30 days included"
    );
    assert_eq!(ics.matches("STATUS:CANCELLED").count(), 1);
    assert!(ics.contains("SUMMARY:Compote à Peyrins"));
    assert!(ics.contains("DESCRIPTION:Un atelier\\, avec virgule\\; et point-virgule."));

    let list: WorkshopList = app.get(paths::WORKSHOPS).await.json();
    let one = app.get(&paths::workshop_ics(list.workshops[1].id)).await;
    assert_eq!(one.status, StatusCode::OK);
    let one = one.text();
    assert_eq!(one.matches("BEGIN:VEVENT").count(), 1);
    assert!(one.contains(&format!("UID:atelier-{}@bocal", list.workshops[1].id)));
}

#[tokio::test]
async fn spa_deep_links_get_index_and_assets_are_cached_forever() {
    let app = TestApp::start(&Seed::default());
    let page = app.get("/ateliers/12").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<title>Bocal</title>"));
    assert_eq!(page.cache_control.as_deref(), Some("no-cache"));

    let asset = app.get("/bocal-0123456789abcdef.js").await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(
        asset.cache_control.as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    // A browser that accepts brotli gets the precompressed copy, still cached forever.
    let compressed = app.get_with("/bocal-0123456789abcdef.js", "gzip, br").await;
    assert_eq!(compressed.content_encoding.as_deref(), Some("br"));
    assert_eq!(compressed.body, PRECOMPRESSED);
    assert_eq!(
        compressed.cache_control.as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    let missing = app.get("/bocal-ffffffffffffffff.js").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn demo_data_fills_the_calendar_for_the_coming_weeks() {
    let today = common::today();
    let app = TestApp::start(&bocal::server::demo::demo_seed(today));
    let list: WorkshopList = app.get(paths::WORKSHOPS).await.json();
    assert!(list.workshops.len() >= 15);
    let six_weeks = start_of_local_day(today + Duration::days(43));
    assert!(list.workshops.iter().all(|w| w.starts_at < six_weeks));
    assert!(list.communes.len() >= 5);
}

// The answer in the first HTML (src/server/first_answer.rs).

const EMPTY_SLOT: &str = r#"<div id="first-answer"></div>"#;

/// What the server wrote into the loading page's slot.
fn first_answer(page: &common::TestResponse) -> String {
    let html = page.text();
    let start = html.find(r#"<div id="first-answer">"#).expect("the slot");
    let end = html.find("</main>").expect("the end of main");
    html[start..end].to_string()
}

#[tokio::test]
async fn the_home_page_html_already_says_where_the_truck_is() {
    let (seed, now) = fixture();
    let app = TestApp::start(&seed);
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    assert_eq!(page.cache_control.as_deref(), Some("no-cache"));

    // The expectation comes from the rule the app uses, on the list the API gives.
    let list: WorkshopList = app.get(paths::WORKSHOPS).await.json();
    let next = bocal::domain::calendar::next_stop(&list.workshops, now).unwrap();
    assert_eq!(next.title, "En cours");
    let (day, hours) = bocal::domain::when::when_parts(bocal::domain::Lang::Fr, now, next);
    let answer = first_answer(&page);
    let heading = bocal::domain::texts::Texts::for_lang(bocal::domain::Lang::Fr).next_stop_heading;
    assert!(answer.contains(&format!("<h1 id=\"next-stop-heading\">{heading}</h1>")));
    assert!(
        answer.contains(&format!("<span class=\"next-day\">{day}</span>")),
        "{answer}"
    );
    assert!(
        answer.contains(&format!("<span class=\"next-hours\">{hours}</span>")),
        "{answer}"
    );
    assert_eq!(day, "en ce moment");
    assert!(answer.contains("<p class=\"next-place\">Place Jacquemart</p>"));
    assert!(answer.contains("Place de Place Jacquemart, 26000 Romans-sur-Isère"));
    assert!(answer.contains(&format!("href=\"/ateliers/{}\"", next.id)));
    // Neither the stop that is over nor the cancelled one.
    assert!(!answer.contains("Passé") && !answer.contains("Marché annulé"));
    // Nothing that runs: the page's only script is still the loader the CSP allows by its hash.
    assert_eq!(page.text().matches("<script").count(), 1);
}

#[tokio::test]
async fn the_next_stop_to_come_is_dated_and_a_hostile_title_stays_text() {
    let now = common::now();
    let hostile = "<img src=x onerror=alert(1)> & \"Compote\"";
    let seed = Seed {
        centres: vec![centre("Maison de quartier des Ors")],
        workshops: vec![workshop(
            hostile,
            now + Duration::days(2),
            place("Salle <b>des fêtes</b>", "Peyrins"),
            WorkshopKind::Transformation,
        )],
        ..Seed::default()
    };
    let app = TestApp::start(&seed);
    let answer = first_answer(&app.get("/").await);
    assert!(
        !answer.contains("<img") && !answer.contains("<b>"),
        "{answer}"
    );
    assert!(answer.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Compote&quot;"));
    assert!(answer.contains("Salle &lt;b&gt;des fêtes&lt;/b&gt;"));
    let starts_at = now + Duration::days(2);
    let (day, hours) =
        bocal::domain::when::when_parts(bocal::domain::Lang::Fr, now, &seed.workshops[0]);
    assert_eq!(
        day,
        bocal::domain::when::day_phrase(
            bocal::domain::Lang::Fr,
            local_date(now),
            local_date(starts_at)
        )
    );
    assert!(answer.contains(&format!("<span class=\"next-day\">{day}</span>")));
    assert!(answer.contains(&format!("<span class=\"next-hours\">{hours}</span>")));
}

#[tokio::test]
async fn with_nothing_planned_the_home_page_says_so() {
    let app = TestApp::start(&Seed::default());
    let answer = first_answer(&app.get("/").await);
    let none = bocal::domain::texts::Texts::for_lang(bocal::domain::Lang::Fr).next_stop_none;
    assert!(none.starts_with("Aucune date n'est prévue"));
    assert!(
        answer.contains(&format!("<p class=\"next-stop-card\">{none}</p>")),
        "{answer}"
    );
}

#[tokio::test]
async fn the_next_stop_months_ahead_is_the_first_answer_and_on_the_calendars_first_page() {
    // A cancelled stop next week, the next real one in ten weeks: the first answer's one-row
    // query and the app's rule on the calendar's first page name the same stop.
    let now = common::now();
    let mut cancelled = workshop(
        "Marché annulé",
        now + Duration::days(6),
        place("Place Jacquemart", "Romans-sur-Isère"),
        WorkshopKind::Marche,
    );
    cancelled.status = WorkshopStatus::Cancelled;
    let later = workshop(
        "Confitures de printemps",
        now + Duration::weeks(10),
        place("Salle des fêtes", "Peyrins"),
        WorkshopKind::Transformation,
    );
    let seed = Seed {
        centres: vec![centre("Maison de quartier des Ors")],
        workshops: vec![cancelled, later],
        ..Seed::default()
    };
    let app = TestApp::start(&seed);
    let first_page: WorkshopList = app
        .get(&format!("{}?weeks=4", paths::WORKSHOPS))
        .await
        .json();
    let next = bocal::domain::calendar::next_stop(&first_page.workshops, now).unwrap();
    assert_eq!(next.title, "Confitures de printemps");
    let answer = first_answer(&app.get("/").await);
    assert!(answer.contains("Confitures de printemps"), "{answer}");
    assert!(answer.contains(&format!("href=\"/ateliers/{}\"", next.id)));
    assert!(!answer.contains("Marché annulé"), "{answer}");
}

#[tokio::test]
async fn a_database_that_cannot_answer_gets_the_plain_page_not_an_error() {
    let (seed, _) = fixture();
    let app = TestApp::start(&seed);
    let workshop_id: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row("SELECT min(id) FROM workshops", [], |row| row.get(0))
        .unwrap();
    // Every workshop read joins the places: without them, the database answers with an error.
    app.storage
        .connection()
        .unwrap()
        .execute_batch("ALTER TABLE places RENAME TO places_gone")
        .unwrap();
    assert!(app.get(paths::WORKSHOPS).await.status.is_server_error());
    for path in ["/".to_string(), paths::pages::workshop(workshop_id)] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.content_type.starts_with("text/html"), "{path}");
        assert!(page.text().contains(EMPTY_SLOT), "{path}");
    }
}

#[tokio::test]
async fn a_workshop_page_html_has_its_title_day_and_place() {
    let (seed, now) = fixture();
    let app = TestApp::start(&seed);
    let list: WorkshopList = app.get(paths::WORKSHOPS).await.json();
    let peyrins = list
        .workshops
        .iter()
        .find(|w| w.title == "Compote à Peyrins")
        .unwrap();
    let page = app.get(&paths::pages::workshop(peyrins.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .text()
        .contains("<title>Compote à Peyrins – Bocal</title>"));
    let answer = first_answer(&page);
    assert!(answer.contains("<h1>Compote à Peyrins</h1>"), "{answer}");
    let day = bocal::domain::when::date_phrase(
        bocal::domain::Lang::Fr,
        local_date(now),
        local_date(peyrins.starts_at),
    );
    assert!(answer.contains(&day), "{answer}");
    assert!(answer.contains("<p class=\"place-name\">Salle des fêtes</p>"));

    let cancelled = list.workshops.iter().find(|w| w.is_cancelled()).unwrap();
    let answer = first_answer(&app.get(&paths::pages::workshop(cancelled.id)).await);
    assert!(answer.contains("annulé"), "{answer}");

    // An unknown workshop, or no number at all: the plain page (the app says "not found").
    for path in ["/ateliers/999999", "/ateliers/abc"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.text().contains(EMPTY_SLOT), "{path}");
        assert!(page.text().contains("<title>Bocal</title>"), "{path}");
    }
}

#[tokio::test]
async fn the_service_workers_shell_stays_the_plain_file() {
    let (seed, _) = fixture();
    let app = TestApp::start(&seed);
    let shell = app.get("/index.html").await;
    assert_eq!(shell.status, StatusCode::OK);
    assert!(shell.text().contains(EMPTY_SLOT));
    assert!(!shell.text().contains("En cours"));
    // Other pages of the app get the plain file too.
    assert!(app.get("/recettes").await.text().contains(EMPTY_SLOT));
}
