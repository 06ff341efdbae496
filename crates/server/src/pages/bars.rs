//! A report chart drawn as an SVG of bars on the server (no script, nothing fetched), and the
//! same chart as a table. Counts are stacked per column, medians stand side by side. Every bar
//! and every table cell is a link to the cases behind it; a bar's tooltip gives its value.

use maud::{Markup, html};

use crate::reports::chart::{Chart, number};

const WIDTH: f32 = 640.0;
const HEIGHT: f32 = 180.0;
/// Room on the left for the value ticks.
const GUTTER: f32 = 34.0;
const PAD: f32 = 6.0;
/// Room under the plot for the column labels.
const BOTTOM: f32 = 18.0;
/// At most this many column labels, so that they never touch.
const LABELS: usize = 9;
/// How many series colours the stylesheet defines (`s0` ...).
const COLOURS: usize = 8;

/// Where a cell's link goes: (series, column) to a URL.
pub type Link<'a> = &'a dyn Fn(usize, usize) -> String;

/// The chart as bars, with a legend; a short note when it has nothing to draw.
pub fn svg(chart: &Chart, link: Link) -> Markup {
    if chart.is_empty() {
        return html! { p.muted { "Nothing to show for these filters." } };
    }
    let top = nice(peak(chart));
    let slot = (WIDTH - GUTTER - PAD) / chart.columns.len() as f32;
    let every = chart.columns.len().div_ceil(LABELS);
    html! {
        svg.bars viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-label=(chart.title) {
            @for tick in [0.0, top / 2.0, top] {
                line.grid x1=(GUTTER) x2=(WIDTH - PAD) y1=(y_of(tick, top)) y2=(y_of(tick, top)) {}
                text.tick x=(GUTTER - 4.0) y=(y_of(tick, top) + 3.0) text-anchor="end" { (number(tick)) }
            }
            @for (column, name) in chart.columns.iter().enumerate() {
                @for bar in bars(chart, column, slot, top) {
                    a href=(link(bar.series, column)) {
                        rect class={ "s" (bar.series % COLOURS) } x=(f(bar.x)) y=(f(bar.y)) width=(f(bar.width)) height=(f(bar.height)) {
                            title { (name) ", " (chart.series[bar.series].name) ": " (number(bar.value)) " " (chart.unit) }
                        }
                    }
                }
                @if column % every == 0 {
                    text.tick x=(f(GUTTER + slot * (column as f32 + 0.5))) y=(HEIGHT - 5.0) text-anchor="middle" { (short(name)) }
                }
            }
        }
        ul.legend {
            @for (i, s) in chart.series.iter().enumerate() {
                li { span class={ "swatch s" (i % COLOURS) } {} (s.name) }
            }
        }
    }
}

/// The chart as a table: a row per column, a column per series, every figure a link.
pub fn table(chart: &Chart, link: Link) -> Markup {
    html! {
        table.figures {
            thead { tr { th scope="col" { (chart.axis) } @for s in &chart.series { th scope="col" { (s.name) } } } }
            tbody {
                @for (column, name) in chart.columns.iter().enumerate() {
                    tr {
                        th scope="row" { (name) }
                        @for (series, s) in chart.series.iter().enumerate() {
                            td { @match s.cells[column].value {
                                Some(v) if !s.cells[column].cases.is_empty() => a href=(link(series, column)) { (number(v)) },
                                Some(v) => (number(v)),
                                None => span.muted { "–" },
                            } }
                        }
                    }
                }
            }
        }
    }
}

/// One drawn bar.
struct Bar {
    series: usize,
    value: f64,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
}

