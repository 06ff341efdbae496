//! `Caller`: the signed-in user behind a request, by bearer token or session cookie.
//!
//! A bearer token (`Authorization: Bearer dfs_...`) wins over a cookie. A cookie-authenticated
//! request with an unsafe method must also carry the session's CSRF token in `X-CSRF-Token`
//! (the console's HTML forms use [`Caller::check_csrf`] with a form field instead, through
//! [`authenticate`]); a bearer token is not sent by browsers on their own, so it needs none.

use std::time::Instant;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum_extra::extract::cookie::CookieJar;
use chrono::Utc;
use defuse_storage::{Role, StoreError, TeamScope, User};

use super::secret;
use crate::audit::{self, Entry};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Name of the console session cookie.
pub const SESSION_COOKIE: &str = "defuse_session";
/// Header carrying the CSRF token of a cookie session.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Who is calling, with the teams that scope what they see.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    /// Ascending team ids.
    pub teams: Vec<i64>,
    /// Set when the caller came with a session cookie rather than a token.
    pub session: Option<SessionRef>,
}

/// The session a cookie-authenticated caller is using.
#[derive(Debug, Clone)]
pub struct SessionRef {
    pub id_hash: String,
    pub csrf_token: String,
}

impl Caller {
    pub fn id(&self) -> i64 {
        self.user.id
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    /// Admins see every team; everyone else sees their own.
    pub fn scope(&self) -> TeamScope {
        (self.role() != Role::Admin).then(|| self.teams.clone())
    }

    pub fn in_team(&self, team_id: i64) -> bool {
        self.role() == Role::Admin || self.teams.binary_search(&team_id).is_ok()
    }

    /// Whether the caller's role is `min` or above.
    pub fn at_least(&self, min: Role) -> bool {
        rank(self.role()) >= rank(min)
    }

    /// Checks a CSRF token sent by a cookie-authenticated caller; token callers pass.
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), AppError> {
        match &self.session {
            Some(s) if !sent.is_some_and(|t| secret::same(t, &s.csrf_token)) => {
                Err(AppError::Forbidden("missing or wrong CSRF token"))
            }
            _ => Ok(()),
        }
    }
}

fn rank(role: Role) -> u8 {
    match role {
        Role::Agent => 0,
        Role::Supervisor => 1,
        Role::Admin => 2,
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, AppError> {
        let caller = authenticate(&parts.headers, state)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if !parts.method.is_safe() {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if let Err(e) = caller.check_csrf(sent) {
                refused(
                    state,
                    &caller,
                    "request",
                    None,
                    "missing or wrong CSRF token",
                )
                .await;
                return Err(e);
            }
        }
        Ok(caller)
    }
}

/// The caller named by the request's token or session cookie; `None` when it carries neither.
/// A token or cookie that is wrong, revoked or expired is an error, never a fall-through.
pub async fn authenticate(headers: &HeaderMap, state: &AppState) -> AppResult<Option<Caller>> {
    let store = &state.store;
    if let Some(value) = headers.get(axum::http::header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(AppError::Unauthenticated)?;
        return token_caller(state, &secret::digest(token.trim()))
            .await
            .map(Some);
    }
    let jar = CookieJar::from_headers(headers);
    let Some(cookie) = jar.get(SESSION_COOKIE) else {
        return Ok(None);
    };
    let id_hash = secret::digest(cookie.value());
    let session = store
        .session(&id_hash, Utc::now())
        .await
        .map_err(unauthenticated)?;
    let session_ref = SessionRef {
        id_hash,
        csrf_token: session.csrf_token,
    };
    Ok(Some(load(state, session.user_id, Some(session_ref)).await?))
}

/// The caller behind a bearer token, from the [`super::token_cache`] when it was read moments ago.
async fn token_caller(state: &AppState, digest: &str) -> AppResult<Caller> {
    if let Some(caller) = state.tokens.get(digest, Instant::now()) {
        return Ok(caller);
    }
    let found = state
        .store
        .active_api_token(digest)
        .await
        .map_err(unauthenticated)?;
    if !found.usable_at(Utc::now()) {
        return Err(AppError::Unauthenticated);
    }
    let caller = load(state, found.user_id, None).await?;
    state
        .tokens
        .put(digest.to_owned(), caller.clone(), Instant::now());
    Ok(caller)
}

async fn load(state: &AppState, user_id: i64, session: Option<SessionRef>) -> AppResult<Caller> {
    let user = state.store.user(user_id).await.map_err(unauthenticated)?;
    let teams = state.store.user_team_ids(user_id).await?;
    Ok(Caller {
        user,
        teams,
        session,
    })
}

fn unauthenticated(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::Unauthenticated,
        other => other.into(),
    }
}

/// Writes a refusal to the audit log.
pub async fn refused(state: &AppState, caller: &Caller, kind: &str, id: Option<i64>, why: &str) {
    let entry = Entry {
        actor: Some(caller.id()),
        action: "refused",
        kind,
        id,
        detail: why.to_owned(),
    };
    audit::record(state, entry).await;
}
