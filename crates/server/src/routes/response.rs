//! A team's response target: how long a client message may wait for a reply before the case
//! is flagged forgotten, how much longer before it is escalated to the supervisors, and the
//! working hours and holidays those periods are counted in. Members read it; the team's
//! supervisors and admins set it.

use axum::extract::{Path, State};
use chrono::NaiveDate;
use defuse_storage::{Role, TeamResponse};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit;
use crate::auth::Caller;
use crate::auth::access::require_role;
use crate::error::{AppError, AppResult, NotFoundAs};
use crate::jobs::forgotten::team_policy;
use crate::jobs::parse_time_zone;
use crate::jobs::working_time::WorkingHours;
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_response, put_response))
}

/// The longest period a team may set: thirty days.
const MAX_MINUTES: i32 = 30 * 24 * 60;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseIn {
    /// Working minutes a client message may wait for a reply before its case is forgotten.
    pub target_minutes: i32,
    /// Working minutes more before a forgotten case is escalated to the team's supervisors.
    pub escalate_after_minutes: i32,
    /// The IANA zone the working hours and holidays are read in.
    pub time_zone: String,
    /// Such as `Mon-Fri 09:00-17:00`; null or empty: around the clock.
    pub working_hours: Option<String>,
    /// Days the clock stands still, `YYYY-MM-DD`.
    #[serde(default)]
    pub holidays: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResponseOut {
    pub team_id: i64,
    pub target_minutes: i64,
    pub escalate_after_minutes: i64,
    pub time_zone: String,
    /// Null: around the clock.
    pub working_hours: Option<String>,
    pub holidays: Vec<String>,
    /// False while the team uses the server's defaults.
    pub own: bool,
}

#[utoipa::path(get, path = "/teams/{id}/response", tag = "teams", params(("id" = i64, Path)), responses((status = 200, body = ResponseOut)))]
pub async fn get_response(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<ResponseOut>> {
    if !caller.in_team(id) {
        return Err(AppError::NotFound("team"));
    }
    state.store.team(id).await.or_missing("team")?;
    let own = match state.store.team_response(id).await {
        Ok(_) => true,
        Err(defuse_storage::StoreError::NotFound) => false,
        Err(e) => return Err(e.into()),
    };
    let policy = team_policy(state.store.as_ref(), &state.settings.reminders, id)
        .await
        .map_err(AppError::Internal)?;
    Ok(ApiJson(ResponseOut {
        team_id: id,
        target_minutes: policy.target.num_minutes(),
        escalate_after_minutes: policy.escalate_after.num_minutes(),
        time_zone: policy.time.zone.name().to_owned(),
        working_hours: policy.time.hours.map(|h| h.to_string()),
        holidays: policy
            .time
            .holidays
            .iter()
            .map(NaiveDate::to_string)
            .collect(),
        own,
    }))
}

#[utoipa::path(put, path = "/teams/{id}/response", tag = "teams", params(("id" = i64, Path)), request_body = ResponseIn, responses((status = 200, body = ResponseOut)))]
pub async fn put_response(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ResponseIn>,
) -> AppResult<ApiJson<ResponseOut>> {
    if !caller.in_team(id) {
        return Err(AppError::NotFound("team"));
    }
    require_role(&state, &caller, Role::Supervisor, "team response").await?;
    state.store.team(id).await.or_missing("team")?;
    let response = parse(id, body)?;
    let detail = format!(
        "target {} min, escalate after {} min",
        response.target_minutes, response.escalate_after_minutes
    );
    state.store.put_team_response(response).await?;
    audit::act(&state, &caller, "team.response", "team", Some(id), detail).await;
    get_response(State(state), caller, Path(id)).await
}

/// The stored form of `body`, or a 400 naming the first field that is wrong.
fn parse(team_id: i64, body: ResponseIn) -> AppResult<TeamResponse> {
    let minutes = |field: &'static str, value: i32| {
        if (1..=MAX_MINUTES).contains(&value) {
            Ok(value)
        } else {
            Err(AppError::invalid(
                field,
                format!("must be from 1 to {MAX_MINUTES} minutes, got {value}"),
            ))
        }
    };
    let zone =
        parse_time_zone(&body.time_zone).map_err(|why| AppError::invalid("time_zone", why))?;
    let working_hours = match body.working_hours.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            WorkingHours::parse(text)
                .map_err(|why| AppError::invalid("working_hours", why))?
                .to_string(),
        ),
    };
    let holidays = body
        .holidays
        .iter()
        .map(|day| {
            day.trim().parse::<NaiveDate>().map_err(|_| {
                AppError::invalid(
                    "holidays",
                    format!("{day:?} is not a date such as 2026-12-24"),
                )
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(TeamResponse {
        team_id,
        target_minutes: minutes("target_minutes", body.target_minutes)?,
        escalate_after_minutes: minutes("escalate_after_minutes", body.escalate_after_minutes)?,
        time_zone: zone.name().to_owned(),
        working_hours,
        holidays,
    })
}
