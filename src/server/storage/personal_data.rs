//! A person's own data (RGPD): what is held on them, its correction, and closing the account.
//!
//! Closing erases the person and keeps the books: ledger entries are append-only and stay, on
//! an account that shows as "Ancien membre n° …"; everything that names or reaches the person
//! (name, phone, e-mail, sign-ups' contacts, messages' recipients, photos, sessions, a person's
//! farm) is erased in the same transaction. The database runs with `secure_delete`, so what is
//! erased is overwritten in the file too.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::accounts::{select_account, AccountRecord};
use super::audit;
use super::lots::{record_event, select_farm, select_lots};
use super::messages::stop_waiting;
use super::signups::promote_waiting;
use super::{from_db_time, parse_column, to_db_time, write_transaction, Storage, StorageError};
use crate::api::personal_data::{former_member_name, AccountData, FarmData, SignupData};
use crate::domain::lot::LotStatus;
use crate::domain::notify::Channel;
use crate::domain::validation::FieldError;

/// What a person corrects of their account, validated.
pub struct ProfileRecord {
    pub display_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// What `personal_data` reads in one go; the route adds the wallet and the messages.
pub struct PersonalRecords {
    pub account: AccountData,
    pub signups: Vec<SignupData>,
    pub farm: Option<FarmData>,
}

/// Why a lot was withdrawn when its farm's account closed.
const CLOSED_ACCOUNT: &str = "compte fermé";

impl Storage {
    /// The account, every sign-up and, for a producer, the farm with all its lots.
    pub async fn personal_data(&self, account_id: i64) -> Result<PersonalRecords, StorageError> {
        self.with_connection(move |conn| {
            let record = select_account(conn, account_id)?
                .ok_or_else(|| StorageError::NotFound("Ce compte n'existe pas.".into()))?;
            let (created_at, calendar_feed, sessions): (String, bool, u32) = conn.query_row(
                "SELECT created_at, calendar_token_hash IS NOT NULL,
                        (SELECT count(*) FROM sessions WHERE account_id = a.id)
                 FROM accounts a WHERE id = ?1",
                [account_id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            let account = AccountData {
                member_number: record.member_number.clone(),
                role: record.role,
                display_name: record.display_name.clone(),
                phone: record.phone.clone(),
                email: record.email.clone(),
                centre: record.centre.clone(),
                created_at: from_db_time(&created_at).unwrap_or_default(),
                calendar_feed,
                sessions,
            };
            let farm = match record.producer_id {
                Some(producer_id) => Some(farm_data(conn, producer_id)?),
                None => None,
            };
            Ok(PersonalRecords {
                account,
                signups: signups_of(conn, account_id)?,
                farm,
            })
        })
        .await
    }

    /// Corrects an account's name, phone and e-mail, by the person (`actor_id` `None`) or by
    /// staff (audited). A phone or e-mail that is another account's is a conflict. A producer's
    /// farm keeps the same contact.
    pub async fn correct_profile(
        &self,
        account_id: i64,
        profile: ProfileRecord,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<AccountRecord, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let taken = |column: &str, value: &Option<String>| -> Result<bool, StorageError> {
                let Some(value) = value else { return Ok(false) };
                let sql = format!(
                    "SELECT EXISTS (SELECT 1 FROM accounts WHERE {column} = ?1 AND id <> ?2)"
                );
                Ok(tx.query_row(&sql, (value, account_id), |row| row.get(0))?)
            };
            if taken("phone", &profile.phone)? {
                return Err(StorageError::conflict(
                    Some("phone"),
                    "Ce numéro de téléphone est déjà celui d'un autre compte.",
                ));
            }
            if taken("email", &profile.email)? {
                return Err(StorageError::conflict(
                    Some("email"),
                    "Cette adresse e-mail est déjà celle d'un autre compte.",
                ));
            }
            let producer_id: Option<i64> = tx
                .query_row(
                    "SELECT producer_id FROM accounts WHERE id = ?1 AND closed_at IS NULL",
                    [account_id],
                    |row| row.get(0),
                )
                .optional()?
                .ok_or_else(|| StorageError::NotFound("Ce compte n'existe pas.".into()))?;
            if let Some(producer_id) = producer_id {
                let Some(phone) = &profile.phone else {
                    return Err(StorageError::Invalid(FieldError::new(
                        "phone",
                        "Une ferme garde un numéro de téléphone : l'équipe l'appelle pour les \
                         collectes.",
                    )));
                };
                tx.execute(
                    "UPDATE producers SET contact_name = ?2, phone = ?3 WHERE id = ?1",
                    (producer_id, &profile.display_name, phone),
                )?;
            }
            tx.execute(
                "UPDATE accounts SET display_name = ?2, phone = ?3, email = ?4 WHERE id = ?1",
                (
                    account_id,
                    &profile.display_name,
                    &profile.phone,
                    &profile.email,
                ),
            )?;
            if let Some(actor_id) = actor_id {
                let subject = format!("compte {account_id}");
                audit(&tx, actor_id, "coordonnées corrigées", &subject, "", now)?;
            }
            tx.commit()?;
            select_account(conn, account_id)?
                .ok_or_else(|| StorageError::NotFound("Ce compte n'existe pas.".into()))
        })
        .await
    }

