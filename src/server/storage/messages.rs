//! Messages to people signed up to a workshop: written in the transaction of the event that
//! causes them (a sign-up, a move, a cancellation), read by the sender, logged for staff.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::{
    from_db_time, parse_column, to_db_time, workshop_from_row, Storage, StorageError,
    WORKSHOP_SELECT,
};
use crate::api::messages::{MessageRow, MessageStatus};
use crate::domain::notify::{
    broadcast_sms, reminder_due, retry_delay, sms_send_after, sms_text, Channel, Notice,
    MAX_ATTEMPTS,
};
use crate::domain::Workshop;

/// A message the sender is to send now.
#[derive(Clone, Debug)]
pub struct DueMessage {
    pub id: i64,
    pub channel: Channel,
    /// A phone number in national format.
    pub recipient: String,
    pub body: String,
    pub attempts: u32,
}

/// Writes `notice` about `workshop` (as the caller has just read or written it) for its live
/// sign-ups (only `signup_id`'s, if given) whose person chose a channel, in the caller's
/// transaction. `event` tells one event from another of the same notice ("moved:3"): a message
/// is written once per event, sign-up and channel.
pub(super) fn tell(
    conn: &Connection,
    workshop: &Workshop,
    signup_id: Option<i64>,
    notice: Notice,
    event: &str,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let body = sms_text(notice, workshop);
    write_messages(conn, workshop.id, signup_id, notice, event, &body, now)?;
    Ok(())
}

/// Writes `body` for the live sign-ups that chose a channel (those in the waiting list only
/// if the notice concerns them); returns how many were written.
fn write_messages(
    conn: &Connection,
    workshop_id: i64,
    signup_id: Option<i64>,
    notice: Notice,
    event: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<usize, StorageError> {
    let send_after = to_db_time(sms_send_after(now));
    let written = conn
        .prepare_cached(
            "INSERT INTO messages (event, notice, person, signup_id, workshop_id, channel, recipient,
                               body, created_at, send_after)
         SELECT ?1, ?2, 'signup:' || s.id, s.id, s.workshop_id, s.notify_by,
                coalesce(s.phone, a.phone), ?3, ?4, ?5
         FROM signups s LEFT JOIN accounts a ON a.id = s.account_id
         WHERE s.workshop_id = ?6 AND (?7 IS NULL OR s.id = ?7) AND s.cancelled_at IS NULL
           AND s.notify_by = 'sms' AND coalesce(s.phone, a.phone) IS NOT NULL
           AND (?8 OR NOT s.waiting)
         ON CONFLICT (event, person, channel) DO NOTHING",
        )?
        .execute((
            event,
            notice.code(),
            body,
            to_db_time(now),
            &send_after,
            workshop_id,
            signup_id,
            notice.reaches_waiting_list(),
        ))?;
    Ok(written)
}

impl Storage {
    /// The animators' `text` (checked) to everyone signed up to the workshop who chose a
    /// channel; returns how many will be told. `event` is the request's key: the same request
    /// sent again writes nothing more.
    pub async fn broadcast(
        &self,
        workshop_id: i64,
        text: String,
        event: String,
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        self.with_connection(move |conn| {
            let tx = super::write_transaction(conn)?;
            let workshop = tx
                .prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?
                .query_row([workshop_id], workshop_from_row)
                .optional()?
                .ok_or_else(|| StorageError::NotFound("Cet atelier n'existe pas.".into()))?;
            let body = broadcast_sms(&workshop, &text);
            let event = format!("broadcast:{event}");
            write_messages(
                &tx,
                workshop_id,
                None,
                Notice::Broadcast,
                &event,
                &body,
                now,
            )?;
            let told: usize = tx.query_row(
                "SELECT count(*) FROM messages WHERE workshop_id = ?1 AND event = ?2",
                (workshop_id, &event),
                |row| row.get(0),
            )?;
            tx.commit()?;
            Ok(told)
        })
        .await
    }

