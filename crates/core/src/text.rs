//! Tokens with byte offsets into the original text, normalised so that disguised words are seen
//! for what they are.
//!
//! Clients write "f*ck", "f u c k", "1d10t", "stuuuupid". Models and rules work on [`Token::norm`],
//! a lower-case, de-obfuscated form, while [`Token::start`]/[`Token::end`] keep pointing at the
//! bytes the client typed, so evidence can always be shown in their own words.

use crate::lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// A run of one punctuation character, such as "!!!" or "?".
    Punct,
    /// Anything else, such as an emoji.
    Symbol,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Lower-case, de-obfuscated form.
    pub norm: String,
    /// Written in capitals (at least two letters, none lower-case).
    pub caps: bool,
    /// The spelling was disguised (masked, spaced, leetspeak or stretched).
    pub obfuscated: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '*' | '@' | '$' | '!' | '#' | '\'' | '’')
}

/// The word tokens of `tokens` as (index, normalised form), for rules that read words in order.
pub fn words(tokens: &[Token]) -> Vec<(usize, &str)> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word())
        .map(|(i, t)| (i, t.norm.as_str()))
        .collect()
}

/// Splits `text` into tokens. Never fails; offsets are on char boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut raw = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() || is_joiner(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || is_joiner(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            split_word_run(text, i, end, &mut raw);
        } else if c.is_ascii_punctuation() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if d == c {
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            raw.push(punct(text, i, end));
        } else {
            raw.push(Token {
                start: i,
                end: i + c.len_utf8(),
                kind: TokenKind::Symbol,
                norm: c.to_string(),
                caps: false,
                obfuscated: false,
            });
        }
    }
    join_spaced_letters(text, raw)
}

fn punct(text: &str, start: usize, end: usize) -> Token {
    Token {
        start,
        end,
        kind: TokenKind::Punct,
        norm: text[start..end].to_string(),
        caps: false,
        obfuscated: false,
    }
}

/// A run of letters, digits and joiner characters becomes one word, or a word with its
/// leading/trailing punctuation split off ("hello!!" -> "hello", "!!").
fn split_word_run(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let run = &text[start..end];
    let has_alnum = run.chars().any(char::is_alphanumeric);
    if !has_alnum {
        // "***" or "!!" or "@#$%": punctuation, one token per same-character run.
        let mut s = start;
        for (off, c) in run.char_indices().skip(1) {
            if !run[..off].ends_with(c) {
                out.push(punct(text, s, start + off));
                s = start + off;
            }
        }
        out.push(punct(text, s, end));
        return;
    }
    // Leading joiners other than a mention/hashtag sign are punctuation.
    let lead: usize = run
        .char_indices()
        .take_while(|(_, c)| !c.is_alphanumeric())
        .map(|(_, c)| c.len_utf8())
        .sum();
    // Trailing '!', '\'' and '#' are punctuation; trailing '*' stays as part of a masked word.
    let core_end = run
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric() || *c == '*')
        .map(|(o, c)| o + c.len_utf8())
        .unwrap_or(run.len());
    if lead > 0 {
        let is_tag = matches!(run.chars().next(), Some('@' | '#')) && lead == 1;
        if !is_tag {
            split_word_run_punct(text, start, start + lead, out);
        }
    }
    let (ws, we) = (start + lead, start + core_end);
    if ws < we {
        out.push(word(text, ws, we));
    }
    if we < end {
        split_word_run_punct(text, we, end, out);
    }
}

fn split_word_run_punct(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut s = start;
    let seg = &text[start..end];
    let mut prev: Option<char> = None;
    for (off, c) in seg.char_indices() {
        if prev.is_some_and(|p| p != c) {
            out.push(punct(text, s, start + off));
            s = start + off;
        }
        prev = Some(c);
    }
    if s < end {
        out.push(punct(text, s, end));
    }
}

fn word(text: &str, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters >= 2 && !raw.chars().any(char::is_lowercase);
    let all_digits = raw
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    let mut lower = raw.to_lowercase();
    if lower.contains('’') {
        lower = lower.replace('’', "'");
    }
    if all_digits {
        return Token {
            start,
            end,
            kind: TokenKind::Number,
            norm: lower,
            caps: false,
            obfuscated: false,
        };
    }
    let (norm, obfuscated) = deobfuscate(&lower);
    Token {
        start,
        end,
        kind: TokenKind::Word,
        norm,
        caps,
        obfuscated,
    }
}

/// Undo common disguises of a lower-case word; the second value says whether anything was undone.
pub fn deobfuscate(lower: &str) -> (String, bool) {
    if plainly_spelled(lower) || lexicon::is_known(lower) {
        return (lower.to_string(), false);
    }
    if lower.contains(['*', '#'])
        && let Some(w) = unmask(lower)
    {
        return (w.to_string(), true);
    }
    let leet: String = lower
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            other => other,
        })
        .collect();
    let destretched = [
        collapse_runs(lower, 1),
        collapse_runs(&leet, 1),
        collapse_runs(&leet, 2),
    ];
    for cand in std::iter::once(&leet).chain(destretched.iter()) {
        if cand != lower && lexicon::is_known(cand) {
            return (cand.clone(), true);
        }
    }
    // Unknown word: stretched letters are collapsed to one ("soooo" -> "so").
    let cleaned: String = destretched[0]
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    let cleaned = if cleaned.is_empty() {
        lower.to_string()
    } else {
        cleaned
    };
    let obfuscated = cleaned != lower;
    (cleaned, obfuscated)
}

