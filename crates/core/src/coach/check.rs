//! The pre-send check of an agent's draft: what would make it land badly, where, and what to
//! write instead.
//!
//! Phrase findings come from the lists in `tone`, and findings of substance (defending,
//! deflecting, stonewalling, talking down, ...) from the rules in `substance`; the rest look at
//! the draft as a whole (no acknowledgement while the client is upset, no next step while the
//! client's latest message leaves something open, promises without a time or against the
//! policy, too many apologies). A finding about something missing has an empty
//! span at 0.

use super::closing;
use super::conversation::{Analysed, Timestamp, UtcOffset};
use super::forbidden;
use super::lists;
use super::moves::{self, Move};
use super::note;
use super::phrases::{at_word_boundary, mentions_any, sentence_around, sentences};
use super::plan::upset;
use super::policy::Policy;
use super::promises::promises;
use super::situation::{Family, Situation, Urgency};
use super::substance::{self, Facts};
use super::tone::{self, Kind};
use super::when::{self, Due};
use crate::types::{Level, SignalKind};

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

/// What to do with the draft, from the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing to fix.
    Send,
    /// Fix the findings, then send.
    Revise,
    /// Do not send it as written: a finding would make things worse (see
    /// [`Kind::makes_it_worse`]), or so many faults that the score is under [`REWRITE_BELOW`].
    Rewrite,
}

/// A score under this asks for the draft to be written again.
pub const REWRITE_BELOW: u8 = 50;

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Send => "send",
            Verdict::Revise => "revise",
            Verdict::Rewrite => "rewrite",
        }
    }

    fn of(findings: &[Finding], score: u8) -> Verdict {
        if findings.is_empty() {
            Verdict::Send
        } else if score < REWRITE_BELOW || findings.iter().any(|f| f.kind.makes_it_worse()) {
            Verdict::Rewrite
        } else {
            Verdict::Revise
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

/// Longest draft the check reads: a reply several pages long is not a chat or email reply, and
/// the check's cost grows with it.
pub const MAX_DRAFT_BYTES: usize = 20 * 1024;

/// Why a draft cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// The draft is empty or only whitespace: there is nothing to check.
    Empty,
    /// The draft is longer than [`MAX_DRAFT_BYTES`].
    TooLong { bytes: usize },
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Empty => write!(f, "the draft is empty: write the reply you want checked"),
            CheckError::TooLong { bytes } => write!(
                f,
                "the draft is {bytes} bytes long; the check reads drafts of up to {MAX_DRAFT_BYTES} bytes"
            ),
        }
    }
}

impl std::error::Error for CheckError {}

/// Whether the clause of `draft` that leads up to byte `at` commits us ("I'll send it as soon
/// as possible"), rather than saying what someone else will do ("so the courier sends it out
/// as soon as possible").
fn our_own_promise(draft: &str, at: usize) -> bool {
    const OURS: &[&str] = &[
        "i'll",
        "i will",
        "we'll",
        "we will",
        "i'm going to",
        "we're going to",
        "i can",
        "we can",
    ];
    let (start, _) = sentence_around(draft, at);
    let before = &draft[start..at];
    let clause = [",", ";", " so ", " and ", " because "]
        .iter()
        .filter_map(|b| before.rfind(b).map(|i| i + b.len()))
        .max()
        .map_or(before, |i| &before[i..]);
    mentions_any(clause, OURS)
}

/// Whether every word of `caps` (a run of capitals in a draft) is one the client wrote in
/// capitals outside their own shouting: a term of theirs ("COPD", "HMRC"), said back as they
/// wrote it, raises no voice.
fn their_terms(caps: &str, analysed: &Analysed<'_>) -> bool {
    let client_wrote = |word: &str| {
        analysed.client_turns().any(|(_, turn, a)| {
            let shouted = |at: usize| {
                a.signals
                    .iter()
                    .any(|s| s.kind == SignalKind::Shouting && s.start <= at && at < s.end)
            };
            turn.text
                .match_indices(word)
                .any(|(at, _)| at_word_boundary(&turn.text, at, at + word.len()) && !shouted(at))
        })
    };
    let words: Vec<&str> = caps
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.into_iter().all(client_wrote)
}

