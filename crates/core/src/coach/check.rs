//! The pre-send check of an agent's draft: what would make it land badly, where, and what to
//! write instead.
//!
//! Phrase findings come from the lists in `tone`; the rest look at the draft as a
//! whole (no acknowledgement while the client is upset, no next step, promises without a time
//! or against the policy, too many apologies). A finding about something missing has an empty
//! span at 0.

use super::conversation::{Analysed, Timestamp, UtcOffset};
use super::forbidden;
use super::lists;
use super::moves::{self, Move};
use super::phrases::sentence_around;
use super::plan::upset;
use super::policy::Policy;
use super::promises::promises;
use super::tone::{self, Kind};
use super::when::{self, Due};

/// One thing to fix in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// Byte span in the draft; empty (0..0) when something is missing rather than wrong.
    pub start: usize,
    pub end: usize,
    pub message: String,
    /// What to write instead (or add).
    pub rewrite: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Send,
    Revise,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Send => "send",
            Verdict::Revise => "revise",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyCheck {
    /// In draft order; missing-move findings last.
    pub findings: Vec<Finding>,
    /// 100 for a draft with nothing to fix, lower by each finding's weight.
    pub score: u8,
    /// `Revise` whenever there is a finding.
    pub verdict: Verdict,
    /// The commitments the draft makes, for follow-up.
    pub promises: Vec<super::promises::Promise>,
}

/// Checks `draft` as the agent's next reply in `analysed`, sent at `sent_at`.
pub fn check(
    draft: &str,
    analysed: &Analysed<'_>,
    policy: &Policy,
    sent_at: Timestamp,
) -> ReplyCheck {
    let offset = analysed.conversation.offset;
    let mut findings = tone::findings(draft, policy);
    let promised = promises(draft, sent_at, offset);
    let any_timed = promised.iter().any(|p| p.due.is_some())
        || when::find(draft, sent_at, offset).is_some_and(|t| matches!(t.due, Due::At(_)));
    for p in &promised {
        if p.vague {
            let words = p.when.as_deref().unwrap_or_default();
            let start = draft[p.start..p.end]
                .find(words)
                .map_or(p.start, |i| p.start + i);
            findings.push(Finding {
                kind: Kind::VaguePromise,
                start,
                end: start + words.len(),
                message: Kind::VaguePromise.message().into(),
                rewrite: "by <a time you can keep, e.g. 3pm today>".into(),
            });
            continue;
        }
        // A promise on a condition may never fall due; and once the draft gives the client a
        // firm time somewhere, a further untimed promise ("I'll also send the form") is not flagged.
        if p.due.is_none() && !p.conditional && !any_timed {
            findings.push(Finding {
                kind: Kind::PromiseWithoutTime,
                start: p.start,
                end: p.end,
                message: "a commitment without a time: the client cannot tell when to expect it"
                    .into(),
                rewrite: format!(
                    "{} by <a time you can keep, e.g. 3pm today>",
                    draft[p.start..p.end].trim_end_matches(['.', '!'])
                ),
            });
        }
    }
    findings.extend(forbidden::forbidden_promises(
        draft, policy, sent_at, offset,
    ));
    findings.sort_by_key(|f| (f.start, f.end));
    findings.dedup_by(|a, b| a.kind == b.kind && a.start < b.end && b.start < a.end);

    let made = moves::detect(draft, sent_at, offset);
    let has = |m: Move| made.iter().any(|h| h.kind == m);
    let client_upset = analysed.last_client().is_some_and(|(_, _, a)| upset(a));
    if client_upset && !has(Move::Acknowledge) && !has(Move::Apologise) && !has(Move::Boundary) {
        findings.push(missing(Kind::NoAcknowledgement, "the client is upset and the draft does not acknowledge it", "Open by naming how this feels for them, e.g. \"I can see how frustrating this has been.\""));
    }
    let asks = draft.contains('?');
    if !has(Move::NextStep)
        && !asks
        && !offers_a_time(draft, sent_at, offset)
        && !has(Move::Options)
        && !has(Move::Boundary)
        && !reports_done(draft)
    {
        findings.push(missing(
            Kind::NoNextStep,
            "no concrete next step: the client does not know what happens now",
            "End with what you will do and when, e.g. \"I'll update you by 3pm today.\"",
        ));
    }
    let score = findings
        .iter()
        .fold(100u8, |s, f| s.saturating_sub(f.kind.weight()));
    let verdict = if findings.is_empty() {
        Verdict::Send
    } else {
        Verdict::Revise
    };
    ReplyCheck {
        findings,
        score,
        verdict,
        promises: promised,
    }
}

fn missing(kind: Kind, message: &str, rewrite: &str) -> Finding {
    Finding {
        kind,
        start: 0,
        end: 0,
        message: message.into(),
        rewrite: rewrite.into(),
    }
}

/// The draft reports something already done ("I've issued the refund", "it has been sent").
fn reports_done(draft: &str) -> bool {
    let lower = draft.to_lowercase().replace('’', "'");
    [
        "i've ",
        "i have ",
        "we've ",
        "we have ",
        "has been ",
        "have been ",
        "is now ",
        "i've already ",
        "i have already ",
    ]
    .iter()
    .any(|lead| {
        lower.match_indices(lead).any(|(i, _)| {
            lists::words("done")
                .iter()
                .any(|d| lower[i + lead.len()..].starts_with(d))
        })
    })
}

/// An offer or a plan with a firm time ("I can send you the breakdown in the next 10 minutes",
/// "an officer will call you by noon tomorrow").
fn offers_a_time(draft: &str, sent_at: Timestamp, offset: UtcOffset) -> bool {
    let lower = draft.to_lowercase();
    ["i can ", "we can ", " will "].iter().any(|offer| {
        lower.match_indices(offer).any(|(i, _)| {
            let (s, e) = sentence_around(draft, i);
            when::find(&draft[s..e], sent_at, offset).is_some_and(|t| matches!(t.due, Due::At(_)))
        })
    })
}
