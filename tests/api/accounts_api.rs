//! Accounts, sessions and authorization, through the real router on a temporary SQLite file.

use crate::common;

use std::collections::BTreeSet;

use axum::http::{header, Method, StatusCode};
use chrono::Duration;
use serde_json::json;

use bocal::api::accounts::{AuditPage, CreatedAccount, Me, PendingProducer};
use bocal::api::{paths, ErrorBody, ErrorCode};
use bocal::domain::Role;
use bocal::server::http::session::Access;
use bocal::server::storage::Seed;
use common::{credentials, demo, log_in_as, Call, TestApp};

fn error_of(response: &common::TestResponse) -> ErrorBody {
    response.json()
}

/// Who each endpoint is for. Written here independently of the server's own declaration: the
/// test checks the behaviour against it, and fails when an endpoint is missing from it.
fn expected_access() -> Vec<(Method, &'static str, Access)> {
    use Access::*;
    vec![
        (Method::GET, "/api/v1/health", Public),
        (Method::GET, "/api/v1/workshops", Public),
        (Method::GET, "/api/v1/workshops.ics", Public),
        (Method::GET, "/api/v1/workshops/{id}", Public),
        (Method::GET, "/api/v1/centres", Public),
        (Method::GET, "/api/v1/operator", Public),
        (Method::GET, "/api/v1/footer", Public),
        (Method::POST, "/api/v1/session", Public),
        (Method::DELETE, "/api/v1/session", Public),
        (Method::GET, "/api/v1/me", Account),
        (Method::PUT, "/api/v1/me", Account),
        (Method::GET, "/api/v1/me/data", Account),
        (Method::POST, "/api/v1/me/close", Account),
        (Method::PUT, "/api/v1/me/password", Account),
        (Method::GET, "/api/v1/me/signups", Account),
        (Method::POST, "/api/v1/me/calendar", Account),
        (Method::GET, "/api/v1/calendars/{secret}", Public),
        (Method::POST, "/api/v1/workshops/{id}/signups", Public),
        (Method::POST, "/api/v1/signups/{id}/cancel", Public),
        (Method::POST, "/api/v1/signups/{id}/stop-messages", Public),
        (Method::POST, "/api/v1/signups/{id}/state", Public),
        (Method::GET, "/api/v1/push-key", Public),
        (Method::GET, "/api/v1/workshops/{id}/signups", Staff),
        (Method::GET, "/api/v1/workshops/{id}/messages", Staff),
        (Method::POST, "/api/v1/workshops/{id}/messages", Staff),
        (Method::PUT, "/api/v1/signups/{id}/attendance", Staff),
        (Method::POST, "/api/v1/workshops", Staff),
        (Method::PUT, "/api/v1/workshops/{id}", Staff),
        (Method::POST, "/api/v1/workshops/{id}/status", Staff),
        (Method::GET, "/api/v1/places", Staff),
        (Method::POST, "/api/v1/places", Staff),
        (Method::PUT, "/api/v1/places/{id}", Staff),
        (Method::POST, "/api/v1/accounts", Staff),
        (Method::GET, "/api/v1/accounts", Staff),
        (Method::PUT, "/api/v1/accounts/{id}", Staff),
        (Method::PUT, "/api/v1/accounts/{id}/active", Staff),
        (Method::GET, "/api/v1/accounts/{id}/messages", Staff),
        (Method::POST, "/api/v1/accounts/{id}/reset-password", Staff),
        (Method::POST, "/api/v1/producer-requests", Public),
        (Method::GET, "/api/v1/producer-requests", Staff),
        (
            Method::POST,
            "/api/v1/producer-requests/{id}/approve",
            Staff,
        ),
        (Method::GET, "/api/v1/audit", Admin),
        (Method::GET, "/api/v1/settings/communes", Staff),
        (Method::POST, "/api/v1/settings/communes", Admin),
        (Method::DELETE, "/api/v1/settings/communes/{code}", Admin),
        (Method::GET, "/api/v1/settings/commune-search", Admin),
        (Method::GET, "/api/v1/settings/produce", Admin),
        (Method::POST, "/api/v1/settings/produce", Admin),
        (Method::PUT, "/api/v1/settings/produce/{id}", Admin),
        (Method::DELETE, "/api/v1/settings/produce/{id}", Admin),
        (
            Method::POST,
            "/api/v1/settings/produce/{id}/retirement",
            Admin,
        ),
        (
            Method::DELETE,
            "/api/v1/settings/produce/{id}/retirement",
            Admin,
        ),
        (Method::GET, "/api/v1/settings/deposit", Staff),
        (Method::POST, "/api/v1/settings/deposit", Admin),
        (Method::GET, "/api/v1/settings/centres", Admin),
        (Method::POST, "/api/v1/settings/centres", Admin),
        (Method::PUT, "/api/v1/settings/centres/{id}", Admin),
        (Method::POST, "/api/v1/settings/centres/{id}/closing", Admin),
        (
            Method::DELETE,
            "/api/v1/settings/centres/{id}/closing",
            Admin,
        ),
        (Method::POST, "/api/v1/lots", Producer),
        (Method::PUT, "/api/v1/lots/{id}", Producer),
        // Per lot and action, checked in the handler: see marketplace_api.rs.
        (Method::GET, "/api/v1/lots/{id}", Account),
        (Method::POST, "/api/v1/lots/{id}/actions", Account),
        (Method::GET, "/api/v1/me/lots", Producer),
        (Method::POST, "/api/v1/me/lots/seen", Producer),
        (Method::GET, "/api/v1/me/farm", Producer),
        (Method::PUT, "/api/v1/me/farm/notify-by", Producer),
        (Method::POST, "/api/v1/lot-photos", Producer),
        (Method::GET, "/api/v1/lot-photos/{id}", Account),
        (Method::GET, "/api/v1/market", Staff),
        (Method::GET, "/api/v1/collection-round", Staff),
        (Method::GET, "/api/v1/impact/rescued", Public),
        (Method::GET, "/api/v1/recipes", Public),
        (Method::GET, "/api/v1/recipes/{id}", Public),
        (
            Method::GET,
            "/api/v1/recipes/{id}/versions/{version}",
            Public,
        ),
        (Method::POST, "/api/v1/recipes", Staff),
        (Method::PUT, "/api/v1/recipes/{id}", Staff),
        (Method::POST, "/api/v1/recipes/starter-library", Staff),
        (Method::GET, "/api/v1/recipes/{id}/file", Public),
        (Method::POST, "/api/v1/recipes/import", Staff),
        (Method::POST, "/api/v1/recipe-photos", Staff),
        (Method::GET, "/api/v1/recipe-photos/{id}", Public),
        (Method::GET, "/api/v1/me/wallet", Member),
        (Method::GET, "/api/v1/me/card.svg", Member),
        (Method::GET, "/api/v1/me/wallet/chart.svg", Member),
        (Method::GET, "/api/v1/wallets", Staff),
        (Method::GET, "/api/v1/wallets/{id}", Staff),
        (Method::POST, "/api/v1/ledger", Staff),
        (Method::GET, "/api/v1/ledger", Staff),
        (Method::GET, "/api/v1/centres/{id}/stock", Staff),
        (Method::PUT, "/api/v1/jar-prices", Admin),
        (Method::GET, "/api/v1/exports/ledger.csv", Staff),
        (Method::GET, "/api/v1/exports/monthly.csv", Staff),
        (Method::GET, "/api/v1/impact", Public),
        (Method::GET, "/api/v1/impact/chart.svg", Public),
        (Method::GET, "/api/v1/impact/communes", Staff),
        (Method::GET, "/api/v1/exports/impact.csv", Public),
        (Method::GET, "/api/v1/exports/impact-communes.csv", Staff),
        (Method::GET, "/api/v1/batches", Staff),
        (Method::POST, "/api/v1/batches", Staff),
        (Method::GET, "/api/v1/batch-inputs", Staff),
        (Method::GET, "/api/v1/batches/{id}", Staff),
        (Method::POST, "/api/v1/batches/{id}/stock", Staff),
        (Method::POST, "/api/v1/batches/{id}/disposition", Staff),
        (Method::POST, "/api/v1/batches/{id}/recall", Staff),
        (Method::POST, "/api/v1/workshop-previews", Staff),
        (Method::GET, "/api/v1/workshops/{id}/series", Staff),
        (Method::PUT, "/api/v1/workshops/{id}/following", Staff),
        (
            Method::POST,
            "/api/v1/workshops/{id}/cancel-following",
            Staff,
        ),
        (Method::GET, "/api/v1/batches/{id}/qr.svg", Staff),
        (Method::POST, "/api/v1/batches/{id}/recall/returns", Staff),
        (Method::GET, "/api/v1/batches/{id}/process.svg", Staff),
        (Method::GET, "/api/v1/openapi.json", Public),
    ]
}

