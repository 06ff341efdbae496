//! A client's apology for their own tone ("sorry for snapping", "apologies for my earlier
//! message, I was stressed"): the agent accepts it, so it is never one of the points said back
//! and never read as a complaint.
//!
//! An apology is a word of apology and a word for the client's own manner in one part of a
//! sentence, the manner theirs ("my tone", "for snapping", "I was rude"), not someone else's
//! ("sorry, your agent was rude"). A "but" ends the part: "sorry but this is ridiculous" names
//! no manner and apologises for nothing. The excuse that follows ("I was stressed", "it's been a
//! long week") belongs to the apology; a new point after it ("and my parcel is still missing")
//! does not.

use std::ops::Range;

use super::sentences;
use crate::text::Token;

/// The byte ranges of `text` that apologise for the client's own tone, with their excuses.
pub(crate) fn for_tone(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for sentence in sentences::split(text) {
        let first = tokens.partition_point(|t| t.start < sentence.start);
        let last = tokens.partition_point(|t| t.end <= sentence.end);
        let words = &tokens[first..last.max(first)];
        let follows_apology = out.last().is_some_and(|a| {
            text[a.end..sentence.start].trim().is_empty()
                || text[a.end..sentence.start].trim() == "."
        });
        if follows_apology && is_excuse(words) {
            if let Some(a) = out.last_mut() {
                a.end = sentence.end;
            }
            continue;
        }
        out.extend(in_sentence(words));
    }
    out
}

/// The apologies in one sentence's tokens.
fn in_sentence(words: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let end = (start + 1..words.len())
            .find(|&i| CONTRASTS.contains(&words[i].norm.as_str()))
            .unwrap_or(words.len());
        let part = &words[start..end];
        if apologises(part) {
            let kept = apology_end(part);
            out.push(part[0].start..part[kept - 1].end);
        }
        start = end;
    }
    out
}

/// A word of apology and the client's own manner, in one part of a sentence.
fn apologises(part: &[Token]) -> bool {
    let norm = |i: usize| part.get(i).map_or("", |t| t.norm.as_str());
    let head = part.iter().any(|t| HEADS.contains(&t.norm.as_str()));
    head && (0..part.len()).any(|i| is_manner(part, i) && owner_is_client(part, i))
        && !(0..part.len()).any(|i| norm(i) == "not" && norm(i + 1) == "sorry")
}

/// The word at `i` names a way of writing or speaking: "snapping", "tone", "my earlier message".
fn is_manner(part: &[Token], i: usize) -> bool {
    let w = part[i].norm.as_str();
    let before = i.checked_sub(1).map_or("", |p| part[p].norm.as_str());
    // "sorry I got angry", "my frustration": a feeling shown, not one felt now ("sorry, I'm
    // angry because ...").
    let shown = matches!(
        before,
        "getting" | "got" | "being" | "was" | "were" | "my" | "so" | "really"
    );
    MANNER.contains(&w)
        || FEELINGS.contains(&w) && shown
        || MESSAGES.contains(&w) && matches!(before, "earlier" | "last" | "previous" | "first")
        || w == "way" && part.get(i + 1).is_some_and(|n| n.norm == "i")
}

/// The manner at `i` is the client's: the nearest person before it is them ("my tone", "I was
/// rude", "for shouting"), not the agent or someone else ("your agent was rude").
fn owner_is_client(part: &[Token], i: usize) -> bool {
    const CLIENT: &[&str] = &[
        "i", "i'm", "i've", "i'd", "my", "me", "myself", "for", "being", "getting", "got",
    ];
    const OTHERS: &[&str] = &[
        "you", "your", "you're", "you've", "they", "their", "he", "his", "she", "her", "agent",
        "staff",
    ];
    part[..i]
        .iter()
        .rev()
        .map(|t| t.norm.as_str())
        .find(|w| CLIENT.contains(w) || OTHERS.contains(w))
        .is_some_and(|w| CLIENT.contains(&w))
}

/// How many tokens of `part` the apology takes: up to a new point after it, keeping an excuse
/// ("sorry for snapping, I was stressed" is all apology; "sorry for snapping and my order is
/// still missing" stops before "and").
fn apology_end(part: &[Token]) -> usize {
    let manner = (0..part.len())
        .find(|&i| is_manner(part, i))
        .unwrap_or_default();
    (manner + 1..part.len())
        .find(|&i| {
            matches!(part[i].norm.as_str(), "and" | "," | ";" | "-" | "because")
                && !is_excuse(&part[i + 1..])
        })
        .unwrap_or(part.len())
}

