//! What the server's log keeps (no one's name, phone or search), and whose address the login
//! brake counts behind a reverse proxy: the real binary, its log read from its stderr.

use crate::common;

use common::process::{log_in, request_with, Server};

fn free_database() -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("bocal.sqlite");
    (folder, database)
}

#[test]
fn a_staff_search_leaves_neither_the_name_nor_the_phone_searched_in_the_log() {
    let (folder, database) = free_database();
    let log = folder.path().join("server.log");
    let server = Server::start_logging(&database, true, &[], &log);
    let (login, password) = common::credentials(bocal::domain::Role::Animator);
    let session = log_in(&server.address, &login, &password);
    for path in [
        "/api/v1/accounts?q=Samia",
        "/api/v1/wallets?q=0612345678",
        "/api/v1/calendars/un-secret-de-calendrier",
    ] {
        let answer = request_with(&server.address, "GET", path, None, Some(&session), &[])
            .expect("the server answers");
        assert!(answer.status < 500, "{path}: {}", answer.status);
    }
    server.terminate();
    let written = std::fs::read_to_string(&log).unwrap();
    // The requests are logged, by their route's template and status.
    assert!(written.contains("/api/v1/accounts"), "{written}");
    assert!(written.contains("/api/v1/calendars/{secret}"), "{written}");
    assert!(written.contains("status=200"), "{written}");
    for secret in ["Samia", "0612345678", "q=", "un-secret-de-calendrier"] {
        assert!(
            !written.contains(secret),
            "{secret} is in the log:\n{written}"
        );
    }
}

/// Failed logins from `forwarded_for`, each with a new unknown login (only the address counts);
/// the status of the last.
fn failed_logins(server: &Server, forwarded_for: &str, count: usize) -> u16 {
    let mut status = 0;
    for n in 0..count {
        let body = serde_json::json!({ "login": format!("inconnu-{forwarded_for}-{n}"), "password": "faux" });
        status = request_with(
            &server.address,
            "POST",
            "/api/v1/session",
            Some(&body),
            None,
            &[("X-Forwarded-For", forwarded_for)],
        )
        .expect("the server answers")
        .status;
    }
    status
}

#[test]
fn behind_a_trusted_proxy_the_brake_counts_each_client_and_elsewhere_ignores_the_header() {
    let per_address = bocal::server::security::throttle::PER_ADDRESS;
    // Behind the proxy on 127.0.0.1: one client is braked, another is not.
    let (_folder, database) = free_database();
    let server = Server::start_with(&database, true, &["--trusted-proxy", "127.0.0.1"]);
    assert_eq!(failed_logins(&server, "203.0.113.7", per_address), 401);
    assert_eq!(failed_logins(&server, "203.0.113.7", 1), 429);
    assert_eq!(failed_logins(&server, "203.0.113.8", 1), 401);
    server.terminate();

    // Without --trusted-proxy the header is anyone's to write: ignored, every try counts for
    // the connection's own address.
    let (_folder, database) = free_database();
    let server = Server::start(&database, true);
    for n in 0..per_address {
        assert_eq!(failed_logins(&server, &format!("198.51.100.{n}"), 1), 401);
    }
    assert_eq!(failed_logins(&server, "198.51.100.250", 1), 429);
    server.terminate();
}
