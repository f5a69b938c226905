//! The one error type of the HTTP layer, and how each case becomes a response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::api::error::FieldError;
use crate::api::{ErrorBody, ErrorCode};
use crate::server::storage::StorageError;

#[derive(Debug)]
pub enum AppError {
    InvalidInput(FieldError),
    /// No session, or an expired one.
    Unauthenticated,
    /// Unknown login or wrong password: one answer for both.
    BadLogin,
    /// Logged in, but not allowed (French message).
    Forbidden(String),
    NotFound(String),
    MethodNotAllowed,
    Conflict {
        field: Option<&'static str>,
        message: String,
    },
    /// A body over the size limit (French message saying the limit).
    PayloadTooLarge(String),
    /// A body of a type we do not take (an upload that is not a photo).
    UnsupportedMediaType(String),
    /// Too many failed logins (French message saying how long to wait).
    TooManyRequests(String),
    Storage(StorageError),
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::InvalidInput(error)
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::NotFound(message) => AppError::NotFound(message),
            StorageError::Forbidden(message) => AppError::Forbidden(message),
            StorageError::Invalid(error) => AppError::InvalidInput(error),
            StorageError::Conflict { field, message } => AppError::Conflict { field, message },
            error => AppError::Storage(error),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::InvalidInput(error) => (StatusCode::BAD_REQUEST, ErrorBody::from(error)),
            AppError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(ErrorCode::Unauthenticated, "Connectez-vous pour continuer."),
            ),
            AppError::BadLogin => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(
                    ErrorCode::Unauthenticated,
                    "Identifiant ou mot de passe incorrect.",
                ),
            ),
            AppError::Forbidden(message) => (
                StatusCode::FORBIDDEN,
                ErrorBody::new(ErrorCode::Forbidden, message),
            ),
            AppError::Conflict { field, message } => {
                let mut body = ErrorBody::new(ErrorCode::Conflict, message);
                body.error.field = field.map(str::to_string);
                (StatusCode::CONFLICT, body)
            }
            AppError::TooManyRequests(message) => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorBody::new(ErrorCode::TooManyRequests, message),
            ),
            AppError::PayloadTooLarge(message) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorBody::new(ErrorCode::PayloadTooLarge, message),
            ),
            AppError::UnsupportedMediaType(message) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorBody::new(ErrorCode::UnsupportedMediaType, message),
            ),
            AppError::NotFound(message) => (
                StatusCode::NOT_FOUND,
                ErrorBody::new(ErrorCode::NotFound, message),
            ),
            AppError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorBody::new(
                    ErrorCode::MethodNotAllowed,
                    "Cette adresse de l'API n'accepte pas cette méthode.",
                ),
            ),
            AppError::Storage(error) => {
                // The details go to the log, not to the user.
                tracing::error!(%error, "storage failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::new(
                        ErrorCode::Internal,
                        "Le serveur a rencontré un problème. Réessayez dans un instant.",
                    ),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
