//! Secrets a client pastes into a message: card numbers (Luhn-checked), IBANs (mod-97-checked)
//! and passwords written out ("my password is ..."). The server masks them before a message is
//! stored, so that they never reach the database, a page or an export.
//!
//! Detection is a single left-to-right scan with bounded look-ahead at each candidate start, so
//! its cost is linear in the length of the text.

/// What kind of secret a span holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    CardNumber,
    Iban,
    Password,
}

/// A secret found in a text: its kind and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Secret {
    pub kind: SecretKind,
    pub start: usize,
    pub end: usize,
}

impl SecretKind {
    pub const ALL: [SecretKind; 3] = [
        SecretKind::CardNumber,
        SecretKind::Iban,
        SecretKind::Password,
    ];

    /// The words that stand in for a secret of this kind in a masked text.
    pub fn mask(self) -> &'static str {
        match self {
            SecretKind::CardNumber => "[card number masked]",
            SecretKind::Iban => "[IBAN masked]",
            SecretKind::Password => "[password masked]",
        }
    }
}

/// Card numbers have 13 to 19 digits.
const CARD_DIGITS: std::ops::RangeInclusive<usize> = 13..=19;
/// The first digit of the card networks (2 and 5 Mastercard, 3 Amex, 4 Visa, 6 Discover); other
/// long numbers (order numbers, phone numbers) are left alone.
const CARD_FIRST_DIGITS: &[u8] = b"23456";
/// IBANs have 15 to 34 characters, spaces not counted.
const IBAN_CHARS: std::ops::RangeInclusive<usize> = 15..=34;
/// Words after which the next one is a password: "password is", "pin:", "passcode =".
const PASSWORD_WORDS: &[&str] = &[
    "password",
    "passwort",
    "passwd",
    "pwd",
    "passcode",
    "passphrase",
    "pin",
];
/// What joins a password word to the password.
const PASSWORD_JOINS: &[&str] = &["is:", "is", "was", ":", "="];
/// Words that may stand between the join and the password: "my password is now ...".
const FILLERS: &[&str] = &["now", "just", "still", "simply", "currently", "literally"];
/// Words that follow "password is" in a complaint about a password rather than in front of one.
const NOT_A_PASSWORD: &[&str] = &[
    "a",
    "accepted",
    "an",
    "being",
    "blank",
    "blocked",
    "broken",
    "case",
    "changed",
    "correct",
    "different",
    "disabled",
    "empty",
    "expired",
    "fine",
    "forgotten",
    "gone",
    "incorrect",
    "invalid",
    "locked",
    "lost",
    "missing",
    "needed",
    "no",
    "not",
    "ok",
    "okay",
    "rejected",
    "required",
    "reset",
    "right",
    "same",
    "saved",
    "sent",
    "set",
    "short",
    "strong",
    "the",
    "too",
    "unknown",
    "very",
    "weak",
    "working",
    "wrong",
];
/// Leading characters that open a quote rather than a password.
const LEADING: &[char] = &['"', '\'', '('];
/// Trailing characters that end a sentence rather than a password.
const TRAILING: &[char] = &['.', ',', ';', '"', '\'', ')', ']'];

/// Every secret in `text`, in order and without overlaps.
pub fn find_secrets(text: &str) -> Vec<Secret> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if starts_word(bytes, at)
            && let Some(secret) = card_at(bytes, at)
                .or_else(|| iban_at(bytes, at))
                .or_else(|| password_at(text, at).filter(|p| !starts_number(bytes, p.start)))
        {
            at = secret.end;
            found.push(secret);
            continue;
        }
        at += 1;
    }
    found
}

/// `text` with each secret replaced by the mask of its kind.
pub fn mask_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for secret in find_secrets(text) {
        out.push_str(&text[from..secret.start]);
        out.push_str(secret.kind.mask());
        from = secret.end;
    }
    out.push_str(&text[from..]);
    out
}

/// Whether `digits` (ASCII digits only) pass the Luhn check.
pub fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// Whether `iban` (ASCII letters and digits, no spaces) passes the ISO 13616 mod-97 check.
pub fn iban_valid(iban: &[u8]) -> bool {
    if !IBAN_CHARS.contains(&iban.len()) || !iban.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let (head, rest) = iban.split_at(4);
    mod_97_ends_in_one(rest.iter().fold(0, mod_97_push), head)
}

/// `acc` (a remainder mod 97) with the digits of `c` written after it (a letter is two digits,
/// A = 10 ... Z = 35).
fn mod_97_push(acc: u32, c: &u8) -> u32 {
    let value = match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        _ => u32::from(c.to_ascii_uppercase() - b'A') + 10,
    };
    let shift = if value >= 10 { 100 } else { 10 };
    (acc * shift + value) % 97
}

/// Whether the IBAN whose characters after the first four leave `rest` mod 97, with the first
/// four `head` moved to the end, leaves 1.
fn mod_97_ends_in_one(rest: u32, head: &[u8]) -> bool {
    head.iter().fold(rest, mod_97_push) == 1
}

