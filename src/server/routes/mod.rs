//! The JSON API under `/api/v1`, one module per resource. Every endpoint is registered here
//! with the roles that may call it; the check runs before the handler.

mod accounts;
mod batches;
mod health;
mod impact;
mod lots;
mod openapi;
mod operator;
mod personal_data;
mod recipes;
mod session;
mod settings;
mod signups;
mod wallet;
mod workshop_editor;
mod workshops;

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::routing::{on, MethodFilter};
use axum::Router;
use schemars::{JsonSchema, SchemaGenerator};

use self::openapi::{Content, DescribeHandler, Described, Operation, CSV, ICS, JPEG, SVG};
use crate::api::accounts::Me;
use crate::api::paths;
use crate::api::personal_data::MyData;
use crate::api::recipes::RecipeFile;
use crate::domain::Workshop;
use crate::server::http::error::AppError;
use crate::server::http::session::{Access, Caller};
use crate::server::state::AppState;

/// One endpoint: method, path (axum syntax, `{id}` for a parameter) and who may call it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    pub path: String,
    pub access: Access,
}

/// The API's routes, the list of what was registered (for the authorization test), and each
/// one's description (for the OpenAPI document), in the same order.
struct Api {
    router: Router<AppState>,
    endpoints: Vec<Endpoint>,
    operations: Vec<Operation>,
    schemas: SchemaGenerator,
}

impl Api {
    fn route<H, T, Arguments>(
        mut self,
        method: Method,
        path: &str,
        access: Access,
        handler: H,
    ) -> Api
    where
        H: Handler<T, AppState> + DescribeHandler<Arguments>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).expect("a standard method");
        let checked = on(filter, handler).route_layer(middleware::from_fn(
            move |request: Request, next: Next| async move {
                let caller = request
                    .extensions()
                    .get::<Caller>()
                    .cloned()
                    .unwrap_or_default();
                match access.check(&caller) {
                    Ok(()) => next.run(request).await,
                    Err(error) => error.into_response(),
                }
            },
        ));
        self.router = self.router.route(path, checked);
        self.endpoints.push(Endpoint {
            method,
            path: path.to_string(),
            access,
        });
        self.operations.push(H::describe(&mut self.schemas));
        self
    }

    /// What the last handler, which builds its own `Response`, sends on success.
    fn answers(mut self, status: StatusCode, content: Content) -> Api {
        let last = self.operations.last_mut().expect("a route before");
        last.answer(status, content);
        self
    }

    /// The same, as JSON of `T`'s schema.
    fn answers_json<T: JsonSchema>(mut self) -> Api {
        let body = openapi::schema::<T>(&mut self.schemas);
        self.answers(StatusCode::OK, Content::Json(body))
    }

    /// JSON of `T`'s schema, or the same as a file of this media type.
    fn answers_json_or_file<T: JsonSchema>(mut self, media: &'static str) -> Api {
        let body = openapi::schema::<T>(&mut self.schemas);
        self.answers(StatusCode::OK, Content::JsonOrFile(body, media))
    }
}

