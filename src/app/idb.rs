//! The browser's IndexedDB, for what must survive a closed tab and a lost connection (the
//! outbox), through `indexed_db_futures`. A write is done only when its transaction has
//! committed; the crate rolls a transaction back unless it is committed.

use std::cell::RefCell;

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{Object, Reflect};

const DATABASE: &str = "bocal";
/// Raise it with each change of the stores below, and add the step to the upgrade.
const VERSION: u32 = 1;
pub const OUTBOX: &str = "outbox";

/// Why storage failed: no IndexedDB (some private modes), or the browser refused.
#[derive(Debug)]
pub struct StorageUnavailable;

impl From<indexed_db_futures::error::Error> for StorageUnavailable {
    fn from(_: indexed_db_futures::error::Error) -> Self {
        StorageUnavailable
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StorageUnavailable {
    fn from(_: indexed_db_futures::error::OpenDbError) -> Self {
        StorageUnavailable
    }
}

thread_local! {
    // One connection for the page's life, opened at the first use: each read and write of the
    // outbox would otherwise open the database again.
    static CONNECTION: RefCell<Option<Database>> = const { RefCell::new(None) };
}

/// The page's connection to the database, opened (and upgraded) at the first call.
async fn open() -> Result<Database, StorageUnavailable> {
    if let Some(database) = CONNECTION.with(|connection| connection.borrow().clone()) {
        return Ok(database);
    }
    let database = Database::open(DATABASE)
        .with_version(VERSION)
        .with_on_upgrade_needed(|event, database| {
            if event.old_version() < 1.0 {
                database
                    .create_object_store(OUTBOX)
                    .with_key_path(KeyPath::One("id"))
                    .with_auto_increment(true)
                    .build()?;
            }
            Ok(())
        })
        .await?;
    // A newer build in another tab needs the database to itself to upgrade it: let go, and
    // open again at the next use. (The crate's own listener for this needs tokio's macros.)
    let closing = database.clone();
    let on_version_change = Closure::once_into_js(move || {
        CONNECTION.with(|connection| connection.borrow_mut().take());
        closing.close();
    });
    database
        .as_sys()
        .set_onversionchange(Some(on_version_change.unchecked_ref()));
    CONNECTION.with(|connection| *connection.borrow_mut() = Some(database.clone()));
    Ok(database)
}

/// Every record of `store`, in key order (the outbox's order of sending).
pub async fn all(store: &str) -> Result<Vec<JsValue>, StorageUnavailable> {
    let database = open().await?;
    let transaction = database.transaction(store).build()?;
    let records = transaction
        .object_store(store)?
        .get_all::<JsValue>()
        .await?;
    Ok(records.collect::<Result<_, _>>()?)
}

/// How many records `store` holds.
pub async fn count(store: &str) -> Result<u32, StorageUnavailable> {
    let database = open().await?;
    let transaction = database.transaction(store).build()?;
    Ok(transaction.object_store(store)?.count().await?)
}

pub async fn get(store: &str, id: f64) -> Result<Option<JsValue>, StorageUnavailable> {
    let database = open().await?;
    let transaction = database.transaction(store).build()?;
    let record = transaction
        .object_store(store)?
        .get::<JsValue, _, _>(id)
        .await?;
    Ok(record.filter(|record| !record.is_undefined()))
}

/// Adds `record` (without an id) and returns the id given.
pub async fn add(store: &str, record: &Object) -> Result<f64, StorageUnavailable> {
    let database = open().await?;
    let transaction = database
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let id = transaction
        .object_store(store)?
        .add(JsValue::from(record))
        .with_key_type::<f64>()
        .await?;
    transaction.commit().await?;
    Ok(id)
}

/// Replaces the record with the same id.
pub async fn put(store: &str, record: &Object) -> Result<(), StorageUnavailable> {
    let database = open().await?;
    let transaction = database
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    transaction
        .object_store(store)?
        .put(JsValue::from(record))
        .await?;
    Ok(transaction.commit().await?)
}

pub async fn delete(store: &str, id: f64) -> Result<(), StorageUnavailable> {
    let database = open().await?;
    let transaction = database
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    transaction.object_store(store)?.delete(id).await?;
    Ok(transaction.commit().await?)
}

/// Reads a field of a stored record.
pub fn field(record: &JsValue, name: &str) -> JsValue {
    Reflect::get(record, &JsValue::from_str(name)).unwrap_or_default()
}

/// Writes a field of a record to store.
pub fn set_field(record: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(record, &JsValue::from_str(name), value);
}
