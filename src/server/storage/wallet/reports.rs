//! Reading the ledger: a member's wallet and chart, a centre's stock and recent entries, the
//! period's exports.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::checks::check_centre;
use super::deposit::deposit_owed;
use super::rows::{balance, entries};
use crate::api::wallet::{
    BalancePoint, BatchStock, LedgerEntry, MemberRef, Period, StockLine, Wallet,
};
use crate::domain::ledger::{Book, Product, Unit};
use crate::domain::time::start_of_local_day;
use crate::server::storage::{from_db_time, parse_column, to_db_time, Storage, StorageError};

impl Storage {
    /// A member's wallet, with the newest `lines` of its history.
    pub async fn wallet(&self, account_id: i64, lines: u32) -> Result<Wallet, StorageError> {
        self.with_connection(move |conn| {
            let member = conn
                .query_row(
                    "SELECT id, display_name, member_number FROM accounts WHERE id = ?1",
                    [account_id],
                    |row| {
                        Ok(MemberRef {
                            account_id: row.get(0)?,
                            display_name: row.get(1)?,
                            member_number: row.get(2)?,
                        })
                    },
                )
                .optional()?
                .ok_or_else(|| StorageError::NotFound("Ce compte n'existe pas.".into()))?;
            let participant = Book::Participant(account_id);
            let tictac = balance(conn, participant, Unit::TicTac)?;
            let deposit_jars = balance(conn, participant, Unit::DepositJars)?;
            // One line more than asked tells whether there are older ones.
            let mut history = entries(
                conn,
                "WHERE e.participant_id = ?1 ORDER BY e.id DESC LIMIT ?2",
                (account_id, lines + 1),
            )?;
            let more_history = history.len() > lines as usize;
            history.truncate(lines as usize);
            let (chart_points, first_balance) = balance_changes(conn, account_id)?;
            Ok(Wallet {
                member,
                tictac,
                deposit_jars,
                deposit_cents: deposit_owed(conn, account_id)?,
                history,
                more_history,
                chart_points,
                first_balance,
            })
        })
        .await
    }

    /// A participant's tic-tac balance over time (the wallet's chart), without the rest.
    pub async fn balance_over_time(
        &self,
        account_id: i64,
    ) -> Result<Vec<BalancePoint>, StorageError> {
        self.with_connection(move |conn| balance_over_time(conn, account_id))
            .await
    }

