//! Words written for colleagues rather than for the client: shorthand ("bc", "w/", "->"), the
//! client spoken of as "she" or "he", and a sentence that opens without its subject and names no
//! one ("Added to the list."). Agents jot what they found this way, and a reply that
//! carries it reads as a case note forwarded by mistake.

use std::ops::Range;

use super::check::Finding;
use super::conversation::Analysed;
use super::phrases::sentences;
use super::tone::Kind;

/// Shorthand a message to a client does not use, compared with a word stripped of the
/// punctuation around it.
#[rustfmt::skip]
const SHORTHAND: &[&str] = &[
    "bc", "b/c", "w/", "w/o", "acct", "accts", "cust", "pls", "plz", "thx", "tbc", "fyi", "prob",
    "wk", "wks", "qs", "comp", "->", "=>", "=", "+",
];

/// Third-person pronouns in two families: a draft that uses one the client never used speaks
/// of the client.
const SHE: &[&str] = &["she", "her", "hers", "she's", "she'd", "she'll", "herself"];
const HE: &[&str] = &["he", "him", "his", "he's", "he'd", "he'll", "himself"];

/// Words that name someone else the draft may go on to call "she" or "he".
#[rustfmt::skip]
const SOMEONE_ELSE: &[&str] = &[
    "colleague", "manager", "supervisor", "engineer", "technician", "driver", "courier",
    "agent", "advisor", "adviser", "doctor", "nurse", "pharmacist", "gp", "landlord", "surveyor",
    "inspector", "leader", "specialist", "assistant", "mother", "mum", "father", "dad",
    "husband", "wife", "son", "daughter", "partner", "sister", "brother", "friend", "neighbour",
];

/// Words that speak to the client: a sentence with one of them is a message, whoever else
/// it mentions ("Dr Shah will call you; she has your notes").
const TO_YOU: &[&str] = &[
    "you", "your", "you're", "you've", "you'll", "you'd", "yours",
];

/// Words that open a note with its subject left out ("Added her to the list", "Will ring at
/// 4"): in a sentence with no "I", "we" or "you" they say what someone did, not to whom.
#[rustfmt::skip]
const NO_SUBJECT: &[&str] = &[
    "added", "logged", "passed", "passing", "told", "booked", "raised", "sent", "rang", "called",
    "emailed", "checked", "refunded", "cancelled", "canceled", "can", "will", "chased", "spoke",
    "advised", "offered", "moved", "waiting", "needs", "escalated", "reported", "flagged",
];

/// Words that say who speaks.
#[rustfmt::skip]
const SPEAKER: &[&str] = &[
    "i", "i'm", "i'll", "i've", "i'd", "me", "my", "we", "we're", "we'll", "we've", "we'd", "us",
    "our", "let's",
];

/// The notes in `draft`, a reply in `analysed`: each shorthand word, each "she" or "he" in a
/// sentence that speaks of the client instead of to them, and the first word of a sentence that
/// opens without its subject and names no one, is a finding with no rewrite, since only the
/// agent knows how to say it to the client.
pub(crate) fn notes(draft: &str, analysed: &Analysed<'_>) -> Vec<Finding> {
    let client_said = |family: &[&str]| {
        analysed
            .client_turns()
            .any(|(_, t, _)| words(&t.text).any(|(_, w)| family.contains(&w.as_str())))
    };
    // A client who speaks of someone else ("my mum") may be answered about them.
    let other = client_said(SOMEONE_ELSE);
    let (client_she, client_he) = (other || client_said(SHE), other || client_said(HE));
    let mut named_someone = false;
    let mut found = Vec::new();
    for sentence in sentences(draft) {
        let offset = sentence.as_ptr() as usize - draft.as_ptr() as usize;
        let said: Vec<(Range<usize>, String)> = words(sentence).collect();
        let has = |list: &[&str]| said.iter().any(|(_, w)| list.contains(&w.as_str()));
        let to_you = has(TO_YOU);
        let bare = !to_you
            && !has(SPEAKER)
            && said
                .first()
                .is_some_and(|(_, w)| NO_SUBJECT.contains(&w.as_str()));
        for (k, (span, w)) in said.iter().enumerate() {
            let w = w.as_str();
            named_someone |= SOMEONE_ELSE.contains(&w);
            let stray = !named_someone
                && !to_you
                && (SHE.contains(&w) && !client_she || HE.contains(&w) && !client_he);
            if SHORTHAND.contains(&w) || stray || bare && k == 0 {
                found.push(Finding {
                    kind: Kind::Note,
                    start: offset + span.start,
                    end: offset + span.end,
                    message: Kind::Note.message().into(),
                    rewrite: String::new(),
                });
            }
        }
    }
    found
}

/// Each whitespace-separated word of `text`, without the punctuation that ends a sentence or
/// wraps a word, with its span and in lower case.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let wrapping = |c: char| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"');
    text.split_whitespace().filter_map(move |raw| {
        let word = raw.trim_matches(wrapping);
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        (!word.is_empty()).then(|| {
            (
                start..start + word.len(),
                word.to_lowercase().replace('’', "'"),
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;
    use crate::coach::{Conversation, Timestamp, UtcOffset};

    fn noted(transcript: &str, draft: &str) -> Vec<String> {
        let c =
            Conversation::parse_transcript(transcript, Timestamp(1_772_618_400), UtcOffset::UTC)
                .expect("a transcript");
        let analyzer = Analyzer::new();
        let analysed = Analysed::new(&c, &analyzer);
        notes(draft, &analysed)
            .iter()
            .map(|f| draft[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn shorthand_and_the_client_as_she_are_notes() {
        let t =
            "Client: the man from your fraud team is on the phone, he says I must move my savings";
        assert_eq!(
            noted(
                t,
                "Nobody from our fraud team called her. Payments frozen on all accts."
            ),
            ["her", "accts"]
        );
        assert_eq!(
            noted(t, "Departure moved 10:15 -> 09:40, seats kept."),
            ["->"]
        );
        assert_eq!(
            noted(t, "Added to the cancellation list. Will ring at 4."),
            ["Added", "Will"]
        );
    }

    #[test]
    fn a_message_to_the_client_is_no_note() {
        let t = "Client: my mum is in hospital and the bill went up again";
        assert!(
            noted(
                t,
                "I'm sorry your mum is unwell. I've put the bill on hold; she won't be chased."
            )
            .is_empty()
        );
        let t = "Client: where is my parcel?";
        assert!(
            noted(
                t,
                "Sent you the tracking link just now. Will call you at 4."
            )
            .is_empty()
        );
        assert!(
            noted(
                t,
                "I've asked our driver, Sam, to call you; he'll be there by 3pm."
            )
            .is_empty()
        );
        assert!(
            noted(
                t,
                "I'll check with the courier and update you by 3pm today."
            )
            .is_empty()
        );
    }
}
