//! The JSON API under `/api/v1`, one module per resource. Every endpoint is registered here
//! with the roles that may call it; the check runs before the handler.

mod accounts;
mod batches;
mod health;
mod impact;
mod lots;
mod recipes;
mod session;
mod signups;
mod wallet;
mod workshop_editor;
mod workshops;

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::routing::{on, MethodFilter};
use axum::Router;

use super::error::AppError;
use super::session::{Access, Caller};
use super::AppState;
use crate::api::paths;

/// One endpoint: method, path (axum syntax, `{id}` for a parameter) and who may call it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    pub path: String,
    pub access: Access,
}

/// The API's routes, and the list of what was registered (for the authorization test).
struct Api {
    router: Router<AppState>,
    endpoints: Vec<Endpoint>,
}

impl Api {
    fn route<H, T>(mut self, method: Method, path: &str, access: Access, handler: H) -> Api
    where
        H: Handler<T, AppState>,
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
        self
    }
}

fn api() -> Api {
    use Access::*;
    let workshop = format!("{}/{{id}}", paths::WORKSHOPS);
    let workshop_status = format!("{workshop}/status");
    let workshop_signups = format!("{workshop}/signups");
    let place = format!("{}/{{id}}", paths::PLACES);
    let approval = format!("{}/{{id}}/approve", paths::PRODUCER_REQUESTS);
    let password_reset = format!("{}/{{id}}/reset-password", paths::ACCOUNTS);
    let signup_cancel = "/api/v1/signups/{id}/cancel";
    let signup_attendance = "/api/v1/signups/{id}/attendance";
    let lot = format!("{}/{{id}}", paths::LOTS);
    let lot_actions = format!("{lot}/actions");
    let lot_photo = format!("{}/{{id}}", paths::LOT_PHOTOS);
    let recipe = format!("{}/{{id}}", paths::RECIPES);
    let recipe_version = format!("{recipe}/versions/{{version}}");
    let recipe_photo = format!("{}/{{id}}", paths::RECIPE_PHOTOS);
    let wallet = format!("{}/{{id}}", paths::WALLETS);
    let centre_stock = format!("{}/{{id}}/stock", paths::CENTRES);
    let batch = format!("{}/{{id}}", paths::BATCHES);
    let batch_stock = format!("{batch}/stock");
    let batch_chart = format!("{batch}/process.svg");
    Api {
        router: Router::new(),
        endpoints: Vec::new(),
    }
    .route(Method::GET, paths::HEALTH, Public, health::health)
    // The public calendar.
    .route(Method::GET, paths::WORKSHOPS, Public, workshops::list)
    .route(Method::GET, paths::WORKSHOPS_ICS, Public, workshops::feed)
    .route(Method::GET, &workshop, Public, workshops::one)
    .route(Method::GET, paths::CENTRES, Public, accounts::centres)
    // Sessions and "mon compte".
    .route(Method::POST, paths::SESSION, Public, session::login)
    .route(Method::DELETE, paths::SESSION, Public, session::logout)
    .route(Method::GET, paths::ME, Account, session::me)
    .route(
        Method::PUT,
        paths::MY_PASSWORD,
        Account,
        session::change_password,
    )
    .route(Method::GET, paths::MY_SIGNUPS, Account, session::my_signups)
    // Sign-ups.
    .route(Method::POST, &workshop_signups, Public, signups::sign_up)
    .route(Method::POST, signup_cancel, Public, signups::cancel)
    .route(Method::GET, &workshop_signups, Staff, signups::list)
    .route(
        Method::PUT,
        signup_attendance,
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
    .route(Method::PUT, &workshop, Staff, workshop_editor::update)
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
    // The marketplace: farmers' lots, the team's market and round, the public figure.
    .route(Method::POST, paths::LOTS, Producer, lots::create)
    .route(Method::PUT, &lot, Producer, lots::update)
    .route(Method::GET, &lot, Account, lots::one)
    .route(Method::POST, &lot_actions, Account, lots::act)
    .route(Method::GET, paths::MY_LOTS, Producer, lots::mine)
    .route(Method::POST, paths::MY_LOTS_SEEN, Producer, lots::mark_seen)
    .route(Method::GET, paths::MY_FARM, Producer, lots::farm)
    .route(
        Method::POST,
        paths::LOT_PHOTOS,
        Producer,
        lots::upload_photo,
    )
    .route(Method::GET, &lot_photo, Account, lots::photo)
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
        paths::RECIPE_PHOTOS,
        Staff,
        recipes::upload_photo,
    )
    .route(Method::GET, &recipe_photo, Public, recipes::photo)
    // The wallet: one's own, the counter, stock and prices, exports.
    .route(Method::GET, paths::MY_WALLET, Member, wallet::mine)
    .route(
        Method::GET,
        paths::MY_WALLET_CHART,
        Member,
        wallet::my_chart,
    )
    .route(Method::GET, paths::MY_CARD, Member, wallet::my_card)
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
    .route(
        Method::GET,
        paths::EXPORT_MONTHLY,
        Staff,
        wallet::export_monthly,
    )
    // The impact figures.
    .route(Method::GET, paths::IMPACT, Public, impact::figures)
    .route(Method::GET, paths::IMPACT_CHART, Public, impact::chart)
    .route(Method::GET, paths::IMPACT_COMMUNES, Staff, impact::communes)
    .route(Method::GET, paths::EXPORT_IMPACT, Public, impact::export)
    .route(
        Method::GET,
        paths::EXPORT_IMPACT_COMMUNES,
        Staff,
        impact::export_communes,
    )
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
    .route(Method::GET, &batch_chart, Staff, batches::chart)
}

pub fn api_router() -> Router<AppState> {
    api().router.method_not_allowed_fallback(method_not_allowed)
}

/// Every endpoint of the API with its access rule.
pub fn endpoints() -> Vec<Endpoint> {
    api().endpoints
}

/// Any other path under `/api`: a JSON 404, never the SPA's index.html.
pub async fn not_found() -> AppError {
    AppError::NotFound("Cette adresse de l'API n'existe pas.".into())
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
