//! The API client: one function per endpoint, paths and types from `crate::api`.

use std::cell::Cell;

use chrono::{DateTime, NaiveDate, Utc};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::accounts::{
    AccountActive, AuditPage, AuditQuery, CentreOption, CreatedAccount, LoginRequest, Me,
    NewAccount, PasswordChange, PendingProducer, ProducerRequest, REQUEST_HEADER,
    REQUEST_HEADER_VALUE,
};
use crate::api::batches::{
    AvailableLot, Batch, BatchSummary, NewBatch, NewDisposition, NewRecall, RecallReturn,
    StockBatch,
};
use crate::api::centres::{CentreDraft, CentreSettings};
use crate::api::impact::{CommuneTotal, Impact};
use crate::api::lots::{
    CollectionRound, Farm, FarmNotifyBy, Lot, LotAction, LotDraft, Market, Rescued, UploadedPhoto,
    ROUND_DAY_PARAM,
};
use crate::api::messages::{Broadcast, BroadcastReceipt, MessageRow};
use crate::api::operator::{Footer, Operator};
use crate::api::personal_data::{CloseAccount, MyData, ProfileChange};
use crate::api::produce::{Deposit, DepositRate, Produce, ProduceDraft};
use crate::api::recipes::{Recipe, RecipeFilter, RecipeSummary};
use crate::api::signups::{
    Attendance, CalendarLink, CancelSignup, MySignup, PushKey, SignupReceipt, SignupRequest,
    SignupRow,
};
use crate::api::territory::{
    Commune, CommuneQuery, CommuneSearch, TerritoryAdded, TerritoryAddition,
};
use crate::api::wallet::{
    CounterOperation, HistoryQuery, JarPrice, LedgerEntry, LedgerRequest, MemberRow, StockLine,
    Wallet,
};
use crate::api::workshops::{
    PlaceDraft, SavedWorkshop, Series, StatusChange, WorkshopDraft, WorkshopList, WorkshopListQuery,
};
use crate::api::{paths, ErrorBody, ErrorCode, IDEMPOTENCY_KEY_HEADER};
use crate::domain::notify::Channel;
use crate::domain::recipe::RecipeContent;
use crate::domain::{Place, Workshop, WorkshopStatus};

/// Why a call failed, in terms the UI can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// No answer: offline, server down, or an answer that is not ours.
    Unreachable,
    NotFound(String),
    /// No session (or it expired): log in again.
    Unauthenticated(String),
    /// The server answered with an error; its message is French, fit to show, next to
    /// `field` when there is one.
    Refused {
        message: String,
        field: Option<String>,
    },
}

impl ClientError {
    /// What to tell the person; `offline` when the server could not be reached.
    pub fn message(&self, offline: &str) -> String {
        match self {
            ClientError::Unreachable => offline.to_string(),
            ClientError::NotFound(message)
            | ClientError::Unauthenticated(message)
            | ClientError::Refused { message, .. } => message.clone(),
        }
    }
}

// --- Public calendar ---------------------------------------------------------------------

pub async fn list_workshops(
    query: WorkshopListQuery,
    mode: ReadMode,
) -> Result<WorkshopList, ClientError> {
    let pairs = query.to_pairs();
    let request = mode
        .get(paths::WORKSHOPS)
        .query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    read(request.send().await).await
}

pub async fn get_workshop(id: i64, mode: ReadMode) -> Result<Workshop, ClientError> {
    read(mode.get(&paths::workshop(id)).send().await).await
}

/// Who runs the cannery, for the footer: at once from what the phone keeps, then refreshed.
pub async fn footer() -> Result<Footer, ClientError> {
    read(shown_at_once(paths::FOOTER).send().await).await
}

pub async fn centres() -> Result<Vec<CentreOption>, ClientError> {
    read(Request::get(paths::CENTRES).send().await).await
}

// --- Session and "mon compte" ------------------------------------------------------------

pub async fn log_in(login: LoginRequest) -> Result<Me, ClientError> {
    send(Request::post(paths::SESSION), &login).await
}

pub async fn log_out() -> Result<(), ClientError> {
    done(mutation(Request::delete(paths::SESSION)).send().await).await
}

