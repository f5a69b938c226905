//! The wallet's ledger: entries and their postings, checked by `domain::ledger` inside a write
//! transaction (so two counters cannot both spend the same tic-tac), the jar prices, exports.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};

use super::accounts::audit;
use super::SeedLedger;
use super::{
    from_db_time, parse_column, replay_of, to_db_time, write_transaction, Storage, StorageError,
};
use crate::api::wallet::{
    product_label, BalancePoint, CounterOperation, EntryKind, JarPrice, LedgerEntry, MemberRef,
    Period, StockLine, Wallet,
};
use crate::domain::ledger::{
    check_postings, jars_phrase, reversal, Balances, Book, Operation, Posting, Product, Refusal,
    Unit, DEPOSIT_CENTS, MAX_NOTE_CHARS, MAX_PRICE_TICTAC, UNDO_REASON_CHARS,
};
use crate::domain::time::start_of_local_day;
use crate::domain::validation::FieldError;

/// Who records an operation.
#[derive(Clone, Copy, Debug)]
pub struct Recorder {
    pub account_id: i64,
    pub is_admin: bool,
}

impl From<Refusal> for StorageError {
    fn from(refusal: Refusal) -> Self {
        match refusal.field() {
            Some(field) => StorageError::Invalid(FieldError::new(field, refusal.message())),
            None => StorageError::conflict(None, refusal.message()),
        }
    }
}

fn book_columns(book: Book) -> (&'static str, Option<i64>) {
    match book {
        Book::Cooperative => ("cooperative", None),
        Book::Kitchen => ("kitchen", None),
        Book::Outside => ("outside", None),
        Book::Centre(id) => ("centre", Some(id)),
        Book::Participant(id) => ("participant", Some(id)),
    }
}

fn unit_columns(unit: Unit) -> (&'static str, Option<i64>, Option<u32>) {
    match unit {
        Unit::TicTac => ("tictac", None, None),
        Unit::Cents => ("cents", None, None),
        Unit::DepositJars => ("deposit_jars", None, None),
        Unit::Jars(product) => ("jars", Some(product.recipe_id), Some(product.jar_ml)),
    }
}

fn posting_from_row(row: &Row<'_>) -> rusqlite::Result<Posting> {
    let book_id: Option<i64> = row.get(1)?;
    let book = match (row.get::<_, String>(0)?.as_str(), book_id) {
        ("centre", Some(id)) => Book::Centre(id),
        ("participant", Some(id)) => Book::Participant(id),
        ("kitchen", _) => Book::Kitchen,
        ("outside", _) => Book::Outside,
        _ => Book::Cooperative,
    };
    let unit = match row.get::<_, String>(2)?.as_str() {
        "tictac" => Unit::TicTac,
        "cents" => Unit::Cents,
        "deposit_jars" => Unit::DepositJars,
        _ => Unit::Jars(Product {
            recipe_id: row.get(3)?,
            jar_ml: row.get(4)?,
        }),
    };
    Ok(Posting {
        book,
        unit,
        amount: row.get(5)?,
    })
}

/// A book's balance in `unit`, from the running balances (migration 0011), not by summing its
/// postings: some books get a posting with almost every operation.
fn balance(conn: &Connection, book: Book, unit: Unit) -> Result<i64, StorageError> {
    let (book, book_id) = book_columns(book);
    let (unit, recipe_id, jar_ml) = unit_columns(unit);
    let mut statement = conn.prepare_cached(
        "SELECT amount FROM ledger_balances
         WHERE book = ?1 AND book_id = coalesce(?2, 0) AND unit = ?3
           AND recipe_id = coalesce(?4, 0) AND jar_ml = coalesce(?5, 0)",
    )?;
    let amount = statement
        .query_row((book, book_id, unit, recipe_id, jar_ml), |row| row.get(0))
        .optional()?;
    Ok(amount.unwrap_or(0))
}

/// The current balances of `books`.
fn balances_of(
    conn: &Connection,
    books: impl IntoIterator<Item = (Book, Unit)>,
) -> Result<Balances, StorageError> {
    let mut balances = Balances::default();
    for (book, unit) in books {
        if balances.get(book, unit) == 0 {
            let amount = balance(conn, book, unit)?;
            balances.apply(&[Posting { book, unit, amount }]);
        }
    }
    Ok(balances)
}

