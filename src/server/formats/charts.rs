//! Charts, drawn with plotters as SVG on the server: the web app's wasm carries no chart code,
//! and the browser draws the text (no font files). QR codes are SVG too (`qr`), and answer
//! with `svg_response`.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::domain::batch::{Lethality, LogPoint};
use crate::domain::time::local;

/// Every chart's media type (and the QR codes', also SVG).
pub const CONTENT_TYPE: &str = "image/svg+xml";

/// An SVG image as an answer, cached as `cache_control` says.
pub fn svg_response(svg: String, cache_control: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, CONTENT_TYPE),
            (header::CACHE_CONTROL, cache_control),
        ],
        svg,
    )
        .into_response()
}

const GREEN: RGBColor = RGBColor(0x2f, 0x5d, 0x3a);
const INK_SOFT: RGBColor = RGBColor(0x4a, 0x51, 0x4c);
const GRID: RGBColor = RGBColor(0xee, 0xe9, 0xdf);
const LINE: RGBColor = RGBColor(0xdd, 0xd6, 0xc8);
const AMBER: RGBColor = RGBColor(0xa8, 0x4b, 0x0c);

/// The chart's size: small enough that its text stays readable once scaled down to a phone.
const WIDTH: u32 = 480;
const HEIGHT: u32 = 260;

/// A balance over time as a step line (it holds its value until the next entry), from the
/// first point to `until`, with four Paris dates ("12/11") under it. `points`: oldest first.
pub fn balance_chart(points: &[(DateTime<Utc>, i64)], until: DateTime<Utc>) -> String {
    let seconds = |at: DateTime<Utc>| at.timestamp();
    let first = points
        .first()
        .map(|p| seconds(p.0))
        .unwrap_or(seconds(until));
    let last = seconds(until).max(first + 86_400);
    let highest = points
        .iter()
        .map(|point| point.1)
        .max()
        .unwrap_or(0)
        .max(10);
    let top = highest + highest / 8;
    let mut steps = Vec::with_capacity(points.len() * 2 + 1);
    let mut previous = 0;
    for &(at, balance) in points {
        steps.push((seconds(at), previous));
        steps.push((seconds(at), balance));
        previous = balance;
    }
    steps.push((last, previous));
    let date_label = |x: &i64| {
        DateTime::from_timestamp(*x, 0)
            .map(|at| local(at).format("%d/%m").to_string())
            .unwrap_or_default()
    };

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        // Drawing into a string cannot fail; a failure would only leave the chart empty.
        let _ = draw(&root, first..last, top, &steps, &date_label);
    }
    svg
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// Every chart's grid: horizontal lines only, in the pages' quiet colours.
trait HouseStyle {
    fn house_style(&mut self) -> &mut Self;
}

impl<X, Y, XT, YT, DB> HouseStyle for plotters::chart::MeshStyle<'_, '_, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = XT>
        + plotters::coord::ranged1d::ValueFormatter<XT>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = YT>
        + plotters::coord::ranged1d::ValueFormatter<YT>,
    DB: DrawingBackend,
{
    fn house_style(&mut self) -> &mut Self {
        self.disable_x_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(LINE)
    }
}

fn draw<'a>(
    root: &'a Area<'_>,
    x: std::ops::Range<i64>,
    top: i64,
    steps: &[(i64, i64)],
    date_label: &dyn Fn(&i64) -> String,
) -> Result<(), Box<dyn std::error::Error + 'a>> {
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        // Room for the last date, centred on the right edge.
        .margin_right(30)
        .x_label_area_size(34)
        .y_label_area_size(56)
        .build_cartesian_2d(x.clone().with_key_points(date_ticks(x)), 0..top)?;
    chart
        .configure_mesh()
        .house_style()
        .y_labels(5)
        .x_label_formatter(date_label)
        .label_style(("sans-serif", 21).into_font().color(&INK_SOFT))
        .draw()?;
    chart.draw_series(
        AreaSeries::new(steps.iter().copied(), 0, GREEN.mix(0.15))
            .border_style(GREEN.stroke_width(3)),
    )?;
    root.present()?;
    Ok(())
}