pub async fn me() -> Result<Me, ClientError> {
    read(Request::get(paths::ME).send().await).await
}

pub async fn change_password(change: PasswordChange) -> Result<(), ClientError> {
    send_done(Request::put(paths::MY_PASSWORD), &change).await
}

pub async fn my_signups() -> Result<Vec<MySignup>, ClientError> {
    read(shown_at_once(paths::MY_SIGNUPS).send().await).await
}

/// Who runs this Bocal (labels, the legal pages).
pub async fn operator() -> Result<Operator, ClientError> {
    read(Request::get(paths::OPERATOR).send().await).await
}

/// Everything held on the caller ("Mes données"); never kept by the service worker.
pub async fn my_data() -> Result<MyData, ClientError> {
    read(Request::get(paths::MY_DATA).send().await).await
}

pub async fn correct_profile(change: ProfileChange) -> Result<Me, ClientError> {
    send(Request::put(paths::ME), &change).await
}

pub async fn close_account(request: CloseAccount) -> Result<(), ClientError> {
    send_done(Request::post(paths::MY_CLOSE), &request).await
}

// --- Sign-ups ----------------------------------------------------------------------------

/// Signs up under `idempotency_key`: sent again (the outbox after a lost answer), it gets the
/// same sign-up back. `as_guest` sends no session: a resident's sign-up kept on this phone
/// stays theirs whoever logs in meanwhile.
pub async fn sign_up(
    workshop_id: i64,
    request: &SignupRequest,
    idempotency_key: &str,
    as_guest: bool,
) -> Result<SignupReceipt, ClientError> {
    let mut builder = Request::post(&paths::workshop_signups(workshop_id))
        .header(IDEMPOTENCY_KEY_HEADER, idempotency_key);
    if as_guest {
        builder = builder.credentials(web_sys::RequestCredentials::Omit);
    }
    send(builder, request).await
}

pub async fn cancel_signup(signup_id: i64, token: Option<String>) -> Result<(), ClientError> {
    send_done(
        Request::post(&paths::signup_cancel(signup_id)),
        &CancelSignup { token },
    )
    .await
}

/// A sign-up as it stands now (its code, for a sign-up made without an account): still in
/// the waiting list, or holding a place.
pub async fn signup_state(
    signup_id: i64,
    token: Option<String>,
) -> Result<SignupReceipt, ClientError> {
    send(
        Request::post(&paths::signup_state(signup_id)),
        &CancelSignup { token },
    )
    .await
}

/// The server's key for notifications of the installed app; `None`: not offered.
pub async fn push_key() -> Result<PushKey, ClientError> {
    read(Request::get(paths::PUSH_KEY).send().await).await
}

/// A new secret address for "my workshops" as a calendar.
pub async fn renew_calendar() -> Result<CalendarLink, ClientError> {
    send(Request::post(paths::MY_CALENDAR), &()).await
}

/// No more messages for this sign-up (its code, for a sign-up made without an account).
pub async fn stop_messages(signup_id: i64, token: Option<String>) -> Result<(), ClientError> {
    send_done(
        Request::post(&paths::signup_stop_messages(signup_id)),
        &CancelSignup { token },
    )
    .await
}

pub async fn workshop_messages(workshop_id: i64) -> Result<Vec<MessageRow>, ClientError> {
    read(
        Request::get(&paths::workshop_messages(workshop_id))
            .send()
            .await,
    )
    .await
}

/// What a person was told: their sign-ups' and their farm's messages.
pub async fn account_messages(account_id: i64) -> Result<Vec<MessageRow>, ClientError> {
    read(
        Request::get(&paths::account_messages(account_id))
            .send()
            .await,
    )
    .await
}

/// The animators' words to those signed up, under `idempotency_key`: sent again, nobody is
/// told twice.
pub async fn broadcast(
    workshop_id: i64,
    request: &Broadcast,
    idempotency_key: &str,
) -> Result<BroadcastReceipt, ClientError> {
    let builder = Request::post(&paths::workshop_messages(workshop_id))
        .header(IDEMPOTENCY_KEY_HEADER, idempotency_key);
    send(builder, request).await
}

