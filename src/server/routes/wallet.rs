//! The wallet: one's own, the member card, the animators' counter, stock and prices, exports.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;

use crate::api::accounts::AccountSearch;
use crate::api::error::FieldError;
use crate::api::wallet::{
    HistoryQuery, JarPrice, LedgerEntry, LedgerFilter, LedgerRequest, MemberRef, MemberRow, Period,
    StockLine, Wallet,
};
use crate::domain::Role;
use crate::server::formats::charts::{balance_chart, svg_response};
use crate::server::formats::csv::Csv;
use crate::server::formats::qr::qr_code;
use crate::server::http::error::AppError;
use crate::server::http::extract::{ApiJson, ApiQuery, IdPath};
use crate::server::http::idempotency::{created_or_replayed, request_hash};
use crate::server::http::session::{LoggedIn, StaffMember};
use crate::server::state::AppState;
use crate::server::storage::Recorder;

const SEARCH_LIMIT: u32 = 20;
const RECENT_LIMIT: u32 = 30;

/// `GET /api/v1/me/wallet` (members and staff): one's own wallet, never another's.
pub async fn mine(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
    ApiQuery(history): ApiQuery<HistoryQuery>,
) -> Result<Json<Wallet>, AppError> {
    Ok(Json(
        state
            .storage
            .wallet(user.account.id, history.lines())
            .await?,
    ))
}

/// `GET /api/v1/me/wallet/chart.svg` (members and staff): one's balance over time.
pub async fn my_chart(
    State(state): State<AppState>,
    LoggedIn(user): LoggedIn,
) -> Result<Response, AppError> {
    let points: Vec<_> = state
        .storage
        .balance_over_time(user.account.id)
        .await?
        .iter()
        .map(|point| (point.at, point.tictac))
        .collect();
    Ok(svg_response(
        balance_chart(&points, state.clock.now()),
        "private, no-cache",
    ))
}

/// `GET /api/v1/me/card.svg` (members and staff): the member number as a QR code, for the counter's
/// scanner (which types it into the search field).
pub async fn my_card(LoggedIn(user): LoggedIn) -> Result<Response, AppError> {
    let svg = qr_code(&user.account.member_number, 160);
    Ok(svg_response(svg, "private, max-age=86400"))
}

/// `GET /api/v1/wallets?q=` (staff): members by name, member number or phone, with balances.
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(AccountSearch { q: query }): ApiQuery<AccountSearch>,
) -> Result<Json<Vec<MemberRow>>, AppError> {
    if query.chars().count() < 2 {
        return Err(FieldError::new("q", "Tapez au moins 2 caractères.").into());
    }
    let accounts: Vec<_> = state
        .storage
        .search_accounts(query, SEARCH_LIMIT)
        .await?
        .into_iter()
        .filter(|account| account.role.has_wallet())
        .collect();
    let balances = state
        .storage
        .wallet_balances(accounts.iter().map(|account| account.id).collect())
        .await?;
    let rows = accounts
        .into_iter()
        .map(|account| {
            let (tictac, deposit_jars) = balances.get(&account.id).copied().unwrap_or_default();
            MemberRow {
                member: MemberRef {
                    account_id: account.id,
                    display_name: account.display_name,
                    member_number: account.member_number,
                },
                centre: account.centre,
                tictac,
                deposit_jars,
            }
        })
        .collect();
    Ok(Json(rows))
}

/// `GET /api/v1/wallets/{id}` (staff): a member's wallet, at the counter.
pub async fn one(
    State(state): State<AppState>,
    IdPath(account_id): IdPath,
    ApiQuery(history): ApiQuery<HistoryQuery>,
) -> Result<Json<Wallet>, AppError> {
    Ok(Json(
        state.storage.wallet(account_id, history.lines()).await?,
    ))
}

/// `POST /api/v1/ledger` (staff): records a counter operation. 201 with the entry; a replay
/// of the same request with the same key gets 200 and the same entry.
pub async fn record(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(request): ApiJson<LedgerRequest>,
) -> Result<(StatusCode, Json<LedgerEntry>), AppError> {
    request.check_key()?;
    let request_hash = request_hash(&request.operation);
    let recorder = Recorder {
        account_id: staff.account.id,
        is_admin: staff.account.role == Role::Admin,
    };
    let (created, entry) = state
        .storage
        .record_operation(
            request.idempotency_key,
            request_hash,
            request.operation,
            recorder,
            state.clock.now(),
        )
        .await?;
    Ok((created_or_replayed(created), Json(entry)))
}

