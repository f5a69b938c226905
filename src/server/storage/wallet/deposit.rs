//! The jar deposit: its rate from a date on (migration 0023), and what a participant paid on the
//! glasses they hold, so that the glasses come back at what they cost (`deposit_refund`).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::api::produce::{Deposit, DepositRate};
use crate::domain::lot::format_cents;
use crate::server::storage::{audit, to_db_time, write_transaction, Storage, StorageError};

/// The rate of `day`: the latest that started on or before it.
pub(in crate::server::storage) fn rate_on(
    conn: &Connection,
    day: NaiveDate,
) -> Result<DepositRate, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT starts_on, cents FROM deposit_rates WHERE starts_on <= ?1
         ORDER BY starts_on DESC LIMIT 1",
    )?;
    Ok(statement.query_row([day], |row| {
        Ok(DepositRate {
            starts_on: row.get(0)?,
            cents: row.get(1)?,
        })
    })?)
}

/// The deposit cents paid on the glasses a participant holds: the cents that the entries moving
/// their glasses (taken on deposit, returned, and the reversals of either) put in or took out
/// of a till. Those entries are the only ones that move both.
pub(super) fn deposit_owed(conn: &Connection, participant_id: i64) -> Result<i64, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT coalesce(sum(c.amount), 0) FROM ledger_postings c
         WHERE c.book = 'centre' AND c.unit = 'cents' AND c.entry_id IN
             (SELECT entry_id FROM ledger_postings
              WHERE book = 'participant' AND book_id = ?1 AND unit = 'deposit_jars')",
    )?;
    Ok(statement.query_row([participant_id], |row| row.get(0))?)
}

fn deposit(conn: &Connection, today: NaiveDate) -> Result<Deposit, StorageError> {
    let mut statement =
        conn.prepare_cached("SELECT starts_on, cents FROM deposit_rates ORDER BY starts_on DESC")?;
    let rates = statement
        .query_map([], |row| {
            Ok(DepositRate {
                starts_on: row.get(0)?,
                cents: row.get(1)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Deposit {
        today: rate_on(conn, today)?,
        rates,
    })
}

impl Storage {
    /// Today's deposit rate and every rate.
    pub async fn deposit(&self, today: NaiveDate) -> Result<Deposit, StorageError> {
        self.with_connection(move |conn| deposit(conn, today)).await
    }

    /// A new rate from `rate.starts_on` (checked: today or later); audited. A day that already
    /// has a rate is refused: the rates of days gone are history.
    pub async fn set_deposit_rate(
        &self,
        rate: DepositRate,
        today: NaiveDate,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Deposit, StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM deposit_rates WHERE starts_on = ?1)",
                [rate.starts_on],
                |row| row.get(0),
            )?;
            if taken {
                return Err(StorageError::conflict(
                    Some("starts_on"),
                    "Une consigne est déjà fixée à partir de ce jour.",
                ));
            }
            tx.execute(
                "INSERT INTO deposit_rates (starts_on, cents, set_by, set_at)
                 VALUES (?1, ?2, ?3, ?4)",
                (rate.starts_on, rate.cents, actor_id, to_db_time(now)),
            )?;
            let detail = format!(
                "{} € à partir du {}",
                format_cents(rate.cents as u32),
                rate.starts_on.format("%d/%m/%Y")
            );
            audit(
                &tx,
                actor_id,
                "consigne des bocaux",
                "consigne",
                &detail,
                now,
            )?;
            let deposit = deposit(&tx, today)?;
            tx.commit()?;
            Ok(deposit)
        })
        .await
    }
}
