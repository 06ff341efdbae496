//! The client's points and requests, as short plain statements an agent can paraphrase back.
//!
//! The message is cut into sentences (long ones into clauses). A clause is kept when it carries
//! a problem (a cause cue or a related signal), a request, or a feeling about the service.
//! [`screen`] takes out what must never be said back (threats, slurs, sexual remarks, sarcastic
//! praise, rhetorical blame); [`rewrite`] says the rest from the agent's side, with accusations
//! restated as what happened or the need behind them ([`restate`]), grammar mended
//! ([`grammar`]) and a slip no rule mends cut off or left out ([`slips`]), questions as what
//! the client wants to know ([`question`]), and only whole clauses ([`clause`]). Greetings,
//! sign-offs, filler, pure insults and the client's apologies for their tone ([`apology`]) are
//! left out, as are repeats; when nothing clean is left there is no concern. At most
//! [`MAX_CONCERNS`] are returned, the most substantial ones, in the order they were written.

pub(crate) mod apology;
mod builder;
mod clause;
mod grammar;
mod pronouns;
mod question;
mod restate;
mod rewrite;
mod screen;
pub(crate) mod sentences;
mod slips;
mod tags;
mod words;

pub(crate) use question::scorns;

use std::ops::Range;

use crate::causes::{Hit, hits};
use crate::lexicon;
use crate::text::Token;
use crate::types::{Concern, Signal, SignalKind};

/// Most concerns returned for one message.
pub const MAX_CONCERNS: usize = 5;

/// Sentences longer than this, in words, are cut into clauses at commas, dashes and "but".
const SPLIT_WORDS: usize = 14;
/// Most clauses read in one message: every clause is weighed against the message's signals and
/// compared with the points already found, so this bounds the cost of a very long message (an
/// ordinary one has a few dozen).
const MAX_CLAUSES: usize = 200;

/// Sarcasm in more places than this makes the whole message mockery: any of it said back would
/// read as mocking the client in turn.
const MOST_SARCASM: usize = 1;

/// Extracts the client's concerns in the order they were written; none from a message with a
/// slip of grammar no rule mends (see [`slips::in_message`]) or mocking throughout.
pub fn extract(text: &str, tokens: &[Token], signals: &[Signal]) -> Vec<Concern> {
    let sarcasm = signals
        .iter()
        .filter(|s| s.kind == SignalKind::Sarcasm && !s.quoted)
        .count();
    if sarcasm > MOST_SARCASM || slips::in_message(text, tokens) {
        return Vec::new();
    }
    let cues: Vec<Hit> = hits(tokens).into_iter().filter(|h| !h.negated).collect();
    let mut found: Vec<(f32, Concern)> = Vec::new();
    let mut read = 0;
    let apologies = apology::for_tone(text, tokens);
    'sentences: for sentence in sentences::split(text) {
        let clauses = sentences::clauses(text, sentence, SPLIT_WORDS);
        for span in clauses.into_iter().flat_map(|c| outside(c, &apologies)) {
            if read == MAX_CLAUSES {
                break 'sentences;
            }
            read += 1;
            let first = tokens.partition_point(|t| t.start < span.start);
            let last = tokens.partition_point(|t| t.end <= span.end);
            let clause = &tokens[first..last.max(first)];
            // Beside sarcasm, praise it does not mark is part of the mockery too ("what a
            // fantastic experience").
            if sarcasm > 0 && praises(clause, signals) {
                continue;
            }
            let weight = weight(clause, &span, &cues, signals) + contrast(text, &span);
            if weight <= 0.0 {
                continue;
            }
            let Some(statement) = rewrite::statement(text, &screen::sayable(clause, signals))
            else {
                continue;
            };
            if found.iter().any(|(_, c)| same_point(&c.text, &statement)) {
                continue;
            }
            found.push((
                weight,
                Concern {
                    text: statement,
                    start: span.start,
                    end: span.end,
                },
            ));
        }
    }
    // Keep the weightiest, then restore the written order.
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
    found.truncate(MAX_CONCERNS);
    found.sort_by_key(|(_, c)| c.start);
    found.into_iter().map(|(_, c)| c).collect()
}

