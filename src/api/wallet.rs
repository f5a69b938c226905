//! The wallet: a participant's tic-tac and jars on deposit, the animators' counter, the centres'
//! jar stock and prices, the exports. The rules are in `domain::ledger`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::query::{self, FromQuery, QueryParameter, QueryValue};
pub use crate::domain::ledger::Product;
use crate::domain::validation::FieldError;

/// `POST /api/v1/ledger` (staff): one counter operation. Replaying the same request with the
/// same key returns the entry first recorded and records nothing more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LedgerRequest {
    /// Chosen by the client, once per operation (random, 16 to 100 characters).
    pub idempotency_key: String,
    pub operation: CounterOperation,
}

impl LedgerRequest {
    pub fn check_key(&self) -> Result<(), FieldError> {
        super::check_idempotency_key(&self.idempotency_key)
    }
}

/// What the counter records. Counts are signed so that a wrong sign gets a French message
/// from the rules rather than a parse error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CounterOperation {
    /// Minutes volunteered outside a workshop's attendance sheet (which credits by itself).
    Volunteering {
        participant_id: i64,
        /// Where the minutes were given (the counter's centre).
        centre_id: i64,
        minutes: i64,
        /// What was done: "Tri des bocaux", "Tenue du stand".
        note: String,
    },
    /// Jars bought for tic-tac, at the centre's price.
    BuyJars {
        participant_id: i64,
        centre_id: i64,
        product: Product,
        count: i64,
        /// The batch scanned on the label; `None`: the oldest batch in the centre's stock.
        #[serde(default)]
        batch_id: Option<i64>,
    },
    /// Jars taken against the 2 EUR deposit, paid in cash.
    DepositJars {
        participant_id: i64,
        centre_id: i64,
        product: Product,
        count: i64,
        /// As for `BuyJars`.
        #[serde(default)]
        batch_id: Option<i64>,
    },
    /// Empty glasses brought back: the deposit is refunded in cash.
    ReturnJars {
        participant_id: i64,
        centre_id: i64,
        count: i64,
    },
    /// Empty glasses brought back for as many full jars.
    SwapJars {
        participant_id: i64,
        centre_id: i64,
        product: Product,
        count: i64,
        /// As for `BuyJars`.
        #[serde(default)]
        batch_id: Option<i64>,
    },
    /// Full jars arriving in a centre's stock without a production batch (a batch's jars
    /// enter through `POST /api/v1/batches/{id}/stock`).
    ReceiveStock {
        centre_id: i64,
        product: Product,
        count: i64,
        #[serde(default)]
        note: String,
    },
    /// Admin only: a correction of a participant's tic-tac.
    AdjustTicTac {
        participant_id: i64,
        minutes: i64,
        reason: String,
    },
    /// Admin only: a correction of a centre's stock (broken jars, a count).
    AdjustStock {
        centre_id: i64,
        product: Product,
        count: i64,
        reason: String,
        /// The batch whose stock is corrected; `None`: the jars without a batch.
        #[serde(default)]
        batch_id: Option<i64>,
    },
    /// Undoes an earlier entry. Animators: the same day's counter entries; admins: any.
    Reversal { entry_id: i64, reason: String },
}

impl CounterOperation {
    /// The centre where the operation happens, if it names one.
    pub fn centre_id(&self) -> Option<i64> {
        match *self {
            CounterOperation::Volunteering { centre_id, .. }
            | CounterOperation::BuyJars { centre_id, .. }
            | CounterOperation::DepositJars { centre_id, .. }
            | CounterOperation::ReturnJars { centre_id, .. }
            | CounterOperation::SwapJars { centre_id, .. }
            | CounterOperation::ReceiveStock { centre_id, .. }
            | CounterOperation::AdjustStock { centre_id, .. } => Some(centre_id),
            CounterOperation::AdjustTicTac { .. } | CounterOperation::Reversal { .. } => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Volunteering,
    JarsForTicTac,
    JarsOnDeposit,
    JarsReturned,
    JarsSwapped,
    StockReceived,
    Adjustment,
    Reversal,
}

impl EntryKind {
    pub const ALL: [EntryKind; 8] = [
        EntryKind::Volunteering,
        EntryKind::JarsForTicTac,
        EntryKind::JarsOnDeposit,
        EntryKind::JarsReturned,
        EntryKind::JarsSwapped,
        EntryKind::StockReceived,
        EntryKind::Adjustment,
        EntryKind::Reversal,
    ];

    /// The name stored in the database and the CSV export.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Volunteering => "volunteering",
            EntryKind::JarsForTicTac => "jars_for_tictac",
            EntryKind::JarsOnDeposit => "jars_on_deposit",
            EntryKind::JarsReturned => "jars_returned",
            EntryKind::JarsSwapped => "jars_swapped",
            EntryKind::StockReceived => "stock_received",
            EntryKind::Adjustment => "adjustment",
            EntryKind::Reversal => "reversal",
        }
    }

