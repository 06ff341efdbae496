//! What the conversation shows that the substance rules read: whether the client has abused the
//! agent since the agent last held the line (in any turn, not only the last one), whether their
//! last message apologised or turned down another call back, whether they have had to chase,
//! whether their last message is heated, whether the trouble is a failure of ours, and whether
//! the client needs something within hours.
//!
//! Urgency is read from every client turn, one sentence at a time: a plea for speed ("please
//! hurry", "right now"), or something at stake ("I need", "too late", a flight, pain, a child)
//! in the same sentence as a near time ("today", "tonight", "tomorrow", a clock time). A demand
//! with a date ("refund me today", "I want it back right now") is not urgency by itself. While the client is abusing the
//! agent, the boundary comes first and urgency is not asked for.

use std::sync::OnceLock;

use super::urgency::has_clock_time;
use super::{Facts, has_any, normal};
use crate::coach::boundary::crosses;
use crate::coach::conversation::{Analysed, Role};
use crate::coach::lists;
use crate::coach::phrases::{PhraseSet, sentences};
use crate::coach::policy::Policy;
use crate::coach::situation::Situation;
use crate::coach::specifics::refused;
use crate::coach::warnings;
use crate::{Cause, Level};

/// Pleas for speed and harm happening while the client writes.
#[rustfmt::skip]
const PRESSING: &[&str] = &[
    "right now", "as we speak", "hurry", "hurry up", "be quick", "quickly", "help me fast",
    "as fast as", "urgent", "urgently", "emergency",
];

/// A demand: a time in it is the client's ask, not harm happening ("I want it back right now").
const DEMAND: &[&str] = &["want", "i expect", "give me", "refund", "refund me"];

/// Not knowing: "I don't know anything right now" tells of a state, not a plea for speed.
#[rustfmt::skip]
const UNSURE: &[&str] = &[
    "don't know", "dont know", "do not know", "not sure", "no idea", "can't think", "cant think",
];

/// Times within a day ("now" is read apart, see [`now_in_time`]).
#[rustfmt::skip]
const NEAR: &[&str] = &[
    "today", "tonight", "tomorrow", "this afternoon", "this evening",
];

/// "now" as a time ("I need it now"), not as the turn of a story ("and now you say I must pay
/// more", "now is bigger").
fn now_in_time(words: &str) -> bool {
    let words: Vec<&str> = words.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        *w == "now"
            && !words.get(i + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "you"
                        | "they"
                        | "he"
                        | "she"
                        | "we"
                        | "i"
                        | "it's"
                        | "that"
                        | "your"
                        | "the"
                        | "is"
                        | "it"
                        | "there"
                        | "there's"
                )
            })
    })
}

/// Something at stake: a need, a hard limit, an event, harm to health, money or safety.
#[rustfmt::skip]
const STAKES: &[&str] = &[
    "need", "needs", "have to", "has to", "must", "can't", "cannot", "can not", "too late",
    "won't", "fired", "funeral", "wedding", "flight", "bus", "train", "interview", "exam",
    "surgery", "swell", "swelling", "bleeding", "pain", "agony", "breathe", "seizure", "dose",
    "medication", "fraud", "stranded", "kids", "children", "baby", "unsafe",
];

/// Words that put a clock time in the past ("I called at 9am").
#[rustfmt::skip]
const PAST: &[&str] = &[
    "was", "were", "did", "had", "called", "rang", "phoned", "said", "told", "since", "ago",
];

fn apologies() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new([((), lists::words("client_apologies"))]))
}

impl Facts {
    /// The facts of `analysed` as it stands before the agent's next reply.
    pub(crate) fn of(analysed: &Analysed<'_>, policy: &Policy, situation: &Situation) -> Facts {
        let Some((_, turn, _)) = analysed.last_client() else {
            return Facts::default();
        };
        // Read as the boundary ladder reads an agent turn, so the two agree on it.
        let held_the_line = analysed
            .conversation
            .turns
            .iter()
            .rposition(|t| t.role == Role::Agent && warnings::taken(&t.text, true).is_some());
        let abusive = analysed
            .client_turns()
            .filter(|(i, _, _)| held_the_line.is_none_or(|h| *i > h))
            .any(|(_, _, a)| a.signals.iter().any(|s| crosses(s, policy)));
        let apologised = !apologies().find(&turn.text).is_empty();
        let pressed = analysed
            .client_turns()
            .any(|(_, t, _)| sentences(&t.text).any(pressing));
        let call_refused = refused(&turn.text).iter().any(|r| r.contains("call"));
        Facts {
            abusive,
            apologised,
            urgent: pressed && (!abusive || apologised),
            call_refused,
            chased: analysed.chased(),
            heated: analysed
                .last_client()
                .is_some_and(|(_, _, a)| a.level > Level::Calm),
            ours: situation.failed()
                || situation.cause.as_ref().map(|c| c.cause) == Some(Cause::ServiceFailure),
            their_clients: analysed.conversation.names_their_clients(),
        }
    }
}

/// One sentence of the client's asks for speed, or sets something at stake against a near time.
fn pressing(sentence: &str) -> bool {
    let words = normal(sentence);
    let near = has_any(&words, NEAR)
        || now_in_time(&words)
        || (has_clock_time(sentence) && !has_any(&words, PAST));
    let pleads = has_any(&words, PRESSING) && !has_any(&words, DEMAND) && !has_any(&words, UNSURE);
    pleads || (near && has_any(&words, STAKES))
}

#[cfg(test)]
mod tests {
    use super::pressing;

    #[test]
    fn a_plea_for_speed_presses_and_not_knowing_does_not() {
        assert!(pressing(
            "The money is leaving my account right now, please hurry"
        ));
        assert!(pressing("I need the form back today or I lose the flat"));
        assert!(!pressing("honestly i dont know anything right now, sorry"));
        assert!(!pressing("I want my refund right now"));
        assert!(pressing("I need the car now, my mum is in hospital"));
        assert!(!pressing("I paid in full and now you say I must pay more"));
    }
}