/// An entry about to be written.
struct NewEntry<'a> {
    kind: EntryKind,
    key: &'a str,
    request_hash: &'a str,
    recorded_by: i64,
    participant: Option<i64>,
    centre: Option<i64>,
    signup: Option<i64>,
    workshop: Option<i64>,
    reverses: Option<i64>,
    /// Jars of a production batch entering stock.
    batch: Option<i64>,
    note: &'a str,
    at: DateTime<Utc>,
}

fn insert_entry(
    tx: &Transaction<'_>,
    entry: &NewEntry<'_>,
    postings: &[Posting],
) -> Result<i64, StorageError> {
    tx.execute(
        "INSERT INTO ledger_entries (at, kind, idempotency_key, request_hash, recorded_by,
             participant_id, centre_id, signup_id, workshop_id, reverses_id, batch_id, note)
         VALUES (:at, :kind, :key, :hash, :by, :participant, :centre, :signup, :workshop,
                 :reverses, :batch, :note)",
        named_params! {
            ":at": to_db_time(entry.at),
            ":kind": entry.kind.as_str(),
            ":key": entry.key,
            ":hash": entry.request_hash,
            ":by": entry.recorded_by,
            ":participant": entry.participant,
            ":centre": entry.centre,
            ":signup": entry.signup,
            ":workshop": entry.workshop,
            ":reverses": entry.reverses,
            ":batch": entry.batch,
            ":note": entry.note,
        },
    )?;
    let entry_id = tx.last_insert_rowid();
    let mut insert = tx.prepare_cached(
        "INSERT INTO ledger_postings (entry_id, book, book_id, unit, recipe_id, jar_ml, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for posting in postings.iter().filter(|posting| posting.amount != 0) {
        let (book, book_id) = book_columns(posting.book);
        let (unit, recipe_id, jar_ml) = unit_columns(posting.unit);
        insert.execute((
            entry_id,
            book,
            book_id,
            unit,
            recipe_id,
            jar_ml,
            posting.amount,
        ))?;
    }
    Ok(entry_id)
}

/// Checks `operation` against the stored balances and writes it, in the caller's transaction.
fn record_checked(
    tx: &Transaction<'_>,
    operation: &Operation,
    entry: &NewEntry<'_>,
) -> Result<i64, StorageError> {
    let balances = balances_of(tx, operation.balances_read())?;
    let postings = operation.check(|book, unit| balances.get(book, unit))?;
    insert_entry(tx, entry, &postings)
}

/// Jars of a conforming production batch entering a centre's stock.
pub(super) struct BatchJarsIn<'a> {
    pub key: &'a str,
    pub request_hash: &'a str,
    pub batch_id: i64,
    /// "Lot de fabrication 20261128-01", shown in the centre's history and the exports.
    pub note: &'a str,
    pub centre_id: i64,
    pub product: Product,
    pub count: i64,
    pub recorded_by: i64,
}

/// Records `jars` in the caller's transaction.
pub(super) fn receive_batch_jars(
    tx: &Transaction<'_>,
    jars: BatchJarsIn<'_>,
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    let operation = Operation::ReceiveStock {
        centre: jars.centre_id,
        product: jars.product,
        count: jars.count,
    };
    let entry = NewEntry {
        kind: EntryKind::StockReceived,
        key: jars.key,
        request_hash: jars.request_hash,
        recorded_by: jars.recorded_by,
        participant: None,
        centre: Some(jars.centre_id),
        signup: None,
        workshop: None,
        reverses: None,
        batch: Some(jars.batch_id),
        note: jars.note,
        at: now,
    };
    record_checked(tx, &operation, &entry)
}

