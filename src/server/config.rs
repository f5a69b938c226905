//! Command-line flags, each with an environment variable, and the configuration file
//! (`--config`, TOML) with the operator's identity. A flag or its environment variable wins over
//! the file, the file over the defaults.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use serde::Deserialize;

use crate::api::operator::Operator;
use crate::server::demo::demo_operator;
use crate::server::notifications::{Mailer, Notifications, PushSender, SmsGateway};

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

    /// Load the demo data (Romans-sur-Isère, dated from today) into an empty database, and use
    /// the demo operator unless the configuration file names one.
    #[arg(long, env = "BOCAL_DEMO")]
    pub demo: bool,

    /// The configuration file (TOML): the operator's identity (`[operator]`) and any of the
    /// settings below, by the flag's name with `_` for `-` (`retention_days = 30`).
    #[arg(long, env = "BOCAL_CONFIG")]
    pub config: Option<PathBuf>,

    /// The operator's identity, from the configuration file's `[operator]`.
    #[arg(skip)]
    pub operator: Option<OperatorSettings>,

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
    /// Make an administrator account, and print its member number and a one-time code, which
    /// only lets its holder choose a password at first login. Run again, it makes another
    /// administrator: how a cannery whose only administrator forgot the password gets back in.
    #[command(group(clap::ArgGroup::new("contact").required(true).args(["phone", "email"])))]
    CreateAdmin {
        /// The administrator's name, as the team knows them ("Claire Martin").
        #[arg(long)]
        name: String,
        /// A French mobile or landline number (06 12 34 56 78): to log in with.
        #[arg(long)]
        phone: Option<String>,
        /// An e-mail address: to log in with.
        #[arg(long)]
        email: Option<String>,
    },
}

/// The configuration file. Every key is optional but `[operator]`'s; an unknown key is an
/// error (a misspelt setting must not be silently ignored).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub operator: Option<OperatorSettings>,
    pub retention_days: Option<u32>,
    pub reminder_hour: Option<u32>,
    pub mail_from: Option<String>,
    pub public_url: Option<String>,
    pub sms_gateway_url: Option<String>,
    pub sms_gateway_token: Option<String>,
    pub smtp_url: Option<String>,
    pub vapid_private_key: Option<String>,
}

/// `[operator]`: who runs this Bocal (see `api::operator::Operator`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorSettings {
    pub name: String,
    pub address: String,
    #[serde(default)]
    pub siret: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub publication_director: String,
    pub data_controller: String,
    #[serde(default)]
    pub privacy_email: String,
    pub host: String,
}

impl OperatorSettings {
    fn check(&self) -> Result<(), String> {
        let required = [
            ("name", &self.name),
            ("address", &self.address),
            ("email", &self.email),
            ("publication_director", &self.publication_director),
            ("data_controller", &self.data_controller),
            ("host", &self.host),
        ];
        if let Some((key, _)) = required.iter().find(|(_, value)| value.trim().is_empty()) {
            return Err(format!("[operator] {key} : valeur vide"));
        }
        let digits = self.siret.chars().filter(char::is_ascii_digit).count();
        if !self.siret.trim().is_empty() && digits != 14 {
            return Err("[operator] siret : 14 chiffres attendus".into());
        }
        Ok(())
    }
}

/// "Bocal <bocal@example.org>" → "bocal@example.org".
fn mail_address(from: &str) -> &str {
    match (from.find('<'), from.rfind('>')) {
        (Some(start), Some(end)) if start < end => &from[start + 1..end],
        _ => from.trim(),
    }
}

impl Config {
    /// The flags and environment of this process, then the configuration file they name.
    pub fn load() -> Result<Config, String> {
        Config::load_from(std::env::args_os())
    }

