//! The recipe library through the real router on a temporary SQLite file: search as a French
//! speaker expects, the safety rules on save, versions that stay readable.

use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use bocal::api::produce::Produce;
use bocal::api::recipes::{Recipe, RecipeSummary};
use bocal::api::{paths, ErrorBody};
use bocal::domain::recipe::same_produce;
use bocal::domain::Role;
use common::{demo, log_in_as, Call, TestApp, TestResponse};

async fn search(app: &TestApp, query: &str) -> Vec<RecipeSummary> {
    let response = app.get(&format!("{}?{query}", paths::RECIPES)).await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{query}: {}",
        response.text()
    );
    response.json()
}

fn titles(recipes: &[RecipeSummary]) -> Vec<&str> {
    recipes.iter().map(|recipe| recipe.title.as_str()).collect()
}

/// A green-bean recipe, low-acid (pH 5.9, measured), sterilised in the autoclave.
fn beans() -> Value {
    json!({
        "title": "Haricots beurre au naturel",
        "category": "legumes_au_naturel",
        "main_produce": "Haricots beurre",
        "ingredients": [{"name": "Sel", "per_kg": {"unit": "grams", "amount": 10}}],
        "steps": ["Équeuter, blanchir.", "Remplir, couvrir d'eau salée, stériliser."],
        "preparation_minutes": 40,
        "cooking_minutes": 5,
        "allergens": [],
        "diets": ["vegan"],
        "shelf_life_months": 36,
        "acidity": "low_acid",
        "ph": {"hundredths": 590, "method": "meter", "measured_on": "2026-11-20"},
        "yield_ml_per_kg": 1300,
        "jar_sizes_ml": [370],
        "schedule": {
            "method": "autoclave",
            "rows": [{"jar_ml": 370, "temperature_tenths": 1160, "minutes": 45, "headspace_mm": 20}],
            "target_f0_tenths": 40,
            "validation": null
        }
    })
}

/// `PUT /api/v1/recipes/{id}` by `staff`: the recipe's next version.
async fn save_version(
    app: &TestApp,
    staff: &str,
    id: i64,
    body: impl serde::Serialize,
) -> TestResponse {
    app.call(
        Call::new(Method::PUT, paths::recipe(id))
            .session(Some(staff))
            .json(body),
    )
    .await
}

fn recipe_count(app: &TestApp) -> i64 {
    app.storage
        .connection()
        .unwrap()
        .query_row("SELECT count(*) FROM recipe_versions", [], |row| row.get(0))
        .unwrap()
}

