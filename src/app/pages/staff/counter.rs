//! The counter, on a tablet at a busy centre: find a member (by name, number or scanned card),
//! then record minutes, hand out jars, take empties back, or undo a mistake. Each operation is
//! one or two taps and ends in a clear confirmation or refusal.

use chrono::Utc;
use leptos::prelude::*;

use crate::api::paths::pages;
use crate::api::wallet::{
    CounterOperation, EntryKind, LedgerEntry, MemberRef, MemberRow, Product, StockLine,
};
use crate::app::client::{self, ClientError};
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::counter_desk::{parse_product, record_action, CentrePicker};
use crate::app::components::states::{Loading, ShowRead, STAFF_OFFLINE};
use crate::app::components::wallet_history::{change_phrase, History};
use crate::app::i18n::WalletTexts;
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::batch::scanned_batch_number;
use crate::domain::ledger::{
    as_hours, deposit_refund, jars_phrase, MAX_JARS_PER_ENTRY, MAX_MINUTES_PER_ENTRY,
    MAX_NOTE_CHARS, UNDO_REASON_CHARS,
};
use crate::domain::lot::format_cents;
use crate::domain::time::{local, local_date};
use crate::domain::{Lang, Role};

#[component]
pub fn CounterPage() -> impl IntoView {
    set_title("Comptoir");
    view! {
        <div class="page staff-page counter-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Comptoir"</h1>
            <StaffOnly back=pages::COUNTER>
                <Counter />
            </StaffOnly>
        </div>
    }
}

/// The jars of the counter's centre, with prices.
type Stock = LocalResource<Result<Vec<StockLine>, ClientError>>;

/// What the last operation gave: shown large, next to the buttons.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Done(String),
    Refused(String),
}

/// Everything an operation needs: where, and what to refresh once it is recorded.
#[derive(Clone, Copy)]
struct Desk {
    centre: RwSignal<Option<i64>>,
    /// Bumped after each recorded operation: the wallet, stock and last operations reload.
    changes: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
    record: Action<CounterOperation, Result<LedgerEntry, ClientError>>,
}

impl Desk {
    fn centre_id(&self) -> Option<i64> {
        self.centre.get()
    }
}

/// The counter never queues an operation: a debit sent later could spend a balance twice. It
/// says so, and a resend reuses the operation's key, so it never counts twice.
const COUNTER_OFFLINE: &str =
    "Pas de connexion : l'opération n'est pas enregistrée, et rien n'est \
     mis en attente. Renvoyez-la quand le réseau revient : elle ne sera jamais comptée deux fois.";

#[component]
fn Counter() -> impl IntoView {
    let centre = RwSignal::new(None::<i64>);
    let member = RwSignal::new(None::<MemberRef>);
    let changes = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let record = record_action();
    Effect::new(move |_| match record.value().get() {
        Some(Ok(entry)) => {
            outcome.set(Some(Outcome::Done(confirmation(&entry))));
            changes.update(|n| *n += 1);
        }
        Some(Err(error)) => outcome.set(Some(Outcome::Refused(error.message(COUNTER_OFFLINE)))),
        None => {}
    });
    let desk = Desk {
        centre,
        changes,
        outcome,
        record,
    };
    view! {
        <CentrePicker id="counter-centre" centre=centre />
        <MemberSearch member=member outcome=outcome />
        {move || member.get().map(|chosen| view! { <MemberDesk member=chosen desk=desk on_close=move || member.set(None) /> })}
        // Without a member open, an undo from the list below reports here.
        {move || member.get().is_none().then(|| view! { <OutcomeBanner outcome=outcome /> })}
        <RecentOperations desk=desk />
    }
}

/// "Samia : +90 tic-tac, Bénévolat : Tri des bocaux."
fn confirmation(entry: &LedgerEntry) -> String {
    let who = entry
        .participant
        .as_ref()
        .map(|member| format!("{} : ", member.display_name))
        .unwrap_or_default();
    format!(
        "Enregistré. {who}{} ({}).",
        change_phrase(entry, in_french()),
        entry.label
    )
}

