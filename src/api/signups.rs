//! Sign-ups for a workshop: residents with an account, or with just a first name and a phone.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::notify::Channel;
use crate::domain::Workshop;

/// `POST /api/v1/workshops/{id}/signups`. Logged in, both fields may stay empty: the account
/// signs up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct SignupRequest {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub phone: String,
    /// How to tell them of a confirmation, the evening-before reminder and changes: by SMS
    /// to the phone given (or the account's), by e-mail to `email` (or the account's), or,
    /// when absent, not at all.
    #[serde(default)]
    pub notify_by: Option<Channel>,
    /// Without an account, the address to tell them at by e-mail (kept only then).
    #[serde(default)]
    pub email: String,
    /// To tell them by a notification of the installed app: the browser's subscription.
    #[serde(default)]
    pub push: Option<PushSubscription>,
    /// If the workshop is full: join its waiting list (and be signed up, and told, when a
    /// place frees) rather than be refused.
    #[serde(default)]
    pub waiting_list: bool,
}

/// A browser's push subscription, as `PushSubscription.toJSON()` gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct PushSubscription {
    /// The push service's address for this browser.
    pub endpoint: String,
    pub keys: PushKeys,
}

/// The keys a push message is encrypted for (RFC 8291), base64url.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct PushKeys {
    pub p256dh: String,
    pub auth: String,
}

/// `GET /api/v1/push-key`: the server's public VAPID key (base64url), which a browser
/// subscribes with; `None` when web push is not configured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct PushKey {
    pub public_key: Option<String>,
}

/// The answer to a sign-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct SignupReceipt {
    pub signup_id: i64,
    pub workshop_id: i64,
    pub first_name: String,
    /// Without an account, the secret that lets this phone cancel later. Shown once.
    pub cancel_token: Option<String>,
    pub places_left: u32,
    /// How they chose to be told (absent in receipts kept by older versions of the app).
    #[serde(default)]
    pub notify_by: Option<Channel>,
    /// In the waiting list: their place in line (1: the next place is theirs). `None`: they
    /// hold a place.
    #[serde(default)]
    pub waiting_position: Option<u32>,
}

/// `POST /api/v1/signups/{id}/cancel`: by the account that signed up, by staff, or with the
/// receipt's token.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CancelSignup {
    #[serde(default)]
    pub token: Option<String>,
}

/// `GET /api/v1/workshops/{id}/signups` (staff): who comes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct SignupRow {
    pub id: i64,
    pub first_name: String,
    /// For account holders: their member number.
    pub member_number: Option<String>,
    pub phone: Option<String>,
    pub signed_up_at: DateTime<Utc>,
    pub cancelled: bool,
    /// `None` until an animator records it.
    pub attended: Option<bool>,
    pub volunteered_minutes: u32,
    /// In the waiting list (listed after those who hold a place, in the order of the line).
    #[serde(default)]
    pub waiting: bool,
}

/// `PUT /api/v1/signups/{id}/attendance` (staff). The wallet credits the minutes (one
/// tic-tac each).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Attendance {
    pub attended: bool,
    pub volunteered_minutes: u32,
}

/// Most minutes one person can be credited for one workshop.
pub const MAX_VOLUNTEERED_MINUTES: u32 = 720;

/// `GET /api/v1/me/signups`: the account's live sign-ups, soonest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct MySignup {
    pub signup_id: i64,
    pub workshop: Workshop,
    pub notify_by: Option<Channel>,
    /// As in `SignupReceipt`.
    #[serde(default)]
    pub waiting_position: Option<u32>,
}

/// `POST /api/v1/me/calendar`: the new secret address of the account's workshops as an
/// iCalendar feed, shown once (the server keeps only its hash).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CalendarLink {
    /// "/api/v1/calendars/<secret>": the page's origin goes in front.
    pub path: String,
}