/// Letters (and apostrophes) only, with no letter three times in a row: nothing to undo, so
/// the slower search below would hand the word back as it is.
fn plainly_spelled(lower: &str) -> bool {
    let b = lower.as_bytes();
    b.iter().all(|c| c.is_ascii_lowercase() || *c == b'\'')
        && !b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// Collapses runs of three or more of the same letter to `keep` letters.
fn collapse_runs(s: &str, keep: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.next_if_eq(&c).is_some() {
            run += 1;
        }
        let kept = if run >= 3 { run.min(keep) } else { run };
        out.extend(std::iter::repeat_n(c, kept));
    }
    out
}

/// Matches a masked spelling ("f**k", "sh#t", "a**hole") against the offensive lists.
fn unmask(masked: &str) -> Option<&'static str> {
    let m: Vec<char> = masked.chars().collect();
    let letters = m.iter().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return None;
    }
    lexicon::offensive_words().find(|w| {
        let wc: Vec<char> = w.chars().collect();
        wc.len() == m.len()
            && wc
                .iter()
                .zip(&m)
                .all(|(a, b)| a == b || matches!(b, '*' | '#'))
    })
}

/// Joins runs of single letters ("f u c k", "f.u.c.k") into one word when the run, or the
/// rest of it from some letter on, spells a listed word: "x f u c k" gives "x", "fuck".
///
/// Only the last [`lexicon::longest_offensive_word`] letters of a run can spell one, so a run
/// costs a bounded number of lookups however long it is.
fn join_spaced_letters(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let longest = lexicon::longest_offensive_word();
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let letters = spaced_run(&tokens, i);
        let Some(&last) = letters.last() else {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        };
        let spelled = (letters.len().saturating_sub(longest)..letters.len().saturating_sub(2))
            .map(|k| {
                (
                    k,
                    letters[k..]
                        .iter()
                        .map(|&l| tokens[l].norm.as_str())
                        .collect(),
                )
            })
            .find(|(_, joined): &(usize, String)| lexicon::offensive_class(joined).is_some());
        let Some((k, joined)) = spelled else {
            out.extend_from_slice(&tokens[i..=last]);
            i = last + 1;
            continue;
        };
        out.extend_from_slice(&tokens[i..letters[k]]);
        let (start, end) = (tokens[letters[k]].start, tokens[last].end);
        out.push(Token {
            start,
            end,
            kind: TokenKind::Word,
            caps: text[start..end].chars().all(|c| !c.is_lowercase()),
            norm: joined,
            obfuscated: true,
        });
        i = last + 1;
    }
    out
}

/// The indices of the single letters in the run that starts at token `i`: letters at most two
/// bytes apart, or one separator (`.`, `-`, `_`, `*`) apart. Empty when token `i` is no letter.
fn spaced_run(tokens: &[Token], i: usize) -> Vec<usize> {
    let single = |t: &Token| t.is_word() && t.norm.chars().count() == 1 && t.end - t.start <= 4;
    let separator =
        |t: &Token| t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "-" | "_" | "*");
    if !single(&tokens[i]) {
        return Vec::new();
    }
    let mut letters = vec![i];
    let mut j = i + 1;
    while j < tokens.len() {
        let previous = &tokens[letters[letters.len() - 1]];
        if single(&tokens[j]) && tokens[j].start - previous.end <= 2 {
            letters.push(j);
            j += 1;
        } else if separator(&tokens[j]) && tokens.get(j + 1).is_some_and(single) {
            j += 1;
        } else {
            break;
        }
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(norms("Hello, WORLD!!!"), ["hello", ",", "world", "!!!"]);
        assert_eq!(norms("don't @united #fail"), ["don't", "united", "fail"]);
    }

    #[test]
    fn offsets_point_at_the_original_bytes() {
        let text = "Ça va? f*ck 😀 ok";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        let t = tokenize(text)
            .into_iter()
            .find(|t| t.norm == "fuck")
            .unwrap();
        assert_eq!(&text[t.start..t.end], "f*ck");
    }

    #[test]
    fn undoes_disguises() {
        assert_eq!(norms("f*ck"), ["fuck"]);
        assert_eq!(norms("sh!t"), ["shit"]);
        assert_eq!(norms("1d10t"), ["idiot"]);
        assert_eq!(norms("stuuuupid"), ["stupid"]);
        assert_eq!(norms("f u c k you"), ["fuck", "you"]);
        assert_eq!(norms("i.d.i.o.t"), ["idiot"]);
        assert_eq!(norms("soooo good"), ["so", "good"]);
    }

    #[test]
    fn leaves_ordinary_words_alone() {
        assert_eq!(norms("I need it by 5pm"), ["i", "need", "it", "by", "5pm"]);
        assert_eq!(norms("a b c"), ["a", "b", "c"]);
        assert!(tokenize("a b c").iter().all(|t| !t.obfuscated));
    }

    #[test]
    fn marks_capitals() {
        let t = tokenize("This is NOT ok I");
        assert!(t[2].caps);
        assert!(!t[0].caps && !t[4].caps);
    }
}
