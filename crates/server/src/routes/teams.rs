//! Teams: everyone may list them; admins create, delete and set the members.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use defuse_storage::Role;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::PageQuery;
use crate::audit;
use crate::auth::Caller;
use crate::auth::access::require_role;
use crate::dto::{PageOut, TeamOut, UserOut};
use crate::error::{AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_teams, create_team))
        .routes(routes!(delete_team))
        .routes(routes!(list_members))
        .routes(routes!(add_member, remove_member))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamIn {
    pub name: String,
}

#[utoipa::path(get, path = "/teams", tag = "teams", params(PageQuery), responses((status = 200, body = PageOut<TeamOut>)))]
pub async fn list_teams(
    State(state): State<AppState>,
    _caller: Caller,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<TeamOut>>> {
    let paging = page.paging()?;
    Ok(ApiJson(PageOut::new(
        state.store.list_teams(paging).await?,
        paging,
        TeamOut::from,
    )))
}

#[utoipa::path(post, path = "/teams", tag = "teams", request_body = TeamIn, responses((status = 201, body = TeamOut)))]
pub async fn create_team(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<TeamIn>,
) -> AppResult<(StatusCode, ApiJson<TeamOut>)> {
    require_role(&state, &caller, Role::Admin, "team").await?;
    let name = super::required("name", &body.name)?;
    let team = state.store.create_team(name).await?;
    audit::act(
        &state,
        &caller,
        "team.create",
        "team",
        Some(team.id),
        team.name.clone(),
    )
    .await;
    Ok((StatusCode::CREATED, ApiJson(team.into())))
}

#[utoipa::path(delete, path = "/teams/{id}", tag = "teams", params(("id" = i64, Path)), responses((status = 204), (status = 409, body = crate::error::ErrorBody)))]
pub async fn delete_team(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    require_role(&state, &caller, Role::Admin, "team").await?;
    state.store.delete_team(id).await.or_missing("team")?;
    state.tokens.forget_all();
    audit::act(&state, &caller, "team.delete", "team", Some(id), "").await;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/teams/{id}/members", tag = "teams", params(("id" = i64, Path)), responses((status = 200, body = Vec<UserOut>)))]
pub async fn list_members(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<Vec<UserOut>>> {
    if !caller.in_team(id) {
        require_role(&state, &caller, Role::Admin, "team").await?;
    }
    state.store.team(id).await.or_missing("team")?;
    Ok(ApiJson(
        state
            .store
            .team_members(id)
            .await?
            .into_iter()
            .map(UserOut::from)
            .collect(),
    ))
}

#[utoipa::path(put, path = "/teams/{id}/members/{user_id}", tag = "teams", params(("id" = i64, Path), ("user_id" = i64, Path)), responses((status = 204)))]
pub async fn add_member(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, user_id)): Path<(i64, i64)>,
) -> AppResult<StatusCode> {
    require_role(&state, &caller, Role::Admin, "team").await?;
    state.store.add_team_member(id, user_id).await?;
    state.tokens.forget_all();
    audit::act(
        &state,
        &caller,
        "team.add_member",
        "team",
        Some(id),
        format!("user {user_id}"),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/teams/{id}/members/{user_id}", tag = "teams", params(("id" = i64, Path), ("user_id" = i64, Path)), responses((status = 204)))]
pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, user_id)): Path<(i64, i64)>,
) -> AppResult<StatusCode> {
    require_role(&state, &caller, Role::Admin, "team").await?;
    state
        .store
        .remove_team_member(id, user_id)
        .await
        .or_missing("team member")?;
    state.tokens.forget_all();
    audit::act(
        &state,
        &caller,
        "team.remove_member",
        "team",
        Some(id),
        format!("user {user_id}"),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}
