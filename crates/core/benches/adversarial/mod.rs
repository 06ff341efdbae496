//! Messages built to cost the most per byte, shared by the `long_messages` bench and test:
//! each repeats one unit up to [`SIZE`] bytes.

/// The longest message analysed ([`defuse_core::MAX_TEXT_BYTES`]).
pub const SIZE: usize = defuse_core::MAX_TEXT_BYTES;

/// (name, unit): spaced letters, one long token, a stretched letter, masked words run together,
/// punctuation, emoji, and ordinary hostile sentences.
pub const UNITS: &[(&str, &str)] = &[
    ("spaced letters", "f u c k "),
    ("one token", "abcdefghij"),
    ("one stretched letter", "o"),
    ("masked words run together", "f*ck1d10t"),
    ("repeated punctuation", "!?"),
    ("one punctuation run", "!"),
    ("emoji", "😡"),
    ("emoji between letters", "a😡 "),
    (
        "hostile sentences",
        "You useless idiots, I told you AGAIN!!! Sort it by Friday or I call my lawyer. ",
    ),
];

/// `unit` repeated to at most `size` bytes.
pub fn repeated(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len())
}
