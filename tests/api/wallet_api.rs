//! The wallet through the real router on a temporary SQLite file: the counter's operations and
//! refusals, replays, reversals, attendance credits, races at the counter, exports.
//!
//! The demo data gives Samia (participant) 270 tic-tac (210 + 120 for two workshops, minus two
//! jars at 30) and 3 jars of coulis on deposit, taken at Les Ors.

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{json, Value};

use bocal::api::accounts::Me;
use bocal::api::produce::Deposit;
use bocal::api::wallet::{EntryKind, LedgerEntry, MemberRow, StockLine, Wallet};
use bocal::api::{paths, ErrorCode};
use bocal::domain::Role;
use common::{
    demo, drifted_balances, id_of, log_in_as, new_key, refusal, Call, TestApp, TestResponse,
};

const LES_ORS: &str = "Maison de quartier des Ors";

fn centre(app: &TestApp, name: &str) -> i64 {
    id_of(app, "SELECT id FROM centres WHERE name = ?1", name)
}

fn product(app: &TestApp, recipe: &str, jar_ml: u32) -> Value {
    let recipe_id = id_of(
        app,
        "SELECT recipe_id FROM recipe_versions WHERE title = ?1",
        recipe,
    );
    json!({"recipe_id": recipe_id, "jar_ml": jar_ml})
}

fn samia(app: &TestApp) -> i64 {
    id_of(
        app,
        "SELECT id FROM accounts WHERE member_number = ?1",
        "100003",
    )
}

fn entries(app: &TestApp) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row("SELECT count(*) FROM ledger_entries", [], |row| row.get(0))
        .unwrap()
}

/// Every unit's postings, summed over the whole ledger: each must be zero.
fn unit_sums(app: &TestApp) -> Vec<(String, i64)> {
    let conn = app.storage.connection().unwrap();
    let mut statement = conn
        .prepare(
            "SELECT unit || coalesce(':' || recipe_id || ':' || jar_ml, ''), sum(amount)
             FROM ledger_postings GROUP BY unit, recipe_id, jar_ml",
        )
        .unwrap();
    let sums = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    sums
}

fn assert_ledger_balances(app: &TestApp) {
    let sums = unit_sums(app);
    assert!(sums.len() >= 4, "{sums:?}");
    assert!(sums.iter().all(|(_, sum)| *sum == 0), "{sums:?}");
    // The running balances the checks read agree with the postings.
    let drifted = drifted_balances(&app.storage.connection().unwrap());
    assert!(drifted.is_empty(), "{drifted:?}");
}

async fn record(app: &TestApp, session: &str, key: &str, operation: Value) -> TestResponse {
    app.call(
        Call::new(Method::POST, paths::LEDGER)
            .session(Some(session))
            .json(json!({"idempotency_key": key, "operation": operation})),
    )
    .await
}

