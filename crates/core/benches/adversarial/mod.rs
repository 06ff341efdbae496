//! Messages built to cost the most per byte, shared by the `long_messages` bench and test:
//! each repeats one unit up to [`SIZE`] bytes.

/// The longest message analysed ([`defuse_core::MAX_TEXT_BYTES`]).
pub const SIZE: usize = defuse_core::MAX_TEXT_BYTES;

/// (name, unit): spaced letters (alone and as insults between words), one long token, a stretched letter, masked words run together,
/// punctuation, emoji, grammar to mend or to refuse at every few words, and ordinary hostile
/// sentences.
pub const UNITS: &[(&str, &str)] = &[
    ("spaced letters", "f u c k "),
    ("spaced insults between words", "you i d i o t s "),
    ("one token", "abcdefghij"),
    ("one stretched letter", "o"),
    ("masked words run together", "f*ck1d10t"),
    ("repeated punctuation", "!?"),
    ("one punctuation run", "!"),
    ("emoji", "😡"),
    ("emoji between letters", "a😡 "),
    (
        "grammar mended at every few words",
        "i am waiting since 3 days ",
    ),
    ("slips no rule mends", "you are already pay "),
    (
        "hostile sentences",
        "You useless idiots, I told you AGAIN!!! Sort it by Friday or I call my lawyer. ",
    ),
];

/// (name, unit): text built to make the search for secrets (`secrets::mask_secrets`) look ahead
/// as far as it can at every position.
pub const SECRET_UNITS: &[(&str, &str)] = &[
    ("digits in groups", "4111 "),
    ("spaced digits", "4 "),
    ("IBAN groups", "DE89 3704 "),
    ("password words", "password is "),
    ("joins without a password", "pin: "),
    ("one long number", "4"),
];

/// `unit` repeated to at most `size` bytes.
pub fn repeated(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len())
}
