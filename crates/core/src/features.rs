//! Features for the linear models: hashed word and character n-grams over the de-obfuscated
//! tokens, plus a few dense features from the lexicon and the signal rules.
//!
//! Every hashed feature remembers the token it came from, so a model's decision can be traced
//! back to the words that drove it (see [`Features::token_contributions`]).

use crate::text::{Token, TokenKind};
use crate::types::{Signal, SignalKind};
use crate::valence::{self, Valence};

/// Number of bits of the hashed feature space.
pub const BITS: u32 = 18;
/// Size of the feature space, hashed and dense together.
pub const DIM: usize = 1 << BITS;
/// Slots at the top of the space reserved for dense features.
const DENSE: usize = 64;
const DENSE_START: usize = DIM - DENSE;
/// Marks a feature that belongs to no single token.
pub const NO_TOKEN: u32 = u32::MAX;

/// A sparse feature vector.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub index: Vec<u32>,
    pub value: Vec<f32>,
    /// Token index each feature came from, or [`NO_TOKEN`].
    pub token: Vec<u32>,
}

impl Features {
    fn push(&mut self, index: u32, value: f32, token: u32) {
        self.index.push(index);
        self.value.push(value);
        self.token.push(token);
    }

    /// Sum of weight times value over features owned by each token, for `n_tokens` tokens.
    pub fn token_contributions(&self, weights: impl Fn(u32) -> f32, n_tokens: usize) -> Vec<f32> {
        let mut out = vec![0.0; n_tokens];
        for ((&i, &v), &t) in self.index.iter().zip(&self.value).zip(&self.token) {
            if let Some(slot) = out.get_mut(t as usize) {
                *slot += weights(i) * v;
            }
        }
        out
    }
}

/// The dense features, by slot.
#[derive(Debug, Clone, Copy)]
enum Dense {
    Positive,
    Negative,
    Compound,
    SecondPerson,
    FirstPerson,
    Length,
    CapsRatio,
    Questions,
    TargetedOffence,
    QuotedOffence,
    Obfuscated,
    /// First of one slot per [`SignalKind`], counting unquoted signals.
    Signal,
}

fn hash(ns: u8, parts: &[&str]) -> u32 {
    // FNV-1a, 64-bit, folded into the hashed part of the space.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(ns);
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            h = (h ^ 0x1f).wrapping_mul(0x100_0000_01b3);
        }
        for &b in p.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    ((h ^ (h >> 29)) % DENSE_START as u64) as u32
}

const SECOND_PERSON: &[&str] = &[
    "you", "your", "you're", "youre", "u", "ur", "yours", "yourself", "ya", "y'all",
];
const FIRST_PERSON: &[&str] = &[
    "i", "me", "my", "i'm", "im", "i've", "ive", "mine", "myself", "i'll", "we", "our", "us",
];

/// Extracts features of a tokenised text into `out` (cleared first). `valence` and `signals`
/// are the already computed lexicon scores and rule hits for the same tokens.
pub fn extract(tokens: &[Token], valence: &Valence, signals: &[Signal], out: &mut Features) {
    out.index.clear();
    out.value.clear();
    out.token.clear();
    // Each word gives two word features and about three character n-grams a letter.
    let room = tokens.iter().map(|t| 2 + 3 * t.norm.len()).sum::<usize>() + DENSE;
    out.index.reserve(room);
    out.value.reserve(room);
    out.token.reserve(room);
    let mut negated_left = 0u8;
    let mut prev_word: Option<&str> = None;
    let mut buf = String::new();
    for (ti, t) in tokens.iter().enumerate() {
        let tok = ti as u32;
        match t.kind {
            TokenKind::Word => {
                let w = t.norm.as_str();
                let ns = if negated_left > 0 { 2 } else { 1 };
                out.push(hash(ns, &[w]), 1.0, tok);
                out.push(hash(3, &[prev_word.unwrap_or("<s>"), w]), 1.0, tok);
                if t.caps {
                    out.push(hash(4, &["CAPS"]), 1.0, tok);
                }
                char_ngrams(w, tok, &mut buf, out);
                negated_left = if valence::is_negator(w) {
                    3
                } else {
                    negated_left.saturating_sub(1)
                };
                prev_word = Some(w);
            }
            TokenKind::Number => {
                out.push(hash(5, &["<num>"]), 1.0, tok);
                prev_word = Some("<num>");
            }
            TokenKind::Punct => {
                let first = t.norm.chars().next().map_or(0, char::len_utf8);
                let c = &t.norm[..first];
                let run = if t.norm.len() > first { "+" } else { "" };
                out.push(hash(6, &[c, run]), 1.0, tok);
                if !matches!(c, "'" | "\"" | "-") {
                    negated_left = 0;
                }
            }
            TokenKind::Symbol => out.push(hash(7, &[t.norm.as_str()]), 1.0, tok),
        }
    }
    let norm = 1.0 / (out.index.len().max(1) as f32).sqrt();
    out.value.iter_mut().for_each(|v| *v *= norm);
    dense(tokens, valence, signals, out);
}

