//! A message prepared once for every rule: one normalised word per token, a key string of those
//! words for phrase matching, clause numbers, and which tokens sit in quoted or reported speech.

use super::normal;
use crate::text::Token;

/// The shared view of one message that every rule reads.
pub(super) struct Scan<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Per token: its `norm` with chat spellings resolved ("u" -> "you", "dont" -> "don't"),
    /// numbers reduced to classes (`<n>`, `<ord>`, `<time>`), sentence punctuation to ".", and
    /// `""` for tokens the rules skip (quotes, brackets, emoji).
    pub words: Vec<&'a str>,
    /// Per token: index of its clause; clauses end at `.`, `!`, `?`, `;` and line breaks.
    pub clause: Vec<u32>,
    /// Per token: inside quotation marks or reported speech ("he called me ...").
    pub quoted: Vec<bool>,
    /// Byte ranges between matched quotation marks.
    pub quotes: Vec<(usize, usize)>,
    /// Whether the message weighs good against bad ("but", "usually") or thanks; see [`super::sarcasm`].
    pub contrast: std::cell::OnceCell<bool>,
    /// The non-empty words joined by single spaces, searched by the phrase automaton.
    pub key: String,
    /// For each word in `key`: its byte offset there and its token index.
    pub key_index: Vec<(usize, usize)>,
}

/// Words that are second person, as written or after [`super::normal::alias`].
#[rustfmt::skip]
pub(super) const SECOND: &[&str] = &[
    "you", "ye", "yall", "y'all", "youse", "yous", "yourself", "yourselves",
];

/// Verbs that report someone else's words: what follows is not the writer speaking.
fn is_reporting(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "tells"
            | "called"
            | "calls"
            | "calling"
            | "named"
            | "replied"
            | "responded"
            | "wrote"
            | "shouted"
            | "yelled"
            | "screamed"
            | "claimed"
            | "claims"
            | "accused"
            | "labelled"
            | "labeled"
            | "insisted"
            | "stated"
            | "promised"
            | "assured"
            | "informed"
            | "swore"
            | "muttered"
    )
}

/// First-person subjects: the writer reporting their own words is still the writer speaking.
const FIRST: &[&str] = &[
    "i", "we", "i've", "i'd", "i'll", "i'm", "we've", "we'd", "we'll", "we're",
];

/// Adverbs that may sit between a subject and its verb ("I *already* told you").
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "already", "just", "also", "even", "literally", "clearly", "have", "has", "had", "been",
    "never", "always", "specifically", "explicitly", "repeatedly", "did", "do", "then", "actually",
];

