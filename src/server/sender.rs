//! The sender: a task of the server that sends the messages the storage holds (see
//! `storage::messages`), with retries and backoff. Requests only write messages; no request
//! ever waits for a channel.
//!
//! SMS go through an HTTP gateway (the form French providers offer: a URL, a token, a JSON
//! body). Each message carries its id, so that a gateway that received it before a crash or a
//! lost answer can recognise it when it comes again. E-mails go over SMTP, with the message's
//! id in their Message-ID, and a "stop these messages" link in the text and in
//! List-Unsubscribe (one click, RFC 8058). Notifications of the installed app go to the
//! browser's push service, signed with the server's VAPID key and encrypted for the
//! subscription (RFC 8291); the service worker shows them.

use std::time::Duration;

use base64::Engine;
use chrono::{DateTime, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use web_push::{
    ContentEncoding, PartialVapidSignatureBuilder, SubscriptionInfo, VapidSignatureBuilder,
    WebPushMessageBuilder,
};

use crate::api::operator::Operator;
use crate::api::paths;
use crate::domain::notify::Channel;
use crate::server::storage::{Delivery, DueMessage, StorageError};
use crate::server::AppState;

/// How to reach the SMS gateway.
#[derive(Clone, Debug)]
pub struct SmsGateway {
    pub url: String,
    /// Sent as `Authorization: Bearer <token>`.
    pub token: Option<String>,
    /// A gateway that has not answered by then has failed this attempt.
    pub timeout: Duration,
}

/// How to send e-mail: an SMTP server, and who the e-mails are from.
#[derive(Clone, Debug)]
pub struct Mailer {
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
}

impl Mailer {
    /// `url`: lettre's form, `smtp://host:port` (plain, for loopback), `smtp://host?tls=required`
    /// (STARTTLS) or `smtps://user:password@host` (TLS); `timeout` per attempt.
    pub fn new(url: &str, from: &str, timeout: Duration) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|error| format!("--smtp-url : {error}"))?
            .timeout(Some(timeout))
            .build();
        let from = from
            .parse()
            .map_err(|_| format!("--mail-from : adresse illisible « {from} »"))?;
        Ok(Mailer { transport, from })
    }
}

/// How to send notifications of the installed app: the server's VAPID key.
#[derive(Clone)]
pub struct PushSender {
    vapid: PartialVapidSignatureBuilder,
    /// Who the push services may contact about these messages ("mailto:…").
    subject: String,
    pub timeout: Duration,
}

impl std::fmt::Debug for PushSender {
    // Never the private key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushSender")
            .field("public_key", &self.public_key())
            .field("subject", &self.subject)
            .finish()
    }
}

impl PushSender {
    /// `private_key`: the P-256 private key, 32 bytes in base64url (see the README to make
    /// one); `subject`: a "mailto:" or "https:" address.
    pub fn new(
        private_key: &str,
        subject: String,
        timeout: Duration,
    ) -> Result<PushSender, String> {
        let vapid =
            VapidSignatureBuilder::from_base64_no_sub(private_key.trim()).map_err(|_| {
                "--vapid-private-key : clé illisible (32 octets en base64url attendus)".to_string()
            })?;
        Ok(PushSender {
            vapid,
            subject,
            timeout,
        })
    }

    /// What a browser subscribes with (base64url of the uncompressed public key).
    pub fn public_key(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(self.vapid.get_public_key())
    }
}

/// What the server tells people with, and when.
#[derive(Clone, Debug)]
pub struct Notifications {
    /// `None`: SMS are kept, and shown to staff as not sent.
    pub sms: Option<SmsGateway>,
    /// `None`: e-mails are kept, and shown to staff as not sent.
    pub email: Option<Mailer>,
    /// `None`: notifications are kept, and shown to staff as not sent.
    pub push: Option<PushSender>,
    /// The address people reach Bocal at ("https://bocal.example.org"), for the links in
    /// e-mails.
    pub public_url: String,
    /// The evening-before reminder's hour, Paris time.
    pub reminder_hour: u32,
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            sms: None,
            email: None,
            push: None,
            public_url: "http://127.0.0.1:8080".into(),
            reminder_hour: 18,
        }
    }
}

impl Notifications {
    /// The channels the sender can send on.
    pub fn configured(&self) -> Vec<Channel> {
        let mut channels = Vec::new();
        if self.sms.is_some() {
            channels.push(Channel::Sms);
        }
        if self.email.is_some() {
            channels.push(Channel::Email);
        }
        if self.push.is_some() {
            channels.push(Channel::Push);
        }
        channels
    }
}

