//! Lexicon sentiment in the manner of VADER: word valences adjusted for negation, intensifiers,
//! capitals, "but" and exclamation marks, with the contribution of every word kept as evidence.

use crate::lexicon;
use crate::text::Token;

/// Lexicon scores of one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Valence {
    /// Sum of positive word scores.
    pub positive: f32,
    /// Sum of negative word scores, as a positive number.
    pub negative: f32,
    /// Normalised overall score in [-1, 1].
    pub compound: f32,
    /// Per word: (token index, adjusted valence), non-zero entries only.
    pub words: Vec<(usize, f32)>,
}

const NEGATORS: &[&str] = &[
    "not",
    "no",
    "never",
    "nothing",
    "nobody",
    "none",
    "neither",
    "nor",
    "cannot",
    "can't",
    "cant",
    "don't",
    "dont",
    "doesn't",
    "doesnt",
    "didn't",
    "didnt",
    "isn't",
    "isnt",
    "wasn't",
    "wasnt",
    "won't",
    "wont",
    "wouldn't",
    "wouldnt",
    "aren't",
    "arent",
    "haven't",
    "havent",
    "hasn't",
    "hasnt",
    "shouldn't",
    "couldn't",
    "without",
    "hardly",
    "barely",
];

const BOOSTERS: &[&str] = &[
    "very",
    "really",
    "so",
    "extremely",
    "absolutely",
    "completely",
    "totally",
    "utterly",
    "incredibly",
    "hugely",
    "super",
    "such",
    "most",
    "highly",
    "truly",
    "fucking",
    "bloody",
    "damn",
    "freaking",
    "seriously",
    "deeply",
    "awfully",
];

const DAMPENERS: &[&str] = &[
    "slightly", "somewhat", "kinda", "kind", "sort", "sorta", "barely", "little", "bit",
];

/// True for a word that flips the meaning of what follows ("not", "never", "don't").
pub fn is_negator(norm: &str) -> bool {
    NEGATORS.contains(&norm)
}

/// Scores `tokens` with the valence lexicon.
pub fn score(tokens: &[Token]) -> Valence {
    let words: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].is_word()).collect();
    let all_caps = words.iter().all(|&i| tokens[i].caps);
    let but_at = words.iter().rposition(|&i| tokens[i].norm == "but");
    let mut out = Valence::default();
    for (wpos, &i) in words.iter().enumerate() {
        let t = &tokens[i];
        let Some(mut v) = lexicon::valence(&t.norm) else {
            continue;
        };
        if BOOSTERS.contains(&t.norm.as_str()) && v.abs() < 1.0 {
            continue;
        }
        if t.caps && !all_caps {
            v += 0.733 * v.signum();
        }
        for back in 1..=3 {
            let Some(&j) = wpos.checked_sub(back).map(|k| &words[k]) else {
                break;
            };
            let prev = tokens[j].norm.as_str();
            let decay = [1.0, 0.95, 0.9][back - 1];
            if BOOSTERS.contains(&prev) {
                v += 0.293 * v.signum() * decay;
            } else if DAMPENERS.contains(&prev) {
                v -= 0.293 * v.signum() * decay;
            }
            if is_negator(prev) {
                v *= -0.74;
            }
        }
        if let Some(b) = but_at {
            v *= if wpos < b {
                0.5
            } else if wpos > b {
                1.5
            } else {
                1.0
            };
        }
        if v > 0.0 {
            out.positive += v;
        } else {
            out.negative -= v;
        }
        out.words.push((i, v));
    }
    let bangs: usize = tokens
        .iter()
        .filter(|t| t.kind == crate::text::TokenKind::Punct && t.norm.starts_with('!'))
        .map(|t| t.norm.len())
        .sum();
    let sum = out.positive - out.negative;
    let emphasis = (bangs.min(4) as f32) * 0.292 * sum.signum();
    let s = sum + emphasis;
    out.compound = s / (s * s + 15.0).sqrt();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn compound(text: &str) -> f32 {
        score(&tokenize(text)).compound
    }

    #[test]
    fn polarity_and_negation() {
        assert!(compound("The delivery was great") > 0.3);
        assert!(compound("The delivery was terrible") < -0.3);
        assert!(compound("The delivery was not great") < 0.0);
        assert!(compound("The delivery was not terrible") > 0.0);
    }

    #[test]
    fn intensity() {
        assert!(compound("really bad!!!") < compound("bad"));
        assert!(compound("This is BAD and slow") < compound("This is bad and slow"));
        assert_eq!(compound(""), 0.0);
    }

    #[test]
    fn but_shifts_weight_to_the_second_clause() {
        assert!(compound("The staff were nice but the delivery was awful") < 0.0);
    }
}
