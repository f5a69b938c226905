//! Telling people: sign-ups that chose SMS get a confirmation, the evening-before reminder, and
//! a notice when their workshop moves or is cancelled, through a real HTTP gateway on loopback.

use crate::common;

use std::time::Duration as StdDuration;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Timelike};
use serde_json::{json, Value};

use bocal::api::messages::{MessageRow, MessageStatus};
use bocal::api::paths;
use bocal::domain::notify::{septets, SMS_SEGMENT};
use bocal::domain::time::local;
use bocal::domain::{Role, Workshop};
use bocal::server::demo::demo_accounts;
use bocal::server::notifications::Notifications;
use bocal::server::tasks::sender::send_due;
use common::sms_gateway::{Failing, Gateway};
use common::{Call, TestApp};

async fn sign_up(app: &TestApp, first_name: &str, phone: &str, notify_by: Value) -> StatusCode {
    app.call(
        Call::new(Method::POST, paths::workshop_signups(1))
            .json(json!({ "first_name": first_name, "phone": phone, "notify_by": notify_by })),
    )
    .await
    .status
}

async fn message_log(app: &TestApp) -> Vec<MessageRow> {
    let token = common::log_in_as(app, Role::Animator).await;
    app.call(Call::new(Method::GET, paths::workshop_messages(1)).session(Some(&token)))
        .await
        .json()
}

#[tokio::test]
async fn a_resident_who_chose_sms_is_told_at_once_and_the_evening_before_once_each() {
    let gateway = Gateway::start(Failing::No).await;
    let app = TestApp::start_with(&common::one_workshop_seed(12), gateway.notifications());
    assert_eq!(
        sign_up(&app, "Samia", "06 12 34 56 78", json!("sms")).await,
        StatusCode::CREATED
    );
    assert_eq!(
        sign_up(&app, "Louis", "06 98 76 54 32", json!(null)).await,
        StatusCode::CREATED
    );

    let client = reqwest::Client::new();
    assert_eq!(
        send_due(app.state(), &client, common::now()).await.unwrap(),
        1
    );
    // Sent once: a second round finds nothing to send.
    assert_eq!(
        send_due(app.state(), &client, common::now()).await.unwrap(),
        0
    );
    let received = gateway.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0]["to"], "+33612345678");
    let text = received[0]["text"].as_str().unwrap();
    assert!(text.contains("Confitures de coings"), "{text}");
    assert!(septets(text) <= SMS_SEGMENT, "{text}");

    // The evening before, at 18 h Paris time: the reminder, once.
    let starts_at = common::now() + Duration::days(2);
    let eve = local(starts_at - Duration::days(1))
        .with_hour(18)
        .unwrap()
        .with_minute(5)
        .unwrap()
        .to_utc();
    assert_eq!(send_due(app.state(), &client, eve).await.unwrap(), 1);
    assert_eq!(send_due(app.state(), &client, eve).await.unwrap(), 0);
    let received = gateway.received();
    assert_eq!(received.len(), 2);
    assert!(received[1]["text"]
        .as_str()
        .unwrap()
        .contains("rappel, demain"));

    let log = message_log(&app).await;
    assert_eq!(log.len(), 2);
    assert!(log
        .iter()
        .all(|m| m.status == MessageStatus::Sent && m.first_name == "Samia"));
    assert_eq!(log[0].notice, "Rappel");
    assert_eq!(log[1].notice, "Confirmation");
}

