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

use chrono::{DateTime, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncTransport, Message};
use serde::Serialize;
use web_push::{ContentEncoding, SubscriptionInfo, WebPushMessageBuilder};

use crate::api::operator::Operator;
use crate::api::paths;
use crate::domain::notify::Channel;
use crate::server::notifications::{Mailer, PushSender, SmsGateway};
use crate::server::state::AppState;
use crate::server::storage::{Delivery, DueMessage, StorageError};

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
    let signature = push.signature(&subscription, &audience)?;
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
