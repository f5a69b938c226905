//! The OpenAPI description the server serves: generated from the route table, it lists every
//! endpoint with what it answers, and every schema it names is in it. (Whether real answers
//! match it is schemathesis's part: `scripts/fuzz-api`.)

use crate::common;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use bocal::api::{paths, ErrorBody};
use bocal::domain::{Role, WorkshopKind};

#[tokio::test]
async fn the_description_lists_every_endpoint_with_its_success_answers() {
    let app = common::demo();
    let response = app.get(paths::OPENAPI).await;
    assert_eq!(response.status, StatusCode::OK);
    let document: Value = response.json();
    assert_eq!(document["openapi"], "3.0.3");

    let mut described = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let successes: Vec<_> = operation["responses"]
                .as_object()
                .unwrap()
                .keys()
                .filter(|status| status.starts_with('2'))
                .collect();
            assert!(
                !successes.is_empty(),
                "{method} {path} says nothing of its success"
            );
            described.insert((method.to_uppercase(), path.clone()));
        }
    }
    let served: BTreeSet<_> = bocal::server::endpoints()
        .into_iter()
        .map(|endpoint| (endpoint.method.to_string(), endpoint.path))
        .collect();
    assert_eq!(described, served);
}

#[tokio::test]
async fn bodies_come_from_the_shared_types_and_every_reference_resolves() {
    let app = common::demo();
    let document: Value = app.get(paths::OPENAPI).await.json();

    // A farmer's lot: the request is the draft the web app sends, the answer the lot.
    let create_lot = &document["paths"][paths::LOTS]["post"];
    assert_eq!(
        create_lot["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/LotDraft"
    );
    assert_eq!(
        create_lot["responses"]["201"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Lot"
    );
    let draft = &document["components"]["schemas"]["LotDraft"];
    assert!(draft["properties"]["produce"].is_object(), "{draft}");
    // A public page needs no session; the market does.
    assert!(document["paths"][paths::RECIPES]["get"]["security"].is_null());
    assert_eq!(
        document["paths"][paths::MARKET]["get"]["security"][0]["session"],
        serde_json::json!([])
    );
    // Files say their media type.
    let chart = &document["paths"][paths::IMPACT_CHART]["get"]["responses"]["200"]["content"];
    assert!(chart["image/svg+xml"].is_object(), "{chart}");

    let text = document.to_string();
    let references: BTreeSet<&str> = text
        .split("\"$ref\":\"#/components/schemas/")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert!(references.len() > 40, "{} schemas", references.len());
    for name in references {
        assert!(
            document["components"]["schemas"][name].is_object(),
            "{name} is named but not described"
        );
    }
}

#[tokio::test]
async fn query_strings_are_described_by_the_filter_types_that_read_them() {
    let app = common::demo();
    let document: Value = app.get(paths::OPENAPI).await.json();
    let query_parameters = |path: &str| -> Vec<Value> {
        document["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|parameter| parameter["in"] == "query")
            .cloned()
            .collect()
    };

    let calendar = query_parameters(paths::WORKSHOPS);
    let names: Vec<_> = calendar
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["from", "to", "commune", "kind", "centre", "weeks"]);
    assert_eq!(calendar[0]["schema"]["format"], "date");
    let kinds: Vec<&str> = WorkshopKind::ALL.iter().map(|kind| kind.code()).collect();
    assert_eq!(calendar[3]["schema"]["enum"], serde_json::json!(kinds));
    assert!(calendar.iter().all(|p| p["required"] == false));

    // The CSV exports need their period; the impact chart its figure.
    let ledger = query_parameters(paths::EXPORT_LEDGER);
    assert!(ledger.iter().all(|p| p["required"] == true), "{ledger:?}");
    let chart = query_parameters(paths::IMPACT_CHART);
    assert_eq!(chart[0]["name"], "figure");
    assert_eq!(chart[0]["required"], true);
}

/// Each described date or number is one its handler reads: a bad value of it is a 400 that
/// names it. (A parameter described but not read would answer 200.)
#[tokio::test]
async fn every_described_date_or_number_is_checked_by_its_handler() {
    let app = common::demo();
    let admin = common::log_in_as(&app, Role::Admin).await;
    let document: Value = app.get(paths::OPENAPI).await.json();
    let mut checked = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        if path.contains('{') {
            continue;
        }
        let parameters: Vec<&Value> = get["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|parameter| parameter["in"] == "query")
            .collect();
        let checkable = |parameter: &Value| {
            parameter["schema"]["format"] == "date" || parameter["schema"]["type"] == "integer"
        };
        for bad in parameters.iter().filter(|parameter| checkable(parameter)) {
            let name = bad["name"].as_str().unwrap();
            // Every other required parameter gets a good value.
            let mut query: Vec<String> = parameters
                .iter()
                .filter(|other| other["required"] == true && other["name"] != name)
                .map(|other| {
                    let value = match other["schema"]["enum"].get(0) {
                        Some(code) => code.as_str().unwrap().to_string(),
                        None => "2026-01-01".to_string(),
                    };
                    format!("{}={value}", other["name"].as_str().unwrap())
                })
                .collect();
            query.push(format!("{name}=pas-valide"));
            let uri = format!("{path}?{}", query.join("&"));
            let response = app
                .call(common::Call::new(Method::GET, &uri).session(Some(&admin)))
                .await;
            assert_eq!(response.status, StatusCode::BAD_REQUEST, "{uri}");
            let body: ErrorBody = response.json();
            assert_eq!(body.error.field.as_deref(), Some(name), "{uri}");
            checked.push(uri);
        }
    }
    // The calendar (4: its centre and weeks too) and its feed (3), the impact figures, chart, communes and
    // CSV files (2 each), the ledger's CSV files (2 each), the round's day, a lot, a centre, and
    // one's wallet's lines, the journal's period and page (3).
    assert_eq!(checked.len(), 28, "{checked:#?}");
}
