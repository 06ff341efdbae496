//! The course of a conversation: how heated each client turn was, which way it is going, and
//! which moves each agent turn made, so reports can learn what came before a client calmed down.

use super::conversation::{Analysed, Role};
use super::moves::{self, MoveHit};
use crate::types::{Analysis, Emotion, Level, Sentiment};

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
    /// Client turns only: the level in the conversation ([`in_course`]), which may be more
    /// heated than the message read alone.
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
    let mut earlier: Option<Level> = None;
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
                let level = in_course(earlier, a);
                earlier = Some(level);
                TurnCourse {
                    role: Role::Client,
                    hostility: Some(a.hostility),
                    level: Some(level),
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
    let trend = trend(turns.iter().filter_map(|t| Some((t.level?, t.hostility?))));
    Course { turns, trend }
}

/// The level of a client turn in its conversation. Temper carries from turn to turn: a client
/// who was tense or worse and is still displeased (the message reads negative, and nothing in it
/// thanks or is satisfied) is at least tense now, even in few and level words; read alone, a
/// curt "still nothing" is only a fact. Anger is not carried whole: it must show again to count.
///
/// Reading the whole conversation as one text instead lets earlier heat drown a client who has
/// calmed: held out by writer on the conversations written for training (972 lines after a
/// client's first, `defuse train --reading`), the line alone read 0.737 right, this carry
/// 0.739, and the story read whole 0.535 (the more heated of line and story 0.543).
pub fn in_course(earlier: Option<Level>, a: &Analysis) -> Level {
    let carried = earlier.map_or(Level::Calm, |l| l.min(Level::Tense));
    let displeased =
        a.sentiment == Sentiment::Negative && !a.emotion(Emotion::Satisfaction).holds();
    if displeased {
        a.level.max(carried)
    } else {
        a.level
    }
}

/// Compares the latest client turn with the one before it: by the level in the conversation
/// first, so a client whose level rose is never "calming", and by hostility only when the level
/// held.
fn trend(turns: impl DoubleEndedIterator<Item = (Level, f32)>) -> Trend {
    let mut rev = turns.rev();
    let (Some((level, last)), Some((prev_level, prev))) = (rev.next(), rev.next()) else {
        return Trend::Steady;
    };
    match level.cmp(&prev_level) {
        std::cmp::Ordering::Greater => Trend::Escalating,
        std::cmp::Ordering::Less => Trend::Calming,
        std::cmp::Ordering::Equal if last - prev > TREND_STEP => Trend::Escalating,
        std::cmp::Ordering::Equal if prev - last > TREND_STEP => Trend::Calming,
        std::cmp::Ordering::Equal => Trend::Steady,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Analyzer, Input};

    #[test]
    fn trend_follows_the_last_two_client_turns() {
        use Level::{Angry, Calm, Tense};
        let same = |h: &[f32]| trend(h.iter().map(|&h| (Tense, h)));
        assert_eq!(same(&[0.2, 0.7]), Trend::Escalating);
        assert_eq!(same(&[0.9, 0.8, 0.3]), Trend::Calming);
        assert_eq!(same(&[0.5, 0.55]), Trend::Steady);
        assert_eq!(same(&[0.9]), Trend::Steady);
        // The level decides before hostility: a rising level with less hostile words is no calming.
        assert_eq!(
            trend([(Tense, 0.8), (Angry, 0.4)].into_iter()),
            Trend::Escalating
        );
        assert_eq!(
            trend([(Angry, 0.3), (Calm, 0.5)].into_iter()),
            Trend::Calming
        );
    }

    #[test]
    fn displeasure_stays_tense_after_a_heated_turn_and_thanks_end_it() {
        let analyzer = Analyzer::new();
        let a = |t: &str| analyzer.analyze(&Input::new(t));
        let still = a("It still has not arrived and nobody has told me anything.");
        let thanks = a("Thank you, that is great news, I appreciate it.");
        assert_eq!(still.sentiment, Sentiment::Negative);
        for earlier in [Level::Tense, Level::Angry, Level::Abusive] {
            assert!(in_course(Some(earlier), &still) == still.level.max(Level::Tense));
            assert_eq!(in_course(Some(earlier), &thanks), thanks.level);
        }
        assert_eq!(in_course(None, &still), still.level);
        assert_eq!(in_course(Some(Level::Calm), &still), still.level);
    }
}