    pub fn parse(text: &str) -> Option<EntryKind> {
        EntryKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            EntryKind::Volunteering => "Bénévolat",
            EntryKind::JarsForTicTac => "Bocaux contre tic-tac",
            EntryKind::JarsOnDeposit => "Bocaux consignés",
            EntryKind::JarsReturned => "Bocaux rendus",
            EntryKind::JarsSwapped => "Bocaux échangés",
            EntryKind::StockReceived => "Entrée en stock",
            EntryKind::Adjustment => "Correction",
            EntryKind::Reversal => "Annulation",
        }
    }
}

/// Who an entry concerns, as the counter shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct MemberRef {
    pub account_id: i64,
    pub display_name: String,
    pub member_number: String,
}

/// One entry of the ledger, as a history line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct LedgerEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: EntryKind,
    /// Plain French: "Atelier confiture, place Jacquemart", "2 × Coulis de tomates (370 ml)".
    pub label: String,
    pub participant: Option<MemberRef>,
    pub centre: Option<String>,
    /// Who recorded it ("Camille (100002)"); "Bocal" for the attendance sheet's credits.
    pub recorded_by: String,
    /// What it changed for the participant (0 when nothing).
    pub tictac: i64,
    pub deposit_jars: i64,
    pub jars: i64,
    /// What it changed in the centre's stock.
    pub stock: i64,
    /// The reason of a correction or reversal, the note of a credit.
    pub note: String,
    pub reverses: Option<i64>,
    pub reversed_by: Option<i64>,
    /// A credit written by a workshop's attendance sheet (corrected there, not reversed).
    pub from_attendance: bool,
}

/// A point of the balance chart: the balance just after an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct BalancePoint {
    pub at: DateTime<Utc>,
    pub tictac: i64,
}

/// `GET /api/v1/me/wallet` (one's own) and `GET /api/v1/wallets/{id}` (the counter).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Wallet {
    pub member: MemberRef,
    pub tictac: i64,
    pub deposit_jars: i64,
    pub deposit_cents: i64,
    /// Newest first; the last `HistoryQuery::lines` (`HISTORY_PAGE_LINES` unless asked).
    pub history: Vec<LedgerEntry>,
    /// Whether older lines are left out, for "Voir plus". (Absent from answers stored by
    /// builds before paging.)
    #[serde(default)]
    pub more_history: bool,
    /// How many entries changed the tic-tac balance: the points of the chart, which the server
    /// draws (`MY_WALLET_CHART`); the page asks for it again when this changes.
    pub chart_points: u32,
    /// The balance after the first of them, for the chart's text alternative.
    pub first_balance: i64,
}

/// The history lines a wallet shows at first, and adds with each "Voir plus".
pub const HISTORY_PAGE_LINES: u32 = 30;
/// The most lines one read may ask for.
const HISTORY_MAX_LINES: u32 = 3000;

/// `?lines=N` of a wallet: how many of the newest history lines to send.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistoryQuery {
    pub lines: Option<u32>,
}

impl HistoryQuery {
    pub const PARAM: &'static str = "lines";

    /// The first `pages` pages of the history; the first page asks with no query at all, so
    /// the address stored for offline use stays the same.
    pub fn pages(pages: u32) -> Self {
        HistoryQuery {
            lines: (pages > 1).then(|| pages * HISTORY_PAGE_LINES),
        }
    }

    pub fn lines(self) -> u32 {
        self.lines.unwrap_or(HISTORY_PAGE_LINES)
    }

    /// The query pairs that `from_query` reads back.
    pub fn to_pairs(self) -> Vec<(&'static str, String)> {
        self.lines
            .map(|lines| (HistoryQuery::PARAM, lines.to_string()))
            .into_iter()
            .collect()
    }
}

