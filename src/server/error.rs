//! The one error type of the HTTP layer, and how each case becomes a response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::storage::StorageError;
use crate::api::error::FieldError;
use crate::api::{ErrorBody, ErrorCode};

#[derive(Debug)]
pub enum AppError {
    InvalidInput(FieldError),
    NotFound(String),
    MethodNotAllowed,
    Storage(StorageError),
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::InvalidInput(error)
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        AppError::Storage(error)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::InvalidInput(error) => (StatusCode::BAD_REQUEST, ErrorBody::from(error)),
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
