use tracing_subscriber::EnvFilter;

use bocal::server::config::Config;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Logs on stderr; stdout carries only the "ready" line with the URL.
    // Colours only on a terminal: a log file or the journal gets plain text.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("bocal=info,tower_http=info")),
        )
        .init();
    let config = match Config::load() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("bocal-server : {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match bocal::server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "Bocal could not run");
            eprintln!("bocal-server : {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
