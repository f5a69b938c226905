//! Hostile input through the real router: oversized, deeply nested and invalid bodies get a
//! 4xx with the API's JSON error, never a 500; SQL and HTML in text fields are stored and
//! returned as plain text, and break nothing.

use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use bocal::api::{paths, ErrorBody};
use bocal::domain::Role;
use common::{demo, log_in_as, Call, TestApp};

/// Text that would do harm if it reached SQL or HTML unescaped.
const HOSTILE: [&str; 4] = [
    "Robert'); DROP TABLE signups;--",
    "<script>alert('bocal')</script>",
    "\" OR 1=1 --",
    "<img src=x onerror=alert(1)>",
];

fn first_upcoming_workshop(app: &TestApp) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT id FROM workshops WHERE status <> 'cancelled'
               AND starts_at > ?1
             ORDER BY capacity DESC, starts_at LIMIT 1",
            // The tests' clock, not SQLite's 'now': the demo data is dated from it.
            [bocal::server::storage::to_db_time(common::now())],
            |row| row.get(0),
        )
        .unwrap()
}

fn tables(app: &TestApp) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |row| row.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn oversized_nested_and_invalid_bodies_get_a_clear_4xx() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let workshop = first_upcoming_workshop(&app);
    let signups = paths::workshop_signups(workshop);

    let huge = format!(
        "{{\"first_name\": \"{}\", \"phone\": \"0612345678\"}}",
        "a".repeat(3 * 1024 * 1024)
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut invalid_utf8 = br#"{"first_name": "Ma"#.to_vec();
    invalid_utf8.extend_from_slice(&[0xff, 0xfe, 0xc3]);
    invalid_utf8.extend_from_slice(br#"", "phone": "0612345678"}"#);
    let cases: Vec<(&str, String, Vec<u8>, StatusCode)> = vec![
        (
            "3 MB",
            signups.clone(),
            huge.into_bytes(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "100 000 nested arrays",
            signups.clone(),
            deep.clone().into_bytes(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "nested arrays at the counter",
            paths::LEDGER.to_string(),
            deep.into_bytes(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "invalid UTF-8",
            signups.clone(),
            invalid_utf8,
            StatusCode::BAD_REQUEST,
        ),
        (
            "truncated JSON",
            signups.clone(),
            b"{\"first_name\": ".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a number for a name",
            signups,
            br#"{"first_name": 12, "phone": 612345678}"#.to_vec(),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (what, path, body, status) in cases {
        let response = app
            .call(
                Call::new(Method::POST, &path)
                    .session(Some(&animator))
                    .bytes("application/json", body),
            )
            .await;
        assert_eq!(response.status, status, "{what}: {}", response.text());
        let error: ErrorBody = response.json();
        assert!(!error.error.message.is_empty(), "{what}");
    }
    let signed_up: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row("SELECT count(*) FROM signups", [], |row| row.get(0))
        .unwrap();
    // Only the demo's own sign-ups (Samia's two workshops).
    assert_eq!(signed_up, 2);
}

#[tokio::test]
async fn sql_and_html_in_text_fields_are_kept_as_plain_text() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let admin = log_in_as(&app, Role::Admin).await;
    let workshop = first_upcoming_workshop(&app);
    let before = tables(&app);

    for (n, text) in HOSTILE.iter().enumerate() {
        // A resident's first name, through the public sign-up.
        let response = app
            .call(
                Call::new(Method::POST, paths::workshop_signups(workshop))
                    .json(json!({"first_name": text, "phone": format!("06111111{n:02}")})),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        // A member's name, made at the counter.
        let response = app
            .call(
                Call::new(Method::POST, paths::ACCOUNTS)
                    .session(Some(&admin))
                    .json(json!({"display_name": text, "role": "participant", "centre_id": 1})),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        let created: Value = response.json();
        let account = created["account"]["id"].as_i64().unwrap();
        assert_eq!(created["account"]["display_name"], *text);
        // A note on the ledger.
        let response = app
            .call(
                Call::new(Method::POST, paths::LEDGER)
                    .session(Some(&animator))
                    .json(json!({"idempotency_key": format!("hostile-input-{n:04}"),
                                 "operation": {"type": "volunteering", "participant_id": account,
                                               "centre_id": 1, "minutes": 5, "note": text}})),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        let entry: Value = response.json();
        assert_eq!(entry["note"], *text);
        assert_eq!(entry["participant"]["display_name"], *text);
        // Searching with it finds that account, and only what the search's own rule finds: the
        // name, or a member number starting with the query's digits ("11" in `" OR 1=1 --`:
        // member numbers are random, and one may start so).
        let query = &text[..text.len().min(12)];
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let found: Vec<Value> = app
            .call(
                Call::new(
                    Method::GET,
                    format!("{}?q={}", paths::WALLETS, percent_encode(query)),
                )
                .session(Some(&animator)),
            )
            .await
            .json();
        assert!(
            found
                .iter()
                .any(|row| row["member"]["account_id"] == account),
            "{text}: {found:?}"
        );
        assert!(
            found.iter().all(|row| {
                let number = row["member"]["member_number"].as_str().unwrap_or_default();
                row["member"]["display_name"] == *text
                    || (!digits.is_empty() && number.starts_with(&digits))
            }),
            "{text}: {found:?}"
        );
    }
    // The sign-up list returns the names as they were typed, tables all there.
    let list: Vec<Value> = app
        .call(Call::new(Method::GET, paths::workshop_signups(workshop)).session(Some(&animator)))
        .await
        .json();
    for text in HOSTILE {
        assert!(
            list.iter().any(|row| row["first_name"] == text),
            "{text} in {list:?}"
        );
    }
    assert_eq!(tables(&app), before);
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
