//! Coaching the agent's reply: the next moves, boundaries, the pre-send draft check, promises
//! and the course of a conversation.
//!
//! Everything here is pure. Times come in as [`Timestamp`]s (unix seconds) with a fixed
//! [`UtcOffset`] for local days; nothing reads a clock.
//!
//! # Layout
//! - [`conversation`]: turns, roles, times, and [`Analysed`] (a conversation with its analyses); [`transcript`]: reading a plain `Client:`/`Agent:` transcript.
//! - [`policy`]: the boundary and promise policy, read from TOML (default: `data/policy.default.toml`).
//! - [`boundary`] and `warnings`: the step the next reply takes, counted from the warnings the
//!   agent actually gave and the severity of what crossed.
//! - [`course`]: per-turn hostility and emotions, the trend, and the moves each agent turn made.
//! - [`moves`]: the playbook [`Move`]s and finding them in agent text.
//! - [`promises()`](promises::promises), [`when`] and `calendar`: commitments in the agent's words and their due times.
//! - [`situation`]: vulnerability, urgency, a failure of ours and the domain, with evidence;
//!   [`story`]: the cause behind the conversation as a whole.
//! - `plan` (its rules read a `ctx`), `specifics`, `wording`, `timing` and `reply`: choosing the moves, filling their
//!   wordings, timing the next step, and composing the suggested reply; `closing`: whether the
//!   client's latest message leaves anything open for a next step.
//! - [`check`], `tone` and `substance`: the draft check (wording, and what the draft does).
//! - `lists`: the phrase lists and wordings, kept as text in `coach/data/`.
//!
//! ```
//! use defuse_core::coach::{Conversation, Policy, Timestamp, UtcOffset, promises};
//! let p = promises("I'll call you back tomorrow afternoon.", Timestamp(1_772_442_000), UtcOffset::UTC);
//! assert_eq!(p[0].action, "call you back");
//! assert!(p[0].due.is_some());
//! ```

mod addressed;
pub mod boundary;
mod calendar;
pub mod check;
mod closing;
pub mod conversation;
pub mod course;
mod ctx;
mod forbidden;
mod lists;
pub mod moves;
mod note;
mod phrases;
mod plan;
pub mod policy;
pub mod promises;
mod reply;
pub mod situation;
mod specifics;
pub mod story;
mod subject;
mod substance;
mod timing;
mod tone;
pub mod transcript;
mod warnings;
pub mod when;
mod wording;

pub use boundary::{Boundary, Crossing, Lowering, Step};
pub use check::{CheckError, Finding, MAX_DRAFT_BYTES, ReplyCheck, Verdict};
pub use conversation::{Analysed, Conversation, Role, TimeError, Timestamp, Turn, UtcOffset};
pub use course::{Course, Trend, TurnCourse};
pub use moves::{Move, MoveHit};
pub use plan::{Advice, Why};
pub use policy::{FinalStep, Forbidden, Policy, PolicyError, Severity};
pub use promises::{Promise, promises};
pub use situation::{Domain, Family, Situation, Urgency};
pub use story::{StoryCause, TurnSpan};
pub use tone::Kind as FindingKind;
pub use transcript::TranscriptError;

use crate::analyze::Analyzer;
use crate::types::Language;

/// Advice for the agent's next reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Coaching {
    /// The moves to make, in order, each with its evidence and wordings.
    pub moves: Vec<Advice>,
    /// One message composed from the moves, to start the reply from, with what the agent found
    /// ([`Conversation::found`]) in their own words; the rest of it passes the draft check.
    pub suggested_reply: Option<String>,
    /// The latest client message is not in English, which every wording is written in: no moves
    /// and no reply are offered for it.
    pub unsupported_language: bool,
    /// What is happening to the client: vulnerability, urgency, the domain.
    pub situation: Situation,
    /// Where the conversation stands against the policy.
    pub boundary: Boundary,
    pub course: Course,
}

/// Analyses the client turns of `conversation` and coaches the agent's next reply.
pub fn coach(conversation: &Conversation, policy: &Policy, analyzer: &Analyzer) -> Coaching {
    coach_analysed(&Analysed::new(conversation, analyzer), policy)
}

/// [`coach`] over analyses made elsewhere.
pub fn coach_analysed(analysed: &Analysed<'_>, policy: &Policy) -> Coaching {
    let course = course::course(analysed);
    let boundary = boundary::assess(analysed, policy);
    let situation = Situation::gather(analysed);
    let unsupported_language = analysed
        .last_client()
        .is_some_and(|(_, _, a)| a.language == Language::Other);
    let (moves, suggested_reply) = if unsupported_language {
        (Vec::new(), None)
    } else {
        reply::advise(analysed, policy, &course, &boundary, &situation)
    };
    Coaching {
        moves,
        suggested_reply,
        unsupported_language,
        situation,
        boundary,
        course,
    }
}

/// Checks `draft` as the agent's next reply, to be sent at `sent_at`; an empty or oversized
/// draft is an error.
pub fn check_reply(
    draft: &str,
    conversation: &Conversation,
    policy: &Policy,
    analyzer: &Analyzer,
    sent_at: Timestamp,
) -> Result<ReplyCheck, CheckError> {
    check::check(
        draft,
        &Analysed::new(conversation, analyzer),
        policy,
        sent_at,
    )
}

/// [`check_reply`] over analyses made elsewhere.
pub fn check_reply_analysed(
    draft: &str,
    analysed: &Analysed<'_>,
    policy: &Policy,
    sent_at: Timestamp,
) -> Result<ReplyCheck, CheckError> {
    check::check(draft, analysed, policy, sent_at)
}
