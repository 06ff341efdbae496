//! Storing the exchange with a client: an inbound message is analysed in its conversation,
//! stored with its analysis, updates the case (and records a boundary event when it crosses
//! one, and escalates the case when it threatens someone's safety) and yields coaching; an
//! outbound one is checked, its promises become follow-ups, and its author takes the case when
//! nobody had it.
//!
//! The API and the demo seeding both go through here, so sample cases are made exactly as real ones.
//! Every body is masked first (card numbers, IBANs, passwords; see `defuse_core::secrets`) when
//! the settings ask for it, so that what is analysed, stored and shown is the masked text.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use defuse_core::coach::{self, Analysed, UtcOffset};
use defuse_core::{Analysis, Cause};
use defuse_storage::{
    Case, CaseSignals, Direction, FollowUp, Message, MessageEffects, NewAuditEntry,
    NewBoundaryEvent, NewMessage, NewMessageSource, NewPromise,
};
use defuse_wire::{AnalysisDto, CoachingDto, ReplyCheckDto};
use serde::{Deserialize, Serialize};

use crate::audit::Entry;
use crate::conversation::{self, recent_messages};
use crate::error::{AppError, AppResult};
use crate::safety;
use crate::state::AppState;

/// Causes at least this likely become the case's main causes.
const MAIN_CAUSE_SCORE: f32 = 0.5;
/// How many main causes a case keeps.
const MAIN_CAUSES: usize = 3;

/// One message to store on a case.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub body: &'a str,
    /// `None`: the case's channel.
    pub channel: Option<&'a str>,
    pub at: DateTime<Utc>,
    /// For reading "tomorrow" and "Friday" in promises.
    pub offset: UtcOffset,
    /// Who stored it: the audit-log line, written in the message's own transaction. `None`
    /// (seeding the demo) writes none.
    pub recorded_by: Option<i64>,
    /// The sending system's id of the message (see `Message::external_id`).
    pub external_id: Option<&'a str>,
    /// For a message that came in from another system: how it came in (kept beside it, in
    /// the same write).
    pub source: Option<&'a NewMessageSource>,
}

pub struct Received {
    pub message: Message,
    pub analysis: AnalysisDto,
    pub coaching: CoachingDto,
    /// The case after the message: derived fields brought up to date (as the store derives them,
    /// without reading the case again).
    pub case: Case,
}

pub struct Replied {
    pub message: Message,
    pub check: ReplyCheckDto,
    pub follow_ups: Vec<FollowUp>,
}

/// Stores a client message on `case`, with its analysis and the coaching for the reply.
pub async fn receive(state: &AppState, case: &Case, text: Text<'_>) -> AppResult<Received> {
    let masked_body = masked(state, text.body);
    let text = Text {
        body: &masked_body,
        ..text
    };
    let history = recent_messages(state.store.as_ref(), case.id).await?;
    let conversation = conversation::with_turn(
        conversation::conversation(&history, text.offset),
        Direction::Inbound,
        text.body,
        text.at,
    );
    let last = conversation.turns.len() - 1;
    let (analyzer, policy) = (Arc::clone(&state.analyzer), Arc::clone(&state.policy));
    let (analysis, coaching) = state
        .compute
        .run(move || {
            let analyses = conversation::analyses(&conversation, &history, &analyzer);
            let analysed = Analysed::from_parts(&conversation, analyses);
            let coaching = coach::coach_analysed(&analysed, &policy);
            let coaching = CoachingDto::new(&coaching, &conversation);
            let mut analyses = analysed.analyses;
            analyses
                .pop()
                .flatten()
                .map(|analysis| (analysis, coaching))
        })
        .await?
        .ok_or_else(|| anyhow::anyhow!("the new client turn was not analysed"))?;
    let analysis = &analysis;
    let dto = AnalysisDto::new(None, text.body, analysis);
    let signals = CaseSignals {
        hostility: f64::from(analysis.hostility),
        main_causes: main_causes(analysis, case),
        safety: safety::threatens(analysis),
    };
    // The case as the store derives it, without reading it back.
    let mut updated = case.clone();
    updated.latest_hostility = signals.hostility;
    updated.peak_hostility = updated.peak_hostility.max(signals.hostility);
    updated.main_causes.clone_from(&signals.main_causes);
    let threatened = signals.safety;
    let source = text.source.map(|source| {
        crate::helpdesk::with_note_text(source, &state.settings, case.id, &dto, &coaching)
    });
    let effects = MessageEffects {
        case_signals: Some(signals),
        audit: audit_line("message.inbound", case, text),
        source,
        ..MessageEffects::default()
    };
    let json = serde_json::to_string(&dto).map_err(anyhow::Error::from)?;
    let new = new_message(
        case,
        Direction::Inbound,
        None,
        text,
        Some(json),
        Some(analysis.model_version),
    );
    let posted = state.store.add_message(new, effects).await?;
    if coaching.boundary.crossed_last_turn {
        let crossings: Vec<_> = coaching
            .boundary
            .crossings
            .iter()
            .filter(|c| c.turn == last)
            .collect();
        let evidence =
            serde_json::json!({ "step": coaching.boundary.name, "crossings": crossings });
        let event = NewBoundaryEvent {
            case_id: case.id,
            step: i32::from(coaching.boundary.step),
            message_id: Some(posted.message.id),
            evidence_json: evidence.to_string(),
            at: text.at,
        };
        state.store.add_boundary_event(event).await?;
        updated.boundary_step = updated.boundary_step.max(i32::from(coaching.boundary.step));
    }
    if threatened {
        let message_id = posted.message.id;
        if let Some(e) =
            safety::escalate(state, case, message_id, text.at, text.recorded_by).await?
        {
            safety::escalated(&mut updated, &e);
        }
        updated.safety_at = updated.safety_at.or(Some(posted.message.at));
    }
    Ok(Received {
        message: posted.message,
        analysis: dto,
        coaching,
        case: updated,
    })
}

