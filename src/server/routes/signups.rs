//! Sign-ups: residents take and give back places; animators see who comes and who came.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::api::error::FieldError;
use crate::api::messages::{Broadcast, BroadcastReceipt, MessageRow};
use crate::api::signups::{
    Attendance, CancelSignup, PushKey, PushSubscription, SignupReceipt, SignupRequest, SignupRow,
    MAX_VOLUNTEERED_MINUTES,
};
use crate::domain::account::{check_name, check_phone, normalise_email};
use crate::domain::notify::{check_broadcast, Channel};
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, IdPath, IdempotencyKeyHeader};
use crate::server::http::idempotency::{created_or_replayed, request_hash};
use crate::server::http::session::{Caller, StaffMember};
use crate::server::security::auth::{new_session_token, token_hash};
use crate::server::state::AppState;
use crate::server::storage::{Canceller, IdempotencyKey, Signer, Signing};

/// `POST /api/v1/workshops/{id}/signups` (public): logged in, the account signs up; otherwise a
/// first name and a phone number are enough. Staff giving a first name sign up that resident
/// (at the counter, or on the phone). With an `Idempotency-Key` (the phone's outbox), the same
/// request sent again gets 200 and the same sign-up.
pub async fn sign_up(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(workshop_id): IdPath,
    IdempotencyKeyHeader(key): IdempotencyKeyHeader,
    ApiJson(request): ApiJson<SignupRequest>,
) -> Result<(StatusCode, Json<SignupReceipt>), AppError> {
    // Who asks is part of the request: another account's key never gives this sign-up back.
    let account_id = caller.0.as_ref().map(|user| user.account.id);
    let key = key.map(|key| IdempotencyKey {
        key,
        request_hash: request_hash(&(workshop_id, account_id, &request)),
    });
    let mut cancel_token = None;
    let for_someone_else = caller.is_staff() && !request.first_name.trim().is_empty();
    let signer = match &caller.0 {
        Some(user) if !for_someone_else => Signer::Account {
            id: user.account.id,
            first_name: user.account.display_name.clone(),
        },
        _ => {
            let first_name = check_name("first_name", &request.first_name, 100)?;
            let phone = check_phone("phone", &request.phone)?;
            // An address is kept only to tell them by e-mail, as they chose.
            let email = match request.notify_by {
                Some(Channel::Email) => Some(normalise_email(&request.email).ok_or_else(|| {
                    FieldError::new(
                        "email",
                        "Adresse e-mail attendue pour être prévenu·e par e-mail, par exemple \
                         marie@exemple.fr.",
                    )
                })?),
                _ => None,
            };
            let token = new_session_token();
            let cancel_token_hash = token_hash(&token);
            cancel_token = Some(token);
            Signer::Guest {
                first_name,
                phone,
                email,
                cancel_token_hash,
            }
        }
    };
    let (created, mut receipt) = state
        .storage
        .sign_up(
            workshop_id,
            Signing {
                signer,
                notify_by: request.notify_by,
                waiting_list: request.waiting_list,
                stop_token: new_session_token(),
                push: match request.notify_by {
                    // Not configured: the app does not offer it; a request that asks is refused.
                    Some(Channel::Push) if state.notifications.push.is_none() => {
                        return Err(check_push(None).unwrap_err().into());
                    }
                    Some(Channel::Push) => Some(check_push(request.push)?),
                    _ => None,
                },
            },
            key,
            state.clock.now(),
        )
        .await?;
    receipt.cancel_token = cancel_token;
    state.wake_sender();
    Ok((created_or_replayed(created), Json(receipt)))
}

