//! Messages that tell people about their workshops (and farms about their lots), as staff see
//! them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Written, not yet accepted by its channel (at night, between retries, or no channel).
    Waiting,
    Sent,
    /// Given up after repeated failures.
    Failed,
    /// Not sent: the person stopped the messages, or cancelled their sign-up.
    Stopped,
}

impl MessageStatus {
    pub fn code(self) -> &'static str {
        match self {
            MessageStatus::Waiting => "waiting",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
            MessageStatus::Stopped => "stopped",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            MessageStatus::Waiting => "en attente",
            MessageStatus::Sent => "envoyé",
            MessageStatus::Failed => "échec",
            MessageStatus::Stopped => "arrêté",
        }
    }
}

/// `GET /api/v1/workshops/{id}/messages` and `GET /api/v1/accounts/{id}/messages` (staff):
/// one line of a workshop's or a person's message log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct MessageRow {
    pub id: i64,
    /// "Confirmation", "Rappel", "Changement", "Annulation", "Lot réservé"…
    pub notice: String,
    /// "SMS", "e-mail".
    pub channel: String,
    pub recipient: String,
    pub first_name: String,
    pub body: String,
    pub status: MessageStatus,
    pub attempts: u32,
    /// Why it is not sent, as staff read it: "non envoyé : SMS non configuré", "nouvel essai
    /// prévu (<the channel's last error>)", "abandonné après 8 essais (...)".
    pub reason: Option<String>,
    pub written_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// What it is about: the workshop's title, or the farm's name.
    #[serde(default)]
    pub about: String,
}

/// `POST /api/v1/workshops/{id}/messages` (staff): a few words to everyone signed up who chose
/// to be told (at most `domain::notify::MAX_BROADCAST_CHARS`). With an `Idempotency-Key`, the
/// same request sent again tells no one twice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Broadcast {
    pub text: String,
}

/// The answer to a `Broadcast`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct BroadcastReceipt {
    /// How many people it goes to.
    pub told: u32,
}
