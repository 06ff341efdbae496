//! The playbook moves an agent can make, and finding which of them an agent's text makes.
//!
//! Detection is by plain phrases (with a promise that has a time counting as a next step), so
//! that the course of a conversation can show which moves came before a client calmed down.

use std::sync::OnceLock;

use super::conversation::{Timestamp, UtcOffset};
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

/// Phrases that show each move. Questions are found separately (an open question needs a `?`).
const SHOWN_BY: &[(Move, &[&str])] = &[
    (
        Move::Acknowledge,
        &[
            "i understand",
            "i can understand",
            "i can see",
            "i can imagine",
            "i hear you",
            "i hear how",
            "that sounds",
            "must be",
            "must have been",
            "frustrating",
            "upsetting",
            "worrying",
            "stressful",
            "exhausting",
            "disappointing",
            "maddening",
            "i get why",
            "i see why",
            "understandable",
            "understandably",
            "no wonder",
            "completely fair",
            "that's fair",
            "fair to be",
            "right to be",
            "makes sense that you",
            "i'd feel the same",
            "i would feel the same",
            "i know how much",
            "i realise how",
            "i realize how",
            "i appreciate how",
            "i can tell",
            "thank you for telling me",
            "thanks for telling me",
            "thank you for explaining",
        ],
    ),
    (
        Move::Paraphrase,
        &[
            "if i understand",
            "if i've understood",
            "if i have understood",
            "so what you're saying",
            "what i'm hearing",
            "let me make sure",
            "to make sure i",
            "did i get that right",
            "have i got that right",
            "is that right",
            "is that correct",
            "am i right",
            "do i have that right",
            "let me check i",
            "let me check that i",
            "so you're telling me",
            "you're telling me",
            "just to confirm",
            "to confirm",
            "so, to sum up",
            "to sum up",
            "if i've got this right",
            "if i have this right",
            "so the problem is",
            "so the issue is",
        ],
    ),
    (
        Move::Apologise,
        &[
            "i'm sorry",
            "i am sorry",
            "i'm so sorry",
            "i am so sorry",
            "i apologise",
            "i apologize",
            "my apologies",
            "apologies",
            "sorry",
        ],
    ),
    (
        Move::Options,
        &[
            "option",
            "options",
            "alternatively",
            "either",
            "you could choose",
            "would you prefer",
            "which would you prefer",
            "which works better",
            "two ways",
            "a few ways",
            "two choices",
            "a choice",
            "you can choose",
            "whichever you prefer",
        ],
    ),
    (
        Move::Limits,
        &[
            "i can't",
            "i cannot",
            "i'm not able to",
            "i am not able to",
            "we can't",
            "we cannot",
            "we're not able to",
            "we are not able to",
            "unable to",
            "isn't something i can",
            "is not something i can",
            "not in a position to",
            "outside what i can",
            "beyond what i can",
            "i'm not allowed",
            "i am not allowed",
            "what i can do",
            "what i can't do",
            "to be straight with you",
            "to be open with you",
            "to be honest with you",
        ],
    ),
    (
        Move::NextStep,
        &[
            "next step",
            "next steps",
            "here's what happens",
            "here is what happens",
            "what happens next",
            "here's the plan",
            "here is the plan",
        ],
    ),
    (
        Move::Boundary,
        &[
            "language",
            "respectful",
            "respectfully",
            "abusive",
            "insults",
            "not acceptable",
            "isn't acceptable",
            "won't continue",
            "will not continue",
            "end this conversation",
            "end this chat",
            "end the call",
            "hand this over",
            "pass this to",
            "hand you over",
            "my supervisor",
            "a supervisor",
        ],
    ),
];

fn shown_by() -> &'static PhraseSet<Move> {
    static SET: OnceLock<PhraseSet<Move>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new(SHOWN_BY.iter().copied()))
}

/// Words that open a question the client answers in their own words.
const OPEN_QUESTION_WORDS: &[&str] = &[
    "what",
    "how",
    "when",
    "which",
    "why",
    "where",
    "who",
    "tell me",
    "walk me through",
    "could you describe",
    "can you describe",
    "help me understand",
    "could you share",
    "can you share",
];

/// Every move `agent_text` makes, each once (at its first showing), in text order.
pub fn detect(agent_text: &str, sent_at: Timestamp, offset: UtcOffset) -> Vec<MoveHit> {
    let mut hits: Vec<MoveHit> = shown_by()
        .find(agent_text)
        .into_iter()
        .map(|h| MoveHit {
            kind: h.tag,
            start: h.start,
            end: h.end,
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
            let open = OPEN_QUESTION_WORDS.iter().any(|w| {
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
    fn a_plain_answer_makes_no_move() {
        assert!(kinds("Your order number is 4411. Is there anything else?").is_empty());
        assert!(
            kinds("I'll look into it.").is_empty(),
            "a promise without a time is not a next step"
        );
    }
}
