//! The JSON API under `/api/v1`, one module per resource.

mod health;
mod workshops;

use axum::routing::get;
use axum::Router;

use super::error::AppError;
use super::AppState;
use crate::api::paths;

pub fn api_router() -> Router<AppState> {
    Router::new()
        .route(paths::HEALTH, get(health::health))
        .route(paths::WORKSHOPS, get(workshops::list))
        .route(paths::WORKSHOPS_ICS, get(workshops::feed))
        .route(&format!("{}/{{id}}", paths::WORKSHOPS), get(workshops::one))
        .method_not_allowed_fallback(method_not_allowed)
}

/// Any other path under `/api`: a JSON 404, never the SPA's index.html.
pub async fn not_found() -> AppError {
    AppError::NotFound("Cette adresse de l'API n'existe pas.".into())
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
