//! Requests a phone may send twice (a lost answer, the offline outbox) carry a key; the storage
//! recognises a replay by the key and a hash of what was asked (`storage::replay_of`).

use axum::http::StatusCode;
use sha2::{Digest, Sha256};

/// The hash of what a request asks, to tell a replay (same key, same request) from a key reused
/// for something else.
pub fn request_hash(body: &impl serde::Serialize) -> String {
    let canonical = serde_json::to_vec(body).expect("plain data serialises");
    format!("{:x}", Sha256::digest(&canonical))
}

/// 201 for what was just recorded, 200 for a replay answered with what the first request
/// recorded.
pub fn created_or_replayed(created: bool) -> StatusCode {
    if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}
