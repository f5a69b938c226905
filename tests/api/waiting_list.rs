//! The waiting list of a full workshop: a place that frees (a cancellation, a raised capacity)
//! goes to the first in line, who is told; capacity holds when cancellations, new sign-ups
//! and promotions race.

use crate::common;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Timelike};
use serde_json::{json, Value};

use bocal::api::signups::{SignupReceipt, SignupRow};
use bocal::api::{paths, ErrorBody};
use bocal::domain::time::local;
use bocal::domain::{Role, Workshop};
use bocal::server::notifications::Notifications;
use bocal::server::tasks::sender::send_due;
use common::sms_gateway::{Failing, Gateway};
use common::{Call, TestApp};

fn guest(first_name: &str, phone: &str, waiting_list: bool) -> Value {
    json!({
        "first_name": first_name,
        "phone": phone,
        "notify_by": "sms",
        "waiting_list": waiting_list,
    })
}

fn sign_up_call(body: Value) -> Call {
    Call::new(Method::POST, paths::workshop_signups(1)).json(body)
}

fn cancel_call(receipt: &SignupReceipt) -> Call {
    Call::new(Method::POST, paths::signup_cancel(receipt.signup_id))
        .json(json!({ "token": receipt.cancel_token }))
}

async fn signed(app: &TestApp, body: Value) -> SignupReceipt {
    let response = app.call(sign_up_call(body)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn shown(app: &TestApp) -> Workshop {
    app.get(&paths::workshop(1)).await.json()
}

/// The workshop editor's form for workshop 1 as it stands, with another capacity.
fn with_capacity(workshop: &Workshop, capacity: u32) -> Value {
    let starts = local(workshop.starts_at);
    json!({
        "title": workshop.title,
        "kind": workshop.kind,
        "date": starts.date_naive(),
        "start": starts.time(),
        "end": local(workshop.ends_at).time(),
        "place": { "type": "saved", "id": workshop.place.id },
        "centre_id": workshop.centre_id,
        "capacity": capacity,
        "description": workshop.description,
    })
}

fn texts_to(received: &[Value], phone: &str) -> Vec<String> {
    received
        .iter()
        .filter(|sms| sms["to"] == phone)
        .map(|sms| sms["text"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_freed_place_goes_to_the_first_in_line_who_is_told_and_only_those_with_a_place_get_reminders(
) {
    let gateway = Gateway::start(Failing::No).await;
    let app = TestApp::start_with(&common::one_workshop_seed(2), gateway.notifications());
    let aicha = signed(&app, guest("Aïcha", "0611111111", false)).await;
    signed(&app, guest("Bruno", "0622222222", false)).await;

    // Full: refused, with the way out said; then in line, in order.
    let refused = app
        .call(sign_up_call(guest("Chloé", "0633333333", false)))
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let error: ErrorBody = refused.json();
    assert!(error.error.message.contains("liste d'attente"), "{error:?}");
    let chloe = signed(&app, guest("Chloé", "0633333333", true)).await;
    assert_eq!((chloe.waiting_position, chloe.places_left), (Some(1), 0));
    let denis = signed(&app, guest("Denis", "0644444444", true)).await;
    assert_eq!(denis.waiting_position, Some(2));
    let again = app
        .call(sign_up_call(guest("Denis", "0644444444", true)))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let workshop = shown(&app).await;
    assert_eq!((workshop.signed_up, workshop.waiting), (2, 2));

    // Aïcha cancels: Chloé, first in line, takes her place.
    assert_eq!(
        app.call(cancel_call(&aicha)).await.status,
        StatusCode::NO_CONTENT
    );
    let workshop = shown(&app).await;
    assert_eq!((workshop.signed_up, workshop.waiting), (2, 1));
    // Chloé's phone learns it with her code; Denis is now next; a wrong code learns nothing.
    let state = |receipt: &SignupReceipt, token: Option<&str>| {
        Call::new(Method::POST, paths::signup_state(receipt.signup_id))
            .json(json!({ "token": token }))
    };
    let now_chloe: SignupReceipt = app
        .call(state(&chloe, chloe.cancel_token.as_deref()))
        .await
        .json();
    assert_eq!(now_chloe.waiting_position, None);
    let now_denis: SignupReceipt = app
        .call(state(&denis, denis.cancel_token.as_deref()))
        .await
        .json();
    assert_eq!(now_denis.waiting_position, Some(1));
    assert_eq!(
        app.call(state(&denis, Some("pas-le-bon"))).await.status,
        StatusCode::NOT_FOUND
    );

    // The team raises the capacity to 3: Denis takes the new place.
    let animator = common::log_in_as(&app, Role::Animator).await;
    let saved = app
        .call(
            Call::new(Method::PUT, paths::workshop(1))
                .session(Some(&animator))
                .json(with_capacity(&workshop, 3)),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    let workshop = shown(&app).await;
    assert_eq!((workshop.signed_up, workshop.waiting), (3, 0));

    // Élise joins the line of the full workshop and leaves it.
    let elise = signed(&app, guest("Élise", "0655555555", true)).await;
    assert_eq!(elise.waiting_position, Some(1));
    let rows: Vec<SignupRow> = app
        .call(Call::new(Method::GET, paths::workshop_signups(1)).session(Some(&animator)))
        .await
        .json();
    let listed: Vec<(&str, bool, bool)> = rows
        .iter()
        .map(|row| (row.first_name.as_str(), row.waiting, row.cancelled))
        .collect();
    assert_eq!(
        listed,
        [
            ("Bruno", false, false),
            ("Chloé", false, false),
            ("Denis", false, false),
            ("Élise", true, false),
            ("Aïcha", false, true),
        ]
    );

    let client = reqwest::Client::new();
    send_due(app.state(), &client, common::now()).await.unwrap();
    let received = gateway.received();
    let chloe_texts = texts_to(&received, "+33633333333");
    assert_eq!(chloe_texts.len(), 1, "{chloe_texts:?}");
    assert!(
        chloe_texts[0].contains("une place s'est libérée"),
        "{chloe_texts:?}"
    );
    assert_eq!(texts_to(&received, "+33644444444").len(), 1);
    // Joining the line sends nothing: the message comes with the place.
    assert!(texts_to(&received, "+33655555555").is_empty());

    // The evening before: a reminder to each of the three with a place, none to Élise.
    let eve = local(workshop.starts_at - Duration::days(1))
        .with_hour(18)
        .unwrap()
        .with_minute(5)
        .unwrap()
        .to_utc();
    send_due(app.state(), &client, eve).await.unwrap();
    let reminders: Vec<Value> = gateway.received()[received.len()..].to_vec();
    let mut told: Vec<&str> = reminders
        .iter()
        .map(|sms| sms["to"].as_str().unwrap())
        .collect();
    told.sort();
    assert_eq!(told, ["+33622222222", "+33633333333", "+33644444444"]);
}

#[tokio::test]
async fn a_cancelled_or_finished_workshop_promotes_no_one() {
    let app = TestApp::start_with(&common::one_workshop_seed(1), Notifications::default());
    let first = signed(&app, guest("Aïcha", "0611111111", false)).await;
    signed(&app, guest("Bruno", "0622222222", true)).await;
    let animator = common::log_in_as(&app, Role::Animator).await;
    let cancelled = app
        .call(
            Call::new(Method::POST, paths::workshop_status(1))
                .session(Some(&animator))
                .json(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);
    assert_eq!(
        app.call(cancel_call(&first)).await.status,
        StatusCode::NO_CONTENT
    );
    let workshop = shown(&app).await;
    assert_eq!((workshop.signed_up, workshop.waiting), (0, 1));
}

/// Fifty requests at once on a full workshop of 12 places with 10 in line: 10 holders cancel,
/// 5 in line leave, 34 residents join the line, and the team raises the capacity to 14.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cancellations_new_sign_ups_and_promotions_racing_never_overfill_nor_promote_twice() {
    let app = Arc::new(TestApp::start(&common::one_workshop_seed(12)));
    let mut holders = Vec::new();
    for n in 0..12 {
        holders.push(
            signed(
                &app,
                guest(
                    &format!("Titulaire {n}"),
                    &format!("06 10 00 00 {n:02}"),
                    false,
                ),
            )
            .await,
        );
    }
    let mut in_line = Vec::new();
    for n in 0..10 {
        in_line.push(
            signed(
                &app,
                guest(
                    &format!("En attente {n}"),
                    &format!("06 20 00 00 {n:02}"),
                    true,
                ),
            )
            .await,
        );
    }
    let animator = common::log_in_as(&app, Role::Animator).await;
    let workshop = shown(&app).await;
    assert_eq!((workshop.signed_up, workshop.waiting), (12, 10));

    let mut calls: Vec<(Call, StatusCode)> = Vec::new();
    for receipt in holders.iter().take(10).chain(in_line.iter().take(5)) {
        calls.push((cancel_call(receipt), StatusCode::NO_CONTENT));
    }
    for n in 0..34 {
        let body = guest(
            &format!("Nouveau {n}"),
            &format!("06 30 00 00 {n:02}"),
            true,
        );
        calls.push((sign_up_call(body), StatusCode::CREATED));
    }
    calls.push((
        Call::new(Method::PUT, paths::workshop(1))
            .session(Some(&animator))
            .json(with_capacity(&workshop, 14)),
        StatusCode::OK,
    ));
    assert_eq!(calls.len(), 50);
    let tasks: Vec<_> = calls
        .into_iter()
        .map(|(call, expected)| {
            let app = app.clone();
            tokio::spawn(async move {
                let response = app.call(call).await;
                (response.status, expected, response.text())
            })
        })
        .collect();
    for task in tasks {
        let (status, expected, body) = task.await.unwrap();
        assert_eq!(status, expected, "{body}");
    }

    // 2 holders + 5 in line + 34 new are live; 14 hold a place, the rest wait.
    let workshop = shown(&app).await;
    assert_eq!(
        (workshop.capacity, workshop.signed_up, workshop.waiting),
        (14, 14, 27)
    );
    let conn = app.storage.connection().unwrap();
    // In line order: no one still waiting joined before someone promoted.
    let (last_promoted, first_waiting): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT max(id) FROM signups WHERE promoted_at IS NOT NULL
                       AND cancelled_at IS NULL),
                    (SELECT min(id) FROM signups WHERE waiting AND cancelled_at IS NULL)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert!(last_promoted < first_waiting);
    // Each promotion told once, and only promotions: every one chose SMS.
    let (promoted, told): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM signups WHERE promoted_at IS NOT NULL),
                    (SELECT count(*) FROM messages WHERE event = 'promoted')",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    // At least the places freed by the 10 holders (more if someone in line was promoted
    // before their own cancellation arrived).
    assert!(promoted >= 10, "{promoted}");
    assert_eq!(promoted, told);
}
