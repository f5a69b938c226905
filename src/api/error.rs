use serde::{Deserialize, Serialize};

/// Every error the API returns: `{"error": {"code", "message", "field"?}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// Plain French, fit to show to the person who made the request.
    pub message: String,
    /// The input field at fault, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the request is malformed or a value is invalid.
    InvalidInput,
    /// 401: log in first.
    Unauthenticated,
    /// 403: logged in, but this is not for this account (or the request is cross-site).
    Forbidden,
    /// 404
    NotFound,
    /// 405: the path exists, not for this method.
    MethodNotAllowed,
    /// 409: the request is valid but the state forbids it (workshop full, already signed up).
    Conflict,
    /// 413: the body (a photo) is too big.
    PayloadTooLarge,
    /// 415: the body is not of a type this endpoint takes (a photo that is not one).
    UnsupportedMediaType,
    /// 429: too many failed logins; wait.
    TooManyRequests,
    /// 500: our fault, never the user's.
    Internal,
}

pub use crate::domain::validation::FieldError;

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: message.into(),
                field: None,
            },
        }
    }
}

impl From<FieldError> for ErrorBody {
    fn from(error: FieldError) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code: ErrorCode::InvalidInput,
                message: error.message,
                field: Some(error.field.to_string()),
            },
        }
    }
}
