//! Storage: every SQL statement of Bocal lives in this module. SQLite (WAL) behind a small
//! connection pool; blocking calls run on tokio's blocking threads.

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

mod accounts;
mod batches;
mod centres;
mod impact;
mod lots;
mod messages;
mod personal_data;
mod produce;
mod recalls;
mod recipes;
mod retention;
mod seed;
mod signups;
mod staff_workshops;
mod territory;
mod wallet;

pub use accounts::{AccountRecord, CreatedBy, NewAccountRecord, ProducerRequestRecord};
pub use lots::{Farmer, LotActor, StoredPhoto};
pub use messages::{Delivery, DueMessage};
pub use personal_data::{PersonalRecords, ProfileRecord};
pub use retention::{Purged, ERASED_GUEST};
pub use seed::{Seed, SeedAccount, SeedBatch, SeedLedger, SeedLot};

pub use signups::{Canceller, Signer, Signing};
pub use staff_workshops::WorkshopRecord;
pub use wallet::{MonthlyTotal, Recorder};

use crate::api::workshops::{WorkshopFilter, WorkshopList, WorkshopListQuery};
use crate::domain::calendar::weeks_end;
use crate::domain::time::start_of_local_day;
use crate::domain::workshop::LONGEST_WORKSHOP_HOURS;
use crate::domain::{Place, Workshop, WorkshopKind, WorkshopStatus};

/// Migrations, applied in order at start-up; `PRAGMA user_version` counts those applied.
/// Append only: never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/0001_calendar.sql"),
    include_str!("../../../migrations/0002_accounts.sql"),
    include_str!("../../../migrations/0003_workshop_revision.sql"),
    include_str!("../../../migrations/0004_marketplace.sql"),
    include_str!("../../../migrations/0005_recipes.sql"),
    include_str!("../../../migrations/0006_recipe_photos.sql"),
    include_str!("../../../migrations/0007_wallet.sql"),
    include_str!("../../../migrations/0008_batches.sql"),
    include_str!("../../../migrations/0009_lot_keys.sql"),
    include_str!("../../../migrations/0010_signup_keys.sql"),
    include_str!("../../../migrations/0011_ledger_balances.sql"),
    include_str!("../../../migrations/0012_messages.sql"),
    include_str!("../../../migrations/0013_waiting_list.sql"),
    include_str!("../../../migrations/0014_email.sql"),
    include_str!("../../../migrations/0015_farm_messages.sql"),
    include_str!("../../../migrations/0016_push.sql"),
    include_str!("../../../migrations/0017_personal_data.sql"),
    include_str!("../../../migrations/0018_batch_measures.sql"),
    include_str!("../../../migrations/0019_jars_by_batch.sql"),
    include_str!("../../../migrations/0020_workshop_series.sql"),
    include_str!("../../../migrations/0021_centre_settings.sql"),
    include_str!("../../../migrations/0022_territory.sql"),
    include_str!("../../../migrations/0023_deposit_rates.sql"),
    include_str!("../../../migrations/0024_produce.sql"),
];

/// Instants are stored as fixed-width UTC text, so that text order is time order.
const DB_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("connection pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "la base de données vient d'une version plus récente de Bocal (schéma {found}, ce \
         programme en connaît {known}) : elle n'a pas été modifiée. Installez la version qui \
         l'a écrite, ou restaurez une sauvegarde faite avant."
    )]
    NewerSchema { found: usize, known: usize },
    #[error("background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// The records needed do not exist (French message for the user).
    #[error("not found: {0}")]
    NotFound(String),
    /// A value is wrong in a way only the stored data reveals (a photo that is not the
    /// caller's, a collection day outside the lot's window).
    #[error("invalid: {}", .0.message)]
    Invalid(crate::domain::validation::FieldError),
    /// The caller's role does not allow this on these records (French message).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The request is sound but the data's state forbids it: a full workshop, a phone number
    /// already used (French message, and the field at fault when there is one).
    #[error("conflict: {message}")]
    Conflict {
        field: Option<&'static str>,
        message: String,
    },
}

impl StorageError {
    pub fn conflict(field: Option<&'static str>, message: impl Into<String>) -> StorageError {
        StorageError::Conflict {
            field,
            message: message.into(),
        }
    }
}

#[derive(Clone)]
pub struct Storage {
    pool: r2d2::Pool<SqliteConnectionManager>,
}

