//! Sign-ups: places taken under concurrency, cancellations, attendance.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::audit;
use super::messages::{stop_waiting, tell};
use super::{
    from_db_time, parse_column, replay_of, to_db_time, workshop_from_row, write_transaction,
    IdempotencyKey, Storage, StorageError, WORKSHOP_SELECT,
};
use crate::api::signups::{MySignup, PushSubscription, SignupReceipt, SignupRow};
use crate::domain::notify::{Channel, Notice};
use crate::domain::validation::FieldError;
use crate::domain::Workshop;

/// Who takes a place, how they chose to be told (see `messages`), and whether they wait in
/// line if the workshop is full.
pub struct Signing {
    pub signer: Signer,
    pub notify_by: Option<Channel>,
    pub waiting_list: bool,
    /// The secret of the "stop these messages" link of its e-mails.
    pub stop_token: String,
    /// The browser's subscription, to be told by web push.
    pub push: Option<PushSubscription>,
}

/// Who takes a place.
pub enum Signer {
    Account {
        id: i64,
        first_name: String,
    },
    /// A resident without an account; `cancel_token_hash` lets their phone cancel later.
    Guest {
        first_name: String,
        phone: String,
        /// Given to be told by e-mail.
        email: Option<String>,
        cancel_token_hash: String,
    },
}

