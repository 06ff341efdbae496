//! What the agent has actually said on the boundary ladder: reading an agent turn for a boundary
//! statement, a final warning, a handover or the end of the conversation.
//!
//! The ladder is counted from these, not from the client's crossings: two insults the agent let
//! pass are followed by a first warning, not a final one. A handover or an end said under "if"
//! or "unless" ("if the insults continue I'll pass you to my supervisor") is only the consequence
//! a warning names. Only plain boundary words ("please don't call me names") count before any
//! crossing was found: the rest are ordinary words elsewhere ("it's not appropriate to share
//! that"), and a transfer a calm client asked for is no handover on the ladder.

use std::sync::OnceLock;

use super::lists;
use super::phrases::{PhraseSet, sentence_around, words};

/// A step the agent took in one turn, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Taken {
    /// Named the behaviour or asked for it to stop.
    Statement,
    /// Said this is the last warning.
    FinalWarning,
    /// Passed the conversation to a supervisor, or a supervisor took it over.
    Handover,
    /// Closed the conversation.
    End,
}

/// How a phrase of `boundary.txt` counts in an agent turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Plain boundary words, which count even before a crossing was found.
    Plain,
    Said(Taken),
    /// Takes the step only when said outright, not under "if" or "unless".
    Done(Taken),
    /// A supervisor's role: a handover when they introduce themselves with it.
    Role,
}

fn cues() -> &'static PhraseSet<Cue> {
    static SET: OnceLock<PhraseSet<Cue>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::new([
            (Cue::Plain, lists::boundary("agent_statement")),
            (
                Cue::Said(Taken::Statement),
                lists::boundary("agent_statement_after_crossing"),
            ),
            (
                Cue::Said(Taken::FinalWarning),
                lists::boundary("agent_final_warning"),
            ),
            (
                Cue::Done(Taken::Handover),
                lists::boundary("agent_handover"),
            ),
            (Cue::Done(Taken::End), lists::boundary("agent_end")),
            (Cue::Role, lists::boundary("supervisor_role")),
        ])
    })
}

fn introductions() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new([((), lists::boundary("introduction"))]))
}

/// The highest step an agent turn takes, if it takes any; `crossed` says whether a client turn
/// before it was found to cross a boundary.
pub(crate) fn taken(agent_text: &str, crossed: bool) -> Option<Taken> {
    cues()
        .find(agent_text)
        .into_iter()
        .filter(|hit| crossed || hit.tag == Cue::Plain)
        .filter_map(|hit| {
            let (start, end) = sentence_around(agent_text, hit.start);
            let sentence = &agent_text[start..end];
            match hit.tag {
                Cue::Plain => Some(Taken::Statement),
                Cue::Said(step) => Some(step),
                Cue::Done(_) if conditional(sentence) => Some(Taken::Statement),
                Cue::Done(step) => Some(step),
                Cue::Role
                    if !conditional(sentence) && !introductions().find(sentence).is_empty() =>
                {
                    Some(Taken::Handover)
                }
                Cue::Role => None,
            }
        })
        .max()
}

/// The sentence states a consequence rather than carrying it out.
fn conditional(sentence: &str) -> bool {
    words(sentence)
        .iter()
        .any(|w| matches!(w.as_str(), "if" | "unless" | "otherwise"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an agent turn takes after a crossing.
    fn check(text: &str, expected: Option<Taken>) {
        assert_eq!(taken(text, true), expected, "{text}");
    }

    #[test]
    fn plain_replies_take_no_step() {
        check("Let me look into the refund for you now.", None);
        check("I'll ask the duty manager to call you back.", None);
        check("I understand, and I'm sorry it has taken this long.", None);
    }

    #[test]
    fn asking_for_the_insults_to_stop_is_a_statement() {
        check(
            "I can help, but please don't call me names.",
            Some(Taken::Statement),
        );
        check(
            "I'd ask you to keep it civil so we can sort this out.",
            Some(Taken::Statement),
        );
        check("That remark is not appropriate.", Some(Taken::Statement));
        check(
            "I'd ask you not to swear at me, though, so we can sort this out together.",
            Some(Taken::Statement),
        );
        check(
            "Please keep our conversation professional.",
            Some(Taken::Statement),
        );
    }

    #[test]
    fn before_any_crossing_only_plain_boundary_words_count() {
        assert_eq!(
            taken("Please don't call me names, I'm trying to help.", false),
            Some(Taken::Statement)
        );
        assert_eq!(
            taken(
                "It's not appropriate for me to share another customer's details.",
                false
            ),
            None
        );
        assert_eq!(
            taken("If it continues after the update, call us back.", false),
            None
        );
        assert_eq!(
            taken(
                "Of course, I'm transferring you to my supervisor now.",
                false
            ),
            None
        );
    }

    #[test]
    fn a_named_consequence_is_still_a_statement() {
        check(
            "If this continues I'll have to pass you to my supervisor.",
            Some(Taken::Statement),
        );
        check(
            "Please stop swearing at me, otherwise I'm ending this call.",
            Some(Taken::Statement),
        );
    }

    #[test]
    fn the_last_warning_says_so() {
        check(
            "This is my last warning: one more insult and I end the chat.",
            Some(Taken::FinalWarning),
        );
    }

    #[test]
    fn a_handover_is_done_not_threatened() {
        check(
            "I'm transferring you to my supervisor now.",
            Some(Taken::Handover),
        );
        check(
            "Good evening, this is Priya, the shift manager. I've read the notes.",
            Some(Taken::Handover),
        );
        check("I'm ending this chat now.", Some(Taken::End));
    }
}
