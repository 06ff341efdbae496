//! Assembles a statement piece by piece: keeps the client's spacing, leaves out offensive words
//! (turning "X is garbage" into "X is not good enough"), and finishes with the length limit and
//! the question mark.

use super::pronouns;
use super::rewrite::{FUNCTION_WORDS, MAX_WORDS};
use crate::text::Token;

/// Whether `word` is one of the lower-case `list`, in any case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

pub(super) struct Builder<'a> {
    text: &'a str,
    /// Output pieces: the words and punctuation, each with whether a space goes before it.
    pieces: Vec<(String, bool)>,
    /// End of the last source token written, to keep the client's spacing.
    last_end: Option<usize>,
    /// An insult was aimed at a person ("you are useless"): such a clause says nothing to paraphrase.
    insult_at_person: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Builder {
            text,
            pieces: Vec::new(),
            last_end: None,
            insult_at_person: false,
        }
    }

    pub(super) fn token(&mut self, t: &Token, word: String) {
        let space = self
            .last_end
            .is_none_or(|e| self.text[e..t.start].contains(char::is_whitespace));
        self.pieces.push((word, space));
        self.last_end = Some(t.end);
    }

    pub(super) fn punct(&mut self, t: &Token) {
        let p = if t.norm.starts_with('?') {
            "?"
        } else {
            &self.text[t.start..t.end]
        };
        // Left-out words can leave two separators in a row ("it's, f*ck, broken"): keep one.
        const SEPARATORS: &[&str] = &[",", ".", ";", ":", "-"];
        if self
            .pieces
            .last()
            .is_some_and(|(w, _)| w == p || (is_one_of(w, SEPARATORS) && is_one_of(p, SEPARATORS)))
        {
            return;
        }
        self.token(t, p.to_string());
    }

    /// "I" after "am" or "was" (a question: "was I charged?") turns the verb too.
    pub(super) fn agree_previous(&mut self) {
        if let Some(last) = self.pieces.last_mut()
            && let Some(verb) = pronouns::agree_with_you(&last.0.to_lowercase())
        {
            last.0 = verb.to_string();
        }
    }

    /// Leaves an offensive word out. After "is"/"are" it was the whole point: about a person the
    /// clause is a pure insult; about a thing it becomes "not good enough".
    pub(super) fn drop_offensive(&mut self, norm: &str, ends_phrase: bool) {
        #[rustfmt::skip]
        const FILLER: &[&str] = &[
            "a", "an", "the", "so", "such", "complete", "total", "absolute", "utter", "bunch", "of",
            "really", "very", "fucking", "bloody",
        ];
        #[rustfmt::skip]
        const PERSONS: &[&str] = &[
            "we", "us", "they", "he", "she", "staff", "agent", "agents", "people", "guys", "manager",
            "technician", "employees",
        ];
        if matches!(norm, "hell" | "fuck" | "heck") && self.last_word_is(&["the"]) {
            self.pieces.pop();
        }
        let filler = self
            .pieces
            .iter()
            .rev()
            .take_while(|(w, _)| is_one_of(w, FILLER))
            .count();
        let at = self.pieces.len() - filler;
        let copula = at
            .checked_sub(1)
            .map(|c| self.pieces[c].0.as_str())
            .is_some_and(|w| {
                is_one_of(w, &["is", "are", "was", "were", "am", "be"])
                    || w.ends_with("'re")
                    || w.ends_with("'s")
            });
        if copula && ends_phrase {
            self.pieces.truncate(at);
            // The subject, and the copula itself for "we're".
            let about_person = self.pieces[..at]
                .iter()
                .any(|(w, _)| is_one_of(w.split('\'').next().unwrap_or_default(), PERSONS));
            if about_person {
                self.insult_at_person = true;
            } else {
                self.pieces.push(("not good enough".to_string(), true));
            }
        }
    }

    fn last_word_is(&self, words: &[&str]) -> bool {
        self.pieces.last().is_some_and(|(w, _)| is_one_of(w, words))
    }

    pub(super) fn finish(mut self, prefix: Option<&str>, question: bool) -> Option<String> {
        #[rustfmt::skip]
        const DANGLING: &[&str] = &[
            "a", "an", "the", "of", "and", "or", "but", "to", "with", "so", "such", ",",
        ];
        while self
            .pieces
            .last()
            .is_some_and(|(w, _)| is_one_of(w, DANGLING) || w == "?")
        {
            self.pieces.pop();
        }
        let content = self
            .pieces
            .iter()
            .any(|(w, _)| w.starts_with(char::is_alphanumeric) && !is_one_of(w, FUNCTION_WORDS));
        if !content || (self.insult_at_person && self.pieces.len() <= 3) {
            return None;
        }
        // "My order" -> "my order", but "Dr. Jones" keeps its capital.
        let abbreviation = self
            .pieces
            .get(1)
            .is_some_and(|(w, space)| w == "." && !space);
        if let (Some(first), false) = (self.pieces.first_mut(), abbreviation) {
            first.0 = lower_first(std::mem::take(&mut first.0));
        }
        let mut words = 0;
        let mut s = prefix.map(str::to_string).unwrap_or_default();
        for (w, space) in &self.pieces {
            if w.starts_with(char::is_alphanumeric) {
                words += 1;
                if words > MAX_WORDS {
                    s.push('…');
                    return Some(s);
                }
            }
            if *space && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
        }
        if question && prefix.is_none() {
            s.push('?');
        }
        Some(s)
    }
}

/// "My order" -> "my order"; acronyms ("SIM card") keep their capitals.
fn lower_first(s: String) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s,
    }
}