const ENTRY_SELECT: &str = "
    SELECT e.id, e.at, e.kind, e.note, e.reverses_id,
           (SELECT r.id FROM ledger_entries r WHERE r.reverses_id = e.id),
           p.id, p.display_name, p.member_number, c.name,
           a.display_name || ' (' || a.member_number || ')',
           w.title, pl.name,
           (SELECT coalesce(sum(x.amount), 0) FROM ledger_postings x
            WHERE x.entry_id = e.id AND x.book = 'participant' AND x.unit = 'tictac'),
           (SELECT coalesce(sum(x.amount), 0) FROM ledger_postings x
            WHERE x.entry_id = e.id AND x.book = 'participant' AND x.unit = 'deposit_jars'),
           (SELECT coalesce(sum(x.amount), 0) FROM ledger_postings x
            WHERE x.entry_id = e.id AND x.book = 'participant' AND x.unit = 'jars'),
           (SELECT coalesce(sum(x.amount), 0) FROM ledger_postings x
            WHERE x.entry_id = e.id AND x.book = 'centre' AND x.unit = 'jars'),
           (SELECT v.title || '|' || x.recipe_id || '|' || x.jar_ml
            FROM ledger_postings x
            JOIN recipes rc ON rc.id = x.recipe_id
            JOIN recipe_versions v ON v.recipe_id = rc.id AND v.version = rc.current_version
            WHERE x.entry_id = e.id AND x.unit = 'jars' LIMIT 1),
           e.signup_id IS NOT NULL
    FROM ledger_entries e
    JOIN accounts a ON a.id = e.recorded_by
    LEFT JOIN accounts p ON p.id = e.participant_id
    LEFT JOIN centres c ON c.id = e.centre_id
    LEFT JOIN workshops w ON w.id = e.workshop_id
    LEFT JOIN places pl ON pl.id = w.place_id";

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<LedgerEntry> {
    let kind = parse_column(row, 2, EntryKind::parse)?;
    let note: String = row.get(3)?;
    let reverses: Option<i64> = row.get(4)?;
    let participant = match row.get::<_, Option<i64>>(6)? {
        Some(account_id) => Some(MemberRef {
            account_id,
            display_name: row.get(7)?,
            member_number: row.get(8)?,
        }),
        None => None,
    };
    let workshop: Option<(String, String)> = match row.get::<_, Option<String>>(11)? {
        Some(title) => Some((title, row.get(12)?)),
        None => None,
    };
    let (tictac, deposit_jars, jars, stock): (i64, i64, i64, i64) =
        (row.get(13)?, row.get(14)?, row.get(15)?, row.get(16)?);
    let product: Option<(String, Product)> = row.get::<_, Option<String>>(17)?.and_then(|text| {
        let mut parts = text.rsplitn(3, '|');
        let jar_ml = parts.next()?.parse().ok()?;
        let recipe_id = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), Product { recipe_id, jar_ml }))
    });
    let products = |count: i64| match &product {
        Some((title, product)) => product_label(title, *product, count.abs()),
        None => jars_phrase(count.abs()),
    };
    let label = match kind {
        EntryKind::Volunteering => match (&workshop, note.is_empty()) {
            (Some((title, place)), _) => format!("{title}, {place}"),
            (None, false) => format!("Bénévolat : {note}"),
            (None, true) => "Bénévolat".to_string(),
        },
        EntryKind::JarsForTicTac => products(jars),
        EntryKind::JarsOnDeposit => format!(
            "{}, consigne {} €",
            products(jars),
            crate::domain::lot::format_cents((deposit_jars.abs() * DEPOSIT_CENTS) as u32)
        ),
        EntryKind::JarsReturned => format!(
            "{} rendus, consigne remboursée {} €",
            jars_phrase(deposit_jars.abs()),
            crate::domain::lot::format_cents((deposit_jars.abs() * DEPOSIT_CENTS) as u32)
        ),
        EntryKind::JarsSwapped => {
            format!("{} contre autant de bocaux vides", products(jars))
        }
        EntryKind::StockReceived if note.is_empty() => {
            format!("Entrée en stock : {}", products(stock))
        }
        EntryKind::StockReceived => format!("Entrée en stock : {} ({note})", products(stock)),
        EntryKind::Adjustment => format!("Correction : {note}"),
        EntryKind::Reversal => format!(
            "Annulation de l'opération n° {} : {note}",
            reverses.unwrap_or_default()
        ),
    };
    Ok(LedgerEntry {
        id: row.get(0)?,
        at: parse_column(row, 1, from_db_time)?,
        kind,
        label,
        participant,
        centre: row.get(9)?,
        recorded_by: row.get(10)?,
        tictac,
        deposit_jars,
        jars,
        stock,
        note,
        reverses,
        reversed_by: row.get(5)?,
        from_attendance: row.get(18)?,
    })
}

