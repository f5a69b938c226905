//! A centre's jar stock: jars received, prices in tic-tac (set by admins), and the CSV
//! exports for the accounts and the funders.

use chrono::{Datelike, Utc};
use leptos::prelude::*;

use crate::api::paths::{self, pages};
use crate::api::wallet::{BatchStock, CounterOperation, JarPrice, Period, StockLine};
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::counter_desk::{parse_product, record_action, CentrePicker};
use crate::app::components::states::{ShowRead, STAFF_OFFLINE};
use crate::app::page::set_title;
use crate::app::session::use_session;
use crate::domain::ledger::{MAX_JARS_RECEIVED, MAX_NOTE_CHARS, MAX_PRICE_TICTAC};
use crate::domain::time::local_date;
use crate::domain::Role;

#[component]
pub fn StockPage() -> impl IntoView {
    set_title("Stock et exports");
    view! {
        <div class="page staff-page stock-page">
            <BackLink href=pages::STAFF label="Espace animation" />
            <h1>"Stock et exports"</h1>
            <StaffOnly back=pages::STOCK>
                <Stock />
                <Exports />
            </StaffOnly>
        </div>
    }
}

#[component]
fn Stock() -> impl IntoView {
    let centre = RwSignal::new(None::<i64>);
    let changes = RwSignal::new(0u32);
    // Lives here: the table is redrawn when the stock reloads, the confirmation stays.
    let saved = RwSignal::new(None::<String>);
    let stock = LocalResource::new(move || {
        changes.track();
        let centre = centre.get();
        async move {
            match centre {
                Some(centre) => client::centre_stock(centre).await,
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <CentrePicker id="stock-centre" centre=centre />
        <Receive lines=Signal::derive(move || stock.get().and_then(Result::ok).unwrap_or_default()) centre=centre changes=changes />
        <ShowRead read=stock error_heading="Impossible d'afficher le stock" let:lines>
            {view! { <StockTable lines=lines changes=changes saved=saved /> }.into_any()}
        </ShowRead>
    }
}

/// Jars arriving from a workshop: into this centre's stock.
#[component]
fn Receive(
    #[prop(into)] lines: Signal<Vec<StockLine>>,
    centre: RwSignal<Option<i64>>,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let product = RwSignal::new(String::new());
    let count = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let record = record_action();
    let message = RwSignal::new(None::<Result<String, String>>);
    Effect::new(move |_| match record.value().get() {
        Some(Ok(entry)) => {
            message.set(Some(Ok(format!("Enregistré : {}.", entry.label))));
            changes.update(|n| *n += 1);
        }
        Some(Err(error)) => message.set(Some(Err(error.message(STAFF_OFFLINE)))),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (Some(centre_id), Some(chosen)) = (
            centre.get_untracked(),
            parse_product(&product.get_untracked()),
        ) else {
            message.set(Some(Err(
                "Choisissez la recette et la taille du bocal.".into()
            )));
            return;
        };
        let Ok(count) = count.get_untracked().trim().parse::<i64>() else {
            message.set(Some(
                Err("Indiquez le nombre de bocaux (un nombre).".into()),
            ));
            return;
        };
        record.dispatch(CounterOperation::ReceiveStock {
            centre_id,
            product: chosen,
            count,
            note: note.get_untracked(),
        });
    };
    view! {
        <form class="card stock-receive" on:submit=submit>
            <h2>"Entrée en stock"</h2>
            <p class="hint">"Pour des bocaux sans lot de fabrication. Ceux d'un lot entrent en stock depuis la page du lot, qui les trace jusqu'aux personnes."</p>
            <div class="field-row">
                <div class="field">
                    <label for="receive-product">"Bocal"</label>
                    <select id="receive-product" on:change=move |event| product.set(event_target_value(&event))>
                        <option value="">"— recette et taille —"</option>
                        {move || lines.get().into_iter().map(|line| {
                            let value = format!("{}:{}", line.product.recipe_id, line.product.jar_ml);
                            let selected = value == product.get_untracked();
                            view! { <option value=value selected=selected>{format!("{} ({} ml)", line.title, line.product.jar_ml)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field field-small">
                    <label for="receive-count">"Nombre"</label>
                    <input id="receive-count" type="number" inputmode="numeric" min="1" max=MAX_JARS_RECEIVED
                        prop:value=move || count.get() on:input=move |event| count.set(event_target_value(&event)) />
                </div>
            </div>
            <div class="field">
                <label for="receive-note">"Provenance (facultatif)"</label>
                <input id="receive-note" type="text" maxlength=MAX_NOTE_CHARS placeholder="Atelier du 18 novembre…"
                    prop:value=move || note.get() on:input=move |event| note.set(event_target_value(&event)) />
            </div>
            {move || message.get().map(|message| match message {
                Ok(text) => view! { <p class="notice notice-success" role="status">"✓ " {text}</p> }.into_any(),
                Err(text) => view! { <p class="notice notice-error" role="alert">{text}</p> }.into_any(),
            })}
            <button type="submit" class="button button-primary" disabled=move || record.pending().get()>"Entrer en stock"</button>
        </form>
    }
}

/// What the centre holds and the prices; admins change a price here.
#[component]
fn StockTable(
    lines: Vec<StockLine>,
    changes: RwSignal<u32>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let is_admin = move || session.me().is_some_and(|me| me.role == Role::Admin);
    let no_jars = lines.is_empty();
    view! {
        <section class="card" aria-labelledby="stock-heading">
            <h2 id="stock-heading">"Stock et prix"</h2>
            <p class="hint">"Le prix en tic-tac d'un bocal vaut dans tous les centres. Seul un admin le change."</p>
            {move || saved.get().map(|message| view! { <p class="notice notice-success" role="status">"✓ " {message}</p> })}
            {no_jars.then(|| view! {
                <p class="muted">"Aucun bocal pour l'instant : les bocaux de chaque recette viennent ici, avec leur stock et leur prix, dès que la bibliothèque a des recettes."</p>
            })}
            <div class="table-scroll" hidden=no_jars>
                <table class="stock-table">
                    <thead>
                        <tr><th scope="col">"Bocal"</th><th scope="col">"En stock"</th><th scope="col">"Prix (tic-tac)"</th></tr>
                    </thead>
                    <tbody>
                        {lines.into_iter().map(|line| {
                            let (empty, in_stock) = (line.in_stock == 0, line.in_stock);
                            let name = format!("{} ", line.title);
                            let size = format!("{} ml", line.product.jar_ml);
                            let by_batch = batches_phrase(&line.batches);
                            view! {
                                <tr class:is-empty=empty>
                                    <th scope="row">
                                        {name}<span class="muted">{size}</span>
                                        {(!by_batch.is_empty()).then(|| view! { <br /><span class="muted stock-batches">{by_batch}</span> })}
                                    </th>
                                    <td class="number">{in_stock}</td>
                                    <td>{move || if is_admin() {
                                        view! { <PriceEditor line=line.clone() changes=changes saved=saved /> }.into_any()
                                    } else {
                                        line.price_tictac.map(|price| price.to_string()).unwrap_or_else(|| "—".into()).into_any()
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// "lot 20261128-01 : 3 · sans lot : 8 · lot 20261202-01 : 4 (rappelé, bloqué)", oldest first;
/// empty when the only jars held have no batch.
fn batches_phrase(batches: &[BatchStock]) -> String {
    if batches.iter().all(|batch| batch.batch_id.is_none()) {
        return String::new();
    }
    batches
        .iter()
        .map(|batch| {
            let name = match &batch.number {
                Some(number) => format!("lot {number}"),
                None => "sans lot".to_string(),
            };
            let blocked = if batch.recalled {
                " (rappelé, bloqué)"
            } else {
                ""
            };
            format!("{name} : {}{blocked}", batch.in_stock)
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
fn PriceEditor(
    line: StockLine,
    changes: RwSignal<u32>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let product = line.product;
    let price = RwSignal::new(line.price_tictac.map(|p| p.to_string()).unwrap_or_default());
    let save = Action::new_local(move |tictac: &i64| {
        client::set_jar_price(JarPrice {
            product,
            tictac: *tictac,
        })
    });
    let error = RwSignal::new(None::<String>);
    let title = format!("{} ({} ml)", line.title, product.jar_ml);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            saved.set(Some(format!(
                "Prix enregistré : {title}, {} tic-tac.",
                price.get_untracked()
            )));
            changes.update(|n| *n += 1);
        }
        Some(Err(refused)) => error.set(Some(refused.message(STAFF_OFFLINE))),
        None => {}
    });
    let id = format!("price-{}-{}", product.recipe_id, product.jar_ml);
    let label = format!("Prix de {} ({} ml) en tic-tac", line.title, product.jar_ml);
    view! {
        <form class="price-editor" on:submit=move |event| {
            event.prevent_default();
            match price.get_untracked().trim().parse::<i64>() {
                Ok(tictac) if (1..=MAX_PRICE_TICTAC).contains(&tictac) => { error.set(None); save.dispatch(tictac); }
                _ => error.set(Some(format!("Un prix entre 1 et {MAX_PRICE_TICTAC} tic-tac."))),
            }
        }>
            <input id=id type="number" inputmode="numeric" min="1" max=MAX_PRICE_TICTAC aria-label=label
                prop:value=move || price.get() on:input=move |event| price.set(event_target_value(&event)) />
            <button type="submit" class="button button-small button-secondary" disabled=move || save.pending().get()>"Enregistrer"</button>
            {move || error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
        </form>
    }
}

/// The period's two CSV files: every operation, and the monthly totals per centre.
#[component]
fn Exports() -> impl IntoView {
    let today = local_date(Utc::now());
    let first = today.with_day(1).unwrap_or(today);
    let du = RwSignal::new(first.to_string());
    let au = RwSignal::new(today.to_string());
    let period = move || Period::from_pairs([("du", du.get()), ("au", au.get())]);
    let link = move |path: &'static str| {
        move || {
            period()
                .ok()
                .map(|period| format!("{path}?{}", period.to_query()))
        }
    };
    view! {
        <section class="card exports" aria-labelledby="exports-heading">
            <h2 id="exports-heading">"Exports pour la comptabilité et les financeurs"</h2>
            <div class="field-row">
                <div class="field">
                    <label for="export-from">"Du"</label>
                    <input id="export-from" type="date" prop:value=move || du.get() on:input=move |event| du.set(event_target_value(&event)) />
                </div>
                <div class="field">
                    <label for="export-until">"Au"</label>
                    <input id="export-until" type="date" prop:value=move || au.get() on:input=move |event| au.set(event_target_value(&event)) />
                </div>
            </div>
            {move || period().err().map(|error| view! { <p class="field-error" role="alert">{error.message}</p> })}
            <div class="actions">
                <a class="button button-secondary" download="" href=link(paths::EXPORT_LEDGER)>"Toutes les opérations (CSV)"</a>
                <a class="button button-secondary" download="" href=link(paths::EXPORT_MONTHLY)>"Totaux par mois et par centre (CSV)"</a>
            </div>
            <p class="hint">"Fichiers CSV séparés par des points-virgules, lisibles par un tableur."</p>
        </section>
    }
}
