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

/// Function words of other Latin-script languages (Spanish, French, German, Italian,
/// Portuguese, Dutch) that are not English words: a message made of them is not English, even
/// when the lexicon knows some of its content words.
const FOREIGN: &[&str] = &[
    "el", "la", "los", "las", "del", "que", "y", "una", "por", "para", "mi", "nadie", "es", "se",
    "le", "les", "des", "et", "est", "je", "vous", "nous", "pas", "une", "avec", "der", "das",
    "und", "ich", "nicht", "ist", "sie", "ein", "eine", "il", "di", "che", "non", "sono", "ho",
    "não", "um", "uma", "com", "het", "een", "niet", "ik", "mijn", "muy", "pero", "mais", "aber",
];

/// Guesses the language from the share of common English words and known lexicon words, and
/// from function words of other languages.
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
    let common = words
        .iter()
        .filter(|t| COMMON.contains(&t.norm.as_str()))
        .count();
    let foreign = words
        .iter()
        .filter(|t| FOREIGN.contains(&t.norm.as_str()))
        .count();
    let n = words.len() as f32;
    if (latin as f32) < 0.5 * n || (english as f32) < 0.2 * n || foreign >= 2 && foreign > common {
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
        assert_eq!(
            detect(&tokenize(
                "Hola, mi pedido no ha llegado y nadie me responde, es urgente por favor"
            )),
            Language::Other
        );
        assert_eq!(
            detect(&tokenize(
                "Je suis très déçu, la commande n'est pas arrivée et personne ne répond"
            )),
            Language::Other
        );
        assert_eq!(
            detect(&tokenize(
                "Y'all sent me the wrong order, la la la, is anyone there?"
            )),
            Language::English
        );
        assert_eq!(detect(&tokenize("ok")), Language::Unknown);
    }
}