fn entry(conn: &Connection, id: i64) -> Result<LedgerEntry, StorageError> {
    let mut statement = conn.prepare_cached(&format!("{ENTRY_SELECT} WHERE e.id = ?1"))?;
    Ok(statement.query_row([id], entry_from_row)?)
}

/// The entries `condition` (a WHERE clause, then ORDER BY and LIMIT) selects.
fn entries(
    conn: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<LedgerEntry>, StorageError> {
    let mut statement = conn.prepare_cached(&format!("{ENTRY_SELECT} {condition}"))?;
    let entries = statement
        .query_map(params, entry_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(entries)
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

fn require(exists: bool, message: &str) -> Result<(), StorageError> {
    if exists {
        Ok(())
    } else {
        Err(StorageError::NotFound(message.to_string()))
    }
}

fn check_participant(conn: &Connection, account_id: i64) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?1 AND role <> 'producer')",
        [account_id],
        |row| row.get(0),
    )?;
    require(exists, "Ce compte n'existe pas.")
}

fn check_centre(conn: &Connection, centre_id: i64) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM centres WHERE id = ?1)",
        [centre_id],
        |row| row.get(0),
    )?;
    require(exists, "Ce centre n'existe pas.")
}

/// A product is a recipe in one of the jar sizes of its current version.
fn check_product(conn: &Connection, product: Product) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (
             SELECT 1 FROM recipes r
             JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version,
                  json_each(v.content, '$.jar_sizes_ml') size
             WHERE r.id = ?1 AND size.value = ?2)",
        (product.recipe_id, product.jar_ml),
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(StorageError::Invalid(FieldError::new(
            "product",
            "Cette recette n'existe pas dans cette taille de bocal.",
        )))
    }
}

fn jar_price(conn: &Connection, product: Product) -> Result<Option<i64>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT tictac FROM jar_prices WHERE recipe_id = ?1 AND jar_ml = ?2",
            (product.recipe_id, product.jar_ml),
            |row| row.get(0),
        )
        .optional()?)
}

fn check_reason(reason: &str) -> Result<String, StorageError> {
    let reason = reason.trim();
    if !UNDO_REASON_CHARS.contains(&reason.chars().count()) {
        return Err(StorageError::Invalid(FieldError::new(
            "reason",
            format!(
                "Donnez la raison ({} à {} caractères).",
                UNDO_REASON_CHARS.start(),
                UNDO_REASON_CHARS.end()
            ),
        )));
    }
    Ok(reason.to_string())
}

fn admin_only(recorder: Recorder) -> Result<(), StorageError> {
    if recorder.is_admin {
        Ok(())
    } else {
        Err(StorageError::Forbidden(
            "Seul un admin peut corriger un solde ou un stock.".into(),
        ))
    }
}

impl Storage {
    /// Records a counter operation, or returns the entry a first request with the same key
    /// recorded (`false`: nothing new was written).
    pub async fn record_operation(
        &self,
        key: String,
        request_hash: String,
        operation: CounterOperation,
        recorder: Recorder,
        now: DateTime<Utc>,
    ) -> Result<(bool, LedgerEntry), StorageError> {
        self.with_connection(move |conn| {
            let tx = write_transaction(conn)?;
            let lookup = "SELECT id, request_hash FROM ledger_entries WHERE idempotency_key = ?1";
            if let Some(id) = replay_of(&tx, lookup, &key, &request_hash)? {
                return Ok((false, entry(&tx, id)?));
            }
            let mut new_entry = NewEntry {
                kind: EntryKind::Volunteering,
                key: &key,
                request_hash: &request_hash,
                recorded_by: recorder.account_id,
                participant: None,
                centre: None,
                signup: None,
                workshop: None,
                reverses: None,
                batch: None,
                note: "",
                at: now,
            };
            let reason;
            let id = if let CounterOperation::Reversal {
                entry_id,
                reason: why,
            } = &operation
            {
                reason = check_reason(why)?;
                new_entry.note = &reason;
                record_reversal(&tx, *entry_id, recorder, new_entry)?
            } else {
                let (kind, domain_operation, note) = to_domain(&tx, &operation, recorder)?;
                new_entry.kind = kind;
                new_entry.participant = domain_operation.participant();
                new_entry.centre = operation.centre_id();
                new_entry.note = &note;
                record_checked(&tx, &domain_operation, &new_entry)?
            };
            let recorded = entry(&tx, id)?;
            tx.commit()?;
            Ok((true, recorded))
        })
        .await
    }

