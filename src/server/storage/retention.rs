//! What is kept no longer than needed (RGPD): a guest's first name and contact some days after
//! their workshop, sessions past their idle limit, used idempotency keys, photos no lot took,
//! the contact details of messages already delivered. Run by a daily task of the server; each
//! step is a condition on what is still there, so a run that is cut, or run twice, does
//! nothing wrong.

use chrono::{DateTime, Duration, Utc};

use super::{to_db_time, write_transaction, Storage, StorageError};
use crate::domain::Role;

/// What one run erased, for the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub guest_signups: usize,
    pub sessions: usize,
    pub idempotency_keys: usize,
    pub photos: usize,
    pub message_contacts: usize,
}

/// What a guest's sign-up shows once its person is erased (the count of participants stays;
/// its phone becomes empty, as a guest's sign-up must have one).
pub const ERASED_GUEST: &str = "Invité·e";

/// A photo uploaded for a lot that was never saved is dropped after this.
const UNATTACHED_PHOTO_LIFE: Duration = Duration::days(1);

impl Storage {
    /// Erases, at `now`, what is older than `keep` (sessions by their own idle limit, photos
    /// after a day), in one transaction.
    pub async fn purge_expired(
        &self,
        now: DateTime<Utc>,
        keep: Duration,
    ) -> Result<Purged, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let cutoff = to_db_time(now - keep);
            let guest_signups = tx.execute(
                "UPDATE signups
                 SET first_name = ?2, phone = '', email = NULL, cancel_token_hash = NULL,
                     notify_by = NULL, stop_token = NULL, push_endpoint = NULL,
                     push_p256dh = NULL, push_auth = NULL
                 WHERE account_id IS NULL AND phone <> ''
                   AND workshop_id IN (SELECT id FROM workshops WHERE ends_at < ?1)",
                (&cutoff, ERASED_GUEST),
            )?;
            let staff_roles: Vec<&str> = Role::ALL
                .into_iter()
                .filter(|role| role.is_staff())
                .map(Role::code)
                .collect();
            let sessions = tx.execute(
                "DELETE FROM sessions
                 WHERE last_seen_at < ?1
                    OR (last_seen_at < ?2 AND account_id IN (
                            SELECT id FROM accounts
                            WHERE role IN (SELECT value FROM json_each(?3))))",
                (
                    to_db_time(now - Role::Participant.session_idle_limit()),
                    to_db_time(now - Role::Animator.session_idle_limit()),
                    serde_json::to_string(&staff_roles).expect("codes serialise"),
                ),
            )?;
            let idempotency_keys = tx.execute(
                "UPDATE signups SET idempotency_key = NULL, request_hash = NULL
                 WHERE idempotency_key IS NOT NULL AND created_at < ?1",
                [&cutoff],
            )? + tx.execute(
                "UPDATE lots SET idempotency_key = NULL
                 WHERE idempotency_key IS NOT NULL AND created_at < ?1",
                [&cutoff],
            )?;
            let photos = tx.execute(
                "DELETE FROM lot_photos WHERE lot_id IS NULL AND created_at < ?1",
                [to_db_time(now - UNATTACHED_PHOTO_LIFE)],
            )?;
            let message_contacts = tx.execute(
                "UPDATE messages SET recipient = ''
                 WHERE status <> 'waiting' AND recipient <> '' AND created_at < ?1",
                [&cutoff],
            )?;
            tx.commit()?;
            Ok(Purged {
                guest_signups,
                sessions,
                idempotency_keys,
                photos,
                message_contacts,
            })
        })
        .await
    }
}
