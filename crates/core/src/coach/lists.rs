//! The phrase lists and wordings of coaching, kept as plain text in `coach/data/` so they read
//! and change as lists, compiled in and parsed once on first use.
//!
//! - `tone.txt`: `kind | phrase | rewrite` rows the draft check flags.
//! - `moves.txt`: `move | phrase` rows that show a move in agent text.
//! - `wordings.txt`: `[section]`s of wordings per move, and the ways forward per cause.
//! - `words.txt`: `[section]`s of word lists (vague times, acronyms, ...).
//! - `boundary.txt`: `[section]`s of the boundary ladder (violent words, the agent's warnings).
//! - `situation.txt`: `[section]`s of phrase families (vulnerability, urgency, failure, domain).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::phrases::PhraseSet;

pub(crate) const TONE: &str = include_str!("data/tone.txt");
pub(crate) const MOVES: &str = include_str!("data/moves.txt");
const WORDINGS: &str = include_str!("data/wordings.txt");
const WORDS: &str = include_str!("data/words.txt");
const BOUNDARY: &str = include_str!("data/boundary.txt");
const SITUATION: &str = include_str!("data/situation.txt");

/// Lines that are not blank and not `#` comments.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The `|`-separated cells of every row of a table.
pub(crate) fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    lines(text).map(|l| l.split('|').map(str::trim).collect())
}

fn sections(text: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut current = "";
    for line in lines(text) {
        match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(name) => current = name,
            None => out.entry(current).or_default().push(line),
        }
    }
    out
}

fn section_of(
    cache: &'static OnceLock<HashMap<&'static str, Vec<&'static str>>>,
    text: &'static str,
    name: &str,
) -> &'static [&'static str] {
    cache
        .get_or_init(|| sections(text))
        .get(name)
        .map_or(&[], Vec::as_slice)
}

/// The wordings under `[name]` in `wordings.txt`.
pub(crate) fn wordings(name: &str) -> &'static [&'static str] {
    static CACHE: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    section_of(&CACHE, WORDINGS, name)
}

/// The words under `[name]` in `words.txt`.
pub(crate) fn words(name: &str) -> &'static [&'static str] {
    static CACHE: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    section_of(&CACHE, WORDS, name)
}

/// The phrases under `[name]` in `boundary.txt`.
pub(crate) fn boundary(name: &str) -> &'static [&'static str] {
    static CACHE: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    section_of(&CACHE, BOUNDARY, name)
}

/// The phrase lines under `[name]` in `situation.txt`.
pub(crate) fn situation(name: &str) -> &'static [&'static str] {
    static CACHE: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    section_of(&CACHE, SITUATION, name)
}

/// The `words.txt` lists looked for in a text as a whole. In a draft: words showing it took in
/// what the client said (`heard`), a line held in words the boundary move may not list
/// (`holds_the_line`), a hand-over or the end of the call (`hands_over`), the client's safety
/// put first (`puts_safety_first`). In what the agent found: that we were right (`upholds`) or
/// that a fault is ours (`admits`). In a client's message: a request for someone more senior
/// (`asks_for_senior`). In an agent's turn: ending the conversation named as what comes next
/// (`names_the_end`).
const WHOLE_TEXT: [&str; 9] = [
    "heard",
    "holds_the_line",
    "hands_over",
    "puts_safety_first",
    "upholds",
    "admits",
    "asks_for_senior",
    "names_the_end",
    "refuses_apology",
];

/// Whether `text` has a phrase of the `words.txt` list `name` (one of [`WHOLE_TEXT`]).
pub(crate) fn says(name: &str, text: &str) -> bool {
    debug_assert!(
        WHOLE_TEXT.contains(&name),
        "{name} is not a whole-text list"
    );
    static SETS: OnceLock<HashMap<&'static str, PhraseSet<()>>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        WHOLE_TEXT
            .into_iter()
            .map(|n| (n, PhraseSet::new([((), words(n))])))
            .collect()
    });
    sets.get(name).is_some_and(|set| !set.find(text).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whole_text_list_has_phrases_and_finds_them() {
        for name in WHOLE_TEXT {
            let words = words(name);
            assert!(
                !words.is_empty(),
                "[{name}] is empty or missing in words.txt"
            );
            assert!(says(name, &format!("Well, {}.", words[0])), "{name}");
        }
        assert!(says(
            "admits",
            "The client is right: it was never processed."
        ));
    }
    use crate::coach::moves::Move;
    use crate::coach::tone::Kind;

    #[test]
    fn every_table_row_names_a_known_kind_and_every_section_is_filled() {
        for row in rows(TONE) {
            assert_eq!(row.len(), 3, "{row:?}");
            assert!(
                Kind::ALL.iter().any(|k| k.as_str() == row[0]),
                "unknown kind in {row:?}"
            );
        }
        for row in rows(MOVES) {
            assert_eq!(row.len(), 2, "{row:?}");
            assert!(Move::parse(row[0]).is_some(), "unknown move in {row:?}");
        }
        for name in [
            "vague",
            "always_vague",
            "not_a_commitment",
            "done",
            "acronyms",
            "client_apologies",
            "open_question_starts",
            "heard",
            "hands_over",
            "holds_the_line",
        ] {
            assert!(!words(name).is_empty(), "[{name}] is empty");
        }
        for name in [
            "violence",
            "agent_statement",
            "agent_statement_after_crossing",
            "agent_final_warning",
            "agent_handover",
            "supervisor_role",
            "introduction",
            "agent_end",
        ] {
            assert!(!boundary(name).is_empty(), "[{name}] is empty");
        }
        assert!(wordings("acknowledge").len() >= 5);
        assert!(wordings("no_such_section").is_empty());
    }
}
