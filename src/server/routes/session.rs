//! Logging in and out, and "mon compte".

use std::time::Instant;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::api::accounts::{LoginRequest, Me, PasswordChange};
use crate::api::error::FieldError;
use crate::api::paths;
use crate::api::signups::{CalendarLink, MySignup};
use crate::domain::account::{check_new_password, LoginId};
use crate::domain::time::local_date;
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ClientAddress};
use crate::server::http::session::{
    current_token_hash, expired_session_cookie, session_cookie, LoggedIn,
};
use crate::server::security::auth::{
    hash_password, new_session_token, token_hash, verify_against_nobody, verify_password,
};
use crate::server::security::throttle::wait_message;
use crate::server::state::AppState;
use crate::server::storage::AccountRecord;

/// `POST /api/v1/session`: log in with a member number, phone or e-mail and a password.
/// Unknown logins and wrong passwords get the same answer, in the same time.
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Response, AppError> {
    let login = LoginId::parse(&request.login);
    let throttle_key = match &login {
        Some(LoginId::MemberNumber(value) | LoginId::Phone(value) | LoginId::Email(value)) => {
            value.clone()
        }
        None => request.login.trim().to_lowercase(),
    };
    if let Some(wait) = state
        .login_throttle
        .wait(&throttle_key, &address, Instant::now())
    {
        return Err(AppError::TooManyRequests(wait_message(wait)));
    }
    let account = match login {
        Some(login) => state.storage.account_by_login(login).await?,
        None => None,
    };
    let hash = account
        .as_ref()
        .map(|account| account.password_hash.clone());
    let password = request.password;
    let verified = tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => verify_against_nobody(&password),
    })
    .await
    .unwrap_or(false);
    let account = match account {
        Some(account) if verified => account,
        _ => {
            state
                .login_throttle
                .record_failure(&throttle_key, &address, Instant::now());
            return Err(AppError::BadLogin);
        }
    };
    state.login_throttle.forget_login(&throttle_key);
    // Said only to whoever knows the password.
    if account.deactivated {
        return Err(AppError::Forbidden(
            "Ce compte est désactivé : adressez-vous à l'équipe d'un centre.".into(),
        ));
    }

    let token = new_session_token();
    state
        .storage
        .open_session(
            account.id,
            token_hash(&token),
            current_token_hash(&headers),
            state.clock.now(),
        )
        .await?;
    tracing::info!(account = account.id, "logged in");
    let me = me_with_news(&state, &account).await?;
    Ok((
        [(header::SET_COOKIE, session_cookie(&token, &headers))],
        Json(me),
    )
        .into_response())
}

/// `DELETE /api/v1/session`: log out. Always succeeds, with or without a session.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(hash) = current_token_hash(&headers) {
        state.storage.close_session(hash).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, expired_session_cookie(&headers))],
    )
        .into_response())
}

/// `GET /api/v1/me`
pub async fn me(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
) -> Result<Json<Me>, AppError> {
    Ok(Json(me_with_news(&state, &user.account).await?))
}

/// The account as the app sees it; a farmer also learns how many of their lots changed
/// since they last looked, at login and each time the app opens.
async fn me_with_news(state: &AppState, account: &AccountRecord) -> Result<Me, AppError> {
    let mut me = account.me();
    if let Some(producer_id) = account.producer_id {
        let now = state.clock.now();
        me.changed_lots = state
            .storage
            .changed_lot_count(producer_id, local_date(now), now)
            .await?;
    }
    Ok(me)
}

/// `PUT /api/v1/me/password`: needs the current password; ends every other session.
pub async fn change_password(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    LoggedIn(user): LoggedIn,
    ApiJson(change): ApiJson<PasswordChange>,
) -> Result<StatusCode, AppError> {
    // Guessing the current password from a stolen session is braked like a login.
    let throttle_key = format!("account:{}", user.account.id);
    if let Some(wait) = state
        .login_throttle
        .wait(&throttle_key, &address, Instant::now())
    {
        return Err(AppError::TooManyRequests(wait_message(wait)));
    }
    check_new_password("new_password", &change.new_password)?;
    if change.new_password == change.current_password {
        return Err(FieldError::new(
            "new_password",
            "Choisissez un mot de passe différent de l'actuel.",
        )
        .into());
    }
    let current_hash = user.account.password_hash.clone();
    let (current, new) = (change.current_password, change.new_password);
    let new_hash = tokio::task::spawn_blocking(move || {
        verify_password(&current, &current_hash).then(|| hash_password(&new))
    })
    .await
    .map_err(|error| AppError::Storage(error.into()))?;
    let Some(new_hash) = new_hash else {
        state
            .login_throttle
            .record_failure(&throttle_key, &address, Instant::now());
        return Err(FieldError::new("current_password", "Mot de passe actuel incorrect.").into());
    };
    state
        .storage
        .change_password(user.account.id, new_hash, user.token_hash)
        .await?;
    tracing::info!(account = user.account.id, "password changed");
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/me/calendar`: a new secret address for the caller's workshops as a calendar;
/// the old one stops working.
pub async fn renew_calendar(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
) -> Result<Json<CalendarLink>, AppError> {
    let secret = new_session_token();
    state
        .storage
        .set_calendar_secret(user.account.id, token_hash(&secret))
        .await?;
    Ok(Json(CalendarLink {
        path: paths::personal_calendar(&secret),
    }))
}

/// `GET /api/v1/me/signups`: the caller's own sign-ups, never anyone else's.
pub async fn my_signups(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
) -> Result<Json<Vec<MySignup>>, AppError> {
    Ok(Json(
        state
            .storage
            .my_signups(user.account.id, state.clock.now())
            .await?,
    ))
}