#[tokio::test]
async fn search_ignores_accents_and_case_and_filters_combine() {
    let app = demo();
    let all = search(&app, "").await;
    assert!(all.len() >= 15);
    // Only the two recipes of the demo's batches carry a (fictitious, and so labelled)
    // validation: a batch needs one.
    let validated: Vec<&str> = all
        .iter()
        .filter(|recipe| recipe.validated)
        .map(|recipe| recipe.title.as_str())
        .collect();
    assert_eq!(validated, vec!["Poires au sirop léger", "Soupe de courge"]);

    // In the title, the main produce, or the ingredients (the ratatouille's tomatoes).
    let tomato = search(&app, "q=TOMATE").await;
    assert_eq!(
        titles(&tomato),
        vec![
            "Chutney de tomates vertes",
            "Coulis de tomates",
            "Ratatouille"
        ]
    );
    // "veloute" finds "Velouté", and an ingredient ("noix") finds its recipe.
    assert_eq!(
        titles(&search(&app, "q=veloute").await),
        vec!["Velouté de potimarron aux noix"]
    );
    assert_eq!(
        titles(&search(&app, "q=noix").await),
        vec!["Velouté de potimarron aux noix"]
    );
    let jams = search(&app, "categorie=confiture").await;
    assert_eq!(jams.len(), 3);
    let no_sugar_compotes = search(&app, "categorie=compote&regime=sans_sucre_ajoute").await;
    assert_eq!(titles(&no_sugar_compotes), vec!["Compote de pommes"]);

    // "What can we make with the lots on offer now": the demo market offers apples, kiwis,
    // squash and carrots.
    let on_offer = search(&app, "en_stock=1").await;
    assert!(!on_offer.is_empty());
    for recipe in &on_offer {
        assert!(recipe.on_offer);
        assert!(
            ["Pommes", "Kiwis", "Potimarrons", "Carottes"]
                .iter()
                .any(|produce| same_produce(produce, &recipe.main_produce)),
            "{}",
            recipe.title
        );
    }
    assert!(titles(&on_offer).contains(&"Confiture de kiwis"));
    assert!(!titles(&on_offer).contains(&"Coulis de tomates"));

    // In season by the region's calendar, for today's month.
    let today = common::today();
    let in_season = search(&app, "saison=1").await;
    let admin = log_in_as(&app, Role::Admin).await;
    let season: Vec<Produce> = app
        .call(Call::new(Method::GET, paths::SETTINGS_PRODUCE).session(Some(&admin)))
        .await
        .json();
    for recipe in &all {
        let expected = season
            .iter()
            .any(|p| same_produce(&p.name, &recipe.main_produce) && p.in_season(today));
        assert_eq!(
            titles(&in_season).contains(&recipe.title.as_str()),
            expected,
            "{}",
            recipe.title
        );
    }

    let bad = app
        .get(&format!("{}?categorie=gateau", paths::RECIPES))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unsafe_or_incomplete_recipes_are_refused_and_nothing_is_stored() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let before = recipe_count(&app);
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut recipe = beans();
        edit(&mut recipe);
        recipe
    };
    let refusals = [
        // A low-acid food in a water bath: botulism risk, refused whatever the numbers.
        (
            with(&|r| {
                r["schedule"]["method"] = json!("water_bath");
                r["schedule"]["rows"][0]["temperature_tenths"] = json!(1000);
            }),
            "method",
        ),
        (with(&|r| r["jar_sizes_ml"] = json!([370, 720])), "schedule"),
        (
            with(&|r| r["schedule"]["rows"][0]["temperature_tenths"] = json!(1500)),
            "schedule",
        ),
        (
            with(&|r| r["schedule"]["target_f0_tenths"] = json!(null)),
            "target_f0",
        ),
        (with(&|r| r["steps"] = json!(["  "])), "steps"),
        (with(&|r| r["title"] = json!("")), "title"),
        (
            with(&|r| r["yield_ml_per_kg"] = json!(0)),
            "yield_ml_per_kg",
        ),
        (with(&|r| r["acidity"] = json!("un peu acide")), "body"),
        // No measured pH, or one no food has.
        (with(&|r| r["ph"] = json!(null)), "ph"),
        (with(&|r| r["ph"]["hundredths"] = json!(950)), "ph"),
        // France's line is pH 4.5: at 4.5 a water bath is refused, even said to be "acid".
        (
            with(&|r| {
                r["acidity"] = json!("acid");
                r["ph"]["hundredths"] = json!(450);
                r["schedule"]["method"] = json!("water_bath");
                r["schedule"]["target_f0_tenths"] = json!(null);
                r["schedule"]["rows"][0]["temperature_tenths"] = json!(1000);
            }),
            "method",
        ),
        // At 4.5 or above, the autoclave must reach F0 3.
        (
            with(&|r| r["schedule"]["target_f0_tenths"] = json!(25)),
            "target_f0",
        ),
    ];
    for (recipe, field) in refusals {
        let response = app
            .call(
                Call::new(Method::POST, paths::RECIPES)
                    .session(Some(&animator))
                    .json(&recipe),
            )
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{recipe}");
        let error: ErrorBody = response.json();
        assert_eq!(error.error.field.as_deref(), Some(field), "{recipe}");
    }
    let participant = log_in_as(&app, Role::Participant).await;
    let response = app
        .call(
            Call::new(Method::POST, paths::RECIPES)
                .session(Some(&participant))
                .json(beans()),
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(recipe_count(&app), before);
}

