//! Rules that find surface signals (insults, threats, shouting, deadlines, ...) with byte spans.
//!
//! Everything works over the tokens of [`crate::text::tokenize`], so disguised spellings
//! ("f*ck", "1d10t", "F U C K") are already resolved. One pass prepares a `scan::Scan`
//! (words read as in `normal`, clauses, quoted and reported speech); then:
//! - `phrases` matches the phrase `table` (written in the `pattern` language) with one
//!   Aho-Corasick automaton, for blame, demands, deadlines, repeated contact, escalation threats,
//!   threats of harm and sarcastic phrases, and the `personal` table (threats, sexual
//!   harassment, prejudice about origin);
//! - `offensive` reads each listed insult, profanity or slur in its context to decide whether it
//!   insults, and `aim` whom it is aimed at;
//! - `shape` finds shouting and exclamation runs, `sarcasm` the sarcasm that is not a fixed phrase.
//!
//! Rules favour precision: a signal an agent sees must be one they would agree with.
//! Every look-around is bounded to a few words, so a long message costs linear time.

mod aim;
mod normal;
mod offensive;
pub(crate) mod pattern;
mod personal;
mod phrases;
mod sarcasm;
mod scan;
mod shape;
mod table;

use crate::text::Token;
use crate::types::{Signal, SignalKind};
use scan::Scan;

pub(crate) use sarcasm::tells_of_trouble;

/// A rule hit over tokens `first..=last`, before it becomes a [`Signal`].
#[derive(Clone, Copy)]
struct Hit {
    kind: SignalKind,
    first: usize,
    last: usize,
    /// Aimed at a person, as far as the rule can tell (only kept for insults and profanity).
    targeted: bool,
}

/// Finds every signal in `text`, sorted by start offset.
///
/// `tokens` must come from [`crate::text::tokenize`] of the same `text`. Offsets are byte
/// offsets into `text` on char boundaries; signals of one kind never overlap. `targeted` is set
/// for insults, profanity, threats and slurs aimed at a person and is never set for quoted or
/// reported speech.
pub fn detect(text: &str, tokens: &[Token]) -> Vec<Signal> {
    let scan = Scan::new(text, tokens);
    let mut hits = Vec::new();
    let mut held = phrases::find(&scan, &mut hits);
    offensive::find(&scan, &mut hits);
    shape::shouting(&scan, &mut hits);
    sarcasm::find(&scan, std::mem::take(&mut held.sarcastic), &mut hits);
    phrases::keep_in_company(held, &mut hits);
    let mut signals: Vec<Signal> = hits.iter().map(|h| to_signal(&scan, h)).collect();
    shape::exclamations(&scan, &mut signals);
    sarcasm::slash_s(&scan, &mut signals);
    merge(signals)
}

/// Builds the phrase automaton now instead of on the first message (it takes tens of
/// milliseconds, once per process).
pub fn warm_up() {
    phrases::warm_up();
}

fn to_signal(scan: &Scan, h: &Hit) -> Signal {
    let quoted = scan.quoted[h.first] && scan.quoted[h.last];
    let aimable = match h.kind {
        SignalKind::Threat | SignalKind::Slur | SignalKind::Harassment | SignalKind::Prejudice => {
            true
        }
        SignalKind::Insult | SignalKind::Profanity => h.targeted,
        _ => false,
    };
    Signal {
        kind: h.kind,
        start: scan.tokens[h.first].start,
        end: scan.tokens[h.last].end,
        targeted: aimable && !quoted,
        quoted,
    }
}

/// Sorts by start and joins overlapping signals of the same kind into one.
fn merge(mut signals: Vec<Signal>) -> Vec<Signal> {
    signals.sort_by_key(|s| (s.kind, s.start, s.end));
    let mut out: Vec<Signal> = Vec::with_capacity(signals.len());
    for s in signals {
        match out.last_mut() {
            Some(prev) if prev.kind == s.kind && s.start < prev.end => {
                prev.end = prev.end.max(s.end);
                prev.targeted |= s.targeted;
                prev.quoted &= s.quoted;
            }
            _ => out.push(s),
        }
    }
    out.sort_by_key(|s| (s.start, s.end, s.kind));
    out
}

#[cfg(test)]
mod personal_tests;
#[cfg(test)]
mod tests;
