//! "Rappeler ce lot", the whole path: jars are counted by batch at the counter (the batch
//! scanned, else the oldest in stock), one batch is recalled among two of the same recipe,
//! only its holders are listed and told (by SMS and e-mail, through the real sender to
//! loopback receivers), its stock is blocked everywhere, and the jars brought back recorded.

use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::json;

use bocal::api::accounts::CreatedAccount;
use bocal::api::batches::Batch;
use bocal::api::paths;
use bocal::api::wallet::{LedgerEntry, StockLine};
use bocal::domain::Role;
use bocal::server::notifications::Notifications;
use bocal::server::tasks::sender::send_due;
use common::mail_receiver::MailReceiver;
use common::sms_gateway::{Failing, Gateway};
use common::{id_of, log_in_as, new_key, refusal, Call, TestApp, TestResponse};

use crate::batches_api::{batch, post};
use crate::email_api::by_email;

const LES_ORS: &str = "Maison de quartier des Ors";

async fn soup_stock(app: &TestApp, session: &str, centre: i64, recipe_id: i64) -> StockLine {
    let response = app
        .call(Call::new(Method::GET, paths::centre_stock(centre)).session(Some(session)))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response
        .json::<Vec<StockLine>>()
        .into_iter()
        .find(|line| line.product.recipe_id == recipe_id && line.product.jar_ml == 370)
        .unwrap()
}

