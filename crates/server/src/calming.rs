//! What came before a client calmed down: the playbook moves and the wordings of the agent
//! replies between a client message and the client's next one, and how often that next one
//! was noticeably calmer.
//!
//! Reads the hostility stored with each inbound message's analysis and finds the moves in the
//! stored replies, so it costs no re-analysis; the brief and the reports both use it.

use std::collections::BTreeMap;

use defuse_core::coach::{Move, UtcOffset, moves};
use defuse_storage::{Direction, Message};

use crate::conversation::timestamp;

/// A drop in hostility at least this large between two client messages counts as calming.
pub const CALMING_DROP: f64 = 0.15;

/// How often something was followed by a client message, and how often that one was calmer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub calmed: u32,
    pub tried: u32,
}

impl Tally {
    fn add(&mut self, calmed: bool) {
        self.tried += 1;
        self.calmed += u32::from(calmed);
    }
}

/// What the replies before each next client message did, and how often the client calmed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calming {
    pub moves: BTreeMap<Move, Tally>,
    /// By the words that showed a move, lower case, with the move they showed.
    pub wordings: BTreeMap<(Move, String), Tally>,
    /// By a main cause of the case and a move.
    pub by_cause: BTreeMap<(String, Move), Tally>,
    pub times_calmed: u32,
}

impl Calming {
    /// Adds what the messages of one case show (oldest first); `causes` are the case's main
    /// causes.
    pub fn add_case(&mut self, messages: &[Message], causes: &[String]) {
        let mut last: Option<f64> = None;
        let mut made: Vec<(Move, String)> = Vec::new();
        for m in messages {
            match m.direction {
                Direction::Outbound => {
                    for hit in moves::detect(&m.body, timestamp(m.at), UtcOffset::UTC) {
                        let words = m.body.get(hit.start..hit.end).unwrap_or_default();
                        let made_now = (hit.kind, words.trim().to_lowercase());
                        if !made.contains(&made_now) {
                            made.push(made_now);
                        }
                    }
                }
                Direction::Inbound => {
                    let Some(h) = stored_hostility(m) else {
                        continue;
                    };
                    if let Some(before) = last {
                        self.answered(&made, causes, before - h >= CALMING_DROP);
                    }
                    last = Some(h);
                    made.clear();
                }
                Direction::InternalNote => {}
            }
        }
    }

    /// Counts the client message that answered the replies that made `made`.
    fn answered(&mut self, made: &[(Move, String)], causes: &[String], calmed: bool) {
        self.times_calmed += u32::from(calmed);
        let mut kinds: Vec<Move> = made.iter().map(|(kind, _)| *kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in &kinds {
            self.moves.entry(*kind).or_default().add(calmed);
            for cause in causes {
                self.by_cause
                    .entry((cause.clone(), *kind))
                    .or_default()
                    .add(calmed);
            }
        }
        for wording in made.iter().filter(|(_, words)| !words.is_empty()) {
            self.wordings
                .entry(wording.clone())
                .or_default()
                .add(calmed);
        }
    }

    /// Moves by how often they came before calming, most often first.
    pub fn ranked(&self) -> Vec<(Move, u32)> {
        let mut out: Vec<(Move, u32)> = self
            .moves
            .iter()
            .filter(|(_, t)| t.calmed > 0)
            .map(|(m, t)| (*m, t.calmed))
            .collect();
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
        c.add_case(
            &[
                msg(Direction::Inbound, "angry", Some(0.8)),
                msg(
                    Direction::Outbound,
                    "I understand how frustrating this must be.",
                    None,
                ),
                msg(Direction::Inbound, "calmer", Some(0.3)),
                msg(Direction::Outbound, "I understand.", None),
                msg(Direction::Inbound, "same", Some(0.3)),
            ],
            &["unmet_expectations".to_owned()],
        );
        assert_eq!(c.times_calmed, 1);
        let calmed_once = Tally {
            calmed: 1,
            tried: 2,
        };
        assert_eq!(c.moves.get(&Move::Acknowledge), Some(&calmed_once));
        let cause = ("unmet_expectations".to_owned(), Move::Acknowledge);
        assert_eq!(c.by_cause.get(&cause), Some(&calmed_once));
        assert_eq!(c.ranked().first().map(|r| r.0), Some(Move::Acknowledge));
    }

    #[test]
    fn a_hotter_message_counts_nothing() {
        let mut c = Calming::default();
        c.add_case(
            &[
                msg(Direction::Inbound, "a", Some(0.2)),
                msg(
                    Direction::Outbound,
                    "I understand how frustrating this must be.",
                    None,
                ),
                msg(Direction::Inbound, "b", Some(0.9)),
            ],
            &[],
        );
        assert_eq!(c.times_calmed, 0);
        let tried = Tally {
            calmed: 0,
            tried: 1,
        };
        assert_eq!(c.moves.get(&Move::Acknowledge), Some(&tried));
        assert!(c.ranked().is_empty() && c.by_cause.is_empty());
    }
}
