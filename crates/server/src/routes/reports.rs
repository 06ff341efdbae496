//! Supervisor reports over the cases of their teams: causes, cases by status, follow-ups kept
//! and missed, escalations, and which moves came before clients calmed down.

use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use defuse_storage::{CaseFilter, Paging, ReportFilter, Role, TeamScope};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::auth::access::{require_role, require_team};
use crate::calming::Calming;
use crate::error::AppResult;
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(report))
}

/// How many of the newest cases in scope the calming figures read.
const CALMING_CASES: i64 = 100;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// One team instead of all the caller's teams.
    pub team_id: Option<i64>,
    /// Cases opened at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Cases opened before this time.
    pub until: Option<DateTime<Utc>>,
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

#[utoipa::path(get, path = "/reports", tag = "reports", params(ReportQuery), responses((status = 200, body = ReportOut)))]
pub async fn report(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ReportQuery>,
) -> AppResult<ApiJson<ReportOut>> {
    require_role(&state, &caller, Role::Supervisor, "report").await?;
    let teams: TeamScope = match q.team_id {
        Some(team) => {
            require_team(&state, &caller, team).await?;
            Some(vec![team])
        }
        None => caller.scope(),
    };
    let figures = state
        .store
        .report(ReportFilter {
            teams: teams.clone(),
            since: q.since,
            until: q.until,
        })
        .await?;
    let cases = state
        .store
        .list_cases(
            CaseFilter {
                teams,
                ..CaseFilter::default()
            },
            Paging::first(CALMING_CASES)?,
        )
        .await?;
    let mut calming = Calming::default();
    for case in cases.items.iter().filter(|c| {
        q.since.is_none_or(|s| c.opened_at >= s) && q.until.is_none_or(|u| c.opened_at < u)
    }) {
        calming
            .add_case(&crate::conversation::recent_messages(state.store.as_ref(), case.id).await?);
    }
    let count = |name: &str, count: i64| Count {
        name: name.to_owned(),
        count,
    };
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
        moves_before_calming: calming
            .ranked()
            .into_iter()
            .map(|(m, n)| count(m.as_str(), i64::from(n)))
            .collect(),
        times_calmed: calming.times_calmed,
    }))
}
