//! Evidence for a cause that only the embedding supports: the sentence that shares the most
//! words with one of the cause's descriptions, and that description.
//!
//! The encoder gives one similarity per cause for the whole message, so which sentence drove it
//! is estimated from shared content words; ties go to the longer sentence.

use super::DESCRIPTIONS;
use crate::concerns::sentences;
use crate::types::{Cause, Evidence};

/// The sentence of `text` closest to `cause`, with the description it is closest to.
pub(crate) fn closest_sentence(text: &str, cause: Cause) -> Option<Evidence> {
    let descriptions = DESCRIPTIONS
        .iter()
        .find(|(c, _)| *c == cause)
        .map(|(_, d)| *d)?;
    // Each text's words are read once: a long sentence is compared in one pass per description.
    let described: Vec<(&str, Vec<String>)> = descriptions
        .iter()
        .map(|d| (*d, content_words(d).collect()))
        .collect();
    // Most shared words first, then the longer sentence, then the earlier one.
    let best = sentences::split(text)
        .into_iter()
        .flat_map(|span| {
            let words: Vec<String> = content_words(&text[span.clone()]).collect();
            described
                .iter()
                .map(|(d, own)| {
                    let shared = words.iter().filter(|w| own.contains(w)).count();
                    (
                        shared,
                        span.len(),
                        std::cmp::Reverse(span.start),
                        span.clone(),
                        *d,
                    )
                })
                .collect::<Vec<_>>()
        })
        .max_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)))
        .map(|(_, _, _, span, d)| (span, d));
    let (span, description) = best?;
    Some(Evidence {
        start: span.start,
        end: span.end,
        why: format!("closest in meaning to \"{description}\""),
    })
}

fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    #[rustfmt::skip]
    const STOP: &[&str] = &[
        "the", "a", "an", "and", "or", "to", "of", "i", "me", "my", "you", "your", "is", "am", "are",
        "was", "it", "this", "that", "in", "on", "for", "and", "not", "do", "have", "has", "be", "with",
        "about",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
}
