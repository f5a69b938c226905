//! Messages to people signed up to a workshop: written in the transaction of the event that
//! causes them (a sign-up, a move, a cancellation), read by the sender, logged for staff.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::{
    from_db_time, parse_column, to_db_time, workshop_from_row, write_transaction, Storage,
    StorageError, WORKSHOP_SELECT,
};
use crate::api::messages::{MessageRow, MessageStatus};
use crate::domain::notify::{
    broadcast_email, broadcast_sms, email_text, notice_label_fr, reminder_due, retry_delay,
    sms_send_after, sms_text, Channel, Email, FarmNews, Notice, MAX_ATTEMPTS,
};
use crate::domain::Workshop;

/// A message the sender is to send now.
#[derive(Clone, Debug)]
pub struct DueMessage {
    pub id: i64,
    pub channel: Channel,
    /// A phone number in national format, or an e-mail address.
    pub recipient: String,
    /// An e-mail's subject.
    pub subject: Option<String>,
    pub body: String,
    pub attempts: u32,
    pub workshop_id: Option<i64>,
    /// The secret of the sign-up's "stop these messages" link (for e-mails).
    pub stop_token: Option<String>,
    /// For web push: the subscription's keys (p256dh, auth), base64url.
    pub push_keys: Option<(String, String)>,
}

/// One notice in the words of each channel. A notification (web push) takes the e-mail's
/// subject as its title and the SMS's words as its text.
struct Words {
    sms: String,
    email: Email,
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
    let words = Words {
        sms: sms_text(notice, workshop),
        email: email_text(notice, workshop),
    };
    write_messages(conn, workshop.id, signup_id, notice, event, &words, now)?;
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
    words: &Words,
    now: DateTime<Utc>,
) -> Result<usize, StorageError> {
    // SMS wait for the morning; e-mails leave at once.
    let sms_after = to_db_time(sms_send_after(now));
    let written = conn
        .prepare_cached(
            "INSERT INTO messages (event, notice, person, signup_id, workshop_id, channel, recipient,
                                   subject, body, created_at, send_after)
             SELECT :event, :notice, 'signup:' || s.id, s.id, s.workshop_id, s.notify_by,
                    CASE s.notify_by WHEN 'sms' THEN coalesce(s.phone, a.phone)
                                     WHEN 'email' THEN coalesce(s.email, a.email)
                                     WHEN 'push' THEN s.push_endpoint END AS recipient,
                    CASE s.notify_by WHEN 'sms' THEN NULL ELSE :subject END,
                    CASE s.notify_by WHEN 'email' THEN :email ELSE :sms END,
                    :now,
                    CASE s.notify_by WHEN 'sms' THEN :sms_after ELSE :now END
             FROM signups s LEFT JOIN accounts a ON a.id = s.account_id
             WHERE s.workshop_id = :workshop_id AND (:signup_id IS NULL OR s.id = :signup_id)
               AND s.cancelled_at IS NULL AND s.notify_by IN ('sms', 'email', 'push')
               AND recipient IS NOT NULL AND (:waiting_too OR NOT s.waiting)
             ON CONFLICT (event, person, channel) DO NOTHING",
        )?
        .execute(rusqlite::named_params! {
            ":event": event,
            ":notice": notice.code(),
            ":subject": &words.email.subject,
            ":sms": &words.sms,
            ":email": &words.email.body,
            ":now": to_db_time(now),
            ":sms_after": &sms_after,
            ":workshop_id": workshop_id,
            ":signup_id": signup_id,
            ":waiting_too": notice.reaches_waiting_list(),
        })?;
    Ok(written)
}

