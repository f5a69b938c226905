//! The impact figures: the public page's figures and charts, the staff's breakdown by commune,
//! CSV files of every table.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::api::impact::{
    CommuneTotal, Figures, Impact, ImpactChart, ImpactExport, ImpactPeriod, ImpactTable,
};
use crate::domain::impact::short_month;
use crate::domain::time::local_date;
use crate::server::formats::charts::{self, monthly_bars};
use crate::server::formats::csv::Csv;
use crate::server::http::error::AppError;
use crate::server::http::extract::ApiQuery;
use crate::server::state::AppState;

/// `GET /api/v1/impact?du=&au=` (public)
pub async fn figures(
    State(state): State<AppState>,
    ApiQuery(period): ApiQuery<ImpactPeriod>,
) -> Result<Json<Impact>, AppError> {
    let (du, au) = period.days(local_date(state.clock.now()));
    Ok(Json(state.storage.impact(du, au, state.clock.now()).await?))
}

/// `GET /api/v1/impact/chart.svg?figure=kilos|bocaux|heures&du=&au=&lang=fr|en&taille=etroite`
/// (public): one bar a month; `taille=etroite` for a phone.
pub async fn chart(
    State(state): State<AppState>,
    ApiQuery(chart): ApiQuery<ImpactChart>,
) -> Result<Response, AppError> {
    let (du, au) = chart.period.days(local_date(state.clock.now()));
    let impact = state.storage.impact(du, au, state.clock.now()).await?;
    // "nov." under a bar; the year is in the page's period.
    let labels: Vec<String> = impact
        .months
        .iter()
        .map(|month| short_month(&month.month, chart.lang))
        .collect();
    let values: Vec<f64> = impact
        .months
        .iter()
        .map(|month| chart.figure.value(month))
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, charts::CONTENT_TYPE),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        monthly_bars(&labels, &values, chart.size.narrow),
    )
        .into_response())
}

/// `GET /api/v1/impact/communes?du=&au=` (staff)
pub async fn communes(
    State(state): State<AppState>,
    ApiQuery(period): ApiQuery<ImpactPeriod>,
) -> Result<Json<Vec<CommuneTotal>>, AppError> {
    let (du, au) = period.days(local_date(state.clock.now()));
    Ok(Json(state.storage.rescued_by_commune(du, au).await?))
}

fn kilos(grams: u64) -> String {
    format!("{:.1}", grams as f64 / 1000.0).replace('.', ",")
}

fn figures_row(figures: &Figures) -> Vec<String> {
    vec![
        figures.month.clone(),
        kilos(figures.rescued_grams),
        figures.jars_produced.to_string(),
        figures.workshops_held.to_string(),
        figures.participants.to_string(),
        format!("{:.1}", figures.volunteering_minutes as f64 / 60.0).replace('.', ","),
        figures.producers.to_string(),
        figures.tictac_in_circulation.to_string(),
    ]
}

/// `GET /api/v1/exports/impact.csv?table=mois|produits&du=&au=` (public): a table of the page.
pub async fn export(
    State(state): State<AppState>,
    ApiQuery(export): ApiQuery<ImpactExport>,
) -> Result<Response, AppError> {
    let (du, au) = export.period.days(local_date(state.clock.now()));
    let impact = state.storage.impact(du, au, state.clock.now()).await?;
    match export.table {
        ImpactTable::Months => {
            let mut csv = Csv::new(&[
                "mois",
                "kilos sauvés",
                "bocaux produits",
                "ateliers tenus",
                "participants",
                "heures de bénévolat",
                "producteurs",
                "tic-tac en circulation (fin de mois)",
            ]);
            for month in impact.months.iter().chain([&impact.totals]) {
                csv.row(&figures_row(month));
            }
            Ok(csv.into_response(&format!("bocal-impact-mois-{du}-{au}.csv")))
        }
        ImpactTable::Produce => {
            let mut csv = Csv::new(&["produit", "kilos sauvés", "lots"]);
            for total in &impact.rescued_by_produce {
                csv.row(&[
                    total.produce.clone(),
                    kilos(total.grams),
                    total.lots.to_string(),
                ]);
            }
            Ok(csv.into_response(&format!("bocal-impact-produits-{du}-{au}.csv")))
        }
    }
}

/// `GET /api/v1/exports/impact-communes.csv?du=&au=` (staff)
pub async fn export_communes(
    State(state): State<AppState>,
    ApiQuery(period): ApiQuery<ImpactPeriod>,
) -> Result<Response, AppError> {
    let (du, au) = period.days(local_date(state.clock.now()));
    let mut csv = Csv::new(&["commune", "kilos sauvés", "producteurs"]);
    for total in state.storage.rescued_by_commune(du, au).await? {
        csv.row(&[
            total.commune,
            kilos(total.grams),
            total.producers.to_string(),
        ]);
    }
    Ok(csv.into_response(&format!("bocal-impact-communes-{du}-{au}.csv")))
}