async fn wallet_of(app: &TestApp, session: &str) -> Wallet {
    let response = app
        .call(Call::new(Method::GET, paths::MY_WALLET).session(Some(session)))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

#[tokio::test]
async fn the_counter_credits_minutes_and_each_member_sees_only_their_own_wallet() {
    let app = demo();
    let participant = log_in_as(&app, Role::Participant).await;
    let animator = log_in_as(&app, Role::Animator).await;
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));

    let wallet = wallet_of(&app, &participant).await;
    assert_eq!(wallet.member.member_number, "100003");
    assert_eq!(
        (wallet.tictac, wallet.deposit_jars, wallet.deposit_cents),
        (270, 3, 600)
    );
    let credit = wallet
        .history
        .iter()
        .find(|entry| entry.tictac == 210)
        .expect("the quince workshop's credit");
    assert_eq!(
        credit.label,
        "Confiture de coings, Maison de quartier des Ors"
    );
    assert_eq!(credit.kind, EntryKind::Volunteering);
    // Her balance went 210, 330, 270: the chart has three points, from 210.
    assert_eq!((wallet.chart_points, wallet.first_balance), (3, 210));

    // Another's wallet is for the counter only.
    let response = app
        .call(Call::new(Method::GET, paths::wallet(samia_id)).session(Some(&participant)))
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    // Her balance over time, drawn as SVG: the scale reaches her highest balance (330).
    let chart = app
        .call(Call::new(Method::GET, paths::MY_WALLET_CHART).session(Some(&participant)))
        .await;
    assert_eq!(chart.content_type, "image/svg+xml");
    assert_eq!(chart.cache_control.as_deref(), Some("private, no-cache"));
    assert!(chart.text().contains("\n300\n"), "{}", chart.text());
    let card = app
        .call(Call::new(Method::GET, paths::MY_CARD).session(Some(&participant)))
        .await;
    assert_eq!(card.content_type, "image/svg+xml");
    assert!(card.text().contains("<svg"), "{}", card.text());

    // The counter finds her by name and by the number her card's QR code holds.
    for query in ["sam", "100003"] {
        let rows: Vec<MemberRow> = app
            .call(
                Call::new(Method::GET, format!("{}?q={query}", paths::WALLETS))
                    .session(Some(&animator)),
            )
            .await
            .json();
        assert_eq!(rows.len(), 1, "{query}");
        assert_eq!((rows[0].tictac, rows[0].deposit_jars), (270, 3));
    }

    let key = new_key();
    let ninety = json!({"type": "volunteering", "participant_id": samia_id, "centre_id": les_ors, "minutes": 90,
                        "note": "Tri des bocaux"});
    let first = record(&app, &animator, &key, ninety.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let entry: LedgerEntry = first.json();
    assert_eq!(
        (entry.tictac, entry.label.as_str()),
        (90, "Bénévolat : Tri des bocaux")
    );
    assert_eq!(entry.recorded_by, "Lucas (100002)");

    // A replay (a lost answer, a double tap) gets the same entry and writes nothing.
    let count = entries(&app);
    let replay = record(&app, &animator, &key, ninety).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.json::<LedgerEntry>().id, entry.id);
    assert_eq!(entries(&app), count);
    // The same key for another operation is a client bug, refused.
    let other = json!({"type": "volunteering", "participant_id": samia_id, "centre_id": les_ors, "minutes": 60,
                       "note": ""});
    let error = refusal(
        &record(&app, &animator, &key, other).await,
        StatusCode::CONFLICT,
    );
    assert_eq!(error.error.field.as_deref(), Some("idempotency_key"));
    assert_eq!(wallet_of(&app, &participant).await.tictac, 360);
    assert_ledger_balances(&app);
}

