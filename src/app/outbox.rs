//! The outbox: a lot a farmer publishes without a connection waits on the phone (IndexedDB,
//! photos included) and is sent, in order, when the connection returns, also after the tab was
//! closed and reopened. Each waiting lot keeps its idempotency key: a send interrupted after
//! the server recorded it, sent again, gets the same lot back, never a second one.

use std::cell::Cell;

use chrono::{DateTime, Utc};
use leptos::ev::Custom;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{Array, Object};
use web_sys::Blob;

use crate::api::lots::LotDraft;
use crate::app::client::{self, ClientError};
use crate::app::idb::{self, StorageUnavailable, OUTBOX};
use crate::app::session::Session;

/// How often waiting lots are tried again while the page is open.
const RETRY_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// A waiting lot, as stored (its photos aside).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingLot {
    /// The record's key in IndexedDB: the order of sending.
    #[serde(skip)]
    pub id: f64,
    /// Only the farmer who wrote it sends it.
    pub account_id: i64,
    pub idempotency_key: String,
    pub saved_at: DateTime<Utc>,
    /// With the ids of the photos already on the server.
    pub draft: LotDraft,
    /// Ids the server gave to the first photos taken offline, so that a resumed send does not
    /// send them twice.
    pub sent_photo_ids: Vec<i64>,
    /// The server refused it: the farmer corrects or drops it.
    pub refusal: Option<Refusal>,
    /// Its photos: those on the server and those kept on the phone.
    #[serde(skip)]
    pub photo_count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub message: String,
    pub field: Option<String>,
}

/// What became of a lot given to the outbox.
pub enum Publication {
    Sent,
    /// Kept on the phone, sent when the connection returns.
    Waiting,
    /// The server refused it; it is no longer in the outbox (the form still has it).
    Refused(ClientError),
}

#[derive(Clone, Copy)]
pub struct Outbox {
    /// The waiting lots of this device, every account's; refreshed after each change.
    pending: RwSignal<Vec<PendingLot>>,
    /// Bumped each time a lot reaches the server: the farmer's list reads itself again.
    sent: RwSignal<u32>,
    session: Session,
}

