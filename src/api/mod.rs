//! The JSON contract between the SPA and the server: paths, request and response types, the
//! error body. The one source of truth; `app` and `server` both use it, neither redefines it.

pub mod accounts;
pub mod batches;
pub mod centres;
pub mod error;
pub mod impact;
pub mod lots;
pub mod messages;
pub mod operator;
pub mod paths;
pub mod personal_data;
pub mod produce;
pub mod query;
pub mod recipes;
pub mod signups;
pub mod territory;
pub mod wallet;
pub mod workshops;

pub use error::{ErrorBody, ErrorCode, ErrorDetail};

use serde::{Deserialize, Serialize};

use crate::domain::validation::FieldError;

/// The header that carries the idempotency key of a request whose body has no room for one
/// (`POST /api/v1/lots`: its body is the same `LotDraft` as an edit's).
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// A key chosen by the client once per mutation, so that a retried request is recognised:
/// random, 16 to 100 printable ASCII characters.
pub fn check_idempotency_key(key: &str) -> Result<(), FieldError> {
    if !(16..=100).contains(&key.len()) || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(FieldError::new(
            "idempotency_key",
            "Clé d'envoi invalide (16 à 100 caractères ASCII).",
        ));
    }
    Ok(())
}

/// `GET /api/v1/health`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}
