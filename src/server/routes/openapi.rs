//! The API's OpenAPI 3.0 description, served at `GET /api/v1/openapi.json`.
//!
//! It is generated, never written by hand: the paths, methods and access rules come from the
//! route table (`routes::api`), and each operation's request and answers from its handler's own
//! types: an `ApiJson<T>` argument is a JSON body of `T`'s schema, a `Json<T>` answer a 200 of
//! `T`'s. The schemas are derived (schemars) from the serde types of `crate::api` and
//! `crate::domain` that the web app shares. Only handlers that build their own `Response` (files,
//! charts, cookies) say what they send, with `routes::Api::answers`.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::Json;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::api::accounts::{REQUEST_HEADER, REQUEST_HEADER_VALUE, SESSION_COOKIE};
use crate::api::error::ErrorBody;
use crate::api::query::{FromQuery, QueryParameter, QueryValue};
use crate::api::IDEMPOTENCY_KEY_HEADER;
use crate::server::http::error::AppError;
use crate::server::http::extract::{
    ApiJson, ApiQuery, ClientAddress, IdPath, IdempotencyKeyHeader,
};
use crate::server::http::session::{Access, Caller, FarmerAccount, LoggedIn, StaffMember};
use crate::server::state::AppState;

/// The media types of the answers that are not JSON, as their modules send them.
pub const SVG: &str = crate::server::formats::charts::CONTENT_TYPE;
pub const JPEG: &str = crate::server::formats::photos::CONTENT_TYPE;
pub const CSV: &str = crate::server::formats::csv::CONTENT_TYPE;
pub const ICS: &str = crate::server::formats::ics::CONTENT_TYPE;

/// What the description says of one operation.
#[derive(Clone, Debug, Default)]
pub struct Operation {
    /// A JSON body (a schema), or a raw file (`Some(None)`: a photo).
    request_body: Option<Option<Value>>,
    idempotency_key: bool,
    /// The path's parameters are numbers (`IdPath`), or any text the handler reads itself.
    numeric_path: bool,
    /// The query string's names (`ApiQuery`).
    query: Vec<QueryParameter>,
    /// Status and content of each success answer; empty when the handler builds its own
    /// `Response` and has not said what it sends.
    answers: Vec<(StatusCode, Content)>,
}