impl FromQuery for HistoryQuery {
    fn parameters() -> Vec<QueryParameter> {
        vec![QueryParameter::optional(
            HistoryQuery::PARAM,
            QueryValue::Integer,
        )]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let lines =
            query::number_within(pairs, HistoryQuery::PARAM, 1..=HISTORY_MAX_LINES, || {
                format!("Nombre de lignes invalide : de 1 à {HISTORY_MAX_LINES}.")
            })?;
        Ok(HistoryQuery { lines })
    }
}

/// `GET /api/v1/wallets?q=` (staff): members found by name, member number or phone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct MemberRow {
    pub member: MemberRef,
    pub centre: Option<String>,
    pub tictac: i64,
    pub deposit_jars: i64,
}

/// `GET /api/v1/centres/{id}/stock` (staff): every product (recipe and jar size), with what the
/// centre holds and its price in tic-tac when an admin set one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct StockLine {
    pub product: Product,
    pub title: String,
    /// Jars that can be handed out: every batch's but a recalled one's.
    pub in_stock: i64,
    pub price_tictac: Option<i64>,
    /// The jars held, batch by batch, oldest first (the order the counter hands them out in).
    #[serde(default)]
    pub batches: Vec<BatchStock>,
}

/// A centre's jars of one product from one batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct BatchStock {
    /// `None`: jars without a batch (stocked before jars were counted by batch).
    pub batch_id: Option<i64>,
    /// The lot number printed on the label ("20261128-02").
    pub number: Option<String>,
    pub in_stock: i64,
    /// Recalled: blocked, never handed out.
    pub recalled: bool,
}

/// `PUT /api/v1/jar-prices` (admin)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct JarPrice {
    pub product: Product,
    pub tictac: i64,
}

/// Query of the CSV exports: a period, both days included (`du`, `au`: YYYY-MM-DD).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct Period {
    pub du: NaiveDate,
    pub au: NaiveDate,
}

impl Period {
    /// Reads `du` and `au` from a query string's pairs, and checks them.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Period, FieldError>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let (mut du, mut au) = (None, None);
        for (name, value) in pairs {
            let day = || {
                value
                    .as_ref()
                    .parse::<NaiveDate>()
                    .map_err(|_| FieldError::new("du", "Date attendue au format AAAA-MM-JJ."))
            };
            match name.as_ref() {
                "du" => du = Some(day()?),
                "au" => {
                    au = Some(day().map_err(|error| FieldError {
                        field: "au",
                        ..error
                    })?)
                }
                _ => {}
            }
        }
        let period = Period {
            du: du.ok_or_else(|| FieldError::new("du", "Donnez le début de la période."))?,
            au: au.ok_or_else(|| FieldError::new("au", "Donnez la fin de la période."))?,
        };
        period.check()?;
        Ok(period)
    }

    /// The query pairs that `from_pairs` reads back.
    pub fn to_query(&self) -> String {
        format!("du={}&au={}", self.du, self.au)
    }

    pub fn check(&self) -> Result<(), FieldError> {
        if self.au < self.du {
            return Err(FieldError::new(
                "au",
                "La fin de la période précède son début.",
            ));
        }
        if (self.au - self.du).num_days() > 3 * 366 {
            return Err(FieldError::new("au", "Trois ans au plus par export."));
        }
        Ok(())
    }
}

impl FromQuery for Period {
    fn parameters() -> Vec<QueryParameter> {
        vec![
            QueryParameter::required("du", QueryValue::Date),
            QueryParameter::required("au", QueryValue::Date),
        ]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        Period::from_pairs(pairs.iter().map(|(name, value)| (name, value)))
    }
}

/// `?centre=ID` of the ledger's last entries: one centre's, or every centre's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LedgerFilter {
    pub centre: Option<i64>,
}

impl FromQuery for LedgerFilter {
    fn parameters() -> Vec<QueryParameter> {
        vec![QueryParameter::optional("centre", QueryValue::Integer)]
    }

    fn from_query(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let centre = query::parsed(pairs, "centre", "Centre inconnu.")?;
        Ok(LedgerFilter { centre })
    }
}

/// "2 × Coulis de tomates (370 ml)"
pub fn product_label(title: &str, product: Product, count: i64) -> String {
    format!("{count} × {title} ({} ml)", product.jar_ml)
}