impl Storage {
    /// Opens (creating it and its folder if needed) the database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Storage, StorageError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StorageError::Folder {
                path: folder.display().to_string(),
                source,
            })?;
        }
        copy_before_migrating(path)?;
        let manager = SqliteConnectionManager::file(path).with_init(|conn| {
            // WAL: readers never wait for the writer; NORMAL is durable in WAL mode except for
            // the last transactions on power loss, which SQLite documents as the usual trade.
            // secure_delete: what is erased (a closed account, a guest's phone) is overwritten
            // in the file, not left in free space.
            conn.execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000;
                 PRAGMA secure_delete = ON;",
            )
        });
        let pool = r2d2::Pool::builder().max_size(8).build(manager)?;
        migrate(&mut *pool.get()?)?;
        Ok(Storage { pool })
    }

    /// Opens a database that must exist already (for commands that read one).
    pub fn open_existing(path: &Path) -> Result<Storage, StorageError> {
        if !path.is_file() {
            return Err(StorageError::NotFound(format!(
                "pas de base de données à {}",
                path.display()
            )));
        }
        Storage::open(path)
    }

    /// Writes a consistent copy of the database to `file` (`copy_consistently`), while writers
    /// go on; refused if `file` exists.
    pub fn backup_to(&self, file: &Path) -> Result<(), StorageError> {
        if file.exists() {
            return Err(StorageError::conflict(
                None,
                format!("{} existe déjà : choisissez un autre nom.", file.display()),
            ));
        }
        if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StorageError::File {
                path: folder.display().to_string(),
                source,
            })?;
        }
        copy_consistently(&*self.connection()?, file)
    }

    /// Runs blocking database work off the async threads.
    pub(super) async fn with_connection<T, F>(&self, work: F) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || work(&mut *pool.get()?)).await?
    }

    /// Synchronous access, for start-up work (demo data) and tests.
    pub fn connection(
        &self,
    ) -> Result<r2d2::PooledConnection<SqliteConnectionManager>, StorageError> {
        Ok(self.pool.get()?)
    }

    /// True when nothing was ever recorded: the only state in which demo data may be loaded.
    pub fn is_empty(&self) -> Result<bool, StorageError> {
        let conn = self.connection()?;
        let rows: i64 = conn.query_row(
            "SELECT (SELECT count(*) FROM centres) + (SELECT count(*) FROM producers)
                  + (SELECT count(*) FROM places) + (SELECT count(*) FROM workshops)
                  + (SELECT count(*) FROM accounts)",
            [],
            |row| row.get(0),
        )?;
        Ok(rows == 0)
    }

    pub fn has_accounts(&self) -> Result<bool, StorageError> {
        let conn = self.connection()?;
        Ok(
            conn.query_row("SELECT EXISTS (SELECT 1 FROM accounts)", [], |row| {
                row.get(0)
            })?,
        )
    }

    /// Whether an active administrator exists: without one, nobody can set the cannery up.
    pub fn has_admin(&self) -> Result<bool, StorageError> {
        let conn = self.connection()?;
        Ok(conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE role = ?1 AND deactivated_at IS NULL)",
            [crate::domain::Role::Admin.code()],
            |row| row.get(0),
        )?)
    }

    pub async fn ping(&self) -> Result<(), StorageError> {
        self.with_connection(|conn| Ok(conn.query_row("SELECT 1", [], |_| Ok(()))?))
            .await
    }

    /// Workshops matching `filter`, soonest first (see `select_workshops`).
    pub async fn list_workshops(
        &self,
        filter: WorkshopFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<Workshop>, StorageError> {
        self.with_connection(move |conn| select_workshops(conn, &filter, now))
            .await
    }

    /// The calendar page's data in one trip: the matching workshops and every commune with an
    /// upcoming one.
    /// The calendar's list: with `weeks`, only the first weeks holding a matching workshop,
    /// and where the next ones start.
    pub async fn calendar(
        &self,
        query: WorkshopListQuery,
        now: DateTime<Utc>,
    ) -> Result<WorkshopList, StorageError> {
        self.with_connection(move |conn| {
            let mut filter = query.filter;
            let more_from = match query.weeks {
                None => None,
                Some(weeks) => {
                    let starts = select_workshop_starts(conn, &filter, now)?;
                    let more_from = weeks_end(&starts, weeks);
                    if let Some(monday) = more_from {
                        filter.to = monday.pred_opt();
                    }
                    more_from
                }
            };
            Ok(WorkshopList {
                workshops: select_workshops(conn, &filter, now)?,
                communes: select_upcoming_communes(conn, now)?,
                more_from,
            })
        })
        .await
    }

    /// Where the truck will be next (`domain::calendar::next_stop` in SQL): the first workshop
    /// not cancelled and not over at `now`. One row, read by the index on `starts_at`; the
    /// first page of the calendar always holds it, so the app shows the same one.
    pub async fn next_stop(&self, now: DateTime<Utc>) -> Result<Option<Workshop>, StorageError> {
        self.with_connection(move |conn| {
            let parameters = WorkshopFilterParameters::new(&WorkshopFilter::default(), now);
            let mut named = parameters.named().to_vec();
            let cancelled = WorkshopStatus::Cancelled.code();
            named.push((":cancelled", &cancelled));
            let mut statement = conn.prepare_cached(&format!(
                "{WORKSHOP_SELECT} {WORKSHOP_FILTER_WHERE} AND w.status <> :cancelled
                 ORDER BY w.starts_at, w.id LIMIT 1"
            ))?;
            Ok(statement
                .query_row(named.as_slice(), workshop_from_row)
                .optional()?)
        })
        .await
    }

    pub async fn workshop(&self, id: i64) -> Result<Option<Workshop>, StorageError> {
        self.with_connection(move |conn| {
            let mut statement =
                conn.prepare_cached(&format!("{WORKSHOP_SELECT} WHERE w.id = ?1"))?;
            Ok(statement.query_row([id], workshop_from_row).optional()?)
        })
        .await
    }
}

