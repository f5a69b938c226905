//! Extractors whose failures speak the API's language: a JSON error body in French.

use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::api::error::FieldError;
use crate::api::query::FromQuery;
use crate::server::http::client_ip::ClientIp;
use crate::server::http::error::AppError;

/// `axum::Json`, but a body that cannot be read is a 400 (413 when over axum's 2 MB limit) with
/// the API's error body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(
                AppError::PayloadTooLarge("Les données envoyées sont trop grosses.".into()),
            ),
            Err(rejection) => {
                tracing::debug!(%rejection, "unreadable request body");
                Err(AppError::InvalidInput(FieldError::new(
                    "body",
                    "Les données envoyées sont illisibles ou incomplètes.",
                )))
            }
        }
    }
}

/// The query string, read by a filter type of `crate::api` (`FromQuery`): a bad value is a 400
/// naming its field, and the type lists its names for the OpenAPI description.
pub struct ApiQuery<T>(pub T);

impl<T: FromQuery, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Pairs of text: undecodable bytes become U+FFFD, so only a malformed string fails.
        let Query(pairs) =
            Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(|_| {
                FieldError::new("query", "Les paramètres de l'adresse sont illisibles.")
            })?;
        Ok(ApiQuery(T::from_query(&pairs)?))
    }
}

/// The client's address, to brake password guessing: as `client_ip::resolve` found it (behind
/// a trusted proxy, the one it forwards for). "inconnue" when the server was not started with
/// connection info (in-process tests).
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ClientIp>()
            .map(|ClientIp(address)| address.to_string())
            .unwrap_or_else(|| "inconnue".into());
        Ok(ClientAddress(address))
    }
}

/// A numeric id from the path. Anything else names nothing: a JSON 404, like an unknown id.
pub struct IdPath(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let segment = axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(segment)| segment)
            .unwrap_or_default();
        segment
            .parse()
            .map(IdPath)
            .map_err(|_| AppError::NotFound("Cette adresse de l'API n'existe pas.".into()))
    }
}

/// The optional `Idempotency-Key` header (`api::IDEMPOTENCY_KEY_HEADER`); a malformed one is a
/// 400.
pub struct IdempotencyKeyHeader(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKeyHeader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(crate::api::IDEMPOTENCY_KEY_HEADER) else {
            return Ok(IdempotencyKeyHeader(None));
        };
        let key = value.to_str().unwrap_or_default().to_string();
        crate::api::check_idempotency_key(&key)?;
        Ok(IdempotencyKeyHeader(Some(key)))
    }
}