/// The JSON body posted to the gateway.
#[derive(Serialize)]
struct SmsRequest<'a> {
    /// "bocal-<message id>": the same for every attempt of one message.
    id: String,
    /// International format: "+33612345678".
    to: String,
    text: &'a str,
}

/// Runs the sender until the server stops: every `every`, or at once when a request wrote
/// messages, the due reminders are written, then the due messages sent.
pub fn spawn(state: AppState, every: Duration) {
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        loop {
            let now = state.clock.now();
            if let Err(error) = send_due(&state, &client, now).await {
                tracing::warn!(%error, "sender: the messages could not be read");
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = state.sender_woken() => {}
            }
        }
    });
}

/// One round: writes the reminders due at `now`, sends the messages due at `now`; returns how
/// many were sent.
pub async fn send_due(
    state: &AppState,
    client: &reqwest::Client,
    now: DateTime<Utc>,
) -> Result<usize, StorageError> {
    let notifications = &state.notifications;
    state
        .storage
        .write_due_reminders(now, notifications.reminder_hour)
        .await?;
    let configured = notifications.configured();
    if configured.is_empty() {
        return Ok(0);
    }
    let mut sent = 0;
    for message in state.storage.due_messages(now, configured, 50).await? {
        let outcome = match message.channel {
            Channel::Sms => match &notifications.sms {
                Some(gateway) => retry_on_error(send_sms(client, gateway, &message).await),
                None => continue,
            },
            Channel::Email => match &notifications.email {
                Some(mailer) => {
                    let signature = Signature {
                        public_url: &notifications.public_url,
                        operator: &state.operator,
                    };
                    retry_on_error(send_email(mailer, &signature, &message).await)
                }
                None => continue,
            },
            Channel::Push => match &notifications.push {
                Some(push) => send_push(client, push, &message).await,
                None => continue,
            },
        };
        match &outcome {
            Delivery::Sent => sent += 1,
            Delivery::Retry(error) | Delivery::Gone(error) => {
                tracing::warn!(message = message.id, %error, "sender: not sent")
            }
        }
        state
            .storage
            .message_sent(message.id, outcome, state.clock.now().max(now))
            .await?;
    }
    Ok(sent)
}

async fn send_sms(
    client: &reqwest::Client,
    gateway: &SmsGateway,
    message: &DueMessage,
) -> Result<(), String> {
    let body = SmsRequest {
        id: format!("bocal-{}", message.id),
        to: international(&message.recipient),
        text: &message.body,
    };
    let mut request = client
        .post(&gateway.url)
        .timeout(gateway.timeout)
        .json(&body);
    if let Some(token) = &gateway.token {
        request = request.bearer_auth(token);
    }
    match request.send().await {
        Ok(answer) if answer.status().is_success() => Ok(()),
        Ok(answer) => Err(format!(
            "passerelle SMS : réponse HTTP {}",
            answer.status().as_u16()
        )),
        Err(error) if error.is_timeout() => Err(format!(
            "passerelle SMS : pas de réponse en {} s",
            gateway.timeout.as_secs_f32().to_string().replace('.', ",")
        )),
        Err(_) => Err("passerelle SMS injoignable".to_string()),
    }
}

/// What ends every e-mail: links back to Bocal, and who sends it.
struct Signature<'a> {
    public_url: &'a str,
    operator: &'a Operator,
}

async fn send_email(
    mailer: &Mailer,
    signature: &Signature<'_>,
    message: &DueMessage,
) -> Result<(), String> {
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|_| format!("adresse e-mail illisible « {} »", message.recipient))?;
    let public_url = signature.public_url.trim_end_matches('/');
    let stop_link = message
        .stop_token
        .as_deref()
        .map(|secret| format!("{public_url}{}", paths::stop_link(secret)));
    let mut text = format!("{}\n\n-- \n", message.body);
    if let Some(id) = message.workshop_id {
        text.push_str(&format!(
            "Voir l'atelier : {public_url}{}\n",
            paths::pages::workshop(id)
        ));
    }
    if let Some(link) = &stop_link {
        text.push_str(&format!("Ne plus recevoir ces messages : {link}\n"));
    }
    let operator = signature.operator;
    match operator.configured {
        true => text.push_str(&format!("{}\n{}\n", operator.name, operator.address)),
        false => text.push_str("Bocal, la conserverie mobile et solidaire\n"),
    }
    let domain = mailer.from.email.domain();
    let mut builder = Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(message.subject.clone().unwrap_or_else(|| "Bocal".into()))
        // The same for every attempt of one message: a receiver can tell a repeat.
        .message_id(Some(format!("<bocal-{}@{domain}>", message.id)));
    if let Some(link) = &stop_link {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{link}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    let email = builder
        .body(text)
        .map_err(|error| format!("e-mail mal formé : {error}"))?;
    match mailer.transport.send(email).await {
        Ok(_) => Ok(()),
        Err(error) if error.is_timeout() => Err("serveur SMTP : pas de réponse à temps".into()),
        Err(error) if error.is_permanent() => Err(format!("serveur SMTP : refusé ({error})")),
        Err(_) => Err("serveur SMTP injoignable".into()),
    }
}