/// Whether a card number or an IBAN starts at `at` ("my PIN is 4111 1111 ..." is a card).
fn starts_number(bytes: &[u8], at: usize) -> bool {
    card_at(bytes, at).is_some() || iban_at(bytes, at).is_some()
}

/// Whether a word may start at `at`: the text starts there or the byte before is no letter or digit.
fn starts_word(bytes: &[u8], at: usize) -> bool {
    at == 0 || !bytes[at - 1].is_ascii_alphanumeric()
}

/// Whether a word ends at `at`.
fn ends_word(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// A card number starting at `at`: digits with single spaces or hyphens between groups.
fn card_at(bytes: &[u8], at: usize) -> Option<Secret> {
    // Only where a run of digit groups starts: the tail of a longer number is not a card.
    let inside_run =
        at >= 2 && matches!(bytes[at - 1], b' ' | b'-') && bytes[at - 2].is_ascii_digit();
    if inside_run || !CARD_FIRST_DIGITS.contains(&bytes[at]) {
        return None;
    }
    let mut digits = Vec::with_capacity(*CARD_DIGITS.end());
    let mut end = at;
    let mut i = at;
    while i < bytes.len() && digits.len() <= *CARD_DIGITS.end() {
        match bytes[i] {
            b @ b'0'..=b'9' => {
                digits.push(b);
                end = i + 1;
            }
            // One separator between digits.
            b' ' | b'-' if end == i && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {}
            _ => break,
        }
        i += 1;
    }
    let whole = CARD_DIGITS.contains(&digits.len()) && ends_word(bytes, end);
    (whole && luhn_valid(&digits)).then_some(Secret {
        kind: SecretKind::CardNumber,
        start: at,
        end,
    })
}

/// An IBAN starting at `at`: a country code, two check digits, then letters and digits, written
/// whole or in groups split by single spaces. The longest prefix that ends a group and passes
/// the check wins, so words after the IBAN are not swallowed.
fn iban_at(bytes: &[u8], at: usize) -> Option<Secret> {
    let head = bytes.get(at..at + 4)?;
    if !(head[..2].iter().all(u8::is_ascii_alphabetic) && head[2..].iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    // The remainder of the characters after the head, kept as they are read, so that each
    // group end is checked in constant time.
    let (mut count, mut rest) = (0, 0);
    let mut best = None;
    let mut i = at;
    while i < bytes.len() && count <= *IBAN_CHARS.end() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            if count >= 4 {
                rest = mod_97_push(rest, &b);
            }
            count += 1;
            i += 1;
            let whole = IBAN_CHARS.contains(&count) && ends_word(bytes, i);
            if whole && mod_97_ends_in_one(rest, head) {
                best = Some(i);
            }
        } else if b == b' ' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        } else {
            break;
        }
    }
    best.map(|end| Secret {
        kind: SecretKind::Iban,
        start: at,
        end,
    })
}

/// A password written after one of [`PASSWORD_WORDS`] and a join: "password is hunter2".
fn password_at(text: &str, at: usize) -> Option<Secret> {
    let rest = text.get(at..)?;
    let word = PASSWORD_WORDS
        .iter()
        .find(|w| starts_with_ignore_case(rest, w) && ends_word(rest.as_bytes(), w.len()))?;
    let after_word = rest[word.len()..].trim_start_matches(' ');
    // "is" must be a whole word: "password isn't" has no join.
    let join = PASSWORD_JOINS.iter().find(|j| {
        starts_with_ignore_case(after_word, j)
            && (!j.ends_with(|c: char| c.is_ascii_alphabetic())
                || ends_word(after_word.as_bytes(), j.len()))
    })?;
    let mut next = after_word[join.len()..].trim_start();
    let mut candidate = first_word(next);
    if FILLERS.iter().any(|f| candidate.eq_ignore_ascii_case(f)) {
        next = next[candidate.len()..].trim_start();
        candidate = first_word(next);
    }
    let quoted = next.trim_start_matches(LEADING);
    if SecretKind::ALL
        .iter()
        .any(|kind| quoted.starts_with(kind.mask()))
    {
        return None; // Masked already.
    }
    let lead = candidate.len() - candidate.trim_start_matches(LEADING).len();
    let secret = candidate[lead..].trim_end_matches(TRAILING);
    let not_a_password = NOT_A_PASSWORD
        .iter()
        .any(|word| secret.eq_ignore_ascii_case(word));
    if secret.is_empty() || not_a_password {
        return None;
    }
    let start = text.len() - next.len() + lead;
    Some(Secret {
        kind: SecretKind::Password,
        start,
        end: start + secret.len(),
    })
}

/// The first run of non-whitespace in `text`.
fn first_word(text: &str) -> &str {
    &text[..text.find(char::is_whitespace).unwrap_or(text.len())]
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests;
