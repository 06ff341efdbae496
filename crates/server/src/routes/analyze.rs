//! Stateless analysis for integrations that keep their own records: analyse a message, coach a
//! conversation, check a draft. Nothing is stored; a signed-in caller is still required.

use std::sync::Arc;

use axum::extract::State;
use chrono::{DateTime, Utc};
use defuse_core::Input;
use defuse_core::coach::{self, Timestamp};
use defuse_wire::conversation;
use defuse_wire::{AnalysisDto, CoachingDto, ConversationIn, ReplyCheckDto, TurnIn};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::conversation::timestamp;
use crate::error::{AppError, AppResult};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(analyze))
        .routes(routes!(coach_reply))
        .routes(routes!(check_reply))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeIn {
    pub text: String,
    /// Echoed back.
    #[schema(value_type = Option<Object>)]
    pub id: Option<serde_json::Value>,
    /// The agent's previous message, when known.
    pub context: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    pub draft: String,
    /// The conversation the draft answers, oldest first.
    #[serde(default)]
    pub turns: Vec<TurnIn>,
    /// When the draft will be sent, for due times of its promises; default now.
    pub sent_at: Option<DateTime<Utc>>,
    pub utc_offset: Option<String>,
}

#[utoipa::path(post, path = "/analyze", tag = "analysis", request_body = AnalyzeIn,
    responses((status = 200, body = AnalysisDto), (status = 503, body = crate::error::ErrorBody)))]
pub async fn analyze(
    State(state): State<AppState>,
    _caller: Caller,
    ApiJson(body): ApiJson<AnalyzeIn>,
) -> AppResult<ApiJson<AnalysisDto>> {
    let analyzer = Arc::clone(&state.analyzer);
    let dto = state
        .compute
        .run(move || {
            let input = Input::new(&body.text);
            let input = body
                .context
                .as_deref()
                .map_or(input, |c| input.with_context(c));
            let analysis = analyzer.analyze(&input);
            AnalysisDto::new(body.id, &body.text, &analysis)
        })
        .await?;
    Ok(ApiJson(dto))
}

#[utoipa::path(post, path = "/coach", tag = "analysis", request_body = ConversationIn,
    responses((status = 200, body = CoachingDto), (status = 503, body = crate::error::ErrorBody)))]
pub async fn coach_reply(
    State(state): State<AppState>,
    _caller: Caller,
    ApiJson(body): ApiJson<ConversationIn>,
) -> AppResult<ApiJson<CoachingDto>> {
    let conversation = body.read(None, now())?;
    let (analyzer, policy) = (Arc::clone(&state.analyzer), Arc::clone(&state.policy));
    let dto = state
        .compute
        .run(move || {
            let coaching = coach::coach(&conversation, &policy, &analyzer);
            CoachingDto::new(&coaching, &conversation)
        })
        .await?;
    Ok(ApiJson(dto))
}

#[utoipa::path(post, path = "/check-reply", tag = "analysis", request_body = CheckIn,
    responses((status = 200, body = ReplyCheckDto), (status = 503, body = crate::error::ErrorBody)))]
pub async fn check_reply(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CheckIn>,
) -> AppResult<ApiJson<ReplyCheckDto>> {
    let offset = conversation::offset(body.utc_offset.as_deref(), None)?;
    let conversation = conversation::conversation(body.turns, offset, now())?;
    let sent_at = timestamp(body.sent_at.unwrap_or_else(Utc::now));
    let (analyzer, policy) = (Arc::clone(&state.analyzer), state.policy_for(caller.role()));
    let dto = state
        .compute
        .run(move || {
            let check =
                coach::check_reply(&body.draft, &conversation, &policy, &analyzer, sent_at)?;
            Ok(ReplyCheckDto::new(&check, &body.draft, conversation.offset))
        })
        .await?
        .map_err(|e: coach::CheckError| AppError::invalid("draft", e.to_string()))?;
    Ok(ApiJson(dto))
}

fn now() -> Timestamp {
    timestamp(Utc::now())
}
