//! What the client's latest message leaves open.
//!
//! A reply owes a next step only when something is left to act on. A message that says the
//! matter is settled ("it arrived this morning"), thanks the agent, apologises for the client's
//! tone, or asks a question the agent can answer on the spot ("do you deliver to Ireland?")
//! leaves nothing: the reply closes instead of promising an update. A message is open when any
//! of its points lies outside those sentences, when it presses (a demand, a deadline, a repeated
//! contact, a threat to take it further), or when it asks after the state of something ("when
//! will the engineer come?"), which takes finding out.

use std::ops::Range;

use super::plan::upset;
use crate::causes::hits;
use crate::concerns::{apology, scorns, sentences};
use crate::text::{Token, tokenize};
use crate::types::{Analysis, Concern, SignalKind};

/// How a reply to a message that leaves nothing open ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Close {
    /// The matter is settled: glad it is, and an offer of more help.
    Settled,
    /// They thanked the agent: welcome, and an offer of more help.
    Thanks,
    /// A question the agent answers in the reply: the answer, and an offer of more help.
    Answer,
    /// Only an apology for their tone: accepting it is the whole reply.
    Apology,
}

impl Close {
    /// The `wordings.txt` section of the line that ends the reply.
    pub(crate) fn section(self) -> &'static str {
        match self {
            Close::Settled => "close.settled",
            Close::Thanks => "close.thanks",
            Close::Answer => "close.answer",
            Close::Apology => "close.apology",
        }
    }
}

/// What the latest message asks of the reply beyond the planned moves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Latest {
    /// They apologised for their tone: the reply accepts it.
    pub apologised: bool,
    /// Nothing is left open: how the reply ends instead of with a next step.
    pub closed: Option<Close>,
}

/// Reads the latest client message `text` with its analysis `a`. A question asked in anger is
/// a grievance, not one to simply answer.
pub(crate) fn read(text: &str, a: &Analysis) -> Latest {
    let calm = !upset(a);
    let tokens = tokenize(text);
    let apologies = apology::for_tone(text, &tokens);
    let cues: Vec<Range<usize>> = hits(&tokens)
        .into_iter()
        .filter(|h| !h.negated)
        .map(|h| h.start..h.end)
        .collect();
    let kinds: Vec<(Range<usize>, Kind)> = sentences::split(text)
        .into_iter()
        .map(|s| {
            let words = words_of(&tokens, &s, &apologies);
            let problem = cues.iter().any(|c| s.start <= c.start && c.end <= s.end);
            let sentence = &text[s.clone()];
            // A question that only scorns ("what is the point of paying for express?") is a
            // point of its own, not one to answer and close on.
            let question = sentence.contains('?');
            let kind = if question && scorns(sentence) {
                Kind::Open
            } else {
                kind(&words, question, problem)
            };
            (s, kind)
        })
        .collect();
    let within = |c: &Concern, k: Kind| {
        kinds
            .iter()
            .any(|(s, kind)| *kind == k && s.start <= c.start && c.end <= s.end)
    };
    // A point in a settled or thankful sentence is what was settled; one in a question is
    // what they want to know, unless it asks for something to be done.
    let resting = |c: &Concern| {
        within(c, Kind::Settled)
            || within(c, Kind::Thanks)
            || within(c, Kind::Question) && knowing(&c.text).is_some()
    };
    let presses = a
        .signals
        .iter()
        .any(|s| !s.quoted && PRESSING.contains(&s.kind));
    let has = |k: Kind| kinds.iter().any(|(_, kind)| *kind == k);
    let asks_after = a
        .concerns
        .iter()
        .filter_map(|c| knowing(&c.text))
        .any(|rest| STATUS.iter().any(|w| rest.starts_with(w)));
    let open = presses || asks_after || has(Kind::Open) || !a.concerns.iter().all(resting);
    let closed = if open {
        None
    } else if has(Kind::Question) {
        calm.then_some(Close::Answer)
    } else if has(Kind::Settled) {
        Some(Close::Settled)
    } else if has(Kind::Thanks) {
        Some(Close::Thanks)
    } else {
        (!apologies.is_empty()).then_some(Close::Apology)
    };
    Latest {
        apologised: !apologies.is_empty(),
        closed,
    }
}

/// What one sentence does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Apologises for their tone, greets, or signs off: nothing to act on.
    Nothing,
    Settled,
    Thanks,
    Question,
    /// Anything else: a point of its own.
    Open,
}

/// The words of sentence `s`, without those of an apology for the client's tone.
fn words_of<'t>(tokens: &'t [Token], s: &Range<usize>, apologies: &[Range<usize>]) -> Vec<&'t str> {
    let apology = |t: &Token| {
        apologies
            .iter()
            .any(|a| a.start <= t.start && t.end <= a.end)
    };
    tokens
        .iter()
        .filter(|t| s.start <= t.start && t.end <= s.end && t.is_word() && !apology(t))
        .map(|t| t.norm.as_str())
        .collect()
}

/// What a sentence of `words` does; `problem` when a cause cue lies in it ("arrived broken").
fn kind(words: &[&str], question: bool, problem: bool) -> Kind {
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    // "I'd appreciate a copy by email", "I would be grateful if ...": thanks for what is still
    // to be done is a request.
    let requesting = has(THANKS) && has(&["i'd", "i’d", "would", "wd"]);
    if has(CONTRASTS) || requesting {
        Kind::Open
    } else if question {
        Kind::Question
    } else if has(THANKS)
        && words
            .iter()
            .all(|w| PLEASANTRIES.contains(w) || THANKS.contains(w))
    {
        Kind::Thanks
    } else if words.iter().all(|w| PLEASANTRIES.contains(w)) {
        Kind::Nothing
    } else if settles(words) && !problem {
        Kind::Settled
    } else if has(THANKS) && !problem {
        Kind::Thanks
    } else {
        Kind::Open
    }
}

