//! A real SMTP server on loopback: `end2end/mail-receiver.mjs` (npm smtp-server, installed by
//! scripts/setup), run by Node, which lists what it received, parsed, over HTTP.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde::Deserialize;

/// One e-mail as the receiver parsed it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedMail {
    pub from: Option<String>,
    pub to: Vec<String>,
    pub subject: Option<String>,
    pub text: String,
    pub message_id: Option<String>,
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
}

pub struct MailReceiver {
    child: Child,
    pub smtp_port: u16,
    http_port: u16,
}

#[derive(Deserialize)]
struct Ports {
    smtp: u16,
    http: u16,
}

impl MailReceiver {
    /// Starts it on free ports; it stops when dropped.
    pub fn start() -> MailReceiver {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/end2end/mail-receiver.mjs");
        let mut child = Command::new("node")
            .args([script, "0", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("node runs (scripts/setup installs it and npm's smtp-server)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let ports: Ports = serde_json::from_str(&line)
            .unwrap_or_else(|_| panic!("the receiver's ports, got {line:?}"));
        MailReceiver {
            child,
            smtp_port: ports.smtp,
            http_port: ports.http,
        }
    }

    /// lettre's address of it.
    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp_port)
    }

    pub async fn received(&self) -> Vec<ReceivedMail> {
        reqwest::get(format!("http://127.0.0.1:{}/received", self.http_port))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

impl Drop for MailReceiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
