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

#[test]
fn the_configuration_file_names_the_operator_and_the_environment_overrides_it() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("bocal.toml");
    std::fs::write(
        &file,
        r#"
        retention_days = 40

        [operator]
        name = "Les Bocaux de Romans"
        address = "8 rue Magnard, 26100 Romans-sur-Isère"
        email = "contact@bocaux.example"
        publication_director = "La présidente"
        data_controller = "Association Les Bocaux de Romans"
        host = "Hébergeur Exemple, 75000 Paris"
        "#,
    )
    .unwrap();
    let server = Server::start_with_env(
        &folder.path().join("bocal.sqlite"),
        &["--config", file.to_str().unwrap()],
        &[("BOCAL_RETENTION_DAYS", "12")],
    );
    let (status, body) = server.get("/api/v1/operator");
    assert!(status.contains("200"), "{status}");
    let operator: bocal::api::operator::Operator = serde_json::from_str(&body).unwrap();
    assert!(operator.configured);
    assert_eq!(operator.name, "Les Bocaux de Romans");
    assert_eq!(
        operator.retention_days, 12,
        "the environment wins over the file"
    );
    assert!(server.terminate().success());

    // Without a file, it still runs, and says the operator is missing.
    let server = Server::start(&folder.path().join("other.sqlite"), false);
    let (_, body) = server.get("/api/v1/operator");
    let operator: bocal::api::operator::Operator = serde_json::from_str(&body).unwrap();
    assert!(!operator.configured);
    assert!(server.terminate().success());
}

#[test]
fn a_configuration_file_with_a_mistake_stops_the_start_and_says_where() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("bocal.toml");
    std::fs::write(&file, "rappel = 18\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bocal-server"))
        .args(["--addr", "127.0.0.1:0", "--config", file.to_str().unwrap()])
        .arg("--database")
        .arg(folder.path().join("bocal.sqlite"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("rappel"), "{said}");
}