/// Checks `draft` as the agent's next reply in `analysed`, sent at `sent_at`.
pub fn check(
    draft: &str,
    analysed: &Analysed<'_>,
    policy: &Policy,
    sent_at: Timestamp,
) -> Result<ReplyCheck, CheckError> {
    if draft.trim().is_empty() {
        return Err(CheckError::Empty);
    }
    if draft.len() > MAX_DRAFT_BYTES {
        return Err(CheckError::TooLong { bytes: draft.len() });
    }
    let offset = analysed.conversation.offset;
    let mut findings = tone::findings(draft, policy);
    findings
        .retain(|f| f.kind != Kind::RaisedVoice || !their_terms(&draft[f.start..f.end], analysed));
    let situation = Situation::gather(analysed);
    let facts = Facts::of(analysed, policy, &situation);
    findings.extend(substance::findings(draft, facts));
    // A step the client's own deadline leaves room for is in time, however many days off: the
    // boxes "on the first van tomorrow" for an order on Thursday.
    findings.retain(|f| {
        f.kind != Kind::IgnoresUrgency
            || !in_time(&draft[f.start..f.end], situation.deadline, sent_at, offset)
    });
    let promised = promises(draft, sent_at, offset);
    let any_timed = promised.iter().any(|p| p.due.is_some())
        || when::find(draft, sent_at, offset).is_some_and(|t| matches!(t.due, Due::At(_)))
        || substance::in_the_conversation(draft);
    // "So an engineer comes out as soon as possible" beside "I'll call you within 30 minutes
    // with the time": the client has a firm time from us, and the vague one is another's pace.
    if any_timed {
        findings.retain(|f| f.kind != Kind::VaguePromise || our_own_promise(draft, f.start));
    }
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
        let said = &draft[p.start..p.end];
        if let Some(t) = when::find(said, sent_at, offset).filter(|t| t.passed) {
            findings.push(Finding {
                kind: Kind::TimePassed,
                start: p.start + t.start,
                end: p.start + t.end,
                message: Kind::TimePassed.message().into(),
                rewrite: "<a time still ahead, e.g. noon tomorrow>".into(),
            });
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
    findings.extend(placeholders(draft));
    findings.extend(note::notes(draft, analysed));
    findings.sort_by_key(|f| (f.start, f.end));
    findings.dedup_by(|a, b| a.kind == b.kind && a.start < b.end && b.start < a.end);

    let made = moves::detect(draft, sent_at, offset);
    let has = |m: Move| made.iter().any(|h| h.kind == m);
    // A calm client who says sorry for the trouble they give ("sorry if this is a hassle") is
    // not upset with us, however their words read (round DS).
    let client_upset = analysed
        .last_client()
        .is_some_and(|(_, _, a)| upset(a) && !(facts.apologised && a.level == Level::Calm));
    let heard = lists::says("heard", draft);
    let hands_over = lists::says("hands_over", draft);
    let unanswered_abuse = facts.abusive && !facts.apologised;
    let holds_the_line = has(Move::Boundary) || lists::says("holds_the_line", draft);
    if unanswered_abuse && !holds_the_line && !hands_over {
        findings.push(missing(Kind::Minimising, "the client crossed a line and the draft carries on as if they had not", "Open with the line: \"I want to help, and I need you to stop <what they said>; if it goes on, I'll <the step your policy sets>.\""));
    }
    // Signs of an emergency, of a client who may harm themselves or of danger in the home:
    // the reply puts their safety first, and doing so is the acknowledgement.
    let in_danger = situation.safety_first();
    let safety_first = lists::says("puts_safety_first", draft);
    if in_danger && !safety_first {
        // A client who may harm themselves is asked about that, in plain words, with a line that
        // is open at any hour.
        let rewrite = if situation.vulnerability() == Some(Family::Crisis) {
            "Open with them: \"Before anything else, I want to ask: are you thinking of harming yourself? If you are, please call 999 now, or Samaritans on 116 123 at any hour.\""
        } else {
            "Open with their safety: \"Before anything else, are you safe right now? If you're in danger, please call 999 or your local emergency number now.\""
        };
        findings.push(missing(
            Kind::IgnoresSafety,
            "the client may be in danger, and the draft does not put their safety first",
            rewrite,
        ));
    }
    // After abuse the reply leads with the boundary; acknowledgement is not owed. When the
    // client needs something within hours, acting on it at once is the acknowledgement.
    let acts_at_once = facts.urgent && has(Move::NextStep) || in_danger && safety_first;
    if client_upset
        && !unanswered_abuse
        && !acts_at_once
        && !heard
        && !has(Move::Acknowledge)
        && !has(Move::Apologise)
        && !has(Move::Boundary)
    {
        findings.push(missing(Kind::NoAcknowledgement, "the client is upset and the draft does not acknowledge it", "Open by naming how this feels for them, e.g. \"I can see how frustrating this has been.\""));
    }
    let asks = draft.contains('?');
    // A client who settled the matter, thanked us or asked what the draft answers is owed no
    // next step.
    let nothing_open = analysed
        .last_client()
        .is_some_and(|(_, turn, a)| closing::read(&turn.text, a).closed.is_some());
    // A boundary may stand alone, but not while harm is happening to the client: the help they
    // need goes on whatever their manner.
    let harmed_now = situation.urgency() >= Urgency::Now;
    if !has(Move::NextStep)
        && !asks
        && !nothing_open
        && !offers_a_time(draft, sent_at, offset)
        && !has(Move::Options)
        && (!has(Move::Boundary) || harmed_now)
        && !reports_done(draft)
        && !hands_over
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
    let verdict = Verdict::of(&findings, score);
    Ok(ReplyCheck {
        findings,
        score,
        verdict,
        promises: promised,
    })
}

/// Longest gap to fill the check recognises between `<` and `>`.
const PLACEHOLDER_BYTES: usize = 60;

/// Gaps left to fill, such as "<time>" or "<what they said>" from a suggested rewrite: each is a
/// finding with no rewrite, since only the agent knows what goes there.
fn placeholders(draft: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for (start, _) in draft.match_indices('<') {
        let rest = &draft[start + 1..];
        let Some(len) = rest.find(['>', '<', '\n']) else {
            break;
        };
        let inner = &rest[..len];
        if rest[len..].starts_with('>')
            && len <= PLACEHOLDER_BYTES
            && inner.chars().next().is_some_and(char::is_alphabetic)
        {
            found.push(Finding {
                kind: Kind::Placeholder,
                start,
                end: start + len + 2,
                message: Kind::Placeholder.message().into(),
                rewrite: String::new(),
            });
        }
    }
    found
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

/// Whether the time `sentence` names falls no later than the client's `deadline`.
fn in_time(
    sentence: &str,
    deadline: Option<Timestamp>,
    sent_at: Timestamp,
    offset: UtcOffset,
) -> bool {
    let due = when::find(sentence, sent_at, offset).map(|t| t.due);
    matches!((due, deadline), (Some(Due::At(t)), Some(d)) if t.0 <= d.0)
}

/// The draft reports something already done ("I've issued the refund", "it has been sent").
pub(crate) fn reports_done(draft: &str) -> bool {
    reports(draft, lists::words("done"))
}

/// The draft reports one of the acts `done` (participles) as already done by us: "I've
/// refunded", "has been sent", or a sentence that opens with the act and leaves us out
/// ("Exported and attached."), though not one that only looked or took note ("Noted.",
/// "Checked the logs.").
pub(crate) fn reports(draft: &str, done: &[&str]) -> bool {
    const LOOKED: [&str; 5] = ["noted", "checked", "found", "asked", "spoken"];
    let lower = draft.to_lowercase().replace('’', "'");
    let opens_with_act = sentences(&lower)
        .filter(|s| !s.trim_end().ends_with('?'))
        .filter_map(|s| {
            s.split(|c: char| !c.is_alphabetic())
                .find(|w| !w.is_empty())
        })
        .any(|w| done.contains(&w) && !LOOKED.contains(&w));
    opens_with_act
        || [
            "i've ",
            "i have ",
            "we've ",
            "we have ",
            "has been ",
            "have been ",
            "is now ",
            "is ",
            "are ",
            "i've already ",
            "i have already ",
        ]
        .iter()
        .any(|lead| {
            lower
                .match_indices(lead)
                .any(|(i, _)| done.iter().any(|d| lower[i + lead.len()..].starts_with(d)))
        })
}

/// An offer, a plan or an action under way with a firm time ("I can send you the breakdown in
/// the next 10 minutes", "an officer will call you by noon tomorrow", "she'll ring you by
/// Friday", "I'm booking the engineer now").
pub(crate) fn offers_a_time(draft: &str, sent_at: Timestamp, offset: UtcOffset) -> bool {
    let lower = draft.to_lowercase().replace('’', "'");
    let doing = |rest: &str| {
        rest.split(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| w.ends_with("ing"))
    };
    let leads: [(&str, bool); 7] = [
        ("i can ", false),
        ("we can ", false),
        (" will ", false),
        ("'ll ", false),
        ("i'm ", true),
        ("we're ", true),
        ("i am ", true),
    ];
    leads.iter().any(|(lead, needs_doing)| {
        lower.match_indices(lead).any(|(i, _)| {
            let after = &lower[i + lead.len()..];
            if *needs_doing && !doing(after) {
                return false;
            }
            // `lower` may differ in length from `draft`; cut the sentence from `lower` itself.
            let (s, e) = sentence_around(&lower, i);
            when::find(&lower[s..e], sent_at, offset).is_some_and(|t| matches!(t.due, Due::At(_)))
        })
    })
}
