//! "Mon portefeuille": my tic-tac, my jars on deposit, my history, my member card.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::paths::{self, pages};
use crate::api::wallet::{HistoryQuery, Wallet};
use crate::app::client;
use crate::app::components::access::LoginFirst;
use crate::app::components::states::{Loading, ShowRead};
use crate::app::components::wallet_history::History;
use crate::app::i18n::use_i18n;
use crate::app::offline::refreshed_resource;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::ledger::as_hours;
use crate::domain::lot::format_cents;

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
    view! {
        <ShowRead read=wallet error_heading="Impossible d'afficher le portefeuille" let:wallet>
            {view! { <WalletView wallet=wallet show_more=show_more /> }.into_any()}
        </ShowRead>
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
