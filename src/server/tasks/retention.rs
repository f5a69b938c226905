//! The daily retention run (`Storage::purge_expired`): at start, then every day. Each run
//! erases only what is due at its own "now", so a restart, or two runs, do nothing wrong.

use std::time::Duration;

use crate::server::state::AppState;

const EVERY: Duration = Duration::from_secs(24 * 3600);

pub fn spawn(state: AppState, keep: chrono::Duration) {
    tokio::spawn(async move {
        loop {
            match state.storage.purge_expired(state.clock.now(), keep).await {
                Ok(purged) => tracing::info!(
                    guest_signups = purged.guest_signups,
                    sessions = purged.sessions,
                    idempotency_keys = purged.idempotency_keys,
                    photos = purged.photos,
                    message_contacts = purged.message_contacts,
                    "retention: erased what was due"
                ),
                Err(error) => tracing::warn!(%error, "retention: could not erase what was due"),
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}
