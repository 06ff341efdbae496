//! The playbook moves an agent can make, and finding which of them an agent's text makes.
//!
//! Detection is by plain phrases (with a promise that has a time counting as a next step), so
//! that the course of a conversation can show which moves came before a client calmed down.

use std::sync::OnceLock;

use super::conversation::{Timestamp, UtcOffset};
use super::lists;
use super::phrases::PhraseSet;
use super::promises::promises;

/// One step of the playbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Move {
    /// Name the feeling and show it is understood.
    Acknowledge,
    /// Say their points back and ask whether that is right.
    Paraphrase,
    /// A sincere apology for their experience.
    Apologise,
    /// An open question: what went wrong, the deadline behind the pressure, what a good outcome is.
    OpenQuestion,
    /// Two or three concrete ways forward to choose from.
    Options,
    /// Be open about what cannot be done.
    Limits,
    /// What happens next, and when.
    NextStep,
    /// State what is acceptable, warn, or hand over, as the policy step says.
    Boundary,
}

impl Move {
    pub const ALL: [Move; 8] = [
        Move::Acknowledge,
        Move::Paraphrase,
        Move::Apologise,
        Move::OpenQuestion,
        Move::Options,
        Move::Limits,
        Move::NextStep,
        Move::Boundary,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Move::Acknowledge => "acknowledge",
            Move::Paraphrase => "paraphrase",
            Move::Apologise => "apologise",
            Move::OpenQuestion => "open_question",
            Move::Options => "options",
            Move::Limits => "limits",
            Move::NextStep => "next_step",
            Move::Boundary => "boundary",
        }
    }

    pub fn parse(s: &str) -> Option<Move> {
        Move::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// A move found in an agent's text, with the words that show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveHit {
    pub kind: Move,
    pub start: usize,
    pub end: usize,
}

/// The phrases of `data/moves.txt`, tagged with their move.
fn shown_by() -> &'static PhraseSet<Move> {
    static SET: OnceLock<PhraseSet<Move>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::new(lists::rows(lists::MOVES).map(|r| {
            (
                Move::parse(r[0]).expect("moves in moves.txt are known"),
                [r[1]],
            )
        }))
    })
}

/// Every move `agent_text` makes, each once (at its first showing), in text order.
pub fn detect(agent_text: &str, sent_at: Timestamp, offset: UtcOffset) -> Vec<MoveHit> {
    let mut hits: Vec<MoveHit> = shown_by()
        .find(agent_text)
        .into_iter()
        .filter_map(|h| {
            Some(MoveHit {
                kind: sympathy_or(h.tag, &agent_text[h.end..])?,
                start: h.start,
                end: h.end,
            })
        })
        .collect();
    hits.extend(open_questions(agent_text));
    hits.extend(
        promises(agent_text, sent_at, offset)
            .into_iter()
            .filter(|p| p.due.is_some())
            .map(|p| MoveHit {
                kind: Move::NextStep,
                start: p.start,
                end: p.end,
            }),
    );
    hits.sort_by_key(|h| h.start);
    let mut seen = Vec::new();
    hits.retain(|h| {
        let first = !seen.contains(&h.kind);
        seen.push(h.kind);
        first
    });
    hits
}

/// "I'm sorry to hear that" or "sorry for your loss" is sympathy, which acknowledges: it owns
/// nothing, so an apology for what we did is still owed after it. "Sorry you feel that way"
/// is neither: it is no move at all (the draft check calls it dismissive), and the apology is
/// still owed. `after` is the text that follows the phrase.
fn sympathy_or(kind: Move, after: &str) -> Option<Move> {
    let after = after.trim_start().to_lowercase();
    let sympathy = [
        "to hear",
        "to learn",
        "to see",
        "for your loss",
        "about your loss",
    ];
    let their_feeling = [
        "you feel",
        "you felt",
        "if you",
        "that you feel",
        "that you felt",
    ];
    match kind {
        Move::Apologise if their_feeling.iter().any(|s| after.starts_with(s)) => None,
        Move::Apologise if sympathy.iter().any(|s| after.starts_with(s)) => Some(Move::Acknowledge),
        _ => Some(kind),
    }
}

/// Questions that start with an open word ("what", "how", "tell me"), as spans of the question.
fn open_questions(text: &str) -> Vec<MoveHit> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '\n') {
            start = i + 1;
        } else if c == '?' {
            let q = text[start..i].trim_start();
            let q_start = i - q.len();
            let lower = q.to_lowercase();
            let open = lists::words("open_question_starts").iter().any(|w| {
                lower.starts_with(w)
                    || lower.contains(&format!(", {w} "))
                    || lower.contains(&format!(" {w} would"))
            });
            if open {
                out.push(MoveHit {
                    kind: Move::OpenQuestion,
                    start: q_start,
                    end: i + 1,
                });
            }
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        detect(text, Timestamp(1_772_442_000), UtcOffset::UTC)
            .into_iter()
            .map(|h| h.kind.as_str())
            .collect()
    }

    #[test]
    fn finds_each_move_once_in_order() {
        assert_eq!(
            kinds(
                "I'm sorry, that sounds really frustrating. If I understand right, the parcel never came - is that right? What would a good outcome look like for you? I'll call you back by 3pm."
            ),
            [
                "apologise",
                "acknowledge",
                "paraphrase",
                "open_question",
                "next_step"
            ]
        );
        assert_eq!(
            kinds("We have two options: a replacement or a refund. I can't waive the fee, though."),
            ["options", "limits"]
        );
        assert_eq!(
            kinds("I want to help, but I won't continue if the insults go on."),
            ["boundary"]
        );
    }

    #[test]
    fn sympathy_acknowledges_and_owes_the_apology_still() {
        assert_eq!(kinds("I'm sorry to hear that."), ["acknowledge"]);
        assert_eq!(kinds("So sorry for your loss."), ["acknowledge"]);
        assert_eq!(kinds("I'm sorry we lost your booking."), ["apologise"]);
        // Sorry for their feeling is no apology, and the apology is still owed.
        assert!(kinds("I'm sorry you feel that way.").is_empty());
    }

    #[test]
    fn a_plain_answer_makes_no_move() {
        assert!(kinds("Your order number is 4411. Is there anything else?").is_empty());
        assert!(
            kinds("I'll look into it.").is_empty(),
            "a promise without a time is not a next step"
        );
    }
}
