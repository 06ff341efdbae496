//! The time the next step names: as soon as the client's situation needs, and never a time that
//! has already passed when their last message came in.
//!
//! Harm that an action of ours stops is confirmed within minutes; harm happening now or a
//! deadline hours away gets an update within the hour (within minutes when the deadline is
//! closer than that); anything else gets the end of the working day (mid-morning when written
//! in the night), or noon tomorrow when the afternoon is already under way, or the hour when
//! the client's own deadline comes before that or too soon after it to act on.

use chrono::Timelike;

use super::conversation::{Timestamp, UtcOffset};
use super::phrases::mentions_any;
use super::situation::Urgency;
use super::when::{self, Due};

/// Before this local hour, an ordinary update can still come the same day: it leaves two
/// working hours before 5pm.
const SAME_DAY_BEFORE: u32 = 15;

/// Before this local hour it is still night: an ordinary update comes in the morning, not at
/// the end of the working day that has yet to start.
const NIGHT_ENDS: u32 = 7;

/// An update that comes later than this before the client's deadline leaves them no time to
/// act on it: "by noon tomorrow" is too late for a flight tomorrow morning.
const TIME_TO_ACT: i64 = 2 * 3600;

/// A deadline closer than this gets minutes, not the hour.
const CLOSE_SECONDS: i64 = 90 * 60;

/// Time words for the next step, to follow "update you": "within the hour", "by 5pm today".
/// `deadline` is when the client's own deadline falls, if it is known; `minutes` says an hour is
/// too long (the client's latest message turned it down, see [`an_hour_refused`], or they are
/// waiting at our desk), so the hour becomes minutes.
pub(crate) fn next_step_time(
    last: Timestamp,
    offset: UtcOffset,
    urgency: Urgency,
    deadline: Option<Timestamp>,
    minutes: bool,
) -> &'static str {
    let close = deadline.is_some_and(|d| d.0 > last.0 && d.0 - last.0 < CLOSE_SECONDS);
    let hour = last.local(offset).hour();
    let ordinary = if hour < NIGHT_ENDS {
        "by 10am today"
    } else if hour < SAME_DAY_BEFORE {
        "by 5pm today"
    } else {
        "by noon tomorrow"
    };
    // A deadline of theirs that falls before the ordinary update ("by midnight" at 6pm), or too
    // soon after it to act on.
    let sooner = deadline.is_some_and(|d| {
        d.0 > last.0
            && match when::find(ordinary, last, offset).map(|t| t.due) {
                Some(Due::At(t)) => d.0 < t.0 + TIME_TO_ACT,
                _ => false,
            }
    });
    let within_the_hour = if minutes {
        "within the next 20 minutes"
    } else {
        "within the hour"
    };
    match urgency {
        Urgency::Stop => "within the next 15 minutes",
        _ if close => "within the next 20 minutes",
        Urgency::Now | Urgency::Soon => within_the_hour,
        Urgency::None if sooner => within_the_hour,
        Urgency::None => ordinary,
    }
}

/// Whether the client's latest message turns an hour down ("An hour takes me to 2:40", "I can't
/// wait another hour"): offering it again answers with what they have just refused.
pub(crate) fn an_hour_refused(latest: &str) -> bool {
    const REFUSED: &[&str] = &[
        "an hour takes",
        "an hour is too",
        "an hour is no good",
        "an hour won't",
        "an hour will be too late",
        "in an hour it'll be too late",
        "in an hour it will be too late",
        "have an hour",
        "got an hour",
        "wait an hour",
        "wait another hour",
        "another hour",
        "not within the hour",
        "not in an hour",
    ];
    mentions_any(latest, REFUSED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::when::find;

    /// Monday 2 March 2026, 10:00 UTC.
    const MORNING: Timestamp = Timestamp(1_772_445_600);

    fn due(words: &str, at: Timestamp) -> i64 {
        match find(words, at, UtcOffset::UTC).map(|t| t.due) {
            Some(Due::At(t)) => t.0,
            other => panic!("{words:?} gives {other:?}"),
        }
    }

    #[test]
    fn an_hour_the_client_turned_down_becomes_minutes() {
        let latest = "An hour takes me to 2:40. Is there a workaround or not?";
        assert!(an_hour_refused(latest));
        assert!(!an_hour_refused("Thanks, an update would help."));
        let t = |u| next_step_time(MORNING, UtcOffset::UTC, u, None, an_hour_refused(latest));
        assert_eq!(t(Urgency::Now), "within the next 20 minutes");
        assert_eq!(t(Urgency::None), "by 5pm today");
    }

    #[test]
    fn urgency_sets_the_time() {
        let t = |u, d| next_step_time(MORNING, UtcOffset::UTC, u, d, false);
        assert_eq!(t(Urgency::Stop, None), "within the next 15 minutes");
        assert_eq!(t(Urgency::Now, None), "within the hour");
        assert_eq!(
            t(Urgency::Soon, Some(Timestamp(MORNING.0 + 1800))),
            "within the next 20 minutes"
        );
        assert_eq!(t(Urgency::None, None), "by 5pm today");
        // In the night, the morning.
        let night = Timestamp(MORNING.0 - 9 * 3600);
        assert_eq!(
            next_step_time(night, UtcOffset::UTC, Urgency::None, None, false),
            "by 10am today"
        );
        // Their deadline comes before the end of the day.
        assert_eq!(
            t(Urgency::None, Some(Timestamp(MORNING.0 + 4 * 3600))),
            "within the hour"
        );
        assert_eq!(
            t(Urgency::None, Some(Timestamp(MORNING.0 + 30 * 3600))),
            "by 5pm today"
        );
        // At 4pm, "tomorrow morning" (noon at the latest) leaves no time after noon tomorrow.
        let afternoon = Timestamp(MORNING.0 + 6 * 3600);
        let tomorrow_morning = Some(Timestamp(MORNING.0 + 26 * 3600));
        let late = |d| next_step_time(afternoon, UtcOffset::UTC, Urgency::None, d, false);
        assert_eq!(late(None), "by noon tomorrow");
        assert_eq!(late(tomorrow_morning), "within the hour");
        assert_eq!(
            late(Some(Timestamp(MORNING.0 + 30 * 3600))),
            "by noon tomorrow"
        );
    }

    #[test]
    fn every_time_is_understood_and_still_ahead() {
        for hour in 0..24 {
            let at = Timestamp(MORNING.0 - 10 * 3600 + hour * 3600 + 59 * 60);
            for u in [Urgency::None, Urgency::Soon, Urgency::Now, Urgency::Stop] {
                let words = next_step_time(at, UtcOffset::UTC, u, None, false);
                assert!(
                    due(words, at) > at.0,
                    "{words:?} at hour {hour} is already past"
                );
            }
        }
    }
}
