//! A light guess at whether a message is English, so that models trained on English do not
//! score other languages with false confidence.

use crate::lexicon;
use crate::text::Token;
use crate::types::Language;

const COMMON: &[&str] = &[
    "the", "a", "an", "and", "or", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was",
    "were", "be", "been", "i", "you", "he", "she", "it", "we", "they", "my", "your", "our", "this",
    "that", "not", "no", "have", "has", "had", "do", "does", "did", "can", "will", "would", "me",
    "what", "why", "how", "when", "where", "there", "here", "so", "but", "if", "just", "please",
    "still", "again", "from", "by", "about", "all", "any", "get", "got", "am", "im", "i'm", "it's",
];

/// Guesses the language from the share of common English words and known lexicon words.
pub fn detect(tokens: &[Token]) -> Language {
    let words: Vec<&Token> = tokens.iter().filter(|t| t.is_word()).collect();
    if words.len() < 3 {
        return Language::Unknown;
    }
    let latin = words
        .iter()
        .filter(|t| {
            t.norm
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '\'')
        })
        .count();
    let english = words
        .iter()
        .filter(|t| COMMON.contains(&t.norm.as_str()) || lexicon::is_known(&t.norm))
        .count();
    let n = words.len() as f32;
    if (latin as f32) < 0.5 * n || (english as f32) < 0.2 * n {
        Language::Other
    } else {
        Language::English
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn tells_english_from_other_languages() {
        assert_eq!(
            detect(&tokenize("My order never arrived and nobody answers")),
            Language::English
        );
        assert_eq!(
            detect(&tokenize("Mi pedido nunca llegó y nadie contesta")),
            Language::Other
        );
        assert_eq!(
            detect(&tokenize("Моя посылка так и не пришла")),
            Language::Other
        );
        assert_eq!(detect(&tokenize("ok")), Language::Unknown);
    }
}