#[tokio::test]
async fn every_rule_refuses_with_a_clear_message_and_writes_nothing() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let admin = log_in_as(&app, Role::Admin).await;
    let producer_id = id_of(
        &app,
        "SELECT id FROM accounts WHERE member_number = ?1",
        "100004",
    );
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));
    let compote = product(&app, "Compote pomme-coing", 370);
    let soup = product(&app, "Soupe de courge", 720);
    let before = entries(&app);

    let cases: Vec<(Value, StatusCode, &str)> = vec![
        // 270 tic-tac cannot pay 10 jars at 30.
        (
            json!({"type": "buy_jars", "participant_id": samia_id, "centre_id": les_ors,
                   "product": compote, "count": 10}),
            StatusCode::CONFLICT,
            "Solde insuffisant : 270 tic-tac, il en faut 300.",
        ),
        // Les Ors holds 8 jars of soup.
        (
            json!({"type": "deposit_jars", "participant_id": samia_id, "centre_id": les_ors,
                   "product": soup, "count": 9}),
            StatusCode::CONFLICT,
            "Stock insuffisant : 8 bocaux en stock, il en faut 9.",
        ),
        (
            json!({"type": "return_jars", "participant_id": samia_id, "centre_id": les_ors,
                   "count": 4}),
            StatusCode::CONFLICT,
            "Cette personne n'a que 3 bocaux en consigne, pas 4.",
        ),
        (
            json!({"type": "deposit_jars", "participant_id": samia_id, "centre_id": les_ors,
                   "product": {"recipe_id": 1, "jar_ml": 999}, "count": 1}),
            StatusCode::BAD_REQUEST,
            "Cette recette n'existe pas dans cette taille de bocal.",
        ),
        (
            json!({"type": "deposit_jars", "participant_id": samia_id, "centre_id": les_ors,
                   "product": soup, "count": 0}),
            StatusCode::BAD_REQUEST,
            "Entre 1 et 100 bocaux.",
        ),
        (
            json!({"type": "return_jars", "participant_id": samia_id, "centre_id": les_ors,
                   "count": -2}),
            StatusCode::BAD_REQUEST,
            "Entre 1 et 100 bocaux.",
        ),
        (
            json!({"type": "volunteering", "participant_id": samia_id, "centre_id": les_ors, "minutes": 0,
                   "note": ""}),
            StatusCode::BAD_REQUEST,
            "Au moins une minute.",
        ),
        (
            json!({"type": "volunteering", "participant_id": samia_id, "centre_id": les_ors, "minutes": 5000,
                   "note": ""}),
            StatusCode::BAD_REQUEST,
            "Entre 1 et 1440 minutes.",
        ),
        (
            json!({"type": "volunteering", "participant_id": 9999, "centre_id": les_ors, "minutes": 30, "note": ""}),
            StatusCode::NOT_FOUND,
            "Ce compte n'existe pas.",
        ),
        // A farm's account has no wallet.
        (
            json!({"type": "volunteering", "participant_id": producer_id, "centre_id": les_ors, "minutes": 30,
                   "note": ""}),
            StatusCode::NOT_FOUND,
            "Ce compte n'existe pas.",
        ),
        (
            json!({"type": "receive_stock", "centre_id": 9999, "product": soup, "count": 5}),
            StatusCode::NOT_FOUND,
            "Ce centre n'existe pas.",
        ),
        // Corrections are for admins.
        (
            json!({"type": "adjust_tic_tac", "participant_id": samia_id, "minutes": 500,
                   "reason": "erreur de saisie"}),
            StatusCode::FORBIDDEN,
            "Seul un admin peut corriger un solde ou un stock.",
        ),
    ];
    for (operation, status, message) in cases {
        let response = record(&app, &animator, &new_key(), operation.clone()).await;
        let error = refusal(&response, status);
        assert_eq!(error.error.message, message, "{operation}");
    }
    // Admins too: a correction needs its reason, and cannot take a balance below zero.
    let no_reason = json!({"type": "adjust_tic_tac", "participant_id": samia_id,
                           "minutes": -20, "reason": " "});
    let error = refusal(
        &record(&app, &admin, &new_key(), no_reason).await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(error.error.field.as_deref(), Some("reason"));
    let too_much = json!({"type": "adjust_tic_tac", "participant_id": samia_id,
                          "minutes": -300, "reason": "double saisie"});
    refusal(
        &record(&app, &admin, &new_key(), too_much).await,
        StatusCode::CONFLICT,
    );
    // A key too short to be random.
    let error = refusal(
        &record(
            &app,
            &animator,
            "abc",
            json!({"type": "volunteering", "participant_id": samia_id, "centre_id": les_ors, "minutes": 30,
                   "note": ""}),
        )
        .await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(error.error.field.as_deref(), Some("idempotency_key"));
    assert_eq!(entries(&app), before, "a refusal writes nothing");

    let fixed = json!({"type": "adjust_tic_tac", "participant_id": samia_id,
                       "minutes": -20, "reason": "double saisie du 12"});
    let response = record(&app, &admin, &new_key(), fixed).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(
        response.json::<LedgerEntry>().label,
        "Correction : double saisie du 12"
    );
    assert_ledger_balances(&app);
}

#[tokio::test]
async fn jars_go_out_on_deposit_come_back_and_mistakes_are_reversed() {
    let app = demo();
    let participant = log_in_as(&app, Role::Participant).await;
    let animator = log_in_as(&app, Role::Animator).await;
    let admin = log_in_as(&app, Role::Admin).await;
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));
    let soup = product(&app, "Soupe de courge", 720);

    let deposit = json!({"type": "deposit_jars", "participant_id": samia_id,
                         "centre_id": les_ors, "product": soup, "count": 2});
    let entry: LedgerEntry = record(&app, &animator, &new_key(), deposit).await.json();
    assert_eq!(entry.label, "2 × Soupe de courge (720 ml), consigne 4,00 €");
    assert_eq!((entry.deposit_jars, entry.stock), (2, -2));
    let stock: Vec<StockLine> = app
        .call(Call::new(Method::GET, paths::centre_stock(les_ors)).session(Some(&animator)))
        .await
        .json();
    let soup_line = stock
        .iter()
        .find(|line| line.title == "Soupe de courge" && line.product.jar_ml == 720)
        .unwrap();
    assert_eq!((soup_line.in_stock, soup_line.price_tictac), (6, Some(50)));

    // A swap keeps the deposit; a return refunds it.
    let swap = json!({"type": "swap_jars", "participant_id": samia_id, "centre_id": les_ors,
                      "product": soup, "count": 5});
    let swapped: LedgerEntry = record(&app, &animator, &new_key(), swap).await.json();
    assert_eq!((swapped.deposit_jars, swapped.jars), (0, 5));
    let give_back = json!({"type": "return_jars", "participant_id": samia_id,
                           "centre_id": les_ors, "count": 4});
    let returned: LedgerEntry = record(&app, &animator, &new_key(), give_back).await.json();
    assert_eq!(
        returned.label,
        "4 bocaux rendus, consigne remboursée 8,00 €"
    );
    let wallet = wallet_of(&app, &participant).await;
    assert_eq!((wallet.deposit_jars, wallet.deposit_cents), (1, 200));

    // Undo the return: the glasses are on deposit again.
    let undo = json!({"type": "reversal", "entry_id": returned.id, "reason": "mauvais membre"});
    let reversal: LedgerEntry = record(&app, &animator, &new_key(), undo.clone())
        .await
        .json();
    assert_eq!(reversal.kind, EntryKind::Reversal);
    assert_eq!(reversal.deposit_jars, 4);
    assert_eq!(wallet_of(&app, &participant).await.deposit_jars, 5);
    let again = record(&app, &animator, &new_key(), undo).await;
    assert!(refusal(&again, StatusCode::CONFLICT)
        .error
        .message
        .contains("déjà annulée"));
    let undo_undo =
        json!({"type": "reversal", "entry_id": reversal.id, "reason": "finalement non"});
    refusal(
        &record(&app, &animator, &new_key(), undo_undo).await,
        StatusCode::CONFLICT,
    );

    // Yesterday's purchase (demo data): an admin's to reverse, not an animator's.
    let wallet = wallet_of(&app, &participant).await;
    let purchase = wallet
        .history
        .iter()
        .find(|entry| entry.kind == EntryKind::JarsForTicTac)
        .unwrap();
    let undo = json!({"type": "reversal", "entry_id": purchase.id, "reason": "bocaux abîmés"});
    refusal(
        &record(&app, &animator, &new_key(), undo.clone()).await,
        StatusCode::FORBIDDEN,
    );
    let response = record(&app, &admin, &new_key(), undo).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(wallet_of(&app, &participant).await.tictac, 330);

    // An attendance credit is corrected on the attendance sheet, not at the counter.
    let credit = wallet
        .history
        .iter()
        .find(|entry| entry.kind == EntryKind::Volunteering)
        .unwrap();
    let undo = json!({"type": "reversal", "entry_id": credit.id, "reason": "absente"});
    let error = refusal(
        &record(&app, &admin, &new_key(), undo).await,
        StatusCode::CONFLICT,
    );
    assert!(error.error.message.contains("feuille de présence"));

    // A credit already spent cannot be taken back (430 tic-tac, 360 spent).
    let compote = product(&app, "Compote pomme-coing", 370);
    let minutes = json!({"type": "volunteering", "participant_id": samia_id, "centre_id": les_ors, "minutes": 100,
                         "note": "Stand"});
    let credit: LedgerEntry = record(&app, &animator, &new_key(), minutes).await.json();
    let spend = json!({"type": "buy_jars", "participant_id": samia_id, "centre_id": les_ors,
                       "product": compote, "count": 12});
    let spent = record(&app, &animator, &new_key(), spend).await;
    assert_eq!(spent.status, StatusCode::CREATED, "{}", spent.text());
    let undo = json!({"type": "reversal", "entry_id": credit.id, "reason": "erreur"});
    let error = refusal(
        &record(&app, &animator, &new_key(), undo).await,
        StatusCode::CONFLICT,
    );
    assert_eq!(
        error.error.message,
        "Solde insuffisant : 70 tic-tac, il en faut 100."
    );
    assert_ledger_balances(&app);
}

