//! The reports page: the filter form, each chart as bars with a table and a CSV download,
//! what calmed clients with intervals, and the lessons from reflections by cause. Also the
//! list of the cases behind any figure, and the CSV of any chart.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use defuse_storage::Role;
use maud::{Markup, html};
use serde::Deserialize;

use super::bars;
use super::inbox;
use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::Caller;
use crate::error::AppError;
use crate::reports::calmed::{self, Row};
use crate::reports::chart::Chart;
use crate::reports::scope::{PERIODS, ReportQuery, text};
use crate::reports::{self, Report, lessons};
use crate::state::AppState;

/// How many cases the list behind a figure shows at most.
const LISTED: usize = 200;

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(mut q): Query<ReportQuery>,
) -> PageResult {
    if q.days.is_none() && q.since.is_none() && q.until.is_none() {
        q.days = Some("30".to_owned());
    }
    let report = reports::report(&state, &caller, &q, Utc::now()).await?;
    let form = filters(&state, &caller, &q).await?;
    let query = q.to_query_string();
    let body = html! {
        div.page-head {
            h1 { "Reports" }
            p.muted { (summary(&caller, &report)) }
        }
        (form)
        @for chart in &report.charts { (figure(chart, &query)) }
        (calming(&report))
        (lessons_by_cause(&report, &q))
    };
    Ok(layout::page("Reports", &caller, Nav::Reports, body))
}

/// Where a figure's cases are listed: the report's own filters, the chart and the cell.
pub fn cases_link(query: &str, key: &str, series: usize, column: usize) -> String {
    format!("/reports/cases?{query}&chart={key}&series={series}&column={column}")
}

/// A chart with its bars, its table (opened on demand) and its CSV.
pub fn figure(chart: &Chart, query: &str) -> Markup {
    let link = |series: usize, column: usize| cases_link(query, chart.key, series, column);
    html! {
        section.card.report-chart id=(chart.key) {
            h2 { (chart.title) }
            (bars::svg(chart, &link))
            details {
                summary { "Table" }
                (bars::table(chart, &link))
            }
            p { a.csv href={ "/reports.csv?" (query) "&chart=" (chart.key) } download { "Download CSV" } }
        }
    }
}

fn summary(caller: &Caller, report: &Report) -> String {
    let whose = if caller.role() == Role::Agent {
        "your"
    } else {
        "the"
    };
    let n = report.facts.cases.len();
    format!(
        "{n} of {whose} cases match the filters. Weeks start on Monday (UTC); a case counts in the week it was opened."
    )
}

async fn filters(state: &AppState, caller: &Caller, q: &ReportQuery) -> PageResult<Markup> {
    let store = state.store.as_ref();
    let mut teams: Vec<(i64, String)> = inbox::team_names(store, caller)
        .await?
        .into_iter()
        .collect();
    teams.sort_unstable();
    let agents = agents(state, caller).await?;
    let chosen = |value: &Option<String>, id: i64| text(value) == Some(id.to_string().as_str());
    let days = text(&q.days).unwrap_or("");
    Ok(html! {
        form.filters method="get" action="/reports" {
            label { "Team " select name="team_id" {
                option value="" { "All my teams" }
                @for (id, name) in &teams { option value=(id) selected[chosen(&q.team_id, *id)] { (name) } }
            } }
            (agent_choice(&agents, q))
            label { "Period " select name="days" {
                @for d in PERIODS { option value=(d) selected[days == d.to_string()] { "last " (d) " days" } }
                option value="" selected[days.is_empty()] { "all time" }
            } }
            label { "From " input type="date" name="since" value=[text(&q.since)]; }
            label { "to " input type="date" name="until" value=[text(&q.until)]; }
            label { "Channel " input type="text" name="channel" size="8" placeholder="any" value=[text(&q.channel)]; }
            label { "Lessons with " input type="search" name="search" size="12" value=[text(&q.search)]; }
            button type="submit" { "Show" }
        }
    })
}

/// The members of the caller's teams by name, for a supervisor's choice of agent; none for
/// an agent, who sees only their own.
pub(super) async fn agents(state: &AppState, caller: &Caller) -> PageResult<Vec<(i64, String)>> {
    let store = state.store.as_ref();
    let mut agents: Vec<(i64, String)> = Vec::new();
    if caller.role() == Role::Agent {
        return Ok(agents);
    }
    for team in inbox::team_names(store, caller).await?.keys() {
        for u in store.team_members(*team).await? {
            if !agents.iter().any(|(id, _)| *id == u.id) {
                agents.push((u.id, u.display_name));
            }
        }
    }
    agents.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(agents)
}

/// A choice of agent, kept as `agent_id`.
pub(super) fn agent_choice(agents: &[(i64, String)], q: &ReportQuery) -> Markup {
    let chosen = |id: i64| text(&q.agent_id) == Some(id.to_string().as_str());
    html! {
        @if !agents.is_empty() {
            label { "Agent " select name="agent_id" {
                option value="" { "Every agent" }
                @for (id, name) in agents { option value=(id) selected[chosen(*id)] { (name) } }
            } }
        }
    }
}

