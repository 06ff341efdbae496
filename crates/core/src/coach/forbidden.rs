//! Promises the policy forbids: a refund above the limit, a date for an outcome the agent does
//! not control. (Phrases the policy forbids outright are matched in `tone`.)

use super::check::Finding;
use super::conversation::{Timestamp, UtcOffset};
use super::phrases::sentence_around;
use super::policy::Policy;
use super::tone::{Kind, finding};
use super::when::{self, Due};

/// Promises the policy says cannot be made: a refund above the limit, or a date for an outcome
/// the agent does not control.
pub(crate) fn forbidden_promises(
    draft: &str,
    policy: &Policy,
    sent_at: Timestamp,
    offset: UtcOffset,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < draft.len() {
        let (s, e) = sentence_around(draft, at);
        let e = e.max(at + 1).min(draft.len());
        let sentence = &draft[s..e];
        let lower = sentence.to_lowercase();
        let negated = [
            "can't",
            "cannot",
            "can not",
            "not ",
            "unable",
            "won't",
            "n't promise",
        ]
        .iter()
        .any(|n| lower.contains(n));
        if !negated {
            let about_money = ["refund", "reimburse", "compensat"]
                .iter()
                .any(|w| lower.contains(w));
            // Only a refund still to come is a promise: "I've refunded the £1,188" reports it
            // done, and "I can see your refund request for £240" only mentions it.
            let lower = lower.replace('’', "'");
            let promised = pays(&lower) || receives(&lower);
            if about_money
                && promised
                && let Some(amount) = amounts(sentence)
                    .into_iter()
                    .find(|a| *a > policy.max_refund)
            {
                let message = format!(
                    "a refund of {amount} is above the {} an agent may promise",
                    policy.max_refund
                );
                out.push(finding(
                    Kind::ForbiddenPromise,
                    s,
                    e,
                    &message,
                    "I'll ask my supervisor to approve this refund and confirm by <time>.",
                ));
            }
            let controlled_elsewhere = policy.uncontrolled.iter().any(|u| {
                ["will ", "'ll ", "going to "]
                    .iter()
                    .any(|m| lower.contains(&format!("{m}{u}")))
            });
            if controlled_elsewhere
                && when::find(sentence, sent_at, offset)
                    .is_some_and(|t| matches!(t.due, Due::At(_)))
            {
                out.push(finding(
                    Kind::ForbiddenPromise,
                    s,
                    e,
                    "a date for something someone else does, said as certain: say what is booked, and what you'll do if it slips",
                    "It's booked for <day>; I'll check it's still on track and tell you by <time> if anything changes.",
                ));
            }
        }
        at = e;
    }
    out
}

/// Who commits, in a draft's own words.
const MODALS: &[&str] = &[
    "i'll",
    "i will",
    "we'll",
    "we will",
    "i can",
    "we can",
    "i'm going to",
    "we're going to",
    "i could",
    "we could",
    "i'd",
    "we'd",
];

/// Verbs that pay money out ("refund", "credit", "process" a refund).
const PAYING: &[&str] = &[
    "refund",
    "reimburse",
    "compensate",
    "pay",
    "credit",
    "return",
    "give",
    "send",
    "offer",
    "issue",
    "process",
    "approve",
    "transfer",
    "put",
];

/// Words that may stand between the modal and the paying verb ("I'll *also* refund",
/// "we can *happily* credit"); besides these, any word ending in "-ly".
const BETWEEN: &[&str] = &[
    "also", "now", "then", "just", "still", "soon", "first", "today",
];

/// Whether the (lower-case) sentence commits someone on our side to paying out: a modal whose
/// verb, past any adverbs, pays ("I'll refund", "we can happily credit"; not "I can see your
/// refund request").
fn pays(lower: &str) -> bool {
    MODALS.iter().any(|m| {
        lower.match_indices(m).any(|(i, _)| {
            let starts_word = lower[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let verb = lower[i + m.len()..]
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .find(|w| !(w.ends_with("ly") || BETWEEN.contains(w)));
            starts_word && verb.is_some_and(|v| PAYING.iter().any(|p| v.starts_with(p)))
        })
    })
}

/// Whether the (lower-case) sentence tells the client they will be paid ("you'll get £250
/// compensation", "I'll make sure you receive a £300 refund").
fn receives(lower: &str) -> bool {
    const TOLD: &[&str] = &[
        "you'll get",
        "you will get",
        "you'll receive",
        "you will receive",
        "you'll have",
        "you will have",
        "make sure you get",
        "make sure you receive",
        "make sure you have",
    ];
    TOLD.iter().any(|t| lower.contains(t))
}

/// Money amounts in `text`: "€250", "$1,200.50", "250 euros", "EUR 250".
fn amounts(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let has_symbol = w.contains(['€', '$', '£']);
        let unit_after = words.get(i + 1).is_some_and(|n| {
            ["euro", "euros", "dollars", "pounds", "eur", "usd", "gbp"]
                .contains(&n.trim_matches(|c: char| !c.is_alphanumeric()))
        });
        let unit_before = i > 0 && ["eur", "usd", "gbp"].contains(&words[i - 1]);
        let digits: String = w
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if (has_symbol || unit_after || unit_before)
            && let Ok(v) = digits.trim_end_matches('.').parse::<f64>()
        {
            out.push(v);
        }
    }
    out
}