/// What is stored beside an agent's reply (`analysis_json`): the check of what was sent.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredCheck {
    pub check: ReplyCheckDto,
}

/// Stores an agent's reply on `case` with its check; each unconditional promise becomes an open
/// follow-up owned by `author`, and `author` takes the case if it had no assignee. The draft is
/// checked against the policy for the author's role.
pub async fn reply(
    state: &AppState,
    case: &Case,
    author: i64,
    text: Text<'_>,
) -> AppResult<Replied> {
    let masked_body = masked(state, text.body);
    let text = Text {
        body: &masked_body,
        ..text
    };
    let history = recent_messages(state.store.as_ref(), case.id).await?;
    let conversation = conversation::conversation(&history, text.offset);
    let role = state.store.user(author).await?.role;
    let (analyzer, policy) = (Arc::clone(&state.analyzer), state.policy_for(role));
    let (body, sent_at, offset) = (
        text.body.to_owned(),
        conversation::timestamp(text.at),
        text.offset,
    );
    let (check, dto) = state
        .compute
        .run(move || {
            let analyses = conversation::analyses(&conversation, &history, &analyzer);
            let analysed = Analysed::from_parts(&conversation, analyses);
            let check = coach::check_reply_analysed(&body, &analysed, &policy, sent_at)?;
            let dto = ReplyCheckDto::new(&check, &body, offset);
            Ok((check, dto))
        })
        .await?
        .map_err(|e: coach::CheckError| AppError::invalid("body", e.to_string()))?;
    // A conditional promise may never fall due, so it is not scheduled.
    let promises = check
        .promises
        .iter()
        .filter(|p| !p.conditional)
        .map(|p| NewPromise {
            what: p.action.clone(),
            due_at: p.due.and_then(conversation::utc),
            owner_id: Some(author),
            span: Some((p.start as i64, p.end as i64)),
            date_only: p.day_only && p.due.is_some(),
        })
        .collect();
    let stored = serde_json::to_string(&StoredCheck { check: dto.clone() })
        .map_err(|e| AppError::Internal(e.into()))?;
    let new = new_message(
        case,
        Direction::Outbound,
        Some(author),
        text,
        Some(stored),
        None,
    );
    let posted = state
        .store
        .add_message(
            new,
            MessageEffects {
                promises,
                audit: audit_line("message.outbound", case, text),
                assign_if_unassigned: Some(author),
                source: text.source.cloned(),
                ..MessageEffects::default()
            },
        )
        .await?;
    Ok(Replied {
        message: posted.message,
        check: dto,
        follow_ups: posted.follow_ups,
    })
}

/// Stores a note between colleagues: not analysed, not part of the conversation.
pub async fn note(
    state: &AppState,
    case: &Case,
    author: i64,
    text: Text<'_>,
) -> AppResult<Message> {
    let masked_body = masked(state, text.body);
    let text = Text {
        body: &masked_body,
        ..text
    };
    let new = new_message(
        case,
        Direction::InternalNote,
        Some(author),
        text,
        None,
        None,
    );
    let effects = MessageEffects {
        audit: audit_line("message.note", case, text),
        source: text.source.cloned(),
        ..MessageEffects::default()
    };
    Ok(state.store.add_message(new, effects).await?.message)
}

/// `body` with its secrets masked, when the settings ask for it.
fn masked<'a>(state: &AppState, body: &'a str) -> Cow<'a, str> {
    if state.settings.privacy.mask_secrets {
        Cow::Owned(defuse_core::secrets::mask_secrets(body))
    } else {
        Cow::Borrowed(body)
    }
}

/// The audit-log line for storing `text` on `case`, when someone is recorded as storing it (the
/// store fills in the new message's id).
fn audit_line(action: &str, case: &Case, text: Text<'_>) -> Option<NewAuditEntry> {
    text.recorded_by.map(|actor| {
        Entry {
            actor: Some(actor),
            action,
            kind: "message",
            id: None,
            detail: format!("case {}", case.id),
        }
        .stamped()
    })
}

fn new_message(
    case: &Case,
    direction: Direction,
    author: Option<i64>,
    text: Text<'_>,
    analysis_json: Option<String>,
    model: Option<&str>,
) -> NewMessage {
    NewMessage {
        case_id: case.id,
        direction,
        author_id: author,
        channel: text.channel.unwrap_or(&case.channel).to_owned(),
        body: text.body.to_owned(),
        at: text.at,
        analysis_json,
        model_version: model.map(str::to_owned),
        external_id: text.external_id.map(str::to_owned),
    }
}

/// The new message's likely causes first, then the case's earlier ones, at most [`MAIN_CAUSES`].
fn main_causes(analysis: &Analysis, case: &Case) -> Vec<String> {
    let fresh = analysis
        .causes
        .iter()
        .filter(|c| c.score >= MAIN_CAUSE_SCORE)
        .map(|c| c.cause.as_str().to_owned());
    let mut out: Vec<String> = Vec::new();
    for cause in fresh.chain(
        case.main_causes
            .iter()
            .filter(|c| Cause::parse(c).is_some())
            .cloned(),
    ) {
        if !out.contains(&cause) && out.len() < MAIN_CAUSES {
            out.push(cause);
        }
    }
    out
}
