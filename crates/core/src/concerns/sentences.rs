//! Splits a message into sentences, and long sentences into clauses, as byte ranges.
//!
//! A sentence ends at `.`, `!`, `?` or `…` followed by a space, and at every line break. Common
//! abbreviations ("Mr.", "e.g.", "i.e.", "No. 5"), initials ("J. Smith") and decimals ("3.50")
//! do not end a sentence.

use std::ops::Range;

/// Abbreviations that never end a sentence, lower case, without their final dot.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "e.g", "i.e", "eg", "ie", "no", "nr", "approx", "dept",
    "jr", "sr", "inc", "ltd", "co", "ref", "tel", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "u.s", "u.k", "acc", "cf",
];

/// The sentences of `text`, trimmed of surrounding white space; empty ones are left out.
pub(crate) fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '\n' | '\r' => Some(i),
            '.' | '!' | '?' | '…' => {
                // Take the whole run of closing marks and quotes: "what?!" or "it.'"
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if matches!(d, '.' | '!' | '?' | '…' | '"' | '\'' | '’' | '”' | ')') {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let followed_by_space = text[end..].chars().next().is_none_or(char::is_whitespace);
                (followed_by_space
                    && !(c == '.' && end == i + 1 && is_abbreviation(&text[..i], &text[end..])))
                .then_some(end)
            }
            _ => None,
        };
        if let Some(end) = end {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Splits a sentence of more than `max_words` words at `;`, dashes, commas and "but" into
/// clauses; shorter sentences come back whole.
pub(crate) fn clauses(text: &str, sentence: Range<usize>, max_words: usize) -> Vec<Range<usize>> {
    let s = &text[sentence.clone()];
    if s.split_whitespace().count() <= max_words {
        return vec![sentence];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        // A comma between digits groups thousands ("1,200"): it ends no clause.
        let in_number = c == ','
            && s[..i].ends_with(|d: char| d.is_ascii_digit())
            && s[i + 1..].starts_with(|d: char| d.is_ascii_digit());
        let cut = match c {
            ',' if in_number => None,
            ';' | ',' => Some((i, i + 1)),
            '—' | '–' => Some((i, i + c.len_utf8())),
            '-' if s[i + 1..].starts_with(' ') && s[..i].ends_with(' ') => Some((i, i + 1)),
            ' ' if s[i..].starts_with(" but ") => Some((i, i + 4)),
            _ => None,
        };
        if let Some((end, next)) = cut.filter(|&(end, _)| end >= start) {
            push_trimmed(text, sentence.start + start..sentence.start + end, &mut out);
            start = next;
        }
    }
    push_trimmed(text, sentence.start + start..sentence.end, &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Whether the dot after `before` belongs to an abbreviation or an initial.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
        .next()
        .unwrap_or_default();
    let lower = word.to_lowercase();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let next_is_lower = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    ABBREVIATIONS.contains(&lower.as_str()) || initial || (lower == "etc" && next_is_lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_end_marks_and_line_breaks() {
        assert_eq!(
            sentences("It broke. Fix it!! Why?\nThanks"),
            ["It broke.", "Fix it!!", "Why?", "Thanks"]
        );
        assert_eq!(sentences("  "), Vec::<&str>::new());
        assert_eq!(
            sentences("He said 'no.' Then left"),
            ["He said 'no.'", "Then left"]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            sentences("Mr. Smith said e.g. this. Ok"),
            ["Mr. Smith said e.g. this.", "Ok"]
        );
        assert_eq!(
            sentences("It cost 3.50 a month. J. Doe agreed"),
            ["It cost 3.50 a month.", "J. Doe agreed"]
        );
        assert_eq!(
            sentences("Order No. 55 is late... Again"),
            ["Order No. 55 is late...", "Again"]
        );
    }

    #[test]
    fn handles_non_ascii() {
        assert_eq!(
            sentences("Ça ne marche pas… Où est-il? 😡"),
            ["Ça ne marche pas…", "Où est-il?", "😡"]
        );
    }

    #[test]
    fn long_sentences_split_into_clauses() {
        let text =
            "I was told the upgrade was free, but now I see a charge of forty dollars on my bill";
        let got: Vec<&str> = clauses(text, 0..text.len(), 12)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            [
                "I was told the upgrade was free",
                "now I see a charge of forty dollars on my bill"
            ]
        );
        let short = "It broke, sadly";
        let whole = clauses(short, 0..short.len(), 12);
        assert_eq!((whole.len(), whole[0].clone()), (1, 0..short.len()));
    }
}