    /// Closes an account at its holder's request (see the module's comment). Refused for staff
    /// (an admin ends their access) and while one of the farm's lots is reserved (the truck is
    /// coming for it).
    pub async fn close_account(
        &self,
        account_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let record = select_account(&tx, account_id)?
                .ok_or_else(|| StorageError::NotFound("Ce compte n'existe pas.".into()))?;
            if record.role.is_staff() {
                return Err(StorageError::Forbidden(
                    "Un compte de l'équipe se ferme par un·e administrateur·rice.".into(),
                ));
            }
            cancel_coming_signups(&tx, account_id, now)?;
            tx.execute(
                "UPDATE signups
                 SET first_name = ?2, email = NULL, notify_by = NULL, stop_token = NULL,
                     cancel_token_hash = NULL, push_endpoint = NULL, push_p256dh = NULL,
                     push_auth = NULL
                 WHERE account_id = ?1",
                (account_id, former_member_name(&record.member_number)),
            )?;
            tx.execute(
                "UPDATE messages SET status = 'stopped', last_error = ?2
                 WHERE status = 'waiting'
                   AND (signup_id IN (SELECT id FROM signups WHERE account_id = ?1)
                        OR account_id = ?1)",
                (account_id, CLOSED_ACCOUNT),
            )?;
            tx.execute(
                "UPDATE messages SET recipient = ''
                 WHERE signup_id IN (SELECT id FROM signups WHERE account_id = ?1)
                    OR account_id = ?1",
                [account_id],
            )?;
            if let Some(producer_id) = record.producer_id {
                close_farm(&tx, producer_id, account_id, now)?;
            }
            tx.execute("DELETE FROM lot_photos WHERE account_id = ?1", [account_id])?;
            tx.execute("DELETE FROM sessions WHERE account_id = ?1", [account_id])?;
            // No password can match an empty hash: nobody logs in to it again.
            tx.execute(
                "UPDATE accounts
                 SET display_name = ?2, phone = NULL, email = NULL, password_hash = '',
                     must_change_password = 0, calendar_token_hash = NULL, closed_at = ?3
                 WHERE id = ?1",
                (
                    account_id,
                    former_member_name(&record.member_number),
                    to_db_time(now),
                ),
            )?;
            let subject = format!("compte {account_id}");
            audit(
                &tx,
                account_id,
                "compte fermé",
                &subject,
                "à la demande de la personne",
                now,
            )?;
            tx.commit()?;
            Ok(())
        })
        .await
    }
}

/// Cancels the account's live sign-ups of workshops still to come; each freed place goes to
/// the first in line, as for any cancellation.
fn cancel_coming_signups(
    conn: &Connection,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let coming: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT s.id, s.workshop_id FROM signups s JOIN workshops w ON w.id = s.workshop_id
             WHERE s.account_id = ?1 AND s.cancelled_at IS NULL AND w.starts_at > ?2",
        )?
        .query_map((account_id, to_db_time(now)), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    for (signup_id, workshop_id) in coming {
        conn.execute(
            "UPDATE signups SET cancelled_at = ?2 WHERE id = ?1",
            (signup_id, to_db_time(now)),
        )?;
        stop_waiting(conn, signup_id, CLOSED_ACCOUNT)?;
        promote_waiting(conn, workshop_id, now)?;
    }
    Ok(())
}