fn api() -> Api {
    use Access::*;
    let workshop = format!("{}/{{id}}", paths::WORKSHOPS);
    let workshop_status = format!("{workshop}/status");
    let workshop_series = format!("{workshop}/series");
    let workshop_cancel_following = format!("{workshop}/cancel-following");
    let workshop_following = format!("{workshop}/following");
    let workshop_signups = format!("{workshop}/signups");
    let workshop_messages = format!("{workshop}/messages");
    let personal_calendar = format!("{}/{{secret}}", paths::CALENDARS);
    let place = format!("{}/{{id}}", paths::PLACES);
    let approval = format!("{}/{{id}}/approve", paths::PRODUCER_REQUESTS);
    let password_reset = format!("{}/{{id}}/reset-password", paths::ACCOUNTS);
    let account = format!("{}/{{id}}", paths::ACCOUNTS);
    let account_active = format!("{account}/active");
    let account_messages = format!("{account}/messages");
    let signup = format!("{}/{{id}}", paths::SIGNUPS);
    let signup_cancel = format!("{signup}/cancel");
    let signup_attendance = format!("{signup}/attendance");
    let signup_stop_messages = format!("{signup}/stop-messages");
    let signup_state = format!("{signup}/state");
    let lot = format!("{}/{{id}}", paths::LOTS);
    let lot_actions = format!("{lot}/actions");
    let lot_photo = format!("{}/{{id}}", paths::LOT_PHOTOS);
    let recipe = format!("{}/{{id}}", paths::RECIPES);
    let recipe_version = format!("{recipe}/versions/{{version}}");
    let recipe_file = format!("{recipe}/file");
    let recipe_photo = format!("{}/{{id}}", paths::RECIPE_PHOTOS);
    let wallet = format!("{}/{{id}}", paths::WALLETS);
    let centre_stock = format!("{}/{{id}}/stock", paths::CENTRES);
    let centre_settings = format!("{}/{{id}}", paths::SETTINGS_CENTRES);
    let centre_closing = format!("{centre_settings}/closing");
    let territory_commune = format!("{}/{{code}}", paths::TERRITORY);
    let produce = format!("{}/{{id}}", paths::SETTINGS_PRODUCE);
    let produce_retirement = format!("{produce}/retirement");
    let batch = format!("{}/{{id}}", paths::BATCHES);
    let batch_stock = format!("{batch}/stock");
    let batch_disposition = format!("{batch}/disposition");
    let batch_recall = format!("{batch}/recall");
    let batch_recall_returns = format!("{batch}/recall/returns");
    let batch_chart = format!("{batch}/process.svg");
    let batch_qr = format!("{batch}/qr.svg");
    Api {
        router: Router::new(),
        endpoints: Vec::new(),
        operations: Vec::new(),
        schemas: openapi::schema_generator(),
    }
    .route(Method::GET, paths::HEALTH, Public, health::health)
    .route(Method::GET, paths::OPENAPI, Public, openapi_json)
    // The public calendar.
    .route(Method::GET, paths::WORKSHOPS, Public, workshops::list)
    .route(Method::GET, paths::WORKSHOPS_ICS, Public, workshops::feed)
    .answers(StatusCode::OK, Content::File(ICS))
    .route(Method::GET, &workshop, Public, workshops::one)
    .answers_json_or_file::<Workshop>(ICS)
    .route(Method::GET, paths::CENTRES, Public, accounts::centres)
    .route(Method::GET, paths::OPERATOR, Public, operator::operator)
    .route(Method::GET, paths::FOOTER, Public, operator::footer)
    // Sessions and "mon compte".
    .route(Method::POST, paths::SESSION, Public, session::login)
    .answers_json::<Me>()
    .route(Method::DELETE, paths::SESSION, Public, session::logout)
    .answers(StatusCode::NO_CONTENT, Content::None)
    .route(Method::GET, paths::ME, Account, session::me)
    .route(
        Method::PUT,
        paths::ME,
        Account,
        personal_data::correct_profile,
    )
    .route(Method::GET, paths::MY_DATA, Account, personal_data::my_data)
    .answers_json::<MyData>()
    .route(Method::POST, paths::MY_CLOSE, Account, personal_data::close)
    .answers(StatusCode::NO_CONTENT, Content::None)
    .route(
        Method::PUT,
        paths::MY_PASSWORD,
        Account,
        session::change_password,
    )
    .route(Method::GET, paths::MY_SIGNUPS, Account, session::my_signups)
    .route(
        Method::POST,
        paths::MY_CALENDAR,
        Account,
        session::renew_calendar,
    )
    .route(
        Method::GET,
        &personal_calendar,
        Public,
        workshops::personal_feed,
    )
    .answers(StatusCode::OK, Content::File(ICS))
    // Sign-ups.
    .route(Method::POST, &workshop_signups, Public, signups::sign_up)
    .route(Method::POST, &signup_cancel, Public, signups::cancel)
    .route(
        Method::POST,
        &signup_stop_messages,
        Public,
        signups::stop_messages,
    )
    .route(Method::POST, &signup_state, Public, signups::state)
    .route(Method::GET, paths::PUSH_KEY, Public, signups::push_key)
    .route(Method::GET, &workshop_signups, Staff, signups::list)
    .route(Method::GET, &workshop_messages, Staff, signups::messages)
    .route(Method::POST, &workshop_messages, Staff, signups::broadcast)
    .route(
        Method::PUT,
        &signup_attendance,
        Staff,
        signups::record_attendance,
    )
    // The animators' editor.
    .route(
        Method::POST,
        paths::WORKSHOPS,
        Staff,
        workshop_editor::create,
    )
    .route(
        Method::POST,
        paths::WORKSHOP_PREVIEWS,
        Staff,
        workshop_editor::preview,
    )
    .route(Method::PUT, &workshop, Staff, workshop_editor::update)
    .route(
        Method::GET,
        &workshop_series,
        Staff,
        workshop_editor::series,
    )
    .route(
        Method::PUT,
        &workshop_following,
        Staff,
        workshop_editor::update_following,
    )
    .route(
        Method::POST,
        &workshop_cancel_following,
        Staff,
        workshop_editor::cancel_following,
    )
    .route(
        Method::POST,
        &workshop_status,
        Staff,
        workshop_editor::set_status,
    )
    .route(Method::GET, paths::PLACES, Staff, workshop_editor::places)
    .route(
        Method::POST,
        paths::PLACES,
        Staff,
        workshop_editor::create_place,
    )
    .route(Method::PUT, &place, Staff, workshop_editor::update_place)
    // Accounts.
    .route(Method::POST, paths::ACCOUNTS, Staff, accounts::create)
    .route(Method::GET, paths::ACCOUNTS, Staff, accounts::search)
    .route(Method::PUT, &account, Staff, accounts::correct)
    .route(Method::PUT, &account_active, Staff, accounts::set_active)
    .route(Method::GET, &account_messages, Staff, accounts::messages)
    .route(
        Method::POST,
        &password_reset,
        Staff,
        accounts::reset_password,
    )
    .route(
        Method::POST,
        paths::PRODUCER_REQUESTS,
        Public,
        accounts::request_producer_account,
    )
    .route(
        Method::GET,
        paths::PRODUCER_REQUESTS,
        Staff,
        accounts::pending_producers,
    )
    .route(Method::POST, &approval, Staff, accounts::approve_producer)
    .route(Method::GET, paths::AUDIT, Admin, accounts::audit)
    // The cannery's own settings.
    .route(
        Method::GET,
        paths::SETTINGS_CENTRES,
        Admin,
        settings::centres,
    )
    .route(
        Method::POST,
        paths::SETTINGS_CENTRES,
        Admin,
        settings::create_centre,
    )
    .route(
        Method::PUT,
        &centre_settings,
        Admin,
        settings::update_centre,
    )
    .route(Method::POST, &centre_closing, Admin, settings::close_centre)
    .route(
        Method::DELETE,
        &centre_closing,
        Admin,
        settings::reopen_centre,
    )
    .route(Method::GET, paths::TERRITORY, Staff, settings::territory)
    .route(
        Method::POST,
        paths::TERRITORY,
        Admin,
        settings::add_to_territory,
    )
    .route(
        Method::DELETE,
        &territory_commune,
        Admin,
        settings::remove_from_territory,
    )
    .route(
        Method::GET,
        paths::COMMUNE_SEARCH,
        Admin,
        settings::search_communes,
    )
    .route(
        Method::GET,
        paths::SETTINGS_PRODUCE,
        Admin,
        settings::produce,
    )
    .route(
        Method::POST,
        paths::SETTINGS_PRODUCE,
        Admin,
        settings::create_produce,
    )
    .route(Method::PUT, &produce, Admin, settings::update_produce)
    .route(Method::DELETE, &produce, Admin, settings::delete_produce)
    .route(
        Method::POST,
        &produce_retirement,
        Admin,
        settings::retire_produce,
    )
    .route(
        Method::DELETE,
        &produce_retirement,
        Admin,
        settings::offer_produce_again,
    )
    .route(
        Method::GET,
        paths::SETTINGS_DEPOSIT,
        Staff,
        settings::deposit,
    )
    .route(
        Method::POST,
        paths::SETTINGS_DEPOSIT,
        Admin,
        settings::set_deposit_rate,
    )
    // The marketplace: farmers' lots, the team's market and round, the public figure.
    .route(Method::POST, paths::LOTS, Producer, lots::create)
    .route(Method::PUT, &lot, Producer, lots::update)
    .route(Method::GET, &lot, Account, lots::one)
    .route(Method::POST, &lot_actions, Account, lots::act)
    .route(Method::GET, paths::MY_LOTS, Producer, lots::mine)
    .route(Method::POST, paths::MY_LOTS_SEEN, Producer, lots::mark_seen)
    .route(Method::GET, paths::MY_FARM, Producer, lots::farm)
    .route(
        Method::PUT,
        paths::MY_FARM_NOTIFY_BY,
        Producer,
        lots::set_farm_notify_by,
    )
    .route(
        Method::POST,
        paths::LOT_PHOTOS,
        Producer,
        lots::upload_photo,
    )
    .route(Method::GET, &lot_photo, Account, lots::photo)
    .answers(StatusCode::OK, Content::File(JPEG))
    .route(Method::GET, paths::MARKET, Staff, lots::market)
    .route(
        Method::GET,
        paths::COLLECTION_ROUND,
        Staff,
        lots::collection_round,
    )
    .route(Method::GET, paths::RESCUED, Public, lots::rescued)
    // The recipe library.
    .route(Method::GET, paths::RECIPES, Public, recipes::list)
    .route(Method::GET, &recipe, Public, recipes::one)
    .route(Method::GET, &recipe_version, Public, recipes::version)
    .route(Method::POST, paths::RECIPES, Staff, recipes::create)
    .route(Method::PUT, &recipe, Staff, recipes::update)
    .route(
        Method::POST,
        paths::STARTER_LIBRARY,
        Staff,
        recipes::import_starter_library,
    )
    .route(Method::GET, &recipe_file, Public, recipes::export_file)
    .answers_json::<RecipeFile>()
    .route(
        Method::POST,
        paths::RECIPE_IMPORT,
        Staff,
        recipes::import_file,
    )
    .route(
        Method::POST,
        paths::RECIPE_PHOTOS,
        Staff,
        recipes::upload_photo,
    )
    .route(Method::GET, &recipe_photo, Public, recipes::photo)
    .answers(StatusCode::OK, Content::File(JPEG))
    // The wallet: one's own, the counter, stock and prices, exports.
    .route(Method::GET, paths::MY_WALLET, Member, wallet::mine)
    .route(
        Method::GET,
        paths::MY_WALLET_CHART,
        Member,
        wallet::my_chart,
    )
    .answers(StatusCode::OK, Content::File(SVG))
    .route(Method::GET, paths::MY_CARD, Member, wallet::my_card)
    .answers(StatusCode::OK, Content::File(SVG))
    .route(Method::GET, paths::WALLETS, Staff, wallet::search)
    .route(Method::GET, &wallet, Staff, wallet::one)
    .route(Method::POST, paths::LEDGER, Staff, wallet::record)
    .route(Method::GET, paths::LEDGER, Staff, wallet::recent)
    .route(Method::GET, &centre_stock, Staff, wallet::stock)
    .route(Method::PUT, paths::JAR_PRICES, Admin, wallet::set_price)
    .route(
        Method::GET,
        paths::EXPORT_LEDGER,
        Staff,
        wallet::export_ledger,
    )
    .answers(StatusCode::OK, Content::File(CSV))
    .route(
        Method::GET,
        paths::EXPORT_MONTHLY,
        Staff,
        wallet::export_monthly,
    )
    .answers(StatusCode::OK, Content::File(CSV))
    // The impact figures.
    .route(Method::GET, paths::IMPACT, Public, impact::figures)
    .route(Method::GET, paths::IMPACT_CHART, Public, impact::chart)
    .answers(StatusCode::OK, Content::File(SVG))
    .route(Method::GET, paths::IMPACT_COMMUNES, Staff, impact::communes)
    .route(Method::GET, paths::EXPORT_IMPACT, Public, impact::export)
    .answers(StatusCode::OK, Content::File(CSV))
    .route(
        Method::GET,
        paths::EXPORT_IMPACT_COMMUNES,
        Staff,
        impact::export_communes,
    )
    .answers(StatusCode::OK, Content::File(CSV))
    // Production batches: traceability, stock entry.
    .route(Method::GET, paths::BATCHES, Staff, batches::list)
    .route(Method::POST, paths::BATCHES, Staff, batches::record)
    .route(
        Method::GET,
        paths::BATCH_INPUTS,
        Staff,
        batches::available_lots,
    )
    .route(Method::GET, &batch, Staff, batches::one)
    .route(Method::POST, &batch_stock, Staff, batches::stock)
    .route(
        Method::POST,
        &batch_disposition,
        Staff,
        batches::disposition,
    )
    .route(Method::POST, &batch_recall, Staff, batches::recall)
    .route(
        Method::POST,
        &batch_recall_returns,
        Staff,
        batches::recall_return,
    )
    .route(Method::GET, &batch_chart, Staff, batches::chart)
    .answers(StatusCode::OK, Content::File(SVG))
    .route(Method::GET, &batch_qr, Staff, batches::qr)
    .answers(StatusCode::OK, Content::File(SVG))
}

pub fn api_router() -> Router<AppState> {
    api().router.method_not_allowed_fallback(method_not_allowed)
}

/// Every endpoint of the API with its access rule.
pub fn endpoints() -> Vec<Endpoint> {
    api().endpoints
}

/// The OpenAPI description of every endpoint, generated from the route table and the handlers'
/// types (see `openapi`).
pub fn openapi_document() -> serde_json::Value {
    let Api {
        endpoints,
        operations,
        schemas,
        ..
    } = api();
    let described = endpoints
        .iter()
        .zip(&operations)
        .map(|(endpoint, operation)| Described {
            method: &endpoint.method,
            path: &endpoint.path,
            access: endpoint.access,
            operation,
        });
    openapi::document(described, schemas)
}

/// `GET /api/v1/openapi.json`, generated once.
async fn openapi_json() -> axum::Json<serde_json::Value> {
    static DOCUMENT: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    axum::Json(DOCUMENT.get_or_init(openapi_document).clone())
}

/// Any other path under `/api`: a JSON 404, never the SPA's index.html.
pub async fn not_found() -> AppError {
    AppError::NotFound("Cette adresse de l'API n'existe pas.".into())
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
