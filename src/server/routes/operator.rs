//! Who runs this Bocal (the configured operator), for labels, the legal pages and the footer.

use axum::extract::State;
use axum::Json;

use crate::api::operator::{Footer, Operator};
use crate::server::http::error::AppError;
use crate::server::state::AppState;

/// `GET /api/v1/operator` (public)
pub async fn operator(State(state): State<AppState>) -> Json<Operator> {
    Json(state.operator.as_ref().clone())
}

/// `GET /api/v1/footer` (public): the operator's name and its open centres, for every page.
pub async fn footer(State(state): State<AppState>) -> Result<Json<Footer>, AppError> {
    let centres = state.storage.centres().await?;
    Ok(Json(Footer {
        operator: state.operator.name.clone(),
        centres: centres.into_iter().map(|centre| centre.name).collect(),
    }))
}