/// `GET /api/v1/ledger?centre=ID` (staff): the last entries, of one centre or of all.
pub async fn recent(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<LedgerFilter>,
) -> Result<Json<Vec<LedgerEntry>>, AppError> {
    Ok(Json(
        state
            .storage
            .recent_entries(filter.centre, RECENT_LIMIT)
            .await?,
    ))
}

/// `GET /api/v1/centres/{id}/stock` (staff)
pub async fn stock(
    State(state): State<AppState>,
    IdPath(centre_id): IdPath,
) -> Result<Json<Vec<StockLine>>, AppError> {
    Ok(Json(state.storage.centre_stock(centre_id).await?))
}

/// `PUT /api/v1/jar-prices` (admin)
pub async fn set_price(
    State(state): State<AppState>,
    StaffMember(staff): StaffMember,
    ApiJson(price): ApiJson<JarPrice>,
) -> Result<StatusCode, AppError> {
    state
        .storage
        .set_jar_price(price, staff.account.id, state.clock.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/exports/ledger.csv?du=&au=` (staff): every entry of the period, one line each.
pub async fn export_ledger(
    State(state): State<AppState>,
    ApiQuery(period): ApiQuery<Period>,
) -> Result<Response, AppError> {
    let entries = state.storage.ledger_for_period(period.clone()).await?;
    let mut csv = Csv::new(&[
        "n°",
        "date",
        "opération",
        "libellé",
        "membre",
        "n° de membre",
        "centre",
        "tic-tac",
        "bocaux consignés",
        "bocaux remis",
        "stock du centre",
        "annule",
        "annulée par",
        "enregistré par",
    ]);
    for entry in &entries {
        let participant = entry.participant.as_ref();
        csv.row(&[
            entry.id.to_string(),
            crate::domain::time::local(entry.at)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            entry.kind.label_fr().to_string(),
            entry.label.clone(),
            participant
                .map(|p| p.display_name.clone())
                .unwrap_or_default(),
            participant
                .map(|p| p.member_number.clone())
                .unwrap_or_default(),
            entry.centre.clone().unwrap_or_default(),
            entry.tictac.to_string(),
            entry.deposit_jars.to_string(),
            entry.jars.to_string(),
            entry.stock.to_string(),
            entry.reverses.map(|id| id.to_string()).unwrap_or_default(),
            entry
                .reversed_by
                .map(|id| id.to_string())
                .unwrap_or_default(),
            entry.recorded_by.clone(),
        ]);
    }
    Ok(csv.into_response(&format!("bocal-operations-{}-{}.csv", period.du, period.au)))
}

/// `GET /api/v1/exports/monthly.csv?du=&au=` (staff): totals per month and centre.
pub async fn export_monthly(
    State(state): State<AppState>,
    ApiQuery(period): ApiQuery<Period>,
) -> Result<Response, AppError> {
    let totals = state.storage.monthly_totals(period.clone()).await?;
    let mut csv = Csv::new(&[
        "mois",
        "centre",
        "tic-tac crédités (bénévolat)",
        "tic-tac dépensés",
        "bocaux contre tic-tac",
        "bocaux consignés",
        "bocaux rendus",
        "consignes en caisse (centimes)",
        "bocaux entrés en stock",
    ]);
    for total in &totals {
        csv.row(&[
            total.month.clone(),
            total.centre.clone(),
            total.tictac_credited.to_string(),
            total.tictac_spent.to_string(),
            total.jars_for_tictac.to_string(),
            total.jars_on_deposit.to_string(),
            total.jars_returned.to_string(),
            total.deposit_cents.to_string(),
            total.jars_received.to_string(),
        ]);
    }
    Ok(csv.into_response(&format!(
        "bocal-totaux-mensuels-{}-{}.csv",
        period.du, period.au
    )))
}