/// An autoclave or water-bath log: the core temperature (left scale, °C) and the lethality
/// summed along it (right scale, minutes at the reference temperature), over minutes from the
/// start. Twice as wide as the balance chart, to be read on a desk; `narrow` for a phone.
pub fn process_chart(log: &[LogPoint], lethality: Lethality, narrow: bool) -> String {
    let minutes = |point: &LogPoint| f64::from(point.seconds) / 60.0;
    let start = log.first().map(minutes).unwrap_or(0.0);
    let end = log.last().map(minutes).unwrap_or(1.0).max(start + 1.0);
    let hottest = log.iter().map(|p| p.celsius()).fold(100.0, f64::max);
    let cumulative = lethality.cumulative(log);
    let total = cumulative.last().copied().unwrap_or(0.0).max(1.0);
    let temperatures: Vec<(f64, f64)> = log.iter().map(|p| (minutes(p), p.celsius())).collect();
    let values: Vec<(f64, f64)> = log
        .iter()
        .zip(&cumulative)
        .map(|(p, value)| (minutes(p), *value))
        .collect();
    let mut svg = String::new();
    {
        let size = if narrow {
            (WIDTH, HEIGHT + 100)
        } else {
            (2 * WIDTH, HEIGHT + 60)
        };
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let ranges = (start..end, 0.0..hottest + 10.0, 0.0..total * 1.15);
        // As above: drawing into a string cannot fail.
        let _ = draw_process(&root, ranges, &temperatures, &values, lethality.symbol());
    }
    svg
}

type Ranges = (
    std::ops::Range<f64>,
    std::ops::Range<f64>,
    std::ops::Range<f64>,
);

fn draw_process<'a>(
    root: &'a Area<'_>,
    (x, temperature, value): Ranges,
    temperatures: &[(f64, f64)],
    values: &[(f64, f64)],
    symbol: &str,
) -> Result<(), Box<dyn std::error::Error + 'a>> {
    root.fill(&WHITE)?;
    let label_style = ("sans-serif", 19).into_font().color(&INK_SOFT);
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .x_label_area_size(52)
        .y_label_area_size(64)
        .right_y_label_area_size(64)
        .build_cartesian_2d(x.clone(), temperature)?
        .set_secondary_coord(x, value);
    chart
        .configure_mesh()
        .house_style()
        .y_labels(6)
        .x_labels(8)
        .x_desc("minutes")
        .y_desc("°C")
        .x_label_formatter(&|minutes| format!("{minutes:.0}"))
        .y_label_formatter(&|celsius| format!("{celsius:.0}"))
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .draw()?;
    chart
        .configure_secondary_axes()
        .axis_style(LINE)
        .y_labels(6)
        .y_desc(format!("{symbol} (min)"))
        .y_label_formatter(&|value| format!("{value:.1}").replace('.', ","))
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .draw()?;
    chart
        .draw_series(LineSeries::new(
            temperatures.iter().copied(),
            GREEN.stroke_width(3),
        ))?
        .label("Température à cœur")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 24, y)], GREEN.stroke_width(3)));
    chart
        .draw_secondary_series(LineSeries::new(
            values.iter().copied(),
            AMBER.stroke_width(3),
        ))?
        .label(format!("{symbol} cumulée"))
        .legend(|(x, y)| PathElement::new([(x, y), (x + 24, y)], AMBER.stroke_width(3)));
    chart
        .configure_series_labels()
        // The bottom right stays clear: the log has cooled, the value has stopped rising.
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(LINE)
        .label_font(label_style)
        .draw()?;
    root.present()?;
    Ok(())
}

/// One bar per month (`labels`, "nov." under each), the value above it, for the impact page.
/// `narrow`: for a phone, half as wide; past six months, every other month is named and the
/// values are left to the table below.
pub fn monthly_bars(labels: &[String], values: &[f64], narrow: bool) -> String {
    let highest = values.iter().copied().fold(0.0, f64::max).max(1.0);
    let crowded = narrow && labels.len() > 6;
    let labels: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(index, label)| {
            let keep = !crowded || (labels.len() - 1 - index) % 2 == 0;
            if keep {
                label.clone()
            } else {
                String::new()
            }
        })
        .collect();
    let size = if narrow {
        (WIDTH, HEIGHT + 40)
    } else {
        (WIDTH * 2, HEIGHT)
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // As above: drawing into a string cannot fail.
        let _ = draw_bars(&root, &labels, values, highest * 1.2, !crowded);
    }
    svg
}

fn draw_bars<'a>(
    root: &'a Area<'_>,
    labels: &[String],
    values: &[f64],
    top: f64,
    with_values: bool,
) -> Result<(), Box<dyn std::error::Error + 'a>> {
    root.fill(&WHITE)?;
    let count = values.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .x_label_area_size(34)
        .y_label_area_size(64)
        .build_cartesian_2d((0..count).into_segmented(), 0.0..top)?;
    let label_of = |segment: &SegmentValue<usize>| match segment {
        SegmentValue::CenterOf(index) => labels.get(*index).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .house_style()
        .y_labels(5)
        .x_labels(count)
        .x_label_formatter(&label_of)
        .y_label_formatter(&|value| format_number(*value))
        .label_style(("sans-serif", 19).into_font().color(&INK_SOFT))
        .draw()?;
    chart.draw_series(values.iter().enumerate().map(|(index, value)| {
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(index), 0.0),
                (SegmentValue::Exact(index + 1), *value),
            ],
            GREEN.filled(),
        );
        bar.set_margin(0, 0, 6, 6);
        bar
    }))?;
    chart.draw_series(
        values
            .iter()
            .enumerate()
            .filter(|(_, value)| with_values && **value > 0.0)
            .map(|(index, value)| {
                Text::new(
                    format_number(*value),
                    (SegmentValue::CenterOf(index), *value + top * 0.03),
                    ("sans-serif", 17)
                        .into_font()
                        .color(&INK_SOFT)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }),
    )?;
    root.present()?;
    Ok(())
}

