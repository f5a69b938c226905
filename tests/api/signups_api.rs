//! Residents sign up (with an account or a first name and phone), cancel; animators see the
//! list and record attendance. Capacity holds under concurrency.

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::json;

use bocal::api::signups::{MySignup, SignupReceipt, SignupRow};
use bocal::api::workshops::WorkshopList;
use bocal::api::{paths, ErrorBody, ErrorCode, IDEMPOTENCY_KEY_HEADER};
use bocal::domain::{Centre, Place, Role, Workshop, WorkshopKind, WorkshopStatus};
use bocal::server::demo::demo_accounts;
use bocal::server::storage::Seed;
use common::{count, new_key, Call, TestApp};

const CENTRE: &str = "Maison de quartier des Ors";

fn workshop(title: &str, starts_in: Duration, capacity: u32) -> Workshop {
    let starts_at = common::now() + starts_in;
    Workshop {
        id: 0,
        title: title.into(),
        kind: WorkshopKind::Transformation,
        status: WorkshopStatus::Confirmed,
        starts_at,
        ends_at: starts_at + Duration::hours(3),
        place: Place {
            id: 0,
            name: "Place Jacquemart".into(),
            address: "Place Jacquemart".into(),
            postcode: "26100".into(),
            commune: "Romans-sur-Isère".into(),
            latitude: 45.046,
            longitude: 5.051,
        },
        centre: CENTRE.into(),
        centre_id: 0,
        capacity,
        signed_up: 0,
        waiting: 0,
        revision: 0,
        description: String::new(),
    }
}

/// Two workshops, ids 1 and 2: "Bientôt" (in two days, 12 places) and "En cours" (started an
/// hour ago); and the demo accounts.
fn start() -> TestApp {
    TestApp::start(&Seed {
        centres: vec![Centre {
            name: CENTRE.into(),
            address: "8 rue Magnard".into(),
            postcode: "26100".into(),
            commune: "Romans-sur-Isère".into(),
        }],
        territory: vec![],
        producers: vec![bocal::domain::Producer {
            address: String::new(),
            farm_name: "Vergers Chabert".into(),
            contact_name: "Élise Chabert".into(),
            commune: "Peyrins".into(),
            phone: "06 12 34 56 01".into(),
            produce: "pommes".into(),
        }],
        workshops: vec![
            workshop("Bientôt", Duration::days(2), 12),
            workshop("En cours", -Duration::hours(1), 12),
        ],
        accounts: demo_accounts(),
        lots: vec![],
        recipes: vec![],
        ledger: vec![],
        batches: vec![],
    })
}

async fn log_in_as(app: &TestApp, role: Role) -> String {
    let account = demo_accounts()
        .into_iter()
        .find(|a| a.role == role)
        .unwrap();
    app.log_in(&account.member_number, &account.password).await
}

fn guest(first_name: &str, phone: &str) -> serde_json::Value {
    json!({ "first_name": first_name, "phone": phone })
}

