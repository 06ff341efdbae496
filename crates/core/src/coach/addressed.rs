//! What the agent found, written as a note about the client ("The client is right: the
//! cancellation was never processed"), turned to the client ("You're right: ...") before the
//! reply says it. Every fresh reader who added findings wrote some of them as notes, and a note
//! sent as it stands speaks of the client as if they were not there.
//!
//! Only the plain forms are turned: "the client" or "the customer" with the verbs a note uses.
//! A verdict that the client is wrong is left out of what is said, since the facts after it say
//! it more kindly; anything else stays as written, and the draft check names what is left.

use super::phrases::words;

/// Nouns a note uses for the client.
const CLIENT: [&str; 2] = ["client", "customer"];

/// What follows "the client" in a note, and what follows "you" in its place.
#[rustfmt::skip]
const VERBS: &[(&str, &str)] = &[
    ("is right", "'re right"), ("was right", " were right"), ("'s", "r"), ("is", " are"),
    ("was", " were"), ("has", " have"), ("does", " do"), ("did", " did"), ("owes", " owe"),
    ("needs", " need"), ("wants", " want"), ("can", " can"), ("will", " will"),
    ("should", " should"), ("paid", " paid"),
];

/// Words after which "the client" alone is the object of what we do.
#[rustfmt::skip]
const OBJECT_NEXT: &[&str] = &[
    "a", "an", "the", "back", "by", "to", "that", "about", "with", "and", "today", "now",
    "tomorrow", "on", "at", "for",
];

/// Verdicts that the client is wrong, said before the facts that show it.
const WRONG: [&str; 3] = ["is mistaken", "is wrong", "is not right"];

/// The client speaks of a client or customer of their own ("my client signed it off", "the
/// customer wants a refund"): by "the client" a note of the agent's then means that person, and
/// it is left as written.
pub(crate) fn has_clients_of_their_own(text: &str) -> bool {
    let words = words(text);
    // "the customer service" is ours.
    let ours = |next: Option<&String>| {
        next.is_some_and(|n| matches!(n.as_str(), "service" | "services" | "care" | "support"))
    };
    (1..words.len()).any(|i| {
        matches!(words[i - 1].as_str(), "my" | "our" | "the")
            && CLIENT.contains(&words[i].strip_suffix('s').unwrap_or(&words[i]))
            && !ours(words.get(i + 1))
    })
}

/// `note` said to the client.
pub(crate) fn to_client(note: &str) -> String {
    let Some(note) = without_verdict(note.trim()) else {
        // A bare verdict ("the client is mistaken about the fee") is left for the draft check
        // to name: "you are mistaken" would be no kinder.
        return note.to_string();
    };
    // ASCII only, so that a byte of `lower` is the byte of `note` at the same place ("İ" would
    // grow a byte in full lower case).
    let lower = note.to_ascii_lowercase();
    let mut out = String::with_capacity(note.len());
    let mut at = 0;
    while at < note.len() {
        match turned_at(&lower, at) {
            Some((len, said)) => {
                let capital = note[at..].starts_with('T');
                out.push_str(if capital { "Y" } else { "y" });
                out.push_str(&said[1..]);
                at += len;
            }
            None => {
                let ch = note[at..].chars().next().expect("inside the note");
                out.push(ch);
                at += ch.len_utf8();
            }
        }
    }
    out
}

/// The note without a leading "The client is mistaken ...:" when facts follow it; `None` for
/// a verdict with no facts after it.
fn without_verdict(note: &str) -> Option<&str> {
    let lower = note.to_ascii_lowercase();
    let opens = CLIENT.iter().any(|c| {
        WRONG
            .iter()
            .any(|w| lower.starts_with(&format!("the {c} {w}")))
    });
    if !opens {
        return Some(note);
    }
    let cut = note.find([':', ';'])?;
    let facts = note[cut + 1..].trim_start();
    (!facts.is_empty()).then_some(facts)
}

/// At byte `at` of `lower`: "the client" and a verb of [`VERBS`], or "the client" alone, as a
/// whole phrase; its length and what "you" says in its place ("you're right", "your").
fn turned_at(lower: &str, at: usize) -> Option<(usize, String)> {
    let starts_word = lower[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    if !starts_word {
        return None;
    }
    let rest = lower[at..].strip_prefix("the ")?;
    let noun = CLIENT.iter().find(|c| rest.starts_with(**c))?;
    let after = &rest[noun.len()..];
    let phrase = |tail: &str| lower.len() - at - tail.len();
    let ends = |s: &str| s.chars().next().is_none_or(|c| !c.is_alphanumeric());
    for (verb, said) in VERBS {
        // "'s" follows the noun directly; every other verb after a space.
        let spaced = if verb.starts_with('\'') {
            Some(after)
        } else {
            after.strip_prefix(' ')
        };
        if let Some(tail) = spaced.and_then(|a| a.strip_prefix(verb))
            && ends(tail)
        {
            return Some((phrase(tail), format!("you{said}")));
        }
    }
    // Alone, "the client" is turned where it is the object ("give the client a letter"), not
    // where a noun of ours follows it ("the client portal").
    let next = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next();
    let object = match next {
        None | Some("") => true,
        Some(word) => OBJECT_NEXT.contains(&word),
    };
    (ends(after) && object).then(|| (phrase(after), "you".to_string()))
}

#[cfg(test)]
mod tests {
    use super::{has_clients_of_their_own, to_client};

    #[test]
    fn a_client_with_clients_of_their_own_is_told_apart() {
        assert!(has_clients_of_their_own(
            "My client still hasn't seen the files."
        ));
        assert!(has_clients_of_their_own("The customers are waiting on me."));
        assert!(!has_clients_of_their_own(
            "I've been a customer for ten years."
        ));
        assert!(!has_clients_of_their_own(
            "The customer service line hung up on me."
        ));
    }

    #[test]
    fn a_note_about_the_client_is_said_to_them() {
        for (note, said) in [
            (
                "The client is right: the cancellation was never processed.",
                "You're right: the cancellation was never processed.",
            ),
            (
                "I can give the client a letter for the hotel.",
                "I can give you a letter for the hotel.",
            ),
            (
                "The customer's order went to the old address, which the customer has since changed.",
                "Your order went to the old address, which you have since changed.",
            ),
            (
                "The client is mistaken: the pending £180 is a hold placed by the hotel.",
                "the pending £180 is a hold placed by the hotel.",
            ),
            (
                "İstanbul is closed, so the client can fly from Ankara.",
                "İstanbul is closed, so you can fly from Ankara.",
            ),
            (
                "The client owes nothing for Tuesday.",
                "You owe nothing for Tuesday.",
            ),
        ] {
            assert_eq!(to_client(note), said);
        }
    }

    #[test]
    fn other_words_stay_as_written() {
        for note in [
            "Our clients were all billed twice on the 3rd.",
            "The client portal shows the refund.",
            "The client is mistaken about the fee.",
            "I've refunded the second payment.",
            "İstanbul office: İ checked the booking.",
        ] {
            assert_eq!(to_client(note), note);
        }
    }
}
