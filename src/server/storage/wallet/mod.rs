//! The wallet's ledger: entries and their postings, checked by `domain::ledger` inside a write
//! transaction (so two counters cannot both spend the same tic-tac), the jar prices, exports.
//!
//! `rows` maps the ledger's tables to its types, `checks` refuses what names no record,
//! `deposit` keeps the deposit's rates and what each participant paid, `operations` writes
//! entries, `picking` chooses the batch whose jars are handed out,
//! `reports` reads wallets, stocks and the exports.

mod checks;
mod deposit;
mod operations;
mod picking;
mod reports;
mod rows;

pub use operations::Recorder;
pub use reports::MonthlyTotal;

// For the other records whose life writes to the ledger: batches, attendance, the seed.
pub(super) use checks::{check_product, jar_price};
pub(super) use deposit::rate_on as deposit_rate_on;
pub(super) use operations::{
    credit_attendance, receive_batch_jars, record_checked, BatchJarsIn, NewEntry,
};
