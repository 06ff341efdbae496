//! Signing in and out, who am I, and changing one's own password.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::{Duration, Utc};
use defuse_storage::{LoginAttempt, Session, StoreError};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::accounts::{self, Username};
use crate::audit::{self, Entry};
use crate::auth::{Caller, SESSION_COOKIE, lockout, password, secret};
use crate::dto::UserOut;
use crate::error::{AppError, AppResult};
use crate::json::ApiJson;
use crate::settings::SameSitePolicy;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    pub username: String,
    pub password: String,
}

/// The signed-in user, their teams, and (for a cookie session) the CSRF token to send back in
/// `X-CSRF-Token` on every unsafe request.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MeOut {
    pub user: UserOut,
    pub teams: Vec<i64>,
    pub csrf_token: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordIn {
    pub current_password: String,
    pub new_password: String,
}

/// Starts a console session: sets the session cookie and returns the CSRF token.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginIn,
    responses((status = 200, body = MeOut), (status = 401, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    jar: CookieJar,
    ApiJson(body): ApiJson<LoginIn>,
) -> AppResult<(CookieJar, ApiJson<MeOut>)> {
    let store = &state.store;
    let now = Utc::now();
    let address = address_of(peer);
    let typed = body.username.trim().to_lowercase();
    throttle(&state, &typed, &address, now).await?;
    let user = match Username::parse(&typed) {
        Ok(name) => match store.user_by_username(name.as_str()).await {
            Ok(user) => Some(user),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        Err(_) => None,
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let verified = password::verify_off_workers(body.password, stored).await;
    store
        .record_login_attempt(LoginAttempt {
            username: typed.clone(),
            address: address.clone(),
            succeeded: verified,
            at: now,
        })
        .await?;
    let Some(user) = user.filter(|_| verified) else {
        let detail = format!("wrong username or password for {typed} from {address}");
        audit::record(
            &state,
            Entry {
                actor: None,
                action: "login_failed",
                kind: "session",
                id: None,
                detail,
            },
        )
        .await;
        return Err(AppError::BadCredentials);
    };
    // A new session id at every login, and the one the browser held (if any) ends; a cookie of
    // a session that already ended (expired, logged out, a password reset) is simply replaced.
    if let Some(old) = jar.get(SESSION_COOKIE) {
        match store.delete_session(&secret::digest(old.value())).await {
            Ok(()) | Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let id = secret::random_token(32);
    let csrf_token = secret::random_token(32);
    let ttl = Duration::hours(i64::from(state.settings.session.ttl_hours));
    let session = Session {
        id_hash: secret::digest(&id),
        user_id: user.id,
        csrf_token: csrf_token.clone(),
        created_at: now,
        expires_at: now + ttl,
    };
    store.create_session(session).await?;
    audit::record(
        &state,
        Entry {
            actor: Some(user.id),
            action: "login",
            kind: "session",
            id: None,
            detail: format!("from {address}"),
        },
    )
    .await;
    let teams = store.user_team_ids(user.id).await?;
    let cookie = session_cookie(&state, id, ttl);
    Ok((
        jar.add(cookie),
        ApiJson(MeOut {
            user: user.into(),
            teams,
            csrf_token: Some(csrf_token),
        }),
    ))
}

/// Ends the current session and clears its cookie.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    caller: Caller,
    jar: CookieJar,
) -> AppResult<(CookieJar, StatusCode)> {
    if let Some(session) = &caller.session {
        state.store.delete_session(&session.id_hash).await?;
    }
    audit::act(&state, &caller, "logout", "session", None, "").await;
    Ok((jar.remove(cleared_cookie(&state)), StatusCode::NO_CONTENT))
}

#[utoipa::path(get, path = "/auth/me", tag = "auth", responses((status = 200, body = MeOut), (status = 401, body = crate::error::ErrorBody)))]
pub async fn me(caller: Caller) -> ApiJson<MeOut> {
    let csrf_token = caller.session.as_ref().map(|s| s.csrf_token.clone());
    ApiJson(MeOut {
        user: caller.user.into(),
        teams: caller.teams,
        csrf_token,
    })
}

/// Changes the caller's password, ends all their other sessions and revokes their API tokens
/// (the one this request came with too, if it came with one).
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = PasswordIn,
    responses((status = 204), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    PeerAddress(peer): PeerAddress,
    caller: Caller,
    ApiJson(body): ApiJson<PasswordIn>,
) -> AppResult<StatusCode> {
    // Guessing the current password here counts as failed logins, under the same limits.
    let now = Utc::now();
    let address = address_of(peer);
    let username = caller.user.username.clone();
    throttle(&state, &username, &address, now).await?;
    let stored = Some(caller.user.password_hash.clone());
    if !password::verify_off_workers(body.current_password, stored).await {
        state
            .store
            .record_login_attempt(LoginAttempt {
                username,
                address,
                succeeded: false,
                at: now,
            })
            .await?;
        audit::act(
            &state,
            &caller,
            "password_refused",
            "user",
            Some(caller.id()),
            "wrong current password",
        )
        .await;
        return Err(AppError::invalid(
            "current_password",
            "the current password is wrong",
        ));
    }
    password::check_strength("new_password", &body.new_password)?;
    let this_session = caller.session.as_ref().map(|s| s.id_hash.clone());
    let new = Some(body.new_password.as_str());
    accounts::set_password(state.store.as_ref(), caller.id(), new, this_session).await?;
    state.tokens.forget_all();
    audit::act(
        &state,
        &caller,
        "password_change",
        "user",
        Some(caller.id()),
        "",
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

/// Refuses with 429 (and an audit line) while `username` at `address`, or `address` as a whole,
/// must wait after wrong passwords: at login and as the current password of a change.
async fn throttle(
    state: &AppState,
    username: &str,
    address: &str,
    now: chrono::DateTime<Utc>,
) -> AppResult<()> {
    let limits = &state.settings.rate_limit;
    let since = now - Duration::seconds(limits.window_seconds as i64);
    let failures = state.store.login_failures(username, address, since).await?;
    let Some(retry_after) = lockout::wait(limits, failures, now) else {
        return Ok(());
    };
    let detail = format!("rate limited for {retry_after} s: {username} from {address}");
    audit::record(
        state,
        Entry {
            actor: None,
            action: "login_refused",
            kind: "session",
            id: None,
            detail,
        },
    )
    .await;
    Err(AppError::TooManyRequests { retry_after })
}

/// The address attempts are counted under.
fn address_of(peer: Option<SocketAddr>) -> String {
    peer.map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())
}

/// The client's address, when the server was started with connect info (in-process tests are not).
pub struct PeerAddress(Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for PeerAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PeerAddress(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

fn session_cookie(state: &AppState, value: String, ttl: Duration) -> Cookie<'static> {
    let mut cookie = cleared_cookie(state);
    cookie.set_value(value);
    cookie.set_max_age(time::Duration::seconds(ttl.num_seconds()));
    cookie
}

/// The session cookie's attributes, without a value: also what removing it must match.
fn cleared_cookie(state: &AppState) -> Cookie<'static> {
    let same_site = match state.settings.session.same_site {
        SameSitePolicy::Lax => SameSite::Lax,
        SameSitePolicy::Strict => SameSite::Strict,
    };
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .secure(state.settings.cookie_secure())
        .same_site(same_site)
        .build()
}
