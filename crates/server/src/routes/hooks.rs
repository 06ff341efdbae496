//! Webhooks in: `POST /hooks/{generic,chatwoot,zendesk,zammad}`. A delivery is authenticated by
//! its product's signature with the secret in the settings (not by an account), read by
//! `defuse-ingest`, and its message stored through [`crate::intake`]: once per external id,
//! however often it is delivered. A delivery that is unsigned, badly signed, stale or malformed
//! gets a 4xx naming the problem and stores nothing; an event without a message is acknowledged
//! and ignored. Each integration is held to a rate ([`crate::throttle`]): over it, 429.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use chrono::Utc;
use defuse_ingest::hooks::{self, Delivery, Event, HookError, Product};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, AppResult};
use crate::intake::{self, Outcome};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(receive))
}

/// What a delivery did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HookOut {
    /// `stored`, `noted` (an automatic message, kept unanalysed), `duplicate` or `ignored`.
    pub outcome: &'static str,
    pub case_id: Option<i64>,
    pub message_id: Option<i64>,
    /// For an ignored event: what it was.
    pub ignored: Option<String>,
}

/// Receives one delivery of a helpdesk's webhook.
#[utoipa::path(post, path = "/hooks/{product}", tag = "hooks", security(()),
    params(("product" = String, Path, description = "generic, chatwoot, zendesk or zammad")),
    request_body(content = String, content_type = "application/json", description = "the product's own payload"),
    responses((status = 200, body = HookOut), (status = 400, description = "malformed payload"),
        (status = 401, description = "unsigned, badly signed or stale"), (status = 404, description = "no such hook, or its secret is not set"),
        (status = 429, description = "over the integration's rate; see Retry-After")))]
pub async fn receive(
    State(state): State<AppState>,
    Path(product): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<ApiJson<HookOut>> {
    let product = Product::parse(&product).ok_or(AppError::NotFound("hook"))?;
    let secret = state
        .settings
        .hooks
        .secret(product)
        .ok_or(AppError::NotFound("hook"))?;
    if let Err(wait) = state.hook_throttle.take(product, Instant::now()) {
        let retry_after = wait.as_secs_f64().ceil().max(1.0) as u64;
        return Err(AppError::TooManyRequests { retry_after });
    }
    if body.len() > state.settings.hooks.body_limit {
        return Err(AppError::TooLarge);
    }
    let event = read(&state, product, secret, &headers, &body)?;
    let incoming = match event {
        Event::Message(incoming) => incoming,
        Event::Ignored(what) => {
            return Ok(ApiJson(HookOut {
                outcome: "ignored",
                case_id: None,
                message_id: None,
                ignored: Some(what),
            }));
        }
    };
    let intake = intake::settled(&state).await?;
    let outcome = intake::store(&state, &incoming, intake).await?;
    Ok(ApiJson(out(outcome)))
}

/// Checks and reads the delivery (before anything is awaited: the header reader is not `Send`).
fn read(
    state: &AppState,
    product: Product,
    secret: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> AppResult<Event> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let delivery = Delivery {
        body,
        header: &header,
        now: Utc::now().timestamp(),
        max_age: state.settings.hooks.max_age_seconds,
    };
    hooks::receive(product, secret.as_bytes(), &delivery).map_err(refused)
}

fn refused(e: HookError) -> AppError {
    match e {
        HookError::Malformed(what) => AppError::invalid("body", what),
        other => AppError::Unsigned(other.to_string()),
    }
}

fn out(outcome: Outcome) -> HookOut {
    let (outcome, case_id, message_id) = match outcome {
        Outcome::Stored {
            case_id,
            message_id,
        } => ("stored", case_id, Some(message_id)),
        Outcome::Noted {
            case_id,
            message_id,
        } => ("noted", case_id, Some(message_id)),
        Outcome::Duplicate { case_id } => ("duplicate", case_id, None),
    };
    HookOut {
        outcome,
        case_id: Some(case_id),
        message_id,
        ignored: None,
    }
}