/// Writes `news` for farm `producer_id`, in the caller's transaction, if the farm chose to be
/// told (by SMS, at its phone). `event` tells one event from another ("lot-event:12").
pub(super) fn tell_farm(
    conn: &Connection,
    producer_id: i64,
    lot_id: Option<i64>,
    news: FarmNews<'_>,
    event: &str,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.prepare_cached(
        "INSERT INTO messages (event, notice, person, producer_id, lot_id, channel, recipient,
                               body, created_at, send_after)
         SELECT :event, :notice, 'producer:' || p.id, p.id, :lot_id, p.notify_by, p.phone,
                :sms, :now, :sms_after
         FROM producers p
         WHERE p.id = :producer_id AND p.notify_by = 'sms' AND p.phone <> ''
         ON CONFLICT (event, person, channel) DO NOTHING",
    )?
    .execute(rusqlite::named_params! {
        ":event": event,
        ":notice": news.code(),
        ":lot_id": lot_id,
        ":sms": news.sms(),
        ":now": to_db_time(now),
        ":sms_after": to_db_time(sms_send_after(now)),
        ":producer_id": producer_id,
    })?;
    Ok(())
}

/// A channel's answer to one sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Not sent, worth another attempt (French, for the message log).
    Retry(String),
    /// Not sent, and never will be: the address no longer exists (a push subscription the
    /// browser dropped).
    Gone(String),
}

