//! The impact figures: what the project reports to its funders, public, month by month over
//! a chosen period, with charts and a CSV file of every table. The team's version adds the
//! kilos by the farms' commune (kept off the public page: it could tell one farm's volumes).

use chrono::{Datelike, Months, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::impact::{CommuneTotal, Figures, Impact, ImpactFigure};
use crate::api::paths::{self, pages};
use crate::api::query::ChartSize;
use crate::app::client;
use crate::app::components::access::StaffOnly;
use crate::app::components::back_link::BackLink;
use crate::app::components::states::ShowRead;
use crate::app::i18n::use_i18n;
use crate::app::page::set_title;
use crate::domain::impact::{default_period, month_start, short_month};
use crate::domain::ledger::as_hours;
use crate::domain::lot::format_kilos;
use crate::domain::texts::ImpactTexts;
use crate::domain::time::local_date;
use crate::domain::when::month_phrase;
use crate::domain::Lang;

/// The period asked for in the page's address (`?du=2026-01&au=2026-11`, months), or the last
/// twelve months; as the days the API counts.
fn period_of(du: Option<String>, au: Option<String>) -> Option<(NaiveDate, NaiveDate)> {
    let today = local_date(Utc::now());
    let (default_du, default_au) = default_period(today);
    let du = match du {
        Some(month) => month_start(&month)?,
        None => default_du,
    };
    let au = match au {
        Some(month) => {
            let first = month_start(&month)?;
            let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
            last.min(today).max(first)
        }
        None => default_au,
    };
    let valid = du <= au && (au - du).num_days() <= 3 * 366;
    valid.then_some((du, au))
}

fn query(du: NaiveDate, au: NaiveDate) -> String {
    format!("du={du}&au={au}")
}

#[component]
pub fn ImpactPage() -> impl IntoView {
    view! { <ImpactView staff=false /> }
}

#[component]
pub fn StaffImpactPage() -> impl IntoView {
    view! {
        <StaffOnly back=pages::STAFF_IMPACT>
            <ImpactView staff=true />
        </StaffOnly>
    }
}

#[component]
fn ImpactView(staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.impact();
    Effect::new(move |_| set_title(texts().title));
    let address = use_query_map();
    let period =
        Memo::new(move |_| address.with(|query| period_of(query.get("du"), query.get("au"))));
    let figures = LocalResource::new(move || {
        let period = period.get();
        async move {
            match period {
                Some((du, au)) => client::impact(du, au).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <div class="page impact-page" class:staff-page=staff>
            {staff.then(|| view! { <BackLink href=pages::STAFF label="Espace animation" /> })}
            <h1>{move || texts().title}</h1>
            <p class="lead">{move || texts().intro}</p>
            <PeriodPicker period=period staff=staff />
            <ShowRead read=figures error_heading="Impossible d'afficher les chiffres" let:data>
                {match data {
                    None => view! { <p class="notice notice-error" role="alert">{texts().period_error}</p> }.into_any(),
                    Some(impact) => view! { <ImpactFigures impact=impact staff=staff /> }.into_any(),
                }}
            </ShowRead>
        </div>
    }
}

/// Two months, written into the address (the period can be shared and bookmarked).
#[component]
fn PeriodPicker(period: Memo<Option<(NaiveDate, NaiveDate)>>, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || i18n.impact();
    let month = |date: NaiveDate| date.format("%Y-%m").to_string();
    let initial = period.get_untracked();
    let du = RwSignal::new(initial.map(|(du, _)| month(du)).unwrap_or_default());
    let au = RwSignal::new(initial.map(|(_, au)| month(au)).unwrap_or_default());
    let navigate = use_navigate();
    let base = if staff {
        pages::STAFF_IMPACT
    } else {
        pages::IMPACT
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        navigate(
            &format!("{base}?du={}&au={}", du.get_untracked(), au.get_untracked()),
            Default::default(),
        );
    };
    view! {
        <form class="card period-picker" on:submit=submit>
            <div class="field">
                <label for="impact-from">{move || texts().from}</label>
                <input id="impact-from" type="month" placeholder="2026-01" prop:value=move || du.get() on:input=move |event| du.set(event_target_value(&event)) />
            </div>
            <div class="field">
                <label for="impact-to">{move || texts().to}</label>
                <input id="impact-to" type="month" placeholder="2026-11" prop:value=move || au.get() on:input=move |event| au.set(event_target_value(&event)) />
            </div>
            <button type="submit" class="button button-secondary">{move || texts().show}</button>
        </form>
    }
}

fn month_name(month: &str, lang: Lang) -> String {
    month_start(month)
        .map(|first| month_phrase(lang, first))
        .unwrap_or_else(|| month.to_string())
}

#[component]
fn ImpactFigures(impact: Impact, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let texts: &'static ImpactTexts = i18n.impact();
    let (du, au) = (impact.du, impact.au);
    let period_text = (texts.period)(
        &month_phrase(lang, du.with_day(1).unwrap_or(du)),
        &month_phrase(lang, au.with_day(1).unwrap_or(au)),
    );
    let totals = impact.totals.clone();
    let tiles = [
        (format_kilos(totals.rescued_grams), texts.rescued),
        (totals.jars_produced.to_string(), texts.jars),
        (totals.workshops_held.to_string(), texts.workshops),
        (totals.participants.to_string(), texts.participants),
        (as_hours(totals.volunteering_minutes), texts.hours),
        (totals.producers.to_string(), texts.producers),
        (totals.tictac_in_circulation.to_string(), texts.tictac),
    ];
    let nothing = totals
        == Figures {
            month: totals.month.clone(),
            ..Figures::default()
        };
    let charts = [
        (ImpactFigure::Kilos, texts.chart_rescued),
        (ImpactFigure::Jars, texts.chart_jars),
        (ImpactFigure::Hours, texts.chart_hours),
    ];
    let csv = |table: &str| format!("{}?table={table}&{}", paths::EXPORT_IMPACT, query(du, au));
    let months = impact.months.clone();
    view! {
        <h2 class="impact-period">{period_text}</h2>
        {nothing.then(|| view! { <p class="empty">{texts.empty}</p> })}
        <ul class="impact-tiles">
            {tiles.into_iter().map(|(value, label)| view! {
                <li class="card impact-tile"><strong>{value}</strong><span>{label}</span></li>
            }).collect_view()}
        </ul>
        <p class="hint">{texts.tictac_hint}</p>
        <div class="impact-charts">
            {charts.into_iter().map(|(figure, heading)| {
                let values = months.iter()
                    .map(|month| format!("{} {}", short_month(&month.month, lang), chart_value(figure, month)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let src = format!("{}?figure={}&{}&lang={}", paths::IMPACT_CHART, figure.code(), query(du, au), lang.code());
                let narrow = format!("{src}&{}", ChartSize::narrow_pair());
                view! {
                    <figure class="card impact-chart">
                        <figcaption>{heading}</figcaption>
                        <picture>
                            <source media="(max-width: 40rem)" srcset=narrow width="480" height="300" />
                            <img src=src width="960" height="260" loading="lazy" alt=(texts.chart_alt)(heading, &values) />
                        </picture>
                    </figure>
                }
            }).collect_view()}
        </div>
        <section class="card" aria-labelledby="impact-months">
            <h2 id="impact-months">{texts.by_month}</h2>
            // Eight columns scroll sideways on a phone: reachable by keyboard.
            <div class="table-scroll" tabindex="0" role="region" aria-label=texts.months_table>
                <table class="trace-table impact-table">
                    <thead>
                        <tr>
                            <th scope="col">{texts.month}</th>
                            <th scope="col">{texts.rescued}</th>
                            <th scope="col">{texts.jars}</th>
                            <th scope="col">{texts.workshops}</th>
                            <th scope="col">{texts.participants}</th>
                            <th scope="col">{texts.hours}</th>
                            <th scope="col">{texts.producers}</th>
                            <th scope="col">{texts.tictac}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {impact.months.into_iter().chain([impact.totals]).map(|row| {
                            let is_total = row.month == "total";
                            let name = if is_total { texts.total.to_string() } else { month_name(&row.month, lang) };
                            view! {
                                <tr class:is-total=is_total>
                                    <th scope="row">{name}</th>
                                    <td class="number">{format_kilos(row.rescued_grams)}</td>
                                    <td class="number">{row.jars_produced}</td>
                                    <td class="number">{row.workshops_held}</td>
                                    <td class="number">{row.participants}</td>
                                    <td class="number">{as_hours(row.volunteering_minutes)}</td>
                                    <td class="number">{row.producers}</td>
                                    <td class="number">{row.tictac_in_circulation}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <a class="button button-secondary" download="" href=csv("mois")>{texts.download}</a>
        </section>
        <section class="card" aria-labelledby="impact-produce">
            <h2 id="impact-produce">{texts.by_produce}</h2>
            <div class="table-scroll">
                <table class="trace-table">
                    <thead><tr><th scope="col">{texts.produce}</th><th scope="col">{texts.rescued}</th><th scope="col">{texts.lots}</th></tr></thead>
                    <tbody>
                        {impact.rescued_by_produce.into_iter().map(|total| view! {
                            <tr><th scope="row">{total.produce}</th><td class="number">{format_kilos(total.grams)}</td><td class="number">{total.lots}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <a class="button button-secondary" download="" href=csv("produits")>{texts.download}</a>
        </section>
        {staff.then(|| view! { <Communes du=du au=au /> })}
    }
}

fn chart_value(figure: ImpactFigure, month: &Figures) -> String {
    match figure {
        ImpactFigure::Kilos => format_kilos(month.rescued_grams),
        ImpactFigure::Jars => month.jars_produced.to_string(),
        ImpactFigure::Hours => as_hours(month.volunteering_minutes),
    }
}

/// The team's table: kilos by the farms' commune. In French: the team's screens are.
#[component]
fn Communes(du: NaiveDate, au: NaiveDate) -> impl IntoView {
    let communes = LocalResource::new(move || client::impact_communes(du, au));
    let csv = format!("{}?{}", paths::EXPORT_IMPACT_COMMUNES, query(du, au));
    view! {
        <section class="card" aria-labelledby="impact-communes">
            <h2 id="impact-communes">"Par commune des producteurs (équipe seulement)"</h2>
            <ShowRead read=communes error_heading="Impossible d'afficher les communes" let:list>
                {view! { <CommuneTable communes=list /> }.into_any()}
            </ShowRead>
            <a class="button button-secondary" download="" href=csv>"Télécharger (CSV)"</a>
        </section>
    }
}

#[component]
fn CommuneTable(communes: Vec<CommuneTotal>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="trace-table">
                <thead><tr><th scope="col">"Commune"</th><th scope="col">"Kilos sauvés"</th><th scope="col">"Producteurs"</th></tr></thead>
                <tbody>
                    {communes.into_iter().map(|total| view! {
                        <tr><th scope="row">{total.commune}</th><td class="number">{format_kilos(total.grams)}</td><td class="number">{total.producers}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