/// A sign-up's receipt as it stands now (its cancel token is the route's to add).
fn receipt_of(conn: &rusqlite::Connection, signup_id: i64) -> Result<SignupReceipt, StorageError> {
    let (workshop_id, first_name, notify_by): (i64, String, Option<String>) = conn.query_row(
        "SELECT workshop_id, first_name, notify_by FROM signups WHERE id = ?1",
        [signup_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let workshop = conn
        .prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?
        .query_row([workshop_id], workshop_from_row)?;
    Ok(SignupReceipt {
        signup_id,
        workshop_id,
        first_name,
        cancel_token: None,
        places_left: workshop.places_left(),
        notify_by: notify_by.as_deref().and_then(Channel::parse),
        waiting_position: waiting_position(conn, signup_id)?,
    })
}

/// Where live sign-up `signup_id` stands in its workshop's waiting list (1: next); `None` if
/// it holds a place (or is cancelled).
fn waiting_position(
    conn: &rusqlite::Connection,
    signup_id: i64,
) -> Result<Option<u32>, StorageError> {
    Ok(conn.query_row(
        "SELECT CASE WHEN s.waiting AND s.cancelled_at IS NULL THEN
                (SELECT count(*) FROM signups o
                 WHERE o.workshop_id = s.workshop_id AND o.waiting AND o.cancelled_at IS NULL
                   AND (o.created_at, o.id) <= (s.created_at, s.id))
            END
         FROM signups s WHERE s.id = ?1",
        [signup_id],
        |row| row.get(0),
    )?)
}

/// Gives the places left in the workshop (as it stands in the caller's transaction) to the
/// first in its waiting list, oldest first, and tells each. Does nothing for a workshop that no
/// longer takes sign-ups. Runs in the write transaction of the event that freed the places, so
/// two events can never give the same place twice.
pub(super) fn promote_waiting(
    conn: &rusqlite::Connection,
    workshop_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let select = format!("{WORKSHOP_SELECT} WHERE w.id = ?1");
    let workshop = conn
        .prepare_cached(&select)?
        .query_row([workshop_id], workshop_from_row)?;
    if !workshop.accepts_signups(now) || workshop.places_left() == 0 || workshop.waiting == 0 {
        return Ok(());
    }
    let promoted: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM signups
             WHERE workshop_id = ?1 AND waiting AND cancelled_at IS NULL
             ORDER BY created_at, id LIMIT ?2",
        )?
        .query_map((workshop_id, workshop.places_left()), |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for signup_id in &promoted {
        conn.execute(
            "UPDATE signups SET waiting = 0, promoted_at = ?2 WHERE id = ?1",
            (signup_id, to_db_time(now)),
        )?;
    }
    let workshop = conn
        .prepare_cached(&select)?
        .query_row([workshop_id], workshop_from_row)?;
    for signup_id in promoted {
        tell(
            conn,
            &workshop,
            Some(signup_id),
            Notice::Promoted,
            "promoted",
            now,
        )?;
    }
    Ok(())
}

/// Who asks to cancel a sign-up.
pub enum Canceller {
    Account(i64),
    Staff(i64),
    TokenHash(String),
    /// Neither logged in nor holding a token: answered like a wrong token.
    Anonymous,
}

impl Storage {
    /// Takes a place, if one is left. The count and the insert happen in one write transaction,
    /// which SQLite runs one at a time: two residents can never take the last place both.
    ///
    /// Under a key already used for the same request, answers with that sign-up (`false`:
    /// nothing new taken). A guest's replay gets the new cancel token: the first answer, and
    /// its token, never reached the phone.
    pub async fn sign_up(
        &self,
        workshop_id: i64,
        signing: Signing,
        key: Option<IdempotencyKey>,
        now: DateTime<Utc>,
    ) -> Result<(bool, SignupReceipt), StorageError> {
        let Signing {
            signer,
            notify_by,
            waiting_list,
            stop_token,
            push,
        } = signing;
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            if let Some(key) = &key {
                let lookup = "SELECT id, request_hash FROM signups WHERE idempotency_key = ?1";
                if let Some(signup_id) = replay_of(&tx, lookup, &key.key, &key.request_hash)? {
                    if let Signer::Guest {
                        cancel_token_hash, ..
                    } = &signer
                    {
                        tx.execute(
                            "UPDATE signups SET cancel_token_hash = ?2 WHERE id = ?1",
                            (signup_id, cancel_token_hash),
                        )?;
                    }
                    let receipt = receipt_of(&tx, signup_id)?;
                    tx.commit()?;
                    return Ok((false, receipt));
                }
            }
            let workshop = tx
                .prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?
                .query_row([workshop_id], workshop_from_row)
                .optional()?
                .ok_or_else(|| StorageError::NotFound("Cet atelier n'existe pas.".into()))?;
            if !workshop.accepts_signups(now) {
                let message = if workshop.is_cancelled() {
                    "Cet atelier est annulé : les inscriptions sont fermées."
                } else {
                    "Cet atelier est terminé : les inscriptions sont fermées."
                };
                return Err(StorageError::conflict(None, message));
            }
            let waits = workshop.places_left() == 0;
            if waits && !waiting_list {
                return Err(StorageError::conflict(
                    None,
                    "Cet atelier est complet : plus aucune place. Vous pouvez vous inscrire sur \
                     sa liste d'attente.",
                ));
            }
            let (account_id, first_name, phone, email, token_hash) = match &signer {
                Signer::Account { id, first_name } => (Some(*id), first_name, None, None, None),
                Signer::Guest {
                    first_name,
                    phone,
                    email,
                    cancel_token_hash,
                } => (
                    None,
                    first_name,
                    Some(phone),
                    email.as_ref(),
                    Some(cancel_token_hash),
                ),
            };
            let already: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM signups
                 WHERE workshop_id = ?1 AND cancelled_at IS NULL
                   AND (account_id = ?2 OR phone = ?3))",
                (workshop_id, account_id, phone),
                |row| row.get(0),
            )?;
            if already {
                let (field, message) = match signer {
                    Signer::Account { .. } => (
                        None,
                        "Vous êtes déjà inscrit·e à cet atelier (ou sur sa liste d'attente).",
                    ),
                    Signer::Guest { .. } => (
                        Some("phone"),
                        "Ce numéro est déjà inscrit à cet atelier (ou sur sa liste d'attente).",
                    ),
                };
                return Err(StorageError::conflict(field, message));
            }
            if let (Some(channel), Some(account_id)) = (notify_by, account_id) {
                check_account_reachable(&tx, account_id, channel)?;
            }
            tx.execute(
                "INSERT INTO signups (workshop_id, account_id, first_name, phone,
                                      cancel_token_hash, created_at, idempotency_key, request_hash,
                                      notify_by, waiting, email, stop_token, push_endpoint,
                                      push_p256dh, push_auth)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                rusqlite::params![
                    workshop_id,
                    account_id,
                    first_name,
                    phone,
                    token_hash,
                    to_db_time(now),
                    key.as_ref().map(|key| &key.key),
                    key.as_ref().map(|key| &key.request_hash),
                    notify_by.map(Channel::code),
                    waits,
                    email,
                    stop_token,
                    push.as_ref().map(|push| &push.endpoint),
                    push.as_ref().map(|push| &push.keys.p256dh),
                    push.as_ref().map(|push| &push.keys.auth),
                ],
            )?;
            let signup_id = tx.last_insert_rowid();
            // Joining the line is told on the screen; the message comes with the place.
            if !waits {
                tell(
                    &tx,
                    &workshop,
                    Some(signup_id),
                    Notice::Confirmed,
                    "confirmed",
                    now,
                )?;
            }
            let receipt = receipt_of(&tx, signup_id)?;
            tx.commit()?;
            Ok((true, receipt))
        })
        .await
    }

    /// Cancels a live sign-up. Someone who may not cancel it learns nothing about it: the
    /// answer is the same as for a sign-up that does not exist.
    pub async fn cancel_signup(
        &self,
        signup_id: i64,
        by: Canceller,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let workshop_id = live_signup_for(&tx, signup_id, &by)?;
            tx.execute(
                "UPDATE signups SET cancelled_at = ?1 WHERE id = ?2",
                (to_db_time(now), signup_id),
            )?;
            stop_waiting(&tx, signup_id, "inscription annulée")?;
            promote_waiting(&tx, workshop_id, now)?;
            if let Canceller::Staff(actor_id) = &by {
                let subject = format!("inscription {signup_id} (atelier {workshop_id})");
                audit(&tx, *actor_id, "inscription annulée", &subject, "", now)?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// Stops the messages of a live sign-up, for whoever may cancel it: what waits is not
    /// sent, and nothing more is written for it.
    pub async fn stop_messages(&self, signup_id: i64, by: Canceller) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            live_signup_for(&tx, signup_id, &by)?;
            stop_messages_of(&tx, signup_id)?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// The workshop whose live sign-up holds the stop link's `secret`, and whether that
    /// sign-up is still told.
    pub async fn stop_link_workshop(
        &self,
        secret: String,
    ) -> Result<(Workshop, bool), StorageError> {
        self.with_connection(move |conn| {
            let (signup_id, workshop_id) = signup_of_stop_link(conn, &secret)?;
            let told: bool = conn.query_row(
                "SELECT notify_by IS NOT NULL FROM signups WHERE id = ?1",
                [signup_id],
                |row| row.get(0),
            )?;
            let workshop = conn
                .prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?
                .query_row([workshop_id], workshop_from_row)?;
            Ok((workshop, told))
        })
        .await
    }

    /// Stops the messages of the sign-up whose stop link holds `secret` (an e-mail's link, or
    /// its List-Unsubscribe one-click POST); answers with its workshop.
    pub async fn stop_messages_by_link(&self, secret: String) -> Result<Workshop, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let (signup_id, workshop_id) = signup_of_stop_link(&tx, &secret)?;
            stop_messages_of(&tx, signup_id)?;
            let workshop = tx
                .prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?
                .query_row([workshop_id], workshop_from_row)?;
            tx.commit()?;
            Ok(workshop)
        })
        .await
    }

    /// A live sign-up's receipt as it stands now (promoted from the waiting list since?), for
    /// whoever may cancel it.
    pub async fn signup_state(
        &self,
        signup_id: i64,
        by: Canceller,
    ) -> Result<SignupReceipt, StorageError> {
        self.with_connection(move |conn| {
            live_signup_for(conn, signup_id, &by)?;
            receipt_of(conn, signup_id)
        })
        .await
    }

    /// Gives the account a new calendar secret (its hash), which replaces the old one.
    pub async fn set_calendar_secret(
        &self,
        account_id: i64,
        secret_hash: String,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            conn.execute(
                "UPDATE accounts SET calendar_token_hash = ?2 WHERE id = ?1",
                (account_id, secret_hash),
            )?;
            Ok(())
        })
        .await
    }

    /// The workshops of the account whose calendar secret hashes to `secret_hash`: its live
    /// sign-ups, from `since` on, soonest first; `None` for an unknown secret.
    pub async fn personal_calendar(
        &self,
        secret_hash: String,
        since: DateTime<Utc>,
    ) -> Result<Option<(String, Vec<Workshop>)>, StorageError> {
        self.with_connection(move |conn| {
            let account: Option<(i64, String)> = conn
                .query_row(
                    "SELECT id, display_name FROM accounts WHERE calendar_token_hash = ?1",
                    [&secret_hash],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let Some((account_id, name)) = account else {
                return Ok(None);
            };
            let mut statement = conn.prepare_cached(&format!(
                "{WORKSHOP_SELECT} WHERE w.id IN (
                     SELECT workshop_id FROM signups
                     WHERE account_id = ?1 AND cancelled_at IS NULL AND NOT waiting)
                   AND w.ends_at > ?2
                 ORDER BY w.starts_at"
            ))?;
            let workshops = statement
                .query_map((account_id, to_db_time(since)), workshop_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some((name, workshops)))
        })
        .await
    }

    /// Everyone who signed up, cancelled ones last.
    pub async fn workshop_signups(&self, workshop_id: i64) -> Result<Vec<SignupRow>, StorageError> {
        self.with_connection(move |conn| {
            let exists: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM workshops WHERE id = ?1)",
                [workshop_id],
                |row| row.get(0),
            )?;
            if !exists {
                return Err(StorageError::NotFound("Cet atelier n'existe pas.".into()));
            }
            let mut statement = conn.prepare_cached(
                "SELECT s.id, s.first_name, a.member_number, coalesce(s.phone, a.phone),
                        s.created_at, s.cancelled_at IS NOT NULL, s.attended,
                        s.volunteered_minutes, s.waiting
                 FROM signups s LEFT JOIN accounts a ON a.id = s.account_id
                 WHERE s.workshop_id = ?1
                 ORDER BY s.cancelled_at IS NOT NULL, s.waiting, s.created_at, s.id",
            )?;
            let rows = statement.query_map([workshop_id], |row| {
                Ok(SignupRow {
                    id: row.get(0)?,
                    first_name: row.get(1)?,
                    member_number: row.get(2)?,
                    phone: row.get(3)?,
                    signed_up_at: parse_column(row, 4, from_db_time)?,
                    cancelled: row.get(5)?,
                    attended: row.get(6)?,
                    volunteered_minutes: row.get(7)?,
                    waiting: row.get(8)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// Records whether someone came and how many minutes they gave, once the workshop has
    /// started.
    pub async fn record_attendance(
        &self,
        signup_id: i64,
        attended: bool,
        volunteered_minutes: u32,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let found: Option<(i64, String, bool, bool)> = tx
                .query_row(
                    "SELECT s.workshop_id, w.starts_at, s.cancelled_at IS NOT NULL, s.waiting
                     FROM signups s JOIN workshops w ON w.id = s.workshop_id WHERE s.id = ?1",
                    [signup_id],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
                )
                .optional()?;
            let Some((workshop_id, starts_at, cancelled, waiting)) = found else {
                return Err(StorageError::NotFound(
                    "Cette inscription n'existe pas.".into(),
                ));
            };
            if cancelled {
                return Err(StorageError::conflict(
                    None,
                    "Cette inscription a été annulée.",
                ));
            }
            if waiting {
                return Err(StorageError::conflict(
                    None,
                    "Cette personne est sur la liste d'attente : elle n'a pas de place.",
                ));
            }
            if from_db_time(&starts_at).is_some_and(|starts_at| starts_at > now) {
                return Err(StorageError::conflict(
                    None,
                    "La présence se note une fois l'atelier commencé.",
                ));
            }
            let minutes = if attended { volunteered_minutes } else { 0 };
            tx.execute(
                "UPDATE signups SET attended = ?1, volunteered_minutes = ?2 WHERE id = ?3",
                (attended, minutes, signup_id),
            )?;
            super::wallet::credit_attendance(&tx, signup_id, minutes, actor_id, now)?;
            let subject = format!("inscription {signup_id} (atelier {workshop_id})");
            let detail = if attended {
                format!("présent·e, {minutes} min")
            } else {
                "absent·e".to_string()
            };
            audit(&tx, actor_id, "présence notée", &subject, &detail, now)?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// An account's live sign-ups for workshops not over yet, soonest first.
    pub async fn my_signups(
        &self,
        account_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<MySignup>, StorageError> {
        self.with_connection(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT s.id, w.id, s.notify_by FROM signups s JOIN workshops w ON w.id = s.workshop_id
                 WHERE s.account_id = ?1 AND s.cancelled_at IS NULL AND w.ends_at > ?2
                 ORDER BY w.starts_at",
            )?;
            let rows = statement
                .query_map((account_id, to_db_time(now)), |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, Option<String>>(2)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut select = conn.prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?;
            rows.into_iter()
                .map(|(signup_id, workshop_id, notify_by)| {
                    let workshop: Workshop = select.query_row([workshop_id], workshop_from_row)?;
                    Ok(MySignup {
                        signup_id,
                        workshop,
                        notify_by: notify_by.as_deref().and_then(Channel::parse),
                        waiting_position: waiting_position(conn, signup_id)?,
                    })
                })
                .collect()
        })
        .await
    }
}

/// Refuses a channel the account has no address for.
fn check_account_reachable(
    conn: &rusqlite::Connection,
    account_id: i64,
    channel: Channel,
) -> Result<(), StorageError> {
    let (has_phone, has_email): (bool, bool) = conn.query_row(
        "SELECT phone IS NOT NULL, email IS NOT NULL FROM accounts WHERE id = ?1",
        [account_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let missing = match channel {
        Channel::Sms if !has_phone => {
            "Votre compte n'a pas de numéro de téléphone : demandez à l'équipe de l'ajouter pour \
             recevoir des SMS."
        }
        Channel::Email if !has_email => {
            "Votre compte n'a pas d'adresse e-mail : demandez à l'équipe de l'ajouter pour \
             recevoir des e-mails."
        }
        _ => return Ok(()),
    };
    Err(StorageError::Invalid(FieldError::new("notify_by", missing)))
}

/// No more messages for the sign-up: none chosen, and what waits is not sent.
fn stop_messages_of(conn: &rusqlite::Connection, signup_id: i64) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE signups SET notify_by = NULL WHERE id = ?1",
        [signup_id],
    )?;
    stop_waiting(
        conn,
        signup_id,
        "messages arrêtés à la demande de la personne",
    )
}

/// (sign-up, workshop) of the live sign-up whose stop link holds `secret`.
fn signup_of_stop_link(
    conn: &rusqlite::Connection,
    secret: &str,
) -> Result<(i64, i64), StorageError> {
    conn.query_row(
        "SELECT id, workshop_id FROM signups WHERE stop_token = ?1 AND cancelled_at IS NULL",
        [secret],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| {
        StorageError::NotFound(
            "Ce lien ne correspond à aucune inscription en cours : il n'y a plus rien à arrêter."
                .into(),
        )
    })
}

/// The workshop of live sign-up `signup_id`, if `by` may act on it (cancel it, stop its SMS).
/// Someone who may not learns nothing about it: the answer is the same as for a sign-up that
/// does not exist.
fn live_signup_for(
    conn: &rusqlite::Connection,
    signup_id: i64,
    by: &Canceller,
) -> Result<i64, StorageError> {
    let row: Option<(Option<i64>, Option<String>, i64)> = conn
        .query_row(
            "SELECT account_id, cancel_token_hash, workshop_id FROM signups
             WHERE id = ?1 AND cancelled_at IS NULL",
            [signup_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let allowed = match (&row, by) {
        (None, _) | (_, Canceller::Anonymous) => false,
        (Some(_), Canceller::Staff(_)) => true,
        (Some((owner, _, _)), Canceller::Account(id)) => *owner == Some(*id),
        (Some((_, token, _)), Canceller::TokenHash(hash)) => {
            token.as_deref() == Some(hash.as_str())
        }
    };
    match row {
        Some((_, _, workshop_id)) if allowed => Ok(workshop_id),
        _ => Err(StorageError::NotFound(
            "Aucune inscription en cours à ce numéro pour vous.".into(),
        )),
    }
}
