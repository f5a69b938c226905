//! "Mon portefeuille": my tic-tac, my jars on deposit, my history, my member card.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use super::account::LoginFirst;
use super::set_title;
use crate::api::paths::{self, pages};
use crate::api::wallet::{HistoryQuery, LedgerEntry, Wallet};
use crate::app::client;
use crate::app::components::states::{ErrorNotice, Loading};
use crate::app::i18n::use_i18n;
use crate::app::offline::refreshed_resource;
use crate::app::session::use_session;
use crate::domain::ledger::{as_hours, signed};
use crate::domain::lot::format_cents;
use crate::domain::time::{local, local_date};
use crate::domain::when::{clock_phrase, date_phrase};

#[component]
pub fn WalletPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    Effect::new(move |_| set_title(i18n.wallet().heading));
    view! {
        <div class="page wallet-page">
            <h1>{move || i18n.wallet().heading}</h1>
            {move || match (session.is_known(), session.me()) {
                (false, _) => view! { <Loading /> }.into_any(),
                (true, None) => view! { <LoginFirst back=pages::MY_WALLET /> }.into_any(),
                (true, Some(me)) if !me.role.has_wallet() => view! {
                    <p class="notice">{move || i18n.wallet().not_for_farms}</p>
                }.into_any(),
                // A code given at the counter opens only "Mon compte" until it is replaced.
                (true, Some(me)) if me.must_change_password => view! {
                    <div class="notice notice-planned">
                        <p>{move || i18n.texts().must_change_notice}</p>
                        <A href=pages::MY_ACCOUNT attr:class="button button-secondary">{move || i18n.texts().nav_account}</A>
                    </div>
                }.into_any(),
                (true, Some(_)) => view! { <MyWallet /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn MyWallet() -> impl IntoView {
    // The history's pages shown: "Voir plus" asks for one more (the lines already read stay
    // while it loads).
    let pages = RwSignal::new(1);
    let wallet = refreshed_resource(move || client::my_wallet(HistoryQuery::pages(pages.get())));
    let show_more = Callback::new(move |()| pages.update(|pages| *pages += 1));
    move || {
        match wallet.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorNotice error=error heading="Impossible d'afficher le portefeuille" retry=move |_| wallet.refetch() />
        }
        .into_any(),
        Some(Ok(wallet)) => view! { <WalletView wallet=wallet show_more=show_more /> }.into_any(),
    }
    }
}

/// The wallet itself; `show_more` shows older history lines.
#[component]
fn WalletView(wallet: Wallet, show_more: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.wallet();
    let Wallet {
        member,
        tictac,
        deposit_jars,
        deposit_cents,
        history,
        more_history,
        chart_points,
        first_balance,
    } = wallet;
    let euros = format!("{} €", format_cents(deposit_cents.max(0) as u32));
    // Drawn by the server; the query changes with the balance, so a new entry shows at once.
    let chart_src = format!("{}?n={chart_points}&b={tictac}", paths::MY_WALLET_CHART);
    let first_and_last = (first_balance, tictac);
    view! {
        <div class="wallet-summary">
            <section class="card wallet-figure" aria-labelledby="balance-heading">
                <h2 id="balance-heading" class="wallet-label">{move || texts().balance}</h2>
                <p class="wallet-amount"><span class="wallet-number">{tictac}</span> " tic-tac"</p>
                <p class="muted">{move || (texts().as_time)(&as_hours(tictac))}</p>
            </section>
            <section class="card wallet-figure" aria-labelledby="deposit-heading">
                <h2 id="deposit-heading" class="wallet-label">{move || texts().deposit}</h2>
                <p class="wallet-amount">
                    <span class="wallet-number">{deposit_jars}</span>
                    " " {move || (texts().jar_word)(deposit_jars)}
                </p>
                <p class="muted">{move || (texts().deposit_hint)(&euros)}</p>
            </section>
        </div>
        {(chart_points > 0).then(|| view! {
            <section class="card wallet-chart" aria-labelledby="chart-heading">
                <h2 id="chart-heading">{move || texts().chart_heading}</h2>
                <img class="chart" src=chart_src width="480" height="260"
                    alt=move || (texts().chart_label)(first_and_last.0, first_and_last.1) />
            </section>
        })}
        <section class="card wallet-history" aria-labelledby="history-heading">
            <h2 id="history-heading">{move || texts().history_heading}</h2>
            <History entries=history />
            {more_history.then(|| view! {
                <p class="more-history">
                    <button type="button" class="button button-secondary" on:click=move |_| show_more.run(())>
                        {move || texts().history_more}
                    </button>
                </p>
            })}
        </section>
        <section class="card wallet-card" aria-labelledby="card-heading">
            <h2 id="card-heading">{move || texts().card_heading}</h2>
            <img src=paths::MY_CARD alt=move || texts().card_alt width="176" height="176" />
            <p class="wallet-card-name">{member.display_name.clone()}</p>
            <p class="wallet-card-number">{format!("n° {}", member.member_number)}</p>
            <p class="hint">{move || texts().card_hint}</p>
        </section>
    }
}

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
