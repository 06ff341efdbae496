//! What came before a client calmed down: the playbook moves of the agent replies between a
//! client message and a noticeably calmer next one.
//!
//! Reads the hostility stored with each inbound message's analysis and finds the moves in the
//! stored replies, so it costs no re-analysis; the brief and the reports both use it.

use std::collections::BTreeMap;

use defuse_core::coach::{Move, UtcOffset, moves};
use defuse_storage::{Direction, Message};

use crate::conversation::timestamp;

/// A drop in hostility at least this large between two client messages counts as calming.
pub const CALMING_DROP: f64 = 0.15;

/// How often each move came before a calmer client message, and how often a client calmed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calming {
    pub moves: BTreeMap<Move, u32>,
    pub times_calmed: u32,
}

impl Calming {
    /// Adds what the messages of one case show (oldest first).
    pub fn add_case(&mut self, messages: &[Message]) {
        let mut last: Option<f64> = None;
        let mut made: Vec<Move> = Vec::new();
        for m in messages {
            match m.direction {
                Direction::Outbound => {
                    for hit in moves::detect(&m.body, timestamp(m.at), UtcOffset::UTC) {
                        if !made.contains(&hit.kind) {
                            made.push(hit.kind);
                        }
                    }
                }
                Direction::Inbound => {
                    let Some(h) = stored_hostility(m) else {
                        continue;
                    };
                    if last.is_some_and(|before| before - h >= CALMING_DROP) {
                        self.times_calmed += 1;
                        for kind in &made {
                            *self.moves.entry(*kind).or_default() += 1;
                        }
                    }
                    last = Some(h);
                    made.clear();
                }
                Direction::InternalNote => {}
            }
        }
    }

    /// Moves by how often they came before calming, most often first.
    pub fn ranked(&self) -> Vec<(Move, u32)> {
        let mut out: Vec<(Move, u32)> = self.moves.iter().map(|(m, n)| (*m, *n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// The hostility in an inbound message's stored analysis.
fn stored_hostility(m: &Message) -> Option<f64> {
    let json: serde_json::Value = serde_json::from_str(m.analysis_json.as_deref()?).ok()?;
    json.get("hostility")?.as_f64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn msg(direction: Direction, body: &str, hostility: Option<f64>) -> Message {
        Message {
            id: 0,
            case_id: 1,
            direction,
            author_id: None,
            channel: "email".into(),
            body: body.into(),
            at: Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap(),
            analysis_json: hostility.map(|h| format!(r#"{{"hostility": {h}}}"#)),
            model_version: None,
            external_id: None,
        }
    }

    #[test]
    fn counts_the_moves_before_a_calmer_message_only() {
        let mut c = Calming::default();
        c.add_case(&[
            msg(Direction::Inbound, "angry", Some(0.8)),
            msg(
                Direction::Outbound,
                "I understand how frustrating this must be.",
                None,
            ),
            msg(Direction::Inbound, "calmer", Some(0.3)),
            msg(Direction::Outbound, "I understand.", None),
            msg(Direction::Inbound, "same", Some(0.3)),
        ]);
        assert_eq!(c.times_calmed, 1);
        assert_eq!(c.moves.get(&Move::Acknowledge), Some(&1));
        assert_eq!(c.ranked().first().map(|r| r.0), Some(Move::Acknowledge));
    }

    #[test]
    fn a_hotter_message_counts_nothing() {
        let mut c = Calming::default();
        c.add_case(&[
            msg(Direction::Inbound, "a", Some(0.2)),
            msg(
                Direction::Outbound,
                "I understand how frustrating this must be.",
                None,
            ),
            msg(Direction::Inbound, "b", Some(0.9)),
        ]);
        assert_eq!(c, Calming::default());
    }
}
