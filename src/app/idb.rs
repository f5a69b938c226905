//! The browser's IndexedDB, for what must survive a closed tab and a lost connection (the
//! outbox). A thin layer over web-sys: each request becomes a future, and a write is done only
//! when its transaction has committed.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{Array, Function, Object, Promise, Reflect};
use web_sys::{
    IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode,
};

const DATABASE: &str = "bocal";
/// Raise it with each change of the stores below, and add the step to `upgrade`.
const VERSION: u32 = 1;
pub const OUTBOX: &str = "outbox";

/// Why storage failed: no IndexedDB (some private modes), or the browser refused.
#[derive(Debug)]
pub struct StorageUnavailable;

impl From<JsValue> for StorageUnavailable {
    fn from(_: JsValue) -> Self {
        StorageUnavailable
    }
}

/// Creates or updates the stores from whatever version the browser holds.
fn upgrade(database: &IdbDatabase, old_version: f64) -> Result<(), JsValue> {
    if old_version < 1.0 {
        let parameters = IdbObjectStoreParameters::new();
        parameters.set_key_path(&JsValue::from_str("id"));
        parameters.set_auto_increment(true);
        database.create_object_store_with_optional_parameters(OUTBOX, &parameters)?;
    }
    Ok(())
}

thread_local! {
    // One connection for the page's life, opened at the first use: each read and write of the
    // outbox would otherwise open the database again.
    static CONNECTION: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// The page's connection to the database, opened (and upgraded) at the first call.
async fn open() -> Result<IdbDatabase, StorageUnavailable> {
    if let Some(database) = CONNECTION.with(|connection| connection.borrow().clone()) {
        return Ok(database);
    }
    let factory = web_sys::window()
        .and_then(|window| window.indexed_db().ok().flatten())
        .ok_or(StorageUnavailable)?;
    let request = factory.open_with_u32(DATABASE, VERSION)?;
    let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
        move |event: web_sys::IdbVersionChangeEvent| {
            let database = event
                .target()
                .and_then(|target| target.dyn_into::<IdbRequest>().ok())
                .and_then(|request| request.result().ok())
                .and_then(|result| result.dyn_into::<IdbDatabase>().ok());
            if let Some(database) = database {
                let _ = upgrade(&database, event.old_version());
            }
        },
    );
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let database: IdbDatabase = settled(&request).await?.dyn_into()?;
    drop(on_upgrade);
    // A newer build in another tab needs the database to itself to upgrade it: let go, and
    // open again at the next use.
    let closing = database.clone();
    database.set_onversionchange(Some(&callback(move || {
        closing.close();
        CONNECTION.with(|connection| connection.borrow_mut().take());
    })));
    CONNECTION.with(|connection| *connection.borrow_mut() = Some(database.clone()));
    Ok(database)
}

/// Every record of `store`, in key order (the outbox's order of sending).
pub async fn all(store: &str) -> Result<Vec<JsValue>, StorageUnavailable> {
    let database = open().await?;
    let transaction = database.transaction_with_str(store)?;
    let records = settled(&transaction.object_store(store)?.get_all()?).await?;
    Ok(records.dyn_into::<Array>()?.to_vec())
}

pub async fn get(store: &str, id: f64) -> Result<Option<JsValue>, StorageUnavailable> {
    let database = open().await?;
    let transaction = database.transaction_with_str(store)?;
    let record = settled(&transaction.object_store(store)?.get(&id.into())?).await?;
    Ok((!record.is_undefined()).then_some(record))
}

/// Adds `record` (without an id) and returns the id given.
pub async fn add(store: &str, record: &Object) -> Result<f64, StorageUnavailable> {
    let database = open().await?;
    let transaction =
        database.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let id = settled(&transaction.object_store(store)?.add(record)?).await?;
    committed(&transaction).await?;
    id.as_f64().ok_or(StorageUnavailable)
}

/// Replaces the record with the same id.
pub async fn put(store: &str, record: &Object) -> Result<(), StorageUnavailable> {
    let database = open().await?;
    let transaction =
        database.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    settled(&transaction.object_store(store)?.put(record)?).await?;
    committed(&transaction).await
}

pub async fn delete(store: &str, id: f64) -> Result<(), StorageUnavailable> {
    let database = open().await?;
    let transaction =
        database.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    settled(&transaction.object_store(store)?.delete(&id.into())?).await?;
    committed(&transaction).await
}

/// The request's result once it succeeded.
async fn settled(request: &IdbRequest) -> Result<JsValue, StorageUnavailable> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let target = request.clone();
        request.set_onsuccess(Some(&callback(move || {
            let _ = resolve.call1(&JsValue::NULL, &target.result().unwrap_or_default());
        })));
        request.set_onerror(Some(&callback(move || {
            let _ = reject.call0(&JsValue::NULL);
        })));
    });
    Ok(JsFuture::from(promise).await?)
}

/// Waits for the transaction to commit: only then is a write on disk.
async fn committed(transaction: &IdbTransaction) -> Result<(), StorageUnavailable> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        transaction.set_oncomplete(Some(&callback(move || {
            let _ = resolve.call0(&JsValue::NULL);
        })));
        let reject_too = reject.clone();
        transaction.set_onerror(Some(&callback(move || {
            let _ = reject.call0(&JsValue::NULL);
        })));
        transaction.set_onabort(Some(&callback(move || {
            let _ = reject_too.call0(&JsValue::NULL);
        })));
    });
    JsFuture::from(promise).await?;
    Ok(())
}

/// A one-shot JS callback that frees itself after its call.
fn callback(f: impl FnOnce() + 'static) -> Function {
    Closure::once_into_js(f).unchecked_into()
}

/// Reads a field of a stored record.
pub fn field(record: &JsValue, name: &str) -> JsValue {
    Reflect::get(record, &JsValue::from_str(name)).unwrap_or_default()
}

/// Writes a field of a record to store.
pub fn set_field(record: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(record, &JsValue::from_str(name), value);
}
