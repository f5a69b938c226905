//! From the ledger's tables to its types, and the balances read before writing.

use rusqlite::{Connection, OptionalExtension, Row};

use crate::api::wallet::{product_label, EntryKind, LedgerEntry, MemberRef};
use crate::domain::ledger::{jars_phrase, Balances, BatchProduct, Book, Posting, Product, Unit};
use crate::domain::lot::format_cents;
use crate::server::storage::{from_db_time, parse_column, StorageError};

pub(super) fn book_columns(book: Book) -> (&'static str, Option<i64>) {
    match book {
        Book::Cooperative => ("cooperative", None),
        Book::Kitchen => ("kitchen", None),
        Book::Outside => ("outside", None),
        Book::Centre(id) => ("centre", Some(id)),
        Book::Participant(id) => ("participant", Some(id)),
    }
}

/// A unit's columns: its name, and for full jars the recipe, the jar size and the batch.
pub(super) type UnitColumns = (&'static str, Option<i64>, Option<u32>, Option<i64>);

pub(super) fn unit_columns(unit: Unit) -> UnitColumns {
    match unit {
        Unit::TicTac => ("tictac", None, None, None),
        Unit::Cents => ("cents", None, None, None),
        Unit::DepositJars => ("deposit_jars", None, None, None),
        Unit::Jars(jars) => (
            "jars",
            Some(jars.product.recipe_id),
            Some(jars.product.jar_ml),
            jars.batch,
        ),
    }
}

pub(super) fn posting_from_row(row: &Row<'_>) -> rusqlite::Result<Posting> {
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
        _ => Unit::Jars(BatchProduct::new(
            Product {
                recipe_id: row.get(3)?,
                jar_ml: row.get(4)?,
            },
            row.get(6)?,
        )),
    };
    Ok(Posting {
        book,
        unit,
        amount: row.get(5)?,
    })
}

/// A book's balance in `unit`, from the running balances (migration 0011), not by summing its
/// postings: some books get a posting with almost every operation.
pub(super) fn balance(conn: &Connection, book: Book, unit: Unit) -> Result<i64, StorageError> {
    let (book, book_id) = book_columns(book);
    let (unit, recipe_id, jar_ml, batch_id) = unit_columns(unit);
    let mut statement = conn.prepare_cached(
        "SELECT amount FROM ledger_balances
         WHERE book = ?1 AND book_id = coalesce(?2, 0) AND unit = ?3
           AND recipe_id = coalesce(?4, 0) AND jar_ml = coalesce(?5, 0)
           AND batch_id = coalesce(?6, 0)",
    )?;
    let amount = statement
        .query_row((book, book_id, unit, recipe_id, jar_ml, batch_id), |row| {
            row.get(0)
        })
        .optional()?;
    Ok(amount.unwrap_or(0))
}

/// The current balances of `books`.
pub(super) fn balances_of(
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
           (SELECT v.title || '|' || x.recipe_id || '|' || x.jar_ml || '|'
                   || coalesce(b.number, '')
            FROM ledger_postings x
            JOIN recipes rc ON rc.id = x.recipe_id
            LEFT JOIN batches b ON b.id = x.batch_id
            JOIN recipe_versions v ON v.recipe_id = rc.id AND v.version = rc.current_version
            WHERE x.entry_id = e.id AND x.unit = 'jars' LIMIT 1),
           e.signup_id IS NOT NULL,
           (SELECT coalesce(sum(x.amount), 0) FROM ledger_postings x
            WHERE x.entry_id = e.id AND x.book = 'centre' AND x.unit = 'cents')
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
    // The deposit paid or refunded, as the entry recorded it (the rate may have changed since).
    let till_cents: i64 = row.get(19)?;
    let euros = format_cents(till_cents.unsigned_abs() as u32);
    // "title|recipe|size|batch number": the title may hold a '|', the others cannot.
    let product: Option<(String, Product, String)> =
        row.get::<_, Option<String>>(17)?.and_then(|text| {
            let mut parts = text.rsplitn(4, '|');
            let batch_number = parts.next()?.to_string();
            let jar_ml = parts.next()?.parse().ok()?;
            let recipe_id = parts.next()?.parse().ok()?;
            let title = parts.next()?.to_string();
            Some((title, Product { recipe_id, jar_ml }, batch_number))
        });
    let products = |count: i64| match &product {
        Some((title, product, batch)) if batch.is_empty() => {
            product_label(title, *product, count.abs())
        }
        Some((title, product, batch)) => {
            format!(
                "{}, lot {batch}",
                product_label(title, *product, count.abs())
            )
        }
        None => jars_phrase(count.abs()),
    };
    let label = match kind {
        EntryKind::Volunteering => match (&workshop, note.is_empty()) {
            (Some((title, place)), _) => format!("{title}, {place}"),
            (None, false) => format!("Bénévolat : {note}"),
            (None, true) => "Bénévolat".to_string(),
        },
        EntryKind::JarsForTicTac => products(jars),
        EntryKind::JarsOnDeposit => format!("{}, consigne {euros} €", products(jars)),
        EntryKind::JarsReturned => format!(
            "{} rendus, consigne remboursée {euros} €",
            jars_phrase(deposit_jars.abs())
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

pub(super) fn entry(conn: &Connection, id: i64) -> Result<LedgerEntry, StorageError> {
    let mut statement = conn.prepare_cached(&format!("{ENTRY_SELECT} WHERE e.id = ?1"))?;
    Ok(statement.query_row([id], entry_from_row)?)
}

/// The entries `condition` (a WHERE clause, then ORDER BY and LIMIT) selects.
pub(super) fn entries(
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