#[test]
fn every_endpoint_of_the_server_is_in_the_access_table() {
    let expected: BTreeSet<(String, String)> = expected_access()
        .into_iter()
        .map(|(method, path, _)| (method.to_string(), path.to_string()))
        .collect();
    let registered: BTreeSet<(String, String)> = bocal::server::endpoints()
        .into_iter()
        .map(|endpoint| (endpoint.method.to_string(), endpoint.path))
        .collect();
    let untested: Vec<_> = registered.difference(&expected).collect();
    let gone: Vec<_> = expected.difference(&registered).collect();
    assert!(
        untested.is_empty(),
        "endpoints missing from the access table: {untested:?}"
    );
    assert!(
        gone.is_empty(),
        "endpoints in the table but not served: {gone:?}"
    );
}

#[tokio::test]
async fn every_endpoint_answers_each_role_as_the_table_says() {
    let app = demo();
    // An id that names nothing: allowed callers get a 404 at most, and nothing is changed
    // (a password reset of a demo account would break the logins that follow).
    let no_such_id = "999999";
    let roles = [
        None,
        Some(Role::Participant),
        Some(Role::Producer),
        Some(Role::Animator),
        Some(Role::Admin),
    ];
    for (method, template, access) in expected_access() {
        let uri = template
            .replace("{id}", no_such_id)
            .replace("{version}", "1");
        for role in roles {
            // A fresh session each time: some endpoints (logging out) end the one they get.
            let session = match role {
                Some(role) => Some(log_in_as(&app, role).await),
                None => None,
            };
            let mut call = Call::new(method.clone(), &uri).session(session.as_deref());
            if method != Method::GET && method != Method::DELETE {
                // An empty object: the access check runs before the body is read, and an
                // allowed caller gets a 400 at most, so nothing is changed.
                call = call.json(json!({}));
            }
            let status = app.call(call).await.status;
            let expected = match (access, role) {
                (Access::Public, _) => None,
                (_, None) => Some(StatusCode::UNAUTHORIZED),
                (Access::Account, Some(_)) => None,
                (Access::Member, Some(role)) if role != Role::Producer => None,
                (Access::Staff, Some(role)) if role.is_staff() => None,
                (Access::Admin, Some(Role::Admin)) => None,
                (Access::Producer, Some(Role::Producer)) => None,
                (_, Some(_)) => Some(StatusCode::FORBIDDEN),
            };
            match expected {
                Some(denied) => assert_eq!(status, denied, "{method} {uri} as {role:?}"),
                None => assert!(
                    status != StatusCode::UNAUTHORIZED
                        && status != StatusCode::FORBIDDEN
                        && !status.is_server_error(),
                    "{method} {uri} as {role:?}: {status}"
                ),
            }
        }
    }
    // And the server declares the same rule the table expects.
    for endpoint in bocal::server::endpoints() {
        let (_, _, access) = expected_access()
            .into_iter()
            .find(|(method, path, _)| *method == endpoint.method && *path == endpoint.path)
            .unwrap();
        assert_eq!(
            endpoint.access, access,
            "{} {}",
            endpoint.method, endpoint.path
        );
    }
}

