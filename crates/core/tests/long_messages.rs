//! The cost of a message is bounded by its length: the longest messages, built from the units
//! that once cost quadratic time (spaced letters, one long token, punctuation, emoji) in any mix,
//! are analysed in a bounded time with valid evidence.
//!
//! The bound here is loose (tests share the machine and run unoptimised dependencies); the
//! `long_messages` bench measures the real figure, which is far below it.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use defuse_core::{Analysis, Analyzer, Input};
use proptest::prelude::*;

#[path = "../benches/adversarial/mod.rs"]
mod adversarial;

/// Far above the target (50 ms in the bench), far below the seconds a quadratic step took.
const BOUND: Duration = Duration::from_millis(1500);

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

fn timed(text: &str) -> (Analysis, Duration) {
    let started = Instant::now();
    let a = analyzer().analyze(&Input::new(text));
    (a, started.elapsed())
}

fn spans_are_valid(text: &str, a: &Analysis) -> bool {
    a.signals
        .iter()
        .map(|s| (s.start, s.end))
        .chain(a.abusive.evidence.iter().map(|e| (e.start, e.end)))
        .chain(a.offensive.evidence.iter().map(|e| (e.start, e.end)))
        .all(|(s, e)| {
            s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        })
}

#[test]
fn every_adversarial_message_is_analysed_within_the_bound() {
    analyzer();
    for (name, unit) in adversarial::UNITS {
        let text = adversarial::repeated(unit, adversarial::SIZE);
        let (a, took) = timed(&text);
        assert!(took < BOUND, "{name}: {took:?}");
        assert!(spans_are_valid(&text, &a), "{name}");
    }
}

#[test]
fn every_adversarial_message_is_masked_within_the_bound() {
    for (name, unit) in adversarial::UNITS.iter().chain(adversarial::SECRET_UNITS) {
        let text = adversarial::repeated(unit, adversarial::SIZE);
        let started = Instant::now();
        let masked = defuse_core::secrets::mask_secrets(&text);
        assert!(started.elapsed() < BOUND, "{name}: {:?}", started.elapsed());
        assert!(
            defuse_core::secrets::find_secrets(&masked).is_empty(),
            "{name}: masked whole"
        );
    }
}

/// One clause of mended words that ends as a question: each word once read the whole clause
/// before it.
#[test]
fn a_long_question_is_analysed_within_the_bound() {
    analyzer();
    let mut text = adversarial::repeated("i am waiting since 3 days ", adversarial::SIZE - 1);
    text.push('?');
    let (a, took) = timed(&text);
    assert!(took < BOUND, "{took:?}");
    assert!(spans_are_valid(&text, &a));
}

#[test]
fn spaced_letters_are_still_read_as_the_word_they_spell() {
    let text = adversarial::repeated("f u c k ", 4096);
    let (a, _) = timed(&text);
    assert!(a.offensive.holds());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Any mix of the costly units, each repeated a random number of times, up to the limit.
    #[test]
    fn any_mix_of_costly_units_is_analysed_within_the_bound(
        parts in proptest::collection::vec(
            (0..adversarial::UNITS.len(), 1usize..4000),
            1..40,
        )
    ) {
        let mut text = String::new();
        for (unit, times) in parts {
            text.push_str(&adversarial::UNITS[unit].1.repeat(times));
        }
        let mut end = text.len().min(adversarial::SIZE);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        analyzer();
        let (a, took) = timed(&text);
        prop_assert!(took < BOUND, "{} bytes took {took:?}", text.len());
        prop_assert!(spans_are_valid(&text, &a));
    }
}
