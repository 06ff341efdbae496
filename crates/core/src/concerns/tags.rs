//! Handles, hashtags and links in a client's message: they address or tag someone, so they
//! are left out of a paraphrase, except where they name the subject of the point.

use crate::text::Token;

/// "@brand", "#sxsw", "http://...": a handle, a hashtag or a link.
pub(super) fn is_tag_or_link(text: &str, t: &Token) -> bool {
    // The whole run of text without spaces the token sits in: "@KFC_UKI", "http://t.co/x".
    let start = text[..t.start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let chunk = text[start..].trim_start_matches(['(', '"', '\'']);
    chunk.starts_with(['@', '#', '{'])
        || chunk.starts_with("http")
        || chunk.starts_with("www.")
        || chunk.starts_with("pic.twitter")
        || (t.norm == "rt" && &text[t.start..t.end] == "RT")
}

/// A handle that opens a clause and is followed by a verb is its subject: "@TfLRail have
/// failed to tell us".
pub(super) fn names_subject(text: &str, t: &Token, rest: &[Token]) -> bool {
    let next = rest
        .iter()
        .find(|n| !is_tag_or_link(text, n) || n.start > t.end + 1);
    text[..t.start].ends_with('@')
        && next.is_some_and(|n| {
            let words = [n.norm.as_str()];
            // "@shop want to buy boots": the client's own wish, not the shop's doing.
            const CLIENTS: &[&str] = &["please", "want", "need", "would", "like", "love", "hate"];
            n.is_word()
                && !CLIENTS.contains(&n.norm.as_str())
                && super::clause::is_verb(&words, 0, &n.norm)
        })
}
