//! The surplus marketplace through the real router on a temporary SQLite file: farmers post
//! lots with photos, the team reserves and collects them, bad input leaves nothing behind.

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use image::codecs::jpeg::JpegEncoder;
use image::{ImageBuffer, Rgb};
use serde_json::{json, Value};

use bocal::api::accounts::Me;
use bocal::api::lots::{CollectionRound, Lot, Rescued, UploadedPhoto};
use bocal::api::{paths, ErrorBody, ErrorCode, IDEMPOTENCY_KEY_HEADER};
use bocal::domain::lot::LotStatus;
use bocal::domain::Role;
use bocal::server::demo::demo_accounts;
use common::{count, demo, id_of, log_in_as, new_key, refusal, Call, TestApp, TestResponse};

fn day(days_from_today: i64) -> String {
    (common::today() + Duration::days(days_from_today)).to_string()
}

/// "40 kg tomatoes, hors calibre, pick up before Friday".
fn tomatoes() -> Value {
    json!({
        "produce": "Tomates",
        "variety": "Cœur de bœuf",
        "quantity": {"type": "grams", "grams": 40_000},
        "grade": "hors_calibre",
        "pickup_address": "1450 route de Peyrins",
        "pickup_commune": "Peyrins",
        "available_from": day(0),
        "available_until": day(4),
        "price": {"type": "gift"},
        "note": "Fendues par l'orage, à prendre vite.",
    })
}

/// A JPEG as a phone writes it, with an EXIF segment holding GPS tags.
fn phone_photo() -> Vec<u8> {
    let picture = ImageBuffer::from_fn(2400, 1800, |x, y| {
        Rgb([(x % 251) as u8, (y % 241) as u8, 40])
    });
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 85)
        .encode_image(&picture)
        .unwrap();
    let exif = b"Exif\0\0MM\0*GPSLatitude 45.0712 GPSLongitude 5.0731";
    let mut photo = plain[..2].to_vec();
    photo.extend_from_slice(&[0xFF, 0xE1]);
    photo.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    photo.extend_from_slice(exif);
    photo.extend_from_slice(&plain[2..]);
    photo
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

async fn post_lot(app: &TestApp, farmer: &str, lot: Value) -> TestResponse {
    app.call(
        Call::new(Method::POST, paths::LOTS)
            .session(Some(farmer))
            .json(lot),
    )
    .await
}

async fn act(app: &TestApp, who: &str, lot_id: i64, action: Value) -> TestResponse {
    app.call(
        Call::new(Method::POST, paths::lot_actions(lot_id))
            .session(Some(who))
            .json(action),
    )
    .await
}

/// A second farm: asks for an account, approved by the team, logged in.
async fn approved_farm(app: &TestApp, animator: &str, phone: &str) -> String {
    let asked = app
        .call(
            Call::new(Method::POST, paths::PRODUCER_REQUESTS).json(json!({
                "farm_name": "Ferme du Guillon", "contact_name": "Jean Rolland",
                "commune": "Mours-Saint-Eusèbe", "phone": phone, "password": "noix-du-guillon",
            })),
        )
        .await;
    let me: Me = asked.json();
    let producer_id = id_of(
        app,
        "SELECT producer_id FROM accounts WHERE id = ?1",
        &me.id.to_string(),
    );
    let approved = app
        .call(
            Call::new(Method::POST, paths::producer_approval(producer_id)).session(Some(animator)),
        )
        .await;
    assert_eq!(
        approved.status,
        StatusCode::NO_CONTENT,
        "{}",
        approved.text()
    );
    app.log_in(phone, "noix-du-guillon").await
}

