//! The daily retention run: it erases what is due at the instant the test gives it, and
//! nothing else; run again, it finds nothing.

use crate::common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use image::codecs::jpeg::JpegEncoder;
use image::{ImageBuffer, Rgb};
use serde_json::json;

use bocal::api::paths;
use bocal::domain::Role;
use bocal::server::storage::{Purged, ERASED_GUEST};
use bocal::server::tasks::sender::send_due;
use common::sms_gateway::{Failing, Gateway};
use common::{Call, TestApp};

const KEEP_DAYS: i64 = 30;

fn small_jpeg() -> Vec<u8> {
    let picture = ImageBuffer::from_fn(64, 48, |x, y| Rgb([x as u8, y as u8, 90]));
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&picture)
        .unwrap();
    jpeg
}

/// (first name, phone, idempotency key) of every sign-up, oldest first.
fn signups(app: &TestApp) -> Vec<(String, Option<String>, Option<String>)> {
    let conn = app.storage.connection().unwrap();
    let mut statement = conn
        .prepare("SELECT first_name, phone, idempotency_key FROM signups ORDER BY id")
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test]
async fn guests_sessions_keys_photos_and_delivered_contacts_go_when_due_and_nothing_else() {
    let gateway = Gateway::start(Failing::No).await;
    // The workshop runs in two days, for three hours.
    let app = TestApp::start_with(&common::one_workshop_seed(12), gateway.notifications());
    let guest = app
        .call(
            Call::new(Method::POST, paths::workshop_signups(1))
                .header(bocal::api::IDEMPOTENCY_KEY_HEADER, &common::new_key())
                .json(json!({ "first_name": "Aïcha", "phone": "0611111111", "notify_by": "sms" })),
        )
        .await;
    assert_eq!(guest.status, StatusCode::CREATED, "{}", guest.text());
    let member = common::log_in_as(&app, Role::Participant).await;
    let signed = app
        .call(
            Call::new(Method::POST, paths::workshop_signups(1))
                .session(Some(&member))
                .json(json!({})),
        )
        .await;
    assert_eq!(signed.status, StatusCode::CREATED);
    let farmer = common::log_in_as(&app, Role::Producer).await;
    let photo = app
        .call(
            Call::new(Method::POST, paths::LOT_PHOTOS)
                .session(Some(&farmer))
                .bytes("image/jpeg", small_jpeg()),
        )
        .await;
    assert_eq!(photo.status, StatusCode::CREATED, "{}", photo.text());
    send_due(app.state(), &reqwest::Client::new(), common::now())
        .await
        .unwrap();
    let before = signups(&app);
    let (member_name, _, _) = before[1].clone();

    let keep = Duration::days(KEEP_DAYS);
    let workshop_ends = common::now() + Duration::days(2) + Duration::hours(3);
    // 29 days on: only the photo no lot took (kept a day) goes.
    let purged = app
        .storage
        .purge_expired(common::now() + keep - Duration::days(1), keep)
        .await
        .unwrap();
    assert_eq!(
        purged,
        Purged {
            photos: 1,
            ..Purged::default()
        }
    );
    assert_eq!(signups(&app), before);

    // 30 days after the workshop: the guest's name, phone and key, the delivered SMS's number,
    // the two sessions idle for a month; not the member's sign-up.
    let purged = app
        .storage
        .purge_expired(workshop_ends + keep + Duration::hours(1), keep)
        .await
        .unwrap();
    assert_eq!(
        purged,
        Purged {
            guest_signups: 1,
            sessions: 2,
            idempotency_keys: 1,
            message_contacts: 1,
            ..Purged::default()
        }
    );
    let after = signups(&app);
    assert_eq!(
        after[0],
        (ERASED_GUEST.to_string(), Some(String::new()), None)
    );
    assert_eq!(after[1], (member_name, None, None));
    assert_eq!(common::count(&app, "signups"), 2);
    let recipients: Vec<String> = {
        let conn = app.storage.connection().unwrap();
        let mut statement = conn.prepare("SELECT recipient FROM messages").unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(recipients, [""]);

    // Again: nothing left to erase.
    let purged = app
        .storage
        .purge_expired(workshop_ends + keep + Duration::hours(2), keep)
        .await
        .unwrap();
    assert_eq!(purged, Purged::default());
}
