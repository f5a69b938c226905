//! The server (feature "server"): axum, SQLite, the SPA's static files.
//!
//! From the top: `mod.rs` starts the server (`run`) and joins its parts (`router`); `routes/` is
//! the JSON API, `pages/` the pages written without the app, `http/` the edge every request
//! crosses, `formats/` the files it writes, `tasks/` what runs in the background, `demo/` the
//! demo's data; `config` reads the flags, `commands` runs what the binary does instead of
//! serving (backup, create-admin). Under them all, `state::AppState` (storage, clock,
//! notifications, operator, the brakes), `storage/` (all SQL), `security/`, `notifications`,
//! `clock`. No module imports one above it.

pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod formats;
pub mod http;
pub mod notifications;
mod pages;
mod routes;
pub mod security;
pub mod starter_library;
pub mod state;
pub mod storage;
pub mod tasks;
pub mod territory;

use std::net::SocketAddr;
use std::path::Path;

use axum::extract::MatchedPath;
use axum::middleware;
use axum::routing::any;
use axum::serve::ListenerExt;
use axum::Router;
use chrono::Utc;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use self::config::Config;
use self::http::security_headers::{self, SecurityHeaders};
use self::http::{client_ip, session, static_files};
use self::security::proxies::TrustedProxies;
use self::storage::Storage;
use self::tasks::{retention, sender};
use crate::domain::time::local_date;

pub use self::routes::{endpoints, Endpoint};
pub use self::state::AppState;

/// The whole application: the API, then the SPA for every other path.
pub fn router(state: AppState, dist: &Path) -> Router {
    routes::api_router()
        .route("/api/{*rest}", any(routes::not_found))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::resolve_session,
        ))
        .layer(middleware::from_fn(session::reject_cross_site))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            client_ip::resolve,
        ))
        .with_state(state.clone())
        .merge(pages::router(state, dist))
        .fallback_service(static_files::router(dist))
        .layer(middleware::from_fn_with_state(
            SecurityHeaders::for_dist(dist),
            security_headers::add,
        ))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// A request's log line names its route's template ("/api/v1/accounts",
/// "/api/v1/calendars/{secret}"), never the address as typed: a search's query (`?q=Samia`) or
/// a secret would otherwise land in the log. Static files, which match no route, by path.
fn request_span(request: &axum::extract::Request) -> tracing::Span {
    let route = match request.extensions().get::<MatchedPath>() {
        Some(matched) => matched.as_str(),
        None => request.uri().path(),
    };
    tracing::info_span!("request", method = %request.method(), route)
}

/// Opens the database, loads the demo data if asked, and serves until SIGTERM or ctrl-c; or
/// runs the command given.
pub async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(command) = &config.command {
        return commands::run(command, &config.database).await;
    }
    // A channel's flags are read before anything starts: a mistake stops here, said.
    let notifications = config.notifications()?;
    let trusted_proxies = TrustedProxies::parse(&config.trusted_proxy)?;
    let storage = Storage::open(&config.database)?;
    if config.demo {
        load_demo(&storage)?;
    }
    if !config.dist.join("index.html").is_file() {
        tracing::warn!(
            dist = %config.dist.display(),
            "no index.html in the dist folder: the API runs, the web app does not (run trunk build)"
        );
    }

    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let address = listener.local_addr()?;
    // Without TCP_NODELAY, a file sent in several writes waits for the client's delayed ACK
    // (40 ms) between them: 460 requests/s for a static file in `scripts/bench load`.
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::debug!(%error, "cannot set TCP_NODELAY");
        }
    });
    tracing::info!(%address, database = %config.database.display(), "Bocal is listening");
    // On stdout too, for the person who just ran the command. Write errors are ignored: a
    // reader that went away (a closed pipe) must not stop the server.
    let mut announcement = format!("Bocal est prêt : http://{address}/\n");
    if config.demo {
        announcement.push_str(
            "Comptes de démonstration (identifiant : numéro d'adhérent ou téléphone) :\n",
        );
        for line in demo::demo_credentials() {
            announcement.push_str(&line);
            announcement.push('\n');
        }
    }
    if !storage.has_admin()? {
        let how = commands::no_admin_yet(&config.database);
        tracing::warn!("{how}");
        announcement.push_str(&how);
        announcement.push('\n');
    }
    let _ = std::io::Write::write_all(&mut std::io::stdout(), announcement.as_bytes());

    let operator = config.operator();
    if !operator.configured {
        tracing::warn!(
            "no operator (--config): labels and the legal pages say it is not configured"
        );
    }
    let state = AppState::new(storage)
        .with_notifications(notifications)
        .with_trusted_proxies(trusted_proxies)
        .with_operator(operator);
    if state.notifications.sms.is_none() {
        tracing::info!("no SMS gateway (--sms-gateway-url): SMS are kept, not sent");
    }
    if state.notifications.email.is_none() {
        tracing::info!("no SMTP server (--smtp-url): e-mails are kept, not sent");
    }
    sender::spawn(state.clone(), std::time::Duration::from_secs(15));
    retention::spawn(
        state.clone(),
        chrono::Duration::days(config.retention_days.into()),
    );
    let app = router(state, &config.dist);
    // Connection info gives the client's address, to brake password guessing per address.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("Bocal stopped");
    Ok(())
}

fn load_demo(storage: &Storage) -> Result<(), storage::StorageError> {
    if !storage.is_empty()? {
        // A demo database made before accounts existed gets the demo accounts, so that the
        // credentials printed at start work.
        if !storage.has_accounts()? {
            let accounts = storage::Seed {
                accounts: demo::demo_accounts(),
                ..Default::default()
            };
            match storage.insert_seed(&accounts, Utc::now()) {
                Ok(()) => tracing::info!("demo accounts added to the existing database"),
                Err(error) => tracing::warn!(%error, "demo accounts not added"),
            }
        }
        tracing::info!("the database already has data: demo data not loaded");
        return Ok(());
    }
    let now = Utc::now();
    let seed = demo::demo_seed(local_date(now));
    storage.insert_seed(&seed, now)?;
    tracing::info!(workshops = seed.workshops.len(), "demo data loaded");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_database_from_before_accounts_gets_the_demo_accounts() {
        let folder = tempfile::tempdir().unwrap();
        let storage = Storage::open(&folder.path().join("bocal.sqlite")).unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 2, 9, 0, 0).unwrap();
        let mut seed = demo::demo_seed(local_date(now));
        seed.accounts.clear();
        // They name the accounts.
        seed.ledger.clear();
        seed.batches.clear();
        storage.insert_seed(&seed, now).unwrap();
        assert!(!storage.has_accounts().unwrap());
        load_demo(&storage).unwrap();
        assert!(storage.has_accounts().unwrap());
    }
}