impl<'a> Scan<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Scan<'a> {
        let words: Vec<&str> = tokens.iter().map(|t| normal::word(text, t)).collect();
        let mut clause = Vec::with_capacity(tokens.len());
        let mut key = String::with_capacity(text.len() + 8);
        let mut key_index = Vec::with_capacity(tokens.len());
        let mut current = 0u32;
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 && text[tokens[i - 1].end..t.start].contains('\n') {
                current += 1;
            }
            clause.push(current);
            if !words[i].is_empty() {
                if !key.is_empty() {
                    key.push(' ');
                }
                key_index.push((key.len(), i));
                key.push_str(words[i]);
            }
            if words[i] == "." && !is_decimal_point(text, tokens, i) {
                current += 1;
            }
        }
        let quotes = quote_regions(text);
        let mut scan = Scan {
            contrast: std::cell::OnceCell::new(),
            text,
            tokens,
            words,
            clause,
            quoted: Vec::new(),
            quotes,
            key,
            key_index,
        };
        scan.quoted = scan.mark_quoted();
        scan
    }

    /// Whether the byte at `at` lies in a quoted token.
    pub fn quoted_at(&self, at: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.end <= at);
        self.tokens.get(i).is_some_and(|t| t.start <= at) && self.quoted[i]
    }

    /// The normalised word of token `i`.
    pub fn w(&self, i: usize) -> &'a str {
        self.words[i]
    }

    /// Index of the next token after `i` that the rules read, in the same clause.
    pub fn next_word(&self, i: usize) -> Option<usize> {
        (i + 1..self.tokens.len())
            .take_while(|&j| self.clause[j] == self.clause[i])
            .find(|&j| !self.words[j].is_empty())
    }

    /// Index of the previous token before `i` that the rules read, in the same clause.
    pub fn prev_word(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .take_while(|&j| self.clause[j] == self.clause[i])
            .find(|&j| !self.words[j].is_empty())
    }

    /// Tokens at most `reach` tokens from `i` whose clause is at most `spread` clauses from
    /// the clause of `i`. Rules look this far and no further, so a long message costs linear time.
    pub fn around(&self, i: usize, reach: usize, spread: u32) -> std::ops::Range<usize> {
        let c = self.clause[i];
        let near = |j: &usize| self.clause[*j].abs_diff(c) <= spread;
        let start = (i.saturating_sub(reach)..i).find(near).unwrap_or(i);
        let last = (i..(i + reach + 1).min(self.tokens.len()))
            .rev()
            .find(near)
            .unwrap_or(i);
        start..last + 1
    }

    /// A negating word among the two words before token `i` in its clause ("not", "don't", "never").
    pub fn negated_before(&self, i: usize) -> bool {
        let mut j = i;
        for _ in 0..3 {
            let Some(p) = self.prev_word(j) else {
                return false;
            };
            if is_negator(self.w(p))
                && !self
                    .next_word(p)
                    .is_some_and(|n| matches!(self.w(n), "only" | "just"))
            {
                return true;
            }
            j = p;
        }
        false
    }

    /// Token `i` is first-person speech ("I", "we", possibly with adverbs between).
    pub fn first_person_before(&self, i: usize) -> bool {
        let mut j = i;
        for _ in 0..4 {
            let Some(p) = self.prev_word(j) else {
                return false;
            };
            let w = self.w(p);
            if FIRST.contains(&w) {
                return true;
            }
            if !ADVERBS.contains(&w) {
                return false;
            }
            j = p;
        }
        false
    }

    fn mark_quoted(&self) -> Vec<bool> {
        let mut quoted = vec![false; self.tokens.len()];
        for &(s, e) in &self.quotes {
            let first = self.tokens.partition_point(|t| t.start < s);
            for (q, _) in quoted[first..]
                .iter_mut()
                .zip(&self.tokens[first..])
                .take_while(|(_, t)| t.end <= e)
            {
                *q = true;
            }
        }
        // Reported speech: after a reporting verb whose subject is not the writer, to the end
        // of the clause, a comma or a conjunction, at most ten words; a time that closes what
        // was said ends it too ("you said that last week, you useless ..." reports "that" and
        // nothing after the week).
        for i in 0..self.tokens.len() {
            if !is_reporting(self.w(i)) || self.first_person_before(i) {
                continue;
            }
            let mut j = i;
            for _ in 0..10 {
                let Some(n) = self.next_word(j) else { break };
                if matches!(self.w(n), "," | "and" | "but" | "so" | "because" | "which") {
                    break;
                }
                let closes = self.w(j) == "last"
                    || matches!(self.w(n), "yesterday" | "ago" | "before" | "earlier");
                quoted[n] = true;
                j = n;
                if closes {
                    break;
                }
            }
        }
        quoted
    }
}

/// A word that negates what follows.
pub(super) fn is_negator(w: &str) -> bool {
    matches!(w, "not" | "never" | "no" | "cannot" | "nor") || w.ends_with("n't")
}

/// `.` between two digits with no space ("5.99") does not end a clause.
fn is_decimal_point(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let digit_before = text[..t.start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    let digit_after = text[t.end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    t.end - t.start == 1 && digit_before && digit_after
}

/// Byte ranges inside matched quotation marks: straight and curly double quotes, guillemets,
/// and single quotes that open before a word and close after one.
fn quote_regions(text: &str) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    let (mut double, mut single): (Option<usize>, Option<usize>) = (None, None);
    // Only these bytes can start a quotation mark ('"', '\'', and the lead bytes of “ ” ‘ ’ « »).
    let marks = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2));
    for (i, _) in marks {
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        let end = i + c.len_utf8();
        let prev = text[..i].chars().next_back();
        let next = text[end..].chars().next();
        match c {
            '"' => match double.take() {
                Some(s) => regions.push((s, i)),
                None => double = Some(end),
            },
            '“' | '«' => double = Some(end),
            '”' | '»' => {
                if let Some(s) = double.take() {
                    regions.push((s, i));
                }
            }
            '\'' | '‘' | '’' => {
                let opens = !prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                let closes = prev.is_some_and(|p| p.is_alphanumeric() || ".!?".contains(p))
                    && !next.is_some_and(char::is_alphanumeric);
                if closes && let Some(s) = single.take() {
                    regions.push((s, i));
                } else if opens && c != '’' {
                    single = Some(end);
                }
            }
            _ => {}
        }
    }
    regions
}
