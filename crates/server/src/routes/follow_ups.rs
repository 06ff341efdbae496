//! Follow-ups: what we owe clients. Listed by view (mine or my teams') and by when (due today,
//! overdue, open, done); created on a case; their status updated; and the follow-up message
//! to the client that sums them up (`follow_up_message`).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use defuse_storage::{FollowUpFilter, FollowUpStatus, FollowUpUpdate, NewFollowUp};
use defuse_wire::ReplyCheckDto;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{PageQuery, parse_follow_up_status, required};
use crate::audit;
use crate::auth::Caller;
use crate::auth::access::case_in_scope;
use crate::dto::{FollowUpOut, PageOut};
use crate::error::{AppError, AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_follow_ups))
        .routes(routes!(list_case_follow_ups, add_follow_up))
        .routes(routes!(update_follow_up))
        .routes(routes!(follow_up_message))
}

/// A drafted follow-up message and what the draft check found in it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FollowUpMessageOut {
    /// For the agent to edit and send as a reply.
    pub text: String,
    pub check: ReplyCheckDto,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpIn {
    pub what: String,
    pub due_at: Option<chrono::DateTime<Utc>>,
    /// Defaults to the caller.
    pub owner_id: Option<i64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpStatusIn {
    /// `open`, `done` or `missed`.
    pub status: String,
    /// What was done, kept with a done follow-up ("called back, refund confirmed").
    pub note: Option<String>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowUpQuery {
    /// `mine` (default) or `team`.
    pub view: Option<String>,
    /// `open` (default), `today` (open, due by the end of the next 24 hours), `overdue`, `done`, `missed` or `all`.
    pub when: Option<String>,
}

#[utoipa::path(get, path = "/follow-ups", tag = "follow-ups", params(FollowUpQuery, PageQuery), responses((status = 200, body = PageOut<FollowUpOut>)))]
pub async fn list_follow_ups(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<FollowUpQuery>,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<FollowUpOut>>> {
    let paging = page.paging()?;
    let now = Utc::now();
    let mut filter = FollowUpFilter {
        teams: caller.scope(),
        ..FollowUpFilter::default()
    };
    match query.view.as_deref().unwrap_or("mine") {
        "mine" => filter.owner_id = Some(caller.id()),
        "team" => {}
        _ => return Err(AppError::invalid("view", "use mine or team")),
    }
    match query.when.as_deref().unwrap_or("open") {
        "open" => filter.status = Some(FollowUpStatus::Open),
        "today" => {
            filter.status = Some(FollowUpStatus::Open);
            filter.due_before = Some(now + Duration::hours(24));
        }
        "overdue" => filter.overdue_at = Some(now),
        "done" => filter.status = Some(FollowUpStatus::Done),
        "missed" => filter.status = Some(FollowUpStatus::Missed),
        "all" => {}
        _ => {
            return Err(AppError::invalid(
                "when",
                "use open, today, overdue, done, missed or all",
            ));
        }
    }
    Ok(ApiJson(PageOut::new(
        state.store.list_follow_ups(filter, paging).await?,
        paging,
        FollowUpOut::from,
    )))
}

#[utoipa::path(get, path = "/cases/{id}/follow-ups", tag = "follow-ups", params(("id" = i64, Path), PageQuery), responses((status = 200, body = PageOut<FollowUpOut>)))]
pub async fn list_case_follow_ups(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<FollowUpOut>>> {
    case_in_scope(&state, &caller, id).await?;
    let paging = page.paging()?;
    let filter = FollowUpFilter {
        case_id: Some(id),
        ..FollowUpFilter::default()
    };
    Ok(ApiJson(PageOut::new(
        state.store.list_follow_ups(filter, paging).await?,
        paging,
        FollowUpOut::from,
    )))
}

#[utoipa::path(post, path = "/cases/{id}/follow-ups", tag = "follow-ups", params(("id" = i64, Path)), request_body = FollowUpIn, responses((status = 201, body = FollowUpOut)))]
pub async fn add_follow_up(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<FollowUpIn>,
) -> AppResult<(StatusCode, ApiJson<FollowUpOut>)> {
    let case = case_in_scope(&state, &caller, id).await?;
    let owner = body.owner_id.unwrap_or(caller.id());
    if owner != caller.id()
        && !state
            .store
            .user_team_ids(owner)
            .await?
            .contains(&case.team_id)
    {
        return Err(AppError::invalid(
            "owner_id",
            "the owner must be a member of the case's team",
        ));
    }
    let new = NewFollowUp {
        case_id: id,
        what: required("what", &body.what)?.to_owned(),
        due_at: body.due_at,
        owner_id: Some(owner),
    };
    let follow_up = state.store.create_follow_up(new).await?;
    audit::act(
        &state,
        &caller,
        "follow_up.create",
        "follow_up",
        Some(follow_up.id),
        format!("case {id}"),
    )
    .await;
    Ok((StatusCode::CREATED, ApiJson(follow_up.into())))
}

#[utoipa::path(patch, path = "/follow-ups/{id}", tag = "follow-ups", params(("id" = i64, Path)), request_body = FollowUpStatusIn, responses((status = 200, body = FollowUpOut)))]
pub async fn update_follow_up(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<FollowUpStatusIn>,
) -> AppResult<ApiJson<FollowUpOut>> {
    let follow_up = state.store.follow_up(id).await.or_missing("follow-up")?;
    case_in_scope(&state, &caller, follow_up.case_id).await?;
    let status = parse_follow_up_status(&body.status)?;
    let updated = state
        .store
        .update_follow_up(
            id,
            FollowUpUpdate {
                status,
                at: Utc::now(),
                note: body.note,
            },
        )
        .await?;
    audit::act(
        &state,
        &caller,
        "follow_up.update",
        "follow_up",
        Some(id),
        format!("status {status}"),
    )
    .await;
    Ok(ApiJson(updated.into()))
}

#[utoipa::path(get, path = "/cases/{id}/follow-up-message", tag = "follow-ups", params(("id" = i64, Path)), responses((status = 200, body = FollowUpMessageOut)))]
pub async fn follow_up_message(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<FollowUpMessageOut>> {
    let case = case_in_scope(&state, &caller, id).await?;
    let drafted = crate::follow_up_message::draft(&state, &case, caller.id()).await?;
    Ok(ApiJson(FollowUpMessageOut {
        text: drafted.text,
        check: drafted.check,
    }))
}
