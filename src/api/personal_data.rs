//! "Mes données" (RGPD): everything Bocal holds on a person, its correction, and closing the
//! account.
//!
//! The export is one JSON file, `MyData`, with every section in it: one file a person can keep,
//! that any tool opens, and the same document the page shows (one source, nothing to keep in
//! step with a second format).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lots::{Farm, Lot};
use super::messages::MessageRow;
use super::wallet::Wallet;
use crate::domain::notify::Channel;
use crate::domain::Role;

/// The download's file name.
pub const EXPORT_FILE_NAME: &str = "bocal-mes-donnees.json";

/// `GET /api/v1/me/data`: everything held on the caller, by section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct MyData {
    pub exported_at: DateTime<Utc>,
    pub account: AccountData,
    /// Every sign-up, cancelled ones too, newest workshop first.
    pub signups: Vec<SignupData>,
    /// For a producer: the farm, its lots and their photos.
    pub farm: Option<FarmData>,
    /// For a participant: the tic-tac balance, the jars on deposit and every ledger entry.
    pub wallet: Option<Wallet>,
    /// What the person was told (their sign-ups', their farm's), newest first.
    pub messages: Vec<MessageRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct AccountData {
    pub member_number: String,
    pub role: Role,
    pub display_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub centre: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Whether a secret address of "my workshops" as a calendar exists.
    pub calendar_feed: bool,
    /// Devices logged in now.
    pub sessions: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct SignupData {
    pub workshop_id: i64,
    pub workshop_title: String,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    pub commune: String,
    pub first_name: String,
    pub signed_up_at: DateTime<Utc>,
    /// In the waiting list (and not cancelled).
    pub waiting: bool,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Recorded by an animator after the workshop.
    pub attended: Option<bool>,
    pub volunteered_minutes: u32,
    pub notify_by: Option<Channel>,
    /// Given for this sign-up's e-mails.
    pub email: Option<String>,
    /// Whether this sign-up holds a browser's subscription for notifications.
    pub push_subscription: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct FarmData {
    pub farm: Farm,
    pub contact_name: String,
    pub phone: String,
    pub produce: String,
    /// A company (GAEC, EARL, SCEA…): its name stays on its past lots after the account closes.
    pub is_company: bool,
    /// Every lot, newest first, with its history and its photos' ids.
    pub lots: Vec<Lot>,
}

/// `PUT /api/v1/me`: the person corrects their name, phone and e-mail (empty: none). A phone
/// or e-mail that is someone else's is refused (409).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ProfileChange {
    pub display_name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// `POST /api/v1/me/close`: the person closes their account, confirming with their password.
// No Debug: a password must never reach a log line.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CloseAccount {
    pub password: String,
}

/// What a closed account shows in place of its holder's name (the ledger keeps its entries).
pub fn former_member_name(member_number: &str) -> String {
    format!("Ancien membre n° {member_number}")
}