pub async fn workshop_signups(workshop_id: i64) -> Result<Vec<SignupRow>, ClientError> {
    read(
        Request::get(&paths::workshop_signups(workshop_id))
            .send()
            .await,
    )
    .await
}

pub async fn record_attendance(signup_id: i64, attendance: Attendance) -> Result<(), ClientError> {
    send_done(
        Request::put(&paths::signup_attendance(signup_id)),
        &attendance,
    )
    .await
}

// --- Animators ---------------------------------------------------------------------------

pub async fn create_workshop(draft: WorkshopDraft) -> Result<SavedWorkshop, ClientError> {
    send(Request::post(paths::WORKSHOPS), &draft).await
}

/// What creating `draft` would make (a series' dates, the truck's overlaps); nothing written.
pub async fn preview_workshop(draft: WorkshopDraft) -> Result<SavedWorkshop, ClientError> {
    send(Request::post(paths::WORKSHOP_PREVIEWS), &draft).await
}

pub async fn update_workshop(id: i64, draft: WorkshopDraft) -> Result<SavedWorkshop, ClientError> {
    send(Request::put(&paths::workshop(id)), &draft).await
}

pub async fn workshop_series(id: i64) -> Result<Series, ClientError> {
    read(Request::get(&paths::workshop_series(id)).send().await).await
}

/// Applies `draft` to workshop `id` and the later occurrences of its series.
pub async fn update_following(id: i64, draft: WorkshopDraft) -> Result<Series, ClientError> {
    send(Request::put(&paths::workshop_following(id)), &draft).await
}

/// Cancels workshop `id` and the later occurrences of its series.
pub async fn cancel_following(id: i64) -> Result<Series, ClientError> {
    send(Request::post(&paths::workshop_cancel_following(id)), &()).await
}

pub async fn set_workshop_status(id: i64, status: WorkshopStatus) -> Result<Workshop, ClientError> {
    send(
        Request::post(&paths::workshop_status(id)),
        &StatusChange { status },
    )
    .await
}

pub async fn places() -> Result<Vec<Place>, ClientError> {
    read(Request::get(paths::PLACES).send().await).await
}

pub async fn create_place(place: PlaceDraft) -> Result<Place, ClientError> {
    send(Request::post(paths::PLACES), &place).await
}

pub async fn update_place(id: i64, place: PlaceDraft) -> Result<Place, ClientError> {
    send(Request::put(&paths::place(id)), &place).await
}

// --- The cannery's settings (admins) -------------------------------------------------------

pub async fn centre_settings() -> Result<Vec<CentreSettings>, ClientError> {
    read(Request::get(paths::SETTINGS_CENTRES).send().await).await
}

pub async fn create_centre(centre: CentreDraft) -> Result<CentreSettings, ClientError> {
    send(Request::post(paths::SETTINGS_CENTRES), &centre).await
}

pub async fn update_centre(id: i64, centre: CentreDraft) -> Result<CentreSettings, ClientError> {
    send(Request::put(&paths::centre_settings(id)), &centre).await
}

/// The communes the cannery serves.
pub async fn territory() -> Result<Vec<Commune>, ClientError> {
    read(Request::get(paths::TERRITORY).send().await).await
}

/// The official list of communes searched: by name, postcode, EPCI or département.
pub async fn search_communes(words: String) -> Result<CommuneSearch, ClientError> {
    read(
        Request::get(paths::COMMUNE_SEARCH)
            .query([(CommuneQuery::PARAM, words.as_str())])
            .send()
            .await,
    )
    .await
}

pub async fn add_to_territory(addition: TerritoryAddition) -> Result<TerritoryAdded, ClientError> {
    send(Request::post(paths::TERRITORY), &addition).await
}

pub async fn remove_from_territory(insee_code: String) -> Result<Vec<Commune>, ClientError> {
    read(
        mutation(Request::delete(&paths::territory_commune(&insee_code)))
            .send()
            .await,
    )
    .await
}

/// Closes a centre, or (`closed` false) opens it again.
pub async fn set_centre_closed(id: i64, closed: bool) -> Result<CentreSettings, ClientError> {
    let path = paths::centre_closing(id);
    let request = if closed {
        Request::post(&path)
    } else {
        Request::delete(&path)
    };
    read(mutation(request).send().await).await
}

