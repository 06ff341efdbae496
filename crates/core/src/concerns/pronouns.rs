//! Turns the client's point of view into the agent's: "my order" becomes "your order", "you
//! charged me" becomes "we charged you", "I was" becomes "you were".

/// The agent's word for a client's pronoun (or its apostrophe-less spelling), by lower-case form.
/// "you" is handled apart because it can be a subject ("we") or an object ("us").
pub(super) fn flip(norm: &str) -> Option<&'static str> {
    Some(match norm {
        "i" => "you",
        "me" => "you",
        "my" => "your",
        "mine" => "yours",
        "myself" => "yourself",
        "i'm" | "im" => "you're",
        "i've" | "ive" => "you've",
        "i'd" => "you'd",
        "i'll" => "you'll",
        "we" | "us" => "you",
        "our" => "your",
        "ours" => "yours",
        "ourselves" => "yourselves",
        "we're" => "you're",
        "we've" => "you've",
        "we'd" => "you'd",
        "we'll" => "you'll",
        "your" | "ur" => "our",
        "yours" => "ours",
        "yourself" | "yourselves" => "ourselves",
        "you're" | "youre" => "we're",
        "you've" => "we've",
        "you'd" => "we'd",
        "you'll" => "we'll",
        _ => return None,
    })
}

/// The agent's word for "you": "we" when it is the subject, "us" when it is an object.
/// `before` is the lower-case word just before it, `None` at the start of a clause.
pub(super) fn flip_you(before: Option<&str>, after: Option<&str>) -> &'static str {
    // "the updates you want": a verb after it makes "you" the subject, unless a verb or a
    // preposition before makes it the object ("made you wait", "for you to call").
    #[rustfmt::skip]
    const OBJECT_AFTER: &[&str] = &[
        "make", "made", "makes", "let", "lets", "have", "had", "help", "helped", "see", "saw", "watch",
        "hear", "heard", "for", "to", "with", "at", "from", "by", "of", "about", "told", "tell", "asked",
        "ask", "want", "wanted", "need", "needed", "expect", "expected", "get", "got",
    ];
    let verb_after = !before.is_some_and(|b| OBJECT_AFTER.contains(&b))
        && after.is_some_and(|w| {
            let words = [w];
            super::clause::is_verb(&words, 0, w) && !matches!(w, "back" | "know")
        });
    if verb_after {
        return "we";
    }
    #[rustfmt::skip]
    const SUBJECT_AFTER: &[&str] = &[
        "and", "but", "or", "so", "that", "if", "when", "because", "since", "until", "unless", "as",
        "then", "why", "how", "what", "where", "who", "whether", "can", "could", "would", "will", "do",
        "did", "does", "have", "has", "had", "are", "were", "should", "shall", "may", "might", "must",
        "can't", "couldn't", "won't", "wouldn't", "don't", "didn't", "haven't", "hasn't", "aren't",
        "weren't", "shouldn't", "once", "after", "before", "while", "though", "although", "now",
    ];
    match before {
        None => "we",
        Some(w) if SUBJECT_AFTER.contains(&w) => "we",
        Some(_) => "us",
    }
}

/// The verb form that goes with "you" for one that went with "I": "am" becomes "are".
pub(super) fn agree_with_you(verb: &str) -> Option<&'static str> {
    match verb {
        "am" => Some("are"),
        "was" => Some("were"),
        "wasn't" | "wasnt" => Some("weren't"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flips_both_ways() {
        assert_eq!(flip("my"), Some("your"));
        assert_eq!(flip("your"), Some("our"));
        assert_eq!(flip("i'm"), Some("you're"));
        assert_eq!(flip("order"), None);
        assert_eq!(flip_you(None, None), "we");
        assert_eq!(flip_you(Some("told"), Some("twice")), "us");
        assert_eq!(flip_you(Some("can"), None), "we");
        assert_eq!(flip_you(Some("updates"), Some("want")), "we");
        assert_eq!(agree_with_you("was"), Some("were"));
        assert_eq!(agree_with_you("have"), None);
    }
}
