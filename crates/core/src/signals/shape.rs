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
    /// One of them has four letters or more.
    long: bool,
}

/// Adds a shouting hit for each run of capitals: two capitalised words, or one of four letters
/// or more. Acronyms ("PDF", "ASAP"), codes ("AB12") and single letters ("I") may sit inside a
/// run but never make one.
pub(super) fn shouting(scan: &Scan, out: &mut Vec<Hit>) {
    let mut run: Option<Run> = None;
    let close = |run: &mut Option<Run>, out: &mut Vec<Hit>| {
        if let Some(r) = run.take()
            && (r.words >= 2 || r.long)
        {
            out.push(Hit {
                kind: SignalKind::Shouting,
                first: r.first,
                last: r.last,
                targeted: false,
            });
        }
    };
    for (i, t) in scan.tokens.iter().enumerate() {
        let raw = &scan.text[t.start..t.end];
        let shape = match t.kind {
            TokenKind::Word => Shape::of(raw, &t.norm),
            TokenKind::Number => Shape::Neutral,
            TokenKind::Punct | TokenKind::Symbol => continue,
        };
        match (shape, run.as_mut()) {
            (Shape::Lower, _) => close(&mut run, out),
            (Shape::Neutral, Some(r)) => r.last = i,
            (Shape::Neutral, None) => {}
            (Shape::Letter, Some(r)) => r.last = i,
            (Shape::Letter, None) => {
                run = Some(Run {
                    first: i,
                    last: i,
                    words: 0,
                    long: false,
                })
            }
            (Shape::Caps { long }, Some(r)) => {
                r.last = i;
                r.words += 1;
                r.long |= long;
            }
            (Shape::Caps { long }, None) => {
                run = Some(Run {
                    first: i,
                    last: i,
                    words: 1,
                    long,
                })
            }
        }
    }
    close(&mut run, out);
}

/// How a word token takes part in shouting.
#[derive(Clone, Copy)]
enum Shape {
    /// Has lower-case letters, or no cased letters at all: ends a run.
    Lower,
    /// A single capital letter ("I", "A"): joins a run, starts one, never makes one.
    Letter,
    /// An acronym or a code with digits: joins a run but never starts or makes one.
    Neutral,
    /// A capitalised word.
    Caps { long: bool },
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
        } else if raw.chars().any(|c| c.is_ascii_digit()) || lexicon::is_acronym(norm) || !vowel {
            Shape::Neutral
        } else {
            Shape::Caps { long: letters >= 4 }
        }
    }
}

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
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let Some((mut bangs, mut asks)) = bang_count(c) else {
            continue;
        };
        let mut end = start + c.len_utf8();
        while let Some((b, a)) = chars.peek().and_then(|&(_, d)| bang_count(d)) {
            bangs += b;
            asks += a;
            end += chars.next().map_or(0, |(_, d)| d.len_utf8());
        }
        if bangs < 2 && (bangs == 0 || asks == 0) {
            continue;
        }
        let ones = text[end..].bytes().take_while(|&b| b == b'1').count();
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