/// `POST /api/v1/signups/{id}/cancel` (public): by its account, by staff, or with the token
/// given at sign-up.
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(signup_id): IdPath,
    ApiJson(request): ApiJson<CancelSignup>,
) -> Result<StatusCode, AppError> {
    let canceller = canceller(&caller, request.token);
    state
        .storage
        .cancel_signup(signup_id, canceller, state.clock.now())
        .await?;
    // The place it freed may have gone to the first in the waiting list, who is told.
    state.wake_sender();
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/signups/{id}/stop-messages` (public): no more messages (any channel) for
/// this sign-up, for whoever may cancel it.
pub async fn stop_messages(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(signup_id): IdPath,
    ApiJson(request): ApiJson<CancelSignup>,
) -> Result<StatusCode, AppError> {
    let canceller = canceller(&caller, request.token);
    state.storage.stop_messages(signup_id, canceller).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/signups/{id}/state` (public): the sign-up as it stands now, for whoever may
/// cancel it (a guest's phone learns that it left the waiting list). POST: the token stays out
/// of the address, and so of the logs.
pub async fn state(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(signup_id): IdPath,
    ApiJson(request): ApiJson<CancelSignup>,
) -> Result<Json<SignupReceipt>, AppError> {
    let canceller = canceller(&caller, request.token);
    let receipt = state.storage.signup_state(signup_id, canceller).await?;
    Ok(Json(receipt))
}

/// `GET /api/v1/push-key` (public): the key a browser subscribes to notifications with.
pub async fn push_key(State(state): State<AppState>) -> Json<PushKey> {
    Json(PushKey {
        public_key: state
            .notifications
            .push
            .as_ref()
            .map(|push| push.public_key()),
    })
}

/// A browser's push subscription, as it must be to encrypt for it (RFC 8291): a web address,
/// a P-256 public key (65 bytes) and a 16-byte secret, base64url.
fn check_push(push: Option<PushSubscription>) -> Result<PushSubscription, FieldError> {
    let base64url = |text: &str, bytes: usize| {
        text.len() == (bytes * 4).div_ceil(3)
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    match push {
        Some(push)
            if (push.endpoint.starts_with("https://") || push.endpoint.starts_with("http://"))
                && push.endpoint.len() <= 2000
                && base64url(&push.keys.p256dh, 65)
                && base64url(&push.keys.auth, 16) =>
        {
            Ok(push)
        }
        _ => Err(FieldError::new(
            "notify_by",
            "Les notifications ne sont pas disponibles sur cet appareil : choisissez le SMS ou \
             l'e-mail.",
        )),
    }
}

/// Who acts on a sign-up: the holder of its token, staff, its account, or nobody known.
fn canceller(caller: &Caller, token: Option<String>) -> Canceller {
    match (&caller.0, token) {
        (_, Some(token)) => Canceller::TokenHash(token_hash(&token)),
        (Some(user), None) if caller.is_staff() => Canceller::Staff(user.account.id),
        (Some(user), None) => Canceller::Account(user.account.id),
        (None, None) => Canceller::Anonymous,
    }
}

/// `GET /api/v1/workshops/{id}/signups` (staff)
pub async fn list(
    State(state): State<AppState>,
    IdPath(workshop_id): IdPath,
) -> Result<Json<Vec<SignupRow>>, AppError> {
    Ok(Json(state.storage.workshop_signups(workshop_id).await?))
}

/// `GET /api/v1/workshops/{id}/messages` (staff): what its sign-ups were told, and what waits.
pub async fn messages(
    State(state): State<AppState>,
    IdPath(workshop_id): IdPath,
) -> Result<Json<Vec<MessageRow>>, AppError> {
    let configured = state.notifications.configured();
    Ok(Json(
        state
            .storage
            .workshop_messages(workshop_id, configured)
            .await?,
    ))
}

/// `POST /api/v1/workshops/{id}/messages` (staff): the animators' words to those signed up.
pub async fn broadcast(
    State(state): State<AppState>,
    IdPath(workshop_id): IdPath,
    IdempotencyKeyHeader(key): IdempotencyKeyHeader,
    ApiJson(request): ApiJson<Broadcast>,
) -> Result<Json<BroadcastReceipt>, AppError> {
    let text = check_broadcast(&request.text)?;
    // Without a key each request is its own event.
    let event = key.unwrap_or_else(new_session_token);
    let told = state
        .storage
        .broadcast(workshop_id, text, event, state.clock.now())
        .await?;
    state.wake_sender();
    Ok(Json(BroadcastReceipt { told: told as u32 }))
}

/// `PUT /api/v1/signups/{id}/attendance` (staff)
pub async fn record_attendance(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    IdPath(signup_id): IdPath,
    ApiJson(attendance): ApiJson<Attendance>,
) -> Result<StatusCode, AppError> {
    if attendance.volunteered_minutes > MAX_VOLUNTEERED_MINUTES {
        return Err(FieldError::new(
            "volunteered_minutes",
            format!("{MAX_VOLUNTEERED_MINUTES} minutes au plus pour un atelier."),
        )
        .into());
    }
    state
        .storage
        .record_attendance(
            signup_id,
            attendance.attended,
            attendance.volunteered_minutes,
            staff.account.id,
            state.clock.now(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
