//! Finds the cue phrases of [`super::cues`] in a message, in one pass of an Aho-Corasick
//! automaton over the normalised word stream, and decides which hits are negated.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::cues::{CUES, NEGATORS, SCOPE_BREAKERS};
use super::words::Words;
use crate::text::Token;

/// One cue phrase found in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hit {
    /// Index into [`CUES`].
    pub cue: usize,
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// A negation reaches the cue ("it's not broken"): it does not count.
    pub negated: bool,
}

struct Automaton {
    ac: AhoCorasick,
    /// For each pattern: the cue it belongs to, and whether it starts with a negator itself.
    patterns: Vec<(usize, bool)>,
}

fn automaton() -> &'static Automaton {
    static AUTOMATON: OnceLock<Automaton> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let mut needles = Vec::new();
        let mut patterns = Vec::new();
        for (i, cue) in CUES.iter().enumerate() {
            for phrase in cue.phrases {
                let needle = match phrase.strip_suffix('*') {
                    Some(stem) => format!(" {stem}"),
                    None => format!(" {phrase} "),
                };
                let first = phrase.split(' ').next().unwrap_or_default();
                needles.push(needle);
                patterns.push((i, NEGATORS.contains(&first)));
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&needles)
            .expect("cue phrases build an automaton");
        Automaton { ac, patterns }
    })
}

/// Every cue phrase in the text, in order of position.
pub(crate) fn hits(tokens: &[Token]) -> Vec<Hit> {
    let words = Words::new(tokens);
    let auto = automaton();
    let mut out = Vec::new();
    for m in auto.ac.find_overlapping_iter(&words.joined) {
        let (cue, starts_negated) = auto.patterns[m.pattern().as_usize()];
        let Some(first) = words.item_at(m.start() + 1) else {
            continue;
        };
        // The last byte of the needle is either a space (whole word) or inside the last word (stem).
        let last_byte = if words.joined.as_bytes()[m.end() - 1] == b' ' {
            m.end() - 2
        } else {
            m.end() - 1
        };
        let last = words.items.partition_point(|it| it.start <= last_byte) - 1;
        let negated = CUES[cue].negatable()
            && ((!starts_negated && negated_before(&words, first))
                || words
                    .items
                    .get(last + 1)
                    .is_some_and(|_| words.word(last + 1) == "not"));
        let (start, end) = (
            tokens[words.items[first].token].start,
            tokens[words.items[last].token].end,
        );
        out.push(Hit {
            cue,
            start,
            end,
            negated,
        });
    }
    out.sort_by_key(|h| (h.start, h.end, h.cue));
    out.dedup_by_key(|h| (h.start, h.end, h.cue));
    // The longest phrase says what the words mean: "lost" inside "lost my job" is no lost
    // parcel, and "lost" inside "lost in translation" is no failure.
    let inside_another = |h: &Hit| {
        out.iter().any(|o| {
            CUES[o.cue].cause != CUES[h.cue].cause
                && o.start <= h.start
                && h.end <= o.end
                && o.end - o.start > h.end - h.start
        })
    };
    let inside: Vec<bool> = out.iter().map(inside_another).collect();
    let mut inside = inside.into_iter();
    out.retain(|_| !inside.next().unwrap_or(false));
    out
}

/// Whether one of the three words before item `first`, within its clause, is a negator.
fn negated_before(words: &Words, first: usize) -> bool {
    (first.saturating_sub(3)..first)
        .rev()
        .map(|i| words.word(i))
        .take_while(|w| !SCOPE_BREAKERS.contains(w))
        .any(|w| NEGATORS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn found(text: &str) -> Vec<(String, bool)> {
        hits(&tokenize(text))
            .into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.negated))
            .collect()
    }

    #[test]
    fn matches_whole_words_stems_and_contractions() {
        assert_eq!(found("It crashed twice"), [("crashed".to_string(), false)]);
        assert_eq!(
            found("the package didn't arrive"),
            [("didn't arrive".to_string(), false)]
        );
        assert_eq!(found("bugle"), []);
    }

    #[test]
    fn a_word_inside_a_longer_phrase_of_another_cause_is_not_read_alone() {
        let words =
            |text: &str| -> Vec<String> { found(text).into_iter().map(|(w, _)| w).collect() };
        let job = words("I lost my job in January");
        assert!(job.contains(&"lost my job".to_string()), "{job:?}");
        assert!(!job.contains(&"lost".to_string()), "{job:?}");
        assert!(words("you lost my parcel").contains(&"lost".to_string()));
    }

    #[test]
    fn negation_turns_a_cue_off_within_its_clause() {
        assert_eq!(found("it's not broken"), [("broken".to_string(), true)]);
        assert_eq!(
            found("not my fault, it's broken"),
            [("broken".to_string(), false)]
        );
        assert_eq!(
            found("not only ugly but broken"),
            [("broken".to_string(), false)]
        );
        assert_eq!(
            found("they said it wouldn't"),
            [("said it wouldn't".to_string(), true)]
        );
        assert_eq!(found("I can't pay rent"), [("rent".to_string(), false)]);
    }
}
