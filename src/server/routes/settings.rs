//! The cannery's own settings (admins, "Réglages"): its centres.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::api::centres::{CentreDraft, CentreSettings};
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, IdPath};
use crate::server::http::session::StaffMember;
use crate::server::state::AppState;

/// `GET /api/v1/settings/centres` (admins): every centre, closed ones last.
pub async fn centres(State(state): State<AppState>) -> Result<Json<Vec<CentreSettings>>, AppError> {
    Ok(Json(state.storage.centre_settings().await?))
}

/// `POST /api/v1/settings/centres` (admins): a new centre.
pub async fn create_centre(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    ApiJson(draft): ApiJson<CentreDraft>,
) -> Result<(StatusCode, Json<CentreSettings>), AppError> {
    let draft = draft.checked()?;
    let centre = state
        .storage
        .create_centre(draft, admin.account.id, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, Json(centre)))
}

/// `PUT /api/v1/settings/centres/{id}` (admins): a centre corrected.
pub async fn update_centre(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    IdPath(id): IdPath,
    ApiJson(draft): ApiJson<CentreDraft>,
) -> Result<Json<CentreSettings>, AppError> {
    let draft = draft.checked()?;
    let centre = state
        .storage
        .update_centre(id, draft, admin.account.id, state.clock.now())
        .await?;
    Ok(Json(centre))
}

/// `POST /api/v1/settings/centres/{id}/closing` (admins): the centre closes; its history and
/// stock figures stay, it is offered nowhere.
pub async fn close_centre(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    IdPath(id): IdPath,
) -> Result<Json<CentreSettings>, AppError> {
    set_closed(state, admin.account.id, id, true).await
}

/// `DELETE /api/v1/settings/centres/{id}/closing` (admins): the centre opens again.
pub async fn reopen_centre(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    IdPath(id): IdPath,
) -> Result<Json<CentreSettings>, AppError> {
    set_closed(state, admin.account.id, id, false).await
}

async fn set_closed(
    state: AppState,
    actor_id: i64,
    id: i64,
    closed: bool,
) -> Result<Json<CentreSettings>, AppError> {
    let centre = state
        .storage
        .set_centre_closed(id, closed, actor_id, state.clock.now())
        .await?;
    Ok(Json(centre))
}
