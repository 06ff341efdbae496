//! The course of a conversation: how heated each client turn was, which way it is going, and
//! which moves each agent turn made, so reports can learn what came before a client calmed down.

use super::conversation::{Analysed, Role};
use super::moves::{self, MoveHit};
use crate::types::{Emotion, Level};

/// Which way the client's hostility is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Escalating,
    Steady,
    Calming,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Escalating => "escalating",
            Trend::Steady => "steady",
            Trend::Calming => "calming",
        }
    }
}

/// One turn as the course sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnCourse {
    pub role: Role,
    /// Client turns only.
    pub hostility: Option<f32>,
    pub level: Option<Level>,
    /// Emotions that hold in a client turn, strongest first, with their scores.
    pub emotions: Vec<(Emotion, f32)>,
    /// Agent turns only: the moves made.
    pub moves: Vec<MoveHit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub turns: Vec<TurnCourse>,
    pub trend: Trend,
}

/// A change in hostility smaller than this between client turns counts as steady.
const TREND_STEP: f32 = 0.15;

pub fn course(analysed: &Analysed<'_>) -> Course {
    let offset = analysed.conversation.offset;
    let turns: Vec<TurnCourse> = analysed
        .conversation
        .turns
        .iter()
        .zip(&analysed.analyses)
        .map(|(turn, analysis)| match (turn.role, analysis) {
            (Role::Client, Some(a)) => {
                let mut emotions: Vec<(Emotion, f32)> = Emotion::ALL
                    .into_iter()
                    .filter(|e| a.emotion(*e).holds())
                    .map(|e| (e, a.emotion(e).score))
                    .collect();
                emotions.sort_by(|x, y| y.1.total_cmp(&x.1));
                TurnCourse {
                    role: Role::Client,
                    hostility: Some(a.hostility),
                    level: Some(a.level),
                    emotions,
                    moves: Vec::new(),
                }
            }
            (role, _) => TurnCourse {
                role,
                hostility: None,
                level: None,
                emotions: Vec::new(),
                moves: if role == Role::Agent {
                    moves::detect(&turn.text, turn.at, offset)
                } else {
                    Vec::new()
                },
            },
        })
        .collect();
    let trend = trend(turns.iter().filter_map(|t| t.hostility));
    Course { turns, trend }
}

/// Compares the latest client turn with the one before it.
fn trend(hostility: impl DoubleEndedIterator<Item = f32>) -> Trend {
    let mut rev = hostility.rev();
    match (rev.next(), rev.next()) {
        (Some(last), Some(prev)) if last - prev > TREND_STEP => Trend::Escalating,
        (Some(last), Some(prev)) if prev - last > TREND_STEP => Trend::Calming,
        _ => Trend::Steady,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_follows_the_last_two_client_turns() {
        assert_eq!(trend([0.2, 0.7].into_iter()), Trend::Escalating);
        assert_eq!(trend([0.9, 0.8, 0.3].into_iter()), Trend::Calming);
        assert_eq!(trend([0.5, 0.55].into_iter()), Trend::Steady);
        assert_eq!(trend([0.9].into_iter()), Trend::Steady);
    }
}
