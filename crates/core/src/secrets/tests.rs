//! Masking of card numbers, IBANs and passwords: examples, and properties over generated text.

use proptest::prelude::*;

use super::*;

fn check(text: &str, expect: &str) {
    let masked = mask_secrets(text);
    assert_eq!(masked, expect, "masking {text:?}");
    assert_eq!(mask_secrets(&masked), masked, "masking {text:?} twice");
}

#[test]
fn masks_card_numbers_that_pass_luhn() {
    check(
        "card 4111 1111 1111 1111, exp 12/27",
        "card [card number masked], exp 12/27",
    );
    check("5500-0000-0000-0004", "[card number masked]");
    check(
        "pay with 378282246310005.",
        "pay with [card number masked].",
    );
}

#[test]
fn leaves_other_long_numbers() {
    // One digit off: the Luhn check fails.
    check("card 4111 1111 1111 1112", "card 4111 1111 1111 1112");
    // An order number starting with a digit no card network uses.
    check("order 9111111111111111", "order 9111111111111111");
    // Part of a longer run of digits, or glued to letters.
    check("4111111111111111111111", "4111111111111111111111");
    check("ref4111111111111111", "ref4111111111111111");
    check("call 0044 7700 900123", "call 0044 7700 900123");
    // The last 17 digits of this run pass the Luhn check, but they are not a number by themselves.
    let run = "4 ".repeat(30);
    check(&run, &run);
}

#[test]
fn masks_ibans_that_pass_mod_97() {
    check(
        "IBAN: DE89 3704 0044 0532 0130 00 thanks",
        "IBAN: [IBAN masked] thanks",
    );
    check("GB82WEST12345698765432", "[IBAN masked]");
    check("gb82 west 1234 5698 7654 32.", "[IBAN masked].");
    // One character changed.
    check("DE89 3704 0044 0532 0130 02", "DE89 3704 0044 0532 0130 02");
}

#[test]
fn masks_passwords_written_out() {
    check(
        "My password is hunter2, please fix it",
        "My password is [password masked], please fix it",
    );
    check("password: \"S3cret!\"", "password: \"[password masked]\"");
    check("PIN is 4821.", "PIN is [password masked].");
    check(
        "my PIN is 4111 1111 1111 1111",
        "my PIN is [card number masked]",
    );
    check(
        "the passcode is now swordfish",
        "the passcode is now [password masked]",
    );
}

#[test]
fn leaves_complaints_about_passwords() {
    for text in [
        "my password is wrong again",
        "the password is not accepted",
        "password isn't working",
        "passwords are a pain",
        "I reset my password yesterday",
        "your password is incorrect, it says",
    ] {
        check(text, text);
    }
}

#[test]
fn spans_are_in_order_and_cut_at_char_boundaries() {
    let text = "é 4111111111111111 ü password: x ü DE89370400440532013000";
    let found = find_secrets(text);
    let kinds: Vec<_> = found.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SecretKind::CardNumber,
            SecretKind::Password,
            SecretKind::Iban
        ]
    );
    for s in &found {
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
}

/// A Luhn-valid number of `len` digits starting with `first`, from the digits `body`.
fn card(first: u8, body: &[u8], len: usize) -> Vec<u8> {
    let mut digits = vec![b'0' + first];
    digits.extend(body.iter().take(len - 2).map(|d| b'0' + d % 10));
    (0..10u8)
        .map(|c| {
            let mut all = digits.clone();
            all.push(b'0' + c);
            all
        })
        .find(|all| luhn_valid(all))
        .expect("one check digit fits")
}

/// A valid German IBAN from 18 digits.
fn iban(body: &[u8]) -> String {
    let bban: String = body.iter().map(|d| char::from(b'0' + d % 10)).collect();
    (0..100)
        .map(|c| format!("DE{c:02}{bban}"))
        .find(|candidate| iban_valid(candidate.as_bytes()))
        .expect("one pair of check digits fits")
}

proptest! {
    #[test]
    fn a_card_in_any_text_is_masked(
        before in "[a-zA-Z ,.!?]{0,40}",
        after in "[a-zA-Z ,.!?]{0,40}",
        first in 2u8..=6,
        body in proptest::collection::vec(0u8..10, 18),
        len in 13usize..=19,
        grouped in any::<bool>(),
    ) {
        let digits = card(first, &body, len);
        let written: String = digits
            .chunks(4)
            .map(|g| String::from_utf8(g.to_vec()).unwrap())
            .collect::<Vec<_>>()
            .join(if grouped { " " } else { "" });
        let masked = mask_secrets(&format!("{before} {written} {after}"));
        prop_assert!(!masked.contains(|c: char| c.is_ascii_digit()), "{masked}");
    }

    #[test]
    fn an_iban_in_any_text_is_masked(
        before in "[a-z ,.]{0,30}",
        body in proptest::collection::vec(0u8..10, 18),
    ) {
        let iban = iban(&body);
        let masked = mask_secrets(&format!("{before} {iban}. thanks"));
        prop_assert!(!masked.contains(&iban[4..]), "{masked}");
        prop_assert!(masked.ends_with("[IBAN masked]. thanks"));
    }

    #[test]
    fn luhn_catches_every_single_digit_change(
        body in proptest::collection::vec(0u8..10, 18),
        at in 0usize..16,
        by in 1u8..10,
    ) {
        let mut digits = card(4, &body, 16);
        digits[at] = b'0' + (digits[at] - b'0' + by) % 10;
        prop_assert!(!luhn_valid(&digits));
    }

    #[test]
    fn mod_97_catches_every_single_digit_change(
        body in proptest::collection::vec(0u8..10, 18),
        at in 2usize..22,
        by in 1u8..10,
    ) {
        let mut chars = iban(&body).into_bytes();
        chars[at] = b'0' + (chars[at] - b'0' + by) % 10;
        prop_assert!(!iban_valid(&chars));
    }

    #[test]
    fn masking_is_idempotent_and_spans_are_sound(text in "\\PC{0,200}") {
        let found = find_secrets(&text);
        for pair in found.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
        for s in &found {
            prop_assert!(s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        let once = mask_secrets(&text);
        prop_assert_eq!(mask_secrets(&once), once.clone());
        if found.is_empty() {
            prop_assert_eq!(once, text);
        }
    }

    #[test]
    fn text_without_digits_or_password_words_is_kept(text in "[a-oq-zA-OQ-Z ,.!?'\n]{0,200}") {
        prop_assert_eq!(mask_secrets(&text), text);
    }
}
