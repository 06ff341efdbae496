//! Feelings the client names: "I'm panicking", "I feel so let down", "this is so confusing".
//!
//! A feeling said outright is the best evidence of it there is, and the one an agent should
//! acknowledge first; the models, trained mostly on other kinds of text, can miss it ("I'm
//! panicking" is rare on Reddit). Only the writer's own present feeling counts: "I'm not angry",
//! "I was worried" and "are you happy now?" name nothing.

use crate::text::{Token, words};
use crate::types::Emotion;

/// The reason given for a feeling's evidence when the client names it.
pub const SAID_OUTRIGHT: &str = "says so in as many words";

/// A feeling named in the text, over tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub emotion: Emotion,
    pub first: usize,
    pub last: usize,
}

/// Words (or two-word phrases) for feelings, after "I'm", "I am", "I feel", "I'm feeling".
#[rustfmt::skip]
const FELT: &[(&str, Emotion)] = &[
    ("angry", Emotion::Anger), ("furious", Emotion::Anger), ("livid", Emotion::Anger),
    ("fuming", Emotion::Anger), ("outraged", Emotion::Anger), ("enraged", Emotion::Anger),
    ("seething", Emotion::Anger), ("incensed", Emotion::Anger),
    ("frustrated", Emotion::Frustration), ("annoyed", Emotion::Frustration),
    ("irritated", Emotion::Frustration), ("exasperated", Emotion::Frustration),
    ("disappointed", Emotion::Frustration), ("fed up", Emotion::Frustration),
    ("let down", Emotion::Frustration), ("sick of", Emotion::Frustration),
    ("tired of", Emotion::Frustration),
    ("worried", Emotion::Anxiety), ("anxious", Emotion::Anxiety), ("nervous", Emotion::Anxiety),
    ("scared", Emotion::Anxiety), ("afraid", Emotion::Anxiety), ("frightened", Emotion::Anxiety),
    ("terrified", Emotion::Anxiety), ("panicking", Emotion::Anxiety), ("panicked", Emotion::Anxiety),
    ("stressed", Emotion::Anxiety), ("desperate", Emotion::Anxiety), ("concerned", Emotion::Anxiety),
    ("freaking out", Emotion::Anxiety),
    // As a writer whose English is not native says it: "I am very worry".
    ("worry", Emotion::Anxiety), ("scare", Emotion::Anxiety), ("confuse", Emotion::Confusion),
    ("disappoint", Emotion::Frustration),
    ("sad", Emotion::Sadness), ("heartbroken", Emotion::Sadness), ("devastated", Emotion::Sadness),
    ("gutted", Emotion::Sadness), ("depressed", Emotion::Sadness), ("miserable", Emotion::Sadness),
    ("distraught", Emotion::Sadness), ("in tears", Emotion::Sadness), ("grieving", Emotion::Sadness),
    ("confused", Emotion::Confusion), ("lost", Emotion::Confusion), ("puzzled", Emotion::Confusion),
    ("baffled", Emotion::Confusion), ("perplexed", Emotion::Confusion),
    ("happy", Emotion::Satisfaction), ("pleased", Emotion::Satisfaction),
    ("delighted", Emotion::Satisfaction), ("thrilled", Emotion::Satisfaction),
    ("relieved", Emotion::Satisfaction), ("grateful", Emotion::Satisfaction),
    ("satisfied", Emotion::Satisfaction), ("glad", Emotion::Satisfaction),
];

/// Words that say how a situation makes the writer feel: "this is so *frustrating*".
#[rustfmt::skip]
const FEELS: &[(&str, Emotion)] = &[
    ("infuriating", Emotion::Anger), ("frustrating", Emotion::Frustration),
    ("annoying", Emotion::Frustration), ("maddening", Emotion::Frustration),
    ("disappointing", Emotion::Frustration), ("worrying", Emotion::Anxiety),
    ("stressful", Emotion::Anxiety), ("scary", Emotion::Anxiety), ("upsetting", Emotion::Sadness),
    ("heartbreaking", Emotion::Sadness), ("confusing", Emotion::Confusion),
];

/// Fixed ways of saying a feeling.
const SAYINGS: &[(&[&str], Emotion)] = &[
    (&["i", "don't", "understand"], Emotion::Confusion),
    (&["i", "do", "not", "understand"], Emotion::Confusion),
    (&["i", "don't", "get", "it"], Emotion::Confusion),
    (&["makes", "no", "sense"], Emotion::Confusion),
    (&["passed", "away"], Emotion::Sadness),
    (&["wits", "end"], Emotion::Frustration),
    (&["expected", "better"], Emotion::Frustration),
    (&["expected", "more", "from"], Emotion::Frustration),
    (&["expect", "better"], Emotion::Frustration),
    (&["deserve", "better"], Emotion::Frustration),
    (&["thought", "better", "of"], Emotion::Frustration),
    (&["not", "impressed"], Emotion::Frustration),
    (&["wits'", "end"], Emotion::Frustration),
];