/// Workshops matching `filter`, soonest first. Without a start date, only those not over at
/// `now` ("upcoming").
fn select_workshops(
    conn: &Connection,
    filter: &WorkshopFilter,
    now: DateTime<Utc>,
) -> Result<Vec<Workshop>, StorageError> {
    let mut statement = conn.prepare_cached(&format!(
        "{WORKSHOP_SELECT} {WORKSHOP_FILTER_WHERE} ORDER BY w.starts_at, w.id"
    ))?;
    let parameters = WorkshopFilterParameters::new(filter, now);
    let rows = statement.query_map(parameters.named().as_slice(), workshop_from_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// When the workshops matching `filter` that take place (not cancelled) start, soonest first:
/// what a page of weeks is cut from, without reading the workshops themselves. A week holding
/// only cancelled workshops does not count as one, so the first page always holds the next stop.
fn select_workshop_starts(
    conn: &Connection,
    filter: &WorkshopFilter,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, StorageError> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT w.starts_at FROM workshops w JOIN places p ON p.id = w.place_id
         {WORKSHOP_FILTER_WHERE} AND w.status <> :cancelled ORDER BY w.starts_at, w.id"
    ))?;
    let parameters = WorkshopFilterParameters::new(filter, now);
    let mut named = parameters.named().to_vec();
    let cancelled = WorkshopStatus::Cancelled.code();
    named.push((":cancelled", &cancelled));
    let rows = statement.query_map(named.as_slice(), |row| parse_column(row, 0, from_db_time))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The calendar filter as SQL, on `workshops w` joined with `places p`. Both bounds on
/// `starts_at` are always set, so that the index on it reads only the workshops in range (the
/// table keeps every past workshop).
const WORKSHOP_FILTER_WHERE: &str = "
    WHERE w.starts_at >= :starts_from AND w.starts_at < :starts_before
      AND (:ends_after IS NULL OR w.ends_at > :ends_after)
      AND (:commune IS NULL OR p.commune = :commune)
      AND (:kind IS NULL OR w.kind = :kind)
      AND (:centre IS NULL OR w.centre_id = :centre)";

/// Later than any start: the upper bound when the filter has no last day.
const NO_LAST_START: &str = "9999-12-31T23:59:59Z";

/// The values of `WORKSHOP_FILTER_WHERE`'s parameters.
struct WorkshopFilterParameters {
    starts_from: String,
    ends_after: Option<String>,
    starts_before: String,
    commune: Option<String>,
    kind: Option<&'static str>,
    centre: Option<i64>,
}

impl WorkshopFilterParameters {
    fn new(filter: &WorkshopFilter, now: DateTime<Utc>) -> Self {
        let longest = chrono::Duration::hours(LONGEST_WORKSHOP_HOURS);
        WorkshopFilterParameters {
            starts_from: to_db_time(match filter.from {
                Some(day) => start_of_local_day(day),
                // Not over at `now`: started less than the longest workshop before.
                None => now - longest,
            }),
            // Without a start date: only the workshops not over yet.
            ends_after: filter.from.is_none().then(|| to_db_time(now)),
            starts_before: filter
                .to
                .and_then(|day| day.succ_opt())
                .map(|day| to_db_time(start_of_local_day(day)))
                .unwrap_or_else(|| NO_LAST_START.to_string()),
            commune: filter.commune.clone(),
            kind: filter.kind.map(WorkshopKind::code),
            centre: filter.centre,
        }
    }

    fn named(&self) -> [(&str, &dyn rusqlite::ToSql); 6] {
        [
            (":starts_from", &self.starts_from),
            (":ends_after", &self.ends_after),
            (":starts_before", &self.starts_before),
            (":commune", &self.commune),
            (":kind", &self.kind),
            (":centre", &self.centre),
        ]
    }
}

/// Communes with a workshop not over at `now`, in alphabetical order.
fn select_upcoming_communes(
    conn: &Connection,
    now: DateTime<Utc>,
) -> Result<Vec<String>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT DISTINCT p.commune FROM workshops w JOIN places p ON p.id = w.place_id
         WHERE w.ends_at > ?1 ORDER BY p.commune",
    )?;
    let rows = statement.query_map([to_db_time(now)], |row| row.get(0))?;
    Ok(rows.collect::<Result<Vec<String>, _>>()?)
}

