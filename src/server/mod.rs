//! The server (feature "server"): axum, SQLite, the SPA's static files.

pub mod config;
pub mod demo;
pub mod error;
pub mod ics;
mod routes;
mod security_headers;
mod static_files;
pub mod storage;

use std::path::Path;

use axum::middleware;
use axum::routing::any;
use axum::Router;
use chrono::Utc;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use self::config::Config;
use self::security_headers::SecurityHeaders;
use self::storage::Storage;
use crate::domain::time::local_date;

#[derive(Clone)]
pub struct AppState {
    pub storage: Storage,
}

/// The whole application: the API, then the SPA for every other path.
pub fn router(state: AppState, dist: &Path) -> Router {
    routes::api_router()
        .route("/api/{*rest}", any(routes::not_found))
        .with_state(state)
        .fallback_service(static_files::router(dist))
        .layer(middleware::from_fn_with_state(
            SecurityHeaders::for_dist(dist),
            security_headers::add,
        ))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// Opens the database, loads the demo data if asked, and serves until SIGTERM or ctrl-c.
pub async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
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
    tracing::info!(%address, database = %config.database.display(), "Bocal is listening");
    // On stdout too, for the person who just ran the command.
    println!("Bocal est prêt : http://{address}/");

    let app = router(AppState { storage }, &config.dist);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("Bocal stopped");
    Ok(())
}

fn load_demo(storage: &Storage) -> Result<(), storage::StorageError> {
    if !storage.is_empty()? {
        tracing::info!("the database already has data: demo data not loaded");
        return Ok(());
    }
    let seed = demo::demo_seed(local_date(Utc::now()));
    storage.insert_seed(&seed)?;
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