#[tokio::test]
async fn the_attendance_sheet_credits_the_minutes_and_corrections_follow() {
    let app = demo();
    let participant = log_in_as(&app, Role::Participant).await;
    let animator = log_in_as(&app, Role::Animator).await;
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));
    let signup = id_of(
        &app,
        "SELECT s.id FROM signups s JOIN workshops w ON w.id = s.workshop_id
         WHERE w.title = ?1",
        "Confiture de coings",
    );
    let attendance = |minutes: u32, attended: bool| {
        Call::new(Method::PUT, paths::signup_attendance(signup))
            .session(Some(&animator))
            .json(json!({"attended": attended, "volunteered_minutes": minutes}))
    };
    assert_eq!(
        app.call(attendance(240, true)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(wallet_of(&app, &participant).await.tictac, 300);
    // The same sheet saved twice credits nothing more.
    app.call(attendance(240, true)).await;
    assert_eq!(wallet_of(&app, &participant).await.tictac, 300);
    app.call(attendance(0, false)).await;
    let wallet = wallet_of(&app, &participant).await;
    assert_eq!(wallet.tictac, 60);
    assert_eq!(wallet.history[0].tictac, -240);
    assert_eq!(
        wallet.history[0].label,
        "Confiture de coings, Maison de quartier des Ors"
    );

    // Minutes spent in the meantime cannot be taken back: the sheet keeps its old value.
    app.call(attendance(240, true)).await;
    let compote = product(&app, "Compote pomme-coing", 370);
    let spend = json!({"type": "buy_jars", "participant_id": samia_id, "centre_id": les_ors,
                       "product": compote, "count": 10});
    assert_eq!(
        record(&app, &animator, &new_key(), spend).await.status,
        StatusCode::CREATED
    );
    let error = refusal(&app.call(attendance(0, false)).await, StatusCode::CONFLICT);
    assert!(
        error
            .error
            .message
            .starts_with("Ces minutes ont déjà été dépensées"),
        "{}",
        error.error.message
    );
    let minutes: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT volunteered_minutes FROM signups WHERE id = ?1",
            [signup],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(minutes, 240);
    assert_eq!(wallet_of(&app, &participant).await.tictac, 0);

    // A farm that came to the workshop gets its attendance noted, and no wallet.
    let producer_signup = {
        let conn = app.storage.connection().unwrap();
        conn.execute(
            "INSERT INTO signups (workshop_id, account_id, first_name, created_at)
             SELECT workshop_id, (SELECT id FROM accounts WHERE member_number = '100004'),
                    'Élise', created_at FROM signups WHERE id = ?1",
            [signup],
        )
        .unwrap();
        conn.last_insert_rowid()
    };
    let before = entries(&app);
    let noted = app
        .call(
            Call::new(Method::PUT, paths::signup_attendance(producer_signup))
                .session(Some(&animator))
                .json(json!({"attended": true, "volunteered_minutes": 120})),
        )
        .await;
    assert_eq!(noted.status, StatusCode::NO_CONTENT);
    assert_eq!(entries(&app), before);
    assert_ledger_balances(&app);
}

/// Fires `count` copies of `operation`, each with its own key, all at once, from ten staff
/// sessions; returns how many were recorded and how many refused.
async fn fire(app: &std::sync::Arc<TestApp>, operation: Value, count: usize) -> (usize, usize) {
    let mut sessions = Vec::new();
    for _ in 0..5 {
        sessions.push(log_in_as(app, Role::Animator).await);
        sessions.push(log_in_as(app, Role::Admin).await);
    }
    let attempts: Vec<_> = sessions
        .iter()
        .cycle()
        .take(count)
        .cloned()
        .map(|session| {
            let (app, operation) = (app.clone(), operation.clone());
            tokio::spawn(async move { record(&app, &session, &new_key(), operation).await })
        })
        .collect();
    let (mut recorded, mut refused) = (0, 0);
    for attempt in attempts {
        match attempt.await.unwrap().status {
            StatusCode::CREATED => recorded += 1,
            StatusCode::CONFLICT => refused += 1,
            status => panic!("unexpected {status}"),
        }
    }
    (recorded, refused)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_purchases_never_overspend_and_never_oversell() {
    let app = std::sync::Arc::new(demo());
    let admin = log_in_as(&app, Role::Admin).await;
    let participant = log_in_as(&app, Role::Participant).await;
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));
    let compote = product(&app, "Compote pomme-coing", 370);
    // 270 tic-tac at 27 a jar: exactly ten jars (the centre holds 16).
    let price = app
        .call(
            Call::new(Method::PUT, paths::JAR_PRICES)
                .session(Some(&admin))
                .json(json!({"product": compote, "tictac": 27})),
        )
        .await;
    assert_eq!(price.status, StatusCode::NO_CONTENT, "{}", price.text());
    let buy = json!({"type": "buy_jars", "participant_id": samia_id, "centre_id": les_ors,
                     "product": compote, "count": 1});
    assert_eq!(fire(&app, buy, 100).await, (10, 90));
    let wallet = wallet_of(&app, &participant).await;
    assert_eq!(wallet.tictac, 0);

    // The soup: 8 jars in stock, 100 people wanting one on deposit.
    let soup = product(&app, "Soupe de courge", 720);
    let deposit = json!({"type": "deposit_jars", "participant_id": samia_id,
                         "centre_id": les_ors, "product": soup, "count": 1});
    assert_eq!(fire(&app, deposit, 100).await, (8, 92));
    let stock: Vec<StockLine> = app
        .call(Call::new(Method::GET, paths::centre_stock(les_ors)).session(Some(&admin)))
        .await
        .json();
    let in_stock = |title: &str, jar_ml: u32| {
        stock
            .iter()
            .find(|line| line.title == title && line.product.jar_ml == jar_ml)
            .unwrap()
            .in_stock
    };
    assert_eq!(in_stock("Soupe de courge", 720), 0);
    assert_eq!(in_stock("Compote pomme-coing", 370), 6);
    assert_ledger_balances(&app);
}

