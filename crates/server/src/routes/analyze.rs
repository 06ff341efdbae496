//! Stateless analysis for integrations that keep their own records: analyse a message, coach a
//! conversation, check a draft. Nothing is stored; a signed-in caller is still required.

use std::sync::Arc;

use axum::extract::State;
use chrono::{DateTime, Utc};
use defuse_core::Input;
use defuse_core::coach::{self, Conversation, Role, Turn};
use defuse_wire::{AnalysisDto, CoachingDto, ReplyCheckDto};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::conversation::{parse_offset, timestamp};
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
pub struct TurnIn {
    /// `client` or `agent`.
    pub role: String,
    pub text: String,
    /// Defaults to now.
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoachIn {
    /// The conversation so far, oldest first.
    pub turns: Vec<TurnIn>,
    /// `+01:00`; default UTC.
    pub utc_offset: Option<String>,
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

#[utoipa::path(post, path = "/coach", tag = "analysis", request_body = CoachIn,
    responses((status = 200, body = CoachingDto), (status = 503, body = crate::error::ErrorBody)))]
pub async fn coach_reply(
    State(state): State<AppState>,
    _caller: Caller,
    ApiJson(body): ApiJson<CoachIn>,
) -> AppResult<ApiJson<CoachingDto>> {
    let conversation = read_conversation(body.turns, body.utc_offset.as_deref())?;
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
    let conversation = read_conversation(body.turns, body.utc_offset.as_deref())?;
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

fn read_conversation(turns: Vec<TurnIn>, offset: Option<&str>) -> AppResult<Conversation> {
    let offset = parse_offset(offset)?;
    let now = Utc::now();
    let turns = turns
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let role = Role::parse(&t.role).ok_or_else(|| {
                AppError::invalid(format!("turns[{i}].role"), "use client or agent")
            })?;
            Ok(Turn {
                role,
                text: t.text,
                at: timestamp(t.at.unwrap_or(now)),
            })
        })
        .collect::<AppResult<Vec<Turn>>>()?;
    Ok(Conversation::new(turns, offset))
}
