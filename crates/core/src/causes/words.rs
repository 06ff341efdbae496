//! A flat, normalised word stream for phrase matching: contractions are expanded ("didn't" ->
//! "did not", "dont" -> "do not"), and punctuation that ends a clause becomes a `|` break so that
//! a cue never spans two clauses. Every word remembers the token it came from, so matches map
//! back to byte spans of the original text.

use crate::text::{Token, TokenKind};

/// The words of a message, joined by single spaces as `" w1 w2 | w3 "`, with the token behind
/// each word.
pub(crate) struct Words {
    /// Leading and trailing spaces make every word match `" word "`.
    pub joined: String,
    /// For each word or break: its byte range in `joined` and the index of its token.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub start: usize,
    pub end: usize,
    pub token: usize,
}

/// Clause break marker in [`Words::joined`].
pub(crate) const BREAK: &str = "|";

impl Words {
    pub fn new(tokens: &[Token]) -> Words {
        let mut words = Words {
            joined: String::with_capacity(8 * tokens.len() + 1),
            items: Vec::with_capacity(tokens.len() + 4),
        };
        words.joined.push(' ');
        for (i, t) in tokens.iter().enumerate() {
            match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    for w in expand(&t.norm) {
                        words.push(w, i);
                    }
                }
                TokenKind::Punct if ends_clause(&t.norm) => words.push(BREAK, i),
                _ => {}
            }
        }
        words
    }

    fn push(&mut self, word: &str, token: usize) {
        if word.is_empty()
            || (word == BREAK
                && self
                    .items
                    .last()
                    .is_none_or(|_| self.joined.ends_with("| ")))
        {
            return;
        }
        let start = self.joined.len();
        self.joined.push_str(word);
        self.items.push(Item {
            start,
            end: self.joined.len(),
            token,
        });
        self.joined.push(' ');
    }

    /// Index of the item starting at byte `at` of `joined`.
    pub fn item_at(&self, at: usize) -> Option<usize> {
        self.items.binary_search_by_key(&at, |it| it.start).ok()
    }

    pub fn word(&self, i: usize) -> &str {
        let it = self.items[i];
        &self.joined[it.start..it.end]
    }
}

fn ends_clause(punct: &str) -> bool {
    punct.starts_with(['.', '!', '?', ';', ',', ':', '(', ')', '"'])
}

/// Contractions and their common apostrophe-less spellings, expanded to plain words.
/// The words a token stands for; the second is empty when there is only one.
fn expand(norm: &str) -> [&str; 2] {
    const WHOLE: &[(&str, [&str; 2])] = &[
        ("can't", ["can", "not"]),
        ("cant", ["can", "not"]),
        ("cannot", ["can", "not"]),
        ("won't", ["will", "not"]),
        ("wont", ["will", "not"]),
        ("ain't", ["is", "not"]),
        ("dont", ["do", "not"]),
        ("doesnt", ["does", "not"]),
        ("didnt", ["did", "not"]),
        ("isnt", ["is", "not"]),
        ("wasnt", ["was", "not"]),
        ("werent", ["were", "not"]),
        ("arent", ["are", "not"]),
        ("havent", ["have", "not"]),
        ("hasnt", ["has", "not"]),
        ("hadnt", ["had", "not"]),
        ("couldnt", ["could", "not"]),
        ("shouldnt", ["should", "not"]),
        ("wouldnt", ["would", "not"]),
        ("im", ["i", "am"]),
        ("ive", ["i", "have"]),
        ("youre", ["you", "are"]),
        ("thats", ["that", "is"]),
        ("whats", ["what", "is"]),
        ("theres", ["there", "is"]),
        ("its", ["it", "is"]),
    ];
    if let Some((_, parts)) = WHOLE.iter().find(|(w, _)| *w == norm) {
        return *parts;
    }
    const SUFFIXES: &[(&str, &str)] = &[
        ("n't", "not"),
        ("'ve", "have"),
        ("'m", "am"),
        ("'ll", "will"),
        ("'re", "are"),
        ("'d", "would"),
    ];
    for (suffix, full) in SUFFIXES {
        if let Some(stem) = norm.strip_suffix(suffix) {
            return [stem, full];
        }
    }
    if let Some(stem) = norm.strip_suffix("'s") {
        let is_verb = matches!(
            stem,
            "it" | "that" | "what" | "there" | "here" | "he" | "she" | "who" | "where"
        );
        return [stem, if is_verb { "is" } else { "" }];
    }
    [norm.trim_matches('\''), ""]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn joined(text: &str) -> String {
        Words::new(&tokenize(text)).joined
    }

    #[test]
    fn expands_contractions_and_marks_breaks() {
        assert_eq!(
            joined("It didn't arrive. I'm sad"),
            " it did not arrive | i am sad "
        );
        assert_eq!(joined("dont cant won't"), " do not can not will not ");
        assert_eq!(
            joined("it's the company's fault!!"),
            " it is the company fault | "
        );
        assert_eq!(joined(""), " ");
        assert_eq!(joined("... hi"), " hi ");
    }
}
