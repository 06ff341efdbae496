//! The substance of a draft: faults that a polite opening and a timed next step do not cure.
//! Defending ourselves, sending the client to a third party, closing the door, talking down,
//! hiding behind the small print, counter-threats, guarantees nobody here can keep, and a slow
//! step where the client needs one within hours.
//!
//! Each rule of [`table`] is a phrase family (in the pattern language of
//! `signals::pattern`) with a `when` condition read in the hit's sentence and in what the
//! conversation shows ([`Facts`]): deflection needs the client to be sent to someone else, tone
//! policing is a fault only when the client was not abusive. [`urgency`] compares the draft's
//! times with the client's.

mod facts;
mod table;
mod urgency;

pub(crate) use urgency::in_the_conversation;

use std::sync::OnceLock;

use super::check::Finding;
use super::phrases::{PhraseSet, sentence_around};
use super::tone::{Kind, finding};
use crate::signals::pattern::expand;

/// What the conversation shows that the rules read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The last client message abuses the agent (an insult, slur, threat or harassment).
    pub abusive: bool,
    /// The last client message apologises.
    pub apologised: bool,
    /// The client needs something within hours: a deadline today, or harm happening now.
    pub urgent: bool,
    /// The last client message turns down another call back ("I don't want another 'someone
    /// will call you'").
    pub call_refused: bool,
    /// A client turn says they have had to chase: written before, waited, never heard back.
    pub chased: bool,
    /// The last client message reads tense or more heated.
    pub heated: bool,
    /// The conversation is about a failure of ours: the client's words name one, or its cause
    /// reads as one.
    pub ours: bool,
    /// Either side names a client of the client's own, so "the client" may be that person.
    pub their_clients: bool,
}

/// A hit in its place: the lower-case words of its sentence before and after it, the previous
/// sentence, and the facts.
pub(super) struct Ctx {
    before: String,
    after: String,
    previous: String,
    facts: Facts,
}

impl Ctx {
    /// Any of `words` appears (at word edges) in the hit's sentence, before or after it.
    fn sentence_has(&self, words: &[&str]) -> bool {
        has_any(&self.before, words) || has_any(&self.after, words)
    }
}

/// One rule: a phrase family, the condition it needs, and what to say.
pub(super) struct Rule {
    kind: Kind,
    pattern: &'static str,
    when: fn(&Ctx) -> bool,
    message: &'static str,
    /// Replaces the hit, or the whole sentence when `sentence` is set.
    rewrite: &'static str,
    sentence: bool,
}

/// A rule that holds wherever its phrase appears.
const fn rule(
    kind: Kind,
    pattern: &'static str,
    message: &'static str,
    rewrite: &'static str,
) -> Rule {
    Rule {
        kind,
        pattern,
        when: always,
        message,
        rewrite,
        sentence: false,
    }
}

fn always(_: &Ctx) -> bool {
    true
}

impl Rule {
    const fn when(mut self, when: fn(&Ctx) -> bool) -> Rule {
        self.when = when;
        self
    }

    /// The finding spans the whole sentence, and the rewrite replaces it.
    const fn sentence(mut self) -> Rule {
        self.sentence = true;
        self
    }
}

fn phrases() -> &'static PhraseSet<usize> {
    static SET: OnceLock<PhraseSet<usize>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::new(
            table::RULES
                .iter()
                .enumerate()
                .map(|(i, r)| (i, expand(r.pattern))),
        )
    })
}

/// Substance findings in `draft`, in text order.
pub(crate) fn findings(draft: &str, facts: Facts) -> Vec<Finding> {
    let mut out: Vec<Finding> = phrases()
        .find(draft)
        .into_iter()
        .filter_map(|h| {
            let r = &table::RULES[h.tag];
            let (s, e) = sentence_around(draft, h.start);
            let previous = match draft[..s].char_indices().next_back() {
                Some((p, _)) => {
                    let (ps, pe) = sentence_around(draft, p);
                    &draft[ps..pe]
                }
                None => "",
            };
            let ctx = Ctx {
                before: normal(&draft[s..h.start]),
                after: normal(&draft[h.end..e.max(h.end)]),
                previous: normal(previous),
                facts,
            };
            (r.when)(&ctx).then(|| {
                let (s, e) = if r.sentence { (s, e) } else { (h.start, h.end) };
                finding(r.kind, s, e, r.message, r.rewrite)
            })
        })
        .collect();
    // Two phrases of one rule family in one sentence make one finding, wherever other hits
    // fall between them.
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert((f.kind, f.start, f.end)));
    out.extend(urgency::ignored(draft, facts));
    out
}

/// Lower case, typographic apostrophes made plain, padded with spaces so word tests can look
/// for " word ".
fn normal(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '’' => '\'',
            c if c.is_alphanumeric() || c == '\'' || c == '&' => c.to_ascii_lowercase(),
            _ => ' ',
        })
        .collect();
    format!(
        " {} ",
        plain.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// `text` (from [`normal`]) contains one of `words` as whole words.
fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(&format!(" {w} ")))
}

/// The first `n` words of `text` (from [`normal`]), padded like it.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n).collect();
    format!(" {} ", words.join(" "))
}

/// `text` (from [`normal`]) ends with one of `words`.
fn ends_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.ends_with(&format!(" {w} ")))
}

/// `text` (from [`normal`]) starts with one of `words`.
fn starts_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.starts_with(&format!(" {w} ")))
}

#[cfg(test)]
mod tests;
