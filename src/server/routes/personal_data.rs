//! "Mes données" (RGPD): see and download everything held on oneself, correct it, close the
//! account.

use std::time::Instant;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::api::accounts::Me;
use crate::api::error::FieldError;
use crate::api::personal_data::{CloseAccount, MyData, ProfileChange, EXPORT_FILE_NAME};
use crate::domain::account::{check_name, check_optional_email, check_optional_phone};
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ClientAddress};
use crate::server::http::session::{expired_session_cookie, LoggedIn};
use crate::server::security::auth::verify_password;
use crate::server::security::throttle::wait_message;
use crate::server::state::AppState;
use crate::server::storage::ProfileRecord;

/// Every ledger line and message of a person: far more than anyone has.
const EVERYTHING: u32 = 1_000_000;

/// `GET /api/v1/me/data`: one JSON document with every section, offered as a file to save
/// (the page reads the same document to show it).
pub async fn my_data(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
) -> Result<Response, AppError> {
    let account = &user.account;
    let records = state.storage.personal_data(account.id).await?;
    let wallet = match account.role.has_wallet() {
        true => Some(state.storage.wallet(account.id, EVERYTHING).await?),
        false => None,
    };
    let configured = state.notifications.configured();
    let messages = state
        .storage
        .account_messages(account.id, configured, EVERYTHING)
        .await?;
    let data = MyData {
        exported_at: state.clock.now(),
        account: records.account,
        signups: records.signups,
        farm: records.farm,
        wallet,
        messages,
    };
    let disposition = format!("attachment; filename=\"{EXPORT_FILE_NAME}\"");
    Ok((
        [
            (header::CONTENT_DISPOSITION, disposition),
            // Nobody's copy but the person's own download.
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        Json(data),
    )
        .into_response())
}

/// `PUT /api/v1/me`: the person corrects their name, phone and e-mail.
pub async fn correct_profile(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
    ApiJson(change): ApiJson<ProfileChange>,
) -> Result<Json<Me>, AppError> {
    let profile = checked_profile(&change)?;
    let account = state
        .storage
        .correct_profile(user.account.id, profile, None, state.clock.now())
        .await?;
    tracing::info!(account = account.id, "profile corrected");
    Ok(Json(account.me()))
}

/// A profile as typed, checked: the name required, the phone and e-mail optional (empty).
pub fn checked_profile(change: &ProfileChange) -> Result<ProfileRecord, FieldError> {
    Ok(ProfileRecord {
        display_name: check_name("display_name", &change.display_name, 100)?,
        phone: check_optional_phone("phone", &change.phone)?,
        email: check_optional_email("email", &change.email)?,
    })
}

/// `POST /api/v1/me/close`: the person closes their account, confirming with their password.
/// Their sessions end, this device's cookie too.
pub async fn close(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    LoggedIn(user): LoggedIn,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CloseAccount>,
) -> Result<Response, AppError> {
    // Guessing the password from a stolen session is braked like a login.
    let throttle_key = format!("account:{}", user.account.id);
    if let Some(wait) = state
        .login_throttle
        .wait(&throttle_key, &address, Instant::now())
    {
        return Err(AppError::TooManyRequests(wait_message(wait)));
    }
    let hash = user.account.password_hash.clone();
    let verified = tokio::task::spawn_blocking(move || verify_password(&request.password, &hash))
        .await
        .unwrap_or(false);
    if !verified {
        state
            .login_throttle
            .record_failure(&throttle_key, &address, Instant::now());
        return Err(FieldError::new("password", "Mot de passe incorrect.").into());
    }
    state
        .storage
        .close_account(user.account.id, state.clock.now())
        .await?;
    // A freed place may have gone to someone in line, who is told.
    state.wake_sender();
    tracing::info!(account = user.account.id, "account closed by its holder");
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, expired_session_cookie(&headers))],
    )
        .into_response())
}
