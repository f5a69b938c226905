//! The lines of a wallet's history: a member's own wallet and the counter show them.

use chrono::Utc;
use leptos::prelude::*;

use crate::api::wallet::LedgerEntry;
use crate::app::i18n::use_i18n;
use crate::domain::ledger::signed;
use crate::domain::time::{local, local_date};
use crate::domain::when::{clock_phrase, date_phrase};

/// History lines, newest first: date, what, and what it changed.
#[component]
pub fn History(entries: Vec<LedgerEntry>) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="muted">{move || i18n.wallet().history_empty}</p> }.into_any();
    }
    let today = local_date(Utc::now());
    view! {
        <ul class="history">
            {entries.into_iter().map(|entry| {
                let when = move || {
                    let lang = i18n.texts().lang;
                    format!(
                        "{}, {}",
                        date_phrase(lang, today, local_date(entry.at)),
                        clock_phrase(lang, local(entry.at).time())
                    )
                };
                let change = change_phrase(&entry, i18n.wallet().deposit_change);
                let is_credit = entry.tictac > 0;
                let is_debit = entry.tictac < 0;
                let reversed = entry.reversed_by.is_some();
                view! {
                    <li class:is-reversed=reversed>
                        <div class="history-main">
                            <span class="history-label">{entry.label.clone()}</span>
                            <span class="muted">
                                {when}
                                {reversed.then(|| view! { " · " <span class="badge status-cancelled">{move || i18n.wallet().reversed}</span> })}
                            </span>
                        </div>
                        <span class="history-change" class:is-credit=is_credit class:is-debit=is_debit>{change}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// What an entry changed: "+180 tic-tac", "−60 tic-tac · +3 en consigne"; for a centre's
/// stock alone, "+12 en stock".
pub fn change_phrase(entry: &LedgerEntry, deposit_change: fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    if entry.tictac != 0 {
        parts.push(format!("{} tic-tac", signed(entry.tictac)));
    }
    if entry.deposit_jars != 0 {
        parts.push(deposit_change(&signed(entry.deposit_jars)));
    }
    if parts.is_empty() && entry.stock != 0 {
        parts.push(format!("{} en stock", signed(entry.stock)));
    }
    parts.join(" · ")
}
