//! Reports over the cases in scope: causes, cases by status, follow-ups kept and missed,
//! escalations, the charts of the console's reports page with the cases behind every figure,
//! what calmed clients with intervals, the lessons from reflections, and an agent's coaching.
//! Supervisors and admins see their teams; agents see their own cases.

use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::error::AppResult;
use crate::json::ApiJson;
use crate::reports::calmed::{self, Row};
use crate::reports::chart::Chart;
use crate::reports::coaching::Example;
use crate::reports::scope::{ReportQuery, text};
use crate::reports::{self, lessons};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(report))
        .routes(routes!(coaching))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReportOut {
    pub causes: Vec<Count>,
    pub cases_by_status: Vec<Count>,
    pub follow_ups: FollowUpFigures,
    pub escalations: i64,
    /// Moves in the agent replies just before a client's next message was calmer, most often first
    /// (read from the newest cases in scope).
    pub moves_before_calming: Vec<Count>,
    /// How often a client calmed down in those cases.
    pub times_calmed: u32,
    /// The charts of the reports page.
    pub charts: Vec<ChartOut>,
    /// How often the client's next message was calmer, read from the newest cases in scope.
    pub calming: CalmingOut,
    /// What agents wrote on reflection, by the root causes of their cases.
    pub lessons: Vec<LessonsOut>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FollowUpFigures {
    pub open: i64,
    /// Done: promises kept.
    pub done: i64,
    /// Not done in time.
    pub missed: i64,
}

/// A chart: a cell per column in every series, with the cases it was counted from.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ChartOut {
    pub key: String,
    pub title: String,
    /// What a value counts or measures: `cases`, `steps`, `hours`, `follow-ups`, `replies`.
    pub unit: String,
    /// Week starts (Monday, UTC) or agents' names.
    pub columns: Vec<String>,
    pub series: Vec<SeriesOut>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SeriesOut {
    pub name: String,
    pub cells: Vec<CellOut>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CellOut {
    /// A count or a median; null for a median over nothing.
    pub value: Option<f64>,
    /// The ids of the cases behind the value.
    pub cases: Vec<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CalmingOut {
    /// How many cases were read (the newest in scope).
    pub cases_read: usize,
    pub moves: Vec<ShareOut>,
    /// The words that showed a move, most used first.
    pub wordings: Vec<ShareOut>,
    pub by_cause: Vec<ShareOut>,
}

/// How often the client's next message was calmer after a move (or wording), with the 95%
/// Wilson interval of that share.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ShareOut {
    #[serde(rename = "move")]
    pub kind: String,
    pub cause: Option<String>,
    pub wording: Option<String>,
    pub calmed: u32,
    pub tried: u32,
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LessonsOut {
    pub cause: String,
    pub lessons: Vec<LessonOut>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LessonOut {
    pub case_id: i64,
    pub went_well: String,
    pub do_differently: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CoachingOut {
    pub agent_id: Option<i64>,
    /// Replies read (those sent with a stored check).
    pub replies: usize,
    pub charts: Vec<ChartOut>,
    pub examples: Vec<ExampleOut>,
}

/// A fault the check found in a reply the agent sent.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExampleOut {
    pub case_id: i64,
    pub at: DateTime<Utc>,
    pub finding: defuse_wire::FindingDto,
}

impl From<&Chart> for ChartOut {
    fn from(c: &Chart) -> ChartOut {
        let series = c.series.iter().map(|s| SeriesOut {
            name: s.name.clone(),
            cells: s
                .cells
                .iter()
                .map(|cell| CellOut {
                    value: cell.value,
                    cases: cell.cases.clone(),
                })
                .collect(),
        });
        ChartOut {
            key: c.key.to_owned(),
            title: c.title.to_owned(),
            unit: c.unit.to_owned(),
            columns: c.columns.clone(),
            series: series.collect(),
        }
    }
}

impl From<&Row> for ShareOut {
    fn from(r: &Row) -> ShareOut {
        ShareOut {
            kind: r.kind.as_str().to_owned(),
            cause: r.cause.clone(),
            wording: r.wording.clone(),
            calmed: r.share.successes,
            tried: r.share.tries,
            low: r.share.low,
            high: r.share.high,
        }
    }
}

#[utoipa::path(get, path = "/reports", tag = "reports", params(ReportQuery), responses((status = 200, body = ReportOut)))]
pub async fn report(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ReportQuery>,
) -> AppResult<ApiJson<ReportOut>> {
    let built = reports::report(&state, &caller, &q, Utc::now()).await?;
    let figures = state.store.report(built.filter.clone()).await?;
    let count = |name: &str, count: i64| Count {
        name: name.to_owned(),
        count,
    };
    let tables = calmed::tables(&built.calming);
    let shares = |rows: &[Row]| rows.iter().map(ShareOut::from).collect();
    let lessons = lessons(&built.facts, text(&q.search))
        .into_iter()
        .map(|(cause, list)| LessonsOut {
            cause,
            lessons: list
                .into_iter()
                .map(|r| LessonOut {
                    case_id: r.case_id,
                    went_well: r.went_well.clone(),
                    do_differently: r.do_differently.clone(),
                    at: r.at,
                })
                .collect(),
        })
        .collect();
    Ok(ApiJson(ReportOut {
        causes: figures
            .cause_counts
            .iter()
            .map(|(c, n)| count(c, *n))
            .collect(),
        cases_by_status: figures
            .cases_by_status
            .iter()
            .map(|(s, n)| count(s.as_str(), *n))
            .collect(),
        follow_ups: FollowUpFigures {
            open: figures.follow_ups_open,
            done: figures.follow_ups_done,
            missed: figures.follow_ups_missed,
        },
        escalations: figures.escalations,
        moves_before_calming: built
            .calming
            .ranked()
            .into_iter()
            .map(|(m, n)| count(m.as_str(), i64::from(n)))
            .collect(),
        times_calmed: built.calming.times_calmed,
        charts: built.charts.iter().map(ChartOut::from).collect(),
        calming: CalmingOut {
            cases_read: built.calming_cases,
            moves: shares(&tables.moves),
            wordings: shares(&tables.wordings),
            by_cause: shares(&tables.by_cause),
        },
        lessons,
    }))
}

/// What the checks found in the replies an agent sent, week by week (the caller's own, or for
/// a supervisor the agent named by `agent_id`).
#[utoipa::path(get, path = "/reports/coaching", tag = "reports", params(ReportQuery), responses((status = 200, body = CoachingOut)))]
pub async fn coaching(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ReportQuery>,
) -> AppResult<ApiJson<CoachingOut>> {
    let (filter, coaching) = reports::coaching(&state, &caller, &q, Utc::now()).await?;
    Ok(ApiJson(CoachingOut {
        agent_id: filter.assignee_id,
        replies: coaching.replies,
        charts: coaching.charts.iter().map(ChartOut::from).collect(),
        examples: coaching
            .examples
            .into_iter()
            .map(ExampleOut::from)
            .collect(),
    }))
}

impl From<Example> for ExampleOut {
    fn from(e: Example) -> ExampleOut {
        ExampleOut {
            case_id: e.case_id,
            at: e.at,
            finding: e.finding,
        }
    }
}
