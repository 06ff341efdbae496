//! From stored messages to the conversation the coach reads, and the analysis a new inbound
//! message gets in its context.
//!
//! Coaching looks at the latest [`WINDOW`] messages of a case: the recent course of the
//! conversation, and a bound on the work a long case costs per message (the case itself keeps
//! its peak hostility and highest boundary step over the whole history).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use defuse_core::coach::{self, Analysed, Conversation, Role, Timestamp, Turn, UtcOffset};
use defuse_core::{Analysis, Analyzer};
use defuse_storage::{Direction, Message, Store};
use defuse_wire::{AnalysisDto, CoachingDto};

use crate::error::AppResult;
use crate::state::AppState;

/// How many of a case's latest messages the coach sees.
pub const WINDOW: i64 = 20;

/// The latest [`WINDOW`] messages of a case, oldest first.
pub async fn recent_messages(store: &dyn Store, case_id: i64) -> AppResult<Vec<Message>> {
    Ok(store.latest_messages(case_id, WINDOW).await?)
}

/// The client and agent turns among `messages` (internal notes are not part of the conversation).
pub fn conversation(messages: &[Message], offset: UtcOffset) -> Conversation {
    let turns = messages
        .iter()
        .filter_map(|m| turn(m.direction, &m.body, m.at))
        .collect();
    Conversation::new(turns, offset)
}

/// `conversation` with one more turn at the end.
pub fn with_turn(
    mut conversation: Conversation,
    direction: Direction,
    body: &str,
    at: DateTime<Utc>,
) -> Conversation {
    conversation.turns.extend(turn(direction, body, at));
    conversation
}

/// An analysis of every client turn of `conversation` (made from `messages`, maybe with new
/// turns after them): the one stored with its message when it can be read, a fresh one otherwise
/// (new turns, or messages stored by a version whose names this one does not know). CPU work:
/// run it in [`crate::compute`].
pub fn analyses(
    conversation: &Conversation,
    messages: &[Message],
    analyzer: &Analyzer,
) -> Vec<Option<Analysis>> {
    let mut stored = stored_analyses(conversation, messages, analyzer.model_version());
    conversation.each_client(|i, input| stored[i].take().or_else(|| Some(analyzer.analyze(input))))
}

/// The analyses stored with the client turns of `conversation` (made from `messages`), without
/// analysing anything: `None` for agent turns, new turns and analyses that cannot be read.
pub fn stored_analyses(
    conversation: &Conversation,
    messages: &[Message],
    model_version: &'static str,
) -> Vec<Option<Analysis>> {
    let mut stored = messages
        .iter()
        .filter(|m| m.direction != Direction::InternalNote)
        .map(|m| m.analysis_json.as_deref());
    conversation
        .turns
        .iter()
        .map(|turn| {
            let saved = stored.next().flatten();
            match turn.role {
                Role::Agent => None,
                Role::Client => saved.and_then(|json| restore(json, &turn.text, model_version)),
            }
        })
        .collect()
}

/// The coaching for the next reply after `messages` (a case's latest, oldest first), from their
/// stored analyses alone, with what the agent `found` for the suggested reply: a page never
/// analyses, and a client turn whose analysis cannot be read is left out of the coaching. Run in
/// the compute pool.
pub async fn stored_coaching(
    state: &AppState,
    messages: &[Message],
    offset: UtcOffset,
    found: Vec<String>,
) -> AppResult<CoachingDto> {
    let talk = conversation(messages, offset).with_found(found);
    let analyses = stored_analyses(&talk, messages, state.analyzer.model_version());
    let policy = Arc::clone(&state.policy);
    state
        .compute
        .run(move || {
            let coaching = coach::coach_analysed(&Analysed::from_parts(&talk, analyses), &policy);
            CoachingDto::new(&coaching, &talk)
        })
        .await
}

fn restore(json: &str, text: &str, model_version: &'static str) -> Option<Analysis> {
    serde_json::from_str::<AnalysisDto>(json)
        .ok()?
        .to_analysis(text.len(), model_version)
}

fn turn(direction: Direction, body: &str, at: DateTime<Utc>) -> Option<Turn> {
    let role = match direction {
        Direction::Inbound => Role::Client,
        Direction::Outbound => Role::Agent,
        Direction::InternalNote => return None,
    };
    Some(Turn {
        role,
        text: body.to_owned(),
        at: timestamp(at),
    })
}

pub fn timestamp(at: DateTime<Utc>) -> Timestamp {
    Timestamp(at.timestamp())
}

/// The UTC time of a core timestamp.
pub fn utc(t: Timestamp) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.0, 0)
}

/// Reads a client-sent UTC offset (`+01:00`, `Z`); UTC when absent.
pub fn parse_offset(raw: Option<&str>) -> AppResult<UtcOffset> {
    Ok(defuse_wire::conversation::offset(raw, None)?)
}
