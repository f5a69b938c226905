//! Who runs this Bocal (the configured operator), for labels and the legal pages.

use axum::extract::State;
use axum::Json;

use crate::api::operator::Operator;
use crate::server::state::AppState;

/// `GET /api/v1/operator` (public)
pub async fn operator(State(state): State<AppState>) -> Json<Operator> {
    Json(state.operator.as_ref().clone())
}