#[tokio::test]
async fn moving_or_cancelling_the_workshop_tells_those_who_chose_sms() {
    let gateway = Gateway::start(Failing::No).await;
    let app = TestApp::start_with(&common::one_workshop_seed(12), gateway.notifications());
    sign_up(&app, "Samia", "0612345678", json!("sms")).await;
    sign_up(&app, "Louis", "0698765432", json!(null)).await;
    let token = common::log_in_as(&app, Role::Animator).await;
    let workshop: Workshop = app.get(&paths::workshop(1)).await.json();
    let starts = local(workshop.starts_at);
    let mut draft = json!({
        "title": workshop.title,
        "kind": workshop.kind,
        "date": starts.date_naive(),
        "start": starts.time(),
        "end": local(workshop.ends_at).time(),
        "place": { "type": "saved", "id": workshop.place.id },
        "centre_id": workshop.centre_id,
        "capacity": workshop.capacity,
        "description": "Apportez un tablier.",
    });
    let save = |draft: Value| {
        let token = token.clone();
        let app = &app;
        async move {
            app.call(
                Call::new(Method::PUT, paths::workshop(1))
                    .session(Some(&token))
                    .json(draft),
            )
            .await
            .status
        }
    };
    // A new description tells no one; new hours do.
    assert_eq!(save(draft.clone()).await, StatusCode::OK);
    draft["start"] = json!("15:00:00");
    draft["end"] = json!("18:00:00");
    assert_eq!(save(draft.clone()).await, StatusCode::OK);
    let cancelled = app
        .call(
            Call::new(Method::POST, paths::workshop_status(1))
                .session(Some(&token))
                .json(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);

    send_due(app.state(), &reqwest::Client::new(), common::now())
        .await
        .unwrap();
    let texts: Vec<String> = gateway
        .received()
        .iter()
        .map(|sms| sms["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts[0].contains("inscription confirmée"), "{texts:?}");
    assert!(
        texts[1].contains("changement") && texts[1].contains("15 h - 18 h"),
        "{texts:?}"
    );
    assert!(texts[2].contains("est annulé"), "{texts:?}");
    assert!(gateway
        .received()
        .iter()
        .all(|sms| sms["to"] == "+33612345678"));
}

#[tokio::test]
async fn without_a_gateway_messages_wait_and_staff_see_why() {
    let app = TestApp::start_with(&common::one_workshop_seed(12), Notifications::default());
    sign_up(&app, "Samia", "0612345678", json!("sms")).await;
    send_due(app.state(), &reqwest::Client::new(), common::now())
        .await
        .unwrap();
    let log = message_log(&app).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, MessageStatus::Waiting);
    assert_eq!(
        log[0].reason.as_deref(),
        Some("non envoyé : SMS non configuré")
    );
}

#[tokio::test]
async fn a_failing_gateway_is_tried_again_later_and_a_silent_one_never_holds_the_sender() {
    let gateway = Gateway::start(Failing::With500(1)).await;
    let app = TestApp::start_with(&common::one_workshop_seed(12), gateway.notifications());
    sign_up(&app, "Samia", "0612345678", json!("sms")).await;
    let client = reqwest::Client::new();
    let now = common::now();
    assert_eq!(send_due(app.state(), &client, now).await.unwrap(), 0);
    let log = message_log(&app).await;
    assert_eq!(log[0].status, MessageStatus::Waiting);
    assert_eq!(log[0].attempts, 1);
    assert_eq!(
        log[0].reason.as_deref(),
        Some("nouvel essai prévu (passerelle SMS : réponse HTTP 500)")
    );
    // Not before its backoff; then sent, under the same id.
    assert_eq!(send_due(app.state(), &client, now).await.unwrap(), 0);
    let later = now + Duration::seconds(31);
    assert_eq!(send_due(app.state(), &client, later).await.unwrap(), 1);
    let received = gateway.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0]["id"], received[1]["id"]);

    let silent = Gateway::start(Failing::Silent).await;
    let app = TestApp::start_with(&common::one_workshop_seed(12), silent.notifications());
    sign_up(&app, "Samia", "0612345678", json!("sms")).await;
    let started = std::time::Instant::now();
    assert_eq!(
        send_due(app.state(), &client, common::now()).await.unwrap(),
        0
    );
    assert!(started.elapsed() < StdDuration::from_secs(10));
    let log = message_log(&app).await;
    assert_eq!(
        log[0].reason.as_deref(),
        Some("nouvel essai prévu (passerelle SMS : pas de réponse en 0,3 s)")
    );
}

#[tokio::test]
async fn sms_needs_a_phone_and_a_known_channel() {
    let app = TestApp::start_with(&common::one_workshop_seed(12), Notifications::default());
    // An account without a phone number cannot choose SMS.
    let member = demo_accounts()
        .into_iter()
        .find(|account| account.role == Role::Participant && account.phone.is_none())
        .expect("the demo has a member without a phone number");
    let token = app.log_in(&member.member_number, &member.password).await;
    let refused = app
        .call(
            Call::new(Method::POST, paths::workshop_signups(1))
                .session(Some(&token))
                .json(json!({ "notify_by": "sms" })),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.text().contains("notify_by"), "{}", refused.text());
    assert!(sign_up(&app, "Samia", "0612345678", json!("pigeon"))
        .await
        .is_client_error());
    // Nothing was taken by the refused requests.
    let workshop: Workshop = app.get(&paths::workshop(1)).await.json();
    assert_eq!(workshop.signed_up, 0);
}

#[tokio::test]
async fn a_message_refused_eight_times_is_given_up_and_shown_as_failed() {
    let gateway = Gateway::start(Failing::With500(usize::MAX)).await;
    let app = TestApp::start_with(&common::one_workshop_seed(12), gateway.notifications());
    sign_up(&app, "Samia", "0612345678", json!("sms")).await;
    let client = reqwest::Client::new();
    // Each round an hour later: past any backoff.
    for hour in 0..12 {
        let at = common::now() + Duration::hours(hour);
        send_due(app.state(), &client, at).await.unwrap();
    }
    assert_eq!(gateway.received().len(), 8);
    let log = message_log(&app).await;
    assert_eq!(log[0].status, MessageStatus::Failed);
    assert_eq!(
        log[0].reason.as_deref(),
        Some("abandonné après 8 essais (passerelle SMS : réponse HTTP 500)")
    );
}