    /// A participant's wallet: balances, history, the balance over time.
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
                deposit_cents: deposit_jars * DEPOSIT_CENTS,
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
    /// centre), with the centre's stock and the price.
    pub async fn centre_stock(&self, centre_id: i64) -> Result<Vec<StockLine>, StorageError> {
        self.with_connection(move |conn| {
            check_centre(conn, centre_id)?;
            let mut statement = conn.prepare_cached(
                "WITH products (recipe_id, jar_ml) AS (
                     SELECT r.id, size.value FROM recipes r
                     JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version,
                          json_each(v.content, '$.jar_sizes_ml') size
                     UNION
                     SELECT recipe_id, jar_ml FROM ledger_postings
                     WHERE book = 'centre' AND book_id = ?1 AND unit = 'jars')
                 SELECT p.recipe_id, p.jar_ml, v.title,
                        (SELECT coalesce(sum(amount), 0) FROM ledger_postings x
                         WHERE x.book = 'centre' AND x.book_id = ?1 AND x.unit = 'jars'
                           AND x.recipe_id = p.recipe_id AND x.jar_ml = p.jar_ml),
                        price.tictac
                 FROM products p
                 JOIN recipes r ON r.id = p.recipe_id
                 JOIN recipe_versions v ON v.recipe_id = r.id AND v.version = r.current_version
                 LEFT JOIN jar_prices price
                        ON price.recipe_id = p.recipe_id AND price.jar_ml = p.jar_ml
                 ORDER BY v.title COLLATE NOCASE, p.jar_ml",
            )?;
            let lines = statement
                .query_map([centre_id], |row| {
                    Ok(StockLine {
                        product: Product {
                            recipe_id: row.get(0)?,
                            jar_ml: row.get(1)?,
                        },
                        title: row.get(2)?,
                        in_stock: row.get(3)?,
                        price_tictac: row.get(4)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(lines)
        })
        .await
    }

    /// Sets a jar's price in tic-tac (admin); audited.
    pub async fn set_jar_price(
        &self,
        price: JarPrice,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.with_connection(move |conn| {
            if !(1..=MAX_PRICE_TICTAC).contains(&price.tictac) {
                return Err(StorageError::Invalid(FieldError::new(
                    "tictac",
                    format!("Un prix entre 1 et {MAX_PRICE_TICTAC} tic-tac."),
                )));
            }
            let tx = write_transaction(conn)?;
            check_product(&tx, price.product)?;
            tx.execute(
                "INSERT INTO jar_prices (recipe_id, jar_ml, tictac, set_at, set_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (recipe_id, jar_ml)
                 DO UPDATE SET tictac = excluded.tictac, set_at = excluded.set_at,
                               set_by = excluded.set_by",
                (
                    price.product.recipe_id,
                    price.product.jar_ml,
                    price.tictac,
                    to_db_time(now),
                    actor_id,
                ),
            )?;
            let subject = format!(
                "recette {} en {} ml",
                price.product.recipe_id, price.product.jar_ml
            );
            let detail = format!("{} tic-tac", price.tictac);
            audit(&tx, actor_id, "prix d'un bocal", &subject, &detail, now)?;
            tx.commit()?;
            Ok(())
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

/// The period's first instant and the instant after it, in Paris days.
fn period_bounds(period: &Period) -> (String, String) {
    let next_day = period.au.succ_opt().unwrap_or(NaiveDate::MAX);
    (
        to_db_time(start_of_local_day(period.du)),
        to_db_time(start_of_local_day(next_day)),
    )
}

/// A counter operation as the ledger's rules see it, once the records it names are checked.
fn to_domain(
    conn: &Connection,
    operation: &CounterOperation,
    recorder: Recorder,
) -> Result<(EntryKind, Operation, String), StorageError> {
    let sell = |participant_id: i64, centre_id: i64, product: Option<Product>| {
        check_participant(conn, participant_id)?;
        check_centre(conn, centre_id)?;
        if let Some(product) = product {
            check_product(conn, product)?;
        }
        Ok::<_, StorageError>(())
    };
    Ok(match *operation {
        CounterOperation::Volunteering {
            participant_id,
            centre_id,
            minutes,
            ref note,
        } => {
            check_participant(conn, participant_id)?;
            check_centre(conn, centre_id)?;
            if minutes < 1 {
                return Err(StorageError::Invalid(FieldError::new(
                    "minutes",
                    "Au moins une minute.",
                )));
            }
            let note = note.trim();
            if note.chars().count() > MAX_NOTE_CHARS {
                return Err(StorageError::Invalid(FieldError::new(
                    "note",
                    format!("{MAX_NOTE_CHARS} caractères au plus."),
                )));
            }
            (
                EntryKind::Volunteering,
                Operation::Volunteering {
                    participant: participant_id,
                    minutes,
                },
                note.to_string(),
            )
        }
        CounterOperation::BuyJars {
            participant_id,
            centre_id,
            product,
            count,
        } => {
            sell(participant_id, centre_id, Some(product))?;
            let price_each = jar_price(conn, product)?.ok_or_else(|| {
                StorageError::conflict(
                    Some("product"),
                    "Ce bocal n'a pas encore de prix en tic-tac : un admin doit le fixer.",
                )
            })?;
            (
                EntryKind::JarsForTicTac,
                Operation::BuyJars {
                    participant: participant_id,
                    centre: centre_id,
                    product,
                    count,
                    price_each,
                },
                String::new(),
            )
        }
        CounterOperation::DepositJars {
            participant_id,
            centre_id,
            product,
            count,
        } => {
            sell(participant_id, centre_id, Some(product))?;
            (
                EntryKind::JarsOnDeposit,
                Operation::DepositJars {
                    participant: participant_id,
                    centre: centre_id,
                    product,
                    count,
                },
                String::new(),
            )
        }
        CounterOperation::ReturnJars {
            participant_id,
            centre_id,
            count,
        } => {
            sell(participant_id, centre_id, None)?;
            (
                EntryKind::JarsReturned,
                Operation::ReturnJars {
                    participant: participant_id,
                    centre: centre_id,
                    count,
                },
                String::new(),
            )
        }
        CounterOperation::SwapJars {
            participant_id,
            centre_id,
            product,
            count,
        } => {
            sell(participant_id, centre_id, Some(product))?;
            (
                EntryKind::JarsSwapped,
                Operation::SwapJars {
                    participant: participant_id,
                    centre: centre_id,
                    product,
                    count,
                },
                String::new(),
            )
        }
        CounterOperation::ReceiveStock {
            centre_id,
            product,
            count,
            ref note,
        } => {
            check_centre(conn, centre_id)?;
            check_product(conn, product)?;
            (
                EntryKind::StockReceived,
                Operation::ReceiveStock {
                    centre: centre_id,
                    product,
                    count,
                },
                note.trim().chars().take(MAX_NOTE_CHARS).collect(),
            )
        }
        CounterOperation::AdjustTicTac {
            participant_id,
            minutes,
            ref reason,
        } => {
            admin_only(recorder)?;
            check_participant(conn, participant_id)?;
            (
                EntryKind::Adjustment,
                Operation::AdjustTicTac {
                    participant: participant_id,
                    minutes,
                },
                check_reason(reason)?,
            )
        }
        CounterOperation::AdjustStock {
            centre_id,
            product,
            count,
            ref reason,
        } => {
            admin_only(recorder)?;
            check_centre(conn, centre_id)?;
            check_product(conn, product)?;
            (
                EntryKind::Adjustment,
                Operation::AdjustStock {
                    centre: centre_id,
                    product,
                    count,
                },
                check_reason(reason)?,
            )
        }
        CounterOperation::Reversal { .. } => unreachable!("reversals are recorded apart"),
    })
}

/// Writes the negation of entry `original`, if the rules allow it.
fn record_reversal(
    tx: &Transaction<'_>,
    original: i64,
    recorder: Recorder,
    mut new_entry: NewEntry<'_>,
) -> Result<i64, StorageError> {
    /// What the rules need to know of the entry to reverse.
    struct Original {
        kind: String,
        at: String,
        from_attendance: bool,
        participant: Option<i64>,
        centre: Option<i64>,
        reversed_by: Option<i64>,
    }
    let found = tx
        .query_row(
            "SELECT kind, at, signup_id IS NOT NULL, participant_id, centre_id,
                    (SELECT r.id FROM ledger_entries r WHERE r.reverses_id = e.id)
             FROM ledger_entries e WHERE id = ?1",
            [original],
            |row| {
                Ok(Original {
                    kind: row.get(0)?,
                    at: row.get(1)?,
                    from_attendance: row.get(2)?,
                    participant: row.get(3)?,
                    centre: row.get(4)?,
                    reversed_by: row.get(5)?,
                })
            },
        )
        .optional()?;
    let Some(Original {
        kind,
        at,
        from_attendance,
        participant,
        centre,
        reversed_by,
    }) = found
    else {
        return Err(StorageError::NotFound(
            "Cette opération n'existe pas.".into(),
        ));
    };
    if kind == EntryKind::Reversal.as_str() {
        return Err(StorageError::conflict(
            None,
            "Une annulation ne s'annule pas : enregistrez l'opération à nouveau.",
        ));
    }
    if let Some(reversal_id) = reversed_by {
        return Err(StorageError::conflict(
            None,
            format!("Cette opération est déjà annulée (opération n° {reversal_id})."),
        ));
    }
    if from_attendance {
        return Err(StorageError::conflict(
            None,
            "Ce crédit vient de la feuille de présence : corrigez plutôt la présence à l'atelier.",
        ));
    }
    let same_day = from_db_time(&at).is_some_and(|at| {
        crate::domain::time::local_date(at) == crate::domain::time::local_date(new_entry.at)
    });
    if !recorder.is_admin && !same_day {
        return Err(StorageError::Forbidden(
            "Seul un admin peut annuler une opération d'un autre jour.".into(),
        ));
    }
    let mut statement = tx.prepare_cached(
        "SELECT book, book_id, unit, recipe_id, jar_ml, amount FROM ledger_postings
         WHERE entry_id = ?1",
    )?;
    let postings = statement
        .query_map([original], posting_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    let undo = reversal(&postings);
    let balances = balances_of(tx, undo.iter().map(|posting| (posting.book, posting.unit)))?;
    check_postings(&undo, |book, unit| balances.get(book, unit))?;
    new_entry.kind = EntryKind::Reversal;
    new_entry.reverses = Some(original);
    new_entry.participant = participant;
    new_entry.centre = centre;
    insert_entry(tx, &new_entry, &undo)
}

/// The attendance sheet's credit: brings the tic-tac credited for sign-up `signup_id` to
/// `minutes`, by one more entry for the difference (refused if the minutes taken back were
/// already spent). Runs in the attendance's own transaction.
pub(super) fn credit_attendance(
    tx: &Transaction<'_>,
    signup_id: i64,
    minutes: u32,
    recorder: i64,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let (participant, workshop): (Option<i64>, i64) = tx.query_row(
        "SELECT CASE WHEN a.role = 'producer' THEN NULL ELSE s.account_id END, s.workshop_id
         FROM signups s LEFT JOIN accounts a ON a.id = s.account_id WHERE s.id = ?1",
        [signup_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    // Residents without an account, and farms, have no wallet.
    let Some(participant) = participant else {
        return Ok(());
    };
    let (credited, entries): (i64, i64) = tx.query_row(
        "SELECT coalesce(sum(x.amount), 0), count(DISTINCT e.id)
         FROM ledger_entries e JOIN ledger_postings x ON x.entry_id = e.id
         WHERE e.signup_id = ?1 AND x.book = 'participant' AND x.unit = 'tictac'",
        [signup_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let change = i64::from(minutes) - credited;
    if change == 0 {
        return Ok(());
    }
    let key = format!("attendance:{signup_id}:{}", entries + 1);
    let entry = NewEntry {
        kind: EntryKind::Volunteering,
        key: &key,
        request_hash: "",
        recorded_by: recorder,
        participant: Some(participant),
        centre: None,
        signup: Some(signup_id),
        workshop: Some(workshop),
        reverses: None,
        batch: None,
        note: "",
        at: now,
    };
    let operation = Operation::Volunteering {
        participant,
        minutes: change,
    };
    record_checked(tx, &operation, &entry).map_err(|error| match error {
        StorageError::Conflict { message, .. } => StorageError::conflict(
            Some("volunteered_minutes"),
            format!("Ces minutes ont déjà été dépensées en bocaux. {message}"),
        ),
        error => error,
    })?;
    Ok(())
}

/// Records one step of a seed's wallet history, by the seed's first staff account.
pub(super) fn insert_seed_ledger(
    tx: &Transaction<'_>,
    index: usize,
    step: &SeedLedger,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let missing = |what: &str| StorageError::NotFound(format!("seed ledger: unknown {what}"));
    let id_of = |sql: &str, name: &str, what: &str| -> Result<i64, StorageError> {
        tx.query_row(sql, [name], |row| row.get(0))
            .optional()?
            .ok_or_else(|| missing(what))
    };
    let member = |number: &str| {
        id_of(
            "SELECT id FROM accounts WHERE member_number = ?1",
            number,
            "member",
        )
    };
    let centre = |name: &str| id_of("SELECT id FROM centres WHERE name = ?1", name, "centre");
    let product = |recipe: &str, jar_ml: u32| -> Result<Product, StorageError> {
        let recipe_id = id_of(
            "SELECT recipe_id FROM recipe_versions WHERE title = ?1",
            recipe,
            "recipe",
        )?;
        let product = Product { recipe_id, jar_ml };
        check_product(tx, product)?;
        Ok(product)
    };
    let recorder: i64 = tx
        .query_row(
            "SELECT id FROM accounts WHERE role IN ('animator', 'admin') ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| missing("staff account"))?;
    let key = format!("seed:{index}");
    let mut entry = NewEntry {
        kind: EntryKind::StockReceived,
        key: &key,
        request_hash: "",
        recorded_by: recorder,
        participant: None,
        centre: None,
        signup: None,
        workshop: None,
        reverses: None,
        batch: None,
        note: "",
        at: now - chrono::Duration::days(1),
    };
    let operation = match step {
        SeedLedger::Price {
            recipe,
            jar_ml,
            tictac,
        } => {
            let product = product(recipe, *jar_ml)?;
            tx.execute(
                "INSERT INTO jar_prices (recipe_id, jar_ml, tictac, set_at, set_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (
                    product.recipe_id,
                    product.jar_ml,
                    tictac,
                    to_db_time(now),
                    recorder,
                ),
            )?;
            return Ok(());
        }
        SeedLedger::Attended {
            member: number,
            workshop,
            minutes,
        } => {
            let (workshop_id, ends_at): (i64, String) = tx
                .query_row(
                    "SELECT id, ends_at FROM workshops WHERE title = ?1 AND ends_at < ?2
                     ORDER BY starts_at LIMIT 1",
                    (workshop, to_db_time(now)),
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| missing("past workshop"))?;
            let account = member(number)?;
            tx.execute(
                "INSERT INTO signups (workshop_id, account_id, first_name, created_at, attended,
                                      volunteered_minutes)
                 SELECT ?1, id, display_name, ?2, 1, ?3 FROM accounts WHERE id = ?4",
                (workshop_id, &ends_at, minutes, account),
            )?;
            let ended = from_db_time(&ends_at).unwrap_or(now);
            return credit_attendance(tx, tx.last_insert_rowid(), *minutes, recorder, ended);
        }
        SeedLedger::Stock {
            centre: name,
            recipe,
            jar_ml,
            count,
        } => {
            entry.at = now - chrono::Duration::days(14);
            Operation::ReceiveStock {
                centre: centre(name)?,
                product: product(recipe, *jar_ml)?,
                count: *count,
            }
        }
        SeedLedger::BuyJars {
            member: number,
            centre: name,
            recipe,
            jar_ml,
            count,
        } => {
            entry.kind = EntryKind::JarsForTicTac;
            let product = product(recipe, *jar_ml)?;
            Operation::BuyJars {
                participant: member(number)?,
                centre: centre(name)?,
                product,
                count: *count,
                price_each: jar_price(tx, product)?.ok_or_else(|| missing("price"))?,
            }
        }
        SeedLedger::DepositJars {
            member: number,
            centre: name,
            recipe,
            jar_ml,
            count,
        } => {
            entry.kind = EntryKind::JarsOnDeposit;
            Operation::DepositJars {
                participant: member(number)?,
                centre: centre(name)?,
                product: product(recipe, *jar_ml)?,
                count: *count,
            }
        }
    };
    entry.participant = operation.participant();
    entry.centre = operation.centre();
    record_checked(tx, &operation, &entry)?;
    Ok(())
}