async fn sign_up(
    app: &TestApp,
    workshop_id: i64,
    body: serde_json::Value,
    session: Option<&str>,
) -> common::TestResponse {
    app.call(
        Call::new(Method::POST, paths::workshop_signups(workshop_id))
            .session(session)
            .json(body),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_sign_ups_for_twelve_places_accept_exactly_twelve() {
    let app = start();
    let attempts = (0..50).map(|n| {
        let router = app.router.clone();
        tokio::spawn(async move {
            let request = axum::http::Request::post(paths::workshop_signups(1))
                .header("content-type", "application/json")
                .header(bocal::api::accounts::REQUEST_HEADER, "1")
                .body(axum::body::Body::from(
                    guest(&format!("Résident {n}"), &format!("06 00 00 00 {n:02}")).to_string(),
                ))
                .unwrap();
            tower::ServiceExt::oneshot(router, request)
                .await
                .unwrap()
                .status()
        })
    });
    let statuses = futures_join(attempts.collect()).await;
    let accepted = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let full = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((accepted, full), (12, 38), "{statuses:?}");
    let shown: bocal::domain::Workshop = app.get(&paths::workshop(1)).await.json();
    assert_eq!((shown.signed_up, shown.places_left()), (12, 0));
}

async fn futures_join(handles: Vec<tokio::task::JoinHandle<StatusCode>>) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    statuses
}

#[tokio::test]
async fn a_resident_without_an_account_signs_up_and_cancels_with_the_receipt() {
    let app = start();
    let response = sign_up(&app, 1, guest(" Aïcha ", "06 11 22 33 44"), None).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let receipt: SignupReceipt = response.json();
    assert_eq!(receipt.first_name, "Aïcha");
    assert_eq!(receipt.places_left, 11);
    let token = receipt.cancel_token.clone().expect("a cancel token");

    let twice = sign_up(&app, 1, guest("Aïcha", "0611223344"), None).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let error: ErrorBody = twice.json();
    assert_eq!(error.error.field.as_deref(), Some("phone"));

    let bad = sign_up(&app, 1, guest("", "06"), None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let error: ErrorBody = bad.json();
    assert_eq!(error.error.field.as_deref(), Some("first_name"));

    let cancel = |token: Option<&str>| {
        Call::new(Method::POST, paths::signup_cancel(receipt.signup_id))
            .json(json!({ "token": token }))
    };
    assert_eq!(
        app.call(cancel(Some("pas-le-bon"))).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.call(cancel(None)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.call(cancel(Some(&token))).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.call(cancel(Some(&token))).await.status,
        StatusCode::NOT_FOUND
    );
    let shown: Workshop = app.get(&paths::workshop(1)).await.json();
    assert_eq!(shown.places_left(), 12);
    // Cancelled, the same phone may sign up again.
    assert_eq!(
        sign_up(&app, 1, guest("Aïcha", "0611223344"), None)
            .await
            .status,
        StatusCode::CREATED
    );
}

/// A phone's outbox sends a sign-up again when the answer was lost: under its key it takes one
/// place, and a guest gets a cancel token that works (the first one never arrived).
#[tokio::test]
async fn a_sign_up_sent_again_under_its_key_takes_one_place() {
    let app = start();
    let keyed = |body: serde_json::Value, key: &str, session: Option<&str>| {
        Call::new(Method::POST, paths::workshop_signups(1))
            .session(session)
            .header(IDEMPOTENCY_KEY_HEADER, key)
            .json(body)
    };
    let key = new_key();
    let first = app
        .call(keyed(guest("Aïcha", "06 11 22 33 44"), &key, None))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let first: SignupReceipt = first.json();
    let again = app
        .call(keyed(guest("Aïcha", "06 11 22 33 44"), &key, None))
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    let again: SignupReceipt = again.json();
    assert_eq!(again.signup_id, first.signup_id);
    assert_eq!(again.places_left, 11);
    assert_eq!(count(&app, "signups"), 1);
    // The replay's token is the one that cancels now.
    let cancel = |token: Option<String>| {
        Call::new(Method::POST, paths::signup_cancel(first.signup_id))
            .json(json!({ "token": token }))
    };
    assert_eq!(
        app.call(cancel(first.cancel_token)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(cancel(again.cancel_token)).await.status,
        StatusCode::NO_CONTENT
    );

    // A member's replay too; the key with another request, or from another account, is a 409.
    let member = log_in_as(&app, Role::Participant).await;
    let key = new_key();
    let first = app.call(keyed(json!({}), &key, Some(&member))).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let again = app.call(keyed(json!({}), &key, Some(&member))).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(
        again.json::<SignupReceipt>().signup_id,
        first.json::<SignupReceipt>().signup_id
    );
    let other = app
        .call(keyed(guest("Léa", "06 99 88 77 66"), &key, None))
        .await;
    assert_eq!(other.status, StatusCode::CONFLICT);
    let farmer = log_in_as(&app, Role::Producer).await;
    let stolen = app.call(keyed(json!({}), &key, Some(&farmer))).await;
    assert_eq!(stolen.status, StatusCode::CONFLICT);
    let shown: Workshop = app.get(&paths::workshop(1)).await.json();
    assert_eq!(shown.places_left(), 11);
}

#[tokio::test]
async fn a_member_signs_up_with_their_account_and_sees_only_their_own_sign_ups() {
    let app = start();
    let member = log_in_as(&app, Role::Participant).await;
    let producer = log_in_as(&app, Role::Producer).await;
    let response = sign_up(&app, 1, json!({}), Some(&member)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let receipt: SignupReceipt = response.json();
    assert_eq!(receipt.first_name, "Samia");
    assert_eq!(receipt.cancel_token, None);
    assert_eq!(
        sign_up(&app, 1, json!({}), Some(&member)).await.status,
        StatusCode::CONFLICT
    );

    let mine = |token: &str| Call::new(Method::GET, paths::MY_SIGNUPS).session(Some(token));
    let listed: Vec<MySignup> = app.call(mine(&member)).await.json();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].workshop.title, "Bientôt");
    let others: Vec<MySignup> = app.call(mine(&producer)).await.json();
    assert!(others.is_empty());

    // Another account cannot cancel it by trying its id; its owner can.
    let cancel = |token: &str| {
        Call::new(Method::POST, paths::signup_cancel(receipt.signup_id))
            .session(Some(token))
            .json(json!({}))
    };
    assert_eq!(
        app.call(cancel(&producer)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(cancel(&member)).await.status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn staff_sign_up_a_resident_at_the_counter() {
    let app = start();
    let animator = log_in_as(&app, Role::Animator).await;
    let response = sign_up(
        &app,
        1,
        guest("Mireille", "06 33 44 55 66"),
        Some(&animator),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let receipt: SignupReceipt = response.json();
    assert_eq!(receipt.first_name, "Mireille");
    // Without a first name, the animator signs up themself.
    let own: SignupReceipt = sign_up(&app, 1, json!({}), Some(&animator)).await.json();
    assert_eq!(own.first_name, "Lucas");
    let rows: Vec<SignupRow> = app
        .call(Call::new(Method::GET, paths::workshop_signups(1)).session(Some(&animator)))
        .await
        .json();
    assert_eq!(rows[0].phone.as_deref(), Some("0633445566"));
    assert_eq!(rows[1].member_number.as_deref(), Some("100002"));
}

#[tokio::test]
async fn cancelled_and_full_workshops_refuse_sign_ups() {
    let app = start();
    let animator = log_in_as(&app, Role::Animator).await;
    let cancel = app
        .call(
            Call::new(Method::POST, paths::workshop_status(1))
                .session(Some(&animator))
                .json(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(cancel.status, StatusCode::OK);
    let refused = sign_up(&app, 1, guest("Léa", "0611111111"), None).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let error: ErrorBody = refused.json();
    assert_eq!(error.error.code, ErrorCode::Conflict);
    assert!(
        error.error.message.contains("annulé"),
        "{}",
        error.error.message
    );
    let missing = sign_up(&app, 99, guest("Léa", "0611111111"), None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn animators_see_who_comes_and_record_the_minutes_they_gave() {
    let app = start();
    let animator = log_in_as(&app, Role::Animator).await;
    let member = log_in_as(&app, Role::Participant).await;
    let soon: SignupReceipt = sign_up(&app, 1, guest("Léa", "0611111111"), None)
        .await
        .json();
    let now: SignupReceipt = sign_up(&app, 2, json!({}), Some(&member)).await.json();
    sign_up(&app, 2, guest("Bruno", "0622222222"), None).await;

    let rows: Vec<SignupRow> = app
        .call(Call::new(Method::GET, paths::workshop_signups(2)).session(Some(&animator)))
        .await
        .json();
    let names: Vec<&str> = rows.iter().map(|row| row.first_name.as_str()).collect();
    assert_eq!(names, ["Samia", "Bruno"]);
    assert_eq!(rows[0].member_number.as_deref(), Some("100003"));
    assert_eq!(rows[1].phone.as_deref(), Some("0622222222"));
    assert_eq!(rows[0].attended, None);

    let attendance = |id: i64, attended: bool, minutes: u32| {
        Call::new(Method::PUT, paths::signup_attendance(id))
            .session(Some(&animator))
            .json(json!({ "attended": attended, "volunteered_minutes": minutes }))
    };
    assert_eq!(
        app.call(attendance(now.signup_id, true, 150)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.call(attendance(rows[1].id, false, 90)).await.status,
        StatusCode::NO_CONTENT
    );
    // Not before the workshop has started; not beyond a full day's work.
    assert_eq!(
        app.call(attendance(soon.signup_id, true, 60)).await.status,
        StatusCode::CONFLICT
    );
    let too_much = app.call(attendance(now.signup_id, true, 721)).await;
    assert_eq!(too_much.status, StatusCode::BAD_REQUEST);

    let rows: Vec<SignupRow> = app
        .call(Call::new(Method::GET, paths::workshop_signups(2)).session(Some(&animator)))
        .await
        .json();
    assert_eq!(
        (rows[0].attended, rows[0].volunteered_minutes),
        (Some(true), 150)
    );
    // Absent: no minutes, whatever was typed.
    assert_eq!(
        (rows[1].attended, rows[1].volunteered_minutes),
        (Some(false), 0)
    );

    // The public sees how many places are left, never who took them.
    let public: WorkshopList = app.get(paths::WORKSHOPS).await.json();
    let text = serde_json::to_string(&public).unwrap();
    assert!(!text.contains("0622222222") && !text.contains("Bruno"));
    assert_eq!(
        public
            .workshops
            .iter()
            .find(|w| w.id == 2)
            .unwrap()
            .places_left(),
        10
    );
}

#[tokio::test]
async fn a_member_reads_their_workshops_in_a_calendar_app_through_a_secret_address_they_can_change()
{
    let app = start();
    let member = log_in_as(&app, Role::Participant).await;
    let taken = sign_up(&app, 1, json!({}), Some(&member)).await;
    assert_eq!(taken.status, StatusCode::CREATED);
    let new_link = || {
        app.call(
            Call::new(Method::POST, paths::MY_CALENDAR)
                .session(Some(&member))
                .json(json!({})),
        )
    };
    let link: bocal::api::signups::CalendarLink = new_link().await.json();
    assert!(link.path.starts_with("/api/v1/calendars/"), "{}", link.path);

    // No cookie: a calendar app only has the address.
    let feed = app.get(&link.path).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.content_type.starts_with("text/calendar"));
    let ics = feed.text();
    assert!(ics.contains("SUMMARY:Bientôt"), "{ics}");
    assert!(!ics.contains("SUMMARY:En cours"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);

    // A new address: the old one says nothing any more.
    let renewed: bocal::api::signups::CalendarLink = new_link().await.json();
    assert_ne!(renewed.path, link.path);
    assert_eq!(app.get(&link.path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&renewed.path).await.status, StatusCode::OK);
    assert_eq!(
        app.get(&paths::personal_calendar("guessed")).await.status,
        StatusCode::NOT_FOUND
    );
    // Logged out, no address is given.
    let anonymous = app
        .call(Call::new(Method::POST, paths::MY_CALENDAR).json(json!({})))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