#[tokio::test]
async fn a_farmer_posts_a_lot_with_a_photo_stripped_of_its_gps_position() {
    let app = demo();
    let farmer = log_in_as(&app, Role::Producer).await;
    let original = phone_photo();
    assert!(contains(&original, b"GPSLatitude"));
    let upload = app
        .call(
            Call::new(Method::POST, paths::LOT_PHOTOS)
                .session(Some(&farmer))
                .bytes("image/jpeg", original),
        )
        .await;
    assert_eq!(upload.status, StatusCode::CREATED, "{}", upload.text());
    let photo: UploadedPhoto = upload.json();
    assert_eq!((photo.width, photo.height), (1600, 1200));

    let mut lot = tomatoes();
    lot["photo_ids"] = json!([photo.id]);
    let response = post_lot(&app, &farmer, lot).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let lot: Lot = response.json();
    assert_eq!(lot.status, LotStatus::Published);
    assert_eq!(lot.photo_ids, vec![photo.id]);
    assert_eq!(lot.grams(), 40_000);
    assert!(
        lot.farm.is_none(),
        "a farmer's own view carries no contact card"
    );

    let served = app
        .call(Call::new(Method::GET, paths::lot_photo(photo.id)).session(Some(&farmer)))
        .await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.content_type, "image/jpeg");
    assert!(served
        .cache_control
        .as_deref()
        .is_some_and(|value| value.contains("max-age=31536000") && value.contains("private")));
    assert!(!contains(&served.body, b"GPSLatitude"));
    assert!(!contains(&served.body, b"Exif"));

    // The team sees the farm's phone; a participant sees neither the lot nor its photo.
    let animator = log_in_as(&app, Role::Animator).await;
    let market: Vec<Lot> = app
        .call(Call::new(Method::GET, paths::MARKET).session(Some(&animator)))
        .await
        .json();
    let listed = market.iter().find(|listed| listed.id == lot.id).unwrap();
    assert_eq!(listed.farm.as_ref().unwrap().phone, "0612345601");
    let participant = log_in_as(&app, Role::Participant).await;
    for uri in [paths::lot(lot.id), paths::lot_photo(photo.id)] {
        let response = app
            .call(Call::new(Method::GET, &uri).session(Some(&participant)))
            .await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let market = app
        .call(Call::new(Method::GET, paths::MARKET).session(Some(&participant)))
        .await;
    assert_eq!(market.status, StatusCode::FORBIDDEN);
}

