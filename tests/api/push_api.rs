//! Notifications of the installed app (web push): the server signs with its VAPID key and
//! encrypts for the browser's subscription (RFC 8291). A push service on loopback receives them
//! and decrypts them with the subscription's own keys, as a browser would.

use crate::common;

use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::post;
use axum::Router;
use base64::Engine;
use serde_json::{json, Value};

use bocal::api::signups::PushKey;
use bocal::api::{paths, ErrorBody};
use bocal::server::notifications::{Notifications, PushSender};
use bocal::server::tasks::sender::send_due;
use common::{Call, TestApp};

fn base64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A VAPID private key as the README's command writes it: always 32 bytes (the generator
/// drops a leading zero byte once in 256 keys; the server refuses such a key).
fn vapid_private_key(vapid: &ece::crypto::EcKeyComponents) -> String {
    let raw = vapid.private_key();
    let mut key = vec![0u8; 32 - raw.len()];
    key.extend_from_slice(raw);
    base64url(&key)
}

fn from_base64url(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap()
}

/// What the loopback push service received: headers and the encrypted body.
type Received = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

async fn push_service() -> (String, Received) {
    push_service_answering(StatusCode::CREATED).await
}

/// A push service that answers every notification with `status`.
async fn push_service_answering(status: StatusCode) -> (String, Received) {
    let received: Received = Arc::default();
    let seen = received.clone();
    let app = Router::new().route(
        "/push/{subscription}",
        post(move |headers: HeaderMap, body: Bytes| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push((headers, body));
                status
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (origin, received)
}

/// The server's channels: web push only, signed with `vapid_private`.
fn push_notifications(vapid_private: &str) -> Notifications {
    Notifications {
        push: Some(
            PushSender::new(
                vapid_private,
                "mailto:bocal@exemple.fr".into(),
                StdDuration::from_secs(5),
            )
            .unwrap(),
        ),
        ..Notifications::default()
    }
}

/// The browser's subscription at `origin`'s push service, with its public key and secret.
fn subscription(origin: &str, p256dh: &[u8], auth: &[u8]) -> Value {
    json!({
        "endpoint": format!("{origin}/push/abc123"),
        "keys": { "p256dh": base64url(p256dh), "auth": base64url(auth) },
    })
}

#[tokio::test]
async fn a_notification_is_signed_encrypted_for_the_subscription_and_decrypts_to_the_workshop() {
    // The server's VAPID key, and the browser's subscription keys, made as each side would.
    let (vapid, _) = ece::generate_keypair_and_auth_secret().unwrap();
    let vapid_private = vapid_private_key(&vapid.raw_components().unwrap());
    let vapid_public = base64url(&vapid.pub_as_raw().unwrap());
    let (browser, auth) = ece::generate_keypair_and_auth_secret().unwrap();
    let (origin, received) = push_service().await;

    let notifications = push_notifications(&vapid_private);
    let app = TestApp::start_with(&common::one_workshop_seed(12), notifications);
    let key: PushKey = app.get(paths::PUSH_KEY).await.json();
    assert_eq!(key.public_key.as_deref(), Some(vapid_public.as_str()));

    let sign_up = |push: Value| {
        app.call(
            Call::new(Method::POST, paths::workshop_signups(1)).json(json!({
                "first_name": "Samia",
                "phone": "0612345678",
                "notify_by": "push",
                "push": push,
            })),
        )
    };
    // A browser that gave no usable subscription is told to choose another channel.
    let refused =
        sign_up(json!({ "endpoint": "ftp://x", "keys": { "p256dh": "a", "auth": "b" } })).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json();
    assert_eq!(error.error.field.as_deref(), Some("notify_by"));
    let signed = sign_up(subscription(&origin, &browser.pub_as_raw().unwrap(), &auth)).await;
    assert_eq!(signed.status, StatusCode::CREATED, "{}", signed.text());

    assert_eq!(
        send_due(app.state(), &reqwest::Client::new(), common::now())
            .await
            .unwrap(),
        1
    );
    let (headers, body) = received.lock().unwrap().pop().expect("one push");
    let header = |name: &str| headers.get(name).unwrap().to_str().unwrap().to_string();
    assert_eq!(header("content-encoding"), "aes128gcm");
    assert_eq!(header("ttl"), "86400");
    // VAPID (RFC 8292): a JWT for the push service's origin, and the server's public key.
    let authorization = header("authorization");
    let (token, public) = authorization
        .strip_prefix("vapid t=")
        .and_then(|rest| rest.split_once(", k="))
        .expect("vapid t=…, k=…");
    assert_eq!(public, vapid_public);
    let claims: Value =
        serde_json::from_slice(&from_base64url(token.split('.').nth(1).unwrap())).unwrap();
    assert_eq!(claims["aud"], origin.as_str());
    assert_eq!(claims["sub"], "mailto:bocal@exemple.fr");

    // Only the subscription's private key and secret open it.
    let shown = ece::decrypt(&browser.raw_components().unwrap(), &auth, &body).unwrap();
    let shown: Value = serde_json::from_slice(&shown).unwrap();
    assert_eq!(
        shown["title"],
        "Bocal : Inscription confirmée : Confitures de coings"
    );
    assert!(
        shown["body"]
            .as_str()
            .unwrap()
            .contains("inscription confirmée"),
        "{shown}"
    );
    assert_eq!(shown["url"], "/ateliers/1");
    let (stranger, stranger_auth) = ece::generate_keypair_and_auth_secret().unwrap();
    assert!(ece::decrypt(&stranger.raw_components().unwrap(), &stranger_auth, &body).is_err());
}

#[tokio::test]
async fn without_a_vapid_key_notifications_are_not_offered() {
    let app = TestApp::start_with(&common::one_workshop_seed(12), Notifications::default());
    let key: PushKey = app.get(paths::PUSH_KEY).await.json();
    assert_eq!(key.public_key, None);
    let (browser, auth) = ece::generate_keypair_and_auth_secret().unwrap();
    let asked = app
        .call(
            Call::new(Method::POST, paths::workshop_signups(1)).json(json!({
                "first_name": "Samia",
                "phone": "0612345678",
                "notify_by": "push",
                "push": {
                    "endpoint": "https://push.exemple.fr/abc",
                    "keys": {
                        "p256dh": base64url(&browser.pub_as_raw().unwrap()),
                        "auth": base64url(&auth),
                    },
                },
            })),
        )
        .await;
    assert_eq!(asked.status, StatusCode::BAD_REQUEST);
    assert_eq!(common::count(&app, "signups"), 0);
}

/// A subscription the browser dropped (the push service answers 410): the message is given up
/// at once, and the sign-up forgets the subscription, so nothing is written for it again.
#[tokio::test]
async fn a_subscription_gone_is_given_up_at_once_and_forgotten() {
    let (vapid, _) = ece::generate_keypair_and_auth_secret().unwrap();
    let vapid_private = vapid_private_key(&vapid.raw_components().unwrap());
    let (browser, auth) = ece::generate_keypair_and_auth_secret().unwrap();
    let (origin, received) = push_service_answering(StatusCode::GONE).await;
    let notifications = push_notifications(&vapid_private);
    let app = TestApp::start_with(&common::one_workshop_seed(12), notifications);
    let signed = app
        .call(
            Call::new(Method::POST, paths::workshop_signups(1)).json(json!({
                "first_name": "Samia",
                "phone": "0612345678",
                "notify_by": "push",
                "push": subscription(&origin, &browser.pub_as_raw().unwrap(), &auth),
            })),
        )
        .await;
    assert_eq!(signed.status, StatusCode::CREATED, "{}", signed.text());
    let sent = send_due(app.state(), &reqwest::Client::new(), common::now())
        .await
        .unwrap();
    assert_eq!(sent, 0);
    assert_eq!(received.lock().unwrap().len(), 1, "one attempt only");
    let conn = app.storage.connection().unwrap();
    let (status, attempts, error): (String, u32, String) = conn
        .query_row(
            "SELECT status, attempts, last_error FROM messages",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), attempts), ("failed", 1));
    assert!(error.contains("HTTP 410"), "{error}");
    let (notify_by, endpoint): (Option<String>, Option<String>) = conn
        .query_row("SELECT notify_by, push_endpoint FROM signups", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    assert_eq!((notify_by, endpoint), (None, None));
    drop(conn);

    // A later message for the workshop is not written for this sign-up.
    let animator = common::log_in_as(&app, bocal::domain::Role::Animator).await;
    let broadcast = app
        .call(
            Call::new(Method::POST, paths::workshop_messages(1))
                .session(Some(&animator))
                .header(bocal::api::IDEMPOTENCY_KEY_HEADER, &common::new_key())
                .json(json!({ "text": "Le camion a 30 minutes de retard." })),
        )
        .await;
    assert!(broadcast.status.is_success(), "{}", broadcast.text());
    assert_eq!(common::count(&app, "messages"), 1);
}