#[tokio::test]
async fn entries_are_never_edited_or_deleted() {
    let app = demo();
    let conn = app.storage.connection().unwrap();
    for sql in [
        "UPDATE ledger_entries SET note = 'x'",
        "DELETE FROM ledger_entries",
        "UPDATE ledger_postings SET amount = amount * 2",
        "DELETE FROM ledger_postings",
    ] {
        let error = conn.execute(sql, []).unwrap_err().to_string();
        assert!(error.contains("append-only"), "{sql}: {error}");
    }
}

#[tokio::test]
async fn prices_are_set_by_admins_within_bounds() {
    let app = demo();
    let admin = log_in_as(&app, Role::Admin).await;
    let compote = product(&app, "Compote pomme-coing", 370);
    for (body, field) in [
        (json!({"product": compote, "tictac": 0}), "tictac"),
        (json!({"product": compote, "tictac": 601}), "tictac"),
        (
            json!({"product": {"recipe_id": 1, "jar_ml": 333}, "tictac": 30}),
            "product",
        ),
    ] {
        let response = app
            .call(
                Call::new(Method::PUT, paths::JAR_PRICES)
                    .session(Some(&admin))
                    .json(body),
            )
            .await;
        let error = refusal(&response, StatusCode::BAD_REQUEST);
        assert_eq!(error.error.field.as_deref(), Some(field));
    }

    // A new price is audited, and changes no past purchase.
    let response = app
        .call(
            Call::new(Method::PUT, paths::JAR_PRICES)
                .session(Some(&admin))
                .json(json!({"product": compote, "tictac": 35})),
        )
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    let audited: String = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'prix d''un bocal' ORDER BY id DESC",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(audited, "35 tic-tac");
    let participant = log_in_as(&app, Role::Participant).await;
    let wallet = wallet_of(&app, &participant).await;
    let purchase = wallet
        .history
        .iter()
        .find(|entry| entry.kind == EntryKind::JarsForTicTac)
        .unwrap();
    assert_eq!(purchase.tictac, -60, "2 jars at the old price of 30");
    assert_eq!(wallet.tictac, 270);
}

