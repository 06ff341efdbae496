//! How a reply answers the agent's previous message.
//!
//! "No." says nothing on its own; after "Did that fix it?" it says the suggested fix failed, and
//! "Yes, thanks" after the same question says the problem is solved. The words of the reply alone
//! cannot tell these apart, so when the agent's message (the `context` of an input) checks whether
//! something worked, the opening of the reply is read as the answer to that check.

use crate::text::{Token, TokenKind, tokenize, words};

/// What the reply says about the fix the agent asked after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// It did not work: the problem is still there. `first..=last` are the answering tokens.
    NotSolved { first: usize, last: usize },
    /// It worked.
    Solved,
}

/// Words that, in a question from the agent, ask whether something worked.
#[rustfmt::skip]
const CHECKS: &[&str] = &[
    "help", "helped", "helps", "work", "worked", "works", "working", "fix", "fixed", "fixes",
    "solve", "solved", "solves", "resolve", "resolved", "resolves", "sort", "sorted", "sorts",
];

/// Openings that answer no on their own ("no", "nope") or with what follows ("not really").
const NO: &[&str] = &["no", "nope", "nah", "negative"];
const NOT_SOLVED: &[&str] = &[
    "still",
    "didn't",
    "doesn't",
    "hasn't",
    "isn't",
    "wasn't",
    "won't",
    "unfortunately",
    "sadly",
];
/// Words after "not" that make it an answer: "not really", "not at all", "not yet".
const NOT_QUITE: &[&str] = &[
    "really", "at", "yet", "quite", "exactly", "working", "fixed",
];
/// Words after "no" that keep it an answer ("no, ...", "no it's the same", "no luck"), unlike
/// "no idea why but it works".
const NO_THEN: &[&str] = &[
    "it", "it's", "its", "still", "not", "that", "luck", "change", "same",
];

const YES: &[&str] = &[
    "yes",
    "yep",
    "yeah",
    "yup",
    "perfect",
    "brilliant",
    "great",
    "sorted",
    "excellent",
    "works",
];
/// Words that, anywhere in a reply opening with yes, make it a mixed answer.
const BUT: &[&str] = &["but", "still", "except", "however", "not", "no"];

/// Reads `tokens` (the reply) as the answer to `context` (the agent's previous message), if
/// that message asks whether something worked.
pub fn answer(context: &str, tokens: &[Token]) -> Option<Answer> {
    if !asks_whether_it_worked(context) {
        return None;
    }
    let words = words(tokens);
    let (first, w0) = *words.first()?;
    let (next, w1) = words.get(1).map_or((first, ""), |&(i, w)| (i, w));
    // "it didn't", "it's still", "its still"
    let subject_then = matches!(w0, "it" | "it's" | "its" | "that") && NOT_SOLVED.contains(&w1);
    let ends_after_first = words.len() == 1 || punct_between(tokens, first, next);
    if (NO.contains(&w0) && (ends_after_first || NO_THEN.contains(&w1))) || NOT_SOLVED.contains(&w0)
    {
        return Some(Answer::NotSolved { first, last: first });
    }
    if (w0 == "not" && NOT_QUITE.contains(&w1)) || subject_then {
        return Some(Answer::NotSolved { first, last: next });
    }
    let mixed = words
        .iter()
        .any(|(_, w)| BUT.contains(w) || w.ends_with("n't"));
    (YES.contains(&w0) && !mixed).then_some(Answer::Solved)
}

/// A question in `context` with a word that asks whether something worked.
fn asks_whether_it_worked(context: &str) -> bool {
    let tokens = tokenize(context);
    let mut asked = false;
    let mut sentence_checks = false;
    for t in &tokens {
        match t.kind {
            TokenKind::Punct if t.norm.contains('?') => {
                asked |= sentence_checks;
                sentence_checks = false;
            }
            TokenKind::Punct if t.norm.contains('.') || t.norm.contains('!') => {
                sentence_checks = false;
            }
            _ if CHECKS.contains(&t.norm.as_str()) => sentence_checks = true,
            _ => {}
        }
    }
    asked
}

/// Punctuation between tokens `a` and `b`: "No, ..." or "No. ...".
fn punct_between(tokens: &[Token], a: usize, b: usize) -> bool {
    tokens[a + 1..b].iter().any(|t| !t.is_word())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(context: &str, reply: &str) -> Option<String> {
        let tokens = tokenize(reply);
        answer(context, &tokens).map(|a| match a {
            Answer::NotSolved { first, last } => {
                format!(
                    "not solved: {}",
                    &reply[tokens[first].start..tokens[last].end]
                )
            }
            Answer::Solved => "solved".to_string(),
        })
    }

    const CHECK: &str = "I've reset the router from our side. Did that fix it?";

    #[test]
    fn a_no_after_a_check_says_the_fix_failed() {
        assert_eq!(read(CHECK, "No."), Some("not solved: No".into()));
        assert_eq!(
            read(CHECK, "nope, same error"),
            Some("not solved: nope".into())
        );
        assert_eq!(
            read(CHECK, "Not really, it dropped again"),
            Some("not solved: Not really".into())
        );
        assert_eq!(
            read(CHECK, "Still the same light flashing"),
            Some("not solved: Still".into())
        );
        assert_eq!(
            read(CHECK, "it didn't change anything"),
            Some("not solved: it didn't".into())
        );
    }

    #[test]
    fn a_yes_after_a_check_says_it_is_solved() {
        assert_eq!(read(CHECK, "Yes, thank you!"), Some("solved".into()));
        assert_eq!(read(CHECK, "perfect, all working"), Some("solved".into()));
        assert_eq!(read(CHECK, "yes but it's slow now"), None);
    }

    #[test]
    fn other_openings_and_other_questions_are_not_answers() {
        assert_eq!(read(CHECK, "No idea why, but it works now"), None);
        assert_eq!(read(CHECK, "I'll try again tonight"), None);
        assert_eq!(read("What is your order number?", "No."), None);
        assert_eq!(read("That should fix it. Anything else?", "No."), None);
        assert_eq!(read("", "No."), None);
    }
}
