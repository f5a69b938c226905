//! The cannery's own settings through the real router: its centres, made, corrected, closed
//! (offered nowhere, history kept) and opened again; only by administrators.

use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use bocal::api::accounts::CentreOption;
use bocal::api::centres::CentreSettings;
use bocal::api::lots::Farm;
use bocal::api::operator::Footer;
use bocal::api::paths;
use bocal::api::produce::Produce;
use bocal::api::territory::{Commune, CommuneSearch, TerritoryAdded, DEFAULT_EPCI};
use bocal::domain::Role;
use common::{demo, log_in_as, new_key, refusal, Call, TestApp, TestResponse};

fn centre_draft(name: &str) -> Value {
    json!({
        "name": name,
        "address": "12 rue des Jardins",
        "postcode": "26100",
        "commune": "Romans-sur-Isère",
        "phone": "04 75 00 00 01",
        "opening_hours": "Mardi et jeudi, 14 h – 18 h",
    })
}

async fn send(
    app: &TestApp,
    session: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> TestResponse {
    let call = Call::new(method, path).session(Some(session));
    let call = match body {
        Some(body) => call.json(body),
        None => call.json(json!({})),
    };
    app.call(call).await
}

async fn offered(app: &TestApp) -> Vec<String> {
    let list: Vec<CentreOption> = app.get(paths::CENTRES).await.json();
    let names: Vec<String> = list.into_iter().map(|centre| centre.name).collect();
    // Every page's footer names the same centres, after the operator.
    let footer: Footer = app.get(paths::FOOTER).await.json();
    assert_eq!(footer.operator, bocal::server::demo::demo_operator().name);
    assert_eq!(footer.centres, names);
    names
}

#[tokio::test]
async fn an_administrator_makes_corrects_closes_and_reopens_a_centre() {
    let app = demo();
    let admin = log_in_as(&app, Role::Admin).await;

    let made = send(
        &app,
        &admin,
        Method::POST,
        paths::SETTINGS_CENTRES,
        Some(centre_draft(" Centre social de la Monnaie ")),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let made: CentreSettings = made.json();
    assert_eq!(made.name, "Centre social de la Monnaie");
    assert_eq!(made.phone, "0475000001");
    assert!(!made.closed);
    assert!(offered(&app).await.contains(&made.name));

    // The same name (in other capitals) is refused, said in French; nothing is written.
    let before: Vec<CentreSettings> =
        send(&app, &admin, Method::GET, paths::SETTINGS_CENTRES, None)
            .await
            .json();
    let twice = send(
        &app,
        &admin,
        Method::POST,
        paths::SETTINGS_CENTRES,
        Some(centre_draft("centre social de la monnaie")),
    )
    .await;
    let body = refusal(&twice, StatusCode::CONFLICT);
    assert_eq!(body.error.message, "Un centre porte déjà ce nom.");
    assert_eq!(body.error.field.as_deref(), Some("name"));
    let bad = send(
        &app,
        &admin,
        Method::POST,
        paths::SETTINGS_CENTRES,
        Some(json!({"name": "X", "address": "1 rue", "postcode": "261", "commune": "Romans"})),
    )
    .await;
    assert_eq!(
        refusal(&bad, StatusCode::BAD_REQUEST)
            .error
            .field
            .as_deref(),
        Some("postcode")
    );
    let after: Vec<CentreSettings> = send(&app, &admin, Method::GET, paths::SETTINGS_CENTRES, None)
        .await
        .json();
    assert_eq!(before, after);

    // Corrected: its name follows it.
    let mut corrected = centre_draft("Centre social de la Monnaie (Romans)");
    corrected["opening_hours"] = json!("Lundi à vendredi, 9 h – 17 h");
    let updated = send(
        &app,
        &admin,
        Method::PUT,
        &paths::centre_settings(made.id),
        Some(corrected),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());
    let updated: CentreSettings = updated.json();
    assert_eq!(updated.opening_hours, "Lundi à vendredi, 9 h – 17 h");
    let unknown = send(
        &app,
        &admin,
        Method::PUT,
        &paths::centre_settings(999_999),
        Some(centre_draft("Ailleurs")),
    )
    .await;
    refusal(&unknown, StatusCode::NOT_FOUND);

    // A member of that centre, credited there.
    let member = send(
        &app,
        &admin,
        Method::POST,
        paths::ACCOUNTS,
        Some(json!({"display_name": "Lina Monnaie", "role": "participant", "centre_id": made.id})),
    )
    .await;
    assert_eq!(member.status, StatusCode::CREATED, "{}", member.text());
    let member_id = member.json::<Value>()["account"]["id"].as_i64().unwrap();
    let volunteering = |key: String| json!({"idempotency_key": key, "operation": {"type": "volunteering", "participant_id": member_id, "centre_id": made.id, "minutes": 60, "note": "Accueil"}});
    let credited = send(
        &app,
        &admin,
        Method::POST,
        paths::LEDGER,
        Some(volunteering(new_key())),
    )
    .await;
    assert_eq!(credited.status, StatusCode::CREATED, "{}", credited.text());

    // Closed: offered nowhere, no new account nor operation there; its history stays.
    let closed = send(
        &app,
        &admin,
        Method::POST,
        &paths::centre_closing(made.id),
        None,
    )
    .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    assert!(closed.json::<CentreSettings>().closed);
    assert!(!offered(&app).await.contains(&updated.name));
    let settings: Vec<CentreSettings> =
        send(&app, &admin, Method::GET, paths::SETTINGS_CENTRES, None)
            .await
            .json();
    assert_eq!(
        settings.last().map(|centre| centre.id),
        Some(made.id),
        "closed ones last"
    );
    let refused = send(
        &app,
        &admin,
        Method::POST,
        paths::ACCOUNTS,
        Some(json!({"display_name": "Trop tard", "role": "participant", "centre_id": made.id})),
    )
    .await;
    assert_eq!(
        refusal(&refused, StatusCode::CONFLICT).error.message,
        "Ce centre est fermé : choisissez-en un autre."
    );
    let refused = send(
        &app,
        &admin,
        Method::POST,
        paths::LEDGER,
        Some(volunteering(new_key())),
    )
    .await;
    assert_eq!(
        refusal(&refused, StatusCode::CONFLICT).error.message,
        "Ce centre est fermé : choisissez-en un autre."
    );
    let stock = send(
        &app,
        &admin,
        Method::GET,
        &paths::centre_stock(made.id),
        None,
    )
    .await;
    assert_eq!(
        stock.status,
        StatusCode::OK,
        "the stock figures stay readable: {}",
        stock.text()
    );
    let wallet = send(
        &app,
        &admin,
        Method::GET,
        &format!("{}/{member_id}", paths::WALLETS),
        None,
    )
    .await;
    assert_eq!(wallet.json::<Value>()["tictac"], 60, "{}", wallet.text());

    // Opened again.
    let reopened = send(
        &app,
        &admin,
        Method::DELETE,
        &paths::centre_closing(made.id),
        None,
    )
    .await;
    assert!(!reopened.json::<CentreSettings>().closed);
    assert!(offered(&app).await.contains(&updated.name));

    // The journal says each change.
    let journal: Value = send(&app, &admin, Method::GET, paths::AUDIT, None)
        .await
        .json();
    let actions: Vec<&str> = journal["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["action"].as_str().unwrap())
        .collect();
    for action in [
        "centre créé",
        "centre modifié",
        "centre fermé",
        "centre rouvert",
    ] {
        assert!(actions.contains(&action), "{action}: {actions:?}");
    }
}

#[tokio::test]
async fn only_administrators_keep_the_centres() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let denied = send(
        &app,
        &animator,
        Method::POST,
        paths::SETTINGS_CENTRES,
        Some(centre_draft("Centre de l'animateur")),
    )
    .await;
    refusal(&denied, StatusCode::FORBIDDEN);
    let denied = send(&app, &animator, Method::GET, paths::SETTINGS_CENTRES, None).await;
    refusal(&denied, StatusCode::FORBIDDEN);
    let anonymous = app
        .call(Call::new(Method::GET, paths::SETTINGS_CENTRES))
        .await;
    refusal(&anonymous, StatusCode::UNAUTHORIZED);
}

fn names(territory: &[Commune]) -> Vec<&str> {
    territory
        .iter()
        .map(|commune| commune.name.as_str())
        .collect()
}

#[tokio::test]
async fn an_administrator_picks_the_territory_by_epci_departement_or_commune() {
    // A new cannery: no commune yet.
    let seed = bocal::server::demo::demo_seed(common::today());
    let app = TestApp::start(&bocal::server::storage::Seed {
        territory: vec![],
        ..seed
    });
    let admin = log_in_as(&app, Role::Admin).await;
    let territory: Vec<Commune> = send(&app, &admin, Method::GET, paths::TERRITORY, None)
        .await
        .json();
    assert!(territory.is_empty());

    // The search finds the agglomeration by name, a commune by its postcode.
    let search = |query: &str| {
        let uri = format!("{}?q={query}", paths::COMMUNE_SEARCH);
        let admin = admin.clone();
        let app = &app;
        async move { send(app, &admin, Method::GET, &uri, None).await }
    };
    let found: CommuneSearch = search("valence%20romans").await.json();
    assert_eq!(found.epcis[0].code, DEFAULT_EPCI);
    assert_eq!(found.epcis[0].communes, 54);
    let found: CommuneSearch = search("26750").await.json();
    assert!(found
        .communes
        .iter()
        .any(|commune| commune.name == "Génissieux"));
    refusal(&search("a").await, StatusCode::BAD_REQUEST);

    // Valence Romans Agglo: its 54 communes, once; again adds none.
    let add = |body: Value| {
        let admin = admin.clone();
        let app = &app;
        async move { send(app, &admin, Method::POST, paths::TERRITORY, Some(body)).await }
    };
    let added: TerritoryAdded = add(json!({"by": "epci", "code": DEFAULT_EPCI}))
        .await
        .json();
    assert_eq!(added.added, 54);
    assert_eq!(added.territory.len(), 54);
    assert!(names(&added.territory).contains(&"Romans-sur-Isère"));
    let again: TerritoryAdded = add(json!({"by": "epci", "code": DEFAULT_EPCI}))
        .await
        .json();
    assert_eq!(again.added, 0);

    // One commune of the next valley by its INSEE code (Saint-Donat-sur-l'Herbasse, 26301).
    let one: TerritoryAdded = add(json!({"by": "communes", "insee_codes": ["26301"]}))
        .await
        .json();
    assert_eq!(one.added, 1);
    assert!(names(&one.territory).contains(&"Saint-Donat-sur-l'Herbasse"));

    // Unknown codes are refused, naming the code, and add nothing (one bad code among good
    // ones too).
    for (body, field, said) in [
        (
            json!({"by": "communes", "insee_codes": ["26281", "99999"]}),
            "insee_codes",
            "« 99999 »",
        ),
        (
            json!({"by": "epci", "code": "123"}),
            "code",
            "Intercommunalité inconnue",
        ),
        (
            json!({"by": "departement", "code": "2Z"}),
            "code",
            "Département inconnu",
        ),
        (
            json!({"by": "communes", "insee_codes": []}),
            "insee_codes",
            "de 1 à 1 000",
        ),
    ] {
        let refused = add(body.clone()).await;
        let error = refusal(&refused, StatusCode::BAD_REQUEST);
        assert_eq!(error.error.field.as_deref(), Some(field), "{body}");
        assert!(
            error.error.message.contains(said),
            "{body}: {}",
            error.error.message
        );
    }
    let territory: Vec<Commune> = send(&app, &admin, Method::GET, paths::TERRITORY, None)
        .await
        .json();
    assert_eq!(territory.len(), 55);

    // Taken out again; an unknown one is a 404.
    let after: Vec<Commune> = send(
        &app,
        &admin,
        Method::DELETE,
        &paths::territory_commune("26301"),
        None,
    )
    .await
    .json();
    assert_eq!(after.len(), 54);
    let gone = send(
        &app,
        &admin,
        Method::DELETE,
        &paths::territory_commune("26301"),
        None,
    )
    .await;
    refusal(&gone, StatusCode::NOT_FOUND);

    // A whole département.
    let drome: TerritoryAdded = add(json!({"by": "departement", "code": "26"})).await.json();
    assert!(drome.territory.len() > 300);
    assert_eq!(drome.added as usize, drome.territory.len() - 54);
}

#[tokio::test]
async fn the_demo_serves_valence_romans_agglo() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let territory: Vec<Commune> = send(&app, &animator, Method::GET, paths::TERRITORY, None)
        .await
        .json();
    assert_eq!(territory.len(), 54);
    assert!(names(&territory).contains(&"Peyrins"));
}

fn produce_named<'a>(list: &'a [Produce], name: &str) -> Option<&'a Produce> {
    list.iter().find(|produce| produce.name == name)
}