/// The phone's outbox sends a lot again when it did not hear the answer: the key makes the
/// second send give back the first lot instead of a second one.
#[tokio::test]
async fn a_lot_sent_again_under_its_key_is_published_once() {
    let app = demo();
    let farmer = log_in_as(&app, Role::Producer).await;
    let key = new_key();
    let keyed = |lot: Value, key: &str| {
        Call::new(Method::POST, paths::LOTS)
            .session(Some(&farmer))
            .header(IDEMPOTENCY_KEY_HEADER, key)
            .json(lot)
    };
    let lots_before = count(&app, "lots");
    let events_before = count(&app, "lot_events");

    let first = app.call(keyed(tomatoes(), &key)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let first: Lot = first.json();
    let again = app.call(keyed(tomatoes(), &key)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    let again: Lot = again.json();
    assert_eq!(again.id, first.id);
    assert_eq!(count(&app, "lots"), lots_before + 1);
    assert_eq!(count(&app, "lot_events"), events_before + 1);

    // The same key for another lot is a mistake, not a replay.
    let mut other = tomatoes();
    other["produce"] = json!("Courgettes");
    let body = refusal(&app.call(keyed(other, &key)).await, StatusCode::CONFLICT);
    assert_eq!(body.error.field.as_deref(), Some("idempotency_key"));
    // Another farm replaying this farm's key and body gets no lot of this farm.
    let animator = log_in_as(&app, Role::Animator).await;
    let other_farmer = approved_farm(&app, &animator, "0698765432").await;
    let stolen = app
        .call(
            Call::new(Method::POST, paths::LOTS)
                .session(Some(&other_farmer))
                .header(IDEMPOTENCY_KEY_HEADER, &key)
                .json(tomatoes()),
        )
        .await;
    refusal(&stolen, StatusCode::CONFLICT);
    // A malformed key is refused before anything is written.
    let body = refusal(
        &app.call(keyed(tomatoes(), "short")).await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(body.error.field.as_deref(), Some("idempotency_key"));
    assert_eq!(count(&app, "lots"), lots_before + 1);
}

#[tokio::test]
async fn bad_lots_and_bad_photos_get_clear_refusals_and_leave_nothing_behind() {
    let app = demo();
    let farmer = log_in_as(&app, Role::Producer).await;
    let (lots_before, events_before) = (count(&app, "lots"), count(&app, "lot_events"));
    let photos_before = count(&app, "lot_photos");

    let with = |field: &str, value: Value| {
        let mut lot = tomatoes();
        lot[field] = value;
        lot
    };
    let refusals = [
        (
            with("quantity", json!({"type": "grams", "grams": -3})),
            "body",
        ),
        (
            with("quantity", json!({"type": "grams", "grams": 0})),
            "quantity",
        ),
        (
            with("quantity", json!({"type": "grams", "grams": 40_000_000})),
            "quantity",
        ),
        (
            with(
                "quantity",
                json!({"type": "crates", "count": 3, "grams_each": 900_000}),
            ),
            "quantity",
        ),
        (with("available_until", json!(day(-6))), "available_until"),
        (with("available_from", json!(day(5))), "available_until"),
        (with("available_until", json!(day(400))), "available_until"),
        (with("produce", json!("   ")), "produce"),
        (
            with("price", json!({"type": "per_kg", "cents": 0})),
            "price",
        ),
        (
            with("price", json!({"type": "per_kg", "cents": 250_000})),
            "price",
        ),
        (with("photo_ids", json!([424242])), "photos"),
        (with("photo_ids", json!([1, 2, 3, 4])), "photos"),
    ];
    for (lot, field) in refusals {
        let response = post_lot(&app, &farmer, lot.clone()).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{lot}");
        let error: ErrorBody = response.json();
        assert_eq!(error.error.code, ErrorCode::InvalidInput);
        assert_eq!(error.error.field.as_deref(), Some(field), "{lot}");
        assert!(!error.error.message.is_empty());
    }

    // An executable renamed .jpg, sent as a JPEG: refused by its content.
    let elf = [b"\x7fELF\x02\x01\x01\0".as_slice(), &[0u8; 4096]].concat();
    let response = app
        .call(
            Call::new(Method::POST, paths::LOT_PHOTOS)
                .session(Some(&farmer))
                .header(
                    "content-disposition",
                    "attachment; filename=\"tomates.jpg\"",
                )
                .bytes("image/jpeg", elf),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let error: ErrorBody = response.json();
    assert!(
        error.error.message.contains("n'est pas une photo"),
        "{error:?}"
    );

    // A 20 MB photo: refused with a message saying the limit.
    let mut huge = phone_photo();
    huge.resize(20 * 1024 * 1024, 0);
    let response = app
        .call(
            Call::new(Method::POST, paths::LOT_PHOTOS)
                .session(Some(&farmer))
                .bytes("image/jpeg", huge),
        )
        .await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    let error: ErrorBody = response.json();
    assert_eq!(error.error.code, ErrorCode::PayloadTooLarge);
    assert!(error.error.message.contains("12 Mo"), "{error:?}");

    assert_eq!(count(&app, "lots"), lots_before);
    assert_eq!(count(&app, "lot_events"), events_before);
    assert_eq!(count(&app, "lot_photos"), photos_before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_animators_reserving_one_lot_at_once_exactly_one_wins() {
    let app = std::sync::Arc::new(demo());
    let farmer = log_in_as(&app, Role::Producer).await;
    let lot: Lot = post_lot(&app, &farmer, tomatoes()).await.json();
    let mut sessions = Vec::new();
    for _ in 0..5 {
        sessions.push(log_in_as(&app, Role::Animator).await);
        sessions.push(log_in_as(&app, Role::Admin).await);
    }
    let reserve = json!({"action": "reserve", "collect_on": day(1)});
    // Fifty attempts from ten sessions of two roles, all at once.
    let attempts: Vec<_> = sessions
        .iter()
        .cycle()
        .take(50)
        .cloned()
        .map(|session| {
            let (app, reserve) = (app.clone(), reserve.clone());
            tokio::spawn(async move { act(&app, &session, lot.id, reserve).await })
        })
        .collect();
    let mut responses = Vec::new();
    for attempt in attempts {
        responses.push(attempt.await.unwrap());
    }
    let won = responses
        .iter()
        .filter(|response| response.status == StatusCode::OK)
        .count();
    let lost: Vec<&TestResponse> = responses
        .iter()
        .filter(|response| response.status == StatusCode::CONFLICT)
        .collect();
    assert_eq!((won, lost.len()), (1, 49));
    let error: ErrorBody = lost[0].json();
    assert!(
        error.error.message.contains("vient d'être réservé par"),
        "{error:?}"
    );
    let events: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM lot_events WHERE lot_id = ?1 AND status = 'reserved'",
            [lot.id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(events, 1);
}

#[tokio::test]
async fn a_lot_goes_from_published_to_processed_and_its_farmer_sees_each_change() {
    let app = demo();
    let farmer = log_in_as(&app, Role::Producer).await;
    let animator = log_in_as(&app, Role::Animator).await;
    // The demo's own news, seen: from here on only this test's changes count.
    app.call(Call::new(Method::POST, paths::MY_LOTS_SEEN).session(Some(&farmer)))
        .await;
    let lot: Lot = post_lot(&app, &farmer, tomatoes()).await.json();

    // Only the team reserves; the farmer cannot.
    let reserve = json!({"action": "reserve", "collect_on": day(2)});
    assert_eq!(
        act(&app, &farmer, lot.id, reserve.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    // Not outside the pick-up window.
    let too_late = json!({"action": "reserve", "collect_on": day(9)});
    let response = act(&app, &animator, lot.id, too_late).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    // Not collected before it is reserved.
    let collect = json!({"action": "collect", "grams": 38_500});
    assert_eq!(
        act(&app, &animator, lot.id, collect.clone()).await.status,
        StatusCode::CONFLICT
    );

    let reserved = act(&app, &animator, lot.id, reserve).await;
    assert_eq!(reserved.status, StatusCode::OK, "{}", reserved.text());
    // Reserved: the farmer can neither edit nor withdraw it any more.
    let edit = app
        .call(
            Call::new(Method::PUT, paths::lot(lot.id))
                .session(Some(&farmer))
                .json(tomatoes()),
        )
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    let withdraw = act(&app, &farmer, lot.id, json!({"action": "withdraw"})).await;
    assert_eq!(withdraw.status, StatusCode::CONFLICT);
    assert!(withdraw.text().contains("réservé"), "{}", withdraw.text());

    // The day's round lists it, with the farm's phone.
    let round: CollectionRound = app
        .call(
            Call::new(
                Method::GET,
                format!("{}?day={}", paths::COLLECTION_ROUND, day(2)),
            )
            .session(Some(&animator)),
        )
        .await
        .json();
    assert_eq!(round.lots.len(), 1);
    assert_eq!(round.lots[0].farm.as_ref().unwrap().phone, "0612345601");
    let bad_day = app
        .call(
            Call::new(
                Method::GET,
                format!("{}?day=vendredi", paths::COLLECTION_ROUND),
            )
            .session(Some(&animator)),
        )
        .await;
    assert_eq!(bad_day.status, StatusCode::BAD_REQUEST);

    let collected: Lot = act(&app, &animator, lot.id, collect).await.json();
    assert_eq!(collected.status, LotStatus::Collected);
    assert_eq!(collected.collected_grams, Some(38_500));
    // Any other step is refused.
    for action in ["release", "withdraw"] {
        let response = act(&app, &animator, lot.id, json!({"action": action})).await;
        assert_eq!(response.status, StatusCode::CONFLICT, "{action}");
    }

    // The farmer, opening the app, learns that their lot changed, and sees "collecté".
    let me: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&farmer)))
        .await
        .json();
    assert_eq!(me.changed_lots, 1);
    // The login answer carries the same count.
    let demo_farmer = demo_accounts()
        .into_iter()
        .find(|account| account.role == Role::Producer)
        .unwrap();
    let login = app
        .call(Call::new(Method::POST, paths::SESSION).json(json!({
            "login": demo_farmer.member_number, "password": demo_farmer.password,
        })))
        .await;
    assert_eq!(login.json::<Me>().changed_lots, 1);

    let mine: Vec<Lot> = app
        .call(Call::new(Method::GET, paths::MY_LOTS).session(Some(&farmer)))
        .await
        .json();
    let mine = mine.iter().find(|mine| mine.id == lot.id).unwrap();
    assert_eq!(mine.status, LotStatus::Collected);
    assert!(mine.changed_since_seen);
    let steps: Vec<LotStatus> = mine.history.iter().map(|event| event.status).collect();
    assert_eq!(
        steps,
        vec![
            LotStatus::Published,
            LotStatus::Reserved,
            LotStatus::Collected
        ]
    );
    assert!(mine.history[2].detail.contains("38,5 kg"));
    assert!(mine.farm.is_none());
    let seen = app
        .call(Call::new(Method::POST, paths::MY_LOTS_SEEN).session(Some(&farmer)))
        .await;
    assert_eq!(seen.status, StatusCode::NO_CONTENT);
    let me: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&farmer)))
        .await
        .json();
    assert_eq!(me.changed_lots, 0);
    // The public figure counts the weighed kilos, and names no farm.
    let rescued = app.get(paths::RESCUED).await;
    let figure: Rescued = rescued.json();
    let tomatoes = figure
        .by_produce
        .iter()
        .find(|total| total.produce == "Tomates")
        .unwrap();
    assert!(tomatoes.grams >= 38_500);
    for private in ["Chabert", "0612345601", "Peyrins", "route de"] {
        assert!(!rescued.text().contains(private), "{private}");
    }

    let processed: Lot = act(&app, &animator, lot.id, json!({"action": "mark_processed"}))
        .await
        .json();
    assert_eq!(processed.status, LotStatus::Processed);
}

#[tokio::test]
async fn a_farmer_edits_or_withdraws_a_published_lot_and_a_passed_window_expires_it() {
    let app = demo();
    let farmer = log_in_as(&app, Role::Producer).await;
    let lot: Lot = post_lot(&app, &farmer, tomatoes()).await.json();

    let mut changed = tomatoes();
    changed["quantity"] = json!({"type": "crates", "count": 6, "grams_each": 8_000});
    changed["price"] = json!({"type": "per_kg", "cents": 60});
    changed["save_as_farm_address"] = json!(true);
    let edited: Lot = app
        .call(
            Call::new(Method::PUT, paths::lot(lot.id))
                .session(Some(&farmer))
                .json(changed),
        )
        .await
        .json();
    assert_eq!(edited.grams(), 48_000);
    let farm: bocal::api::lots::Farm = app
        .call(Call::new(Method::GET, paths::MY_FARM).session(Some(&farmer)))
        .await
        .json();
    assert_eq!(farm.address, "1450 route de Peyrins");

    let withdrawn: Lot = act(&app, &farmer, lot.id, json!({"action": "withdraw"}))
        .await
        .json();
    assert_eq!(withdrawn.status, LotStatus::Withdrawn);
    // Sent again (an outbox after a lost answer): the same lot, and no second event.
    let again = act(&app, &farmer, lot.id, json!({"action": "withdraw"})).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    let again: Lot = again.json();
    assert_eq!(again.status, LotStatus::Withdrawn);
    assert_eq!(again.history.len(), withdrawn.history.len());

    // A lot whose window has passed unreserved leaves the market as "expiré".
    let stale: Lot = post_lot(&app, &farmer, tomatoes()).await.json();
    app.storage
        .connection()
        .unwrap()
        .execute(
            "UPDATE lots SET available_from = ?1, available_until = ?1 WHERE id = ?2",
            (day(-1), stale.id),
        )
        .unwrap();
    let animator = log_in_as(&app, Role::Animator).await;
    let market: Vec<Lot> = app
        .call(Call::new(Method::GET, paths::MARKET).session(Some(&animator)))
        .await
        .json();
    assert!(market.iter().all(|listed| listed.id != stale.id));
    let expired: Lot = app
        .call(Call::new(Method::GET, paths::lot(stale.id)).session(Some(&farmer)))
        .await
        .json();
    assert_eq!(expired.status, LotStatus::Expired);
    assert!(expired.changed_since_seen);
}

#[tokio::test]
async fn photos_no_lot_took_are_capped_per_account_and_forgotten_after_a_day() {
    let app = demo();
    let farmer = log_in_as(&app, Role::Producer).await;
    let small = || {
        let picture = ImageBuffer::from_fn(64, 48, |x, y| Rgb([x as u8, y as u8, 90]));
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 80)
            .encode_image(&picture)
            .unwrap();
        jpeg
    };
    let upload = || {
        app.call(
            Call::new(Method::POST, paths::LOT_PHOTOS)
                .session(Some(&farmer))
                .bytes("image/jpeg", small()),
        )
    };
    for _ in 0..12 {
        assert_eq!(upload().await.status, StatusCode::CREATED);
    }
    let thirteenth = upload().await;
    assert_eq!(thirteenth.status, StatusCode::CONFLICT);
    let error: ErrorBody = thirteenth.json();
    assert!(error.error.message.contains("en attente"), "{error:?}");
    assert_eq!(count(&app, "lot_photos"), 12);

    // A day and a bit later, the next upload clears the ones no lot took.
    let account_id: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row("SELECT account_id FROM lot_photos LIMIT 1", [], |row| {
            row.get(0)
        })
        .unwrap();
    let later = common::now() + Duration::hours(25);
    app.storage
        .save_photo(account_id, small(), (64, 48), later)
        .await
        .unwrap();
    assert_eq!(count(&app, "lot_photos"), 1);
}
