//! The promise timeline of a case: when each promise was made and how it ended (kept in time,
//! kept late, missed), in time order, with times in the reader's time zone.

use chrono::{DateTime, Utc};
use defuse_storage::{FollowUp, FollowUpStatus};
use maud::{Markup, html};

use crate::jobs::local_time;

/// What happened to a promise at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    Made,
    /// Done by its due time (or it had none).
    Kept,
    /// Done after its due time.
    Late,
    Missed,
}

impl Turn {
    fn name(self) -> &'static str {
        match self {
            Turn::Made => "made",
            Turn::Kept => "kept",
            Turn::Late => "kept late",
            Turn::Missed => "missed",
        }
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    pub at: DateTime<Utc>,
    pub turn: Turn,
    pub what: &'a str,
}

/// The events of `follow_ups`, oldest first: each was made, and a finished one ended.
pub fn events(follow_ups: &[FollowUp]) -> Vec<Event<'_>> {
    let mut events = Vec::with_capacity(follow_ups.len() * 2);
    for f in follow_ups {
        let what = f.what.as_str();
        events.push(Event {
            at: f.created_at,
            turn: Turn::Made,
            what,
        });
        let Some(at) = f.done_at else { continue };
        let turn = match f.status {
            FollowUpStatus::Open => continue,
            FollowUpStatus::Missed => Turn::Missed,
            FollowUpStatus::Done if f.due_at.is_some_and(|due| at > due) => Turn::Late,
            FollowUpStatus::Done => Turn::Kept,
        };
        events.push(Event { at, turn, what });
    }
    events.sort_by_key(|e| e.at);
    events
}

/// The timeline as a card; nothing when the case has no promises.
pub fn timeline(follow_ups: &[FollowUp], zone: &str) -> Markup {
    let events = events(follow_ups);
    html! {
        @if !events.is_empty() {
            section.card id="promise-timeline" aria-labelledby="promises-h" {
                h2 id="promises-h" { "Promises" }
                ol.records {
                    @for e in &events {
                        li {
                            span class={ "badge promise-" (e.turn.name().replace(' ', "-")) } { (e.turn.name()) }
                            " " (e.what) " · " span.muted { (local_time(e.at, zone)) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn follow_up(what: &str, status: FollowUpStatus, due: i64, done: Option<i64>) -> FollowUp {
        let at = |hours: i64| {
            Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap() + Duration::hours(hours)
        };
        FollowUp {
            id: 1,
            case_id: 1,
            what: what.into(),
            due_at: Some(at(due)),
            owner_id: None,
            status,
            promise_message_id: None,
            promise_span: None,
            created_at: at(0),
            done_at: done.map(at),
            done_note: None,
            date_only: false,
        }
    }

    #[test]
    fn promises_are_made_then_kept_late_or_missed_in_time_order() {
        let follow_ups = [
            follow_up("call back", FollowUpStatus::Done, 5, Some(4)),
            follow_up("send the form", FollowUpStatus::Done, 5, Some(7)),
            follow_up("refund", FollowUpStatus::Missed, 2, Some(26)),
            follow_up("check the line", FollowUpStatus::Open, 30, None),
        ];
        let turns: Vec<(Turn, &str)> = events(&follow_ups)
            .iter()
            .map(|e| (e.turn, e.what))
            .collect();
        assert_eq!(
            turns,
            [
                (Turn::Made, "call back"),
                (Turn::Made, "send the form"),
                (Turn::Made, "refund"),
                (Turn::Made, "check the line"),
                (Turn::Kept, "call back"),
                (Turn::Late, "send the form"),
                (Turn::Missed, "refund"),
            ]
        );
        let html = timeline(&follow_ups, "Europe/Berlin").into_string();
        assert!(html.contains("kept late</span> send the form · <span class=\"muted\">Mon 5 Jan 17:00 Europe/Berlin"), "{html}");
        assert!(timeline(&[], "UTC").into_string().is_empty());
    }
}