#[tokio::test]
async fn animators_send_a_few_words_to_everyone_who_chose_sms_once_per_request() {
    let gateway = Gateway::start(Failing::No).await;
    let app = TestApp::start_with(&common::one_workshop_seed(12), gateway.notifications());
    sign_up(&app, "Samia", "0612345678", json!("sms")).await;
    sign_up(&app, "Louis", "0698765432", json!(null)).await;
    sign_up(&app, "Inès", "0611223344", json!("sms")).await;
    let token = common::log_in_as(&app, Role::Animator).await;
    let send = |text: &str, key: &str| {
        app.call(
            Call::new(Method::POST, paths::workshop_messages(1))
                .session(Some(&token))
                .header(bocal::api::IDEMPOTENCY_KEY_HEADER, key)
                .json(json!({ "text": text })),
        )
    };
    let words = "Le camion a 30 minutes de retard, à tout à l'heure !";
    let sent = send(words, "broadcast-key-0001").await;
    assert_eq!(sent.status, StatusCode::OK);
    assert_eq!(sent.json::<Value>()["told"], 2);
    // The same request again (a double tap, a lost answer): nobody is told twice.
    let again = send(words, "broadcast-key-0001").await;
    assert_eq!(again.json::<Value>()["told"], 2);

    let client = reqwest::Client::new();
    send_due(app.state(), &client, common::now()).await.unwrap();
    let texts: Vec<(String, String)> = gateway
        .received()
        .iter()
        .filter(|sms| sms["text"].as_str().unwrap().ends_with(words))
        .map(|sms| (sms["to"].to_string(), sms["text"].to_string()))
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.iter().all(|(to, _)| !to.contains("698765432")));

    for (text, field) in [("   ", "text"), (&"x".repeat(121)[..], "text")] {
        let refused = send(text, "broadcast-key-0002").await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.text().contains(field));
    }
    let log = message_log(&app).await;
    assert_eq!(
        log.iter()
            .filter(|m| m.notice == "Message de l'équipe")
            .count(),
        2
    );
}

#[tokio::test]
async fn a_resident_stops_the_sms_of_a_sign_up_with_its_code_and_what_waits_is_not_sent() {
    let gateway = Gateway::start(Failing::No).await;
    let app = TestApp::start_with(&common::one_workshop_seed(12), gateway.notifications());
    let signed_up = |phone: &str| {
        app.call(
            Call::new(Method::POST, paths::workshop_signups(1))
                .json(json!({ "first_name": "Samia", "phone": phone, "notify_by": "sms" })),
        )
    };
    let receipt: Value = signed_up("0612345678").await.json();
    assert_eq!(receipt["notify_by"], "sms");
    let other: Value = signed_up("0611223344").await.json();
    let stop = |id: &Value, token: &Value| {
        app.call(
            Call::new(
                Method::POST,
                paths::signup_stop_messages(id.as_i64().unwrap()),
            )
            .json(json!({ "token": token })),
        )
    };
    // Another's code stops nothing.
    let refused = stop(&receipt["signup_id"], &other["cancel_token"]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let stopped = stop(&receipt["signup_id"], &receipt["cancel_token"]).await;
    assert_eq!(stopped.status, StatusCode::NO_CONTENT);
    // The other one cancels: what waited for them is not sent either.
    let cancelled = app
        .call(
            Call::new(
                Method::POST,
                paths::signup_cancel(other["signup_id"].as_i64().unwrap()),
            )
            .json(json!({ "token": other["cancel_token"] })),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::NO_CONTENT);

    let client = reqwest::Client::new();
    assert_eq!(
        send_due(app.state(), &client, common::now()).await.unwrap(),
        0
    );
    assert!(gateway.received().is_empty());
    let log = message_log(&app).await;
    let reasons: Vec<_> = log.iter().map(|m| (m.status, m.reason.clone())).collect();
    assert_eq!(
        reasons,
        vec![
            (
                MessageStatus::Stopped,
                Some("non envoyé : inscription annulée".to_string())
            ),
            (
                MessageStatus::Stopped,
                Some("non envoyé : messages arrêtés à la demande de la personne".to_string())
            ),
        ]
    );
    // Nor is the evening-before reminder written for them.
    let eve = common::now() + Duration::days(1) + Duration::hours(10);
    send_due(app.state(), &client, eve).await.unwrap();
    assert!(gateway.received().is_empty());
}