/// The body of a success answer.
#[derive(Clone, Debug)]
pub enum Content {
    Json(Value),
    /// A file of this media type.
    File(&'static str),
    /// JSON of this schema, or the same resource as a file (`/workshops/{id}` and `{id}.ics`).
    JsonOrFile(Value, &'static str),
    None,
}

impl Operation {
    /// For a handler whose `Response` the types do not describe.
    pub fn answer(&mut self, status: StatusCode, content: Content) {
        self.answers.push((status, content));
    }
}

/// Schemas are those of what the server writes (`skip_serializing_if` fields are optional),
/// in OpenAPI 3.0's dialect, gathered under `components/schemas`.
pub fn schema_generator() -> SchemaGenerator {
    SchemaSettings::openapi3().for_serialize().into_generator()
}

pub fn schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    generator.subschema_for::<T>().to_value()
}

/// What a handler's argument adds to its operation (most add nothing: the state, the caller,
/// the path's id, which the path template already says).
pub trait DescribeInput {
    fn describe(_operation: &mut Operation, _generator: &mut SchemaGenerator) {}
}

impl<T: JsonSchema> DescribeInput for ApiJson<T> {
    fn describe(operation: &mut Operation, generator: &mut SchemaGenerator) {
        operation.request_body = Some(Some(schema::<T>(generator)));
    }
}

/// A photo, sent as the file itself.
impl DescribeInput for Body {
    fn describe(operation: &mut Operation, _: &mut SchemaGenerator) {
        operation.request_body = Some(None);
    }
}

impl DescribeInput for IdempotencyKeyHeader {
    fn describe(operation: &mut Operation, _: &mut SchemaGenerator) {
        operation.idempotency_key = true;
    }
}

impl DescribeInput for State<AppState> {}
impl DescribeInput for Caller {}
impl DescribeInput for LoggedIn {}
impl DescribeInput for StaffMember {}
impl DescribeInput for FarmerAccount {}
impl DescribeInput for ClientAddress {}
impl DescribeInput for IdPath {
    fn describe(operation: &mut Operation, _: &mut SchemaGenerator) {
        operation.numeric_path = true;
    }
}
impl DescribeInput for HeaderMap {}
impl<T, E> DescribeInput for Result<Path<T>, E> {}
impl<T: FromQuery> DescribeInput for ApiQuery<T> {
    fn describe(operation: &mut Operation, _: &mut SchemaGenerator) {
        operation.query = T::parameters();
    }
}

/// What a handler's answer says of the operation's success answers.
pub trait DescribeOutput {
    fn describe(_operation: &mut Operation, _generator: &mut SchemaGenerator) {}
}

impl<T: DescribeOutput> DescribeOutput for Result<T, AppError> {
    fn describe(operation: &mut Operation, generator: &mut SchemaGenerator) {
        T::describe(operation, generator);
    }
}

impl<T: JsonSchema> DescribeOutput for Json<T> {
    fn describe(operation: &mut Operation, generator: &mut SchemaGenerator) {
        operation.answer(StatusCode::OK, Content::Json(schema::<T>(generator)));
    }
}

/// A creation: 201, or 200 when it was already done (the same idempotency key, or a
/// resident who signs up twice).
impl<T: JsonSchema> DescribeOutput for (StatusCode, Json<T>) {
    fn describe(operation: &mut Operation, generator: &mut SchemaGenerator) {
        let body = schema::<T>(generator);
        operation.answer(StatusCode::CREATED, Content::Json(body.clone()));
        operation.answer(StatusCode::OK, Content::Json(body));
    }
}

/// Every handler answering a bare status answers 204 No Content.
impl DescribeOutput for StatusCode {
    fn describe(operation: &mut Operation, _: &mut SchemaGenerator) {
        operation.answer(StatusCode::NO_CONTENT, Content::None);
    }
}

/// Built by the handler: it must say what it sends (`routes::Api::answers`).
impl DescribeOutput for Response {}

/// A handler, described by its arguments and its answer.
pub trait DescribeHandler<Arguments> {
    fn describe(generator: &mut SchemaGenerator) -> Operation;
}

macro_rules! describe_handler {
    ($($argument:ident),*) => {
        impl<F, Fut, $($argument,)*> DescribeHandler<($($argument,)*)> for F
        where
            F: FnOnce($($argument),*) -> Fut,
            Fut: std::future::Future,
            Fut::Output: DescribeOutput,
            $($argument: DescribeInput,)*
        {
            fn describe(generator: &mut SchemaGenerator) -> Operation {
                let mut operation = Operation::default();
                $($argument::describe(&mut operation, generator);)*
                <Fut::Output as DescribeOutput>::describe(&mut operation, generator);
                operation
            }
        }
    };
}

describe_handler!();
describe_handler!(A1);
describe_handler!(A1, A2);
describe_handler!(A1, A2, A3);
describe_handler!(A1, A2, A3, A4);
describe_handler!(A1, A2, A3, A4, A5);
describe_handler!(A1, A2, A3, A4, A5, A6);

/// One endpoint of the route table, described.
pub struct Described<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    pub access: Access,
    pub operation: &'a Operation,
}

/// The whole description.
pub fn document<'a>(
    endpoints: impl IntoIterator<Item = Described<'a>>,
    mut generator: SchemaGenerator,
) -> Value {
    let error = schema::<ErrorBody>(&mut generator);
    let mut paths = Map::new();
    for endpoint in endpoints {
        let item = paths
            .entry(endpoint.path.to_string())
            .or_insert_with(|| json!({}));
        item[endpoint.method.as_str().to_lowercase()] = operation(&endpoint, &error);
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Bocal",
            "description": "L'API de Bocal, la conserverie mobile et solidaire. Les messages \
                d'erreur sont en français, prêts à montrer.",
            "version": env!("CARGO_PKG_VERSION"),
        },
        "paths": paths,
        "components": {
            "schemas": generator.take_definitions(true),
            "securitySchemes": {
                "session": { "type": "apiKey", "in": "cookie", "name": SESSION_COOKIE },
            },
        },
    })
}

