//! The OpenAPI description the server serves: generated from the route table, it lists every
//! endpoint with what it answers, and every schema it names is in it. (Whether real answers
//! match it is schemathesis's part: `scripts/fuzz-api`.)

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::Value;

use bocal::api::paths;

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
