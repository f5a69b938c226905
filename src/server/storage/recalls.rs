//! "Rappeler ce lot": a recalled batch's jars are blocked in every centre (the counter's
//! picking skips them, a scan of them is refused, none enter stock), exactly its holders are
//! told by SMS and e-mail in the recall's own transaction, and the jars they bring back are
//! recorded.

use chrono::{DateTime, Utc};

use super::audit;
use super::batches::read_batch;
use super::{replay_of, to_db_time, write_transaction, Storage, StorageError};
use crate::api::batches::{Batch, NewRecall, RecallReturn, RECALL_REASON_CHARS};
use crate::domain::notify::{RecallNotice, RECALL_NOTICE};
use crate::domain::validation::FieldError;

impl Storage {
    /// Recalls a batch, once: blocks its jars and writes a message to each of its holders, on
    /// every channel they have an address for; audited.
    pub async fn recall_batch(
        &self,
        batch_id: i64,
        recall: NewRecall,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Batch, StorageError> {
        self.with_connection(move |conn| {
            let reason = recall.reason.trim();
            if !RECALL_REASON_CHARS.contains(&reason.chars().count()) {
                return Err(StorageError::Invalid(FieldError::new(
                    "reason",
                    format!(
                        "Donnez le motif du rappel, que les personnes liront ({} à {} caractères).",
                        RECALL_REASON_CHARS.start(),
                        RECALL_REASON_CHARS.end()
                    ),
                )));
            }
            let tx = write_transaction(conn)?;
            let batch = read_batch(&tx, batch_id)?;
            if batch.recall.is_some() {
                return Err(StorageError::conflict(None, "Ce lot est déjà rappelé."));
            }
            tx.execute(
                "INSERT INTO batch_recalls (batch_id, reason, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4)",
                (batch_id, reason, actor_id, to_db_time(now)),
            )?;
            let notice = RecallNotice {
                title: &batch.recipe_title,
                batch_number: &batch.number,
                best_before: batch.best_before,
                reason,
            };
            let email = notice.email();
            let mut write = tx.prepare_cached(
                "INSERT INTO messages (event, notice, person, account_id, channel, recipient,
                                       subject, body, created_at, send_after)
                 SELECT :event, :notice, 'account:' || a.id, a.id, :channel,
                        CASE :channel WHEN 'sms' THEN a.phone ELSE a.email END,
                        :subject, :body, :now, :now
                 FROM accounts a
                 WHERE a.id = :account AND a.closed_at IS NULL
                   AND coalesce(CASE :channel WHEN 'sms' THEN a.phone ELSE a.email END, '') <> ''
                 ON CONFLICT (event, person, channel) DO NOTHING",
            )?;
            let holders: std::collections::BTreeSet<i64> = batch
                .recipients
                .iter()
                .map(|recipient| recipient.member.account_id)
                .collect();
            let event = format!("recall:{batch_id}");
            for account in holders {
                // The subject names the recall in the message log, for an SMS too.
                for (channel, body) in [("sms", notice.sms()), ("email", email.body.clone())] {
                    write.execute(rusqlite::named_params! {
                        ":event": &event,
                        ":notice": RECALL_NOTICE.0,
                        ":channel": channel,
                        ":subject": &email.subject,
                        ":body": body,
                        ":now": to_db_time(now),
                        ":account": account,
                    })?;
                }
            }
            drop(write);
            let subject = format!("lot de fabrication {}", batch.number);
            audit(&tx, actor_id, "rappel d'un lot", &subject, reason, now)?;
            let batch = read_batch(&tx, batch_id)?;
            tx.commit()?;
            Ok(batch)
        })
        .await
    }

    /// Records recalled jars a holder brought back (no more than they received and have not
    /// brought back yet). A replay of the same key changes nothing.
    pub async fn record_recall_return(
        &self,
        batch_id: i64,
        returned: RecallReturn,
        request_hash: String,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(bool, Batch), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let batch = read_batch(&tx, batch_id)?;
            let lookup = "SELECT id, request_hash FROM recall_returns WHERE idempotency_key = ?1";
            if replay_of(&tx, lookup, &returned.idempotency_key, &request_hash)?.is_some() {
                return Ok((false, batch));
            }
            if batch.recall.is_none() {
                return Err(StorageError::conflict(
                    None,
                    "Ce lot n'est pas rappelé : ses bocaux se rendent comme d'habitude.",
                ));
            }
            let centre_exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM centres WHERE id = ?1)",
                [returned.centre_id],
                |row| row.get(0),
            )?;
            if !centre_exists {
                return Err(StorageError::Invalid(FieldError::new(
                    "centre",
                    "Ce centre n'existe pas.",
                )));
            }
            let holder = batch.recipients.iter().find(|recipient| {
                recipient.member.account_id == returned.participant_id
                    && recipient.jar_ml == returned.jar_ml
            });
            let still_held = holder.map_or(0, |holder| holder.jars.saturating_sub(holder.returned));
            if returned.jars == 0 || returned.jars > still_held {
                return Err(StorageError::Invalid(FieldError::new(
                    "jars",
                    format!(
                        "Cette personne a encore {still_held} bocal(aux) de {} ml de ce lot à \
                         rapporter.",
                        returned.jar_ml
                    ),
                )));
            }
            tx.execute(
                "INSERT INTO recall_returns (batch_id, participant_id, centre_id, jar_ml, jars,
                     idempotency_key, request_hash, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                (
                    batch_id,
                    returned.participant_id,
                    returned.centre_id,
                    returned.jar_ml,
                    returned.jars,
                    &returned.idempotency_key,
                    &request_hash,
                    actor_id,
                    to_db_time(now),
                ),
            )?;
            let batch = read_batch(&tx, batch_id)?;
            tx.commit()?;
            Ok((true, batch))
        })
        .await
    }
}
