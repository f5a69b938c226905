//! The impact figures through the real router on the demo data: each figure follows what is
//! recorded (a collection, a batch, volunteering and its undoing), months add up to the period,
//! the communes stay with the team, and every table comes out as CSV.

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::{Datelike, Duration};
use serde_json::{json, Value};

use bocal::api::impact::{CommuneTotal, Figures, Impact};
use bocal::api::{paths, ErrorBody};
use bocal::domain::Role;
use common::{demo, id_of, log_in_as, new_key, Call, TestApp, TestResponse};

/// The last 40 days: the demo's whole history.
fn period() -> String {
    let today = common::today();
    format!("du={}&au={today}", today - Duration::days(40))
}

async fn impact(app: &TestApp) -> Impact {
    let response = app
        .call(Call::new(
            Method::GET,
            format!("{}?{}", paths::IMPACT, period()),
        ))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn post(app: &TestApp, session: &str, uri: String, body: Value) -> TestResponse {
    app.call(
        Call::new(Method::POST, uri)
            .session(Some(session))
            .json(body),
    )
    .await
}

/// Every month's figure adds up to the period's, where a figure adds up.
fn assert_months_add_up(impact: &Impact) {
    let sum = |figure: fn(&Figures) -> i64| impact.months.iter().map(figure).sum::<i64>();
    let totals = &impact.totals;
    assert_eq!(sum(|m| m.rescued_grams as i64), totals.rescued_grams as i64);
    assert_eq!(sum(|m| m.jars_produced as i64), totals.jars_produced as i64);
    assert_eq!(
        sum(|m| m.workshops_held as i64),
        totals.workshops_held as i64
    );
    assert_eq!(sum(|m| m.volunteering_minutes), totals.volunteering_minutes);
    // Held at the end of the period: the last month's end.
    assert_eq!(
        impact.months.last().unwrap().tictac_in_circulation,
        totals.tictac_in_circulation
    );
    let by_produce: u64 = impact.rescued_by_produce.iter().map(|p| p.grams).sum();
    assert_eq!(by_produce, totals.rescued_grams);
}

#[tokio::test]
async fn each_figure_follows_what_is_recorded() {
    let app = demo();
    let staff = log_in_as(&app, Role::Animator).await;
    let before = impact(&app).await;
    assert_months_add_up(&before);
    let this_month = common::today().format("%Y-%m").to_string();
    assert_eq!(before.months.last().unwrap().month, this_month);
    // The demo: the pears (17,5 kg) and the squash (44 kg) were collected today, among others;
    // the soup's 64 jars are the only conforming ones (the pears' batch is not); Samia gave
    // 210 + 120 minutes at two workshops, and every tic-tac given is still held by her or by
    // the centre where she spent 60.
    let totals = &before.totals;
    assert!(totals.rescued_grams >= 17_500 + 44_000, "{totals:?}");
    assert_eq!(totals.jars_produced, 64);
    assert_eq!(totals.volunteering_minutes, 330);
    assert_eq!(totals.tictac_in_circulation, 330);
    assert!(totals.workshops_held >= 2, "{totals:?}");
    assert!(totals.participants >= 1, "{totals:?}");
    assert!(totals.producers >= 2, "{totals:?}");

    // The truck collects the reserved lot: 12,345 kg more, this month.
    let lot = id_of(
        &app,
        "SELECT id FROM lots WHERE status = ?1 LIMIT 1",
        "reserved",
    );
    let response = post(
        &app,
        &staff,
        paths::lot_actions(lot),
        json!({"action": "collect", "grams": 12_345}),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    // 45 minutes of volunteering at the counter, then the same undone: nothing left of it.
    let samia = id_of(
        &app,
        "SELECT id FROM accounts WHERE member_number = ?1",
        "100003",
    );
    let centre = id_of(
        &app,
        "SELECT id FROM centres WHERE name = ?1",
        "Maison de quartier des Ors",
    );
    let credit = post(
        &app,
        &staff,
        paths::LEDGER.to_string(),
        json!({"idempotency_key": new_key(), "operation": {"type": "volunteering",
            "participant_id": samia, "centre_id": centre, "minutes": 45, "note": "Tri"}}),
    )
    .await;
    assert_eq!(credit.status, StatusCode::CREATED, "{}", credit.text());
    let after_credit = impact(&app).await;
    assert_eq!(after_credit.totals.volunteering_minutes, 330 + 45);
    assert_eq!(after_credit.totals.tictac_in_circulation, 330 + 45);
    let entry_id = credit.json::<Value>()["id"].as_i64().unwrap();
    let undo = post(
        &app,
        &staff,
        paths::LEDGER.to_string(),
        json!({"idempotency_key": new_key(), "operation": {"type": "reversal",
            "entry_id": entry_id, "reason": "Erreur de membre"}}),
    )
    .await;
    assert_eq!(undo.status, StatusCode::CREATED, "{}", undo.text());

    let after = impact(&app).await;
    assert_months_add_up(&after);
    let (month_before, month_after) = (before.months.last().unwrap(), after.months.last().unwrap());
    assert_eq!(
        month_after.rescued_grams,
        month_before.rescued_grams + 12_345
    );
    assert_eq!(after.totals.volunteering_minutes, 330);
    assert_eq!(after.totals.tictac_in_circulation, 330);
    assert_eq!(after.totals.jars_produced, 64);

    // The communes: the team's only; they add up to the kilos rescued.
    let response = app
        .call(Call::new(
            Method::GET,
            format!("{}?{}", paths::IMPACT_COMMUNES, period()),
        ))
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    let communes: Vec<CommuneTotal> = app
        .call(
            Call::new(
                Method::GET,
                format!("{}?{}", paths::IMPACT_COMMUNES, period()),
            )
            .session(Some(&staff)),
        )
        .await
        .json();
    let grams: u64 = communes.iter().map(|c| c.grams).sum();
    assert_eq!(grams, after.totals.rescued_grams);
    // And the public figures name no commune.
    let public = app
        .call(Call::new(
            Method::GET,
            format!("{}?{}", paths::IMPACT, period()),
        ))
        .await
        .text();
    for commune in &communes {
        assert!(!public.contains(&commune.commune), "{}", commune.commune);
    }
}

#[tokio::test]
async fn every_table_comes_out_as_csv_and_bad_periods_are_refused() {
    let app = demo();
    let figures = impact(&app).await;
    let months = app
        .call(Call::new(
            Method::GET,
            format!("{}?table=mois&{}", paths::EXPORT_IMPACT, period()),
        ))
        .await;
    assert_eq!(months.status, StatusCode::OK);
    assert_eq!(months.content_type, "text/csv; charset=utf-8");
    let text = months.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("\u{feff}mois;kilos sauvés;bocaux produits"));
    assert_eq!(lines.len(), 1 + figures.months.len() + 1, "{text}");
    let total = lines.last().unwrap();
    assert!(total.starts_with("total;"), "{total}");
    assert!(
        total.contains(&format!(";{};", figures.totals.jars_produced)),
        "{total}"
    );
    let produce = app
        .call(Call::new(
            Method::GET,
            format!("{}?table=produits&{}", paths::EXPORT_IMPACT, period()),
        ))
        .await
        .text();
    assert_eq!(
        produce.lines().count(),
        1 + figures.rescued_by_produce.len()
    );
    assert!(produce.contains("\r\nCourges;44,0;1\r\n"), "{produce}");

    // The chart: one bar a month.
    let chart = app
        .call(Call::new(
            Method::GET,
            format!("{}?figure=bocaux&{}", paths::IMPACT_CHART, period()),
        ))
        .await;
    assert_eq!(chart.status, StatusCode::OK);
    assert_eq!(chart.content_type, "image/svg+xml");
    let this_month = common::today().format("%Y-%m").to_string();
    let short = bocal::domain::impact::short_month(&this_month, bocal::domain::Lang::Fr);
    assert!(chart.text().contains(&format!("\n{short}\n")), "{short}");

    // Without dates: the twelve months up to this one.
    let year: Impact = app.call(Call::new(Method::GET, paths::IMPACT)).await.json();
    assert_eq!(year.months.len(), 12);
    assert_eq!(year.au, common::today());
    assert_eq!(year.du.day(), 1);

    for uri in [
        format!("{}?du=2026-12-01&au=2026-11-01", paths::IMPACT),
        format!("{}?du=2026-11-01", paths::IMPACT),
        format!("{}?figure=euros", paths::IMPACT_CHART),
        format!("{}?table=secrets", paths::EXPORT_IMPACT),
        format!("{}?du=2020-01-01&au=2026-01-01", paths::IMPACT),
    ] {
        let response = app.call(Call::new(Method::GET, uri.clone())).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{uri}");
        let _: ErrorBody = response.json();
    }
}
