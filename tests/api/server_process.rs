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

/// The schema files in order, as the binary applies them (`migrations/`).
fn migration_files() -> Vec<String> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}

fn schema_version(database: &std::path::Path) -> usize {
    let connection = rusqlite::Connection::open(database).unwrap();
    connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap()
}

fn centre_names(database: &std::path::Path) -> Vec<String> {
    let connection = rusqlite::Connection::open(database).unwrap();
    let mut statement = connection.prepare("SELECT name FROM centres").unwrap();
    let names = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap();
    names
}

#[test]
fn an_upgrade_copies_the_database_beside_itself_first_and_keeps_every_record() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("bocal.sqlite");
    // A cannery's database of the release before the deposit and the produce became settings:
    // every migration but the last two, and a centre of its own.
    let files = migration_files();
    let previous = files.len() - 2;
    {
        let connection = rusqlite::Connection::open(&database).unwrap();
        for sql in &files[..previous] {
            connection.execute_batch(sql).unwrap();
        }
        connection
            .execute_batch(&format!(
                "PRAGMA user_version = {previous};
                 INSERT INTO centres (name, address, postcode, commune)
                 VALUES ('Centre social Coluche', '2 rue Pierre Sémard', '26100', 'Romans-sur-Isère');"
            ))
            .unwrap();
    }

    let server = Server::start(&database, false);
    let (status, _) = server.get("/api/v1/health");
    assert!(status.contains("200"), "{status}");
    assert!(server.terminate().success());
    assert_eq!(schema_version(&database), files.len());
    assert_eq!(centre_names(&database), vec!["Centre social Coluche"]);
    // The copy, named after the first migration it had not seen, is the database as it was.
    let copy = bocal::server::storage::copy_before_migration(&database, previous + 1);
    assert!(copy
        .to_string_lossy()
        .ends_with(&format!("bocal.sqlite.avant-migration-{:04}", previous + 1)));
    assert_eq!(schema_version(&copy), previous);
    assert_eq!(centre_names(&copy), vec!["Centre social Coluche"]);

    // Up to date: the next start copies nothing more.
    let server = Server::start(&database, false);
    server.get("/api/v1/health");
    assert!(server.terminate().success());
    let copies = std::fs::read_dir(folder.path())
        .unwrap()
        .filter(|entry| {
            let name = entry.as_ref().unwrap().file_name();
            name.to_string_lossy().contains("avant-migration")
        })
        .count();
    assert_eq!(copies, 1);
}

#[test]
fn a_database_from_a_newer_bocal_is_refused_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("bocal.sqlite");
    // Up to date, then as a later Bocal with two more migrations would leave it.
    let server = Server::start(&database, false);
    server.get("/api/v1/health");
    assert!(server.terminate().success());
    let newer = migration_files().len() + 2;
    {
        let connection = rusqlite::Connection::open(&database).unwrap();
        connection
            .execute_batch(&format!(
                "PRAGMA journal_mode = DELETE; PRAGMA user_version = {newer};"
            ))
            .unwrap();
    }
    let before = std::fs::read(&database).unwrap();

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bocal-server"))
        .env("RUST_LOG", "off")
        .args([
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "no-such-dist",
            "--database",
        ])
        .arg(&database)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("version plus récente de Bocal")
            && said.contains(&format!("schéma {newer}"))
            && said.contains("n'a pas été modifiée"),
        "{said}"
    );
    assert!(output.stdout.is_empty(), "never ready");
    assert_eq!(
        std::fs::read(&database).unwrap(),
        before,
        "not a byte changed"
    );
    let beside: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, vec!["bocal.sqlite"], "no journal, no copy");
}
