//! Accounts made at the counter, producers' requests and their approval, centres, audit log.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::api::accounts::{
    AccountActive, AccountSearch, AuditPage, AuditQuery, CentreOption, CreatedAccount, Me,
    NewAccount, PendingProducer, ProducerRequest,
};
use crate::api::error::FieldError;
use crate::api::messages::MessageRow;
use crate::api::personal_data::ProfileChange;
use crate::domain::account::{
    check_name, check_new_password, check_optional_email, check_optional_phone, check_phone,
};
use crate::domain::notify::check_farm_channel;
use crate::domain::Role;
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ApiQuery, IdPath};
use crate::server::http::session::StaffMember;
use crate::server::routes::personal_data::checked_profile;
use crate::server::security::auth::{draw_initial_password, draw_member_number, hash_password};
use crate::server::state::AppState;
use crate::server::storage::{AccountRecord, CreatedBy, NewAccountRecord, ProducerRequestRecord};

/// How many audit entries one page of the journal shows.
const AUDIT_PAGE: u32 = 50;

/// How many of a person's messages their log shows.
const MESSAGE_LOG_LINES: u32 = 100;

/// `POST /api/v1/accounts` (staff): a participant's account, made at the counter with a
/// generated member number and initial code. Only admins make staff accounts.
pub async fn create(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(new): ApiJson<NewAccount>,
) -> Result<(StatusCode, Json<CreatedAccount>), AppError> {
    match new.role {
        Role::Producer => return Err(FieldError::new(
            "role",
            "Les producteurs demandent leur compte eux-mêmes, puis un·e animateur·rice l'approuve.",
        )
        .into()),
        Role::Animator | Role::Admin if staff.account.role != Role::Admin => {
            return Err(AppError::Forbidden(
                "Seul·e un·e administrateur·rice peut créer un compte de l'équipe.".into(),
            ))
        }
        _ => {}
    }
    let display_name = check_name("display_name", &new.display_name, 100)?;
    if new.role == Role::Participant && new.centre_id.is_none() {
        return Err(FieldError::new("centre_id", "Choisissez le centre de la personne.").into());
    }
    let phone = check_optional_phone("phone", &new.phone)?;
    let email = check_optional_email("email", &new.email)?;
    let initial_password = draw_initial_password();
    let code = initial_password.clone();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&code))
        .await
        .map_err(|error| AppError::Storage(error.into()))?;
    let record = NewAccountRecord {
        role: new.role,
        display_name,
        centre_id: new.centre_id,
        phone,
        email,
        password_hash,
        must_change_password: true,
    };
    let account = state
        .storage
        .create_account(
            record,
            CreatedBy::Staff(staff.account.id),
            draw_member_number,
            state.clock.now(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedAccount {
            account: account.me(),
            initial_password,
        }),
    ))
}

/// Most accounts one search returns.
const SEARCH_LIMIT: u32 = 30;

/// `GET /api/v1/accounts?q=` (staff): find someone at the counter by name, member number or
/// phone.
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(AccountSearch { q: query }): ApiQuery<AccountSearch>,
) -> Result<Json<Vec<Me>>, AppError> {
    if query.chars().count() < 2 {
        return Err(FieldError::new("q", "Tapez au moins 2 caractères.").into());
    }
    let accounts = state.storage.search_accounts(query, SEARCH_LIMIT).await?;
    Ok(Json(accounts.iter().map(AccountRecord::me).collect()))
}

/// `POST /api/v1/accounts/{id}/reset-password` (staff): a new initial code for someone who
/// forgot their password. Animators do it for members and producers; admins for anyone.
pub async fn reset_password(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(account_id): IdPath,
) -> Result<Json<CreatedAccount>, AppError> {
    let account = managed_account(&state, &staff.account, account_id).await?;
    let initial_password = draw_initial_password();
    let code = initial_password.clone();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&code))
        .await
        .map_err(|error| AppError::Storage(error.into()))?;
    state
        .storage
        .reset_password(
            account_id,
            password_hash,
            staff.account.id,
            state.clock.now(),
        )
        .await?;
    let mut account = account.me();
    account.must_change_password = true;
    Ok(Json(CreatedAccount {
        account,
        initial_password,
    }))
}

