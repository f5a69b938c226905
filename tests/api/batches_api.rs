//! Production batches through the real router on a temporary SQLite file: recording one from
//! collected lots, the process verdict, traceability both ways on the demo data, a
//! non-conforming batch kept out of stock, the recall list.
//!
//! The demo data made two batches today: a squash soup (autoclave log, conforming, 30 × 370 ml
//! and 20 × 720 ml sent to Saint-Nicolas) from 20 of the 44 kg of squash collected, and pears
//! in syrup whose 720 ml jars were held 18 minutes instead of 25 (non conforme).

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::Months;
use serde_json::{json, Value};

use bocal::api::batches::{AvailableLot, Batch, BatchSummary};
use bocal::api::paths;
use bocal::api::wallet::StockLine;
use bocal::domain::batch::ProcessRecord;
use bocal::domain::Role;
use common::{count, demo, id_of, log_in_as, new_key, refusal, Call, TestApp, TestResponse};

const SAINT_NICOLAS: &str = "Maison de quartier Saint-Nicolas";
const LES_ORS: &str = "Maison de quartier des Ors";

fn centre(app: &TestApp, name: &str) -> i64 {
    id_of(app, "SELECT id FROM centres WHERE name = ?1", name)
}

fn lot_of(app: &TestApp, produce: &str) -> i64 {
    id_of(app, "SELECT id FROM lots WHERE produce = ?1", produce)
}

fn recipe(app: &TestApp, title: &str) -> (i64, u32) {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT r.id, r.current_version FROM recipes r
             JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version
             WHERE v.title = ?1",
            [title],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
}

pub(crate) async fn post(app: &TestApp, session: &str, uri: &str, body: Value) -> TestResponse {
    app.call(
        Call::new(Method::POST, uri.to_string())
            .session(Some(session))
            .json(body),
    )
    .await
}

async fn get(app: &TestApp, session: &str, uri: &str) -> TestResponse {
    app.call(Call::new(Method::GET, uri.to_string()).session(Some(session)))
        .await
}