/// The bars of one column: stacked upwards, or side by side.
fn bars(chart: &Chart, column: usize, slot: f32, top: f64) -> Vec<Bar> {
    let left = GUTTER + slot * column as f32 + slot * 0.15;
    let width = slot * 0.7;
    let each = width / chart.series.len() as f32;
    let mut base = 0.0;
    let mut out = Vec::new();
    for (series, s) in chart.series.iter().enumerate() {
        let Some(value) = s.cells[column].value.filter(|v| *v > 0.0) else {
            continue;
        };
        let (x, w, from) = if chart.stacked {
            (left, width, base)
        } else {
            (left + each * series as f32, each, 0.0)
        };
        let (y_low, y_high) = (y_of(from, top), y_of(from + value, top));
        out.push(Bar {
            series,
            value,
            x,
            y: y_high,
            width: w,
            height: (y_low - y_high).max(1.0),
        });
        base += value;
    }
    out
}

/// The highest column: the sum of a stack, or the tallest bar.
fn peak(chart: &Chart) -> f64 {
    (0..chart.columns.len())
        .map(|c| {
            let values = chart.series.iter().filter_map(|s| s.cells[c].value);
            if chart.stacked {
                values.sum()
            } else {
                values.fold(0.0, f64::max)
            }
        })
        .fold(0.0, f64::max)
}

/// A round top for the scale at or above `peak`: 1, 2 or 5 times a power of ten.
fn nice(peak: f64) -> f64 {
    if peak <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(peak.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|t| *t >= peak)
        .unwrap_or(10.0 * power)
}

fn y_of(value: f64, top: f64) -> f32 {
    let plot = HEIGHT - PAD - BOTTOM;
    HEIGHT - BOTTOM - (value / top) as f32 * plot
}

fn f(v: f32) -> String {
    format!("{v:.1}")
}

/// A column label short enough for its slot: a week as month-day, a name cut at 12 letters.
fn short(name: &str) -> String {
    match name.get(5..) {
        Some(day) if name.len() == 10 && name.as_bytes()[4] == b'-' => day.to_owned(),
        _ => name.chars().take(12).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::chart::{Cell, Series};

    fn chart(stacked: bool) -> Chart {
        let cell = |v: f64| Cell {
            value: Some(v),
            cases: vec![1],
        };
        Chart {
            key: "k",
            title: "T",
            unit: "cases",
            axis: "week",
            stacked,
            columns: vec!["2026-11-30".into(), "2026-12-07".into()],
            series: vec![
                Series {
                    name: "a<b".into(),
                    cells: vec![cell(3.0), cell(0.0)],
                },
                Series {
                    name: "c".into(),
                    cells: vec![cell(2.0), Cell::default()],
                },
            ],
        }
    }

    #[test]
    fn stacks_add_up_and_side_by_side_bars_do_not() {
        assert_eq!(peak(&chart(true)), 5.0);
        assert_eq!(peak(&chart(false)), 3.0);
        let stacked = bars(&chart(true), 0, 100.0, 5.0);
        assert_eq!(stacked.len(), 2);
        assert_eq!(stacked[0].x, stacked[1].x);
        assert!((stacked[0].y - (stacked[1].y + stacked[1].height)).abs() < 0.01);
        let beside = bars(&chart(false), 0, 100.0, 5.0);
        assert!(beside[1].x > beside[0].x);
        assert_eq!(
            [nice(0.0), nice(4.0), nice(7.0), nice(23.0)],
            [1.0, 5.0, 10.0, 50.0]
        );
    }

    #[test]
    fn every_bar_and_figure_links_to_its_cases_and_names_are_escaped() {
        let link = |s: usize, c: usize| format!("/reports/cases?series={s}&column={c}");
        let drawn = svg(&chart(true), &link).into_string();
        assert!(
            drawn.contains("href=\"/reports/cases?series=1&amp;column=0\""),
            "{drawn}"
        );
        assert!(drawn.contains("a&lt;b") && !drawn.contains("a<b"));
        assert!(drawn.contains(">11-30</text>"));
        let shown = table(&chart(true), &link).into_string();
        assert!(
            shown.contains(">3</a>") && shown.contains("<span class=\"muted\">–</span>"),
            "{shown}"
        );
    }
}