/// The farm of a closing account: its open lots withdrawn, its contact erased, and, for a farm
/// run by a person (not a company), its name and addresses too.
fn close_farm(
    conn: &Connection,
    producer_id: i64,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let reserved: Option<String> = conn
        .query_row(
            "SELECT produce FROM lots WHERE producer_id = ?1 AND status = 'reserved' LIMIT 1",
            [producer_id],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(produce) = reserved {
        return Err(StorageError::conflict(
            None,
            format!(
                "Votre lot « {produce} » est réservé : l'équipe passe le chercher. Fermez votre \
                 compte après la collecte, ou appelez l'équipe pour l'annuler."
            ),
        ));
    }
    let open: Vec<i64> = conn
        .prepare("SELECT id FROM lots WHERE producer_id = ?1 AND status = 'published'")?
        .query_map([producer_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for lot_id in open {
        conn.execute(
            "UPDATE lots SET status = ?2 WHERE id = ?1",
            (lot_id, LotStatus::Withdrawn.code()),
        )?;
        record_event(
            conn,
            lot_id,
            Some(account_id),
            LotStatus::Withdrawn,
            CLOSED_ACCOUNT,
            now,
        )?;
    }
    conn.execute(
        "UPDATE messages SET status = 'stopped', last_error = ?2
         WHERE producer_id = ?1 AND status = 'waiting'",
        (producer_id, CLOSED_ACCOUNT),
    )?;
    conn.execute(
        "UPDATE messages SET recipient = '' WHERE producer_id = ?1",
        [producer_id],
    )?;
    conn.execute(
        "UPDATE producers SET contact_name = '', phone = '', notify_by = NULL WHERE id = ?1",
        [producer_id],
    )?;
    let is_company: bool = conn.query_row(
        "SELECT is_company FROM producers WHERE id = ?1",
        [producer_id],
        |row| row.get(0),
    )?;
    if !is_company {
        conn.execute(
            "UPDATE producers SET farm_name = ?2, address = '', produce = '' WHERE id = ?1",
            (producer_id, former_farm_name(producer_id)),
        )?;
        conn.execute(
            "UPDATE lots SET pickup_address = '', note = '' WHERE producer_id = ?1",
            [producer_id],
        )?;
        conn.execute(
            "UPDATE lot_events SET detail = '' WHERE actor_id = ?1",
            [account_id],
        )?;
    }
    Ok(())
}

/// What a farm run by a person shows on its past lots once its account is closed.
fn former_farm_name(producer_id: i64) -> String {
    format!("Ancienne ferme n° {producer_id}")
}

fn farm_data(conn: &Connection, producer_id: i64) -> Result<FarmData, StorageError> {
    let (contact_name, phone, produce, is_company) = conn.query_row(
        "SELECT contact_name, phone, produce, is_company FROM producers WHERE id = ?1",
        [producer_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    let mut lots = select_lots(
        conn,
        "WHERE l.producer_id = ?1 ORDER BY l.id DESC",
        [producer_id],
        true,
    )?;
    for lot in &mut lots {
        lot.farm = None;
    }
    Ok(FarmData {
        farm: select_farm(conn, producer_id)?,
        contact_name,
        phone,
        produce,
        is_company,
        lots,
    })
}

fn signups_of(conn: &Connection, account_id: i64) -> Result<Vec<SignupData>, StorageError> {
    let mut statement = conn.prepare(
        "SELECT w.id, w.title, w.starts_at, p.name, p.commune, s.first_name, s.created_at,
                s.waiting AND s.cancelled_at IS NULL, s.cancelled_at, s.attended,
                s.volunteered_minutes, s.notify_by, s.email, s.push_endpoint IS NOT NULL
         FROM signups s
         JOIN workshops w ON w.id = s.workshop_id
         JOIN places p ON p.id = w.place_id
         WHERE s.account_id = ?1
         ORDER BY w.starts_at DESC, s.id DESC",
    )?;
    let rows = statement.query_map([account_id], |row| {
        Ok(SignupData {
            workshop_id: row.get(0)?,
            workshop_title: row.get(1)?,
            starts_at: parse_column(row, 2, from_db_time)?,
            place: row.get(3)?,
            commune: row.get(4)?,
            first_name: row.get(5)?,
            signed_up_at: parse_column(row, 6, from_db_time)?,
            waiting: row.get(7)?,
            cancelled_at: row
                .get::<_, Option<String>>(8)?
                .as_deref()
                .and_then(from_db_time),
            attended: row.get(9)?,
            volunteered_minutes: row.get(10)?,
            notify_by: row
                .get::<_, Option<String>>(11)?
                .as_deref()
                .and_then(Channel::parse),
            email: row.get(12)?,
            push_subscription: row.get(13)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