fn char_ngrams(w: &str, tok: u32, buf: &mut String, out: &mut Features) {
    if w.len() > 24 || !w.is_ascii() {
        return;
    }
    buf.clear();
    buf.push('<');
    buf.push_str(w);
    buf.push('>');
    letter_runs(buf, |run| {
        out.push(hash(8 + run.len() as u8, &[run]), 0.5, tok)
    });
}

/// Each run of three to five letters of `padded` (a word with its edges marked), the shortest
/// runs first, each length in order of place.
pub(crate) fn letter_runs(padded: &str, mut each: impl FnMut(&str)) {
    let starts = || padded.char_indices().map(|(i, _)| i);
    for n in 3..=5 {
        let ends = starts().chain([padded.len()]).skip(n);
        for (start, end) in starts().zip(ends) {
            each(&padded[start..end]);
        }
    }
}

fn dense(tokens: &[Token], valence: &Valence, signals: &[Signal], out: &mut Features) {
    let words: Vec<&Token> = tokens.iter().filter(|t| t.is_word()).collect();
    let n = words.len().max(1) as f32;
    let share = |list: &[&str]| {
        words
            .iter()
            .filter(|t| list.contains(&t.norm.as_str()))
            .count() as f32
            / n
    };
    let offensive = |s: &&Signal| {
        matches!(
            s.kind,
            SignalKind::Insult | SignalKind::Profanity | SignalKind::Slur | SignalKind::Threat
        )
    };
    let targeted = signals
        .iter()
        .filter(offensive)
        .filter(|s| s.targeted && !s.quoted)
        .count();
    let quoted = signals
        .iter()
        .filter(offensive)
        .filter(|s| s.quoted)
        .count();
    let mut set = |slot: Dense, v: f32| out.push((DENSE_START + slot as usize) as u32, v, NO_TOKEN);
    set(Dense::Positive, (valence.positive / 4.0).min(2.0));
    set(Dense::Negative, (valence.negative / 4.0).min(2.0));
    set(Dense::Compound, valence.compound);
    set(Dense::SecondPerson, share(SECOND_PERSON));
    set(Dense::FirstPerson, share(FIRST_PERSON));
    set(Dense::Length, (n + 1.0).ln() / 5.0);
    set(
        Dense::CapsRatio,
        words.iter().filter(|t| t.caps).count() as f32 / n,
    );
    set(
        Dense::Questions,
        tokens
            .iter()
            .filter(|t| t.norm.starts_with('?'))
            .count()
            .min(3) as f32
            / 3.0,
    );
    set(Dense::TargetedOffence, (targeted as f32).ln_1p());
    set(Dense::QuotedOffence, (quoted as f32).ln_1p());
    set(
        Dense::Obfuscated,
        words.iter().filter(|t| t.obfuscated).count().min(3) as f32 / 3.0,
    );
    for kind in SignalKind::ALL {
        let count = signals
            .iter()
            .filter(|s| s.kind == kind && !s.quoted)
            .count();
        if count > 0 {
            let slot = DENSE_START + Dense::Signal as usize + kind as usize;
            out.push(slot as u32, (count as f32).ln_1p(), NO_TOKEN);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn features(text: &str) -> Features {
        let tokens = tokenize(text);
        let mut f = Features::default();
        extract(&tokens, &valence::score(&tokens), &[], &mut f);
        f
    }

    #[test]
    fn indices_stay_in_range() {
        let f = features("Where is my ORDER?! f*ck this");
        assert!(f.index.iter().all(|&i| (i as usize) < DIM));
        assert_eq!(f.index.len(), f.value.len());
    }

    #[test]
    fn obfuscated_and_plain_spellings_share_word_features() {
        let plain = features("fuck");
        let masked = features("f*ck");
        assert_eq!(plain.index[0], masked.index[0]);
    }

    #[test]
    fn negation_changes_the_word_feature() {
        let a = features("good");
        let b = features("not good");
        assert!(!b.index.contains(&a.index[0]));
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_features_in_range(text in "\\PC{0,60}") {
            let f = features(&text);
            proptest::prop_assert!(f.index.iter().all(|&i| (i as usize) < DIM));
        }
    }

    #[test]
    fn contributions_go_to_the_right_token() {
        let f = features("bad service");
        let c = f.token_contributions(|i| if i == hash(1, &["bad"]) { 1.0 } else { 0.0 }, 2);
        assert!(c[0] > 0.0);
        assert_eq!(c[1], 0.0);
    }
}
