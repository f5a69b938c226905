//! The outbox: what someone sends without a connection waits on the phone (IndexedDB) and is
//! sent, in order, when the connection returns, also after the tab was closed and reopened: a
//! farmer's new lot (photos included) or withdrawal, a resident's sign-up. A send interrupted
//! after the server recorded it, sent again, gets the same record back, never a second one (an
//! idempotency key; a withdrawal is the same twice). Counter operations never come here (see
//! `pages::staff::counter`).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{Array, Object};
use web_sys::Blob;

use crate::api::lots::{LotAction, LotDraft};
use crate::api::paths::pages;
use crate::api::signups::SignupRequest;
use crate::app::client::{self, ClientError};
use crate::app::guest_signups;
use crate::app::idb::{self, StorageUnavailable, OUTBOX};
use crate::app::offline::use_connection;
use crate::app::session::Session;

/// How often what waits is tried again while the page is open.
const RETRY_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// What waits in the outbox, as stored (a lot's photos aside).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The record's key in IndexedDB: the order of sending.
    #[serde(skip)]
    pub id: f64,
    /// Only this account's session sends it; `None`: a resident without an account, sent
    /// without any session.
    pub account_id: Option<i64>,
    pub idempotency_key: String,
    pub saved_at: DateTime<Utc>,
    pub errand: Errand,
    /// The server refused it: the person corrects or drops it.
    pub refusal: Option<Refusal>,
    /// A lot's photos: those on the server and those kept on the phone.
    #[serde(skip)]
    pub photo_count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Errand {
    NewLot {
        /// With the ids of the photos already on the server.
        draft: LotDraft,
        /// Ids the server gave to the first photos taken offline, so that a resumed send does
        /// not send them twice.
        sent_photo_ids: Vec<i64>,
    },
    Signup {
        workshop_id: i64,
        /// To say which, while it waits.
        workshop_title: String,
        request: SignupRequest,
    },
    /// A farmer takes back a lot (sent again, the server answers with the withdrawn lot).
    Withdrawal {
        lot_id: i64,
        /// To say which, while it waits: "Tomates · 40 kg".
        lot_label: String,
    },
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

impl Pending {
    /// The page where it shows, with its actions.
    pub fn page(&self) -> String {
        match &self.errand {
            Errand::NewLot { .. } | Errand::Withdrawal { .. } => pages::MY_LOTS.to_string(),
            Errand::Signup { workshop_id, .. } => pages::workshop(*workshop_id),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Outbox {
    /// What waits on this device, every account's; refreshed after each change.
    pending: RwSignal<Vec<Pending>>,
    /// Bumped each time something reaches the server: the pages showing it read again.
    sent: RwSignal<u32>,
    session: Session,
}

thread_local! {
    // One send at a time: two would send the same photos twice.
    static SENDING: Cell<bool> = const { Cell::new(false) };
    // Asked to send while a send was under way (the network came back while a send made
    // offline was still failing): that send goes round once more before it stops.
    static ASKED_AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// Called once at the app's start, after the session.
pub fn provide_outbox(session: Session) {
    let outbox = Outbox {
        pending: RwSignal::new(Vec::new()),
        sent: RwSignal::new(0),
        session,
    };
    provide_context(outbox);
    // At start (once who is logged in is known), when the network answers again (see
    // `Connection::returns`), now and then.
    Effect::new(move |_| {
        if session.is_known() {
            outbox.send_waiting();
        }
    });
    let connection = use_connection();
    Effect::watch(
        move || connection.returns(),
        move |_, _, _| outbox.send_waiting(),
        false,
    );
    let _ = set_interval_with_handle(
        move || {
            if !outbox.mine_waiting().is_empty() {
                outbox.send_waiting();
            }
        },
        RETRY_EVERY,
    );
    // What waits shows at once, before who is logged in is known (it is sent then).
    outbox.send_waiting();
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// What this person has in the outbox (logged in: their account's; otherwise residents'
    /// sign-ups made without an account), oldest first.
    pub fn mine(&self) -> Vec<Pending> {
        let account_id = self.session.me().map(|me| me.id);
        self.pending.with(|pending| {
            pending
                .iter()
                .filter(|item| item.account_id == account_id)
                .cloned()
                .collect()
        })
    }

    /// For a resource to read again once a lot reached the server.
    pub fn track_sent(&self) {
        self.sent.track();
    }

    /// (waiting, refused) items of this person.
    pub fn counts(&self) -> (usize, usize) {
        let mine = self.mine();
        let refused = mine.iter().filter(|item| item.refusal.is_some()).count();
        (mine.len() - refused, refused)
    }

    fn mine_waiting(&self) -> Vec<Pending> {
        let mut mine = self.mine();
        mine.retain(|item| item.refusal.is_none());
        mine
    }

    /// Keeps a farmer's withdrawal that found no network.
    pub async fn keep_withdrawal(
        &self,
        lot_id: i64,
        lot_label: String,
    ) -> Result<(), StorageUnavailable> {
        self.keep(
            Errand::Withdrawal { lot_id, lot_label },
            client::new_idempotency_key(),
        )
        .await
    }

    /// Keeps a sign-up that found no network, under the key it was first sent with (that send
    /// may have reached the server: the replay then answers with it).
    pub async fn keep_signup(
        &self,
        workshop_id: i64,
        workshop_title: String,
        request: SignupRequest,
        idempotency_key: String,
    ) -> Result<(), StorageUnavailable> {
        let errand = Errand::Signup {
            workshop_id,
            workshop_title,
            request,
        };
        self.keep(errand, idempotency_key).await
    }

    /// Keeps an errand (without photos) for this person, to send when the network returns.
    async fn keep(
        &self,
        errand: Errand,
        idempotency_key: String,
    ) -> Result<(), StorageUnavailable> {
        let item = Pending {
            id: 0.0,
            account_id: self.session.me().map(|me| me.id),
            idempotency_key,
            saved_at: Utc::now(),
            errand,
            refusal: None,
            photo_count: 0,
        };
        idb::add(OUTBOX, &to_record(&item, &[])).await?;
        self.reload().await;
        self.send_waiting();
        Ok(())
    }

    /// Keeps the lot on the phone first, so that nothing is lost whatever happens next, then
    /// tries to send it (after any lot that waits before it).
    pub async fn publish(&self, draft: LotDraft, photos: Vec<Blob>) -> Publication {
        let Some(me) = self.session.me() else {
            return Publication::Refused(ClientError::Unauthenticated(
                "Connectez-vous pour publier un lot.".into(),
            ));
        };
        let lot = Pending {
            id: 0.0,
            account_id: Some(me.id),
            idempotency_key: client::new_idempotency_key(),
            saved_at: Utc::now(),
            errand: Errand::NewLot {
                draft,
                sent_photo_ids: Vec::new(),
            },
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
            Ok(Some((item, _))) => match item.refusal {
                Some(refusal) => {
                    let _ = self.drop_item(id).await;
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

    /// Reads what waits and sends it, in the background. The code that does it is a part of the
    /// app of its own (see `lazy_pages`): a phone with nothing in its outbox, most residents',
    /// never downloads it.
    pub fn send_waiting(&self) {
        let outbox = *self;
        leptos::task::spawn_local(async move {
            match idb::count(OUTBOX).await {
                Ok(0) => {
                    // Sent meanwhile from another tab: nothing waits here either.
                    if outbox.pending.with_untracked(|pending| !pending.is_empty()) {
                        outbox.pending.set(Vec::new());
                    }
                }
                Ok(_) => {
                    // Not downloaded (no network): tried again at the next occasion.
                    if let Ok(reading_and_sending) = read_and_send(outbox).await {
                        reading_and_sending.await;
                    }
                }
                Err(StorageUnavailable) => {}
            }
        });
    }

    /// Forgets a waiting or refused item, at the person's request.
    pub async fn drop_item(&self, id: f64) -> Result<(), StorageUnavailable> {
        idb::delete(OUTBOX, id).await?;
        self.reload().await;
        Ok(())
    }

    /// A refused item's content, to correct it in its form.
    pub async fn take_out(&self, id: f64) -> Option<(Pending, Vec<Blob>)> {
        load(id).await.ok().flatten()
    }

    async fn reload(&self) {
        if let Ok(records) = idb::all(OUTBOX).await {
            let items = records
                .iter()
                .filter_map(|record| from_record(record).map(|(item, _)| item))
                .collect();
            self.pending.set(items);
        }
    }

    /// Sends this person's waiting items one by one, oldest first; stops at the first that
    /// finds no network. A refused one is set aside (the person sees why) and the next goes on.
    async fn send_all(&self) {
        // Before the session is known, an account's items could be taken for a guest's.
        if !self.session.is_known() {
            return;
        }
        if SENDING.with(|sending| sending.replace(true)) {
            ASKED_AGAIN.with(|asked| asked.set(true));
            return;
        }
        loop {
            self.send_queue_once().await;
            if !ASKED_AGAIN.with(|asked| asked.replace(false)) {
                break;
            }
        }
        SENDING.with(|sending| sending.set(false));
        self.reload().await;
    }

    /// One pass over the queue, oldest first, until its end or the first item that finds no
    /// network.
    async fn send_queue_once(&self) {
        let account_id = self.session.me().map(|me| me.id);
        let mut last_tried = f64::MIN;
        loop {
            // Read again each time: an item kept meanwhile joins the queue.
            let next = idb::all(OUTBOX).await.ok().and_then(|records| {
                records.iter().filter_map(from_record).find(|(item, _)| {
                    item.id > last_tried && item.account_id == account_id && item.refusal.is_none()
                })
            });
            let Some((item, photos)) = next else { break };
            last_tried = item.id;
            match send_one(item, photos).await {
                Sent::Yes => self.sent.update(|n| *n += 1),
                Sent::Refused => {}
                Sent::NotNow => break,
            }
            self.reload().await;
        }
    }
}

/// The outbox's part: its records read (`pending`, and so the counts the header shows), then
/// this person's sent.
#[wasm_split(outbox, fallible, wasm_split_path = ::leptos::wasm_split)]
fn read_and_send(outbox: Outbox) -> Result<Pin<Box<dyn Future<Output = ()>>>, SplitLoaderError> {
    Ok(Box::pin(async move {
        outbox.reload().await;
        outbox.send_all().await;
    }))
}

enum Sent {
    Yes,
    /// Set aside with the server's reason; the next lot goes on.
    Refused,
    /// No network, or no session: the lot and those after it wait.
    NotNow,
}

/// Sends one item; a lot's photos taken offline go first (each id noted, so that a resumed
/// send does not send them again).
async fn send_one(mut item: Pending, photos: Vec<Blob>) -> Sent {
    let sent = match item.errand.clone() {
        Errand::NewLot {
            mut draft,
            mut sent_photo_ids,
        } => {
            while let Some(photo) = photos.get(sent_photo_ids.len()) {
                match client::upload_photo(photo.clone()).await {
                    Ok(uploaded) => {
                        sent_photo_ids.push(uploaded.id);
                        item.errand = Errand::NewLot {
                            draft: draft.clone(),
                            sent_photo_ids: sent_photo_ids.clone(),
                        };
                        let _ = idb::put(OUTBOX, &to_record(&item, &photos)).await;
                    }
                    Err(error) => return set_aside(item, &photos, error, Some("photos")).await,
                }
            }
            draft.photo_ids.extend(&sent_photo_ids);
            client::create_lot(&draft, &item.idempotency_key)
                .await
                .map(|_| ())
        }
        Errand::Signup {
            workshop_id,
            request,
            ..
        } => {
            let as_guest = item.account_id.is_none();
            client::sign_up(workshop_id, &request, &item.idempotency_key, as_guest)
                .await
                .map(|receipt| {
                    if receipt.cancel_token.is_some() {
                        guest_signups::remember(&receipt);
                    }
                })
        }
        Errand::Withdrawal { lot_id, .. } => client::act_on_lot(lot_id, LotAction::Withdraw)
            .await
            .map(|_| ()),
    };
    match sent {
        Ok(()) => {
            let _ = idb::delete(OUTBOX, item.id).await;
            Sent::Yes
        }
        Err(error) => set_aside(item, &photos, error, None).await,
    }
}

/// After a failed send: a refusal is recorded on the item; anything else waits for later.
async fn set_aside(
    mut item: Pending,
    photos: &[Blob],
    error: ClientError,
    default_field: Option<&str>,
) -> Sent {
    let (message, field) = match error {
        ClientError::Refused { message, field } => (message, field),
        ClientError::NotFound(message) => (message, None),
        ClientError::Unreachable | ClientError::Unauthenticated(_) => return Sent::NotNow,
    };
    item.refusal = Some(Refusal {
        message,
        field: field.or(default_field.map(str::to_string)),
    });
    let _ = idb::put(OUTBOX, &to_record(&item, photos)).await;
    Sent::Refused
}

/// Without IndexedDB: photos then lot, straight away; nothing waits.
async fn direct_send(lot: Pending, photos: Vec<Blob>) -> Publication {
    let Errand::NewLot { mut draft, .. } = lot.errand else {
        unreachable!("only lots are published")
    };
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

async fn load(id: f64) -> Result<Option<(Pending, Vec<Blob>)>, StorageUnavailable> {
    Ok(idb::get(OUTBOX, id)
        .await?
        .and_then(|record| from_record(&record)))
}

/// The stored record: the item as JSON text (one schema, serde's), a lot's photos as blobs.
fn to_record(item: &Pending, photos: &[Blob]) -> Object {
    let record = Object::new();
    if item.id > 0.0 {
        idb::set_field(&record, "id", &JsValue::from_f64(item.id));
    }
    let json = serde_json::to_string(item).expect("plain data serialises");
    idb::set_field(&record, "item", &JsValue::from_str(&json));
    let blobs: Array = photos.iter().collect();
    idb::set_field(&record, "photos", &blobs);
    record
}

fn from_record(record: &JsValue) -> Option<(Pending, Vec<Blob>)> {
    let mut item: Pending = serde_json::from_str(&idb::field(record, "item").as_string()?).ok()?;
    item.id = idb::field(record, "id").as_f64()?;
    let photos = idb::field(record, "photos")
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .filter_map(|photo| photo.dyn_into::<Blob>().ok())
        .collect::<Vec<_>>();
    if let Errand::NewLot { draft, .. } = &item.errand {
        item.photo_count = draft.photo_ids.len() + photos.len();
    }
    Some((item, photos))
}