/// The sentence says the matter is settled: "it's working now", "the parcel arrived", "all
/// sorted", with nothing denying it ("it still hasn't arrived", "nothing works").
fn settles(words: &[&str]) -> bool {
    let denied = |i: usize| {
        words[i.saturating_sub(3)..i].iter().any(|w| {
            matches!(
                *w,
                "not" | "never" | "no" | "yet" | "nothing" | "stopped" | "if"
            ) || w.ends_with("n't")
        })
    };
    let all = words
        .windows(2)
        .any(|w| w[0] == "all" && matches!(w[1], "good" | "fine" | "set" | "sorted" | "working"));
    all || words
        .iter()
        .enumerate()
        .any(|(i, w)| SETTLED.contains(w) && !denied(i))
}

/// What a point asks to know, when it only asks to know: "you want to know whether ...", "you
/// want us to confirm ...".
fn knowing(concern: &str) -> Option<&str> {
    [
        "you want to know ",
        "you want us to tell you ",
        "you want us to confirm ",
        "you want us to explain ",
        "you want us to let you know ",
    ]
    .iter()
    .find_map(|p| concern.strip_prefix(p))
}

/// What a question asks after when it asks after the state of something, which takes finding
/// out ("when the engineer will come", "where your refund is").
const STATUS: &[&str] = &[
    "when ",
    "where ",
    "why ",
    "how long ",
    "what happened",
    "what's happening",
    "if your ",
    "whether your ",
];

/// Signals that press for action: the message is open whatever else it says.
const PRESSING: &[SignalKind] = &[
    SignalKind::Demand,
    SignalKind::Deadline,
    SignalKind::RepeatedContact,
    SignalKind::EscalationThreat,
    SignalKind::Unresolved,
];

/// Words that turn a sentence against what it granted: "thanks, but it still crashes".
/// Asking for news is asking after the state of things: "any update?".
const CONTRASTS: &[&str] = &[
    "but",
    "however",
    "though",
    "although",
    "still",
    "except",
    "unfortunately",
    "update",
    "updates",
    "news",
    "progress",
    "status",
];

#[rustfmt::skip]
const THANKS: &[&str] = &[
    "thanks", "thank", "thx", "ty", "cheers", "appreciate", "appreciated", "grateful", "thankful",
];

/// Words that, not denied, say the matter is over.
#[rustfmt::skip]
const SETTLED: &[&str] = &[
    "sorted", "resolved", "fixed", "solved", "arrived", "received", "works", "working", "worked",
    "refunded", "restored", "delivered", "reconnected", "unlocked", "cleared", "nevermind",
    "settled",
];

/// Words of a greeting, a sign-off or a plain acknowledgement.
#[rustfmt::skip]
const PLEASANTRIES: &[&str] = &[
    "hi", "hello", "hey", "ok", "okay", "great", "perfect", "brilliant", "lovely", "awesome",
    "cool", "fantastic", "excellent", "wonderful", "amazing", "super", "nice", "good", "have",
    "a", "an", "the", "day", "weekend", "evening", "night", "morning", "afternoon", "bye",
    "goodbye", "regards", "best", "kind", "wishes", "all", "fine", "noted", "understood", "sure",
    "alright", "right", "yes", "yeah", "yep", "ah", "oh", "phew", "so", "very", "much",
    "really", "again", "and", "you", "too", "rest", "of", "your", "take", "care", "speak", "soon",
    "talk", "later", "many", "that's", "it", "is", "got", "it's", "wow", "for", "help", "helping",
    "me", "that", "this", "was", "just", "what", "needed", "i", "lot", "everything", "quick",
    "reply", "response", "answer", "info", "information", "explaining", "now",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Analyzer, Input};

    fn reading(text: &str) -> Latest {
        let analysis = Analyzer::new().analyze(&Input::new(text));
        read(text, &analysis)
    }

    #[test]
    fn a_message_that_leaves_nothing_open_closes_the_reply() {
        for (text, close) in [
            ("Thanks, it arrived this morning!", Close::Settled),
            ("All sorted now, the app is working.", Close::Settled),
            ("Thank you so much for your help.", Close::Thanks),
            ("Do you deliver to Ireland?", Close::Answer),
            ("Great, thanks. Is the shop open on Sundays?", Close::Answer),
            ("Sorry for snapping at you earlier.", Close::Apology),
            (
                "Apologies for my earlier message, I was stressed. Thanks for sorting it.",
                Close::Thanks,
            ),
        ] {
            assert_eq!(reading(text).closed, Some(close), "{text}");
        }
    }

    #[test]
    fn an_open_problem_or_request_leaves_the_reply_a_next_step() {
        for text in [
            "Thanks, but it's still not working.",
            "My parcel arrived broken.",
            "The router still hasn't arrived.",
            "When will my refund arrive?",
            "Can you send me a copy of my March invoice?",
            "Any update on my order?",
            "Genuinely, what is the point of paying for express delivery?",
            "Sorry but this is ridiculous.",
            "Sorry for snapping. My order still hasn't come though, can you check?",
            "I need the form by Friday, thanks.",
            "Thank you. I'd appreciate written confirmation of the refund by email.",
            "I would be grateful for a call back today.",
        ] {
            assert_eq!(reading(text).closed, None, "{text}");
        }
    }

    #[test]
    fn only_an_apology_for_tone_is_one() {
        assert!(reading("Sorry for my tone earlier, my order is late.").apologised);
        assert!(!reading("Sorry but this is ridiculous.").apologised);
        assert!(!reading("Sorry to bother you again.").apologised);
    }
}