#[tokio::test]
async fn the_exports_give_every_entry_and_the_monthly_totals() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));
    let minutes = json!({"type": "volunteering", "participant_id": samia_id, "centre_id": les_ors, "minutes": 45,
                         "note": "Étiquetage; \"spécial\""});
    record(&app, &animator, &new_key(), minutes).await;
    let today = common::today();
    let period = format!("du={}&au={}", today - Duration::days(40), today);

    let csv = app
        .call(
            Call::new(Method::GET, format!("{}?{period}", paths::EXPORT_LEDGER))
                .session(Some(&animator)),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    let text = csv.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("\u{feff}n°;date;opération;libellé;membre"));
    // 8 stock entries, 2 attendance credits, 1 purchase, 1 deposit, the 2 stock entries (one
    // per jar size) of the demo's conforming batch, and today's 45 minutes.
    assert_eq!(lines.len(), 1 + 15, "{text}");
    let from_batch: Vec<&&str> = lines
        .iter()
        .filter(|line| line.contains("Lot de fabrication "))
        .collect();
    assert_eq!(from_batch.len(), 2, "{text}");
    assert!(from_batch[0].contains("Soupe de courge (370 ml)"), "{text}");
    let last = lines.last().unwrap();
    assert!(
        last.contains(";Bénévolat;\"Bénévolat : Étiquetage; \"\"spécial\"\"\";Samia;100003;Maison de quartier des Ors;45;"),
        "{last}"
    );

    let monthly = app
        .call(
            Call::new(Method::GET, format!("{}?{period}", paths::EXPORT_MONTHLY))
                .session(Some(&animator)),
        )
        .await
        .text();
    let les_ors_rows: Vec<&str> = monthly
        .lines()
        .filter(|line| line.contains(LES_ORS))
        .collect();
    assert!(!les_ors_rows.is_empty(), "{monthly}");
    // Over all months: the two jars bought with 60 tic-tac, the three on deposit (6 EUR).
    let column = |index: usize| -> i64 {
        les_ors_rows
            .iter()
            .map(|row| row.split(';').nth(index).unwrap().parse::<i64>().unwrap())
            .sum()
    };
    assert_eq!(
        (column(3), column(4), column(5), column(7)),
        (60, 2, 3, 600)
    );
    assert_eq!(column(8), 12 + 18 + 10 + 8);

    for query in [
        "du=2026-12-01&au=2026-11-01",
        "du=2026-12-01",
        "du=hier&au=demain",
    ] {
        let response = app
            .call(
                Call::new(Method::GET, format!("{}?{query}", paths::EXPORT_LEDGER))
                    .session(Some(&animator)),
            )
            .await;
        assert_eq!(
            refusal(&response, StatusCode::BAD_REQUEST).error.code,
            ErrorCode::InvalidInput
        );
    }
    // The participant's own page never lists the exports' data of others.
    let participant = log_in_as(&app, Role::Participant).await;
    let me: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&participant)))
        .await
        .json();
    assert_eq!(me.id, samia_id);
}