/// What the farmer's lot form suggests: the produce offered.
async fn suggested_to_farmers(app: &TestApp) -> Vec<String> {
    let farmer = log_in_as(app, Role::Producer).await;
    let farm: Farm = app
        .call(Call::new(Method::GET, paths::MY_FARM).session(Some(&farmer)))
        .await
        .json();
    farm.produce
        .into_iter()
        .map(|produce| produce.name)
        .collect()
}

#[tokio::test]
async fn an_administrator_keeps_the_season_produce_and_retires_what_is_in_use() {
    let app = demo();
    let admin = log_in_as(&app, Role::Admin).await;
    let animator = log_in_as(&app, Role::Animator).await;
    let list = |session: String| {
        let app = &app;
        async move {
            let response = send(app, &session, Method::GET, paths::SETTINGS_PRODUCE, None).await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.text());
            response.json::<Vec<Produce>>()
        }
    };

    // Today's Drôme list is the default, the demo's lots and recipes name some of it.
    let start = list(admin.clone()).await;
    assert_eq!(start.len(), 31);
    let tomatoes = produce_named(&start, "Tomates").unwrap().clone();
    assert_eq!(tomatoes.months, vec![6, 7, 8, 9, 10]);
    assert!(tomatoes.in_use && !tomatoes.retired);
    assert!(!produce_named(&start, "Rhubarbe").unwrap().in_use);
    assert!(suggested_to_farmers(&app)
        .await
        .contains(&"Tomates".to_string()));
    refusal(
        &send(&app, &animator, Method::GET, paths::SETTINGS_PRODUCE, None).await,
        StatusCode::FORBIDDEN,
    );

    // A new produce; the same name again (singular, no capital) is refused; so are no months.
    let kakis = json!({"name": " Kakis ", "months": [12, 11]});
    let made = send(
        &app,
        &admin,
        Method::POST,
        paths::SETTINGS_PRODUCE,
        Some(kakis),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let made: Produce = made.json();
    assert_eq!(
        (made.name.as_str(), made.months.clone()),
        ("Kakis", vec![11, 12])
    );
    let again = json!({"name": "kaki", "months": [11]});
    let error = refusal(
        &send(
            &app,
            &admin,
            Method::POST,
            paths::SETTINGS_PRODUCE,
            Some(again),
        )
        .await,
        StatusCode::CONFLICT,
    );
    assert_eq!(error.error.message, "« Kakis » est déjà dans la liste.");
    let no_month = json!({"name": "Nèfles", "months": []});
    let error = refusal(
        &send(
            &app,
            &admin,
            Method::POST,
            paths::SETTINGS_PRODUCE,
            Some(no_month),
        )
        .await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(error.error.field.as_deref(), Some("months"));
    let renamed = json!({"name": "Kakis (plaqueminier)", "months": [10, 11, 12]});
    let response = send(
        &app,
        &admin,
        Method::PUT,
        &paths::settings_produce(made.id),
        Some(renamed),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json::<Produce>().months, vec![10, 11, 12]);

    // Nothing names it: it can be deleted.
    let response = send(
        &app,
        &admin,
        Method::DELETE,
        &paths::settings_produce(made.id),
        None,
    )
    .await;
    assert_eq!(
        response.status,
        StatusCode::NO_CONTENT,
        "{}",
        response.text()
    );
    assert!(produce_named(&list(admin.clone()).await, "Kakis (plaqueminier)").is_none());

    // Tomatoes are in lots and recipes: deleting them is refused and changes nothing; they
    // are retired instead, and the farmers' form no longer suggests them.
    let error = refusal(
        &send(
            &app,
            &admin,
            Method::DELETE,
            &paths::settings_produce(tomatoes.id),
            None,
        )
        .await,
        StatusCode::CONFLICT,
    );
    assert!(
        error.error.message.contains("retirez-le"),
        "{}",
        error.error.message
    );
    assert_eq!(list(admin.clone()).await, start);
    let retirement = paths::produce_retirement(tomatoes.id);
    let retired: Produce = send(&app, &admin, Method::POST, &retirement, None)
        .await
        .json();
    assert!(retired.retired);
    assert!(!suggested_to_farmers(&app)
        .await
        .contains(&"Tomates".to_string()));
    let offered: Produce = send(&app, &admin, Method::DELETE, &retirement, None)
        .await
        .json();
    assert!(!offered.retired);
    assert!(suggested_to_farmers(&app)
        .await
        .contains(&"Tomates".to_string()));

    // Each change is in the audit log.
    let audit = count_audit(&app, "produit%");
    assert_eq!(audit, 5, "added, changed, deleted, retired, offered again");
}

fn count_audit(app: &TestApp, action: &str) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action LIKE ?1",
            [action],
            |row| row.get(0),
        )
        .unwrap()
}
