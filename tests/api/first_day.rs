//! A real cannery's first day from a new database: on the real binary started without
//! `--demo`, the first administrator made on the command line, who logs in with the one-time
//! code and must choose a password; then through the router, the whole day, from that
//! administrator to the first jar handed out.

use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use bocal::api::paths;
use bocal::api::territory::DEFAULT_EPCI;
use bocal::server::commands::{create_admin, NewAdmin};
use bocal::server::storage::Seed;
use common::process::{log_in, request, run_command, Server};
use common::{id_of, new_key, Call, TestApp};

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

/// A call with a session and a JSON body; asserts the status, returns the answer's JSON.
async fn expect(
    app: &TestApp,
    session: Option<&str>,
    method: Method,
    path: &str,
    body: Value,
    status: StatusCode,
) -> Value {
    let response = app
        .call(
            Call::new(method, path.to_string())
                .session(session)
                .json(body),
        )
        .await;
    assert_eq!(response.status, status, "{path}: {}", response.text());
    if response.text().is_empty() {
        Value::Null
    } else {
        response.json()
    }
}

#[tokio::test]
async fn the_first_day_of_a_real_cannery_from_an_empty_database_to_the_first_jar_handed_out() {
    let (get, post, put) = (Method::GET, Method::POST, Method::PUT);
    // No demo: no account, no centre, no commune, no recipe.
    let app = TestApp::start(&Seed::default());
    let today = common::today();
    let day = |days: i64| (today + chrono::Duration::days(days)).to_string();

    // The first administrator, as `create-admin` makes it, chooses a password.
    let admin = NewAdmin::check("Claire Martin", Some("06 11 22 33 44"), None).unwrap();
    let made = create_admin(&app.storage, admin).await.unwrap();
    let first = app.log_in(&made.member_number, &made.one_time_code).await;
    let change = json!({"current_password": made.one_time_code, "new_password": "abricots-2027"});
    expect(
        &app,
        Some(&first),
        put.clone(),
        paths::MY_PASSWORD,
        change,
        StatusCode::NO_CONTENT,
    )
    .await;
    let admin = app.log_in(&made.member_number, "abricots-2027").await;
    let admin = Some(admin.as_str());

    // A centre; the same name twice is refused.
    let centre = json!({"name": "Maison de quartier des Ors", "address": "1 place Jules Nadi",
                        "postcode": "26100", "commune": "Romans-sur-Isère"});
    let les_ors = expect(
        &app,
        admin,
        post.clone(),
        paths::SETTINGS_CENTRES,
        centre.clone(),
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    expect(
        &app,
        admin,
        post.clone(),
        paths::SETTINGS_CENTRES,
        centre,
        StatusCode::CONFLICT,
    )
    .await;

    // The territory by EPCI; an unknown commune code is refused and adds nothing.
    let added = expect(
        &app,
        admin,
        post.clone(),
        paths::TERRITORY,
        json!({"by": "epci", "code": DEFAULT_EPCI}),
        StatusCode::OK,
    )
    .await;
    assert_eq!(added["added"], 54);
    expect(
        &app,
        admin,
        post.clone(),
        paths::TERRITORY,
        json!({"by": "communes", "insee_codes": ["26281", "99999"]}),
        StatusCode::BAD_REQUEST,
    )
    .await;
    let territory = expect(
        &app,
        admin,
        get.clone(),
        paths::TERRITORY,
        json!({}),
        StatusCode::OK,
    )
    .await;
    assert_eq!(territory.as_array().unwrap().len(), 54);

    // A workshop at a new place, published; a resident signs up from the calendar.
    let workshop = json!({
        "title": "Confitures d'abricots", "kind": "transformation",
        "date": day(3), "start": "14:00:00", "end": "17:00:00",
        "place": {"type": "new", "name": "Maison de quartier des Ors", "address": "1 place Jules Nadi",
                  "postcode": "26100", "commune": "Romans-sur-Isère",
                  "latitude": 45.0435, "longitude": 5.0512},
        "centre_id": les_ors, "capacity": 12, "description": "Apportez un tablier.",
    });
    let saved = expect(
        &app,
        admin,
        post.clone(),
        paths::WORKSHOPS,
        workshop,
        StatusCode::CREATED,
    )
    .await;
    let workshop_id = saved["workshop"]["id"].as_i64().unwrap();
    expect(
        &app,
        admin,
        post.clone(),
        &paths::workshop_status(workshop_id),
        json!({"status": "confirmed"}),
        StatusCode::OK,
    )
    .await;
    let signup = json!({"first_name": "Nadia", "phone": "06 12 34 56 78"});
    expect(
        &app,
        None,
        post.clone(),
        &paths::workshop_signups(workshop_id),
        signup,
        StatusCode::CREATED,
    )
    .await;

    // The starter library, then one recipe measured and validated by this cannery.
    expect(
        &app,
        admin,
        post.clone(),
        paths::STARTER_LIBRARY,
        json!({}),
        StatusCode::CREATED,
    )
    .await;
    let apricots = id_of(
        &app,
        "SELECT recipe_id FROM recipe_versions WHERE title = ?1",
        "Confiture d'abricots",
    );
    let mut recipe = expect(
        &app,
        None,
        get.clone(),
        &paths::recipe(apricots),
        json!({}),
        StatusCode::OK,
    )
    .await;
    let content = &mut recipe["content"];
    content["ph"] = json!({"hundredths": 330, "method": "meter", "measured_on": today});
    content["schedule"]["validation"] =
        json!({"by": "CTCPA, pour le bain-marie du camion", "on": today});
    let validated = expect(
        &app,
        admin,
        put.clone(),
        &paths::recipe(apricots),
        content.clone(),
        StatusCode::OK,
    )
    .await;
    let version = validated["version"].as_i64().unwrap();
    let rows = validated["content"]["schedule"]["rows"].clone();

    // A farm asks for an account, is approved, posts apricots; the team collects them.
    let farm = json!({"farm_name": "Vergers de Chatuzange", "contact_name": "Paul Reynaud",
                      "commune": "Chatuzange-le-Goubet", "phone": "06 98 76 54 32",
                      "password": "abricots-du-verger"});
    let farmer = expect(
        &app,
        None,
        post.clone(),
        paths::PRODUCER_REQUESTS,
        farm,
        StatusCode::CREATED,
    )
    .await;
    let producer_id = farmer["producer_id"].as_i64().unwrap_or_else(|| {
        id_of(
            &app,
            "SELECT id FROM producers WHERE farm_name = ?1",
            "Vergers de Chatuzange",
        )
    });
    expect(
        &app,
        admin,
        post.clone(),
        &paths::producer_approval(producer_id),
        json!({}),
        StatusCode::NO_CONTENT,
    )
    .await;
    let farmer = app.log_in("0698765432", "abricots-du-verger").await;
    let lot = json!({"produce": "Abricots", "quantity": {"type": "grams", "grams": 12_000},
                     "grade": "hors_calibre", "pickup_address": "Les Vergers",
                     "pickup_commune": "Chatuzange-le-Goubet", "available_from": day(0),
                     "available_until": day(3), "price": {"type": "gift"}, "note": ""});
    let lot = app
        .call(
            Call::new(post.clone(), paths::LOTS)
                .session(Some(&farmer))
                .header("idempotency-key", &new_key())
                .json(lot),
        )
        .await;
    assert_eq!(lot.status, StatusCode::CREATED, "{}", lot.text());
    let lot_id = lot.json::<Value>()["id"].as_i64().unwrap();
    expect(
        &app,
        admin,
        post.clone(),
        &paths::lot_actions(lot_id),
        json!({"action": "reserve", "collect_on": day(0)}),
        StatusCode::OK,
    )
    .await;
    expect(
        &app,
        admin,
        post.clone(),
        &paths::lot_actions(lot_id),
        json!({"action": "collect", "grams": 12_000}),
        StatusCode::OK,
    )
    .await;

    // A participant's account made at the counter; the workshop's minutes credited.
    let member = json!({"display_name": "Nadia", "role": "participant", "centre_id": les_ors,
                        "phone": "06 12 34 56 78"});
    let member = expect(
        &app,
        admin,
        post.clone(),
        paths::ACCOUNTS,
        member,
        StatusCode::CREATED,
    )
    .await;
    let nadia = member["account"]["id"].as_i64().unwrap();
    let minutes = json!({"type": "volunteering", "participant_id": nadia, "centre_id": les_ors,
                         "minutes": 180, "note": "Atelier confitures"});
    expect(
        &app,
        admin,
        post.clone(),
        paths::LEDGER,
        json!({"idempotency_key": new_key(), "operation": minutes}),
        StatusCode::CREATED,
    )
    .await;

    // A batch of the validated recipe from the apricots, its jars into the centre's stock.
    let batch = json!({
        "idempotency_key": new_key(), "recipe_id": apricots, "recipe_version": version,
        "workshop_id": workshop_id, "made_on": today,
        "inputs": [{"lot_id": lot_id, "grams": 10_000}],
        "jars": [{"jar_ml": 370, "jars": 24}],
        "process": {"kind": "schedule", "rows": rows},
        "product_ph_hundredths": 330,
        "probe": {"name": "Thermomètre du camion", "calibrated_on": day(-30), "calibration_due": day(335)},
    });
    let batch = expect(
        &app,
        admin,
        post.clone(),
        paths::BATCHES,
        batch,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(batch["assessment"]["conforming"], true, "{batch}");
    let batch_id = batch["id"].as_i64().unwrap();
    expect(&app, admin, post.clone(), &paths::batch_stock(batch_id),
        json!({"idempotency_key": new_key(), "centre_id": les_ors, "jars": [{"jar_ml": 370, "jars": 24}]}),
        StatusCode::CREATED).await;

    // The first jar handed out, on deposit at the default 2 EUR.
    let jar = json!({"type": "deposit_jars", "participant_id": nadia, "centre_id": les_ors,
                     "product": {"recipe_id": apricots, "jar_ml": 370}, "count": 1});
    let entry = expect(
        &app,
        admin,
        post.clone(),
        paths::LEDGER,
        json!({"idempotency_key": new_key(), "operation": jar}),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        entry["label"].as_str().unwrap(),
        format!(
            "1 × Confiture d'abricots (370 ml), lot {}, consigne 2,00 €",
            batch["number"].as_str().unwrap()
        )
    );
    let wallet = expect(
        &app,
        admin,
        get.clone(),
        &paths::wallet(nadia),
        json!({}),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (wallet["tictac"].as_i64(), wallet["deposit_jars"].as_i64()),
        (Some(180), Some(1))
    );

    // Apricots are in a lot and a recipe now: the produce list refuses to delete them.
    let season = expect(
        &app,
        admin,
        get.clone(),
        paths::SETTINGS_PRODUCE,
        json!({}),
        StatusCode::OK,
    )
    .await;
    let abricots = season
        .as_array()
        .unwrap()
        .iter()
        .find(|produce| produce["name"] == "Abricots")
        .unwrap();
    assert_eq!(abricots["in_use"], true);
    let id = abricots["id"].as_i64().unwrap();
    expect(
        &app,
        admin,
        Method::DELETE,
        &paths::settings_produce(id),
        json!({}),
        StatusCode::CONFLICT,
    )
    .await;
}
