//! Messages of a case: list them, post a client message (analysed, with coaching back), an
//! agent reply (checked, promises become follow-ups) or an internal note. The work itself is
//! in [`crate::exchange`].

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use defuse_storage::Case;
use defuse_wire::{AnalysisDto, CoachingDto, ReplyCheckDto};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{PageQuery, required};
use crate::auth::Caller;
use crate::auth::access::case_in_scope;
use crate::conversation::parse_offset;
use crate::dto::{CaseOut, FollowUpOut, MessageOut, PageOut};
use crate::error::AppResult;
use crate::exchange::{self, Text};
use crate::idempotency;
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_messages))
        .routes(routes!(post_inbound))
        .routes(routes!(post_outbound))
        .routes(routes!(post_note))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageIn {
    /// Exactly as received or sent.
    pub body: String,
    /// Defaults to the case's channel.
    pub channel: Option<String>,
    /// When it was received or sent; defaults to now.
    pub at: Option<DateTime<Utc>>,
    /// UTC offset of the client's local time (`+01:00`), for reading "tomorrow" in promises. Default UTC.
    pub utc_offset: Option<String>,
    /// The sending system's own id of the message, unique per case: sent again, the message
    /// is refused with 409 instead of stored twice.
    pub external_id: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InboundOut {
    pub message: MessageOut,
    pub analysis: AnalysisDto,
    /// What to do in the reply.
    pub coaching: CoachingDto,
    /// The case with its derived fields brought up to date.
    pub case: CaseOut,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutboundOut {
    pub message: MessageOut,
    pub check: ReplyCheckDto,
    /// One open follow-up per promise the message makes.
    pub follow_ups: Vec<FollowUpOut>,
}

#[utoipa::path(get, path = "/cases/{id}/messages", tag = "messages", params(("id" = i64, Path), PageQuery), responses((status = 200, body = PageOut<MessageOut>)))]
pub async fn list_messages(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<MessageOut>>> {
    case_in_scope(&state, &caller, id).await?;
    let paging = page.paging()?;
    Ok(ApiJson(PageOut::new(
        state.store.list_messages(id, paging).await?,
        paging,
        MessageOut::from,
    )))
}

/// Stores a client message, analyses it and coaches the reply.
#[utoipa::path(post, path = "/cases/{id}/messages/inbound", tag = "messages", params(("id" = i64, Path)), request_body = MessageIn, responses((status = 201, body = InboundOut)))]
pub async fn post_inbound(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<MessageIn>,
) -> AppResult<(StatusCode, ApiJson<InboundOut>)> {
    let case = writable(&state, &caller, id, &body).await?;
    let key = idempotency::key_of(&headers)?;
    let r = exchange::receive(&state, &case, text(&body, &caller, key.as_deref())?).await?;
    let out = InboundOut {
        message: r.message.into(),
        analysis: r.analysis,
        coaching: r.coaching,
        case: r.case.into(),
    };
    Ok((StatusCode::CREATED, ApiJson(out)))
}

/// Stores an agent's reply with its check; each promise in it becomes a follow-up.
#[utoipa::path(post, path = "/cases/{id}/messages/outbound", tag = "messages", params(("id" = i64, Path)), request_body = MessageIn, responses((status = 201, body = OutboundOut)))]
pub async fn post_outbound(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<MessageIn>,
) -> AppResult<(StatusCode, ApiJson<OutboundOut>)> {
    let case = writable(&state, &caller, id, &body).await?;
    let key = idempotency::key_of(&headers)?;
    let r = exchange::reply(
        &state,
        &case,
        caller.id(),
        text(&body, &caller, key.as_deref())?,
    )
    .await?;
    let out = OutboundOut {
        message: r.message.into(),
        check: r.check,
        follow_ups: r.follow_ups.into_iter().map(FollowUpOut::from).collect(),
    };
    Ok((StatusCode::CREATED, ApiJson(out)))
}

/// Stores a note between colleagues; the client never sees it and it is not analysed.
#[utoipa::path(post, path = "/cases/{id}/notes", tag = "messages", params(("id" = i64, Path)), request_body = MessageIn, responses((status = 201, body = MessageOut)))]
pub async fn post_note(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<MessageIn>,
) -> AppResult<(StatusCode, ApiJson<MessageOut>)> {
    let case = writable(&state, &caller, id, &body).await?;
    let key = idempotency::key_of(&headers)?;
    let message = exchange::note(
        &state,
        &case,
        caller.id(),
        text(&body, &caller, key.as_deref())?,
    )
    .await?;
    Ok((StatusCode::CREATED, ApiJson(message.into())))
}

/// The case, if the caller may work it and the body says something.
async fn writable(state: &AppState, caller: &Caller, id: i64, body: &MessageIn) -> AppResult<Case> {
    let case = case_in_scope(state, caller, id).await?;
    required("body", &body.body)?;
    Ok(case)
}

/// The message of `body`; without an `external_id`, the request's `Idempotency-Key` stands in,
/// so that a retry after a lost answer cannot store the message twice.
fn text<'a>(body: &'a MessageIn, caller: &Caller, key: Option<&'a str>) -> AppResult<Text<'a>> {
    Ok(Text {
        body: &body.body,
        channel: body.channel.as_deref(),
        at: body.at.unwrap_or_else(Utc::now),
        offset: parse_offset(body.utc_offset.as_deref())?,
        recorded_by: Some(caller.id()),
        external_id: body.external_id.as_deref().or(key),
        source: None,
    })
}