/// A participant with a phone and an e-mail, made by the admin.
async fn member(app: &TestApp, admin: &str, centre: i64, name: &str, phone: &str) -> i64 {
    let email = format!("{}@exemple.fr", name.to_lowercase());
    let response = post(
        app,
        admin,
        paths::ACCOUNTS,
        json!({"display_name": name, "role": "participant", "centre_id": centre,
               "phone": phone, "email": email}),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json::<CreatedAccount>().account.id
}

/// Hands one jar of soup (370 ml) on deposit to `participant`, from `batch_id` if scanned.
async fn hand_out(
    app: &TestApp,
    staff: &str,
    participant: i64,
    centre: i64,
    recipe_id: i64,
    batch_id: Option<i64>,
) -> TestResponse {
    post(
        app,
        staff,
        paths::LEDGER,
        json!({"idempotency_key": new_key(), "operation": {"type": "deposit_jars",
            "participant_id": participant, "centre_id": centre,
            "product": {"recipe_id": recipe_id, "jar_ml": 370}, "count": 1,
            "batch_id": batch_id}}),
    )
    .await
}

#[tokio::test]
async fn one_batch_recalled_among_two_of_the_same_recipe_tells_only_its_holders() {
    let gateway = Gateway::start(Failing::No).await;
    let receiver = MailReceiver::start();
    let notifications = Notifications {
        sms: gateway.notifications().sms,
        ..by_email(&receiver)
    };
    let app = TestApp::start_with(
        &bocal::server::demo::demo_seed(common::today()),
        notifications,
    );
    let staff = log_in_as(&app, Role::Animator).await;
    let admin = log_in_as(&app, Role::Admin).await;
    let les_ors = id_of(&app, "SELECT id FROM centres WHERE name = ?1", LES_ORS);
    let (recipe_id, version): (i64, u32) = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT r.id, r.current_version FROM recipes r
             JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version
             WHERE v.title = 'Soupe de courge'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();

    // Two batches of the soup: the demo's, and one more made today from the same squash.
    let first = id_of(
        &app,
        "SELECT id FROM batches WHERE recipe_id = ?1",
        &recipe_id.to_string(),
    );
    let first_batch = batch(&app, &staff, first).await;
    let squash = first_batch.inputs[0].lot_id;
    let recorded = post(
        &app,
        &staff,
        paths::BATCHES,
        json!({"idempotency_key": new_key(), "recipe_id": recipe_id, "recipe_version": version,
               "workshop_id": null, "made_on": common::today(),
               "inputs": [{"lot_id": squash, "grams": 2000}],
               "jars": [{"jar_ml": 370, "jars": 4}],
               "process": first_batch.process, "product_ph_hundredths": 590,
               "probe": first_batch.probe, "note": ""}),
    )
    .await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.text());
    let second: Batch = recorded.json();
    assert!(second.assessment.conforming, "{:?}", second.assessment);
    assert!(second.number > first_batch.number);
    for (id, jars) in [(first, 2), (second.id, 4)] {
        let response = post(
            &app,
            &staff,
            &paths::batch_stock(id),
            json!({"idempotency_key": new_key(), "centre_id": les_ors,
                   "jars": [{"jar_ml": 370, "jars": jars}]}),
        )
        .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
    let stock = soup_stock(&app, &staff, les_ors, recipe_id).await;
    assert_eq!(stock.in_stock, 6);
    let numbers: Vec<Option<&str>> = stock.batches.iter().map(|b| b.number.as_deref()).collect();
    assert_eq!(
        numbers,
        [
            Some(first_batch.number.as_str()),
            Some(second.number.as_str())
        ],
        "oldest first"
    );

    let ines = member(&app, &admin, les_ors, "Ines", "0611111111").await;
    let marc = member(&app, &admin, les_ors, "Marc", "0622222222").await;
    let zoe = member(&app, &admin, les_ors, "Zoe", "0633333333").await;

    // Without a scan, the oldest batch goes first: Inès gets one of the first batch.
    let response = hand_out(&app, &staff, ines, les_ors, recipe_id, None).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let entry: LedgerEntry = response.json();
    assert!(
        entry
            .label
            .contains(&format!("lot {},", first_batch.number)),
        "{}",
        entry.label
    );
    // Marc's jar is scanned from the second batch; Zoé gets the first batch's last jar.
    let response = hand_out(&app, &staff, marc, les_ors, recipe_id, Some(second.id)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let response = hand_out(&app, &staff, zoe, les_ors, recipe_id, None).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    // A scan of a batch of another recipe is refused, and so is more than a batch holds.
    let other = id_of(
        &app,
        "SELECT id FROM batches WHERE recipe_id <> ?1",
        &recipe_id.to_string(),
    );
    let response = hand_out(&app, &staff, zoe, les_ors, recipe_id, Some(other)).await;
    refusal(&response, StatusCode::CONFLICT);
    let response = hand_out(&app, &staff, zoe, les_ors, recipe_id, Some(first)).await;
    let error = refusal(&response, StatusCode::CONFLICT);
    assert_eq!(
        error.error.message,
        "Stock insuffisant : 0 bocal en stock, il en faut 1."
    );

    // Recalling the second batch: a reason is needed, then exactly Marc is listed and told.
    let recall = |reason: &str| json!({ "reason": reason });
    let response = post(&app, &staff, &paths::batch_recall(second.id), recall(" ")).await;
    refusal(&response, StatusCode::BAD_REQUEST);
    let response = post(
        &app,
        &staff,
        &paths::batch_recall(second.id),
        recall("Couvercles mal sertis"),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let recalled: Batch = response.json();
    let holders: Vec<(&str, Option<&str>, u32)> = recalled
        .recipients
        .iter()
        .map(|r| (r.member.display_name.as_str(), r.phone.as_deref(), r.jars))
        .collect();
    assert_eq!(holders, [("Marc", Some("0622222222"), 1)]);
    assert_eq!(recalled.recall.as_ref().unwrap().messages, 2);
    let audited = id_of(
        &app,
        "SELECT count(*) FROM audit_log WHERE action = ?1",
        "rappel d'un lot",
    );
    assert_eq!(audited, 1);
    let first_holders: Vec<String> = batch(&app, &staff, first)
        .await
        .recipients
        .into_iter()
        .map(|r| r.member.display_name)
        .collect();
    assert_eq!(first_holders, ["Ines", "Zoe"]);
    let response = post(
        &app,
        &staff,
        &paths::batch_recall(second.id),
        recall("Encore une fois"),
    )
    .await;
    refusal(&response, StatusCode::CONFLICT);

    send_due(app.state(), &reqwest::Client::new(), common::now())
        .await
        .unwrap();
    let texts: Vec<(String, String)> = gateway
        .received()
        .iter()
        .map(|sms| (sms["to"].to_string(), sms["text"].to_string()))
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].0.contains("622222222"), "{texts:?}");
    assert!(
        texts[0].1.contains(&format!("lot {}", second.number)),
        "{texts:?}"
    );
    let mails = receiver.received().await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to, ["marc@exemple.fr"]);
    assert!(
        mails[0].text.contains("Couvercles mal sertis"),
        "{}",
        mails[0].text
    );

    // The recalled batch is blocked: not counted, never picked, refused when scanned, and its
    // jars no longer enter stock.
    let stock = soup_stock(&app, &staff, les_ors, recipe_id).await;
    assert_eq!(stock.in_stock, 0);
    assert!(stock.batches.iter().any(|b| b.recalled && b.in_stock == 3));
    let response = hand_out(&app, &staff, zoe, les_ors, recipe_id, None).await;
    refusal(&response, StatusCode::CONFLICT);
    let response = hand_out(&app, &staff, zoe, les_ors, recipe_id, Some(second.id)).await;
    let error = refusal(&response, StatusCode::CONFLICT);
    assert!(error.error.message.contains("rappelé"), "{error:?}");

    // Marc brings his jar back: recorded once, and no more than he had.
    let give_back = |key: &str, jars: u32| {
        json!({"idempotency_key": key, "participant_id": marc, "centre_id": les_ors,
               "jar_ml": 370, "jars": jars})
    };
    let key = new_key();
    let response = post(
        &app,
        &staff,
        &paths::batch_recall_returns(second.id),
        give_back(&key, 1),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.json::<Batch>().recipients[0].returned, 1);
    let replay = post(
        &app,
        &staff,
        &paths::batch_recall_returns(second.id),
        give_back(&key, 1),
    )
    .await;
    assert_eq!(replay.status, StatusCode::OK);
    let response = post(
        &app,
        &staff,
        &paths::batch_recall_returns(second.id),
        give_back(&new_key(), 1),
    )
    .await;
    refusal(&response, StatusCode::BAD_REQUEST);
    assert_eq!(common::count(&app, "recall_returns"), 1);
    assert!(common::drifted_balances(&app.storage.connection().unwrap()).is_empty());
}