/// Strong praise in `clause` outside the sarcasm `signals` mark: a word the valence lexicon
/// rates clearly positive.
fn praises(clause: &[Token], signals: &[Signal]) -> bool {
    let marked = |t: &Token| {
        signals
            .iter()
            .any(|s| s.kind == SignalKind::Sarcasm && s.start < t.end && t.start < s.end)
    };
    clause
        .iter()
        .any(|t| lexicon::valence(&t.norm).is_some_and(|v| v >= PRAISE) && !marked(t))
}

/// Valence from which a word is praise ("lovely", "fantastic"; "fine" and "okay" are not).
const PRAISE: f32 = 2.0;

/// The parts of `span` outside every one of `taken`: an apology for the client's tone is
/// accepted, not said back.
fn outside(span: Range<usize>, taken: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut parts = vec![span];
    for t in taken {
        parts = parts
            .into_iter()
            .flat_map(|p| {
                if t.end <= p.start || p.end <= t.start {
                    return vec![p];
                }
                [p.start..t.start, t.end..p.end]
                    .into_iter()
                    .filter(|r| r.start < r.end)
                    .collect()
            })
            .collect();
    }
    parts
}

/// How much a clause says: 0 for nothing worth paraphrasing.
fn weight(clause: &[Token], span: &Range<usize>, cues: &[Hit], signals: &[Signal]) -> f32 {
    #[rustfmt::skip]
    const REQUEST_WORDS: &[&str] = &[
        "want", "need", "like", "expect", "demand", "refund", "replacement", "compensation", "cancel",
        "manager", "supervisor", "please", "asap", "fix", "back",
    ];
    #[rustfmt::skip]
    const SIGNS_OFF: &[&str] = &[
        "thanks", "thank", "cheers", "regards", "best", "sincerely", "ty", "thx",
    ];
    const RELATED_SIGNALS: &[SignalKind] = &[
        SignalKind::Demand,
        SignalKind::Deadline,
        SignalKind::RepeatedContact,
        SignalKind::EscalationThreat,
        SignalKind::Blame,
    ];
    let words: Vec<&str> = clause
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.norm.as_str())
        .collect();
    let inside = |s: usize, e: usize| s < span.end && span.start < e;
    let problem = cues.iter().any(|h| inside(h.start, h.end))
        || signals
            .iter()
            .any(|s| RELATED_SIGNALS.contains(&s.kind) && inside(s.start, s.end));
    if words.len() < 2 || (!problem && words.first().is_some_and(|w| SIGNS_OFF.contains(w))) {
        return 0.0;
    }
    let request = words.iter().any(|w| REQUEST_WORDS.contains(w));
    let question = clause.iter().any(|t| t.norm.contains('?')) && words.len() >= 3;
    let negated = |i: usize| {
        words[i.saturating_sub(2)..i]
            .iter()
            .any(|w| matches!(*w, "not" | "never" | "no") || w.ends_with("n't"))
    };
    // Insults count too: "this app is garbage" is a feeling about the service, and the rewrite
    // drops the clause when the insult was all there was to it.
    let feeling = words.iter().enumerate().any(|(i, w)| {
        (lexicon::offensive_class(w).is_some()
            || lexicon::valence(w).is_some_and(|v| v.abs() >= 1.5))
            && !negated(i)
    });
    [
        (problem, 2.0),
        (request, 1.5),
        (feeling, 1.0),
        (question, 1.0),
    ]
    .iter()
    .filter(|(holds, _)| *holds)
    .map(|(_, w)| w)
    .sum()
}

/// A clause that follows "but" or "however" usually carries the point of its sentence.
fn contrast(text: &str, span: &Range<usize>) -> f32 {
    let before = text[..span.start].trim_end().trim_end_matches(',');
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    if last.eq_ignore_ascii_case("but") || last.eq_ignore_ascii_case("however") {
        1.0
    } else {
        0.0
    }
}

/// Two statements make the same point when they share most of their words.
fn same_point(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    union == 0 || shared as f32 / union as f32 >= 0.8
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod voice_tests;
