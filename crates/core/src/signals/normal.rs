//! How a token reads to the rules: chat spellings resolved ("u" -> "you", "dont" -> "don't"),
//! numbers reduced to classes (`<n>`, `<ord>`, `<time>`, `<dur>`), punctuation to one character,
//! and nothing at all for what the rules skip (account handles, quotation marks, emoji).

use crate::text::{Token, TokenKind};

/// The normalised word of a token, see [`super::scan::Scan::words`].
pub(super) fn word<'a>(text: &str, t: &'a Token) -> &'a str {
    match t.kind {
        TokenKind::Number => match t.norm.as_str() {
            "0" => "0",
            "1" => "1",
            _ => "<n>",
        },
        TokenKind::Symbol => "",
        TokenKind::Punct => match t.norm.chars().next() {
            Some('.' | '!' | '?' | ';') => ".",
            Some(',') => ",",
            Some('-') => "-",
            Some(':') => ":",
            Some('/') => "/",
            _ => "",
        },
        // A handle after "@" names an account; it is not the writer's word.
        TokenKind::Word if text[..t.start].ends_with('@') => "",
        TokenKind::Word => {
            let w = t.norm.as_str();
            if w.starts_with(|c: char| c.is_ascii_digit()) {
                return number_class(w);
            }
            alias(w)
        }
    }
}

/// "12th" -> `<ord>`, "5pm" -> `<time>`, "24h" -> `<dur>`; "1st" is "first".
fn number_class(w: &str) -> &str {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    match &w[digits..] {
        "st" if &w[..digits] == "1" => "first",
        "st" | "nd" | "rd" | "th" => "<ord>",
        "am" | "pm" => "<time>",
        "h" | "hr" | "hrs" | "hours" | "d" | "days" | "mins" | "min" => "<dur>",
        _ => w,
    }
}

/// Chat spellings and apostrophe-less contractions resolved to one form.
pub(super) fn alias(w: &str) -> &str {
    match w {
        "u" | "ya" | "yu" => "you",
        "urself" | "yourslef" => "yourself",
        "r" => "are",
        "ur" | "youre" | "yer" => "you're",
        "youve" => "you've",
        "youll" => "you'll",
        "im" => "i'm",
        "ive" => "i've",
        "dont" => "don't",
        "doesnt" => "doesn't",
        "didnt" => "didn't",
        "cant" => "can't",
        "wont" => "won't",
        "isnt" => "isn't",
        "arent" => "aren't",
        "wasnt" => "wasn't",
        "werent" => "weren't",
        "havent" => "haven't",
        "hasnt" => "hasn't",
        "wouldnt" => "wouldn't",
        "couldnt" => "couldn't",
        "shouldnt" => "shouldn't",
        "thats" => "that's",
        "theyre" => "they're",
        "pls" | "plz" | "plis" => "please",
        "thx" | "thanx" | "thnx" => "thanks",
        "tmrw" | "tmr" | "tmrow" | "tomoz" | "tomorow" | "tommorow" | "tommorrow" => "tomorrow",
        "b4" => "before",
        "gotta" => "got to",
        other => other,
    }
}