fn calming(report: &Report) -> Markup {
    let tables = calmed::tables(&report.calming);
    html! {
        section.card #calming {
            h2 { "What calmed clients" }
            p.muted {
                "How often the client's next message was calmer after a reply that made each move, read from the newest "
                (report.calming_cases) " cases. The range is a 95% interval: with few tries it stays wide, so read it before the count."
            }
            @if tables.moves.is_empty() {
                p.muted { "No client answered a reply in these cases yet." }
            } @else {
                (share_table("Move", &tables.moves, |r| r.kind.as_str().replace('_', " ")))
                h3 { "By root cause" }
                (share_table("Cause and move", &tables.by_cause, |r| format!("{}: {}", r.cause.as_deref().unwrap_or("").replace('_', " "), r.kind.as_str().replace('_', " "))))
                h3 { "By wording" }
                (share_table("Words", &tables.wordings, |r| format!("“{}” ({})", r.wording.as_deref().unwrap_or(""), r.kind.as_str().replace('_', " "))))
            }
        }
    }
}

fn share_table(head: &str, rows: &[Row], name: impl Fn(&Row) -> String) -> Markup {
    html! {
        table.figures.shares {
            thead { tr { th scope="col" { (head) } th scope="col" { "Calmer next message" } } }
            tbody {
                @for r in rows { tr { th scope="row" { (name(r)) } td { (r.share.describe()) } } }
            }
        }
    }
}

fn lessons_by_cause(report: &Report, q: &ReportQuery) -> Markup {
    let by_cause = lessons(&report.facts, text(&q.search));
    html! {
        section.card #lessons {
            h2 { "Lessons" }
            @if by_cause.is_empty() {
                p.muted { "No reflections match. An agent writes one when closing a case." }
            }
            @for (cause, list) in &by_cause {
                h3 { (cause) }
                ul.lessons {
                    @for r in list {
                        li {
                            a href={ "/cases/" (r.case_id) } { "Case " (r.case_id) } ": "
                            @if !r.went_well.trim().is_empty() { span { "went well: " (r.went_well) } " " }
                            @if !r.do_differently.trim().is_empty() { span { "next time: " (r.do_differently) } }
                        }
                    }
                }
            }
        }
    }
}

/// Which figure a link or download is about: the report's filters, the chart and the cell.
#[derive(Debug, Deserialize)]
pub struct FigureQuery {
    #[serde(flatten)]
    pub report: ReportQuery,
    pub chart: String,
    pub series: Option<String>,
    pub column: Option<String>,
}

/// The chart `q.chart` names, of the report or of the coaching page.
async fn chart_of(state: &AppState, caller: &Caller, q: &FigureQuery) -> PageResult<Chart> {
    let now = Utc::now();
    let charts = if super::coaching::KEYS.contains(&q.chart.as_str()) {
        reports::coaching(state, caller, &q.report, now)
            .await?
            .1
            .charts
    } else {
        reports::report(state, caller, &q.report, now).await?.charts
    };
    charts
        .into_iter()
        .find(|c| c.key == q.chart)
        .ok_or_else(|| AppError::invalid("chart", format!("no chart named {:?}", q.chart)).into())
}

pub async fn cases(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(q): Query<FigureQuery>,
) -> PageResult {
    let chart = chart_of(&state, &caller, &q).await?;
    let index = |field: &'static str, value: &Option<String>| -> Result<usize, AppError> {
        text(value)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| AppError::invalid(field, "must be a whole number"))
    };
    let (series, column) = (index("series", &q.series)?, index("column", &q.column)?);
    let cell = chart
        .cell(series, column)
        .ok_or_else(|| AppError::invalid("column", "no such figure in this chart"))?;
    let store = state.store.as_ref();
    let mut listed = Vec::new();
    for id in cell.cases.iter().take(LISTED) {
        listed.push(store.case(*id).await?);
    }
    let now = Utc::now();
    let ranked = inbox::rank(store, &caller.scope(), listed, now).await?;
    let teams = inbox::team_names(store, &caller).await?;
    let back = q.report.to_query_string();
    let what = format!(
        "{} · {} · {}",
        chart.title, chart.series[series].name, chart.columns[column]
    );
    let body = html! {
        div.page-head {
            h1 { "Cases behind a figure" }
            p.muted { (what) ": " (cell.cases.len()) @if cell.cases.len() == 1 { " case." } @else { " cases." } }
            p { a href={ "/reports?" (back) "#" (chart.key) } { "Back to the report" } }
        }
        ol.cases {
            @for r in &ranked { li { (inbox::row(r, &teams, now)) } }
        }
    };
    Ok(layout::page(
        "Cases behind a figure",
        &caller,
        Nav::Reports,
        body,
    ))
}

pub async fn csv(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(q): Query<FigureQuery>,
) -> PageResult<Response> {
    let chart = chart_of(&state, &caller, &q).await?;
    let body = chart.to_csv().map_err(|e| AppError::Internal(e.into()))?;
    let disposition = format!("attachment; filename=\"defuse-{}.csv\"", chart.key);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
