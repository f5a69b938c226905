//! Accounts and sessions: log in and out, "mon compte", accounts made at the counter, producers
//! asking for an account, the audit log.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::query::{self, FromQuery, QueryParameter, QueryValue};
use crate::domain::notify::Channel;
use crate::domain::validation::FieldError;
use crate::domain::Role;

/// The header every state-changing request carries. A cross-site form cannot set it, and a
/// cross-site script cannot either without a CORS pre-flight that this API never grants.
pub const REQUEST_HEADER: &str = "x-bocal-request";
pub const REQUEST_HEADER_VALUE: &str = "1";

/// The session cookie's name. HttpOnly: the app never reads it, it asks `GET /api/v1/me`.
pub const SESSION_COOKIE: &str = "bocal_session";

/// `POST /api/v1/session`
// No Debug: a password must never reach a log line.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LoginRequest {
    /// Member number, phone number or e-mail address.
    pub login: String,
    pub password: String,
}

/// `GET /api/v1/me`, and the answer to a successful login.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Me {
    pub id: i64,
    pub role: Role,
    pub display_name: String,
    pub member_number: String,
    /// National format, digits only.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub centre: Option<String>,
    /// Set for an account made at the counter, until its holder picks their own password.
    /// Until then only "mon compte" works.
    pub must_change_password: bool,
    /// For producers: whether an animator has approved the farm yet.
    pub producer_approved: Option<bool>,
    /// For producers: how many of their lots changed since they last looked at them.
    #[serde(default)]
    pub changed_lots: u32,
    /// Deactivated by staff: it cannot log in (staff see it in their search).
    #[serde(default)]
    pub deactivated: bool,
}

/// `PUT /api/v1/me/password`. Ends every other session of the account.
// No Debug: a password must never reach a log line.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/v1/accounts` (staff): an account made at the counter.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct NewAccount {
    pub display_name: String,
    pub role: Role,
    pub centre_id: Option<i64>,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// `?q=` of `GET /api/v1/accounts` and of the counter's `GET /api/v1/wallets` (staff): a name, a
/// member number or a phone number, or part of one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountSearch {
    pub q: String,
}

impl FromQuery for AccountSearch {
    fn parameters() -> Vec<QueryParameter> {
        vec![QueryParameter::optional("q", QueryValue::Text)]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let q = query::named(pairs, "q").unwrap_or_default().to_string();
        Ok(AccountSearch { q })
    }
}

/// The answer to `POST /api/v1/accounts` and to a password reset: what goes on the member's
/// card. The initial code is shown this once; its holder replaces it at first login.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CreatedAccount {
    pub account: Me,
    pub initial_password: String,
}

/// `PUT /api/v1/accounts/{id}/active` (staff): deactivate an account (it can no longer log in,
/// its sessions end, its history stays) or reactivate it. Animators do it for members and
/// producers; admins for anyone but themselves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct AccountActive {
    pub active: bool,
}

/// `POST /api/v1/producer-requests`: a farmer asks for an account.
// No Debug: a password must never reach a log line.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct ProducerRequest {
    pub farm_name: String,
    pub contact_name: String,
    pub commune: String,
    pub phone: String,
    /// What the farm grows, in a few words.
    #[serde(default)]
    pub produce: String,
    pub password: String,
    /// `sms`: tell the farm by SMS when it is approved and when its lots are reserved or
    /// collected. Absent: not at all.
    #[serde(default)]
    pub notify_by: Option<Channel>,
    /// A company (GAEC, EARL, SCEA…), not a person farming in their own name: its name stays on
    /// its past lots if its account is closed.
    #[serde(default)]
    pub is_company: bool,
}

/// `GET /api/v1/producer-requests` (staff): farms waiting for approval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct PendingProducer {
    pub producer_id: i64,
    pub farm_name: String,
    pub contact_name: String,
    pub commune: String,
    pub phone: String,
    pub produce: String,
    pub requested_at: DateTime<Utc>,
}

/// `GET /api/v1/centres`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct CentreOption {
    pub id: i64,
    pub name: String,
}

/// `GET /api/v1/audit` (admins): one page of the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct AuditPage {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// Whether older entries match too (ask again with `avant` = the last entry's id).
    pub more: bool,
    /// Every kind of action in the journal, for the filter.
    pub actions: Vec<String>,
}

/// One change made by staff, or an account closed by its holder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// "Name (member number)".
    pub actor: String,
    pub action: String,
    /// "compte 12", "atelier 3"…
    pub subject: String,
    /// For a subject that is an account: its holder's name and member number now.
    pub subject_name: Option<String>,
    pub detail: String,
}

/// The journal's filter: `?personne=` (a name or member number: what they did and what concerns
/// them), `?action=`, `?du=&au=` (Paris days, both included), `?avant=ID` (the next page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub person: String,
    pub action: String,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub before: Option<i64>,
}

impl AuditQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("personne", self.person.clone()),
            ("action", self.action.clone()),
        ];
        pairs.extend(self.from.map(|day| ("du", day.to_string())));
        pairs.extend(self.until.map(|day| ("au", day.to_string())));
        pairs.extend(self.before.map(|id| ("avant", id.to_string())));
        pairs
    }
}

impl FromQuery for AuditQuery {
    fn parameters() -> Vec<QueryParameter> {
        vec![
            QueryParameter::optional("personne", QueryValue::Text),
            QueryParameter::optional("action", QueryValue::Text),
            QueryParameter::optional("du", QueryValue::Date),
            QueryParameter::optional("au", QueryValue::Date),
            QueryParameter::optional("avant", QueryValue::Integer),
        ]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let from = query::date(pairs, "du")?;
        let until = query::date(pairs, "au")?;
        if let (Some(from), Some(until)) = (from, until) {
            if until < from {
                return Err(FieldError::new(
                    "au",
                    "La fin de la période est avant son début.",
                ));
            }
        }
        Ok(AuditQuery {
            person: query::named(pairs, "personne")
                .unwrap_or_default()
                .to_string(),
            action: query::named(pairs, "action")
                .unwrap_or_default()
                .to_string(),
            from,
            until,
            before: query::parsed(pairs, "avant", "Entrée du journal inconnue.")?,
        })
    }
}