/// How many of a workshop's messages its log shows.
const WORKSHOP_LOG_LINES: u32 = 100;

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
            let words = Words {
                sms: broadcast_sms(&workshop, &text),
                email: broadcast_email(&workshop, &text),
            };
            let event = format!("broadcast:{event}");
            write_messages(
                &tx,
                workshop_id,
                None,
                Notice::Broadcast,
                &event,
                &words,
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

    /// The messages due at `now` on the `channels` the sender can use, oldest first: those of
    /// a channel not configured wait (and never hold up the others).
    pub async fn due_messages(
        &self,
        now: DateTime<Utc>,
        channels: Vec<Channel>,
        limit: u32,
    ) -> Result<Vec<DueMessage>, StorageError> {
        self.with_connection(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT m.id, m.channel, m.recipient, m.subject, m.body, m.attempts,
                        m.workshop_id, s.stop_token, s.push_p256dh, s.push_auth
                 FROM messages m LEFT JOIN signups s ON s.id = m.signup_id
                 WHERE m.status = 'waiting' AND m.send_after <= ?1
                   AND m.channel IN (SELECT value FROM json_each(?2))
                 ORDER BY m.id LIMIT ?3",
            )?;
            let channels = serde_json::to_string(&channels).expect("channels serialise");
            let due = statement
                .query_map((to_db_time(now), channels, limit), |row| {
                    Ok(DueMessage {
                        id: row.get(0)?,
                        channel: parse_column(row, 1, Channel::parse)?,
                        recipient: row.get(2)?,
                        subject: row.get(3)?,
                        body: row.get(4)?,
                        attempts: row.get(5)?,
                        workshop_id: row.get(6)?,
                        stop_token: row.get(7)?,
                        push_keys: match (row.get(8)?, row.get(9)?) {
                            (Some(p256dh), Some(auth)) => Some((p256dh, auth)),
                            _ => None,
                        },
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(due)
        })
        .await
    }

    /// Records the channel's answer to a sending: sent, tried again later (given up after
    /// `MAX_ATTEMPTS`), or given up at once when the address is gone, which the sign-up then
    /// forgets (no message is written for it on that channel again).
    pub async fn message_sent(
        &self,
        id: i64,
        outcome: Delivery,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            match outcome {
                Delivery::Gone(error) => {
                    let tx = write_transaction(conn)?;
                    tx.execute(
                        "UPDATE messages SET status = 'failed', attempts = attempts + 1,
                                             last_error = ?2
                         WHERE id = ?1",
                        (id, &error),
                    )?;
                    let signup: Option<i64> = tx.query_row(
                        "SELECT signup_id FROM messages WHERE id = ?1",
                        [id],
                        |row| row.get(0),
                    )?;
                    if let Some(signup_id) = signup {
                        tx.execute(
                            "UPDATE signups SET notify_by = NULL, push_endpoint = NULL,
                                                push_p256dh = NULL, push_auth = NULL
                             WHERE id = ?1 AND notify_by = 'push'",
                            [signup_id],
                        )?;
                        stop_waiting(&tx, signup_id, &error)?;
                    }
                    tx.commit()?;
                    return Ok(());
                }
                Delivery::Sent => conn.execute(
                    "UPDATE messages SET status = 'sent', sent_at = ?2, attempts = attempts + 1,
                                         last_error = NULL
                     WHERE id = ?1",
                    (id, to_db_time(now)),
                )?,
                Delivery::Retry(error) => {
                    let (attempts, channel): (u32, String) = conn.query_row(
                        "SELECT attempts, channel FROM messages WHERE id = ?1",
                        [id],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )?;
                    let next = now + retry_delay(attempts);
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
                            // An SMS's retry also waits for the morning.
                            to_db_time(match Channel::parse(&channel) {
                                Some(Channel::Sms) => sms_send_after(next),
                                _ => next,
                            }),
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

    /// A workshop's messages, newest first (the last `WORKSHOP_LOG_LINES`), for staff. `configured`: the channels the sender
    /// can use; a message waiting on another says so.
    pub async fn workshop_messages(
        &self,
        workshop_id: i64,
        configured: Vec<Channel>,
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
            message_rows(
                conn,
                "m.workshop_id = ?1",
                workshop_id,
                &configured,
                WORKSHOP_LOG_LINES,
            )
        })
        .await
    }

    /// The messages written for an account, newest first, at most `limit`: those of its
    /// sign-ups, its farm's and its own (a batch recall).
    pub async fn account_messages(
        &self,
        account_id: i64,
        configured: Vec<Channel>,
        limit: u32,
    ) -> Result<Vec<MessageRow>, StorageError> {
        self.with_connection(move |conn| {
            let exists = conn
                .query_row("SELECT 1 FROM accounts WHERE id = ?1", [account_id], |_| {
                    Ok(())
                })
                .optional()?;
            if exists.is_none() {
                return Err(StorageError::NotFound("Ce compte n'existe pas.".into()));
            }
            message_rows(
                conn,
                "m.signup_id IN (SELECT id FROM signups WHERE account_id = ?1)
                 OR m.producer_id = (SELECT producer_id FROM accounts WHERE id = ?1)
                 OR m.account_id = ?1",
                account_id,
                &configured,
                limit,
            )
        })
        .await
    }
}

/// The log lines of the messages matching `condition` (SQL on `m`, `?1` bound to `id`),
/// newest first, at most `limit`. `configured`: the channels the sender can use; a message
/// waiting on another says so.
fn message_rows(
    conn: &Connection,
    condition: &str,
    id: i64,
    configured: &[Channel],
    limit: u32,
) -> Result<Vec<MessageRow>, StorageError> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT m.id, m.notice, m.channel, m.recipient,
                coalesce(s.first_name, p.contact_name, holder.display_name, ''), m.body,
                m.status, m.attempts, m.last_error, m.created_at, m.sent_at,
                coalesce(w.title, p.farm_name, m.subject, '')
         FROM messages m
         LEFT JOIN signups s ON s.id = m.signup_id
         LEFT JOIN workshops w ON w.id = m.workshop_id
         LEFT JOIN producers p ON p.id = m.producer_id
         LEFT JOIN accounts holder ON holder.id = m.account_id
         WHERE {condition} ORDER BY m.id DESC LIMIT ?2"
    ))?;
    let rows = statement
        .query_map((id, limit), |row| {
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
                (MessageStatus::Waiting, _) if !configured.contains(&channel) => {
                    Some(format!("non envoyé : {} non configuré", channel.label_fr()))
                }
                (MessageStatus::Sent, _) | (_, None) => None,
                (MessageStatus::Stopped, Some(why)) => Some(format!("non envoyé : {why}")),
                (MessageStatus::Waiting, Some(error)) => {
                    Some(format!("nouvel essai prévu ({error})"))
                }
                (MessageStatus::Failed, Some(error)) if attempts == 1 => {
                    Some(format!("abandonné au premier essai ({error})"))
                }
                (MessageStatus::Failed, Some(error)) => {
                    Some(format!("abandonné après {attempts} essais ({error})"))
                }
            };
            Ok(MessageRow {
                id: row.get(0)?,
                notice: notice_label_fr(&row.get::<_, String>(1)?).to_string(),
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
                about: row.get(11)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
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
