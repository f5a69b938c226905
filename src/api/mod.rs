//! The JSON contract between the SPA and the server: paths, request and response types, the
//! error body. The one source of truth; `app` and `server` both use it, neither redefines it.

pub mod accounts;
pub mod error;
pub mod lots;
pub mod paths;
pub mod recipes;
pub mod signups;
pub mod wallet;
pub mod workshops;

pub use error::{ErrorBody, ErrorCode, ErrorDetail};

use serde::{Deserialize, Serialize};

/// `GET /api/v1/health`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}
