//! Accounts, sessions, producers' requests, centres and the audit log.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::audit;
use super::centres::check_open_centre;
use super::messages::tell_farm;
use super::{from_db_time, parse_column, to_db_time, write_transaction, Storage, StorageError};
use crate::api::accounts::{AuditEntry, AuditPage, AuditQuery, Me, PendingProducer};
use crate::domain::account::LoginId;
use crate::domain::notify::{Channel, FarmNews};
use crate::domain::time::start_of_local_day;
use crate::domain::Role;

/// An account as the server sees it, hash included. Never serialised: `Me` is what leaves.
#[derive(Clone)]
pub struct AccountRecord {
    pub id: i64,
    pub role: Role,
    pub display_name: String,
    pub member_number: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub centre: Option<String>,
    pub producer_approved: Option<bool>,
    /// For a producer: their farm.
    pub producer_id: Option<i64>,
    pub password_hash: String,
    pub must_change_password: bool,
    /// Deactivated by staff: no login, no session.
    pub deactivated: bool,
}

// By hand, so that the hash never reaches a log line.
impl std::fmt::Debug for AccountRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountRecord")
            .field("id", &self.id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl AccountRecord {
    pub fn me(&self) -> Me {
        Me {
            id: self.id,
            role: self.role,
            display_name: self.display_name.clone(),
            member_number: self.member_number.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            centre: self.centre.clone(),
            must_change_password: self.must_change_password,
            producer_approved: self.producer_approved,
            changed_lots: 0,
            deactivated: self.deactivated,
        }
    }
}

/// A validated account to create; the member number is drawn by `create_account`.
pub struct NewAccountRecord {
    pub role: Role,
    pub display_name: String,
    pub centre_id: Option<i64>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub password_hash: String,
    pub must_change_password: bool,
}

/// Who makes an account, for the audit log.
#[derive(Clone, Copy, Debug)]
pub enum CreatedBy {
    /// A member of the team, at the counter or in the team's space.
    Staff(i64),
    /// `bocal-server create-admin`: the audit entry is the new account's own.
    CommandLine,
}

/// A validated producer request: the farm, and the account of the person who runs it.
pub struct ProducerRequestRecord {
    pub farm_name: String,
    pub contact_name: String,
    pub commune: String,
    pub phone: String,
    pub produce: String,
    pub password_hash: String,
    /// `Some(Channel::Sms)`: the farm is told of its approval and its lots by SMS.
    pub notify_by: Option<Channel>,
    /// A company, whose name stays on its lots after its account is closed.
    pub is_company: bool,
}

const ACCOUNT_SELECT: &str = "
    SELECT a.id, a.role, a.display_name, a.member_number, a.phone, a.email, c.name,
           CASE WHEN a.producer_id IS NULL THEN NULL ELSE p.approved_at IS NOT NULL END,
           a.password_hash, a.must_change_password, a.producer_id, a.deactivated_at IS NOT NULL
    FROM accounts a
    LEFT JOIN centres c ON c.id = a.centre_id
    LEFT JOIN producers p ON p.id = a.producer_id";

fn account_from_row(row: &Row<'_>) -> rusqlite::Result<AccountRecord> {
    Ok(AccountRecord {
        id: row.get(0)?,
        role: parse_column(row, 1, Role::from_code)?,
        display_name: row.get(2)?,
        member_number: row.get(3)?,
        phone: row.get(4)?,
        email: row.get(5)?,
        centre: row.get(6)?,
        producer_approved: row.get(7)?,
        password_hash: row.get(8)?,
        must_change_password: row.get(9)?,
        producer_id: row.get(10)?,
        deactivated: row.get(11)?,
    })
}

/// Inserts an account with a fresh member number (drawn again on the rare collision).
fn insert_account(
    tx: &Transaction<'_>,
    account: &NewAccountRecord,
    producer_id: Option<i64>,
    draw_member_number: &mut dyn FnMut() -> String,
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    let taken = |column: &str, value: &Option<String>| -> Result<bool, StorageError> {
        let Some(value) = value else { return Ok(false) };
        let sql = format!("SELECT EXISTS (SELECT 1 FROM accounts WHERE {column} = ?1)");
        Ok(tx.query_row(&sql, [value], |row| row.get(0))?)
    };
    if taken("phone", &account.phone)? {
        return Err(StorageError::conflict(
            Some("phone"),
            "Ce numéro de téléphone a déjà un compte.",
        ));
    }
    if taken("email", &account.email)? {
        return Err(StorageError::conflict(
            Some("email"),
            "Cette adresse e-mail a déjà un compte.",
        ));
    }
    let member_number = loop {
        let candidate = draw_member_number();
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE member_number = ?1)",
            [&candidate],
            |row| row.get(0),
        )?;
        if !exists {
            break candidate;
        }
    };
    tx.execute(
        "INSERT INTO accounts (role, display_name, member_number, phone, email, centre_id,
                               producer_id, password_hash, must_change_password, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            account.role.code(),
            account.display_name,
            member_number,
            account.phone,
            account.email,
            account.centre_id,
            producer_id,
            account.password_hash,
            account.must_change_password,
            to_db_time(now),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(super) fn select_account(
    conn: &Connection,
    id: i64,
) -> Result<Option<AccountRecord>, StorageError> {
    let mut statement = conn.prepare_cached(&format!("{ACCOUNT_SELECT} WHERE a.id = ?1"))?;
    Ok(statement.query_row([id], account_from_row).optional()?)
}

impl Storage {
    pub async fn account_by_login(
        &self,
        login: LoginId,
    ) -> Result<Option<AccountRecord>, StorageError> {
        self.with_connection(move |conn| {
            let (column, value) = match login {
                LoginId::MemberNumber(number) => ("a.member_number", number),
                LoginId::Phone(phone) => ("a.phone", phone),
                LoginId::Email(email) => ("a.email", email),
            };
            let mut statement =
                conn.prepare_cached(&format!("{ACCOUNT_SELECT} WHERE {column} = ?1"))?;
            Ok(statement.query_row([value], account_from_row).optional()?)
        })
        .await
    }

    /// Creates an account, audited as made by `created_by`.
    pub async fn create_account(
        &self,
        account: NewAccountRecord,
        created_by: CreatedBy,
        mut draw_member_number: impl FnMut() -> String + Send + 'static,
        now: DateTime<Utc>,
    ) -> Result<AccountRecord, StorageError> {
        self.with_connection(move |conn| {
            if let Some(centre_id) = account.centre_id {
                check_open_centre(conn, centre_id)?;
            }
            let tx = write_transaction(conn)?;
            let id = insert_account(&tx, &account, None, &mut draw_member_number, now)?;
            let subject = format!("compte {id}");
            let (actor_id, detail) = match created_by {
                CreatedBy::Staff(actor_id) => (actor_id, account.role.code().to_string()),
                CreatedBy::CommandLine => (
                    id,
                    format!(
                        "{}, en ligne de commande (create-admin)",
                        account.role.code()
                    ),
                ),
            };
            audit(&tx, actor_id, "compte créé", &subject, &detail, now)?;
            tx.commit()?;
            select_account(conn, id)?.ok_or_else(|| StorageError::NotFound("compte".into()))
        })
        .await
    }

    /// Accounts whose name, member number or phone matches `query`, by name; at most `limit`.
    pub async fn search_accounts(
        &self,
        query: String,
        limit: u32,
    ) -> Result<Vec<AccountRecord>, StorageError> {
        self.with_connection(move |conn| {
            let digits: String = query.chars().filter(char::is_ascii_digit).collect();
            let mut statement = conn.prepare_cached(&format!(
                "{ACCOUNT_SELECT}
                 WHERE a.display_name LIKE '%' || :text || '%'
                    OR (:digits <> '' AND (a.member_number LIKE :digits || '%'
                                           OR a.phone LIKE '%' || :digits || '%'))
                 ORDER BY a.display_name, a.id LIMIT :limit"
            ))?;
            let rows = statement.query_map(
                rusqlite::named_params! {
                    ":text": query.trim(),
                    ":digits": digits,
                    ":limit": limit,
                },
                account_from_row,
            )?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    pub async fn account(&self, id: i64) -> Result<Option<AccountRecord>, StorageError> {
        self.with_connection(move |conn| select_account(conn, id))
            .await
    }

    /// Gives an account a new initial code (at the counter, for a forgotten password): its
    /// holder must replace it at next login, and every session of the account ends.
    pub async fn reset_password(
        &self,
        account_id: i64,
        password_hash: String,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let updated = tx.execute(
                "UPDATE accounts SET password_hash = ?1, must_change_password = 1 WHERE id = ?2",
                (&password_hash, account_id),
            )?;
            if updated == 0 {
                return Err(StorageError::NotFound("Ce compte n'existe pas.".into()));
            }
            tx.execute("DELETE FROM sessions WHERE account_id = ?1", [account_id])?;
            let subject = format!("compte {account_id}");
            audit(&tx, actor_id, "nouveau code donné", &subject, "", now)?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// Deactivates an account (it can no longer log in; its sessions end; its history stays) or
    /// reactivates it, by `actor_id`, audited. A closed account stays closed.
    pub async fn set_account_active(
        &self,
        account_id: i64,
        active: bool,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<AccountRecord, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let updated = tx.execute(
                "UPDATE accounts SET deactivated_at = CASE WHEN ?2 THEN NULL ELSE ?3 END
                 WHERE id = ?1 AND closed_at IS NULL",
                (account_id, active, to_db_time(now)),
            )?;
            if updated == 0 {
                return Err(StorageError::NotFound(
                    "Ce compte n'existe pas ou a été fermé.".into(),
                ));
            }
            if !active {
                tx.execute("DELETE FROM sessions WHERE account_id = ?1", [account_id])?;
            }
            let action = if active {
                "compte réactivé"
            } else {
                "compte désactivé"
            };
            audit(
                &tx,
                actor_id,
                action,
                &format!("compte {account_id}"),
                "",
                now,
            )?;
            tx.commit()?;
            select_account(conn, account_id)?
                .ok_or_else(|| StorageError::NotFound("Ce compte n'existe pas.".into()))
        })
        .await
    }

    /// A farm and its account, waiting for an animator's approval.
    pub async fn create_producer_request(
        &self,
        request: ProducerRequestRecord,
        mut draw_member_number: impl FnMut() -> String + Send + 'static,
        now: DateTime<Utc>,
    ) -> Result<AccountRecord, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            tx.execute(
                "INSERT INTO producers (farm_name, contact_name, commune, phone, produce,
                                        notify_by, is_company)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                (
                    &request.farm_name,
                    &request.contact_name,
                    &request.commune,
                    &request.phone,
                    &request.produce,
                    request.notify_by.map(Channel::code),
                    request.is_company,
                ),
            )?;
            let producer_id = tx.last_insert_rowid();
            let account = NewAccountRecord {
                role: Role::Producer,
                display_name: request.contact_name.clone(),
                centre_id: None,
                phone: Some(request.phone.clone()),
                email: None,
                password_hash: request.password_hash.clone(),
                must_change_password: false,
            };
            let id = insert_account(
                &tx,
                &account,
                Some(producer_id),
                &mut draw_member_number,
                now,
            )?;
            tx.commit()?;
            select_account(conn, id)?.ok_or_else(|| StorageError::NotFound("compte".into()))
        })
        .await
    }

    pub async fn pending_producers(&self) -> Result<Vec<PendingProducer>, StorageError> {
        self.with_connection(|conn| {
            let mut statement = conn.prepare_cached(
                "SELECT p.id, p.farm_name, p.contact_name, p.commune, p.phone, p.produce,
                        a.created_at
                 FROM producers p JOIN accounts a ON a.producer_id = p.id
                 WHERE p.approved_at IS NULL ORDER BY a.created_at, p.id",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(PendingProducer {
                    producer_id: row.get(0)?,
                    farm_name: row.get(1)?,
                    contact_name: row.get(2)?,
                    commune: row.get(3)?,
                    phone: row.get(4)?,
                    produce: row.get(5)?,
                    requested_at: parse_column(row, 6, from_db_time)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    pub async fn approve_producer(
        &self,
        producer_id: i64,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let farm: Option<String> = tx
                .query_row(
                    "SELECT farm_name FROM producers WHERE id = ?1 AND approved_at IS NULL",
                    [producer_id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(farm) = farm else {
                return Err(StorageError::NotFound(
                    "Aucune demande en attente pour cette ferme.".into(),
                ));
            };
            tx.execute(
                "UPDATE producers SET approved_at = ?1 WHERE id = ?2",
                (to_db_time(now), producer_id),
            )?;
            let subject = format!("producteur {producer_id} ({farm})");
            audit(&tx, actor_id, "producteur approuvé", &subject, "", now)?;
            let news = FarmNews::Approved { farm: &farm };
            tell_farm(&tx, producer_id, None, news, "farm-approved", now)?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// The journal's entries matching `query`, newest first, `limit` at a time.
    pub async fn audit_log(
        &self,
        query: AuditQuery,
        limit: u32,
    ) -> Result<AuditPage, StorageError> {
        self.with_connection(move |conn| {
            // A person is who acted, or the account acted upon ("compte <id>").
            let mut statement = conn.prepare_cached(
                "WITH person AS (
                     SELECT id FROM accounts
                     WHERE :person <> ''
                       AND (display_name LIKE '%' || :person || '%' OR member_number = :person))
                 SELECT l.id, l.at, a.display_name || ' (' || a.member_number || ')', l.action,
                        l.subject, s.display_name || ' (' || s.member_number || ')', l.detail
                 FROM audit_log l
                 JOIN accounts a ON a.id = l.actor_id
                 -- The account acted upon, by its key (not a scan of every account per line).
                 LEFT JOIN accounts s ON l.subject LIKE 'compte %'
                                     AND s.id = CAST(substr(l.subject, 8) AS INTEGER)
                 WHERE (:person = '' OR l.actor_id IN person
                        OR l.subject IN (SELECT 'compte ' || id FROM person))
                   AND (:action = '' OR l.action = :action)
                   AND (:from IS NULL OR l.at >= :from)
                   AND (:until IS NULL OR l.at < :until)
                   AND (:before IS NULL OR l.id < :before)
                 ORDER BY l.id DESC LIMIT :limit",
            )?;
            let bound =
                |day: Option<chrono::NaiveDate>| day.map(|day| to_db_time(start_of_local_day(day)));
            let mut entries = statement
                .query_map(
                    rusqlite::named_params! {
                        ":person": query.person.trim(),
                        ":action": query.action,
                        ":from": bound(query.from),
                        ":until": bound(query.until.and_then(|day| day.succ_opt())),
                        ":before": query.before,
                        // One more than shown tells whether there are older ones.
                        ":limit": limit + 1,
                    },
                    |row| {
                        Ok(AuditEntry {
                            id: row.get(0)?,
                            at: parse_column(row, 1, from_db_time)?,
                            actor: row.get(2)?,
                            action: row.get(3)?,
                            subject: row.get(4)?,
                            subject_name: row.get(5)?,
                            detail: row.get(6)?,
                        })
                    },
                )?
                .collect::<Result<Vec<_>, _>>()?;
            let more = entries.len() > limit as usize;
            entries.truncate(limit as usize);
            let actions = conn
                .prepare_cached("SELECT DISTINCT action FROM audit_log ORDER BY action")?
                .query_map([], |row| row.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(AuditPage {
                entries,
                more,
                actions,
            })
        })
        .await
    }

    // --- Sessions ---------------------------------------------------------------------------

    /// Opens a session; `replacing` (the cookie sent with the login, if any) is closed, so a
    /// login always starts from a fresh token.
    pub async fn open_session(
        &self,
        account_id: i64,
        token_hash: String,
        replacing: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            if let Some(old) = replacing {
                tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [old])?;
            }
            tx.execute(
                "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at)
                 VALUES (?1, ?2, ?3, ?3)",
                (&token_hash, account_id, to_db_time(now)),
            )?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// The account behind a session token, if the session exists and was used recently enough
    /// for the account's role. An idle session is deleted; a live one is marked as seen.
    pub async fn session_account(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> Result<Option<AccountRecord>, StorageError> {
        self.with_connection(move |conn| {
            let found: Option<(i64, String)> = conn
                .query_row(
                    "SELECT account_id, last_seen_at FROM sessions WHERE token_hash = ?1",
                    [&token_hash],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let Some((account_id, last_seen)) = found else {
                return Ok(None);
            };
            let Some(account) = select_account(conn, account_id)? else {
                return Ok(None);
            };
            let last_seen = from_db_time(&last_seen).unwrap_or(DateTime::<Utc>::MIN_UTC);
            if account.deactivated || now - last_seen > account.role.session_idle_limit() {
                conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [&token_hash])?;
                return Ok(None);
            }
            // One write a minute at most, not one per request.
            if now - last_seen > chrono::Duration::minutes(1) {
                conn.execute(
                    "UPDATE sessions SET last_seen_at = ?1 WHERE token_hash = ?2",
                    (to_db_time(now), &token_hash),
                )?;
            }
            Ok(Some(account))
        })
        .await
    }

    pub async fn close_session(&self, token_hash: String) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
            Ok(())
        })
        .await
    }

    /// Sets a new password and ends every session of the account but `keep`.
    pub async fn change_password(
        &self,
        account_id: i64,
        password_hash: String,
        keep: String,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            tx.execute(
                "UPDATE accounts SET password_hash = ?1, must_change_password = 0 WHERE id = ?2",
                (&password_hash, account_id),
            )?;
            tx.execute(
                "DELETE FROM sessions WHERE account_id = ?1 AND token_hash <> ?2",
                (account_id, &keep),
            )?;
            tx.commit()?;
            Ok(())
        })
        .await
    }
}