/// The counter speaks French: "+3 en consigne", as the French catalogue writes it.
fn in_french() -> fn(&str) -> String {
    WalletTexts::for_lang(Lang::Fr).deposit_change
}

#[component]
fn MemberSearch(
    member: RwSignal<Option<MemberRef>>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let search = Action::new_local(|query: &String| client::search_wallets(query.clone()));
    // One match (a scanned card, a unique name): open it at once.
    Effect::new(move |_| {
        if let Some(Ok(rows)) = search.value().get() {
            if let [only] = rows.as_slice() {
                member.set(Some(only.member.clone()));
                outcome.set(None);
                query.set(String::new());
            }
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        search.dispatch(query.get_untracked().trim().to_string());
    };
    view! {
        <form class="counter-search" role="search" on:submit=submit>
            <div class="field">
                <label for="member-search">"Membre : nom, n° de membre ou carte scannée"</label>
                <div class="search-row">
                    <input id="member-search" type="search" autocomplete="off" enterkeyhint="search"
                        prop:value=move || query.get()
                        on:input=move |event| query.set(event_target_value(&event)) />
                    <button type="submit" class="button button-primary">"Chercher"</button>
                </div>
            </div>
        </form>
        {move || match search.value().get() {
            None => ().into_any(),
            Some(Err(error)) => view! { <p class="notice notice-error" role="alert">{error.message(STAFF_OFFLINE)}</p> }.into_any(),
            Some(Ok(rows)) if rows.is_empty() => view! { <p class="notice" role="status">"Personne ne correspond."</p> }.into_any(),
            Some(Ok(rows)) if rows.len() == 1 => ().into_any(),
            Some(Ok(rows)) => view! { <MemberChoices rows=rows member=member outcome=outcome /> }.into_any(),
        }}
    }
}

#[component]
fn MemberChoices(
    rows: Vec<MemberRow>,
    member: RwSignal<Option<MemberRef>>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    view! {
        <ul class="staff-list member-choices">
            {rows.into_iter().map(|row| {
                let chosen = row.member.clone();
                view! {
                    <li>
                        <div class="staff-item-main">
                            <strong>{row.member.display_name.clone()}</strong>
                            <span class="muted">
                                {format!("n° {}", row.member.member_number)}
                                {row.centre.map(|centre| format!(" · {centre}"))}
                            </span>
                        </div>
                        <span class="muted">{format!("{} tic-tac · {} en consigne", row.tictac, row.deposit_jars)}</span>
                        <button type="button" class="button button-small" on:click=move |_| {
                            member.set(Some(chosen.clone()));
                            outcome.set(None);
                        }>"Choisir"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The chosen member: their balances, the three kinds of operation, the outcome.
#[component]
fn MemberDesk(member: MemberRef, desk: Desk, on_close: impl Fn() + 'static) -> impl IntoView {
    let account_id = member.account_id;
    let wallet = LocalResource::new(move || {
        desk.changes.track();
        client::wallet(account_id)
    });
    let balance = move || {
        wallet
            .get()
            .and_then(Result::ok)
            .map(|w| (w.tictac, w.deposit_jars))
    };
    // What was paid on the glasses held: a refund gives it back (`deposit_refund`).
    let owed = Signal::derive(move || {
        wallet
            .get()
            .and_then(Result::ok)
            .map_or(0, |w| w.deposit_cents)
    });
    // Today's deposit rate, which the server applies to jars handed out.
    let deposit = LocalResource::new(client::deposit);
    let deposit_each = Signal::derive(move || {
        deposit
            .get()
            .and_then(Result::ok)
            .map(|deposit| deposit.today.cents)
    });
    // The centre's stock, for handing out and for swaps.
    let stock = LocalResource::new(move || {
        desk.changes.track();
        let centre = desk.centre.get();
        async move {
            match centre {
                Some(centre) => client::centre_stock(centre).await,
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <section class="card member-desk" aria-labelledby="member-heading">
            <div class="member-desk-head">
                <div>
                    <h2 id="member-heading">{member.display_name.clone()}</h2>
                    <p class="muted">{format!("n° {}", member.member_number)}</p>
                </div>
                <div class="member-balance" aria-live="polite">
                    {move || balance().map(|(tictac, deposit)| view! {
                        <p><span class="wallet-number">{tictac}</span>" tic-tac"</p>
                        <p class="muted">{format!("{} · {} en consigne", as_hours(tictac), jars_phrase(deposit))}</p>
                    })}
                </div>
                <button type="button" class="button button-secondary button-small" on:click=move |_| on_close()>"Changer de membre"</button>
            </div>
            <OutcomeBanner outcome=desk.outcome />
            <div class="counter-operations">
                <Volunteering account_id=account_id desk=desk />
                <HandOut account_id=account_id desk=desk stock=stock deposit_each=deposit_each />
                <TakeBack account_id=account_id desk=desk stock=stock owed=owed held=Signal::derive(move || balance().map(|b| b.1).unwrap_or(0)) />
            </div>
            <details class="member-history">
                <summary>"Historique du membre"</summary>
                {move || match wallet.get() {
                    Some(Ok(wallet)) => view! { <History entries=wallet.history /> }.into_any(),
                    Some(Err(error)) => view! { <p class="notice notice-error">{error.message(STAFF_OFFLINE)}</p> }.into_any(),
                    None => view! { <Loading /> }.into_any(),
                }}
            </details>
        </section>
    }
}

#[component]
fn OutcomeBanner(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    view! {
        <div class="outcome" aria-live="assertive">
            {move || outcome.get().map(|outcome| match outcome {
                Outcome::Done(message) => view! { <p class="notice notice-success outcome-done">"✓ " {message}</p> }.into_any(),
                Outcome::Refused(message) => view! { <p class="notice notice-error outcome-refused" role="alert">{message}</p> }.into_any(),
            })}
        </div>
    }
}

const QUICK_MINUTES: [i64; 5] = [30, 60, 90, 120, 180];

#[component]
fn Volunteering(account_id: i64, desk: Desk) -> impl IntoView {
    let minutes = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let pending = desk.record.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(centre_id) = desk.centre_id() else {
            return;
        };
        match minutes.get_untracked().trim().parse::<i64>() {
            Ok(count) if count > 0 => {
                desk.record.dispatch(CounterOperation::Volunteering {
                    participant_id: account_id,
                    centre_id,
                    minutes: count,
                    note: note.get_untracked(),
                });
            }
            _ => desk.outcome.set(Some(Outcome::Refused(
                "Indiquez les minutes données (un nombre).".into(),
            ))),
        }
    };
    // A recorded credit empties the form, ready for the next person.
    Effect::new(move |previous: Option<u32>| {
        let now = desk.changes.get();
        if previous.is_some_and(|before| before != now) {
            minutes.set(String::new());
            note.set(String::new());
        }
        now
    });
    view! {
        <form class="counter-operation" on:submit=submit>
            <h3>"Bénévolat"</h3>
            <div class="chips" role="group" aria-label="Durée">
                {QUICK_MINUTES.into_iter().map(|quick| view! {
                    <button type="button" class="chip"
                        aria-pressed=move || (minutes.get() == quick.to_string()).to_string()
                        on:click=move |_| minutes.set(quick.to_string())>
                        {as_hours(quick)}
                    </button>
                }).collect_view()}
            </div>
            <div class="field">
                <label for="volunteer-minutes">"Minutes"</label>
                <input id="volunteer-minutes" type="number" inputmode="numeric" min="1" max=MAX_MINUTES_PER_ENTRY
                    prop:value=move || minutes.get()
                    on:input=move |event| minutes.set(event_target_value(&event)) />
            </div>
            <div class="field">
                <label for="volunteer-note">"Pour quoi (facultatif)"</label>
                <input id="volunteer-note" type="text" maxlength=MAX_NOTE_CHARS placeholder="Tri des bocaux, tenue du stand…"
                    prop:value=move || note.get()
                    on:input=move |event| note.set(event_target_value(&event)) />
            </div>
            <button type="submit" class="button button-primary button-wide" disabled=move || pending.get()>
                {move || match minutes.get().trim().parse::<i64>() {
                    Ok(n) if n > 0 => format!("Créditer {n} tic-tac"),
                    _ => "Créditer".to_string(),
                }}
            </button>
        </form>
    }
}

/// A count picker: − n +.
#[component]
fn Stepper(
    id: &'static str,
    label: &'static str,
    count: RwSignal<i64>,
    max: Signal<i64>,
) -> impl IntoView {
    view! {
        <div class="stepper" role="group" aria-labelledby=format!("{id}-label")>
            <span id=format!("{id}-label") class="stepper-label">{label}</span>
            <button type="button" class="button button-secondary button-small" aria-label="Un de moins"
                disabled={move || count.get() <= 1}
                on:click=move |_| count.update(|n| *n = (*n - 1).max(1))>"−"</button>
            <output id=id class="stepper-value" aria-live="polite">{move || count.get()}</output>
            <button type="button" class="button button-secondary button-small" aria-label="Un de plus"
                disabled={move || count.get() >= max.get().max(1)}
                on:click=move |_| count.update(|n| *n += 1)>"+"</button>
        </div>
    }
}

/// Full jars from the centre's stock: for tic-tac, or on deposit. One tap per line. Without a
/// scan the server takes the oldest batch; a label scanned (a scanner types its lot number in
/// the field) shows that batch's jars only.
#[component]
fn HandOut(
    account_id: i64,
    desk: Desk,
    stock: Stock,
    deposit_each: Signal<Option<i64>>,
) -> impl IntoView {
    let count = RwSignal::new(1i64);
    let scanned = RwSignal::new(String::new());
    let pending = desk.record.pending();
    let hand_out = move |product: Product, batch_id: Option<i64>, for_tictac: bool| {
        let Some(centre_id) = desk.centre_id() else {
            return;
        };
        let count = count.get_untracked();
        desk.record.dispatch(if for_tictac {
            CounterOperation::BuyJars {
                participant_id: account_id,
                centre_id,
                product,
                count,
                batch_id,
            }
        } else {
            CounterOperation::DepositJars {
                participant_id: account_id,
                centre_id,
                product,
                count,
                batch_id,
            }
        });
    };
    view! {
        <div class="counter-operation">
            <h3>"Donner des bocaux"</h3>
            <div class="field">
                <label for="hand-out-batch">"Lot scanné (facultatif)"</label>
                <input id="hand-out-batch" type="text" inputmode="numeric" autocomplete="off"
                    placeholder="20261128-01" prop:value=move || scanned.get()
                    on:input=move |event| scanned.set(event_target_value(&event)) />
                <p class="hint">"Sans lot scanné, le bocal part du lot le plus ancien en stock."</p>
            </div>
            <Stepper id="hand-out-count" label="Nombre" count=count max=Signal::derive(|| MAX_JARS_PER_ENTRY) />
            <ShowRead read=stock error_heading="Stock illisible" let:lines>
                {move || {
                    let typed = scanned.get();
                    let choices = match scanned_batch_number(&typed) {
                        Some(number) => match batch_choices(&lines, &number) {
                            Ok(choices) => choices,
                            Err(message) => return view! { <p class="notice notice-error" role="alert">{message}</p> }.into_any(),
                        },
                        None if !typed.trim().is_empty() => {
                            return view! { <p class="notice notice-error" role="alert">"Numéro de lot illisible : 8 chiffres, un tiret, le rang (20261128-01)."</p> }.into_any()
                        }
                        None => product_choices(&lines),
                    };
                    if choices.is_empty() {
                        return view! { <p class="muted">"Plus aucun bocal en stock dans ce centre."</p> }.into_any();
                    }
                    view! {
                        <ul class="stock-choices">
                            {choices.into_iter().map(|choice| {
                                let Choice { title, product, price_tictac, in_stock, batch } = choice;
                                let batch_id = batch.as_ref().map(|(id, _)| *id);
                                let detail = match &batch {
                                    Some((_, number)) => format!("{} ml · lot {number} · {in_stock} en stock", product.jar_ml),
                                    None => format!("{} ml · {in_stock} en stock", product.jar_ml),
                                };
                                view! {
                                    <li>
                                        <div class="stock-choice-name">
                                            <strong>{title}</strong>
                                            <span class="muted">{detail}</span>
                                        </div>
                                        <div class="stock-choice-buttons">
                                            {price_tictac.map(|price| view! {
                                                <button type="button" class="button button-small" disabled=move || pending.get()
                                                    on:click=move |_| hand_out(product, batch_id, true)>
                                                    {move || format!("{} tic-tac", price * count.get())}
                                                </button>
                                            })}
                                            <button type="button" class="button button-secondary button-small" disabled=move || pending.get()
                                                on:click=move |_| hand_out(product, batch_id, false)>
                                                {move || match deposit_each.get() {
                                                    Some(cents) => format!("Consigne {} €", format_cents((count.get() * cents) as u32)),
                                                    None => "Consigne".to_string(),
                                                }}
                                            </button>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </ShowRead>
        </div>
    }
}

/// One line the counter can hand jars out from: a product, or one batch of it once scanned.
struct Choice {
    title: String,
    product: Product,
    price_tictac: Option<i64>,
    in_stock: i64,
    /// The scanned batch (id, number).
    batch: Option<(i64, String)>,
}

/// Every product the centre can hand out (recalled batches are not counted).
fn product_choices(lines: &[StockLine]) -> Vec<Choice> {
    lines
        .iter()
        .filter(|line| line.in_stock > 0)
        .map(|line| Choice {
            title: line.title.clone(),
            product: line.product,
            price_tictac: line.price_tictac,
            in_stock: line.in_stock,
            batch: None,
        })
        .collect()
}

/// The jars of batch `number` in the centre, or why there are none to hand out.
fn batch_choices(lines: &[StockLine], number: &str) -> Result<Vec<Choice>, String> {
    let mut choices = Vec::new();
    for line in lines {
        for batch in &line.batches {
            let (Some(id), Some(batch_number)) = (batch.batch_id, batch.number.as_deref()) else {
                continue;
            };
            if batch_number != number || batch.in_stock <= 0 {
                continue;
            }
            if batch.recalled {
                return Err(format!(
                    "Lot {number} rappelé : ses bocaux ne doivent pas être remis. Mettez-les de côté."
                ));
            }
            choices.push(Choice {
                title: line.title.clone(),
                product: line.product,
                price_tictac: line.price_tictac,
                in_stock: batch.in_stock,
                batch: Some((id, number.to_string())),
            });
        }
    }
    if choices.is_empty() {
        return Err(format!(
            "Aucun bocal du lot {number} en stock dans ce centre."
        ));
    }
    Ok(choices)
}

/// Empty glasses brought back: refund the deposit, or swap them for full jars.
#[component]
fn TakeBack(
    account_id: i64,
    desk: Desk,
    stock: Stock,
    held: Signal<i64>,
    owed: Signal<i64>,
) -> impl IntoView {
    let count = RwSignal::new(1i64);
    let swap_for = RwSignal::new(String::new());
    let pending = desk.record.pending();
    let refund = move |_| {
        let Some(centre_id) = desk.centre_id() else {
            return;
        };
        desk.record.dispatch(CounterOperation::ReturnJars {
            participant_id: account_id,
            centre_id,
            count: count.get_untracked(),
        });
    };
    let swap = move |_| {
        let Some(centre_id) = desk.centre_id() else {
            return;
        };
        let Some(product) = parse_product(&swap_for.get_untracked()) else {
            desk.outcome.set(Some(Outcome::Refused(
                "Choisissez le bocal plein à donner en échange.".into(),
            )));
            return;
        };
        desk.record.dispatch(CounterOperation::SwapJars {
            participant_id: account_id,
            centre_id,
            product,
            count: count.get_untracked(),
            // The oldest batch in stock.
            batch_id: None,
        });
    };
    view! {
        <div class="counter-operation">
            <h3>"Reprendre des bocaux vides"</h3>
            {move || (held.get() == 0).then(|| view! { <p class="muted">"Aucun bocal en consigne."</p> })}
            <Stepper id="take-back-count" label="Bocaux rapportés" count=count max=held />
            <button type="button" class="button button-primary button-wide" disabled={move || pending.get() || held.get() == 0} on:click=refund>
                {move || {
                    let refund = deposit_refund(count.get(), held.get(), owed.get());
                    format!("Rembourser {} €", format_cents(refund as u32))
                }}
            </button>
            <div class="field">
                <label for="swap-for">"Ou échanger contre"</label>
                <select id="swap-for" on:change=move |event| swap_for.set(event_target_value(&event))>
                    <option value="">"— bocal plein —"</option>
                    {move || stock.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|line| line.in_stock > 0).map(|line| {
                        let value = format!("{}:{}", line.product.recipe_id, line.product.jar_ml);
                        view! { <option value=value>{format!("{} ({} ml)", line.title, line.product.jar_ml)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="button button-secondary button-wide" disabled={move || pending.get() || held.get() == 0} on:click=swap>
                {move || format!("Échanger {}", jars_phrase(count.get()))}
            </button>
        </div>
    }
}

/// The centre's last operations; a mistake is undone here, with a reason.
#[component]
fn RecentOperations(desk: Desk) -> impl IntoView {
    let recent = LocalResource::new(move || {
        desk.changes.track();
        let centre = desk.centre.get();
        async move {
            match centre {
                Some(centre) => client::recent_entries(centre).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let undoing = RwSignal::new(None::<i64>);
    view! {
        <section class="card recent-operations" aria-labelledby="recent-heading">
            <h2 id="recent-heading">"Dernières opérations du centre"</h2>
            <ShowRead read=recent error_heading="Opérations illisibles" let:data>
                {match data {
                    entries if entries.is_empty() => view! { <p class="muted">"Aucune opération pour l'instant."</p> }.into_any(),
                    entries => view! {
                        <ul class="staff-list recent-list">
                            {entries.into_iter().map(|entry| view! { <RecentLine entry=entry desk=desk undoing=undoing /> }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </ShowRead>
        </section>
    }
}

#[component]
fn RecentLine(entry: LedgerEntry, desk: Desk, undoing: RwSignal<Option<i64>>) -> impl IntoView {
    let id = entry.id;
    let reason = RwSignal::new(String::new());
    // Attendance credits are corrected on the attendance sheet; a reversal is not undone;
    // animators undo the day's mistakes, admins any.
    let is_admin = use_session().me().is_some_and(|me| me.role == Role::Admin);
    let can_undo = entry.reversed_by.is_none()
        && entry.kind != EntryKind::Reversal
        && !entry.from_attendance
        && (is_admin || local_date(entry.at) == local_date(Utc::now()));
    let who = entry
        .participant
        .as_ref()
        .map(|member| member.display_name.clone());
    let time = local(entry.at).format("%d/%m %H:%M").to_string();
    let confirm = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        desk.record.dispatch(CounterOperation::Reversal {
            entry_id: id,
            reason: reason.get_untracked(),
        });
        undoing.set(None);
    };
    view! {
        <li class:is-reversed=entry.reversed_by.is_some()>
            <div class="staff-item-main">
                <span>{who.map(|name| view! { <strong>{name}</strong> " · " })}{entry.label.clone()}</span>
                <span class="muted">{format!("n° {id} · {time} · {}", entry.recorded_by)}
                    {entry.reversed_by.map(|by| format!(" · annulée (n° {by})"))}
                </span>
            </div>
            <span class="history-change">{change_phrase(&entry, in_french())}</span>
            {can_undo.then(|| view! {
                <button type="button" class="button button-secondary button-small"
                    on:click=move |_| undoing.set(Some(id))>"Annuler"</button>
            })}
            {move || (undoing.get() == Some(id)).then(|| view! {
                <form class="undo-form" on:submit=confirm>
                    <div class="field">
                        <label for=format!("undo-reason-{id}")>"Raison de l'annulation"</label>
                        <input id=format!("undo-reason-{id}") type="text" required minlength=*UNDO_REASON_CHARS.start() maxlength=*UNDO_REASON_CHARS.end()
                            prop:value=move || reason.get()
                            on:input=move |event| reason.set(event_target_value(&event)) />
                    </div>
                    <button type="submit" class="button button-danger button-small">"Confirmer l'annulation"</button>
                    <button type="button" class="button-link" on:click=move |_| undoing.set(None)>"Garder"</button>
                </form>
            })}
        </li>
    }
}