/// A clause that explains the client's manner rather than making a point: "I was stressed",
/// "it's been a long week", "just tired".
fn is_excuse(words: &[Token]) -> bool {
    let lead: Vec<&str> = words
        .iter()
        .filter(|t| t.is_word())
        .take(2)
        .map(|t| t.norm.as_str())
        .collect();
    let opens = matches!(
        lead.as_slice(),
        ["i", "was" | "am" | "had" | "just" | "have" | "get" | "got"]
            | [
                "i'm" | "i've" | "i'd" | "it's" | "its" | "been" | "just" | "was",
                ..
            ]
            | ["it", "was" | "has" | "had"]
    );
    let point = words.iter().any(|t| {
        POINTS.contains(&t.norm.as_str()) || t.norm.contains('?') || t.norm.ends_with("n't")
    });
    opens && !point && !words.is_empty()
}

/// Words of apology.
#[rustfmt::skip]
const HEADS: &[&str] = &[
    "sorry", "apologies", "apology", "apologise", "apologize", "apologising", "apologizing",
];

/// Words that end a part of a sentence: what follows them is a point of its own.
const CONTRASTS: &[&str] = &["but", "however", "though", "although", "anyway", "still"];

/// Words for a manner of writing or speaking.
#[rustfmt::skip]
const MANNER: &[&str] = &[
    "snap", "snapped", "snapping", "snappy", "tone", "rude", "rudeness", "rant", "ranting",
    "ranted", "shout", "shouted", "shouting", "yell", "yelled", "yelling", "temper", "outburst",
    "language", "swearing", "swore", "cursing", "harsh", "grumpy", "cranky", "blunt", "abrupt",
    "caps", "venting", "vented", "attitude", "aggressive", "impatient", "impatience", "outbursts",
    "short-tempered",
];

/// Feelings that name a manner only when shown ("I got angry"), not when felt ("I'm angry").
#[rustfmt::skip]
const FEELINGS: &[&str] = &[
    "angry", "cross", "stressed", "frustrated", "frustration", "heated", "mean", "sharp",
];

/// Things a client wrote, which "earlier" or "last" make the subject of an apology.
#[rustfmt::skip]
const MESSAGES: &[&str] = &[
    "message", "messages", "email", "emails", "mail", "reply", "comment", "comments", "response",
    "words", "call", "chat",
];

/// Words that make a clause a point of its own rather than an excuse.
#[rustfmt::skip]
const POINTS: &[&str] = &[
    "need", "needs", "want", "wants", "still", "please", "refund", "when", "where", "why", "can",
    "could", "would", "will", "missing", "broken", "yet",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn apologies(text: &str) -> Vec<&str> {
        for_tone(text, &tokenize(text))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn an_apology_for_tone_is_found_with_its_excuse() {
        assert_eq!(apologies("Sorry for snapping."), ["Sorry for snapping."]);
        assert_eq!(
            apologies("Apologies for my earlier message, I was stressed."),
            ["Apologies for my earlier message, I was stressed."]
        );
        assert_eq!(
            apologies("I was rude to you yesterday, I'm sorry. It's been a long week."),
            ["I was rude to you yesterday, I'm sorry. It's been a long week."]
        );
        assert_eq!(
            apologies("I'm sorry about my tone earlier"),
            ["I'm sorry about my tone earlier"]
        );
    }

    #[test]
    fn a_point_after_the_apology_is_not_part_of_it() {
        assert_eq!(
            apologies("Sorry for shouting, but my parcel is still missing."),
            ["Sorry for shouting"]
        );
        assert_eq!(
            apologies("Sorry for the rant and my order still hasn't come"),
            ["Sorry for the rant"]
        );
        assert_eq!(
            apologies("Sorry for snapping. I still need the invoice today."),
            ["Sorry for snapping."]
        );
    }

    #[test]
    fn other_sorries_are_not_apologies_for_tone() {
        for text in [
            "Sorry but this is ridiculous.",
            "sorry, but your agent was rude to me",
            "Sorry, you were rude on the phone",
            "Sorry, I'm angry because you lost my bag.",
            "sorry the driver was rude",
            "I'm sorry to bother you again about the refund.",
            "Not sorry for my tone at all, this is a disgrace.",
            "Your driver was rude and I want an apology.",
            "My tone? I'm angry because you lost my bag.",
        ] {
            assert!(apologies(text).is_empty(), "{text}: {:?}", apologies(text));
        }
    }
}
