//! A real cannery's first day, on the real binary started without `--demo` on a new database:
//! the first administrator made on the command line, who logs in with the one-time code and
//! must choose a password.

use crate::common;

use common::process::{log_in, request, run_command, Server};

/// What `create-admin` printed: the member number and the one-time code.
fn credentials(stdout: &str) -> (String, String) {
    let value = |label: &str| {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(label))
            .unwrap_or_else(|| panic!("no {label:?} in {stdout:?}"))
            .trim()
            .to_string()
    };
    (value("Numéro d'adhérent :"), value("Code à usage unique :"))
}

fn admin_count(database: &std::path::Path) -> i64 {
    let connection = rusqlite::Connection::open(database).unwrap();
    connection
        .query_row(
            "SELECT count(*) FROM accounts WHERE role = 'admin'",
            [],
            |row| row.get(0),
        )
        .unwrap()
}

#[test]
fn the_first_administrator_is_made_on_the_command_line_and_chooses_a_password_at_first_login() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("bocal.sqlite");

    // A new cannery: the server says how to make the first administrator.
    let server = Server::start(&database, false);
    let printed = server.terminate_and_read();
    assert!(printed.contains("Aucun administrateur"), "{printed}");
    assert!(
        printed.contains(&format!(
            "bocal-server --database {} create-admin",
            database.display()
        )),
        "{printed}"
    );

    // Mistaken arguments are refused, said, and write nothing.
    for (args, said) in [
        (vec!["create-admin", "--name", "Claire Martin"], "--phone"),
        (
            vec![
                "create-admin",
                "--name",
                "Claire Martin",
                "--phone",
                "12 34",
            ],
            "--phone : Numéro de téléphone à 10 chiffres attendu",
        ),
        (
            vec!["create-admin", "--name", "  ", "--phone", "0612345678"],
            "--name : Ce champ est obligatoire.",
        ),
        (
            vec!["create-admin", "--name", "Claire", "--email", "claire@"],
            "--email : Adresse e-mail attendue",
        ),
    ] {
        let output = run_command(&database, &args);
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(said), "{args:?}: {stderr}");
    }
    assert_eq!(admin_count(&database), 0);

    let output = run_command(
        &database,
        &[
            "create-admin",
            "--name",
            "Claire Martin",
            "--phone",
            "06 12 34 56 78",
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("Administrateur créé : Claire Martin"),
        "{stdout}"
    );
    let (member_number, code) = credentials(&stdout);
    assert_eq!(member_number.len(), 6);
    assert_eq!(code.len(), 8);

    // The same phone again is refused, and nothing is written.
    let again = run_command(
        &database,
        &["create-admin", "--name", "Autre", "--phone", "0612345678"],
    );
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("Ce numéro de téléphone a déjà un compte.")
    );
    assert_eq!(admin_count(&database), 1);

    // With an administrator, the server no longer asks for one.
    let server = Server::start(&database, false);
    let address = server.address.clone();

    // The one-time code only lets its holder choose a password.
    let session = log_in(&address, &member_number, &code);
    let me = request(&address, "GET", "/api/v1/me", None, Some(&session)).unwrap();
    let me: serde_json::Value = serde_json::from_str(&me.body).unwrap();
    assert_eq!(me["role"], "admin");
    assert_eq!(me["must_change_password"], true);
    let audit = request(&address, "GET", "/api/v1/audit", None, Some(&session)).unwrap();
    assert_eq!(audit.status, 403, "{}", audit.body);
    let changed = request(
        &address,
        "PUT",
        "/api/v1/me/password",
        Some(&serde_json::json!({"current_password": code, "new_password": "bocaux de Romans"})),
        Some(&session),
    )
    .unwrap();
    assert_eq!(changed.status, 204, "{}", changed.body);
    let session = log_in(&address, "0612345678", "bocaux de Romans");
    let audit = request(&address, "GET", "/api/v1/audit", None, Some(&session)).unwrap();
    assert_eq!(audit.status, 200, "{}", audit.body);
    let audit: serde_json::Value = serde_json::from_str(&audit.body).unwrap();
    let created = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["action"] == "compte créé")
        .expect("the creation is audited");
    assert!(created["detail"]
        .as_str()
        .unwrap()
        .contains("en ligne de commande"));
    let printed = server.terminate_and_read();
    assert!(!printed.contains("Aucun administrateur"), "{printed}");

    // Run again: another administrator (how a cannery whose only admin forgot the password
    // gets back in), by e-mail this time.
    let second = run_command(
        &database,
        &[
            "create-admin",
            "--name",
            "Samir",
            "--email",
            "Samir@Exemple.fr",
        ],
    );
    assert!(second.status.success(), "{second:?}");
    assert_eq!(admin_count(&database), 2);
}
