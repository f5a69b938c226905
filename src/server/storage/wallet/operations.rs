//! Writing to the ledger: counter operations and their reversals, the attendance sheet's
//! credits, a batch's jars entering stock, the jar prices.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Transaction};

use super::checks::{check_participant, check_product, check_reason, jar_price};
use super::deposit::{deposit_owed, rate_on};
use super::picking::{check_batch_of, jars_to_hand_out};
use super::rows::{balance, balances_of, book_columns, entry, posting_from_row, unit_columns};
use crate::api::wallet::{CounterOperation, EntryKind, JarPrice, LedgerEntry};
use crate::domain::ledger::{
    check_postings, deposit_refund, reversal, BatchProduct, Book, Operation, Posting, Product,
    Refusal, Unit, MAX_NOTE_CHARS, MAX_PRICE_TICTAC,
};
use crate::domain::time::local_date;
use crate::domain::validation::FieldError;
use crate::server::storage::audit;
use crate::server::storage::centres::check_open_centre as check_centre;
use crate::server::storage::{
    from_db_time, replay_of, to_db_time, write_transaction, Storage, StorageError,
};

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

/// An entry about to be written.
pub(in crate::server::storage) struct NewEntry<'a> {
    pub kind: EntryKind,
    pub key: &'a str,
    pub request_hash: &'a str,
    pub recorded_by: i64,
    pub participant: Option<i64>,
    pub centre: Option<i64>,
    pub signup: Option<i64>,
    pub workshop: Option<i64>,
    pub reverses: Option<i64>,
    /// Jars of a production batch entering stock.
    pub batch: Option<i64>,
    pub note: &'a str,
    pub at: DateTime<Utc>,
}

impl<'a> NewEntry<'a> {
    /// An entry of `kind` that names nothing else yet: the caller sets what it concerns.
    pub fn new(
        kind: EntryKind,
        key: &'a str,
        request_hash: &'a str,
        recorded_by: i64,
        at: DateTime<Utc>,
    ) -> NewEntry<'a> {
        NewEntry {
            kind,
            key,
            request_hash,
            recorded_by,
            participant: None,
            centre: None,
            signup: None,
            workshop: None,
            reverses: None,
            batch: None,
            note: "",
            at,
        }
    }
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
        "INSERT INTO ledger_postings
             (entry_id, book, book_id, unit, recipe_id, jar_ml, batch_id, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for posting in postings.iter().filter(|posting| posting.amount != 0) {
        let (book, book_id) = book_columns(posting.book);
        let (unit, recipe_id, jar_ml, batch_id) = unit_columns(posting.unit);
        insert.execute((
            entry_id,
            book,
            book_id,
            unit,
            recipe_id,
            jar_ml,
            batch_id,
            posting.amount,
        ))?;
    }
    Ok(entry_id)
}

/// Checks `operation` against the stored balances and writes it, in the caller's transaction.
pub(in crate::server::storage) fn record_checked(
    tx: &Transaction<'_>,
    operation: &Operation,
    entry: &NewEntry<'_>,
) -> Result<i64, StorageError> {
    let balances = balances_of(tx, operation.balances_read())?;
    let postings = operation.check(|book, unit| balances.get(book, unit))?;
    insert_entry(tx, entry, &postings)
}

/// Jars of a conforming production batch entering a centre's stock.
pub(in crate::server::storage) struct BatchJarsIn<'a> {
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
pub(in crate::server::storage) fn receive_batch_jars(
    tx: &Transaction<'_>,
    jars: BatchJarsIn<'_>,
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    let operation = Operation::ReceiveStock {
        centre: jars.centre_id,
        product: BatchProduct::new(jars.product, Some(jars.batch_id)),
        count: jars.count,
    };
    let entry = NewEntry {
        centre: Some(jars.centre_id),
        batch: Some(jars.batch_id),
        note: jars.note,
        ..NewEntry::new(
            EntryKind::StockReceived,
            jars.key,
            jars.request_hash,
            jars.recorded_by,
            now,
        )
    };
    record_checked(tx, &operation, &entry)
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
            // Its kind and what it concerns follow from the operation, below.
            let mut new_entry = NewEntry::new(
                EntryKind::Volunteering,
                &key,
                &request_hash,
                recorder.account_id,
                now,
            );
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
                let (kind, domain_operation, note) =
                    to_domain(&tx, &operation, recorder, local_date(new_entry.at))?;
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
}