/// `1234.5` → `1 235`, `12.5` → `12,5`: as French readers write numbers on a chart.
fn format_number(value: f64) -> String {
    if value >= 100.0 || value.fract().abs() < 0.05 {
        let whole = value.round() as i64;
        let digits = whole.abs().to_string();
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index) % 3 == 0 {
                grouped.push('\u{202f}');
            }
            grouped.push(digit);
        }
        if whole < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else {
        format!("{value:.1}").replace('.', ",")
    }
}

/// Four instants spread over the range, from its start to its end: one date label each.
fn date_ticks(range: std::ops::Range<i64>) -> Vec<i64> {
    let span = range.end - range.start;
    (0..4).map(|i| range.start + span * i / 3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn the_balance_chart_draws_the_steps_and_paris_dates() {
        let now = "2026-11-28T15:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let points = [
            (now - Duration::days(10), 210),
            (now - Duration::days(7), 330),
            (now - Duration::days(1), 270),
        ];
        let svg = balance_chart(&points, now);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("viewBox=\"0 0 480 260\""));
        // The filled area and its border, in the project's green.
        assert!(svg.contains("#2F5D3A") || svg.contains("#2f5d3a"), "{svg}");
        assert!(svg.contains("<polyline") || svg.contains("<path") || svg.contains("<polygon"));
        // Four dates on the axis (Paris days), and the scale up to the highest point.
        for date in ["18/11", "22/11", "25/11", "28/11"] {
            assert!(svg.contains(&format!("\n{date}\n")), "{date}: {svg}");
        }
        assert!(svg.contains("\n300\n"), "{svg}");
    }

    #[test]
    fn the_process_chart_draws_temperature_and_lethality() {
        let log: Vec<LogPoint> = (0..=20)
            .map(|minute| LogPoint {
                seconds: minute * 60,
                temperature_tenths: 200 + 50 * minute as i32,
            })
            .collect();
        let svg = process_chart(&log, Lethality::STERILISATION, false);
        assert!(svg.contains("viewBox=\"0 0 960 320\""), "{svg}");
        assert!(svg.contains("Température à cœur") && svg.contains("F0 cumulée"));
        assert!(svg.contains("F0 (min)"));
        // Both series, in their colours.
        assert!(svg.to_lowercase().contains("#2f5d3a") && svg.to_lowercase().contains("#a84b0c"));
        let water_bath = process_chart(&log, Lethality::PASTEURISATION, true);
        assert!(water_bath.contains("VP cumulée"));
        assert!(water_bath.contains("viewBox=\"0 0 480 360\""));
    }

    #[test]
    fn monthly_bars_draw_one_bar_and_one_label_per_month() {
        let labels: Vec<String> = ["sept.", "oct.", "nov."].map(String::from).to_vec();
        let svg = monthly_bars(&labels, &[0.0, 12.5, 1234.0], false);
        for text in [
            "\nsept.\n",
            "\noct.\n",
            "\nnov.\n",
            "\n12,5\n",
            "\n1\u{202f}234\n",
        ] {
            assert!(svg.contains(text), "{text:?}: {svg}");
        }
        // One bar per month, in the project's green (the empty month's is flat).
        let bars: Vec<&str> = svg
            .lines()
            .filter(|line| line.starts_with("<rect") && line.contains("#2F5D3A"))
            .collect();
        assert_eq!(bars.len(), 3, "{svg}");
        assert!(bars[0].contains("height=\"0\""), "{}", bars[0]);
        // On a phone, a year names every other month, ending with the last.
        let year: Vec<String> = (1..=12).map(|month| format!("m{month}")).collect();
        let narrow = monthly_bars(&year, &[1.0; 12], true);
        assert!(narrow.contains("viewBox=\"0 0 480 300\""));
        assert!(narrow.contains("\nm12\n") && narrow.contains("\nm10\n"));
        assert!(!narrow.contains("\nm11\n"));
        // Nor the values above the bars (the table below gives them): twelve "1" fewer.
        let wide = monthly_bars(&year, &[1.0; 12], false);
        assert_eq!(
            wide.matches("\n1\n").count() - narrow.matches("\n1\n").count(),
            12
        );
    }

    #[test]
    fn an_empty_history_still_gives_a_drawable_chart() {
        let now = Utc::now();
        let svg = balance_chart(&[], now);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n") || svg.ends_with("</svg>"));
    }
}
