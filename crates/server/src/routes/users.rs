//! Users (admin only): add, list, read, change role or name, reset a password.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use defuse_storage::{Role, UserChanges};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{PageQuery, parse_role};
use crate::accounts::{self, Username};
use crate::audit;
use crate::auth::Caller;
use crate::auth::access::require_role;
use crate::dto::{PageOut, UserOut};
use crate::error::{AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, add_user))
        .routes(routes!(get_user, update_user))
        .routes(routes!(reset_password))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserIn {
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    /// `agent`, `supervisor` or `admin`.
    pub role: String,
    /// Leave out to have one generated and returned once.
    pub password: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChangesIn {
    pub display_name: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetIn {
    /// Leave out to have one generated and returned once.
    pub password: Option<String>,
}

/// A user with the password generated for them, shown this once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AddedOut {
    pub user: UserOut,
    pub generated_password: Option<String>,
}

#[utoipa::path(get, path = "/users", tag = "users", params(PageQuery), responses((status = 200, body = PageOut<UserOut>)))]
pub async fn list_users(
    State(state): State<AppState>,
    caller: Caller,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<UserOut>>> {
    require_role(&state, &caller, Role::Admin, "user").await?;
    let paging = page.paging()?;
    let users = state.store.list_users(paging).await?;
    Ok(ApiJson(PageOut::new(users, paging, UserOut::from)))
}

#[utoipa::path(post, path = "/users", tag = "users", request_body = NewUserIn, responses((status = 201, body = AddedOut)))]
pub async fn add_user(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewUserIn>,
) -> AppResult<(StatusCode, ApiJson<AddedOut>)> {
    require_role(&state, &caller, Role::Admin, "user").await?;
    let username = Username::parse(&body.username)?;
    let role = parse_role(&body.role)?;
    let added = accounts::add_user(
        state.store.as_ref(),
        &username,
        &body.display_name,
        role,
        body.password.as_deref(),
    )
    .await?;
    let detail = format!("{} as {role}", added.user.username);
    audit::act(
        &state,
        &caller,
        "user.create",
        "user",
        Some(added.user.id),
        detail,
    )
    .await;
    Ok((
        StatusCode::CREATED,
        ApiJson(AddedOut {
            user: added.user.into(),
            generated_password: added.generated_password,
        }),
    ))
}

#[utoipa::path(get, path = "/users/{id}", tag = "users", params(("id" = i64, Path)), responses((status = 200, body = UserOut)))]
pub async fn get_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<UserOut>> {
    if id != caller.id() {
        require_role(&state, &caller, Role::Admin, "user").await?;
    }
    Ok(ApiJson(
        state.store.user(id).await.or_missing("user")?.into(),
    ))
}

#[utoipa::path(patch, path = "/users/{id}", tag = "users", params(("id" = i64, Path)), request_body = UserChangesIn, responses((status = 200, body = UserOut)))]
pub async fn update_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<UserChangesIn>,
) -> AppResult<ApiJson<UserOut>> {
    require_role(&state, &caller, Role::Admin, "user").await?;
    let changes = UserChanges {
        display_name: body.display_name,
        role: body.role.as_deref().map(parse_role).transpose()?,
    };
    let user = state
        .store
        .update_user(id, changes)
        .await
        .or_missing("user")?;
    state.tokens.forget_all();
    let detail = format!("role {}", user.role);
    audit::act(&state, &caller, "user.update", "user", Some(id), detail).await;
    Ok(ApiJson(user.into()))
}

/// Sets a new password for a user, ends their sessions and revokes their API tokens.
#[utoipa::path(post, path = "/users/{id}/password", tag = "users", params(("id" = i64, Path)), request_body = ResetIn, responses((status = 200, body = AddedOut)))]
pub async fn reset_password(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ResetIn>,
) -> AppResult<ApiJson<AddedOut>> {
    require_role(&state, &caller, Role::Admin, "user").await?;
    let user = state.store.user(id).await.or_missing("user")?;
    let generated_password =
        accounts::set_password(state.store.as_ref(), id, body.password.as_deref(), None).await?;
    state.tokens.forget_all();
    audit::act(&state, &caller, "user.password_reset", "user", Some(id), "").await;
    Ok(ApiJson(AddedOut {
        user: user.into(),
        generated_password,
    }))
}