const WORKSHOP_SELECT: &str = "
    SELECT w.id, w.title, w.kind, w.status, w.starts_at, w.ends_at,
           p.name, p.address, p.postcode, p.commune, p.latitude, p.longitude,
           c.name, w.capacity, w.description, p.id, c.id, w.revision,
           (SELECT count(*) FROM signups s
            WHERE s.workshop_id = w.id AND s.cancelled_at IS NULL AND NOT s.waiting),
           (SELECT count(*) FROM signups s
            WHERE s.workshop_id = w.id AND s.cancelled_at IS NULL AND s.waiting)
    FROM workshops w
    JOIN places p ON p.id = w.place_id
    JOIN centres c ON c.id = w.centre_id";

fn workshop_from_row(row: &Row<'_>) -> rusqlite::Result<Workshop> {
    Ok(Workshop {
        id: row.get(0)?,
        title: row.get(1)?,
        kind: parse_column(row, 2, WorkshopKind::from_code)?,
        status: parse_column(row, 3, WorkshopStatus::from_code)?,
        starts_at: parse_column(row, 4, from_db_time)?,
        ends_at: parse_column(row, 5, from_db_time)?,
        place: Place {
            id: row.get(15)?,
            name: row.get(6)?,
            address: row.get(7)?,
            postcode: row.get(8)?,
            commune: row.get(9)?,
            latitude: row.get(10)?,
            longitude: row.get(11)?,
        },
        centre: row.get(12)?,
        centre_id: row.get(16)?,
        capacity: row.get(13)?,
        signed_up: row.get(18)?,
        waiting: row.get(19)?,
        revision: row.get(17)?,
        description: row.get(14)?,
    })
}

/// Reads a text column through `parse`; a value it rejects is reported as a conversion error.
fn parse_column<T>(
    row: &Row<'_>,
    index: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unexpected value {text:?}").into(),
        )
    })
}

/// A transaction that takes the write lock at once: the reads it starts with (is a place left?
/// is this phone already used?) stay true until it commits.
/// A request's idempotency key and the hash of what it asked (`idempotency::request_hash`).
#[derive(Clone, Debug)]
pub struct IdempotencyKey {
    pub key: String,
    pub request_hash: String,
}

/// An idempotency key already used: `Some(id)` of what the first request recorded when this
/// is the same request again (a replay), a 409 when the key came with another request, `None`
/// on first use. `lookup` selects the id and request hash recorded under the key (`?1`).
fn replay_of(
    conn: &Connection,
    lookup: &str,
    key: &str,
    request_hash: &str,
) -> Result<Option<i64>, StorageError> {
    let earlier: Option<(i64, String)> = conn
        .query_row(lookup, [key], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match earlier {
        Some((_, hash)) if hash != request_hash => Err(StorageError::conflict(
            Some("idempotency_key"),
            "Cette clé d'envoi a déjà servi pour une autre opération.",
        )),
        Some((id, _)) => Ok(Some(id)),
        None => Ok(None),
    }
}

/// Writers of this process take turns here before SQLite's write lock. Waiting on SQLite's
/// lock means its busy handler's sleeps (up to 100 ms each): 16 counters writing at once had a
/// p99 of 300 ms in `scripts/bench load`. One lock for the process, shared by every database
/// it opens (tests open many): writes are short.
static WRITER_TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A write transaction (`BEGIN IMMEDIATE`) taken in turn with this process's other writers;
/// used as a `Transaction`, and `commit` ends it. Dropped uncommitted, it rolls back.
pub(super) struct WriteTransaction<'c> {
    // Declared first, dropped first: the rollback happens before the next writer's turn.
    tx: rusqlite::Transaction<'c>,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl<'c> WriteTransaction<'c> {
    pub(super) fn commit(self) -> rusqlite::Result<()> {
        self.tx.commit()
    }
}