thread_local! {
    // One send at a time: two would send the same photos twice.
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Called once at the app's start, after the session.
pub fn provide_outbox(session: Session) {
    let outbox = Outbox {
        pending: RwSignal::new(Vec::new()),
        sent: RwSignal::new(0),
        session,
    };
    provide_context(outbox);
    // At start (once the account is known), when the connection returns, and now and then.
    Effect::new(move |_| {
        if session.me().is_some() {
            outbox.send_waiting();
        }
    });
    window_event_listener(Custom::<web_sys::Event>::new("online"), move |_| {
        outbox.send_waiting()
    });
    let _ = set_interval_with_handle(
        move || {
            if !outbox.mine_waiting().is_empty() {
                outbox.send_waiting();
            }
        },
        RETRY_EVERY,
    );
    leptos::task::spawn_local(async move { outbox.reload().await });
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// The logged-in farmer's lots in the outbox, oldest first.
    pub fn mine(&self) -> Vec<PendingLot> {
        let Some(me) = self.session.me() else {
            return Vec::new();
        };
        self.pending.with(|pending| {
            pending
                .iter()
                .filter(|lot| lot.account_id == me.id)
                .cloned()
                .collect()
        })
    }

    /// For a resource to read again once a lot reached the server.
    pub fn track_sent(&self) {
        self.sent.track();
    }

    /// (waiting, refused) lots of the logged-in farmer.
    pub fn counts(&self) -> (usize, usize) {
        let mine = self.mine();
        let refused = mine.iter().filter(|lot| lot.refusal.is_some()).count();
        (mine.len() - refused, refused)
    }

    fn mine_waiting(&self) -> Vec<PendingLot> {
        let mut mine = self.mine();
        mine.retain(|lot| lot.refusal.is_none());
        mine
    }

    /// Keeps the lot on the phone first, so that nothing is lost whatever happens next, then
    /// tries to send it (after any lot that waits before it).
    pub async fn publish(&self, draft: LotDraft, photos: Vec<Blob>) -> Publication {
        let Some(me) = self.session.me() else {
            return Publication::Refused(ClientError::Unauthenticated(
                "Connectez-vous pour publier un lot.".into(),
            ));
        };
        let lot = PendingLot {
            id: 0.0,
            account_id: me.id,
            idempotency_key: client::new_idempotency_key(),
            saved_at: Utc::now(),
            draft,
            sent_photo_ids: Vec::new(),
            refusal: None,
            photo_count: 0,
        };
        let Ok(id) = idb::add(OUTBOX, &to_record(&lot, &photos)).await else {
            // No IndexedDB here (some private modes): send it directly, as before the outbox.
            return direct_send(lot, photos).await;
        };
        self.send_all().await;
        let after = load(id).await;
        self.reload().await;
        match after {
            Ok(None) => Publication::Sent,
            Ok(Some((lot, _))) => match lot.refusal {
                Some(refusal) => {
                    let _ = self.drop_lot(id).await;
                    Publication::Refused(ClientError::Refused {
                        message: refusal.message,
                        field: refusal.field,
                    })
                }
                None => Publication::Waiting,
            },
            Err(StorageUnavailable) => Publication::Waiting,
        }
    }

    /// Sends what waits, in the background.
    pub fn send_waiting(&self) {
        let outbox = *self;
        leptos::task::spawn_local(async move { outbox.send_all().await });
    }

    /// Forgets a waiting or refused lot, at the farmer's request.
    pub async fn drop_lot(&self, id: f64) -> Result<(), StorageUnavailable> {
        idb::delete(OUTBOX, id).await?;
        self.reload().await;
        Ok(())
    }

    /// A refused lot's content, to correct it in the form.
    pub async fn take_out(&self, id: f64) -> Option<(PendingLot, Vec<Blob>)> {
        load(id).await.ok().flatten()
    }

    async fn reload(&self) {
        if let Ok(records) = idb::all(OUTBOX).await {
            let lots = records
                .iter()
                .filter_map(|record| from_record(record).map(|(lot, _)| lot))
                .collect();
            self.pending.set(lots);
        }
    }

    /// Sends the logged-in farmer's waiting lots one by one, oldest first; stops at the first
    /// that finds no network. A refused one is set aside (the farmer sees why) and the next
    /// goes on.
    async fn send_all(&self) {
        let Some(me) = self.session.me() else { return };
        if SENDING.with(|sending| sending.replace(true)) {
            return;
        }
        let mut last_tried = f64::MIN;
        loop {
            // Read again each time: a lot published meanwhile joins the queue.
            let next = idb::all(OUTBOX).await.ok().and_then(|records| {
                records.iter().filter_map(from_record).find(|(lot, _)| {
                    lot.id > last_tried && lot.account_id == me.id && lot.refusal.is_none()
                })
            });
            let Some((lot, photos)) = next else { break };
            last_tried = lot.id;
            match send_one(lot, photos).await {
                Sent::Yes => self.sent.update(|n| *n += 1),
                Sent::Refused => {}
                Sent::NotNow => break,
            }
            self.reload().await;
        }
        SENDING.with(|sending| sending.set(false));
        self.reload().await;
    }
}

enum Sent {
    Yes,
    /// Set aside with the server's reason; the next lot goes on.
    Refused,
    /// No network, or no session: the lot and those after it wait.
    NotNow,
}

/// Sends one lot: its photos taken offline first (noting each id), then the lot.
async fn send_one(mut lot: PendingLot, photos: Vec<Blob>) -> Sent {
    while let Some(photo) = photos.get(lot.sent_photo_ids.len()) {
        match client::upload_photo(photo.clone()).await {
            Ok(uploaded) => {
                lot.sent_photo_ids.push(uploaded.id);
                let _ = idb::put(OUTBOX, &to_record(&lot, &photos)).await;
            }
            Err(error) => return set_aside(lot, &photos, error, Some("photos")).await,
        }
    }
    let mut draft = lot.draft.clone();
    draft.photo_ids.extend(&lot.sent_photo_ids);
    match client::create_lot(&draft, &lot.idempotency_key).await {
        Ok(_) => {
            let _ = idb::delete(OUTBOX, lot.id).await;
            Sent::Yes
        }
        Err(error) => set_aside(lot, &photos, error, None).await,
    }
}

/// After a failed send: a refusal is recorded on the lot; anything else waits for later.
async fn set_aside(
    mut lot: PendingLot,
    photos: &[Blob],
    error: ClientError,
    default_field: Option<&str>,
) -> Sent {
    let (message, field) = match error {
        ClientError::Refused { message, field } => (message, field),
        ClientError::NotFound(message) => (message, None),
        ClientError::Unreachable | ClientError::Unauthenticated(_) => return Sent::NotNow,
    };
    lot.refusal = Some(Refusal {
        message,
        field: field.or(default_field.map(str::to_string)),
    });
    let _ = idb::put(OUTBOX, &to_record(&lot, photos)).await;
    Sent::Refused
}

/// Without IndexedDB: photos then lot, straight away; nothing waits.
async fn direct_send(lot: PendingLot, photos: Vec<Blob>) -> Publication {
    let mut draft = lot.draft;
    for photo in photos {
        match client::upload_photo(photo).await {
            Ok(uploaded) => draft.photo_ids.push(uploaded.id),
            Err(error) => return Publication::Refused(error),
        }
    }
    match client::create_lot(&draft, &lot.idempotency_key).await {
        Ok(_) => Publication::Sent,
        Err(error) => Publication::Refused(error),
    }
}

async fn load(id: f64) -> Result<Option<(PendingLot, Vec<Blob>)>, StorageUnavailable> {
    Ok(idb::get(OUTBOX, id)
        .await?
        .and_then(|record| from_record(&record)))
}

/// The stored record: the lot as JSON text (one schema, serde's), its photos as blobs.
fn to_record(lot: &PendingLot, photos: &[Blob]) -> Object {
    let record = Object::new();
    if lot.id > 0.0 {
        idb::set_field(&record, "id", &JsValue::from_f64(lot.id));
    }
    let json = serde_json::to_string(lot).expect("plain data serialises");
    idb::set_field(&record, "lot", &JsValue::from_str(&json));
    let blobs: Array = photos.iter().collect();
    idb::set_field(&record, "photos", &blobs);
    record
}

fn from_record(record: &JsValue) -> Option<(PendingLot, Vec<Blob>)> {
    let mut lot: PendingLot = serde_json::from_str(&idb::field(record, "lot").as_string()?).ok()?;
    lot.id = idb::field(record, "id").as_f64()?;
    let photos = idb::field(record, "photos")
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .filter_map(|photo| photo.dyn_into::<Blob>().ok())
        .collect::<Vec<_>>();
    lot.photo_count = lot.draft.photo_ids.len() + photos.len();
    Some((lot, photos))
}
