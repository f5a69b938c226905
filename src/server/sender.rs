//! The sender: a task of the server that sends the messages the storage holds (see
//! `storage::messages`), with retries and backoff. Requests only write messages; no request
//! ever waits for a channel.
//!
//! SMS go through an HTTP gateway (the form French providers offer: a URL, a token, a JSON
//! body). Each message carries its id, so that a gateway that received it before a crash or a
//! lost answer can recognise it when it comes again.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::notify::Channel;
use crate::server::storage::{DueMessage, StorageError};
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

/// What the server tells people with, and when.
#[derive(Clone, Debug)]
pub struct Notifications {
    /// `None`: SMS are kept, and shown to staff as not sent.
    pub sms: Option<SmsGateway>,
    /// The evening-before reminder's hour, Paris time.
    pub reminder_hour: u32,
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications {
            sms: None,
            reminder_hour: 18,
        }
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
    let Some(gateway) = &notifications.sms else {
        return Ok(0);
    };
    let mut sent = 0;
    for message in state.storage.due_messages(now, 50).await? {
        let outcome = match message.channel {
            Channel::Sms => send_sms(client, gateway, &message).await,
        };
        match &outcome {
            Ok(()) => sent += 1,
            Err(error) => tracing::warn!(message = message.id, %error, "sender: not sent"),
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

/// "0612345678" as "+33612345678"; a number already international stays as it is.
fn international(national: &str) -> String {
    match national.strip_prefix('0') {
        Some(rest) if !national.starts_with("00") => format!("+33{rest}"),
        _ => national.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_are_sent_in_international_format() {
        assert_eq!(international("0612345678"), "+33612345678");
        assert_eq!(international("+32470123456"), "+32470123456");
    }
}