/// Openings after which a feeling word is the writer's own, now.
const I_AM: &[&[&str]] = &[
    &["i'm", "feeling"],
    &["i", "am", "feeling"],
    &["i'm"],
    &["im"],
    &["i", "am"],
    &["i", "feel"],
];
/// Openings for a situation: "this is", "it's", "that's".
const IT_IS: &[&[&str]] = &[
    &["this", "is"],
    &["it", "is"],
    &["it's"],
    &["that's"],
    &["that", "is"],
    &["this's"],
];
/// Words that may stand between the opening and the feeling.
#[rustfmt::skip]
const DEGREE: &[&str] = &[
    "so", "really", "very", "a", "bit", "little", "absolutely", "extremely", "quite", "pretty",
    "totally", "completely", "beyond", "just", "getting", "incredibly", "utterly", "genuinely",
    "honestly", "now", "rather", "seriously", "becoming", "still",
];

/// Every feeling named in `tokens`, in order.
pub fn named(tokens: &[Token]) -> Vec<Named> {
    let words = words(tokens);
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let rest = &words[k..];
        let found = saying(rest)
            .or_else(|| feeling_opened(rest, I_AM, FELT))
            .or_else(|| feeling_opened(rest, IT_IS, FEELS));
        // "Oh, I'm SO scared": a feeling named after "oh" mocks the one it names.
        let mocked = k > 0 && matches!(words[k - 1].1, "oh" | "ooh" | "ooo");
        match found {
            Some((_, len)) if mocked => k += len,
            Some((emotion, len)) => {
                out.push(Named {
                    emotion,
                    first: words[k].0,
                    last: words[k + len - 1].0,
                });
                k += len;
            }
            None => k += 1,
        }
    }
    out
}

fn starts_with(words: &[(usize, &str)], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && words.iter().zip(phrase).all(|((_, w), p)| w == p)
}

fn saying(words: &[(usize, &str)]) -> Option<(Emotion, usize)> {
    SAYINGS
        .iter()
        .find(|(phrase, _)| starts_with(words, phrase))
        .map(|(phrase, e)| (*e, phrase.len()))
}

/// A feeling from `table` after one of `openings` (the tables list longer openings first, so
/// "I'm feeling" wins over "I'm"), and how many words the whole took.
fn feeling_opened(
    words: &[(usize, &str)],
    openings: &[&[&str]],
    table: &[(&str, Emotion)],
) -> Option<(Emotion, usize)> {
    let n = openings.iter().find(|o| starts_with(words, o))?.len();
    feeling_after(&words[n..], table).map(|(e, m)| (e, n + m))
}

/// The feeling after at most three degree words, and how many words it took.
fn feeling_after(words: &[(usize, &str)], table: &[(&str, Emotion)]) -> Option<(Emotion, usize)> {
    let skip = words
        .iter()
        .take(3)
        .take_while(|(_, w)| DEGREE.contains(w))
        .count();
    let rest = &words[skip..];
    table.iter().find_map(|(phrase, e)| {
        let len = phrase.split(' ').count();
        let matches = rest.len() >= len && phrase.split(' ').zip(rest).all(|(p, (_, w))| p == *w);
        matches.then_some((*e, skip + len))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn read(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        named(&tokens)
            .iter()
            .map(|n| {
                format!(
                    "{} {:?}",
                    n.emotion.as_str(),
                    &text[tokens[n.first].start..tokens[n.last].end]
                )
            })
            .collect()
    }

    #[test]
    fn feelings_said_outright() {
        assert_eq!(
            read("I'm panicking, my card is blocked. I feel so let down."),
            [
                "anxiety \"I'm panicking\"",
                "frustration \"I feel so let down\""
            ]
        );
        assert_eq!(
            read("This is so confusing and I am really quite worried"),
            [
                "confusion \"This is so confusing\"",
                "anxiety \"I am really quite worried\""
            ]
        );
        assert_eq!(
            read("Please I am very worry because of the letter."),
            ["anxiety \"I am very worry\""]
        );
        assert!(read("Don't worry about it, I will wait.").is_empty());
        assert_eq!(
            read("My dad passed away. I don't understand the form."),
            [
                "sadness \"passed away\"",
                "confusion \"I don't understand\""
            ]
        );
    }

    #[test]
    fn disappointment_in_so_many_words() {
        assert_eq!(
            read("We deserve better. Not impressed, and I expected more from you."),
            [
                "frustration \"deserve better\"",
                "frustration \"Not impressed\"",
                "frustration \"expected more from\""
            ]
        );
    }

    #[test]
    fn denied_past_and_others_feelings_are_not_named() {
        assert!(read("I'm not angry, I was worried, are you happy now?").is_empty());
        assert!(read("She's furious and I lost my card").is_empty());
        assert!(read("oh im SO scared. fix the boiler").is_empty());
    }
}
