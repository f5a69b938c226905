use axum::extract::State;
use axum::Json;

use crate::api::Health;
use crate::server::http::error::AppError;
use crate::server::state::AppState;

/// Liveness and database reachability, for monitors and the end-to-end tests' start-up wait.
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state.storage.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
