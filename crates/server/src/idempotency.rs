//! `Idempotency-Key` on every API POST that creates something: a retry of a request whose
//! answer was lost gets the first answer again instead of a second record.
//!
//! The key is claimed in the store (per user) before the request runs and completed with its
//! answer after a success; a failure releases it so that a retry runs again. The same key with
//! a different request is refused with 422; a key whose first request is still running, with
//! 409. Keys are kept [`KEPT`] and then purged by the scheduler. A claim left by a process that
//! died mid-request is taken over after `idempotency.abandoned_after_seconds`; messages are also stored with the key
//! as their `external_id` (unique per case) so that even then none is stored twice.

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use defuse_storage::{IdempotentRequest, KeyClaim};
use sha2::{Digest, Sha256};

use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The request header that carries the key.
pub const HEADER: &str = "idempotency-key";
/// Set on an answer given again from the store.
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// How long a key and its answer are kept.
pub const KEPT: Duration = Duration::hours(48);
/// The longest key accepted.
const MAX_KEY: usize = 255;
/// The largest body read (the API's own limit).
const MAX_BODY: usize = 2 * 1024 * 1024;
/// API POSTs that create nothing: signing in and out, and the stateless analysis routes.
const NOT_CREATES: &[&str] = &[
    "/api/v1/auth/",
    "/api/v1/analyze",
    "/api/v1/coach",
    "/api/v1/check-reply",
];

/// Creates whose answer holds a secret shown once (an API token, a generated password): the
/// answer is not kept, and a retry learns that the request was done, not the secret.
const SECRET_ANSWERS: &[&str] = &["/api/v1/tokens", "/api/v1/users"];

/// The middleware: passes through every request that is not an API create with a key.
pub async fn idempotent(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let creates = request.method() == Method::POST
        && path.starts_with("/api/v1/")
        && !NOT_CREATES.iter().any(|p| path.starts_with(p));
    if !creates || !request.headers().contains_key(HEADER) {
        return next.run(request).await;
    }
    keyed(&state, request, next)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// The key of `request`, checked.
pub fn key_of(headers: &axum::http::HeaderMap) -> AppResult<Option<String>> {
    let Some(value) = headers.get(HEADER) else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > MAX_KEY {
        return Err(AppError::invalid(
            "Idempotency-Key",
            format!("send 1 to {MAX_KEY} visible ASCII characters"),
        ));
    }
    Ok(Some(key.to_owned()))
}

async fn keyed(state: &AppState, request: Request, next: Next) -> AppResult<Response> {
    let key = key_of(request.headers())?.unwrap_or_default();
    let (mut parts, body) = request.into_parts();
    let caller = Caller::from_request_parts(&mut parts, state).await?;
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| AppError::TooLarge)?;
    let hash = request_hash(&parts.method, parts.uri.path(), &bytes);
    let secret = SECRET_ANSWERS
        .iter()
        .any(|p| parts.uri.path().starts_with(p));
    let now = Utc::now();
    let store = &state.store;
    let user = caller.id();
    let abandoned = Duration::seconds(state.settings.idempotency.abandoned_after_seconds.into());
    let claim = store
        .claim_idempotency_key(user, &key, &hash, now, now - abandoned)
        .await?;
    if let KeyClaim::Seen(first) = claim {
        return replay(first, &hash, secret);
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if !response.status().is_success() {
        store.release_idempotency_key(user, &key).await?;
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("reading an answer: {e}")))?;
    let text = if secret {
        String::new()
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    store
        .complete_idempotency_key(user, &key, i64::from(parts.status.as_u16()), text)
        .await?;
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

/// The first answer again, or why there is none.
fn replay(first: IdempotentRequest, hash: &str, secret: bool) -> AppResult<Response> {
    if first.request_hash != hash {
        return Err(AppError::KeyReused);
    }
    let (Some(status), Some(body)) = (first.status, first.response) else {
        return Err(AppError::Conflict(
            "the first request with this Idempotency-Key is still being answered".into(),
        ));
    };
    if secret {
        return Err(AppError::Conflict(
            "this request was already answered, and the secret in its answer is shown only once"
                .into(),
        ));
    }
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    Ok(response)
}

/// A digest of what makes two requests the same.
fn request_hash(method: &Method, path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    for part in [
        method.as_str().as_bytes(),
        b" ",
        path.as_bytes(),
        b"\n",
        body,
    ] {
        h.update(part);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