    /// The messages due at `now`, oldest first.
    pub async fn due_messages(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<DueMessage>, StorageError> {
        self.with_connection(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT id, channel, recipient, body, attempts FROM messages
                 WHERE status = 'waiting' AND send_after <= ?1 ORDER BY id LIMIT ?2",
            )?;
            let due = statement
                .query_map((to_db_time(now), limit), |row| {
                    Ok(DueMessage {
                        id: row.get(0)?,
                        channel: parse_column(row, 1, Channel::parse)?,
                        recipient: row.get(2)?,
                        body: row.get(3)?,
                        attempts: row.get(4)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(due)
        })
        .await
    }

    /// Records the channel's answer to a sending: sent, or tried again later (given up after
    /// `MAX_ATTEMPTS`).
    pub async fn message_sent(
        &self,
        id: i64,
        outcome: Result<(), String>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            match outcome {
                Ok(()) => conn.execute(
                    "UPDATE messages SET status = 'sent', sent_at = ?2, attempts = attempts + 1,
                                         last_error = NULL
                     WHERE id = ?1",
                    (id, to_db_time(now)),
                )?,
                Err(error) => {
                    let attempts: u32 = conn.query_row(
                        "SELECT attempts FROM messages WHERE id = ?1",
                        [id],
                        |row| row.get(0),
                    )?;
                    let attempts = attempts + 1;
                    let status = if attempts >= MAX_ATTEMPTS {
                        "failed"
                    } else {
                        "waiting"
                    };
                    conn.execute(
                        "UPDATE messages SET status = ?2, attempts = ?3, last_error = ?4,
                                             send_after = ?5
                         WHERE id = ?1",
                        (
                            id,
                            status,
                            attempts,
                            error,
                            // A retry also waits for the morning.
                            to_db_time(sms_send_after(now + retry_delay(attempts - 1))),
                        ),
                    )?
                }
            };
            Ok(())
        })
        .await
    }

    /// Writes the evening-before reminders that are due at `now` (`hour`: Paris time), for
    /// workshops starting within two days that are not cancelled. A person who signed up
    /// after the reminder's time has just had the confirmation: no reminder.
    pub async fn write_due_reminders(
        &self,
        now: DateTime<Utc>,
        hour: u32,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            // Read first: most rounds find nothing due and take no write lock.
            let due: Vec<Workshop> = conn
                .prepare_cached(&format!(
                    "{WORKSHOP_SELECT} WHERE w.status <> 'cancelled' AND w.starts_at > ?1
                       AND w.starts_at <= ?2"
                ))?
                .query_map(
                    (to_db_time(now), to_db_time(now + chrono::Duration::days(2))),
                    workshop_from_row,
                )?
                .filter(|workshop| {
                    workshop
                        .as_ref()
                        .map_or(true, |w| reminder_due(w.starts_at, hour) <= now)
                })
                .collect::<Result<_, _>>()?;
            if due.is_empty() {
                return Ok(());
            }
            let tx = super::write_transaction(conn)?;
            for workshop in &due {
                let eve = to_db_time(reminder_due(workshop.starts_at, hour));
                let signups: Vec<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM signups WHERE workshop_id = ?1 AND created_at < ?2
                           AND cancelled_at IS NULL AND NOT waiting AND notify_by IS NOT NULL",
                    )?
                    .query_map((workshop.id, eve), |row| row.get(0))?
                    .collect::<Result<_, _>>()?;
                for signup_id in signups {
                    tell(
                        &tx,
                        workshop,
                        Some(signup_id),
                        Notice::Reminder,
                        "reminder",
                        now,
                    )?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// A workshop's messages, newest first, for staff. `sms_configured` tells whether the
    /// sender has a way to send SMS: without one, waiting messages say so.
    pub async fn workshop_messages(
        &self,
        workshop_id: i64,
        sms_configured: bool,
    ) -> Result<Vec<MessageRow>, StorageError> {
        self.with_connection(move |conn| {
            let exists = conn
                .query_row(
                    "SELECT 1 FROM workshops WHERE id = ?1",
                    [workshop_id],
                    |_| Ok(()),
                )
                .optional()?;
            if exists.is_none() {
                return Err(StorageError::NotFound("Cet atelier n'existe pas.".into()));
            }
            let mut statement = conn.prepare_cached(
                "SELECT m.id, m.notice, m.channel, m.recipient, s.first_name, m.body,
                        m.status, m.attempts, m.last_error, m.created_at, m.sent_at
                 FROM messages m JOIN signups s ON s.id = m.signup_id
                 WHERE m.workshop_id = ?1 ORDER BY m.id DESC",
            )?;
            let rows = statement
                .query_map([workshop_id], |row| {
                    let channel = parse_column(row, 2, Channel::parse)?;
                    let status = match row.get::<_, String>(6)?.as_str() {
                        "sent" => MessageStatus::Sent,
                        "failed" => MessageStatus::Failed,
                        "stopped" => MessageStatus::Stopped,
                        _ => MessageStatus::Waiting,
                    };
                    let last_error: Option<String> = row.get(8)?;
                    let attempts: u32 = row.get(7)?;
                    let reason = match (status, last_error) {
                        (MessageStatus::Waiting, _) if !sms_configured => {
                            Some(format!("non envoyé : {} non configuré", channel.label_fr()))
                        }
                        (MessageStatus::Sent, _) | (_, None) => None,
                        (MessageStatus::Stopped, Some(why)) => Some(format!("non envoyé : {why}")),
                        (MessageStatus::Waiting, Some(error)) => {
                            Some(format!("nouvel essai prévu ({error})"))
                        }
                        (MessageStatus::Failed, Some(error)) => {
                            Some(format!("abandonné après {attempts} essais ({error})"))
                        }
                    };
                    Ok(MessageRow {
                        id: row.get(0)?,
                        notice: parse_column(row, 1, Notice::parse)?.label_fr().to_string(),
                        channel: channel.label_fr().to_string(),
                        recipient: row.get(3)?,
                        first_name: row.get(4)?,
                        body: row.get(5)?,
                        status,
                        attempts,
                        reason,
                        written_at: parse_column(row, 9, from_db_time)?,
                        sent_at: match row.get::<_, Option<String>>(10)? {
                            Some(at) => from_db_time(&at),
                            None => None,
                        },
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
    }
}

/// Stops the messages still waiting for sign-up `signup_id`, saying `why`.
pub(super) fn stop_waiting(
    conn: &Connection,
    signup_id: i64,
    why: &str,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE messages SET status = 'stopped', last_error = ?2
         WHERE signup_id = ?1 AND status = 'waiting'",
        (signup_id, why),
    )?;
    Ok(())
}
