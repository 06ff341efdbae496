//! A slow step for an urgent client: the client needs something within hours (a deadline
//! today, harm happening now) and every step the draft offers is a day or more away.
//!
//! "Now" and "today" alone do not make a draft fast: agents log and raise things "today" while
//! the fix itself takes days. A step counts as fast when it names a time within hours
//! ("tonight", "within the hour", "by 4pm") or an action during the conversation itself, and
//! a draft that says the harm is already undone ("I've cancelled the charge") has acted.

use super::{Facts, has_any, normal};
use crate::coach::check::{Finding, reports};
use crate::coach::phrases::sentence_around;
use crate::coach::tone::{Kind, finding};

/// Action while the client is still there.
#[rustfmt::skip]
const DURING: &[&str] = &[
    "right now", "immediately", "straight away", "right away", "while we talk",
    "while we're talking", "while we're on the phone", "while we are on the phone", "on this call",
    "during this call", "before we hang up", "while you wait",
];

/// Times within hours.
#[rustfmt::skip]
const FAST: &[&str] = &[
    "tonight", "this afternoon", "this evening", "this morning", "within the hour",
    "within an hour", "in an hour", "in the next hour", "same day", "minutes", "mins",
    "within 1 hour", "within 2 hours", "within 3 hours", "in 2 hours", "in 3 hours",
    "within a few hours", "in a few hours",
];

/// Acts that undo the harm once they are done: reported done, the draft has already acted,
/// whatever day the sentence also names ("I've cancelled the charge for Tuesday").
#[rustfmt::skip]
const UNDONE: &[&str] = &[
    "cancelled", "refunded", "credited", "fixed", "restored", "removed", "released", "lifted",
    "frozen", "reset", "corrected", "waived", "stopped", "unblocked", "reconnected", "blocked",
    "put a hold", "placed a hold", "put a stop", "put on hold", "paused", "suspended",
    "postponed", "halted", "held",
];

/// Times a day or more away.
#[rustfmt::skip]
const SLOW: &[&str] = &[
    "days", "working days", "business days", "week", "weeks", "next week", "24 hours", "48 hours",
    "72 hours", "tomorrow", "month", "months", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
];

/// Words that move a clock time off today.
#[rustfmt::skip]
const LATER_DAY: &[&str] = &[
    "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "next",
];

/// A finding when the client is urgent and the draft has a slow step and no fast one.
pub(super) fn ignored(draft: &str, facts: Facts) -> Option<Finding> {
    if !facts.urgent {
        return None;
    }
    let mut slow = None;
    let mut at = 0;
    while at < draft.len() {
        let (s, e) = sentence_around(draft, at);
        let e = e.max(at + 1).min(draft.len());
        let text = normal(&draft[s..e]);
        if has_any(&text, FAST)
            || has_any(&text, DURING)
            || reports(&draft[s..e], UNDONE)
            || (has_clock_time(&draft[s..e]) && !has_any(&text, LATER_DAY))
        {
            return None;
        }
        if slow.is_none() && has_any(&text, SLOW) {
            slow = Some((s, e));
        }
        at = e;
    }
    let (s, e) = slow?;
    Some(finding(
        Kind::IgnoresUrgency,
        s,
        e,
        "the client needs this within hours, and this step is days away",
        "Because you need this today, I'll sort it within the hour and tell you as soon as it's done.",
    ))
}

/// The draft acts while the client is still there ("I'll correct it while we're on the phone").
pub(crate) fn in_the_conversation(draft: &str) -> bool {
    has_any(&normal(draft), DURING)
}

/// A clock time: "4pm", "10:30", "9 am", "4 o'clock".
pub(super) fn has_clock_time(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let b = lower.as_bytes();
    (0..b.len()).any(|i| {
        if !b[i].is_ascii_digit() {
            return false;
        }
        let rest = lower[i + 1..].trim_start();
        let word_end = |n: usize| !rest[n..].starts_with(|c: char| c.is_ascii_alphabetic());
        ((rest.starts_with("am") || rest.starts_with("pm")) && word_end(2))
            || rest.starts_with("o'clock")
            || (b.get(i + 1) == Some(&b':') && b.get(i + 2).is_some_and(u8::is_ascii_digit))
    })
}
