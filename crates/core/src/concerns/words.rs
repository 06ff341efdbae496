//! The word lists the rewrite reads: words with no content of their own, words that insult or
//! accuse, chat noise, and short words that are shouted rather than abbreviations.

/// Words that carry no content of their own: a clause made only of these says nothing.
#[rustfmt::skip]
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "i", "you", "we", "us", "our", "your", "my", "me", "they", "them", "he", "she", "it", "its", "this",
    "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has",
    "had", "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "a",
    "an", "the", "some", "any", "so", "very", "really", "such", "complete", "total", "absolute", "utter",
    "totally", "completely", "just", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "ok", "okay", "well", "oh", "yes", "yeah", "no", "not", "hi", "hello", "hey", "dear",
    "bunch", "people", "guys", "lot", "you're", "we're", "it's", "that's", "all", "now", "again", "here",
    "there",
];

/// Words an insult can hide behind besides the offensive lists.
pub(super) const DEROGATORY: &[&str] =
    &["joke", "disgrace", "shambles", "farce", "clowns", "bozos"];

/// Names that accuse: never said back, wherever they stand.
#[rustfmt::skip]
pub(super) const ACCUSING_NAMES: &[&str] = &[
    "scam", "scams", "scammers", "scammer", "fraudsters", "fraudster", "thieves", "thief", "crooks",
    "crook", "liars", "liar", "cheats", "cheaters", "criminals", "swindlers", "conmen", "ripoff",
    "sharks",
];

/// What a thing is called only to accuse, and so only after "is": "this is fraud" (but "there
/// is fraud on my card" stays).
#[rustfmt::skip]
pub(super) const ACCUSATIONS: &[&str] = &[
    "fraud", "fraudulent", "theft", "robbery", "extortion", "criminal", "illegal", "stealing",
    "lying", "dishonest", "corrupt",
];

/// Swear words used as verbs at someone ("f*ck you").
pub(super) const PROFANE_VERBS: &[&str] =
    &["fuck", "fck", "screw", "damn", "frick", "frig", "bugger"];

/// Chat abbreviations, sighs and minced swearing.
#[rustfmt::skip]
pub(super) const CHAT_NOISE: &[&str] = &[
    "lol", "lmao", "lmfao", "rofl", "smh", "fml", "omg", "ffs", "tf", "wtf", "ugh", "jeez", "geez",
    "sigh", "haha", "hahaha", "xd", "meh", "argh", "f'ing", "f'in", "effing", "frigging",
    "friggin", "freaking", "freakin", "frickin", "flipping", "flippin",
];

/// Short words that, in capitals, are shouted rather than an abbreviation.
#[rustfmt::skip]
pub(super) const SHOUTED: &[&str] = &[
    "now", "not", "never", "ever", "even", "still", "again", "stop", "help", "here", "back", "time",
    "why", "what", "who", "how", "when", "done", "only", "more", "much", "same", "yet", "over",
    "fast", "soon", "late", "lost", "full", "paid", "days", "week", "hour", "ours", "mine", "real",
];