/// The season's produce, retired ones included.
pub async fn produce_settings() -> Result<Vec<Produce>, ClientError> {
    read(Request::get(paths::SETTINGS_PRODUCE).send().await).await
}

pub async fn create_produce(produce: ProduceDraft) -> Result<Produce, ClientError> {
    send(Request::post(paths::SETTINGS_PRODUCE), &produce).await
}

pub async fn update_produce(id: i64, produce: ProduceDraft) -> Result<Produce, ClientError> {
    send(Request::put(&paths::settings_produce(id)), &produce).await
}

/// Retires a produce, or (`retired` false) offers it again.
pub async fn set_produce_retired(id: i64, retired: bool) -> Result<Produce, ClientError> {
    let path = paths::produce_retirement(id);
    let request = if retired {
        Request::post(&path)
    } else {
        Request::delete(&path)
    };
    read(mutation(request).send().await).await
}

/// Deletes a produce that nothing names (one in use is refused: retire it).
pub async fn delete_produce(id: i64) -> Result<(), ClientError> {
    done(
        mutation(Request::delete(&paths::settings_produce(id)))
            .send()
            .await,
    )
    .await
}

/// The jar deposit: today's rate and every rate.
pub async fn deposit() -> Result<Deposit, ClientError> {
    read(Request::get(paths::SETTINGS_DEPOSIT).send().await).await
}

pub async fn set_deposit_rate(rate: DepositRate) -> Result<Deposit, ClientError> {
    send(Request::post(paths::SETTINGS_DEPOSIT), &rate).await
}

pub async fn create_account(account: NewAccount) -> Result<CreatedAccount, ClientError> {
    send(Request::post(paths::ACCOUNTS), &account).await
}

pub async fn search_accounts(query: String) -> Result<Vec<Me>, ClientError> {
    read(
        Request::get(paths::ACCOUNTS)
            .query([("q", query.as_str())])
            .send()
            .await,
    )
    .await
}

pub async fn correct_account(account_id: i64, change: ProfileChange) -> Result<Me, ClientError> {
    send(Request::put(&paths::account(account_id)), &change).await
}

pub async fn set_account_active(account_id: i64, active: bool) -> Result<Me, ClientError> {
    send(
        Request::put(&paths::account_active(account_id)),
        &AccountActive { active },
    )
    .await
}

pub async fn audit(query: AuditQuery) -> Result<AuditPage, ClientError> {
    let pairs = query.to_pairs();
    let request = Request::get(paths::AUDIT).query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    read(request.send().await).await
}

pub async fn reset_password(account_id: i64) -> Result<CreatedAccount, ClientError> {
    read(
        mutation(Request::post(&paths::password_reset(account_id)))
            .send()
            .await,
    )
    .await
}

pub async fn request_producer_account(request: ProducerRequest) -> Result<Me, ClientError> {
    send(Request::post(paths::PRODUCER_REQUESTS), &request).await
}

pub async fn pending_producers() -> Result<Vec<PendingProducer>, ClientError> {
    read(Request::get(paths::PRODUCER_REQUESTS).send().await).await
}

pub async fn approve_producer(producer_id: i64) -> Result<(), ClientError> {
    done(
        mutation(Request::post(&paths::producer_approval(producer_id)))
            .send()
            .await,
    )
    .await
}

// --- Marketplace -------------------------------------------------------------------------

pub async fn my_lots() -> Result<Vec<Lot>, ClientError> {
    read(shown_at_once(paths::MY_LOTS).send().await).await
}

pub async fn mark_my_lots_seen() -> Result<(), ClientError> {
    done(mutation(Request::post(paths::MY_LOTS_SEEN)).send().await).await
}

pub async fn my_farm() -> Result<Farm, ClientError> {
    read(Request::get(paths::MY_FARM).send().await).await
}

/// Whether the farm is told by SMS of its approval and its lots.
pub async fn set_farm_notify_by(notify_by: Option<Channel>) -> Result<Farm, ClientError> {
    send(
        Request::put(paths::MY_FARM_NOTIFY_BY),
        &FarmNotifyBy { notify_by },
    )
    .await
}