async fn batch_list(app: &TestApp, session: &str, query: &str) -> Vec<BatchSummary> {
    let response = get(app, session, &format!("{}{query}", paths::BATCHES)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

pub(crate) async fn batch(app: &TestApp, session: &str, id: i64) -> Batch {
    let response = get(app, session, &paths::batch(id)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

/// A soup from `grams` of the demo's squash, logged as a probe CSV of `log_csv`.
fn soup(app: &TestApp, key: &str, grams: u32, log_csv: &str) -> Value {
    let (recipe_id, version) = recipe(app, "Soupe de courge");
    let points = match bocal::domain::batch::parse_log(log_csv) {
        Ok(points) => json!(points),
        // Sent as typed, for the server to refuse.
        Err(_) => json!([{"seconds": 0, "temperature_tenths": 200},
                         {"seconds": 60, "temperature_tenths": 500},
                         {"seconds": 30, "temperature_tenths": 800}]),
    };
    json!({
        "idempotency_key": key,
        "recipe_id": recipe_id,
        "recipe_version": version,
        "workshop_id": null,
        "made_on": common::today(),
        "inputs": [{"lot_id": lot_of(app, "Courges"), "grams": grams}],
        "jars": [{"jar_ml": 370, "jars": 12}, {"jar_ml": 720, "jars": 0}],
        "process": {"kind": "log", "points": points},
        "product_ph_hundredths": 590,
        "probe": {"name": "Sonde TC-2 (n° 1043)", "calibrated_on": common::today() - chrono::Duration::days(30),
                  "calibration_due": common::today() + chrono::Duration::days(335)},
        "note": "Atelier du samedi",
    })
}

/// 20 → 120 °C in 20 minutes, 30 minutes held, a reading every 30 s, as a probe exports it.
fn autoclave_csv() -> String {
    let mut csv = String::from("temps;température\n");
    for step in 0..=100u32 {
        let minute = step as f64 / 2.0;
        let celsius = if minute <= 20.0 {
            20.0 + 5.0 * minute
        } else {
            120.0
        };
        csv.push_str(&format!(
            "{}:{:02};{}\n",
            step * 30 / 60,
            step * 30 % 60,
            format!("{celsius:.1}").replace('.', ",")
        ));
    }
    csv
}

#[tokio::test]
async fn the_demo_batches_trace_back_to_the_farm_and_forward_to_the_centre() {
    let app = demo();
    let staff = log_in_as(&app, Role::Animator).await;
    let list = batch_list(&app, &staff, "").await;
    let today = common::today().format("%Y%m%d").to_string();
    let numbers: Vec<&str> = list.iter().map(|b| b.number.as_str()).collect();
    assert_eq!(
        numbers,
        vec![format!("{today}-02"), format!("{today}-01")],
        "newest first"
    );

    let soup = batch(&app, &staff, list[1].id).await;
    assert_eq!(soup.recipe_title, "Soupe de courge");
    assert_eq!(soup.recipe_version, 2, "the validated version");
    assert!(soup.assessment.conforming, "{:?}", soup.assessment);
    assert_eq!(soup.product_ph_hundredths, Some(590), "its measured pH");
    let (value, target) = (
        soup.assessment.value_hundredths.unwrap(),
        soup.assessment.target_hundredths.unwrap(),
    );
    assert_eq!(target, 500, "F0 5,0 min, from the recipe");
    // 40 minutes at about 120 °C: 40 × 10^(-0.11) = 31, plus the ramps.
    assert!((3000..3400).contains(&value), "{value}");
    assert_eq!(
        soup.best_before,
        common::today() + Months::new(24),
        "the soup keeps 24 months"
    );
    // One step back: the squash, its farm and the day it was collected.
    assert_eq!(soup.inputs.len(), 1);
    let input = &soup.inputs[0];
    assert_eq!(
        (
            input.produce.as_str(),
            input.farm_name.as_str(),
            input.grams
        ),
        ("Courges", "Domaine des Noyers", 20_000)
    );
    assert!(!input.farm_commune.is_empty() && input.farm_phone.is_some());
    assert_eq!(input.collected_on, Some(common::today()));
    // One step forward: the centre that holds its jars, and its stock shows them.
    let stocked: Vec<(&str, u32, u32)> = soup
        .stocked
        .iter()
        .map(|line| (line.centre_name.as_str(), line.jar_ml, line.jars))
        .collect();
    assert_eq!(
        stocked,
        vec![(SAINT_NICOLAS, 370, 30), (SAINT_NICOLAS, 720, 20)]
    );
    assert_eq!((soup.jars_left(370), soup.jars_left(720)), (10, 4));
    let stock: Vec<StockLine> = get(
        &app,
        &staff,
        &paths::centre_stock(centre(&app, SAINT_NICOLAS)),
    )
    .await
    .json();
    let soup_370 = stock
        .iter()
        .find(|line| line.title == "Soupe de courge" && line.product.jar_ml == 370)
        .expect("the soup is in Saint-Nicolas's stock");
    assert_eq!(soup_370.in_stock, 30);
    assert!(soup.recipients.is_empty(), "no jar handed out yet");

    // From the farm's lot: every batch it went into.
    let from_lot = batch_list(&app, &staff, &format!("?lot={}", lot_of(&app, "Courges"))).await;
    assert_eq!(from_lot.len(), 1);
    assert_eq!(from_lot[0].id, soup.id);
    let response = get(&app, &staff, &format!("{}?lot=abc", paths::BATCHES)).await;
    refusal(&response, StatusCode::BAD_REQUEST);

    // The probe log as a chart; a batch without a log has none.
    let chart = get(&app, &staff, &paths::batch_chart(soup.id)).await;
    assert_eq!(chart.status, StatusCode::OK);
    assert_eq!(chart.content_type, "image/svg+xml");
    assert!(chart.text().contains("F0 cumulée"));
    let phone = get(
        &app,
        &staff,
        &format!("{}?taille=etroite", paths::batch_chart(soup.id)),
    )
    .await;
    assert!(phone.text().contains("viewBox=\"0 0 480 360\""));
    let pears = batch(&app, &staff, list[0].id).await;
    let chart = get(&app, &staff, &paths::batch_chart(pears.id)).await;
    refusal(&chart, StatusCode::NOT_FOUND);

    // The pears: not conforming, and so blocked from stock.
    assert!(!pears.assessment.conforming);
    assert_eq!(
        pears.assessment.reasons,
        vec!["720 ml : 100 °C pendant 18 min, le barème demande 100 °C pendant 25 min."]
    );
    let entries_before = count(&app, "ledger_entries");
    let response = post(
        &app,
        &staff,
        &paths::batch_stock(pears.id),
        json!({"idempotency_key": new_key(), "centre_id": centre(&app, LES_ORS),
               "jars": [{"jar_ml": 370, "jars": 10}]}),
    )
    .await;
    let error = refusal(&response, StatusCode::CONFLICT);
    assert!(
        error.error.message.starts_with("Lot non conforme"),
        "{error:?}"
    );
    assert_eq!(count(&app, "ledger_entries"), entries_before);

    // The lots the form offers: what is left of the squash and the pears.
    let available: Vec<AvailableLot> = get(&app, &staff, paths::BATCH_INPUTS).await.json();
    let left: Vec<(&str, u32)> = available
        .iter()
        .map(|lot| (lot.produce.as_str(), lot.grams_left))
        .collect();
    assert!(left.contains(&("Courges", 24_000)), "{left:?}");
    assert!(left.contains(&("Poires", 5_500)), "{left:?}");

    // The farmer's lot history says where it went.
    let history: String = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT group_concat(detail, '|') FROM lot_events WHERE lot_id = ?1",
            [lot_of(&app, "Courges")],
            |row| row.get(0),
        )
        .unwrap();
    assert!(
        history.contains(&format!("Transformé : lot de fabrication {today}-01")),
        "{history}"
    );

    // A batch is a record: SQLite refuses to change it.
    let conn = app.storage.connection().unwrap();
    assert!(conn
        .execute("UPDATE batches SET conforming = 1", [])
        .is_err());
    assert!(conn.execute("DELETE FROM batch_inputs", []).is_err());
}

#[tokio::test]
async fn a_batch_is_recorded_once_from_what_is_left_and_bad_ones_write_nothing() {
    let app = demo();
    let staff = log_in_as(&app, Role::Animator).await;
    let batches_before = count(&app, "batches");

    let key = new_key();
    let body = soup(&app, &key, 10_000, &autoclave_csv());
    let response = post(&app, &staff, paths::BATCHES, body.clone()).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let made: Batch = response.json();
    let today = common::today();
    assert_eq!(made.number, format!("{}-03", today.format("%Y%m%d")));
    assert_eq!(made.best_before, today + Months::new(24));
    assert!(made.assessment.conforming, "{:?}", made.assessment);
    // 30 minutes at 120 °C plus the ramp: 30 × 10^(-0.11) = 23.2, and about 0.8 more.
    let value = made.assessment.value_hundredths.unwrap();
    assert!((2300..2500).contains(&value), "{value}");
    assert!(matches!(&made.process, ProcessRecord::Log { points } if points.len() == 101));
    assert_eq!(made.jars_made(), 12, "the zero count is not kept");
    assert_eq!(made.note, "Atelier du samedi");

    // A replay (the answer was lost): the same batch, nothing new.
    let replay = post(&app, &staff, paths::BATCHES, body.clone()).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.json::<Batch>().id, made.id);
    let mut other = body.clone();
    other["note"] = json!("autre chose");
    let response = post(&app, &staff, paths::BATCHES, other).await;
    assert_eq!(
        refusal(&response, StatusCode::CONFLICT)
            .error
            .field
            .as_deref(),
        Some("idempotency_key")
    );
    assert_eq!(count(&app, "batches"), batches_before + 1);

    // 44 kg collected, 20 + 10 used: 14 kg left.
    let inputs_before = count(&app, "batch_inputs");
    let too_much = soup(&app, &new_key(), 14_001, &autoclave_csv());
    let response = post(&app, &staff, paths::BATCHES, too_much).await;
    let error = refusal(&response, StatusCode::BAD_REQUEST);
    assert_eq!(error.error.field.as_deref(), Some("inputs"));
    assert!(
        error
            .error
            .message
            .ends_with("Il ne reste que 14 kg dans ce lot."),
        "{error:?}"
    );

    let mut cases: Vec<(Value, &str, &str)> = Vec::new();
    let mut unvalidated = soup(&app, &new_key(), 1_000, &autoclave_csv());
    let (coulis, version) = recipe(&app, "Coulis de tomates");
    unvalidated["recipe_id"] = json!(coulis);
    unvalidated["recipe_version"] = json!(version);
    cases.push((unvalidated, "recipe", "n'est pas validé"));
    let mut old_version = soup(&app, &new_key(), 1_000, &autoclave_csv());
    old_version["recipe_version"] = json!(1);
    cases.push((old_version, "recipe", "n'est pas validé"));
    let mut wrong_size = soup(&app, &new_key(), 1_000, &autoclave_csv());
    wrong_size["jars"] = json!([{"jar_ml": 250, "jars": 4}]);
    cases.push((wrong_size, "jars", "250 ml"));
    let mut no_jars = soup(&app, &new_key(), 1_000, &autoclave_csv());
    no_jars["jars"] = json!([{"jar_ml": 370, "jars": 0}]);
    cases.push((no_jars, "jars", "nombre de bocaux"));
    let mut tomorrow = soup(&app, &new_key(), 1_000, &autoclave_csv());
    tomorrow["made_on"] = json!(today.succ_opt().unwrap());
    cases.push((tomorrow, "made_on", "futur"));
    let mut uncollected = soup(&app, &new_key(), 1_000, &autoclave_csv());
    uncollected["inputs"] = json!([{"lot_id": lot_of(&app, "Pommes"), "grams": 1000}]);
    cases.push((uncollected, "inputs", "n'a pas été collecté"));
    let mut twice = soup(&app, &new_key(), 1_000, &autoclave_csv());
    let squash = lot_of(&app, "Courges");
    twice["inputs"] = json!([{"lot_id": squash, "grams": 500}, {"lot_id": squash, "grams": 500}]);
    cases.push((twice, "inputs", "deux fois"));
    cases.push((
        soup(&app, &new_key(), 1_000, "0;20\n60;50\n30;80"),
        "log",
        "Les temps doivent croître",
    ));
    let mut gap = soup(&app, &new_key(), 1_000, &autoclave_csv());
    gap["process"]["points"] = json!([{"seconds": 0, "temperature_tenths": 200},
        {"seconds": 60, "temperature_tenths": 500}, {"seconds": 600, "temperature_tenths": 1200}]);
    cases.push((gap, "log", "Trou dans le relevé"));
    let mut absurd = soup(&app, &new_key(), 1_000, &autoclave_csv());
    absurd["process"]["points"][3]["temperature_tenths"] = json!(9000);
    cases.push((absurd, "log", "Température impossible"));
    let mut no_probe = soup(&app, &new_key(), 1_000, &autoclave_csv());
    no_probe["probe"] = json!(null);
    cases.push((no_probe, "probe", "sonde"));
    let mut calibrated_later = soup(&app, &new_key(), 1_000, &autoclave_csv());
    calibrated_later["probe"]["calibrated_on"] = json!(today.succ_opt().unwrap());
    cases.push((calibrated_later, "probe", "L'étalonnage précède"));
    let mut unmeasured = soup(&app, &new_key(), 1_000, &autoclave_csv());
    unmeasured["product_ph_hundredths"] = json!(null);
    cases.push((unmeasured, "product_ph", "pH mesuré du produit"));
    let mut short_key = soup(&app, &new_key(), 1_000, &autoclave_csv());
    short_key["idempotency_key"] = json!("abc");
    cases.push((short_key, "idempotency_key", "Clé d'envoi"));
    for (body, field, words) in cases {
        let response = post(&app, &staff, paths::BATCHES, body).await;
        let error = refusal(&response, StatusCode::BAD_REQUEST);
        assert_eq!(error.error.field.as_deref(), Some(field), "{error:?}");
        assert!(error.error.message.contains(words), "{words}: {error:?}");
    }
    assert_eq!(count(&app, "batches"), batches_before + 1);
    assert_eq!(count(&app, "batch_inputs"), inputs_before);

    // A log that never gets hot enough makes a recorded, non-conforming batch.
    let cold = "0;20\n60;60\n120;95\n180;99\n240;99\n300;60";
    let response = post(
        &app,
        &staff,
        paths::BATCHES,
        soup(&app, &new_key(), 1_000, cold),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let cold: Batch = response.json();
    assert!(!cold.assessment.conforming);
    assert!(
        cold.assessment.reasons[0].starts_with("F0 atteinte : 0,0"),
        "{:?}",
        cold.assessment
    );
    // What became of its jars is recorded once; a conforming batch has none to record.
    let dispose = |id: i64, body: serde_json::Value| {
        let staff = staff.clone();
        let app = &app;
        async move { post(app, &staff, &paths::batch_disposition(id), body).await }
    };
    let unknown = dispose(
        cold.id,
        json!({"kind": "reprocessed", "batch_number": "19990101-09"}),
    )
    .await;
    assert_eq!(
        refusal(&unknown, StatusCode::BAD_REQUEST)
            .error
            .field
            .as_deref(),
        Some("batch_number")
    );
    let itself = dispose(
        cold.id,
        json!({"kind": "reprocessed", "batch_number": cold.number}),
    )
    .await;
    refusal(&itself, StatusCode::BAD_REQUEST);
    let reprocessed = dispose(
        cold.id,
        json!({"kind": "reprocessed", "batch_number": made.number, "note": "Repassés à l'autoclave"}),
    )
    .await;
    assert_eq!(
        reprocessed.status,
        StatusCode::CREATED,
        "{}",
        reprocessed.text()
    );
    let disposition = reprocessed.json::<Batch>().disposition.unwrap();
    assert_eq!(
        disposition.reprocessed_as,
        Some((made.id, made.number.clone()))
    );
    assert_eq!(disposition.note, "Repassés à l'autoclave");
    let again = dispose(cold.id, json!({"kind": "destroyed"})).await;
    refusal(&again, StatusCode::CONFLICT);
    let conforming = dispose(made.id, json!({"kind": "destroyed"})).await;
    refusal(&conforming, StatusCode::CONFLICT);

    let probe = cold.probe.expect("the probe is recorded");
    assert_eq!(probe.name, "Sonde TC-2 (n° 1043)");
    assert!(!probe.overdue_on(cold.made_on));

    // A probe past its calibration's due date: recorded, and flagged.
    let mut overdue = soup(&app, &new_key(), 1_000, &autoclave_csv());
    overdue["probe"]["calibrated_on"] = json!(today - chrono::Duration::days(400));
    overdue["probe"]["calibration_due"] = json!(today - chrono::Duration::days(35));
    let response = post(&app, &staff, paths::BATCHES, overdue).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let flagged: Batch = response.json();
    assert!(flagged.probe.unwrap().overdue_on(flagged.made_on));

    // A participant may not record one.
    let participant = log_in_as(&app, Role::Participant).await;
    let response = post(
        &app,
        &participant,
        paths::BATCHES,
        soup(&app, &new_key(), 1_000, &autoclave_csv()),
    )
    .await;
    refusal(&response, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn conforming_jars_enter_stock_once_and_the_recall_names_who_got_them() {
    let app = demo();
    let staff = log_in_as(&app, Role::Animator).await;
    let soup_id = batch_list(&app, &staff, "").await[1].id;
    let les_ors = centre(&app, LES_ORS);

    let key = new_key();
    let send = json!({"idempotency_key": key, "centre_id": les_ors,
                      "jars": [{"jar_ml": 370, "jars": 10}, {"jar_ml": 720, "jars": 0}]});
    let response = post(&app, &staff, &paths::batch_stock(soup_id), send.clone()).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let soup: Batch = response.json();
    assert_eq!(soup.jars_left(370), 0);
    assert!(soup
        .stocked
        .iter()
        .any(|line| line.centre_name == LES_ORS && line.jars == 10));
    // A replay adds nothing; a second send of what is no longer there is refused.
    let entries = count(&app, "ledger_entries");
    let replay = post(&app, &staff, &paths::batch_stock(soup_id), send).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(count(&app, "ledger_entries"), entries);
    let response = post(
        &app,
        &staff,
        &paths::batch_stock(soup_id),
        json!({"idempotency_key": new_key(), "centre_id": les_ors,
               "jars": [{"jar_ml": 370, "jars": 1}]}),
    )
    .await;
    let error = refusal(&response, StatusCode::CONFLICT);
    assert!(
        error.error.message.starts_with("Il reste 0 bocal"),
        "{error:?}"
    );
    let response = post(
        &app,
        &staff,
        &paths::batch_stock(soup_id),
        json!({"idempotency_key": new_key(), "centre_id": 999, "jars": [{"jar_ml": 720, "jars": 1}]}),
    )
    .await;
    refusal(&response, StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "ledger_entries"), entries);

    // Samia buys a jar of the soup at Les Ors: the recall names her, with how to reach her.
    let samia = id_of(
        &app,
        "SELECT id FROM accounts WHERE member_number = ?1",
        "100003",
    );
    let response = post(
        &app,
        &staff,
        paths::LEDGER,
        json!({"idempotency_key": new_key(), "operation": {"type": "buy_jars",
            "participant_id": samia, "centre_id": les_ors,
            "product": {"recipe_id": soup.recipe_id, "jar_ml": 370}, "count": 1}}),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let soup = batch(&app, &staff, soup_id).await;
    let recipients: Vec<(&str, &str, u32, u32)> = soup
        .recipients
        .iter()
        .map(|r| {
            (
                r.member.display_name.as_str(),
                r.centre_name.as_str(),
                r.jar_ml,
                r.jars,
            )
        })
        .collect();
    assert_eq!(recipients, vec![("Samia", LES_ORS, 370, 1)]);

    // Undoing a stock entry at the counter takes the jars back and frees them for another
    // centre; not once some were handed out.
    let stock_entry = |centre_id: i64| -> i64 {
        app.storage
            .connection()
            .unwrap()
            .query_row(
                "SELECT id FROM ledger_entries WHERE batch_id = ?1 AND centre_id = ?2
                 ORDER BY id DESC LIMIT 1",
                (soup_id, centre_id),
                |row| row.get(0),
            )
            .unwrap()
    };
    let undo = |entry_id: i64| {
        json!({"idempotency_key": new_key(), "operation": {"type": "reversal",
            "entry_id": entry_id, "reason": "Mauvais centre"}})
    };
    let response = post(&app, &staff, paths::LEDGER, undo(stock_entry(les_ors))).await;
    let error = refusal(&response, StatusCode::CONFLICT);
    assert_eq!(
        error.error.message,
        "Stock insuffisant : 9 bocaux en stock, il en faut 10."
    );
    assert_eq!(batch(&app, &staff, soup_id).await.jars_left(370), 0);
    // The demo's last entry for the soup at Saint-Nicolas: its 20 jars of 720 ml.
    let saint_nicolas = centre(&app, SAINT_NICOLAS);
    let response = post(
        &app,
        &staff,
        paths::LEDGER,
        undo(stock_entry(saint_nicolas)),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(batch(&app, &staff, soup_id).await.jars_left(720), 24);
}

#[tokio::test]
async fn a_batch_keeps_the_lethality_reference_it_was_judged_against() {
    let app = demo();
    let staff = log_in_as(&app, Role::Animator).await;
    let (recipe_id, version) = recipe(&app, "Poires au sirop léger");
    // Pears held 26 minutes at 100 °C, logged: the water bath's value at the default reference.
    let points: Vec<Value> = (0..=26)
        .map(|minute| json!({"seconds": minute * 60, "temperature_tenths": 1000}))
        .collect();
    let made = |version: u32| {
        json!({"idempotency_key": new_key(), "recipe_id": recipe_id, "recipe_version": version,
               "workshop_id": null, "made_on": common::today(),
               "inputs": [{"lot_id": lot_of(&app, "Courges"), "grams": 1000}],
               "jars": [{"jar_ml": 720, "jars": 2}],
               "process": {"kind": "log", "points": points}, "product_ph_hundredths": 400,
               "probe": {"name": "Sonde", "calibrated_on": common::today() - chrono::Duration::days(3),
                         "calibration_due": common::today() + chrono::Duration::days(300)},
               "note": ""})
    };
    let response = post(&app, &staff, paths::BATCHES, made(version)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let before: Batch = response.json();
    let default = before.assessment.reference.clone().unwrap();
    assert_eq!((default.reference_tenths, default.z_tenths), (933, 89));

    // The recipe's next version counts against the FDA's pair, validated anew.
    let current = get(&app, &staff, &paths::recipe(recipe_id)).await;
    let mut content = current.json::<Value>()["content"].clone();
    content["schedule"]["lethality"] =
        json!({"reference_tenths": 933, "z_tenths": 83, "source": "FDA, pH 4,0 à 4,4"});
    content["schedule"]["validation"] =
        json!({"by": "Validation fictive (test)", "on": common::today()});
    let saved = app
        .call(
            Call::new(Method::PUT, paths::recipe(recipe_id))
                .session(Some(&staff))
                .json(content),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    let next_version = saved.json::<Value>()["version"].as_u64().unwrap() as u32;

    // The first batch is read as it was judged; a new one is judged against the new pair.
    let again = batch(&app, &staff, before.id).await;
    assert_eq!(again.assessment, before.assessment);
    let response = post(&app, &staff, paths::BATCHES, made(next_version)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let after: Batch = response.json();
    let fda = after.assessment.reference.clone().unwrap();
    assert_eq!(
        (fda.z_tenths, fda.source.as_str()),
        (83, "FDA, pH 4,0 à 4,4")
    );
    assert_ne!(
        after.assessment.value_hundredths,
        before.assessment.value_hundredths
    );
    // Its chart is drawn against its own reference too.
    let chart = get(&app, &staff, &paths::batch_chart(after.id)).await;
    assert_eq!(chart.status, StatusCode::OK);
}
