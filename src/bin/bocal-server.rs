use clap::Parser;
use tracing_subscriber::EnvFilter;

use bocal::server::config::Config;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("bocal=info,tower_http=info")),
        )
        .init();
    let config = Config::parse();
    match bocal::server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "Bocal could not run");
            eprintln!("bocal-server : {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