#[tokio::test]
async fn members_log_in_with_their_number_phone_or_email() {
    let app = demo();
    let (number, password) = credentials(Role::Producer);
    let response = app
        .call(Call::new(Method::POST, paths::SESSION).json(json!({
            "login": "+33 6 12 34 56 01", "password": password,
        })))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let me: Me = response.json();
    assert_eq!(me.role, Role::Producer);
    assert_eq!(me.member_number, number);
    assert_eq!(me.producer_approved, Some(true));
    let cookie = response.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!response.text().contains("argon2"));

    let token = app.log_in(&number, &password).await;
    let me: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&token)))
        .await
        .json();
    assert_eq!(me.display_name, "Élise Chabert");
}

#[tokio::test]
async fn unknown_logins_and_wrong_passwords_get_the_same_answer() {
    let app = demo();
    let (number, _) = credentials(Role::Participant);
    let mut answers = Vec::new();
    for login in [
        number.as_str(),
        "999999",
        "personne@exemple.fr",
        "n'importe quoi",
    ] {
        let response = app
            .call(Call::new(Method::POST, paths::SESSION).json(json!({
                "login": login, "password": "mauvais-mot-de-passe",
            })))
            .await;
        assert!(response.session_cookie().is_none());
        answers.push((response.status, response.text()));
    }
    assert_eq!(answers[0].0, StatusCode::UNAUTHORIZED);
    assert!(answers[0]
        .1
        .contains("Identifiant ou mot de passe incorrect"));
    assert!(
        answers.iter().all(|answer| *answer == answers[0]),
        "{answers:?}"
    );
}

