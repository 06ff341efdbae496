//! Signals in the shape of the text rather than its words: shouting in capitals and runs of
//! exclamation marks.

use super::Hit;
use super::scan::Scan;
use crate::lexicon;
use crate::text::TokenKind;
use crate::types::{Signal, SignalKind};

/// An open run of capitalised words.
struct Run {
    first: usize,
    last: usize,
    /// Capitalised real words in the run (not acronyms, codes or single letters).
    words: usize,
    /// One of them has four letters or more and is a known word ("NEVER", not "CUDA").
    long_word: bool,
    /// One of them has four letters or more.
    long: bool,
    /// Single letters and acronyms in the run: "I AM WAITING" shouts though "WAITING" alone might be a name.
    company: usize,
}

impl Run {
    fn new(first: usize) -> Run {
        Run {
            first,
            last: first,
            words: 0,
            long_word: false,
            long: false,
            company: 0,
        }
    }
    fn shouts(&self) -> bool {
        self.words >= 2 || self.long_word || (self.long && self.company > 0)
    }
}

/// Adds a shouting hit for each run of capitals: two capitalised words, or one of four letters
/// or more. Acronyms ("PDF", "ASAP"), codes ("AB12") and single letters ("I") may sit inside a
/// run but never make one.
pub(super) fn shouting(scan: &Scan, out: &mut Vec<Hit>) {
    let mut run: Option<Run> = None;
    let close = |run: &mut Option<Run>, out: &mut Vec<Hit>| {
        if let Some(r) = run.take().filter(Run::shouts) {
            out.push(Hit {
                kind: SignalKind::Shouting,
                first: r.first,
                last: r.last,
                targeted: false,
            });
        }
    };
    for (i, t) in scan.tokens.iter().enumerate() {
        let shape = match t.kind {
            TokenKind::Word if scan.w(i).is_empty() => continue,
            // A hashtag or a handle ("#FAIL", "@SEPTA_SOCIAL") names something; it says nothing
            // in a raised voice.
            TokenKind::Word if in_a_name(scan.text, t.start) => Shape::Code,
            TokenKind::Word => Shape::of(&scan.text[t.start..t.end], &t.norm),
            TokenKind::Number => Shape::Code,
            TokenKind::Punct | TokenKind::Symbol => continue,
        };
        if let Shape::Lower = shape {
            close(&mut run, out);
            continue;
        }
        if run.is_none() && matches!(shape, Shape::Code | Shape::Acronym) {
            continue;
        }
        let r = run.get_or_insert_with(|| Run::new(i));
        match shape {
            Shape::Lower => {}
            Shape::Code => r.last = i,
            Shape::Acronym => {
                r.last = i;
                r.company += 1;
            }
            // A single letter starts a run or sits in one, but never ends one: "I WANT", not "STOP. I".
            Shape::Letter => r.company += 1,
            Shape::Caps { long, known } => {
                r.last = i;
                r.words += 1;
                r.long |= long;
                r.long_word |= long && known;
            }
        }
    }
    close(&mut run, out);
}

/// Whether the word at `start` of `text` is part of a hashtag or a handle: a `#` or `@` before
/// it, with nothing but letters, digits and `_` between.
fn in_a_name(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
    before.ends_with(['#', '@'])
}

/// How a word token takes part in shouting.
#[derive(Clone, Copy)]
enum Shape {
    /// Has lower-case letters, or no cased letters at all: ends a run.
    Lower,
    /// A single capital letter ("I", "A").
    Letter,
    /// An acronym ("PDF", "ASAP").
    Acronym,
    /// A code with digits, a number or a hashtag: sits in a run, never starts one.
    Code,
    /// A capitalised word; `known` when the lexicons know it, so it is no name or brand.
    Caps { long: bool, known: bool },
}

impl Shape {
    fn of(raw: &str, norm: &str) -> Shape {
        if raw.chars().any(char::is_lowercase) || !raw.chars().any(char::is_uppercase) {
            return Shape::Lower;
        }
        let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
        let vowel = !raw.is_ascii() || raw.chars().any(|c| "AEIOUY".contains(c));
        if letters == 1 {
            Shape::Letter
        } else if raw.chars().any(|c| c.is_ascii_digit()) {
            Shape::Code
        } else if lexicon::is_acronym(norm) || !vowel {
            Shape::Acronym
        } else {
            let known = lexicon::is_known(norm) || SHOUTED.contains(&norm);
            Shape::Caps {
                long: letters >= 4,
                known,
            }
        }
    }
}

/// Common words that the valence lexicon does not know, shouted on their own: "WHERE is my order".
#[rustfmt::skip]
const SHOUTED: &[&str] = &[
    "where", "what", "when", "why", "how", "now", "still", "again", "never", "please", "help",
    "refund", "money", "order", "stop", "this", "that", "have", "been", "will", "your", "just",
    "here", "there", "back", "done", "with", "from", "they", "them", "every", "ever", "today",
    "immediately", "cancel", "nothing", "anyone", "nobody", "anything", "read", "listen", "answer",
    "more", "once", "twice", "times", "weeks", "months", "days", "hours", "must", "need", "want",
    "demand", "paid", "charged", "call", "reply", "respond", "sort", "fix", "manager",
];

/// Characters that make up a run of exclamation and question marks.
fn bang_count(c: char) -> Option<(usize, usize)> {
    match c {
        '!' | '！' | '¡' => Some((1, 0)),
        '?' | '？' | '¿' => Some((0, 1)),
        '‼' => Some((2, 0)),
        '⁉' | '⁈' => Some((1, 1)),
        _ => None,
    }
}

/// Adds an exclamation-run signal for each run of two or more '!' or of mixed '!' and '?'
/// ("!!", "?!", "!!?"), with the "1"s of a "!!!111" tail.
pub(super) fn exclamations(scan: &Scan, out: &mut Vec<Signal>) {
    let text = scan.text;
    let bytes = text.as_bytes();
    let mut at = 0;
    // Only these bytes can start a mark: '!', '?', and the lead bytes of ¡ ¿ ‼ ⁉ ⁈ ！ ？.
    while let Some(off) = bytes[at..]
        .iter()
        .position(|b| matches!(b, b'!' | b'?' | 0xC2 | 0xE2 | 0xEF))
    {
        let start = at + off;
        let (mut bangs, mut asks, mut end) = (0, 0, start);
        for (b, a, len) in text[start..]
            .chars()
            .map_while(|c| bang_count(c).map(|(b, a)| (b, a, c.len_utf8())))
        {
            bangs += b;
            asks += a;
            end += len;
        }
        at = end.max(start + 1);
        if bangs < 2 && (bangs == 0 || asks == 0) {
            continue;
        }
        let ones = bytes[end..].iter().take_while(|&&b| b == b'1').count();
        if ones > 0 && !text[end + ones..].starts_with(char::is_alphanumeric) {
            end += ones;
        }
        let quoted = scan.quoted_at(start);
        out.push(Signal {
            kind: SignalKind::ExclamationRun,
            start,
            end,
            targeted: false,
            quoted,
        });
    }
}
