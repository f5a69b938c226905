//! Production batches: the team records what a workshop made, reads its traceability, sends
//! its conforming jars to a centre's stock.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;

use crate::api::batches::{
    AvailableLot, Batch, BatchFilter, BatchSummary, NewBatch, NewDisposition, NewRecall,
    RecallReturn, StockBatch,
};
use crate::api::query::ChartSize;
use crate::domain::batch::{Lethality, ProcessRecord};
use crate::server::formats::charts::{process_chart, svg_response};
use crate::server::formats::qr::qr_code;
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ApiQuery, IdPath};
use crate::server::http::idempotency::{created_or_replayed, request_hash};
use crate::server::http::session::StaffMember;
use crate::server::state::AppState;

/// `GET /api/v1/batches?lot=ID` (staff): the latest batches, or those a farm's lot went into.
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<BatchFilter>,
) -> Result<Json<Vec<BatchSummary>>, AppError> {
    Ok(Json(state.storage.batches(filter.lot).await?))
}

/// `GET /api/v1/batch-inputs` (staff)
pub async fn available_lots(
    State(state): State<AppState>,
) -> Result<Json<Vec<AvailableLot>>, AppError> {
    Ok(Json(state.storage.available_lots().await?))
}

/// `POST /api/v1/batches` (staff): 201 with the batch (conforming or not); a replay gets 200.
pub async fn record(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(new): ApiJson<NewBatch>,
) -> Result<(StatusCode, Json<Batch>), AppError> {
    new.check()?;
    let hash = request_hash(&new);
    let (created, batch) = state
        .storage
        .record_batch(new, hash, staff.account.id, state.clock.now())
        .await?;
    Ok((created_or_replayed(created), Json(batch)))
}

/// `GET /api/v1/batches/{id}` (staff)
pub async fn one(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<Batch>, AppError> {
    Ok(Json(state.storage.batch(id).await?))
}

/// `POST /api/v1/batches/{id}/stock` (staff): 201 with the batch as it now stands.
pub async fn stock(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(request): ApiJson<StockBatch>,
) -> Result<(StatusCode, Json<Batch>), AppError> {
    crate::api::check_idempotency_key(&request.idempotency_key)?;
    let hash = request_hash(&(id, &request.centre_id, &request.jars));
    let (created, batch) = state
        .storage
        .stock_batch(id, request, hash, staff.account.id, state.clock.now())
        .await?;
    Ok((created_or_replayed(created), Json(batch)))
}

/// `POST /api/v1/batches/{id}/disposition` (staff): what became of a non-conforming batch's
/// jars; 201 with the batch as it now stands.
pub async fn disposition(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(disposition): ApiJson<NewDisposition>,
) -> Result<(StatusCode, Json<Batch>), AppError> {
    let batch = state
        .storage
        .record_disposition(id, disposition, staff.account.id, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, Json(batch)))
}

/// `POST /api/v1/batches/{id}/recall` (staff): "Rappeler ce lot"; 201 with the batch, its
/// recall and the holders told.
pub async fn recall(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(recall): ApiJson<NewRecall>,
) -> Result<(StatusCode, Json<Batch>), AppError> {
    let batch = state
        .storage
        .recall_batch(id, recall, staff.account.id, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, Json(batch)))
}

/// `POST /api/v1/batches/{id}/recall/returns` (staff): recalled jars brought back; 201 with
/// the batch (200 for a replay).
pub async fn recall_return(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(id): IdPath,
    ApiJson(returned): ApiJson<RecallReturn>,
) -> Result<(StatusCode, Json<Batch>), AppError> {
    crate::api::check_idempotency_key(&returned.idempotency_key)?;
    let hash = request_hash(&(
        id,
        returned.participant_id,
        returned.centre_id,
        returned.jar_ml,
        returned.jars,
    ));
    let (created, batch) = state
        .storage
        .record_recall_return(id, returned, hash, staff.account.id, state.clock.now())
        .await?;
    Ok((created_or_replayed(created), Json(batch)))
}

/// `GET /api/v1/batches/{id}/process.svg?taille=etroite` (staff): the probe log's curves (for a
/// phone: narrow); 404 for a batch recorded from confirmed schedule rows.
pub async fn chart(
    State(state): State<AppState>,
    IdPath(id): IdPath,
    ApiQuery(size): ApiQuery<ChartSize>,
) -> Result<Response, AppError> {
    let batch = state.storage.batch(id).await?;
    let ProcessRecord::Log { points } = &batch.process else {
        return Err(AppError::NotFound(
            "Ce lot n'a pas de relevé de température.".into(),
        ));
    };
    // The reference the batch was judged against; for batches recorded before it was kept,
    // their recipe version's.
    let reference = match &batch.assessment.reference {
        Some(reference) => reference.clone(),
        None => {
            let recipe = state
                .storage
                .recipe(batch.recipe_id, Some(batch.recipe_version))
                .await?;
            recipe.content.schedule.lethality_reference()
        }
    };
    let lethality = Lethality::of(&reference);
    let svg = process_chart(points, lethality, size.narrow);
    // A batch is never edited: its chart never changes.
    Ok(svg_response(svg, "private, max-age=86400"))
}

/// `GET /api/v1/batches/{id}/qr.svg` (staff): the batch number as a QR code, printed on each
/// jar's label; the counter's scanner types it into the lot field.
pub async fn qr(State(state): State<AppState>, IdPath(id): IdPath) -> Result<Response, AppError> {
    let batch = state.storage.batch(id).await?;
    Ok(svg_response(
        qr_code(&batch.number, 120),
        "private, max-age=86400",
    ))
}