pub async fn get_lot(id: i64) -> Result<Lot, ClientError> {
    read(Request::get(&paths::lot(id)).send().await).await
}

/// Publishes a new lot under `idempotency_key`: sent again (the outbox after a lost answer), it
/// gets the same lot back.
pub async fn create_lot(draft: &LotDraft, idempotency_key: &str) -> Result<Lot, ClientError> {
    let request = Request::post(paths::LOTS).header(IDEMPOTENCY_KEY_HEADER, idempotency_key);
    send(request, draft).await
}

pub async fn update_lot(id: i64, draft: LotDraft) -> Result<Lot, ClientError> {
    send(Request::put(&paths::lot(id)), &draft).await
}

pub async fn act_on_lot(id: i64, action: LotAction) -> Result<Lot, ClientError> {
    send(Request::post(&paths::lot_actions(id)), &action).await
}

/// Sends a lot's photo file as it is; the server checks, shrinks and re-encodes it.
pub async fn upload_photo(file: web_sys::Blob) -> Result<UploadedPhoto, ClientError> {
    send_photo(paths::LOT_PHOTOS, file).await
}

/// A recipe's photo, as `upload_photo`.
pub async fn upload_recipe_photo(file: web_sys::File) -> Result<UploadedPhoto, ClientError> {
    send_photo(paths::RECIPE_PHOTOS, file.into()).await
}

async fn send_photo(path: &str, file: web_sys::Blob) -> Result<UploadedPhoto, ClientError> {
    let request = mutation(Request::post(path))
        .header("content-type", &file.type_())
        .body(file)
        .map_err(|_| ClientError::Unreachable)?;
    read(request.send().await).await
}

pub async fn market() -> Result<Market, ClientError> {
    read(Request::get(paths::MARKET).send().await).await
}

pub async fn collection_round(day: NaiveDate) -> Result<CollectionRound, ClientError> {
    let day = day.to_string();
    read(
        Request::get(paths::COLLECTION_ROUND)
            .query([(ROUND_DAY_PARAM, day.as_str())])
            .send()
            .await,
    )
    .await
}

pub async fn rescued() -> Result<Rescued, ClientError> {
    read(shown_at_once(paths::RESCUED).send().await).await
}

// --- Recipes ---------------------------------------------------------------------------

pub async fn list_recipes(
    filter: RecipeFilter,
    mode: ReadMode,
) -> Result<Vec<RecipeSummary>, ClientError> {
    let pairs = filter.to_pairs();
    let request = mode
        .get(paths::RECIPES)
        .query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    read(request.send().await).await
}

/// A recipe at its current version, or at `version`.
pub async fn get_recipe(
    id: i64,
    version: Option<u32>,
    mode: ReadMode,
) -> Result<Recipe, ClientError> {
    let path = match version {
        Some(version) => paths::recipe_version(id, version),
        None => paths::recipe(id),
    };
    read(mode.get(&path).send().await).await
}

/// A recipe file from another Bocal (`GET /api/v1/recipes/{id}/file`), as a new recipe.
pub async fn import_recipe_file(file: web_sys::Blob) -> Result<Recipe, ClientError> {
    let request = mutation(Request::post(paths::RECIPE_IMPORT))
        .header("content-type", "application/json")
        .body(file)
        .map_err(|_| ClientError::Unreachable)?;
    read(request.send().await).await
}

/// Imports the starter library into the empty library.
pub async fn import_starter_library() -> Result<(), ClientError> {
    done(mutation(Request::post(paths::STARTER_LIBRARY)).send().await).await
}

pub async fn create_recipe(recipe: RecipeContent) -> Result<Recipe, ClientError> {
    send(Request::post(paths::RECIPES), &recipe).await
}

/// Saves the recipe's next version.
pub async fn update_recipe(id: i64, recipe: RecipeContent) -> Result<Recipe, ClientError> {
    send(Request::put(&paths::recipe(id)), &recipe).await
}

// --- Wallet and counter -----------------------------------------------------------------

pub async fn my_wallet(history: HistoryQuery) -> Result<Wallet, ClientError> {
    let pairs = history.to_pairs();
    let request =
        shown_at_once(paths::MY_WALLET).query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    read(request.send().await).await
}