/// What the service worker shows (public/sw.js, "push").
#[derive(Serialize)]
struct Notification<'a> {
    title: &'a str,
    body: &'a str,
    /// The page a tap opens.
    url: String,
}

fn retry_on_error(outcome: Result<(), String>) -> Delivery {
    match outcome {
        Ok(()) => Delivery::Sent,
        Err(error) => Delivery::Retry(error),
    }
}

/// A notification of the installed app. A push service that answers 404 or 410 says the
/// subscription is gone (RFC 8030, 7.3): no attempt will ever reach it.
async fn send_push(client: &reqwest::Client, push: &PushSender, message: &DueMessage) -> Delivery {
    match push_request(client, push, message).await {
        Ok(answer) if answer.is_success() => Delivery::Sent,
        Ok(answer)
            if answer == reqwest::StatusCode::NOT_FOUND || answer == reqwest::StatusCode::GONE =>
        {
            Delivery::Gone(format!(
                "service de notification : abonnement supprimé par le navigateur (HTTP {})",
                answer.as_u16()
            ))
        }
        Ok(answer) => Delivery::Retry(format!(
            "service de notification : réponse HTTP {}",
            answer.as_u16()
        )),
        Err(error) => Delivery::Retry(error),
    }
}

/// Signs, encrypts and posts `message` to its push service; the service's answer.
async fn push_request(
    client: &reqwest::Client,
    push: &PushSender,
    message: &DueMessage,
) -> Result<reqwest::StatusCode, String> {
    let Some((p256dh, auth)) = &message.push_keys else {
        return Err("abonnement aux notifications incomplet".into());
    };
    let subscription = SubscriptionInfo::new(message.recipient.as_str(), p256dh, auth);
    let payload = serde_json::to_vec(&Notification {
        title: message.subject.as_deref().unwrap_or("Bocal"),
        body: &message.body,
        url: message
            .workshop_id
            .map_or_else(|| "/".to_string(), paths::pages::workshop),
    })
    .map_err(|error| error.to_string())?;
    // RFC 8292: the audience is the push service's origin, port included (web-push 0.11 drops
    // a port that is not the default one).
    let audience = reqwest::Url::parse(&message.recipient)
        .map_err(|_| "adresse du service de notification illisible".to_string())?
        .origin()
        .ascii_serialization();
    let mut signature = push.vapid.clone().add_sub_info(&subscription);
    signature.add_claim("sub", push.subject.as_str());
    signature.add_claim("aud", audience.as_str());
    let signature = signature
        .build()
        .map_err(|error| format!("signature VAPID : {error}"))?;
    let mut builder = WebPushMessageBuilder::new(&subscription);
    builder.set_payload(ContentEncoding::Aes128Gcm, &payload);
    builder.set_vapid_signature(signature);
    // Kept a day by the push service for a phone that is off.
    builder.set_ttl(24 * 3600);
    let built = builder
        .build()
        .map_err(|error| format!("notification mal formée : {error}"))?;
    let mut request = client
        .post(built.endpoint.to_string())
        .timeout(push.timeout)
        .header("TTL", built.ttl.to_string());
    if let Some(payload) = built.payload {
        request = request
            .header("Content-Encoding", payload.content_encoding.to_str())
            .header("Content-Type", "application/octet-stream");
        for (name, value) in payload.crypto_headers {
            request = request.header(name, value);
        }
        request = request.body(payload.content);
    }
    match request.send().await {
        Ok(answer) => Ok(answer.status()),
        Err(error) if error.is_timeout() => {
            Err("service de notification : pas de réponse à temps".into())
        }
        Err(_) => Err("service de notification injoignable".into()),
    }
}

/// "0612345678" (or "06 12 34 56 78", as an old farm's record may hold it) as "+33612345678";
/// a number already international stays as it is.
fn international(national: &str) -> String {
    let national: String = national
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    match national.strip_prefix('0') {
        Some(rest) if !national.starts_with("00") => format!("+33{rest}"),
        _ => national,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_are_sent_in_international_format() {
        assert_eq!(international("0612345678"), "+33612345678");
        assert_eq!(international("+32470123456"), "+32470123456");
        assert_eq!(international("06 12 34 56 01"), "+33612345601");
    }
}
