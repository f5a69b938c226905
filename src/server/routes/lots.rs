//! The surplus marketplace: farmers post and follow their lots, the team reserves and collects
//! them, and the public sees what was rescued.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use chrono::Datelike;

use crate::api::lots::{
    CollectionRound, Farm, FarmNotifyBy, Lot, LotAction, LotDraft, Market, Rescued, RoundDay,
    UploadedPhoto,
};
use crate::domain::notify::check_farm_channel;
use crate::domain::time::{local_date, start_of_local_day};
use crate::server::formats::photos::{jpeg_response, received_photo};
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ApiQuery, IdPath, IdempotencyKeyHeader};
use crate::server::http::idempotency::{created_or_replayed, request_hash};
use crate::server::http::session::{Access, Caller, FarmerAccount, LoggedIn};
use crate::server::state::AppState;
use crate::server::storage::{IdempotencyKey, LotActor};

/// `POST /api/v1/lots` (producer): 201 with the new lot. Sent again with the same
/// `Idempotency-Key` (the phone's outbox after a lost answer), 200 with that same lot.
pub async fn create(
    State(state): State<AppState>,
    FarmerAccount(farmer): FarmerAccount,
    IdempotencyKeyHeader(key): IdempotencyKeyHeader,
    ApiJson(draft): ApiJson<LotDraft>,
) -> Result<(StatusCode, Json<Lot>), AppError> {
    let now = state.clock.now();
    // The farm is part of what was asked: another farm's key can never give this lot back.
    let key = key.map(|key| IdempotencyKey {
        key,
        request_hash: request_hash(&(farmer.producer_id, &draft)),
    });
    let lot = draft.checked(local_date(now))?;
    let (created, mut saved) = state.storage.create_lot(farmer, lot, key, now).await?;
    saved.farm = None;
    Ok((created_or_replayed(created), Json(saved)))
}

/// `PUT /api/v1/lots/{id}` (its farmer, while nobody has reserved it)
pub async fn update(
    State(state): State<AppState>,
    FarmerAccount(farmer): FarmerAccount,
    IdPath(id): IdPath,
    ApiJson(draft): ApiJson<LotDraft>,
) -> Result<Json<Lot>, AppError> {
    let now = state.clock.now();
    let lot = draft.checked(local_date(now))?;
    let mut saved = state.storage.update_lot(id, farmer, lot, now).await?;
    saved.farm = None;
    Ok(Json(saved))
}

