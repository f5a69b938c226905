//! Farms that chose SMS are told when they are approved and when their lots are reserved and
//! collected; staff read it in the person's message log; the farm stops it from its space.

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{json, Value};

use bocal::api::accounts::Me;
use bocal::api::lots::{Farm, Lot};
use bocal::api::messages::{MessageRow, MessageStatus};
use bocal::api::{paths, ErrorBody};
use bocal::domain::Role;
use bocal::server::tasks::sender::send_due;
use common::sms_gateway::{Failing, Gateway};
use common::{id_of, Call, TestApp};

const PHONE: &str = "0677889900";

fn day(days_from_today: i64) -> String {
    (common::today() + Duration::days(days_from_today)).to_string()
}

fn lot(produce: &str) -> Value {
    json!({
        "produce": produce,
        "quantity": {"type": "grams", "grams": 40_000},
        "grade": "hors_calibre",
        "pickup_address": "1450 route de Peyrins",
        "pickup_commune": "Peyrins",
        "available_from": day(0),
        "available_until": day(4),
        "price": {"type": "gift"},
    })
}

fn request(notify_by: Value) -> Call {
    Call::new(Method::POST, paths::PRODUCER_REQUESTS).json(json!({
        "farm_name": "Ferme du Guillon", "contact_name": "Jean Rolland",
        "commune": "Mours-Saint-Eusèbe", "phone": PHONE, "password": "noix-du-guillon",
        "notify_by": notify_by,
    }))
}

async fn texts(app: &TestApp, gateway: &Gateway) -> Vec<String> {
    send_due(app.state(), &reqwest::Client::new(), common::now())
        .await
        .unwrap();
    gateway
        .received()
        .iter()
        .filter(|sms| sms["to"] == "+33677889900")
        .map(|sms| sms["text"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_farm_that_chose_sms_is_told_of_its_approval_and_its_lots_until_it_stops_them() {
    let gateway = Gateway::start(Failing::No).await;
    let app = TestApp::start_with(
        &bocal::server::demo::demo_seed(common::today()),
        gateway.notifications(),
    );
    // Farms are told by SMS, at the farm's phone: e-mail is refused, and nothing is written.
    let refused = app.call(request(json!("email"))).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json();
    assert_eq!(error.error.field.as_deref(), Some("notify_by"));
    let asked = app.call(request(json!("sms"))).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    let me: Me = asked.json();
    let producer_id = id_of(
        &app,
        "SELECT producer_id FROM accounts WHERE id = ?1",
        &me.id.to_string(),
    );

    let animator = common::log_in_as(&app, Role::Animator).await;
    let approved = app
        .call(
            Call::new(Method::POST, paths::producer_approval(producer_id)).session(Some(&animator)),
        )
        .await;
    assert_eq!(approved.status, StatusCode::NO_CONTENT);
    let said = texts(&app, &gateway).await;
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("votre ferme Ferme du Guillon est validée"),
        "{said:?}"
    );

    let farmer = app.log_in(PHONE, "noix-du-guillon").await;
    let posted: Lot = app
        .call(
            Call::new(Method::POST, paths::LOTS)
                .session(Some(&farmer))
                .json(lot("Tomates")),
        )
        .await
        .json();
    let act = |lot_id: i64, action: Value| {
        app.call(
            Call::new(Method::POST, paths::lot_actions(lot_id))
                .session(Some(&animator))
                .json(action),
        )
    };
    let reserved = act(
        posted.id,
        json!({"action": "reserve", "collect_on": day(2)}),
    )
    .await;
    assert_eq!(reserved.status, StatusCode::OK, "{}", reserved.text());
    let collected = act(posted.id, json!({"action": "collect", "grams": 38_500})).await;
    assert_eq!(collected.status, StatusCode::OK, "{}", collected.text());
    let said = texts(&app, &gateway).await;
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(
        said[1].starts_with("Bocal : votre lot de Tomates (40 kg) est réservé. Collecte le "),
        "{said:?}"
    );
    assert_eq!(
        said[2],
        "Bocal : lot de Tomates collecté, 38,5 kg pesés. Merci !"
    );

    // The team reads it in the person's log, newest first.
    let log: Vec<MessageRow> = app
        .call(Call::new(Method::GET, paths::account_messages(me.id)).session(Some(&animator)))
        .await
        .json();
    let lines: Vec<(&str, &str, MessageStatus)> = log
        .iter()
        .map(|m| (m.notice.as_str(), m.about.as_str(), m.status))
        .collect();
    assert_eq!(
        lines,
        [
            ("Lot collecté", "Ferme du Guillon", MessageStatus::Sent),
            ("Lot réservé", "Ferme du Guillon", MessageStatus::Sent),
            ("Ferme validée", "Ferme du Guillon", MessageStatus::Sent),
        ]
    );

    // The farm stops them from its space: the next reservation tells no one.
    let stopped = app
        .call(
            Call::new(Method::PUT, paths::MY_FARM_NOTIFY_BY)
                .session(Some(&farmer))
                .json(json!({ "notify_by": null })),
        )
        .await;
    assert_eq!(stopped.status, StatusCode::OK, "{}", stopped.text());
    let farm: Farm = app
        .call(Call::new(Method::GET, paths::MY_FARM).session(Some(&farmer)))
        .await
        .json();
    assert_eq!(farm.notify_by, None);
    let second: Lot = app
        .call(
            Call::new(Method::POST, paths::LOTS)
                .session(Some(&farmer))
                .json(lot("Courgettes")),
        )
        .await
        .json();
    let reserved = act(
        second.id,
        json!({"action": "reserve", "collect_on": day(1)}),
    )
    .await;
    assert_eq!(reserved.status, StatusCode::OK);
    assert_eq!(texts(&app, &gateway).await.len(), 3);

    // The demo farm never chose to be told: reserving its lot writes nothing for it.
    let before = common::count(&app, "messages");
    let demo_farmer = common::log_in_as(&app, Role::Producer).await;
    let theirs: Lot = app
        .call(
            Call::new(Method::POST, paths::LOTS)
                .session(Some(&demo_farmer))
                .json(lot("Poires")),
        )
        .await
        .json();
    act(
        theirs.id,
        json!({"action": "reserve", "collect_on": day(1)}),
    )
    .await;
    assert_eq!(common::count(&app, "messages"), before);
}
