//! Command-line flags, each with an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::server::sender::{Mailer, Notifications, PushSender, SmsGateway};

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

    /// The SMS gateway: each message is POSTed there as JSON `{"id", "to", "text"}` ("to" in
    /// international format); any 2xx answer means accepted. Unset: no SMS leaves, messages
    /// wait and staff see "non configuré".
    #[arg(long, env = "BOCAL_SMS_GATEWAY_URL")]
    pub sms_gateway_url: Option<String>,

    /// Sent to the SMS gateway as `Authorization: Bearer <token>`.
    #[arg(long, env = "BOCAL_SMS_GATEWAY_TOKEN", hide_env_values = true)]
    pub sms_gateway_token: Option<String>,

    /// The SMTP server e-mails go through: `smtp://host:port` (no encryption: loopback
    /// only), `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host` (TLS). Unset: no e-mail leaves, they wait and staff see
    /// "non configuré".
    #[arg(long, env = "BOCAL_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Who the e-mails are from: "Bocal <bocal@example.org>".
    #[arg(
        long,
        env = "BOCAL_MAIL_FROM",
        default_value = "Bocal <bocal@localhost>"
    )]
    pub mail_from: String,

    /// The VAPID private key that signs notifications of the installed app (web push): a P-256
    /// key, its 32 bytes in base64url (the README says how to make one). Unset: notifications
    /// are not offered.
    #[arg(long, env = "BOCAL_VAPID_PRIVATE_KEY", hide_env_values = true)]
    pub vapid_private_key: Option<String>,

    /// The address people reach Bocal at, for the links in e-mails
    /// ("https://bocal.example.org"). Default: http:// and --addr.
    #[arg(long, env = "BOCAL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Reverse proxies (addresses or networks, "10.0.0.2,10.1.0.0/16") whose
    /// `X-Forwarded-For` gives the client's address, for the login brake. From anyone else the
    /// header is ignored.
    #[arg(long, env = "BOCAL_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<String>,

    /// Days a guest's first name and contact are kept after their workshop, and delivered
    /// messages' contact details and used idempotency keys after they were written.
    #[arg(long, env = "BOCAL_RETENTION_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub retention_days: u32,

    /// Hour (Paris time, 0-23) of the reminder sent the evening before a workshop.
    #[arg(long, env = "BOCAL_REMINDER_HOUR", default_value_t = 18,
          value_parser = clap::value_parser!(u32).range(0..24))]
    pub reminder_hour: u32,

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

/// "Bocal <bocal@example.org>" → "bocal@example.org".
fn mail_address(from: &str) -> &str {
    match (from.find('<'), from.rfind('>')) {
        (Some(start), Some(end)) if start < end => &from[start + 1..end],
        _ => from.trim(),
    }
}

impl Config {
    /// How people are told, from the flags; a flag that cannot be read says which.
    pub fn notifications(&self) -> Result<Notifications, String> {
        let email = match &self.smtp_url {
            Some(url) => Some(Mailer::new(url, &self.mail_from, Duration::from_secs(20))?),
            None => None,
        };
        let push = match &self.vapid_private_key {
            Some(key) => Some(PushSender::new(
                key,
                format!("mailto:{}", mail_address(&self.mail_from)),
                Duration::from_secs(10),
            )?),
            None => None,
        };
        Ok(Notifications {
            push,
            sms: self.sms_gateway_url.clone().map(|url| SmsGateway {
                url,
                token: self.sms_gateway_token.clone(),
                timeout: Duration::from_secs(10),
            }),
            email,
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", self.addr)),
            reminder_hour: self.reminder_hour,
        })
    }
}