/// `GET /api/v1/lots/{id}`: the team sees any lot with the farm's contact; a farmer sees
/// their own; anyone else, nothing.
pub async fn one(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<Lot>, AppError> {
    let now = state.clock.now();
    let mut lot = state.storage.lot(id, local_date(now), now).await?;
    if caller.is_staff() {
        return Ok(Json(lot));
    }
    let own_farm = caller.0.as_ref().and_then(|user| user.account.producer_id);
    match (&lot.farm, own_farm) {
        (Some(farm), Some(own)) if farm.producer_id == own => {
            lot.farm = None;
            Ok(Json(lot))
        }
        _ => Err(AppError::NotFound("Ce lot n'existe pas.".into())),
    }
}

/// `POST /api/v1/lots/{id}/actions`: withdrawing is for the lot's farmer (or the team on
/// their behalf); reserving, releasing, collecting and marking processed are for the team.
pub async fn act(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    ApiJson(action): ApiJson<LotAction>,
) -> Result<Json<Lot>, AppError> {
    let Some(user) = caller.0.as_ref() else {
        return Err(AppError::Unauthenticated);
    };
    if !caller.is_staff() {
        Access::Producer.check(&caller)?;
        if action != LotAction::Withdraw {
            return Err(AppError::Forbidden(
                "Réservé à l'équipe d'animation.".into(),
            ));
        }
        let lot_farm = state.storage.lot_producer(id).await?;
        if user.account.producer_id != Some(lot_farm) {
            return Err(AppError::NotFound("Ce lot n'existe pas.".into()));
        }
    }
    let now = state.clock.now();
    let actor = LotActor {
        account_id: user.account.id,
        is_staff: caller.is_staff(),
    };
    let mut lot = state
        .storage
        .act_on_lot(id, action, actor, local_date(now), now)
        .await?;
    // A reservation or a collection tells the farm, if it chose to be told.
    state.wake_sender();
    if !caller.is_staff() {
        lot.farm = None;
    }
    Ok(Json(lot))
}

/// `GET /api/v1/me/lots` (producer): their lots, newest and open ones first.
pub async fn mine(
    State(state): State<AppState>,
    FarmerAccount(farmer): FarmerAccount,
) -> Result<Json<Vec<Lot>>, AppError> {
    let now = state.clock.now();
    let lots = state
        .storage
        .farm_lots(farmer.producer_id, local_date(now), now)
        .await?;
    Ok(Json(lots))
}

/// `POST /api/v1/me/lots/seen` (producer): they have seen what changed.
pub async fn mark_seen(
    State(state): State<AppState>,
    FarmerAccount(farmer): FarmerAccount,
) -> Result<StatusCode, AppError> {
    state
        .storage
        .mark_farm_lots_seen(farmer.producer_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me/farm` (producer): the default pick-up address.
pub async fn farm(
    State(state): State<AppState>,
    FarmerAccount(farmer): FarmerAccount,
) -> Result<Json<Farm>, AppError> {
    Ok(Json(state.storage.farm(farmer.producer_id).await?))
}

/// `PUT /api/v1/me/farm/notify-by` (producer): SMS, or no more messages. Farms are told by
/// SMS only: their phone is what the farm signed up with.
pub async fn set_farm_notify_by(
    State(state): State<AppState>,
    FarmerAccount(farmer): FarmerAccount,
    ApiJson(request): ApiJson<FarmNotifyBy>,
) -> Result<Json<Farm>, AppError> {
    check_farm_channel(request.notify_by)?;
    Ok(Json(
        state
            .storage
            .set_farm_notify_by(farmer.producer_id, request.notify_by)
            .await?,
    ))
}

/// `GET /api/v1/market` (staff)
pub async fn market(State(state): State<AppState>) -> Result<Json<Market>, AppError> {
    let now = state.clock.now();
    Ok(Json(state.storage.market(local_date(now), now).await?))
}

/// `GET /api/v1/collection-round?day=YYYY-MM-DD` (staff); today without a day.
pub async fn collection_round(
    State(state): State<AppState>,
    ApiQuery(round): ApiQuery<RoundDay>,
) -> Result<Json<CollectionRound>, AppError> {
    let day = round.day.unwrap_or_else(|| local_date(state.clock.now()));
    let lots = state.storage.collection_round(day).await?;
    Ok(Json(CollectionRound { day, lots }))
}

/// `GET /api/v1/impact/rescued` (public): this month's weighed kilos, per produce, no farm
/// named.
pub async fn rescued(State(state): State<AppState>) -> Result<Json<Rescued>, AppError> {
    let today = local_date(state.clock.now());
    let first = today.with_day(1).expect("every month has a first day");
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .expect("a month follows");
    let by_produce = state
        .storage
        .rescued_between(start_of_local_day(first), start_of_local_day(next))
        .await?;
    Ok(Json(Rescued {
        month: first,
        total_grams: by_produce.iter().map(|total| total.grams).sum(),
        by_produce,
    }))
}

/// `POST /api/v1/lot-photos` (producer): the photo's bytes. Refused if over the size limit
/// (before reading it all) or if it is not a picture; kept re-encoded, without metadata.
pub async fn upload_photo(
    State(state): State<AppState>,
    FarmerAccount(farmer): FarmerAccount,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<UploadedPhoto>), AppError> {
    let photo = received_photo(&headers, body).await?;
    let (width, height) = (photo.width, photo.height);
    let id = state
        .storage
        .save_photo(
            farmer.account_id,
            photo.jpeg,
            (width, height),
            state.clock.now(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(UploadedPhoto { id, width, height }),
    ))
}

/// `GET /api/v1/lot-photos/{id}`: for the farmer who took it and the team. A photo never
/// changes (an edit uploads a new one), so browsers may keep it for a year.
pub async fn photo(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
    caller: Caller,
    IdPath(id): IdPath,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound("Cette photo n'existe pas.".into());
    let photo = state.storage.photo(id).await?.ok_or_else(not_found)?;
    if photo.account_id != user.account.id && !caller.is_staff() {
        return Err(not_found());
    }
    Ok(jpeg_response(photo.jpeg, "private"))
}