    /// Tic-tac and jars on deposit of each of `account_ids` (0 for one with no entry), in
    /// one query.
    pub async fn wallet_balances(
        &self,
        account_ids: Vec<i64>,
    ) -> Result<HashMap<i64, (i64, i64)>, StorageError> {
        self.with_connection(move |conn| {
            let ids = serde_json::to_string(&account_ids).expect("a list of numbers");
            let mut statement = conn.prepare_cached(
                "SELECT book_id,
                        coalesce(sum(CASE WHEN unit = 'tictac' THEN amount END), 0),
                        coalesce(sum(CASE WHEN unit = 'deposit_jars' THEN amount END), 0)
                 FROM ledger_postings
                 WHERE book = 'participant' AND unit IN ('tictac', 'deposit_jars')
                   AND book_id IN (SELECT value FROM json_each(?1))
                 GROUP BY book_id",
            )?;
            let balances = statement
                .query_map([ids], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?
                .collect::<Result<HashMap<_, _>, _>>()?;
            Ok(balances)
        })
        .await
    }

    /// The last entries, of one centre (and the credits of its workshops) or of all.
    pub async fn recent_entries(
        &self,
        centre: Option<i64>,
        limit: u32,
    ) -> Result<Vec<LedgerEntry>, StorageError> {
        self.with_connection(move |conn| {
            entries(
                conn,
                "WHERE ?1 IS NULL OR e.centre_id = ?1 OR w.centre_id = ?1
                 ORDER BY e.id DESC LIMIT ?2",
                (centre, limit),
            )
        })
        .await
    }

    /// Every product (current recipes in each of their jar sizes, and anything still in the
    /// centre), with the centre's stock batch by batch and the price.
    pub async fn centre_stock(&self, centre_id: i64) -> Result<Vec<StockLine>, StorageError> {
        self.with_connection(move |conn| {
            check_centre(conn, centre_id)?;
            let mut statement = conn.prepare_cached(
                "WITH products (recipe_id, jar_ml) AS (
                     SELECT r.id, size.value FROM recipes r
                     JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version,
                          json_each(v.content, '$.jar_sizes_ml') size
                     UNION
                     SELECT recipe_id, jar_ml FROM ledger_balances
                     WHERE book = 'centre' AND book_id = ?1 AND unit = 'jars' AND amount <> 0)
                 SELECT p.recipe_id, p.jar_ml, v.title, price.tictac
                 FROM products p
                 JOIN recipes r ON r.id = p.recipe_id
                 JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version
                 LEFT JOIN jar_prices price
                        ON price.recipe_id = p.recipe_id AND price.jar_ml = p.jar_ml
                 ORDER BY v.title COLLATE NOCASE, p.jar_ml",
            )?;
            let mut lines = statement
                .query_map([centre_id], |row| {
                    Ok(StockLine {
                        product: Product {
                            recipe_id: row.get(0)?,
                            jar_ml: row.get(1)?,
                        },
                        title: row.get(2)?,
                        in_stock: 0,
                        price_tictac: row.get(3)?,
                        batches: Vec::new(),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            for (product, batch) in stock_by_batch(conn, centre_id)? {
                if let Some(line) = lines.iter_mut().find(|line| line.product == product) {
                    if !batch.recalled {
                        line.in_stock += batch.in_stock;
                    }
                    line.batches.push(batch);
                }
            }
            Ok(lines)
        })
        .await
    }

    /// The entries of a period, oldest first, for the CSV export.
    pub async fn ledger_for_period(
        &self,
        period: Period,
    ) -> Result<Vec<LedgerEntry>, StorageError> {
        self.with_connection(move |conn| {
            let (from, until) = period_bounds(&period);
            entries(
                conn,
                "WHERE e.at >= ?1 AND e.at < ?2 ORDER BY e.id",
                (from, until),
            )
        })
        .await
    }

    /// Per month and centre: the sum of each unit's postings to the centre's book, and the
    /// tic-tac credited for volunteering there (workshops count for their centre; an admin's
    /// correction of a balance has no centre).
    pub async fn monthly_totals(&self, period: Period) -> Result<Vec<MonthlyTotal>, StorageError> {
        self.with_connection(move |conn| {
            let (from, until) = period_bounds(&period);
            let mut statement = conn.prepare_cached(
                "SELECT substr(e.at, 1, 7) AS month, c.name,
                        sum(CASE WHEN e.kind = 'volunteering' AND x.book = 'participant'
                                 AND x.unit = 'tictac' THEN x.amount ELSE 0 END),
                        sum(CASE WHEN x.book = 'centre' AND x.unit = 'tictac'
                                 THEN x.amount ELSE 0 END),
                        sum(CASE WHEN e.kind = 'jars_for_tictac' AND x.book = 'centre'
                                 AND x.unit = 'jars' THEN -x.amount ELSE 0 END),
                        sum(CASE WHEN e.kind = 'jars_on_deposit' AND x.book = 'centre'
                                 AND x.unit = 'jars' THEN -x.amount ELSE 0 END),
                        sum(CASE WHEN e.kind = 'jars_returned' AND x.book = 'centre'
                                 AND x.unit = 'deposit_jars' THEN x.amount ELSE 0 END),
                        sum(CASE WHEN x.book = 'centre' AND x.unit = 'cents'
                                 THEN x.amount ELSE 0 END),
                        sum(CASE WHEN e.kind = 'stock_received' AND x.book = 'centre'
                                 AND x.unit = 'jars' THEN x.amount ELSE 0 END)
                 FROM ledger_entries e
                 JOIN ledger_postings x ON x.entry_id = e.id
                 LEFT JOIN workshops w ON w.id = e.workshop_id
                 LEFT JOIN centres c ON c.id = coalesce(e.centre_id, w.centre_id)
                 WHERE e.at >= ?1 AND e.at < ?2
                 GROUP BY month, c.id ORDER BY month, c.name",
            )?;
            let rows = statement
                .query_map((from, until), |row| {
                    Ok(MonthlyTotal {
                        month: row.get(0)?,
                        centre: row.get(1)?,
                        tictac_credited: row.get(2)?,
                        tictac_spent: row.get(3)?,
                        jars_for_tictac: row.get(4)?,
                        jars_on_deposit: row.get(5)?,
                        jars_returned: row.get(6)?,
                        deposit_cents: row.get(7)?,
                        jars_received: row.get(8)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
    }
}

/// One row of the monthly export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthlyTotal {
    /// "2026-11"
    pub month: String,
    pub centre: String,
    pub tictac_credited: i64,
    pub tictac_spent: i64,
    pub jars_for_tictac: i64,
    pub jars_on_deposit: i64,
    pub jars_returned: i64,
    /// Deposits taken minus refunds.
    pub deposit_cents: i64,
    pub jars_received: i64,
}

/// The centre's jars by product and batch, in the order the counter hands them out: jars
/// without a batch first, then the oldest batch.
fn stock_by_batch(
    conn: &Connection,
    centre_id: i64,
) -> Result<Vec<(Product, BatchStock)>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT s.recipe_id, s.jar_ml, nullif(s.batch_id, 0), b.number, s.amount,
                r.batch_id IS NOT NULL
         FROM ledger_balances s
         LEFT JOIN batches b ON b.id = s.batch_id
         LEFT JOIN batch_recalls r ON r.batch_id = s.batch_id
         WHERE s.book = 'centre' AND s.book_id = ?1 AND s.unit = 'jars' AND s.amount <> 0
         ORDER BY s.batch_id <> 0, b.made_on, b.number",
    )?;
    let batches = statement
        .query_map([centre_id], |row| {
            let product = Product {
                recipe_id: row.get(0)?,
                jar_ml: row.get(1)?,
            };
            let batch = BatchStock {
                batch_id: row.get(2)?,
                number: row.get(3)?,
                in_stock: row.get(4)?,
                recalled: row.get(5)?,
            };
            Ok((product, batch))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(batches)
}

/// The period's first instant and the instant after it, in Paris days.
fn period_bounds(period: &Period) -> (String, String) {
    let next_day = period.au.succ_opt().unwrap_or(NaiveDate::MAX);
    (
        to_db_time(start_of_local_day(period.du)),
        to_db_time(start_of_local_day(next_day)),
    )
}

/// A participant's tic-tac balance after each entry that changed it, oldest first.
fn balance_over_time(
    conn: &Connection,
    account_id: i64,
) -> Result<Vec<BalancePoint>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT e.at, sum(x.amount) FROM ledger_entries e
         JOIN ledger_postings x ON x.entry_id = e.id
         WHERE x.book = 'participant' AND x.book_id = ?1 AND x.unit = 'tictac'
         GROUP BY e.id ORDER BY e.id",
    )?;
    let mut running = 0;
    let points = statement
        .query_map([account_id], |row| {
            Ok((parse_column(row, 0, from_db_time)?, row.get::<_, i64>(1)?))
        })?
        .map(|point| {
            point.map(|(at, change)| {
                running += change;
                BalancePoint {
                    at,
                    tictac: running,
                }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(points)
}

/// How many entries changed a participant's tic-tac balance, and the balance after the first:
/// what the wallet says of its chart, without reading every point (`balance_over_time` does).
fn balance_changes(conn: &Connection, account_id: i64) -> Result<(u32, i64), StorageError> {
    let (count, first_entry) = conn.query_row(
        "SELECT count(DISTINCT entry_id), coalesce(min(entry_id), 0) FROM ledger_postings
         WHERE book = 'participant' AND book_id = ?1 AND unit = 'tictac'",
        [account_id],
        |row| Ok((row.get::<_, u32>(0)?, row.get::<_, i64>(1)?)),
    )?;
    let first_balance = conn.query_row(
        "SELECT coalesce(sum(amount), 0) FROM ledger_postings
         WHERE entry_id = ?2 AND book = 'participant' AND book_id = ?1 AND unit = 'tictac'",
        [account_id, first_entry],
        |row| row.get(0),
    )?;
    Ok((count, first_balance))
}