/// A counter operation as the ledger's rules see it, once the records it names are checked;
/// jars go out on deposit at the rate of `today`.
fn to_domain(
    conn: &Connection,
    operation: &CounterOperation,
    recorder: Recorder,
    today: NaiveDate,
) -> Result<(EntryKind, Operation, String), StorageError> {
    let check_people = |participant_id: i64, centre_id: i64| {
        check_participant(conn, participant_id)?;
        check_centre(conn, centre_id)
    };
    // Jars handed out: from the batch scanned, or the oldest in the centre's stock.
    let hand_out = |participant_id: i64,
                    centre_id: i64,
                    product: Product,
                    batch_id: Option<i64>,
                    count: i64| {
        check_people(participant_id, centre_id)?;
        check_product(conn, product)?;
        jars_to_hand_out(conn, centre_id, product, batch_id, count)
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
            batch_id,
        } => {
            let jars = hand_out(participant_id, centre_id, product, batch_id, count)?;
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
                    product: jars,
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
            batch_id,
        } => {
            let jars = hand_out(participant_id, centre_id, product, batch_id, count)?;
            (
                EntryKind::JarsOnDeposit,
                Operation::DepositJars {
                    participant: participant_id,
                    centre: centre_id,
                    product: jars,
                    count,
                    deposit_each: rate_on(conn, today)?.cents,
                },
                String::new(),
            )
        }
        CounterOperation::ReturnJars {
            participant_id,
            centre_id,
            count,
        } => {
            check_people(participant_id, centre_id)?;
            let held = balance(conn, Book::Participant(participant_id), Unit::DepositJars)?;
            let owed = deposit_owed(conn, participant_id)?;
            (
                EntryKind::JarsReturned,
                Operation::ReturnJars {
                    participant: participant_id,
                    centre: centre_id,
                    count,
                    refund: deposit_refund(count, held, owed),
                },
                String::new(),
            )
        }
        CounterOperation::SwapJars {
            participant_id,
            centre_id,
            product,
            count,
            batch_id,
        } => {
            let jars = hand_out(participant_id, centre_id, product, batch_id, count)?;
            (
                EntryKind::JarsSwapped,
                Operation::SwapJars {
                    participant: participant_id,
                    centre: centre_id,
                    product: jars,
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
                    product: BatchProduct::new(product, None),
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
            batch_id,
        } => {
            admin_only(recorder)?;
            check_centre(conn, centre_id)?;
            check_product(conn, product)?;
            if let Some(batch_id) = batch_id {
                check_batch_of(conn, batch_id, product)?;
            }
            (
                EntryKind::Adjustment,
                Operation::AdjustStock {
                    centre: centre_id,
                    product: BatchProduct::new(product, batch_id),
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
        "SELECT book, book_id, unit, recipe_id, jar_ml, amount, batch_id FROM ledger_postings
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
pub(in crate::server::storage) fn credit_attendance(
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
        participant: Some(participant),
        signup: Some(signup_id),
        workshop: Some(workshop),
        ..NewEntry::new(EntryKind::Volunteering, &key, "", recorder, now)
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

/// Corrections of a balance or a stock are an admin's.
fn admin_only(recorder: Recorder) -> Result<(), StorageError> {
    if recorder.is_admin {
        Ok(())
    } else {
        Err(StorageError::Forbidden(
            "Seul un admin peut corriger un solde ou un stock.".into(),
        ))
    }
}
