//! The `bocal-server` binary itself: flags, database creation, demo loading, graceful shutdown.

use crate::common;

use common::process::Server;

fn workshop_count(body: &str) -> usize {
    let list: serde_json::Value = serde_json::from_str(body).unwrap();
    list["workshops"].as_array().unwrap().len()
}

#[test]
fn creates_its_database_loads_demo_data_once_and_stops_cleanly_on_sigterm() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("new/folder/bocal.sqlite");

    let server = Server::start(&database, true);
    assert!(database.is_file(), "database file and folder created");
    let (status, body) = server.get("/api/v1/health");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"ok\""), "{body}");
    let (_, body) = server.get("/api/v1/workshops?from=2000-01-01");
    let first_count = workshop_count(&body);
    assert!(first_count >= 15, "{first_count} demo workshops");
    assert!(server.terminate().success(), "graceful exit on SIGTERM");

    // A second start with --demo finds data and adds none.
    let server = Server::start(&database, true);
    let (_, body) = server.get("/api/v1/workshops?from=2000-01-01");
    assert_eq!(workshop_count(&body), first_count);
    assert!(server.terminate().success());
}

#[test]
fn without_demo_the_calendar_is_empty() {
    let folder = tempfile::tempdir().unwrap();
    let server = Server::start(&folder.path().join("bocal.sqlite"), false);
    let (status, body) = server.get("/api/v1/workshops");
    assert!(status.contains("200"), "{status}");
    assert_eq!(workshop_count(&body), 0);
    assert!(server.terminate().success());
}
