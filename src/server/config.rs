//! Command-line flags, each with an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Clone, Debug, Parser)]
#[command(
    name = "bocal-server",
    version,
    about = "Bocal: API and web app of the mobile cannery"
)]
pub struct Config {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, env = "BOCAL_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// SQLite database file; it and its folder are created if missing.
    #[arg(
        long,
        env = "BOCAL_DATABASE",
        default_value = "data/bocal.sqlite",
        global = true
    )]
    pub database: PathBuf,

    /// Folder of the built web app (`trunk build --release` writes it).
    #[arg(long, env = "BOCAL_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Load the demo data (Romans-sur-Isère, dated from today) into an empty database.
    #[arg(long, env = "BOCAL_DEMO")]
    pub demo: bool,

    /// Without a command: serve.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Write a consistent copy of the database to FILE, also while the server runs (the copy
    /// is one transaction's snapshot). To restore: stop the server, put FILE in place of the
    /// database file, delete the old `-wal` and `-shm` files beside it, start the server.
    Backup {
        /// The copy to write; refused if it exists.
        file: PathBuf,
    },
    /// Fill an empty database with the load benchmark's data: the demo, plus 3 000 workshops,
    /// 3 000 lots, 1 000 recipes, 200 members and 100 000 ledger entries (`scripts/bench load`).
    BenchData,
}
