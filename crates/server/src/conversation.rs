//! From stored messages to the conversation the coach reads, and the analysis a new inbound
//! message gets in its context.
//!
//! Coaching looks at the latest [`WINDOW`] messages of a case: the recent course of the
//! conversation, and a bound on the work a long case costs per message (the case itself keeps
//! its peak hostility and highest boundary step over the whole history).

use chrono::{DateTime, Utc};
use defuse_core::coach::{Analysed, Conversation, Role, Timestamp, Turn, UtcOffset};
use defuse_core::{Analysis, Analyzer, Input};
use defuse_storage::{Direction, Message, Store};
use defuse_wire::AnalysisDto;

use crate::error::{AppError, AppResult};

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

/// `conversation` (made from `messages`, maybe with new turns after them) with an analysis of
/// every client turn: the one stored with its message when it can be read, a fresh one otherwise
/// (new turns, or messages stored by a version whose names this one does not know).
pub fn analysed<'c>(
    conversation: &'c Conversation,
    messages: &[Message],
    analyzer: &Analyzer,
) -> Analysed<'c> {
    let mut stored = messages
        .iter()
        .filter(|m| m.direction != Direction::InternalNote)
        .map(|m| m.analysis_json.as_deref());
    let mut prev_agent: Option<&str> = None;
    let analyses = conversation
        .turns
        .iter()
        .map(|turn| {
            let saved = stored.next().flatten();
            match turn.role {
                Role::Agent => {
                    prev_agent = Some(&turn.text);
                    None
                }
                Role::Client => Some(
                    saved
                        .and_then(|json| restore(json, &turn.text, analyzer))
                        .unwrap_or_else(|| {
                            let input = Input::new(&turn.text);
                            analyzer.analyze(&prev_agent.map_or(input, |c| input.with_context(c)))
                        }),
                ),
            }
        })
        .collect();
    Analysed::from_parts(conversation, analyses)
}

fn restore(json: &str, text: &str, analyzer: &Analyzer) -> Option<Analysis> {
    serde_json::from_str::<AnalysisDto>(json)
        .ok()?
        .to_analysis(text.len(), analyzer.model_version())
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
    raw.map_or(Ok(UtcOffset::UTC), |s| {
        UtcOffset::parse(s).map_err(|e| AppError::invalid("utc_offset", e.to_string()))
    })
}