#[tokio::test]
async fn editing_makes_a_new_version_and_the_old_one_stays_readable() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let created = app
        .call(
            Call::new(Method::POST, paths::RECIPES)
                .session(Some(&animator))
                .json(beans()),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let first: Recipe = created.json();
    assert_eq!((first.version, first.current_version), (1, 1));
    assert!(!first.content.schedule.is_validated());

    let mut edited = beans();
    edited["title"] = json!("Haricots beurre au naturel, 2e version");
    edited["schedule"]["validation"] =
        json!({"by": "Centre technique de la conservation", "on": "2026-11-20"});
    let response = save_version(&app, &animator, first.id, &edited).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let second: Recipe = response.json();
    assert_eq!((second.version, second.current_version), (2, 2));
    assert!(second.content.schedule.is_validated());

    let current: Recipe = app.get(&paths::recipe(first.id)).await.json();
    assert_eq!(
        current.content.title,
        "Haricots beurre au naturel, 2e version"
    );
    let old: Recipe = app.get(&paths::recipe_version(first.id, 1)).await.json();
    assert_eq!(old.content.title, "Haricots beurre au naturel");
    assert_eq!((old.version, old.current_version), (1, 2));
    assert_eq!(
        app.get(&paths::recipe_version(first.id, 3)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("{}/versions/un", paths::recipe(first.id)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let listed = search(&app, "q=haricots%20BEURRE").await;
    assert_eq!(listed.len(), 1);
    assert!(listed[0].validated);
    assert_eq!(listed[0].version, 2);

    // A changed schedule cannot keep the validation of the one before: batches trust it.
    let mut shorter = serde_json::to_value(&second.content).unwrap();
    shorter["schedule"]["rows"][0]["minutes"] = json!(30);
    let versions_before = recipe_count(&app);
    let response = save_version(&app, &animator, first.id, &shorter).await;
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{}",
        response.text()
    );
    let error: ErrorBody = response.json();
    assert_eq!(error.error.field.as_deref(), Some("validation"));
    assert!(error.error.message.starts_with("Le barème a changé"));
    assert_eq!(recipe_count(&app), versions_before);
    shorter["schedule"]["validation"] = json!(null);
    let response = save_version(&app, &animator, first.id, &shorter).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert!(!response.json::<Recipe>().content.schedule.is_validated());

    // Unknown recipe: 404, nothing stored.
    let response = save_version(&app, &animator, 424_242, beans()).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);

    // The database itself refuses to change or drop a version.
    let conn = app.storage.connection().unwrap();
    assert!(conn
        .execute(
            "UPDATE recipe_versions SET title = 'x' WHERE recipe_id = ?1",
            [first.id]
        )
        .is_err());
    assert!(conn
        .execute(
            "DELETE FROM recipe_versions WHERE recipe_id = ?1",
            [first.id]
        )
        .is_err());
}

#[tokio::test]
async fn a_recipe_photo_is_public_and_an_unknown_one_is_refused() {
    let app = demo();
    let animator = log_in_as(&app, Role::Animator).await;
    let picture =
        image::ImageBuffer::from_fn(800, 600, |x, _| image::Rgb([(x % 200) as u8, 120, 40]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let upload = app
        .call(
            Call::new(Method::POST, paths::RECIPE_PHOTOS)
                .session(Some(&animator))
                .bytes("image/png", png),
        )
        .await;
    assert_eq!(upload.status, StatusCode::CREATED, "{}", upload.text());
    let photo: bocal::api::lots::UploadedPhoto = upload.json();

    let mut with_photo = beans();
    with_photo["photo_id"] = json!(photo.id);
    let created: Recipe = app
        .call(
            Call::new(Method::POST, paths::RECIPES)
                .session(Some(&animator))
                .json(&with_photo),
        )
        .await
        .json();
    assert_eq!(created.content.photo_id, Some(photo.id));
    // Anyone may see it, as a JPEG, cached for a year.
    let served = app.get(&paths::recipe_photo(photo.id)).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.content_type, "image/jpeg");
    assert_eq!(
        served.cache_control.as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    let before = recipe_count(&app);
    with_photo["photo_id"] = json!(987_654);
    let refused = app
        .call(
            Call::new(Method::POST, paths::RECIPES)
                .session(Some(&animator))
                .json(&with_photo),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json();
    assert_eq!(error.error.field.as_deref(), Some("photo"));
    assert_eq!(recipe_count(&app), before);
}

#[tokio::test]
async fn an_empty_library_imports_the_starter_library_as_drafts_once() {
    // The demo's accounts, but no recipe: a new cannery's library.
    let seed = bocal::server::demo::demo_seed(common::today());
    let app = TestApp::start(&bocal::server::storage::Seed {
        recipes: vec![],
        batches: vec![],
        ledger: vec![],
        ..seed
    });
    assert!(search(&app, "").await.is_empty());
    let animator = log_in_as(&app, Role::Animator).await;
    let import = || {
        app.call(
            Call::new(Method::POST, paths::STARTER_LIBRARY)
                .session(Some(&animator))
                .json(json!({})),
        )
    };

    let imported = import().await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.text());
    let expected = bocal::server::starter_library::starter_drafts();
    assert_eq!(imported.json::<Value>()["recipes"], expected.len());
    let library = search(&app, "").await;
    assert_eq!(library.len(), expected.len());
    // Drafts: no schedule validated, no pH measured, so nothing to produce from.
    assert!(library.iter().all(|recipe| !recipe.validated));
    for summary in &library {
        let recipe: Recipe = app.get(&paths::recipe(summary.id)).await.json();
        assert_eq!(recipe.content.ph, None, "{}", summary.title);
        assert_eq!(recipe.saved_by, "Lucas");
    }

    // A second import (a second click, or a library already begun) is refused; nothing added.
    let versions = recipe_count(&app);
    let again = import().await;
    let body: ErrorBody = common::refusal(&again, StatusCode::CONFLICT);
    assert!(
        body.error
            .message
            .contains("ne s'importe que dans une bibliothèque vide"),
        "{}",
        body.error.message
    );
    assert_eq!(recipe_count(&app), versions);

    // The team measures a draft's pH and has its schedule validated: then it is "validé".
    let coulis = library
        .iter()
        .find(|recipe| recipe.title == "Coulis de tomates")
        .unwrap();
    let draft: Recipe = app.get(&paths::recipe(coulis.id)).await.json();
    let unmeasured = save_version(&app, &animator, coulis.id, &draft.content).await;
    assert_eq!(
        common::refusal(&unmeasured, StatusCode::BAD_REQUEST)
            .error
            .field
            .as_deref(),
        Some("ph")
    );
    let mut measured = draft.content.clone();
    measured.ph = Some(bocal::domain::recipe::PhMeasurement {
        hundredths: 415,
        method: bocal::domain::recipe::PhMethod::Meter,
        measured_on: common::today(),
    });
    measured.schedule.validation = Some(bocal::domain::recipe::Validation {
        by: "CTCPA, pour l'autoclave du camion".into(),
        on: common::today(),
    });
    let saved = save_version(&app, &animator, coulis.id, &measured).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    let library = search(&app, "").await;
    let validated: Vec<&str> = library
        .iter()
        .filter(|recipe| recipe.validated)
        .map(|recipe| recipe.title.as_str())
        .collect();
    assert_eq!(validated, vec!["Coulis de tomates"]);

    // One audit entry for the import.
    let audited: i64 = app
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'bibliothèque de départ importée'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}

/// A library with the demo's accounts and no recipe: another cannery's.
fn empty_library() -> TestApp {
    let seed = bocal::server::demo::demo_seed(common::today());
    TestApp::start(&bocal::server::storage::Seed {
        recipes: vec![],
        batches: vec![],
        ledger: vec![],
        ..seed
    })
}

async fn import(app: &TestApp, staff: &str, file: &Value) -> TestResponse {
    app.call(
        Call::new(Method::POST, paths::RECIPE_IMPORT)
            .session(Some(staff))
            .json(file),
    )
    .await
}

#[tokio::test]
async fn a_recipe_travels_as_a_file_with_its_versions_and_photo_and_is_never_validated_here() {
    // In the demo cannery: the soup (its version 2 carries a validation), with a photo added
    // as version 3.
    let demo = demo();
    let animator = log_in_as(&demo, Role::Animator).await;
    let soup = search(&demo, "q=soupe%20de%20courge").await[0].clone();
    let picture = image::ImageBuffer::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 250) as u8, (y % 250) as u8, 40])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let photo: bocal::api::lots::UploadedPhoto = demo
        .call(
            Call::new(Method::POST, paths::RECIPE_PHOTOS)
                .session(Some(&animator))
                .bytes("image/png", png),
        )
        .await
        .json();
    let mut content = demo
        .get(&paths::recipe(soup.id))
        .await
        .json::<Recipe>()
        .content;
    assert!(content.schedule.validation.is_some());
    content.photo_id = Some(photo.id);
    let saved = save_version(&demo, &animator, soup.id, &content).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());

    let exported = demo.get(&paths::recipe_file(soup.id)).await;
    assert_eq!(exported.status, StatusCode::OK);
    let disposition = exported.headers[axum::http::header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert_eq!(
        disposition,
        format!(
            "attachment; filename=\"recette-{}-soupe-de-courge.json\"",
            soup.id
        )
    );
    let file: Value = exported.json();
    assert_eq!(file["format"], "bocal-recette");
    assert_eq!(file["format_version"], 1);
    assert_eq!(file["versions"].as_array().unwrap().len(), 3);
    assert_eq!(file["photos"].as_array().unwrap().len(), 1);
    let operator = bocal::server::demo::demo_operator().name;
    assert_eq!(file["exported_from"], operator.as_str());

    // Imported by another cannery: three versions, the photo, the validation kept as the
    // demo cannery's, and none of its own.
    let other = empty_library();
    let staff = log_in_as(&other, Role::Animator).await;
    let imported = import(&other, &staff, &file).await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.text());
    let imported: Recipe = imported.json();
    assert_eq!(imported.current_version, 3);
    assert_eq!(imported.content.title, "Soupe de courge");
    assert_eq!(imported.content.schedule.validation, None);
    let elsewhere = imported.content.validated_elsewhere.clone().unwrap();
    assert_eq!(elsewhere.cannery, operator);
    assert_eq!(
        Some(elsewhere.by),
        content.schedule.validation.as_ref().map(|v| v.by.clone())
    );
    assert_eq!(imported.content.ph, content.ph);
    assert_eq!(imported.content.schedule.rows, content.schedule.rows);
    let first: Recipe = other
        .get(&paths::recipe_version(imported.id, 1))
        .await
        .json();
    assert_eq!(first.content.schedule.validation, None);
    let summary = search(&other, "").await;
    assert_eq!(summary.len(), 1);
    assert!(!summary[0].validated);
    let photo = other
        .get(&paths::recipe_photo(imported.content.photo_id.unwrap()))
        .await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.content_type, "image/jpeg");
    // And the import is audited with where it came from.
    let detail: String = other
        .storage
        .connection()
        .unwrap()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'recette importée'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(detail, format!("Soupe de courge, de « {operator} »"));

    // Refused, with why, and nothing written: a newer format, another file, a version that
    // breaks a safety rule, versions out of order, a photo that is not one.
    let versions_before = recipe_count(&other);
    let mut newer = file.clone();
    newer["format_version"] = json!(2);
    let mut unsafe_file = file.clone();
    unsafe_file["versions"][1]["content"]["schedule"]["method"] = json!("water_bath");
    unsafe_file["versions"][1]["content"]["schedule"]["target_f0_tenths"] = Value::Null;
    let mut shuffled = file.clone();
    shuffled["versions"][0]["version"] = json!(2);
    let mut bad_photo = file.clone();
    bad_photo["photos"][0]["jpeg_base64"] = json!("bm90IGEgcGhvdG8=");
    for (file, said) in [
        (newer, "version plus récente de Bocal (format 2"),
        (
            json!({"title": "Confiture"}),
            "n'est pas une recette exportée par Bocal",
        ),
        (unsafe_file, "Version 2 : Un aliment peu acide"),
        (shuffled, "ne se suivent pas"),
        (bad_photo, "Une photo de ce fichier est illisible"),
    ] {
        let refused = import(&other, &staff, &file).await;
        let error = common::refusal(&refused, StatusCode::BAD_REQUEST);
        assert_eq!(error.error.field.as_deref(), Some("file"));
        assert!(
            error.error.message.contains(said),
            "{said}: {}",
            error.error.message
        );
    }
    assert_eq!(recipe_count(&other), versions_before);
}

#[tokio::test]
async fn a_starter_draft_travels_with_its_ph_still_to_measure() {
    let app = empty_library();
    let animator = log_in_as(&app, Role::Animator).await;
    app.call(
        Call::new(Method::POST, paths::STARTER_LIBRARY)
            .session(Some(&animator))
            .json(json!({})),
    )
    .await;
    let coulis = search(&app, "q=coulis").await[0].clone();
    let file: Value = app.get(&paths::recipe_file(coulis.id)).await.json();
    let other = empty_library();
    let staff = log_in_as(&other, Role::Animator).await;
    let imported = import(&other, &staff, &file).await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.text());
    let imported: Recipe = imported.json();
    assert_eq!(imported.content.ph, None);
    assert_eq!(imported.content.validated_elsewhere, None);
}