pub async fn search_wallets(query: String) -> Result<Vec<MemberRow>, ClientError> {
    read(
        Request::get(paths::WALLETS)
            .query([("q", query.as_str())])
            .send()
            .await,
    )
    .await
}

pub async fn wallet(account_id: i64) -> Result<Wallet, ClientError> {
    read(Request::get(&paths::wallet(account_id)).send().await).await
}

/// Records a counter operation under `idempotency_key`: sent again after a lost answer, it
/// is recorded once.
pub async fn record(
    idempotency_key: String,
    operation: CounterOperation,
) -> Result<LedgerEntry, ClientError> {
    let request = LedgerRequest {
        idempotency_key,
        operation,
    };
    send(Request::post(paths::LEDGER), &request).await
}

pub async fn recent_entries(centre: i64) -> Result<Vec<LedgerEntry>, ClientError> {
    let centre = centre.to_string();
    read(
        Request::get(paths::LEDGER)
            .query([("centre", centre.as_str())])
            .send()
            .await,
    )
    .await
}

pub async fn centre_stock(centre_id: i64) -> Result<Vec<StockLine>, ClientError> {
    read(Request::get(&paths::centre_stock(centre_id)).send().await).await
}

pub async fn set_jar_price(price: JarPrice) -> Result<(), ClientError> {
    send_done(Request::put(paths::JAR_PRICES), &price).await
}

// --- Impact figures ---------------------------------------------------------------------

pub async fn impact(du: NaiveDate, au: NaiveDate) -> Result<Impact, ClientError> {
    read(for_period(paths::IMPACT, du, au).send().await).await
}

pub async fn impact_communes(
    du: NaiveDate,
    au: NaiveDate,
) -> Result<Vec<CommuneTotal>, ClientError> {
    read(for_period(paths::IMPACT_COMMUNES, du, au).send().await).await
}

/// A read of the months `du` to `au` (the impact figures' query).
fn for_period(path: &str, du: NaiveDate, au: NaiveDate) -> RequestBuilder {
    Request::get(path).query([("du", du.to_string()), ("au", au.to_string())])
}

// --- Production batches -----------------------------------------------------------------

pub async fn batches(lot: Option<i64>) -> Result<Vec<BatchSummary>, ClientError> {
    let mut request = Request::get(paths::BATCHES);
    if let Some(lot) = lot {
        request = request.query([("lot", lot.to_string())]);
    }
    read(request.send().await).await
}

pub async fn available_lots() -> Result<Vec<AvailableLot>, ClientError> {
    read(Request::get(paths::BATCH_INPUTS).send().await).await
}

pub async fn get_batch(id: i64) -> Result<Batch, ClientError> {
    read(Request::get(&paths::batch(id)).send().await).await
}

/// Records a batch; `new` carries its idempotency key, kept by the form across retries.
pub async fn record_batch(new: NewBatch) -> Result<Batch, ClientError> {
    send(Request::post(paths::BATCHES), &new).await
}

pub async fn record_disposition(id: i64, fate: NewDisposition) -> Result<Batch, ClientError> {
    send(Request::post(&paths::batch_disposition(id)), &fate).await
}

pub async fn stock_batch(id: i64, request: StockBatch) -> Result<Batch, ClientError> {
    send(Request::post(&paths::batch_stock(id)), &request).await
}

pub async fn recall_batch(id: i64, recall: NewRecall) -> Result<Batch, ClientError> {
    send(Request::post(&paths::batch_recall(id)), &recall).await
}

pub async fn recall_return(id: i64, returned: RecallReturn) -> Result<Batch, ClientError> {
    send(Request::post(&paths::batch_recall_returns(id)), &returned).await
}

/// Random enough for one device's mutations: the time and 96 random bits.
pub fn new_idempotency_key() -> String {
    use web_sys::js_sys::{Date, Math};
    let random = || (Math::random() * 2f64.powi(48)) as u64;
    format!(
        "{:x}-{:012x}{:012x}",
        Date::now() as u64,
        random(),
        random()
    )
}

// --- Plumbing ----------------------------------------------------------------------------