#[tokio::test]
async fn the_history_comes_thirty_lines_at_a_time_newest_first() {
    let app = demo();
    let participant = log_in_as(&app, Role::Participant).await;
    let animator = log_in_as(&app, Role::Animator).await;
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));
    // The demo gives her 4 lines; 40 more make 44.
    for minute in 1..=40 {
        let operation = json!({"type": "volunteering", "participant_id": samia_id,
                               "centre_id": les_ors, "minutes": minute, "note": format!("Tri {minute}")});
        let response = record(&app, &animator, &new_key(), operation).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
    let read = |query: String| {
        let (app, participant) = (&app, &participant);
        async move {
            let response = app
                .call(
                    Call::new(Method::GET, format!("{}{query}", paths::MY_WALLET))
                        .session(Some(participant)),
                )
                .await;
            (response.status, response)
        }
    };

    let first: Wallet = wallet_of(&app, &participant).await;
    assert_eq!(first.history.len(), 30);
    assert!(first.more_history);
    assert_eq!(first.history[0].label, "Bénévolat : Tri 40");
    // The balance counts every line, shown or not.
    assert_eq!(first.tictac, 270 + (1..=40).sum::<i64>());

    let (status, response) = read("?lines=60".into()).await;
    assert_eq!(status, StatusCode::OK);
    let two: Wallet = response.json();
    assert_eq!(two.history.len(), 44);
    assert!(!two.more_history);
    assert_eq!(two.history[..30], first.history[..]);
    // Exactly as many as there are: nothing more.
    let (_, response) = read("?lines=44".into()).await;
    assert!(!response.json::<Wallet>().more_history);

    // The counter reads a member's the same way.
    let response = app
        .call(
            Call::new(Method::GET, format!("{}?lines=60", paths::wallet(samia_id)))
                .session(Some(&animator)),
        )
        .await;
    assert_eq!(response.json::<Wallet>().history.len(), 44);

    for lines in ["0", "3001", "trente", "-30"] {
        let (status, response) = read(format!("?lines={lines}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "lines={lines}");
        assert!(response.text().contains("lignes"), "{}", response.text());
    }
}

#[tokio::test]
async fn a_new_deposit_rate_applies_from_its_day_and_each_glass_comes_back_at_what_it_cost() {
    let app = demo();
    let participant = log_in_as(&app, Role::Participant).await;
    let animator = log_in_as(&app, Role::Animator).await;
    let admin = log_in_as(&app, Role::Admin).await;
    let (samia_id, les_ors) = (samia(&app), centre(&app, LES_ORS));
    let soup = product(&app, "Soupe de courge", 720);
    let set_rate = |session: String, body: Value| {
        let app = &app;
        async move {
            app.call(
                Call::new(Method::POST, paths::SETTINGS_DEPOSIT)
                    .session(Some(&session))
                    .json(body),
            )
            .await
        }
    };
    let today = common::today();

    // Before any change: 2 EUR, and the demo's three glasses come back at 2 EUR each.
    let deposit: Deposit = app
        .call(Call::new(Method::GET, paths::SETTINGS_DEPOSIT).session(Some(&animator)))
        .await
        .json();
    assert_eq!(deposit.today.cents, 200);
    assert_eq!(wallet_of(&app, &participant).await.deposit_cents, 600);

    // Only an admin sets a rate, from today or later, once a day.
    let from_today = json!({"starts_on": today, "cents": 250});
    refusal(
        &set_rate(animator.clone(), from_today.clone()).await,
        StatusCode::FORBIDDEN,
    );
    let yesterday = json!({"starts_on": today - Duration::days(1), "cents": 250});
    let error = refusal(
        &set_rate(admin.clone(), yesterday).await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(error.error.field.as_deref(), Some("starts_on"));
    let too_much = json!({"starts_on": today, "cents": 2001});
    refusal(
        &set_rate(admin.clone(), too_much).await,
        StatusCode::BAD_REQUEST,
    );
    let response = set_rate(admin.clone(), from_today.clone()).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let deposit: Deposit = response.json();
    assert_eq!(deposit.today.cents, 250);
    assert_eq!(deposit.rates.len(), 2);
    refusal(
        &set_rate(admin.clone(), from_today).await,
        StatusCode::CONFLICT,
    );
    let next_year = json!({"starts_on": today + Duration::days(365), "cents": 300});
    let deposit: Deposit = set_rate(admin.clone(), next_year).await.json();
    assert_eq!(deposit.today.cents, 250, "a later rate waits for its day");

    // A glass handed out today costs 2,50 EUR; the three from before still cost 2 EUR.
    let out = json!({"type": "deposit_jars", "participant_id": samia_id,
                     "centre_id": les_ors, "product": soup, "count": 1});
    let entry: LedgerEntry = record(&app, &animator, &new_key(), out).await.json();
    assert_eq!(entry.label, "1 × Soupe de courge (720 ml), consigne 2,50 €");
    let wallet = wallet_of(&app, &participant).await;
    assert_eq!((wallet.deposit_jars, wallet.deposit_cents), (4, 850));

    // Brought back in two goes, the four glasses give back exactly what they cost.
    let back = |count: i64| {
        json!({"type": "return_jars", "participant_id": samia_id,
               "centre_id": les_ors, "count": count})
    };
    let first: LedgerEntry = record(&app, &animator, &new_key(), back(2)).await.json();
    let second: LedgerEntry = record(&app, &animator, &new_key(), back(2)).await.json();
    assert_eq!(first.label, "2 bocaux rendus, consigne remboursée 4,25 €");
    assert_eq!(second.label, "2 bocaux rendus, consigne remboursée 4,25 €");
    let wallet = wallet_of(&app, &participant).await;
    assert_eq!((wallet.deposit_jars, wallet.deposit_cents), (0, 0));
    // The history keeps each entry's own amount: the demo's deposit still reads 2 EUR a glass.
    assert!(wallet
        .history
        .iter()
        .any(|entry| entry.label.ends_with("consigne 6,00 €")));
    assert_ledger_balances(&app);
}