#[tokio::test]
async fn repeated_failures_brake_the_login_even_with_the_right_password() {
    let app = demo();
    let (number, password) = credentials(Role::Participant);
    for _ in 0..5 {
        let response = app
            .call(Call::new(Method::POST, paths::SESSION).json(json!({
                "login": number, "password": "mauvais",
            })))
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let response = app
        .call(Call::new(Method::POST, paths::SESSION).json(json!({
            "login": number, "password": password,
        })))
        .await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    let error = error_of(&response);
    assert_eq!(error.error.code, ErrorCode::TooManyRequests);
    assert!(
        error.error.message.contains("Réessayez dans 15 minutes"),
        "{}",
        error.error.message
    );
    // An unknown login is braked the same way: nothing tells it apart.
    for _ in 0..5 {
        app.call(Call::new(Method::POST, paths::SESSION).json(json!({
            "login": "999999", "password": "mauvais",
        })))
        .await;
    }
    let unknown = app
        .call(Call::new(Method::POST, paths::SESSION).json(json!({
            "login": "999999", "password": "mauvais",
        })))
        .await;
    assert_eq!(unknown.status, StatusCode::TOO_MANY_REQUESTS);
    // Someone else can still log in.
    log_in_as(&app, Role::Animator).await;
}

#[tokio::test]
async fn logging_in_rotates_the_session_and_logging_out_ends_it() {
    let app = demo();
    let first = log_in_as(&app, Role::Participant).await;
    let (number, password) = credentials(Role::Participant);
    let second = app
        .call(
            Call::new(Method::POST, paths::SESSION)
                .session(Some(&first))
                .json(json!({ "login": number, "password": password })),
        )
        .await
        .session_cookie()
        .unwrap();
    assert_ne!(first, second);
    let me =
        |token: String| Call::new(Method::GET, paths::ME).session(Some(&token).map(|t| t.as_str()));
    assert_eq!(
        app.call(me(first.clone())).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.call(me(second.clone())).await.status, StatusCode::OK);

    let logout = app
        .call(Call::new(Method::DELETE, paths::SESSION).session(Some(&second)))
        .await;
    assert_eq!(logout.status, StatusCode::NO_CONTENT);
    assert!(logout.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(app.call(me(second)).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn idle_sessions_expire_sooner_for_staff() {
    let app = demo();
    let participant = log_in_as(&app, Role::Participant).await;
    let animator = log_in_as(&app, Role::Animator).await;
    // Nine hours without use: past a staff session's limit, not a member's.
    let nine_hours_ago = bocal::server::storage::to_db_time(common::now() - Duration::hours(9));
    app.storage
        .connection()
        .unwrap()
        .execute("UPDATE sessions SET last_seen_at = ?1", [nine_hours_ago])
        .unwrap();
    let me = |token: &str| Call::new(Method::GET, paths::ME).session(Some(token));
    assert_eq!(
        app.call(me(&animator)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.call(me(&participant)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = demo();
    let (number, password) = credentials(Role::Participant);
    let phone_session = app.log_in(&number, &password).await;
    let counter_session = app.log_in(&number, &password).await;
    let change = |current: &str, new: &str| {
        Call::new(Method::PUT, paths::MY_PASSWORD)
            .session(Some(&counter_session))
            .json(json!({ "current_password": current, "new_password": new }))
    };
    let wrong = app.call(change("pas-le-bon", "nouveau-secret")).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error_of(&wrong).error.field.as_deref(),
        Some("current_password")
    );
    let weak = app.call(change(&password, "1234")).await;
    assert_eq!(error_of(&weak).error.field.as_deref(), Some("new_password"));

    let done = app.call(change(&password, "nouveau-secret")).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.text());
    let me = |token: &str| Call::new(Method::GET, paths::ME).session(Some(token));
    assert_eq!(
        app.call(me(&phone_session)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.call(me(&counter_session)).await.status, StatusCode::OK);
    app.log_in(&number, "nouveau-secret").await;
}

#[tokio::test]
async fn accounts_made_at_the_counter_must_choose_their_password_first() {
    let app = demo();
    let admin = log_in_as(&app, Role::Admin).await;
    let animator = log_in_as(&app, Role::Animator).await;
    let centres: Vec<bocal::api::accounts::CentreOption> = app.get(paths::CENTRES).await.json();
    let new_account = |role: &str| {
        json!({ "display_name": "  Yasmine ", "role": role, "centre_id": centres[0].id,
                "phone": "07 11 22 33 44" })
    };

    // Animators make participants, not staff.
    let refused = app
        .call(
            Call::new(Method::POST, paths::ACCOUNTS)
                .session(Some(&animator))
                .json(new_account("animator")),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let response = app
        .call(
            Call::new(Method::POST, paths::ACCOUNTS)
                .session(Some(&admin))
                .json(new_account("animator")),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert!(!response.text().contains("argon2"));
    let created: CreatedAccount = response.json();
    assert_eq!(created.account.display_name, "Yasmine");
    assert_eq!(created.account.phone.as_deref(), Some("0711223344"));
    assert_eq!(created.account.member_number.len(), 6);
    assert_eq!(created.initial_password.len(), 8);
    assert!(created.account.must_change_password);

    // The same phone cannot open a second account.
    let twice = app
        .call(
            Call::new(Method::POST, paths::ACCOUNTS)
                .session(Some(&admin))
                .json(new_account("participant")),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(error_of(&twice).error.field.as_deref(), Some("phone"));

    let token = app
        .log_in(&created.account.member_number, &created.initial_password)
        .await;
    let places = || Call::new(Method::GET, paths::PLACES).session(Some(&token));
    let before = app.call(places()).await;
    assert_eq!(before.status, StatusCode::FORBIDDEN);
    assert!(error_of(&before).error.message.contains("mot de passe"));
    let change = app
        .call(
            Call::new(Method::PUT, paths::MY_PASSWORD)
                .session(Some(&token))
                .json(json!({
                    "current_password": created.initial_password, "new_password": "482913",
                })),
        )
        .await;
    assert_eq!(change.status, StatusCode::NO_CONTENT, "{}", change.text());
    assert_eq!(app.call(places()).await.status, StatusCode::OK);

    let audit: AuditPage = app
        .call(Call::new(Method::GET, paths::AUDIT).session(Some(&admin)))
        .await
        .json();
    assert_eq!(audit.entries[0].action, "compte créé");
    assert!(
        audit.entries[0].actor.starts_with("Nadia"),
        "{:?}",
        audit.entries[0]
    );
}

#[tokio::test]
async fn a_forgotten_password_gets_a_new_code_at_the_counter() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let (number, password) = credentials(Role::Participant);
    let phone_session = app.log_in(&number, &password).await;

    let found: Vec<Me> = app
        .call(Call::new(Method::GET, format!("{}?q=sam", paths::ACCOUNTS)).session(Some(&animator)))
        .await
        .json();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].member_number, number);
    let by_number: Vec<Me> = app
        .call(
            Call::new(
                Method::GET,
                format!("{}?q={}", paths::ACCOUNTS, &number[..4]),
            )
            .session(Some(&animator)),
        )
        .await
        .json();
    assert!(by_number.iter().any(|me| me.member_number == number));
    let too_short = app
        .call(Call::new(Method::GET, format!("{}?q=s", paths::ACCOUNTS)).session(Some(&animator)))
        .await;
    assert_eq!(too_short.status, StatusCode::BAD_REQUEST);

    let response = app
        .call(Call::new(Method::POST, paths::password_reset(found[0].id)).session(Some(&animator)))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let reset: CreatedAccount = response.json();
    assert!(reset.account.must_change_password);
    // The old password and the old sessions are gone; the new code works, for "mon compte" only.
    let me = |token: &str| Call::new(Method::GET, paths::ME).session(Some(token));
    assert_eq!(
        app.call(me(&phone_session)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let old = app
        .call(
            Call::new(Method::POST, paths::SESSION)
                .json(json!({ "login": number, "password": password })),
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let token = app.log_in(&number, &reset.initial_password).await;
    let me: Me = app.call(me(&token)).await.json();
    assert!(me.must_change_password);

    // Animators cannot take over a staff account this way.
    let admins: Vec<Me> = app
        .call(
            Call::new(Method::GET, format!("{}?q=nadia", paths::ACCOUNTS)).session(Some(&animator)),
        )
        .await
        .json();
    let refused = app
        .call(Call::new(Method::POST, paths::password_reset(admins[0].id)).session(Some(&animator)))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn producers_ask_for_an_account_and_an_animator_approves_it() {
    let app = demo();
    let request = json!({
        "farm_name": "Ferme du Guillon", "contact_name": "Jean Rolland", "commune": "Mours-Saint-Eusèbe",
        "phone": "06 98 76 54 32", "produce": "noix", "password": "noix-du-guillon",
    });
    let response = app
        .call(Call::new(Method::POST, paths::PRODUCER_REQUESTS).json(&request))
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let me: Me = response.json();
    assert_eq!(me.producer_approved, Some(false));
    let again = app
        .call(Call::new(Method::POST, paths::PRODUCER_REQUESTS).json(&request))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let bad_phone = app
        .call(Call::new(Method::POST, paths::PRODUCER_REQUESTS).json(json!({
            "farm_name": "X", "contact_name": "Y", "commune": "Z", "phone": "12", "password": "motdepasse",
        })))
        .await;
    assert_eq!(bad_phone.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&bad_phone).error.field.as_deref(), Some("phone"));

    let animator = log_in_as(&app, Role::Animator).await;
    let pending: Vec<PendingProducer> = app
        .call(Call::new(Method::GET, paths::PRODUCER_REQUESTS).session(Some(&animator)))
        .await
        .json();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].farm_name, "Ferme du Guillon");
    let approve = app
        .call(
            Call::new(
                Method::POST,
                paths::producer_approval(pending[0].producer_id),
            )
            .session(Some(&animator)),
        )
        .await;
    assert_eq!(approve.status, StatusCode::NO_CONTENT);
    let token = app.log_in("0698765432", "noix-du-guillon").await;
    let me: Me = app
        .call(Call::new(Method::GET, paths::ME).session(Some(&token)))
        .await
        .json();
    assert_eq!(me.producer_approved, Some(true));
}

/// What a logged-in person reads is marked private: no shared cache keeps it, and the app's
/// service worker erases it at logout. Anonymous reads are not.
#[tokio::test]
async fn answers_to_a_logged_in_person_are_private() {
    let app = demo();
    let anonymous = app.get(paths::WORKSHOPS).await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert_eq!(anonymous.cache_control, None);
    let member = log_in_as(&app, Role::Participant).await;
    for uri in [paths::WORKSHOPS, paths::ME, paths::MY_WALLET] {
        let response = app
            .call(Call::new(Method::GET, uri).session(Some(&member)))
            .await;
        assert_eq!(response.status, StatusCode::OK, "{uri}");
        assert_eq!(
            response.cache_control.as_deref(),
            Some("private, no-cache"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn cross_site_requests_change_nothing() {
    let app = demo();
    let (number, password) = credentials(Role::Participant);
    let body = json!({ "login": number, "password": password });
    let without_header = app
        .call(Call::new(Method::POST, paths::SESSION).json(&body).bare())
        .await;
    assert_eq!(without_header.status, StatusCode::FORBIDDEN);
    assert!(without_header.session_cookie().is_none());
    let cross_site = app
        .call(
            Call::new(Method::POST, paths::SESSION)
                .json(&body)
                .header("sec-fetch-site", "cross-site"),
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    let error: ErrorBody = cross_site.json();
    assert_eq!(error.error.code, ErrorCode::Forbidden);
    let same_origin = app
        .call(
            Call::new(Method::POST, paths::SESSION)
                .json(&body)
                .header("sec-fetch-site", "same-origin"),
        )
        .await;
    assert_eq!(same_origin.status, StatusCode::OK);
}

#[tokio::test]
async fn unreadable_bodies_are_a_json_400() {
    let app = TestApp::start(&Seed::default());
    let response = app
        .call(Call::new(Method::POST, paths::SESSION).json(json!({ "login": 12 })))
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&response).error.code, ErrorCode::InvalidInput);
}