    /// The same from `args` (the program's name first). Clap's own errors (a bad flag,
    /// `--help`) print and exit as usual.
    pub fn load_from<I, T>(args: I) -> Result<Config, String>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let matches = Config::command().get_matches_from(args);
        let mut config = Config::from_arg_matches(&matches).map_err(|error| error.to_string())?;
        if let Some(path) = &config.config {
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("--config {} : {error}", path.display()))?;
            let file: ConfigFile = toml::from_str(&text)
                .map_err(|error| format!("--config {} : {error}", path.display()))?;
            let defaulted = |id: &str| matches.value_source(id) == Some(ValueSource::DefaultValue);
            config.take_from(file, defaulted)?;
        }
        Ok(config)
    }

    /// Takes from the file what no flag nor environment variable gave (`defaulted`: whether
    /// a setting with a default still has it).
    fn take_from(
        &mut self,
        file: ConfigFile,
        defaulted: impl Fn(&str) -> bool,
    ) -> Result<(), String> {
        if let Some(operator) = &file.operator {
            operator.check()?;
        }
        self.operator = file.operator;
        if let Some(days) = file.retention_days.filter(|_| defaulted("retention_days")) {
            if !(1..=3650).contains(&days) {
                return Err("retention_days : de 1 à 3650 jours".into());
            }
            self.retention_days = days;
        }
        if let Some(hour) = file.reminder_hour.filter(|_| defaulted("reminder_hour")) {
            if hour > 23 {
                return Err("reminder_hour : de 0 à 23".into());
            }
            self.reminder_hour = hour;
        }
        if let Some(from) = file.mail_from.filter(|_| defaulted("mail_from")) {
            self.mail_from = from;
        }
        let unset = |flag: &mut Option<String>, from_file: Option<String>| {
            if flag.is_none() {
                *flag = from_file;
            }
        };
        unset(&mut self.public_url, file.public_url);
        unset(&mut self.sms_gateway_url, file.sms_gateway_url);
        unset(&mut self.sms_gateway_token, file.sms_gateway_token);
        unset(&mut self.smtp_url, file.smtp_url);
        unset(&mut self.vapid_private_key, file.vapid_private_key);
        Ok(())
    }

    /// Who runs this Bocal: the file's `[operator]`, else the demo's with `--demo`, else
    /// "not configured".
    pub fn operator(&self) -> Operator {
        let mut operator = match (&self.operator, self.demo) {
            (Some(settings), _) => Operator {
                name: settings.name.clone(),
                address: settings.address.clone(),
                siret: settings.siret.clone(),
                email: settings.email.clone(),
                phone: settings.phone.clone(),
                publication_director: settings.publication_director.clone(),
                data_controller: settings.data_controller.clone(),
                privacy_email: settings.privacy_email.clone(),
                host: settings.host.clone(),
                retention_days: 0,
                configured: true,
            },
            (None, true) => demo_operator(),
            (None, false) => Operator::unconfigured(),
        };
        operator.retention_days = self.retention_days;
        operator
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    const OPERATOR: &str = r#"
        [operator]
        name = "Les Bocaux de Romans"
        address = "8 rue Magnard, 26100 Romans-sur-Isère"
        siret = "123 456 789 00012"
        email = "contact@bocaux.example"
        publication_director = "Marie Curie, présidente"
        data_controller = "Association Les Bocaux de Romans"
        host = "Hébergeur Exemple, 1 rue de l'Exemple, 75000 Paris"
    "#;

    fn load(file: &str, flags: &[&str]) -> Result<Config, String> {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("bocal.toml");
        std::fs::write(&path, file).unwrap();
        let mut args = vec!["bocal-server", "--config", path.to_str().unwrap()];
        args.extend_from_slice(flags);
        Config::load_from(args)
    }

    #[test]
    fn the_file_gives_the_operator_and_the_settings_no_flag_gave() {
        let file = format!(
            "retention_days = 40\nreminder_hour = 19\npublic_url = \"https://bocal.example\"\n{OPERATOR}"
        );
        let config = load(&file, &["--reminder-hour", "17"]).unwrap();
        assert_eq!(config.retention_days, 40);
        assert_eq!(config.reminder_hour, 17, "the flag wins");
        assert_eq!(config.public_url.as_deref(), Some("https://bocal.example"));
        let operator = config.operator();
        assert!(operator.configured);
        assert_eq!(operator.name, "Les Bocaux de Romans");
        assert_eq!(operator.retention_days, 40);
        assert_eq!(operator.privacy_contact(), "contact@bocaux.example");
    }

    #[test]
    fn a_misspelt_key_an_empty_value_or_a_bad_number_stops_the_start() {
        let misspelt = load(&format!("retention_jours = 40\n{OPERATOR}"), &[]).unwrap_err();
        assert!(misspelt.contains("retention_jours"), "{misspelt}");
        let empty = load(&OPERATOR.replace("Les Bocaux de Romans", " "), &[]).unwrap_err();
        assert!(empty.contains("[operator] name"), "{empty}");
        let siret = load(&OPERATOR.replace("00012", "0001"), &[]).unwrap_err();
        assert!(siret.contains("siret"), "{siret}");
        let days = load(&format!("retention_days = 0\n{OPERATOR}"), &[]).unwrap_err();
        assert!(days.contains("retention_days"), "{days}");
        let missing = load("[operator]\nname = \"X\"\n", &[]).unwrap_err();
        assert!(missing.contains("address"), "{missing}");
    }

    #[test]
    fn without_a_file_the_demo_has_its_operator_and_a_real_start_has_none() {
        let demo = Config::load_from(["bocal-server", "--demo"]).unwrap();
        assert_eq!(
            demo.operator(),
            Operator {
                retention_days: 30,
                ..demo_operator()
            }
        );
        let bare = Config::load_from(["bocal-server"]).unwrap();
        assert!(!bare.operator().configured);
    }
}
