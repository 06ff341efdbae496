//! The caller's own API tokens: list, issue (the secret is shown once), revoke.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use defuse_storage::Role;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts;
use crate::audit;
use crate::auth::Caller;
use crate::auth::access::require_role;
use crate::dto::TokenOut;
use crate::error::{AppError, AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tokens, issue_token))
        .routes(routes!(revoke_token))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenIn {
    /// What will use the token, for the list.
    pub name: String,
    /// When it ends by itself (RFC 3339, in the future); left out, it lasts until revoked.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new token; `token` is the secret, shown this once and stored only as a hash.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IssuedOut {
    #[serde(flatten)]
    pub record: TokenOut,
    pub token: String,
}

#[utoipa::path(get, path = "/tokens", tag = "auth", responses((status = 200, body = Vec<TokenOut>)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    caller: Caller,
) -> AppResult<ApiJson<Vec<TokenOut>>> {
    Ok(ApiJson(
        state
            .store
            .list_api_tokens(caller.id())
            .await?
            .into_iter()
            .map(TokenOut::from)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/tokens", tag = "auth", request_body = TokenIn, responses((status = 201, body = IssuedOut)))]
pub async fn issue_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<TokenIn>,
) -> AppResult<(StatusCode, ApiJson<IssuedOut>)> {
    if body.expires_at.is_some_and(|end| end <= Utc::now()) {
        return Err(AppError::invalid("expires_at", "must be in the future"));
    }
    let (record, token) = accounts::issue_token(
        state.store.as_ref(),
        caller.id(),
        &body.name,
        body.expires_at,
    )
    .await?;
    audit::act(
        &state,
        &caller,
        "token.create",
        "token",
        Some(record.id),
        record.name.clone(),
    )
    .await;
    Ok((
        StatusCode::CREATED,
        ApiJson(IssuedOut {
            record: record.into(),
            token,
        }),
    ))
}

/// Revokes one of the caller's tokens (admins: anyone's).
#[utoipa::path(delete, path = "/tokens/{id}", tag = "auth", params(("id" = i64, Path)), responses((status = 200, body = TokenOut)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<TokenOut>> {
    let own = state
        .store
        .list_api_tokens(caller.id())
        .await?
        .iter()
        .any(|t| t.id == id);
    if !own {
        require_role(&state, &caller, Role::Admin, "token")
            .await
            .map_err(|_| AppError::NotFound("token"))?;
    }
    let token = state
        .store
        .revoke_api_token(id, Utc::now())
        .await
        .or_missing("token")?;
    state.tokens.forget_all();
    audit::act(&state, &caller, "token.revoke", "token", Some(id), "").await;
    Ok(ApiJson(token.into()))
}