impl<'c> std::ops::Deref for WriteTransaction<'c> {
    type Target = rusqlite::Transaction<'c>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

fn write_transaction(conn: &mut Connection) -> Result<WriteTransaction<'_>, StorageError> {
    // A writer that panicked left nothing half-written (its transaction rolled back).
    let turn = WRITER_TURN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Ok(WriteTransaction {
        tx: conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?,
        _turn: turn,
    })
}

pub fn to_db_time(instant: DateTime<Utc>) -> String {
    instant.format(DB_TIME_FORMAT).to_string()
}

fn from_db_time(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text, DB_TIME_FORMAT)
        .ok()
        .map(|naive| naive.and_utc())
}

/// Looks at an existing database read-only before anything opens it for writing (even the WAL
/// setting writes): one written by a newer Bocal is refused untouched; one that has migrations
/// to come is first copied beside itself, named after the first of them
/// (`bocal.sqlite.avant-migration-0023`), so that an upgrade can be undone by putting the copy
/// back. A new database, or one already up to date, needs neither. A copy an earlier start
/// left (its upgrade failed) is kept as it is: it is the database before any attempt.
fn copy_before_migrating(path: &Path) -> Result<(), StorageError> {
    if !path.is_file() {
        return Ok(());
    }
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let applied = known_schema_version(&conn)?;
    if applied == 0 || applied == MIGRATIONS.len() {
        return Ok(());
    }
    let copy = copy_before_migration(path, applied + 1);
    if copy.exists() {
        tracing::warn!(copy = %copy.display(), "une copie d'avant migration existe déjà : gardée");
        return Ok(());
    }
    copy_consistently(&conn, &copy)?;
    tracing::warn!(
        copy = %copy.display(),
        from = applied,
        to = MIGRATIONS.len(),
        "base copiée avant sa mise à jour"
    );
    Ok(())
}

/// The migrations a database has seen; one from a newer Bocal is refused.
fn known_schema_version(conn: &Connection) -> Result<usize, StorageError> {
    let applied: usize = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if applied > MIGRATIONS.len() {
        return Err(StorageError::NewerSchema {
            found: applied,
            known: MIGRATIONS.len(),
        });
    }
    Ok(applied)
}

/// Copies the database `conn` reads to `file`: `VACUUM INTO` reads one snapshot (writers go
/// on, and a read-only connection will do), written under a temporary name and renamed, so
/// that `file` is never a half copy.
fn copy_consistently(conn: &Connection, file: &Path) -> Result<(), StorageError> {
    let mut partial = file.as_os_str().to_os_string();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
    std::fs::rename(&partial, file).map_err(|source| StorageError::File {
        path: file.display().to_string(),
        source,
    })
}

/// Where `copy_before_migrating` puts the copy made before migration `first` (counted from 1).
pub fn copy_before_migration(path: &Path, first: usize) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".avant-migration-{first:04}"));
    path.with_file_name(name)
}

/// Applies the migrations the database has not seen, all in one transaction with the version
/// bump: an upgrade that fails leaves the database as it was. An up-to-date database is only
/// read: every command and every start opens one, also while a server writes to it.
fn migrate(conn: &mut Connection) -> Result<(), StorageError> {
    if known_schema_version(conn)? == MIGRATIONS.len() {
        return Ok(());
    }
    // Immediate: the write lock first, then the version read again under it (another process
    // may have migrated meanwhile), never a read upgraded to a write that SQLite must refuse.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let applied = known_schema_version(&tx)?;
    for sql in &MIGRATIONS[applied..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len())?;
    tx.commit()?;
    if applied < MIGRATIONS.len() {
        tracing::info!(from = applied, to = MIGRATIONS.len(), "database migrated");
    }
    Ok(())
}

/// Records a staff action in the same transaction as the change itself: both or neither.
pub(crate) fn audit(
    tx: &Transaction<'_>,
    actor_id: i64,
    action: &str,
    subject: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        (to_db_time(now), actor_id, action, subject, detail),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_time_round_trips_and_sorts_as_text() {
        let early = DateTime::parse_from_rfc3339("2026-03-29T00:59:59Z")
            .unwrap()
            .to_utc();
        let late = DateTime::parse_from_rfc3339("2026-03-29T01:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(from_db_time(&to_db_time(early)), Some(early));
        assert!(to_db_time(early) < to_db_time(late));
    }

    #[test]
    fn opening_twice_applies_migrations_once() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nested/bocal.sqlite");
        Storage::open(&path).unwrap();
        let storage = Storage::open(&path).unwrap();
        let conn = storage.connection().unwrap();
        let version: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len());
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
}