fn operation(endpoint: &Described, error: &Value) -> Value {
    let Described {
        method,
        path,
        access,
        operation,
    } = endpoint;
    let kind = if operation.numeric_path {
        "integer"
    } else {
        "string"
    };
    let mut parameters: Vec<Value> = path_parameters(path)
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": kind } }))
        .collect();
    parameters.extend(operation.query.iter().map(query_parameter));
    // Changes are taken only from Bocal's own pages (see `session::comes_from_bocal`).
    if !matches!(*method, &Method::GET | &Method::HEAD) {
        parameters.push(json!({
            "name": REQUEST_HEADER, "in": "header", "required": true,
            "schema": { "type": "string", "enum": [REQUEST_HEADER_VALUE] },
        }));
    }
    if operation.idempotency_key {
        parameters.push(json!({
            "name": IDEMPOTENCY_KEY_HEADER, "in": "header", "required": false,
            "description": "Sent again with the same key and body, the request gives back what \
                the first one created.",
            "schema": { "type": "string" },
        }));
    }
    let mut responses = Map::new();
    for (status, content) in &operation.answers {
        responses.insert(status.as_str().to_string(), answer(*status, content));
    }
    // Every refusal: bad input, not logged in, not allowed, unknown, conflict, too many tries,
    // too big, wrong media type. A 5xx is never described: it is a bug.
    responses.insert(
        "4XX".into(),
        json!({
            "description": "Refusé, avec un message en français",
            "content": { "application/json": { "schema": error } },
        }),
    );
    let mut described = json!({
        "operationId": format!("{} {}", method, path),
        "parameters": parameters,
        "responses": responses,
    });
    if *access != Access::Public {
        described["security"] = json!([{ "session": [] }]);
        // The roles as the README names them: account, member, producer, staff, admin.
        let role = format!("{access:?}").to_lowercase();
        described["description"] = json!(format!("Who may call it: {role}."));
        described["x-bocal-access"] = json!(role);
    }
    match &operation.request_body {
        Some(Some(schema)) => {
            described["requestBody"] = json!({
                "required": true,
                "content": { "application/json": { "schema": schema } },
            })
        }
        Some(None) => {
            described["requestBody"] = json!({
                "required": true,
                "content": { "image/*": { "schema": { "type": "string", "format": "binary" } } },
            })
        }
        None => {}
    }
    described
}

fn answer(status: StatusCode, content: &Content) -> Value {
    let description = status.canonical_reason().unwrap_or("OK");
    let file = |media: &str| json!({ media: { "schema": { "type": "string" } } });
    match content {
        Content::Json(schema) => json!({
            "description": description,
            "content": { "application/json": { "schema": schema } },
        }),
        Content::File(media) => json!({ "description": description, "content": file(media) }),
        Content::JsonOrFile(schema, media) => {
            let mut content = file(media);
            content["application/json"] = json!({ "schema": schema });
            json!({ "description": description, "content": content })
        }
        Content::None => json!({ "description": description }),
    }
}

fn query_parameter(parameter: &QueryParameter) -> Value {
    let schema = match &parameter.value {
        QueryValue::Date => json!({ "type": "string", "format": "date" }),
        QueryValue::Integer => json!({ "type": "integer", "format": "int64" }),
        QueryValue::Text => json!({ "type": "string" }),
        QueryValue::OneOf(codes) => json!({ "type": "string", "enum": codes }),
    };
    json!({
        "name": parameter.name,
        "in": "query",
        "required": parameter.required,
        "schema": schema,
    })
}

/// `{id}` and `{version}` in `/api/v1/recipes/{id}/versions/{version}`.
fn path_parameters(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_are_the_braced_segments() {
        let names: Vec<_> = path_parameters("/api/v1/recipes/{id}/versions/{version}").collect();
        assert_eq!(names, ["id", "version"]);
        assert_eq!(path_parameters("/api/v1/recipes").count(), 0);
    }
}