/// How a read asks the service worker to answer (public/sw.js, same name there).
const READ_MODE_HEADER: &str = "x-bocal-read";
/// When the service worker stored the answer it gives, in ms since 1970 (public/sw.js).
const STORED_AT_HEADER: &str = "x-bocal-stored-at";

/// How a read wants its answer from the service worker (public/sw.js).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReadMode {
    /// At once from what is stored, if anything, then refreshed behind the page: for pages
    /// that read again when told (the offline module's `refreshed_resource`).
    ShownAtOnce,
    /// From the network first, from what is stored only when it fails or is very slow: for
    /// forms and the team's screens, which must start from the latest data.
    NetworkFirst,
}

impl ReadMode {
    fn get(self, url: &str) -> RequestBuilder {
        match self {
            ReadMode::ShownAtOnce => shown_at_once(url),
            ReadMode::NetworkFirst => Request::get(url),
        }
    }
}

fn shown_at_once(url: &str) -> RequestBuilder {
    Request::get(url).header(READ_MODE_HEADER, "stale-while-revalidate")
}

/// What a request got: an answer of the server, one the service worker stored (and when), or
/// none at all.
pub enum Heard {
    FromServer,
    Stored(DateTime<Utc>),
    Nothing,
}

thread_local! {
    // Who hears of every answer: the offline module registers it at the app's start. The
    // client is the bottom layer: it calls up through this, and imports nothing of the app.
    static ANSWER_LISTENER: Cell<Option<fn(Heard)>> = const { Cell::new(None) };
}

/// Registers who hears of every answer (the offline banner).
pub fn on_every_answer(listener: fn(Heard)) {
    ANSWER_LISTENER.set(Some(listener));
}

/// Tells the listener whether the server answered or the service worker did.
fn note_answer(sent: &Result<Response, gloo_net::Error>) {
    let heard = match sent {
        Ok(response) => response
            .headers()
            .get(STORED_AT_HEADER)
            .and_then(|ms| ms.parse::<i64>().ok())
            .and_then(DateTime::from_timestamp_millis)
            .map_or(Heard::FromServer, Heard::Stored),
        Err(_) => Heard::Nothing,
    };
    if let Some(listener) = ANSWER_LISTENER.get() {
        listener(heard);
    }
}

/// Marks a state-changing request as coming from Bocal's pages (the server's CSRF guard).
fn mutation(request: RequestBuilder) -> RequestBuilder {
    request.header(REQUEST_HEADER, REQUEST_HEADER_VALUE)
}

async fn send<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ClientError> {
    let request = mutation(request)
        .json(body)
        .map_err(|_| ClientError::Unreachable)?;
    read(request.send().await).await
}

async fn send_done<B: Serialize>(request: RequestBuilder, body: &B) -> Result<(), ClientError> {
    let request = mutation(request)
        .json(body)
        .map_err(|_| ClientError::Unreachable)?;
    done(request.send().await).await
}

/// A JSON answer: of a read, or of a write that answers with a body.
async fn read<T: DeserializeOwned>(
    sent: Result<Response, gloo_net::Error>,
) -> Result<T, ClientError> {
    note_answer(&sent);
    let response = sent.map_err(|_| ClientError::Unreachable)?;
    if response.ok() {
        return response.json().await.map_err(|_| ClientError::Unreachable);
    }
    Err(refusal(response).await)
}

/// For answers without a body (204).
async fn done(sent: Result<Response, gloo_net::Error>) -> Result<(), ClientError> {
    note_answer(&sent);
    let response = sent.map_err(|_| ClientError::Unreachable)?;
    if response.ok() {
        return Ok(());
    }
    Err(refusal(response).await)
}

async fn refusal(response: Response) -> ClientError {
    match response.json::<ErrorBody>().await {
        Ok(body) => match body.error.code {
            ErrorCode::NotFound => ClientError::NotFound(body.error.message),
            ErrorCode::Unauthenticated => ClientError::Unauthenticated(body.error.message),
            _ => ClientError::Refused {
                message: body.error.message,
                field: body.error.field,
            },
        },
        // A proxy's or a dead server's error page.
        Err(_) => ClientError::Unreachable,
    }
}
