//! The cannery's own settings (admins, "Réglages"): its centres, its territory's communes,
//! the season's produce and the jar deposit.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use crate::api::centres::{CentreDraft, CentreSettings};
use crate::api::produce::{Deposit, DepositRate, Produce, ProduceDraft};
use crate::api::territory::{
    Commune, CommuneQuery, CommuneSearch, TerritoryAdded, TerritoryAddition,
};
use crate::domain::time::local_date;
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ApiQuery, IdPath};
use crate::server::http::session::StaffMember;
use crate::server::state::AppState;
use crate::server::territory::official;

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

/// `GET /api/v1/settings/communes` (staff): the communes the cannery serves, by name.
pub async fn territory(State(state): State<AppState>) -> Result<Json<Vec<Commune>>, AppError> {
    Ok(Json(state.storage.territory().await?))
}

/// `GET /api/v1/settings/commune-search?q=` (admins): the official list searched.
pub async fn search_communes(ApiQuery(query): ApiQuery<CommuneQuery>) -> Json<CommuneSearch> {
    Json(official().search(&query.words))
}

/// `POST /api/v1/settings/communes` (admins): an EPCI's communes, a département's, or some by
/// INSEE code, added to the territory. A code the official list does not hold is refused, and
/// nothing is added.
pub async fn add_to_territory(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    ApiJson(addition): ApiJson<TerritoryAddition>,
) -> Result<Json<TerritoryAdded>, AppError> {
    let list = official();
    let unknown = |field: &'static str, message: String| {
        AppError::InvalidInput(crate::domain::validation::FieldError::new(field, message))
    };
    let (what, communes): (String, Vec<Commune>) = match &addition {
        TerritoryAddition::Epci { code } => {
            let (name, members) = list.epci(code.trim()).ok_or_else(|| {
                unknown("code", format!("Intercommunalité inconnue : « {code} »."))
            })?;
            (name.to_string(), members.into_iter().cloned().collect())
        }
        TerritoryAddition::Departement { code } => {
            let (name, communes) = list
                .departement(code.trim())
                .ok_or_else(|| unknown("code", format!("Département inconnu : « {code} ».")))?;
            (name.to_string(), communes.into_iter().cloned().collect())
        }
        TerritoryAddition::Communes { insee_codes } => {
            if insee_codes.is_empty() || insee_codes.len() > 1000 {
                return Err(unknown(
                    "insee_codes",
                    "Choisissez de 1 à 1 000 communes.".into(),
                ));
            }
            let communes = insee_codes
                .iter()
                .map(|code| {
                    list.commune(code.trim()).cloned().ok_or_else(|| {
                        unknown(
                            "insee_codes",
                            format!("Code de commune inconnu : « {code} »."),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let names: Vec<&str> = communes.iter().map(|c| c.name.as_str()).collect();
            (names.join(", "), communes)
        }
    };
    let (added, territory) = state
        .storage
        .add_to_territory(communes, what, admin.account.id, state.clock.now())
        .await?;
    Ok(Json(TerritoryAdded { added, territory }))
}

/// `DELETE /api/v1/settings/communes/{code}` (admins): a commune taken out of the territory;
/// its places stay.
pub async fn remove_from_territory(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<Commune>>, AppError> {
    let code = path.map(|Path(code)| code).unwrap_or_default();
    let territory = state
        .storage
        .remove_from_territory(code, admin.account.id, state.clock.now())
        .await?;
    Ok(Json(territory))
}

/// `GET /api/v1/settings/produce` (admins): the season's produce, retired ones included.
pub async fn produce(State(state): State<AppState>) -> Result<Json<Vec<Produce>>, AppError> {
    Ok(Json(state.storage.produce_settings().await?))
}

/// `POST /api/v1/settings/produce` (admins): a produce added to the list.
pub async fn create_produce(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    ApiJson(draft): ApiJson<ProduceDraft>,
) -> Result<(StatusCode, Json<Produce>), AppError> {
    let draft = draft.checked()?;
    let produce = state
        .storage
        .create_produce(draft, admin.account.id, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, Json(produce)))
}

/// `PUT /api/v1/settings/produce/{id}` (admins): its name or months corrected.
pub async fn update_produce(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    IdPath(id): IdPath,
    ApiJson(draft): ApiJson<ProduceDraft>,
) -> Result<Json<Produce>, AppError> {
    let draft = draft.checked()?;
    let produce = state
        .storage
        .update_produce(id, draft, admin.account.id, state.clock.now())
        .await?;
    Ok(Json(produce))
}

/// `POST /api/v1/settings/produce/{id}/retirement` (admins): offered nowhere, kept.
pub async fn retire_produce(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    IdPath(id): IdPath,
) -> Result<Json<Produce>, AppError> {
    let produce = state
        .storage
        .set_produce_retired(id, true, admin.account.id, state.clock.now())
        .await?;
    Ok(Json(produce))
}

/// `DELETE /api/v1/settings/produce/{id}/retirement` (admins): offered again.
pub async fn offer_produce_again(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    IdPath(id): IdPath,
) -> Result<Json<Produce>, AppError> {
    let produce = state
        .storage
        .set_produce_retired(id, false, admin.account.id, state.clock.now())
        .await?;
    Ok(Json(produce))
}

/// `DELETE /api/v1/settings/produce/{id}` (admins): a produce that nothing names; one that a
/// lot or a recipe names is refused (409: retire it instead).
pub async fn delete_produce(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    IdPath(id): IdPath,
) -> Result<StatusCode, AppError> {
    state
        .storage
        .delete_produce(id, admin.account.id, state.clock.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/settings/deposit` (staff, for the counter): today's rate and every rate.
pub async fn deposit(State(state): State<AppState>) -> Result<Json<Deposit>, AppError> {
    let today = local_date(state.clock.now());
    Ok(Json(state.storage.deposit(today).await?))
}

/// `POST /api/v1/settings/deposit` (admins): a new rate from today or a later day. Jars that
/// went out before keep the rate they went out with.
pub async fn set_deposit_rate(
    State(state): State<AppState>,
    StaffMember(admin): StaffMember,
    ApiJson(rate): ApiJson<DepositRate>,
) -> Result<(StatusCode, Json<Deposit>), AppError> {
    let now = state.clock.now();
    let today = local_date(now);
    let rate = rate.checked(today)?;
    let deposit = state
        .storage
        .set_deposit_rate(rate, today, admin.account.id, now)
        .await?;
    Ok((StatusCode::CREATED, Json(deposit)))
}