/// The account `account_id`, if `staff` may manage it: animators manage members and producers,
/// admins everyone.
async fn managed_account(
    state: &AppState,
    staff: &AccountRecord,
    account_id: i64,
) -> Result<AccountRecord, AppError> {
    let account = state
        .storage
        .account(account_id)
        .await?
        .ok_or_else(|| AppError::NotFound("Ce compte n'existe pas.".into()))?;
    if account.role.is_staff() && staff.role != Role::Admin {
        return Err(AppError::Forbidden(
            "Seul·e un·e administrateur·rice gère les comptes de l'équipe.".into(),
        ));
    }
    Ok(account)
}

/// `PUT /api/v1/accounts/{id}` (staff): corrects someone's name, phone and e-mail, audited.
pub async fn correct(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(account_id): IdPath,
    ApiJson(change): ApiJson<ProfileChange>,
) -> Result<Json<Me>, AppError> {
    let profile = checked_profile(&change)?;
    managed_account(&state, &staff.account, account_id).await?;
    let account = state
        .storage
        .correct_profile(
            account_id,
            profile,
            Some(staff.account.id),
            state.clock.now(),
        )
        .await?;
    Ok(Json(account.me()))
}

/// `PUT /api/v1/accounts/{id}/active` (staff): deactivates or reactivates an account. Nobody
/// deactivates their own (an admin could lock the team out).
pub async fn set_active(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(account_id): IdPath,
    ApiJson(AccountActive { active }): ApiJson<AccountActive>,
) -> Result<Json<Me>, AppError> {
    if account_id == staff.account.id {
        return Err(AppError::Forbidden(
            "Vous ne pouvez pas désactiver votre propre compte.".into(),
        ));
    }
    managed_account(&state, &staff.account, account_id).await?;
    let account = state
        .storage
        .set_account_active(account_id, active, staff.account.id, state.clock.now())
        .await?;
    tracing::info!(account = account_id, active, "account activation set");
    Ok(Json(account.me()))
}

/// `POST /api/v1/producer-requests` (public): a farmer asks for an account. They can log in at
/// once; their lots show once an animator approves the farm.
pub async fn request_producer_account(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ProducerRequest>,
) -> Result<(StatusCode, Json<Me>), AppError> {
    check_farm_channel(request.notify_by)?;
    let record = ProducerRequestRecord {
        farm_name: check_name("farm_name", &request.farm_name, 200)?,
        contact_name: check_name("contact_name", &request.contact_name, 100)?,
        commune: check_name("commune", &request.commune, 100)?,
        phone: check_phone("phone", &request.phone)?,
        produce: request.produce.trim().chars().take(300).collect(),
        password_hash: {
            check_new_password("password", &request.password)?;
            let password = request.password;
            tokio::task::spawn_blocking(move || hash_password(&password))
                .await
                .map_err(|error| AppError::Storage(error.into()))?
        },
        notify_by: request.notify_by,
        is_company: request.is_company,
    };
    let account = state
        .storage
        .create_producer_request(record, draw_member_number, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, Json(account.me())))
}

/// `GET /api/v1/producer-requests` (staff)
pub async fn pending_producers(
    State(state): State<AppState>,
) -> Result<Json<Vec<PendingProducer>>, AppError> {
    Ok(Json(state.storage.pending_producers().await?))
}

/// `POST /api/v1/producer-requests/{id}/approve` (staff)
pub async fn approve_producer(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(producer_id): IdPath,
) -> Result<StatusCode, AppError> {
    state
        .storage
        .approve_producer(producer_id, staff.account.id, state.clock.now())
        .await?;
    // The farm may have chosen to be told.
    state.wake_sender();
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/accounts/{id}/messages` (staff): what the person was told (their sign-ups',
/// their farm's), newest first.
pub async fn messages(
    State(state): State<AppState>,
    IdPath(account_id): IdPath,
) -> Result<Json<Vec<MessageRow>>, AppError> {
    let configured = state.notifications.configured();
    Ok(Json(
        state
            .storage
            .account_messages(account_id, configured, MESSAGE_LOG_LINES)
            .await?,
    ))
}

/// `GET /api/v1/centres` (public)
pub async fn centres(State(state): State<AppState>) -> Result<Json<Vec<CentreOption>>, AppError> {
    Ok(Json(state.storage.centres().await?))
}

/// `GET /api/v1/audit` (admins): the journal, filtered, a page at a time.
pub async fn audit(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    Ok(Json(state.storage.audit_log(query, AUDIT_PAGE).await?))
}
