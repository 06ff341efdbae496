//! Finding fixed phrases in free text, and telling whether a wording repeats the agent.
//!
//! Matching is ASCII case-insensitive and respects word boundaries, so "just" does not fire
//! inside "adjust". Every phrase written with `'` also matches the typographic `’`. Spans are
//! byte offsets into the text as written.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A set of phrases, each tagged with a value of type `T` (a finding kind, a move, ...).
pub(crate) struct PhraseSet<T> {
    matcher: AhoCorasick,
    tags: Vec<T>,
}

/// One phrase found: its tag and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit<T> {
    pub tag: T,
    pub start: usize,
    pub end: usize,
}

impl<T: Copy> PhraseSet<T> {
    pub fn new<G, S>(groups: G) -> Self
    where
        G: IntoIterator<Item = (T, S)>,
        S: IntoIterator,
        S::Item: AsRef<str>,
    {
        let mut patterns = Vec::new();
        let mut tags = Vec::new();
        for (tag, phrases) in groups {
            for phrase in phrases {
                let phrase = phrase.as_ref();
                patterns.push(phrase.to_string());
                tags.push(tag);
                if phrase.contains('\'') {
                    patterns.push(phrase.replace('\'', "’"));
                    tags.push(tag);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // Cheap to build: some sets are built per call (the policy's phrases), and texts are short.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .expect("phrase lists are small and valid");
        PhraseSet { matcher, tags }
    }

    /// Non-overlapping hits at word boundaries, in text order.
    pub fn find(&self, text: &str) -> Vec<Hit<T>> {
        self.matcher
            .find_iter(text)
            .filter(|m| at_word_boundary(text, m.start(), m.end()))
            .map(|m| Hit {
                tag: self.tags[m.pattern().as_usize()],
                start: m.start(),
                end: m.end(),
            })
            .collect()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The match neither starts nor ends inside a word (phrase edges that are not letters always pass).
pub(crate) fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let edge_ok = |inner: Option<char>, outer: Option<char>| {
        !(inner.is_some_and(is_word_char) && outer.is_some_and(is_word_char))
    };
    edge_ok(first, before) && edge_ok(last, after)
}

/// Lower-case words of `text`, apostrophes kept ("don't"), everything else a separator.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('’', "'").to_lowercase())
        .collect()
}

/// Whether any of [`words`] of `text` is one of `list` (lower case).
pub(crate) fn has_word(text: &str, list: &[&str]) -> bool {
    words(text).iter().any(|w| list.contains(&w.as_str()))
}

/// `text`, lower-cased with typographic apostrophes made plain, holds one of `phrases`
/// (lower case) anywhere.
pub(crate) fn mentions_any(text: &str, phrases: &[&str]) -> bool {
    let lower = text.to_lowercase().replace('’', "'");
    phrases.iter().any(|p| lower.contains(p))
}

/// How many words in a row two texts may share before a wording counts as a repeat.
const REPEAT_RUN: usize = 4;

/// Runs of [`REPEAT_RUN`] consecutive words, used to spot a wording the agent already used.
pub(crate) fn shingles(text: &str) -> HashSet<Vec<String>> {
    words(text)
        .windows(REPEAT_RUN)
        .map(<[String]>::to_vec)
        .collect()
}

/// `candidate` shares a run of [`REPEAT_RUN`] words with what the agent already wrote.
pub(crate) fn repeats(candidate: &str, used: &HashSet<Vec<String>>) -> bool {
    words(candidate)
        .windows(REPEAT_RUN)
        .any(|w| used.contains(w))
}

/// Whether byte `i` of `text` is a dot between digits ("7.30am", "£12.50"): part of a number
/// or a time, not the end of a sentence.
pub(crate) fn dot_between_digits(text: &str, i: usize) -> bool {
    let digit_at = |k: usize| text.as_bytes().get(k).is_some_and(u8::is_ascii_digit);
    text.as_bytes().get(i) == Some(&b'.') && i > 0 && digit_at(i - 1) && digit_at(i + 1)
}

/// The sentence of `text` around byte `at`: from after the previous `.`, `!`, `?` or newline to the next.
pub(crate) fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let is_stop = |(i, c): &(usize, char)| match c {
        '!' | '?' | '\n' => true,
        '.' => !dot_between_digits(text, *i),
        _ => false,
    };
    let start = text[..at]
        .char_indices()
        .rev()
        .find(is_stop)
        .map_or(0, |(i, _)| i + 1);
    let end = text[at..]
        .char_indices()
        .map(|(i, c)| (at + i, c))
        .find(is_stop)
        .map_or(text.len(), |(i, _)| i + 1);
    let lead = text[start..end].len() - text[start..end].trim_start().len();
    (start + lead, end)
}

/// The sentences of `text`, as [`sentence_around`] cuts them.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let (s, e) = sentence_around(text, at);
        at = e.max(at + 1);
        Some(&text[s..e.max(s)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_only_and_both_apostrophes() {
        let set = PhraseSet::new([(1, ["just", "that's not true"])]);
        assert!(set.find("Please adjust the date").is_empty());
        let hits = set.find("It's just a delay. That’s not true!");
        assert_eq!(hits.len(), 2);
        assert_eq!(
            &"It's just a delay. That’s not true!"[hits[1].start..hits[1].end],
            "That’s not true"
        );
    }

    #[test]
    fn repeats_needs_a_run_of_four_words() {
        let used = shingles("I can see why this is so frustrating for you.");
        assert!(repeats(
            "Honestly, I can see why this would upset anyone.",
            &used
        ));
        assert!(!repeats("That sounds really frustrating for you.", &used));
    }

    #[test]
    fn sentence_around_finds_the_enclosing_sentence() {
        let t = "Hello there. I will call you tomorrow! Bye";
        let at = t.find("call").unwrap();
        assert_eq!(
            &t[sentence_around(t, at).0..sentence_around(t, at).1],
            "I will call you tomorrow!"
        );
    }
}
