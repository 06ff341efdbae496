//! Cases: list (scoped to the caller's teams, with filters), open, read and change.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::Utc;
use defuse_storage::{CaseChanges, CaseFilter, NewCase};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{PageQuery, parse_status, required};
use crate::audit;
use crate::auth::Caller;
use crate::auth::access::{case_in_scope, require_team};
use crate::dto::{CaseOut, PageOut};
use crate::error::{AppError, AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cases, open_case))
        .routes(routes!(get_case, update_case))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCaseIn {
    pub client_id: i64,
    pub subject: String,
    /// Where the conversation happens: `email`, `chat`, `phone`, ...
    #[serde(default = "default_channel")]
    pub channel: String,
    pub team_id: i64,
    pub assignee_id: Option<i64>,
}

/// Changes to a case; fields left out stay. `"assignee_id": null` unassigns.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseChangesIn {
    pub subject: Option<String>,
    pub channel: Option<String>,
    /// `open`, `waiting_on_client`, `escalated`, `resolved` or `closed`.
    pub status: Option<String>,
    #[serde(default, with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub assignee_id: Option<Option<i64>>,
    pub team_id: Option<i64>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    pub status: Option<String>,
    pub assignee_id: Option<i64>,
    pub team_id: Option<i64>,
    pub client_id: Option<i64>,
    /// Only cases whose peak hostility is at least this (0..1).
    pub min_hostility: Option<f64>,
    /// Only cases with an open follow-up past its due time.
    pub overdue: Option<bool>,
    /// Only unfinished cases whose client has waited past the team's response target.
    pub forgotten: Option<bool>,
}

pub fn default_channel() -> String {
    "email".to_owned()
}

#[utoipa::path(get, path = "/cases", tag = "cases", params(CaseQuery, PageQuery), responses((status = 200, body = PageOut<CaseOut>)))]
pub async fn list_cases(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<CaseQuery>,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<CaseOut>>> {
    let paging = page.paging()?;
    if query
        .min_hostility
        .is_some_and(|h| !(0.0..=1.0).contains(&h))
    {
        return Err(AppError::invalid(
            "min_hostility",
            "must be between 0 and 1",
        ));
    }
    let filter = CaseFilter {
        teams: caller.scope(),
        status: query.status.as_deref().map(parse_status).transpose()?,
        assignee_id: query.assignee_id,
        team_id: query.team_id,
        client_id: query.client_id,
        min_hostility: query.min_hostility,
        overdue_at: query.overdue.unwrap_or(false).then(Utc::now),
        forgotten: query.forgotten.unwrap_or(false),
    };
    let cases = state.store.list_cases(filter, paging).await?;
    Ok(ApiJson(PageOut::new(cases, paging, CaseOut::from)))
}

#[utoipa::path(post, path = "/cases", tag = "cases", request_body = NewCaseIn, responses((status = 201, body = CaseOut)))]
pub async fn open_case(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewCaseIn>,
) -> AppResult<(StatusCode, ApiJson<CaseOut>)> {
    require_team(&state, &caller, body.team_id).await?;
    state
        .store
        .client(body.client_id)
        .await
        .or_missing("client")?;
    check_assignee(&state, body.assignee_id, body.team_id).await?;
    let new = NewCase {
        client_id: body.client_id,
        subject: required("subject", &body.subject)?.to_owned(),
        channel: required("channel", &body.channel)?.to_owned(),
        assignee_id: body.assignee_id,
        team_id: body.team_id,
        opened_at: Utc::now(),
    };
    let case = state.store.create_case(new).await?;
    audit::act(&state, &caller, "case.create", "case", Some(case.id), "").await;
    Ok((StatusCode::CREATED, ApiJson(case.into())))
}

#[utoipa::path(get, path = "/cases/{id}", tag = "cases", params(("id" = i64, Path)), responses((status = 200, body = CaseOut)))]
pub async fn get_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<CaseOut>> {
    Ok(ApiJson(case_in_scope(&state, &caller, id).await?.into()))
}

#[utoipa::path(patch, path = "/cases/{id}", tag = "cases", params(("id" = i64, Path)), request_body = CaseChangesIn, responses((status = 200, body = CaseOut)))]
pub async fn update_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<CaseChangesIn>,
) -> AppResult<ApiJson<CaseOut>> {
    let case = case_in_scope(&state, &caller, id).await?;
    if let Some(team) = body.team_id {
        require_team(&state, &caller, team).await?;
    }
    if let Some(assignee) = body.assignee_id {
        check_assignee(&state, assignee, body.team_id.unwrap_or(case.team_id)).await?;
    }
    let changes = CaseChanges {
        subject: body
            .subject
            .as_deref()
            .map(|s| required("subject", s).map(str::to_owned))
            .transpose()?,
        channel: body
            .channel
            .as_deref()
            .map(|s| required("channel", s).map(str::to_owned))
            .transpose()?,
        status: body.status.as_deref().map(parse_status).transpose()?,
        assignee_id: body.assignee_id,
        team_id: body.team_id,
    };
    let detail = changes
        .status
        .map(|s| format!("status {s}"))
        .unwrap_or_default();
    let case = state
        .store
        .update_case(id, changes, Utc::now())
        .await
        .or_missing("case")?;
    audit::act(&state, &caller, "case.update", "case", Some(id), detail).await;
    Ok(ApiJson(case.into()))
}

/// An assignee must exist and be in the case's team.
async fn check_assignee(state: &AppState, assignee: Option<i64>, team_id: i64) -> AppResult<()> {
    let Some(user_id) = assignee else {
        return Ok(());
    };
    let teams = state.store.user_team_ids(user_id).await?;
    if !teams.contains(&team_id) {
        return Err(AppError::invalid(
            "assignee_id",
            "the assignee must be a member of the case's team",
        ));
    }
    Ok(())
}

/// Tells a field left out (`None`) from an explicit `null` (`Some(None)`).
mod double_option {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}
