//! Choosing and ordering the moves for the agent's next reply, each with the evidence behind it.
//!
//! A calm client with a plain request gets the next step; a calm but unsure one gets their
//! points said back first. Otherwise order follows the playbook: hold a crossed boundary first; then acknowledge the feeling,
//! apologise for the experience, say their points back, ask the open question that fits the
//! cause, offer options, be open about limits, and end with the next step and when. Moves the
//! agent has already made are left out, except acknowledging while the client is still upset.

use std::collections::HashSet;

use super::boundary::{Boundary, Step};
use super::conversation::{Analysed, Role};
use super::course::Course;
use super::moves::Move;
use super::specifics::{Specifics, difficult_feeling, has_abuse};
use super::wording::{Question, say};
use crate::types::{Analysis, Cause, Emotion, Level, Sentiment, SignalKind};

/// Something in the conversation a move rests on: a span of a turn and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// The turn the evidence is in; `None` for a reason about the conversation as a whole.
    pub turn: Option<usize>,
    pub start: usize,
    pub end: usize,
    /// The words at the span, as written.
    pub text: String,
    /// Plain words for the agent: "insult aimed at you", "anger", "deadline".
    pub note: String,
}

/// One recommended move: what to do, why, and ways to say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    pub kind: Move,
    pub why: Vec<Why>,
    /// Two or three wordings filled with this client's specifics.
    pub say: Vec<String>,
}

/// Builds the ordered moves from the analysed conversation, its course and boundary state.
pub(crate) fn plan(analysed: &Analysed<'_>, course: &Course, boundary: &Boundary) -> Vec<Advice> {
    let Some((last_i, last_turn, last)) = analysed.last_client() else {
        return Vec::new();
    };
    let text = last_turn.text.as_str();
    let done: HashSet<Move> = course
        .turns
        .iter()
        .filter(|t| t.role == Role::Agent)
        .flat_map(|t| t.moves.iter().map(|m| m.kind))
        .collect();
    let used = analysed
        .conversation
        .agent_texts()
        .flat_map(super::phrases::shingles)
        .collect();
    let specifics = Specifics::gather(analysed);
    let at = |start: usize, end: usize, note: &str| Why {
        turn: Some(last_i),
        start,
        end,
        text: text.get(start..end).unwrap_or("").to_string(),
        note: note.to_string(),
    };
    let signals = |kinds: &[SignalKind]| -> Vec<Why> {
        last.signals
            .iter()
            .filter(|s| kinds.contains(&s.kind))
            .map(|s| at(s.start, s.end, s.kind.as_str()))
            .collect()
    };
    let cause_why = |c: Cause| -> Vec<Why> {
        last.causes
            .iter()
            .filter(|x| x.cause == c)
            .flat_map(|x| x.evidence.iter().map(|e| at(e.start, e.end, c.as_str())))
            .collect()
    };

    let mut wanted: Vec<(Move, Vec<Why>)> = Vec::new();
    if boundary.crossed_last_turn {
        let why = boundary
            .crossings
            .iter()
            .filter(|c| c.turn == last_i)
            .map(|c| Why {
                turn: Some(c.turn),
                start: c.start,
                end: c.end,
                text: c.text.clone(),
                note: format!(
                    "{}; boundary step {}, {}",
                    c.kind.map_or("abusive message", |k| k.as_str()),
                    boundary.step.number(),
                    boundary.step.as_str()
                ),
            });
        wanted.push((Move::Boundary, why.collect()));
        if matches!(boundary.step, Step::Final(_)) {
            return finish(wanted, boundary.step, Question::Outcome, &specifics, &used);
        }
    }
    if !boundary.crossed_last_turn && !upset(last) {
        let mut calm = Vec::new();
        if confused(last) {
            let why = cause_why(Cause::Miscommunication)
                .into_iter()
                .chain(emotion_why(last, Emotion::Confusion, &at))
                .collect();
            calm.push((Move::Paraphrase, why));
            if !done.contains(&Move::OpenQuestion) {
                calm.push((Move::OpenQuestion, Vec::new()));
            }
        }
        calm.push((
            Move::NextStep,
            last.concerns
                .iter()
                .map(|c| at(c.start, c.end, "their request"))
                .collect(),
        ));
        return finish(calm, boundary.step, Question::Clarify, &specifics, &used);
    }
    if upset(last) {
        let mut why: Vec<Why> = difficult_feeling(last)
            .map(|e| emotion_why(last, e, &at))
            .unwrap_or_default();
        why.extend(signals(&[
            SignalKind::RepeatedContact,
            SignalKind::Unresolved,
            SignalKind::Shouting,
            SignalKind::ExclamationRun,
        ]));
        if why.is_empty() {
            why.push(at(
                0,
                0,
                &format!("the message reads as {}", last.level.as_str()),
            ));
        }
        wanted.push((Move::Acknowledge, why));
    }
    let apology_causes = [
        Cause::ServiceFailure,
        Cause::FeelingUnheard,
        Cause::UnmetExpectations,
    ];
    let apology_why: Vec<Why> = apology_causes
        .into_iter()
        .flat_map(cause_why)
        .chain(
            last.complaint
                .evidence
                .iter()
                .map(|e| at(e.start, e.end, "complaint")),
        )
        .collect();
    if !done.contains(&Move::Apologise)
        && (last.complaint.holds()
            || last
                .causes
                .iter()
                .any(|c| apology_causes.contains(&c.cause)))
    {
        wanted.push((Move::Apologise, apology_why));
    }
    let points: Vec<Why> = last
        .concerns
        .iter()
        .filter(|c| !has_abuse(last, c.start, c.end))
        .map(|c| at(c.start, c.end, "their point"))
        .collect();
    if !done.contains(&Move::Paraphrase) && !points.is_empty() {
        wanted.push((Move::Paraphrase, points));
    }
    let question = question(last);
    if !done.contains(&Move::OpenQuestion) {
        let why = match question {
            Question::Clarify => cause_why(Cause::Miscommunication)
                .into_iter()
                .chain(emotion_why(last, Emotion::Confusion, &at))
                .collect(),
            Question::Deadline => signals(&[SignalKind::Deadline])
                .into_iter()
                .chain(cause_why(Cause::OutsidePressure))
                .collect(),
            Question::Outcome => signals(&[SignalKind::Demand]),
        };
        wanted.push((Move::OpenQuestion, why));
    }
    if !done.contains(&Move::Options)
        && (last.complaint.holds() || !last.causes.is_empty() || done.contains(&Move::OpenQuestion))
    {
        wanted.push((Move::Options, signals(&[SignalKind::Demand])));
    }
    let limits_why: Vec<Why> = signals(&[
        SignalKind::Demand,
        SignalKind::Deadline,
        SignalKind::EscalationThreat,
    ]);
    if !done.contains(&Move::Limits)
        && (last
            .causes
            .iter()
            .any(|c| c.cause == Cause::UnmetExpectations)
            || !limits_why.is_empty())
    {
        wanted.push((Move::Limits, limits_why));
    }
    wanted.push((
        Move::NextStep,
        signals(&[SignalKind::Deadline, SignalKind::RepeatedContact]),
    ));
    finish(wanted, boundary.step, question, &specifics, &used)
}

fn finish(
    wanted: Vec<(Move, Vec<Why>)>,
    step: Step,
    question: Question,
    specifics: &Specifics,
    used: &HashSet<Vec<String>>,
) -> Vec<Advice> {
    wanted
        .into_iter()
        .map(|(kind, why)| Advice {
            kind,
            why,
            say: say(kind, step, question, specifics, used),
        })
        .filter(|a| !a.say.is_empty())
        .collect()
}

/// A complaint score that, below the decision threshold, still shows some dissatisfaction.
const SOME_COMPLAINT: f32 = 0.2;

/// The client is upset: heated, or a difficult feeling other than confusion leads, or they
/// complain, sound tense or negative, or something went wrong for them (a service failure,
/// unmet expectations, not being heard), without being mainly confused.
pub(crate) fn upset(a: &Analysis) -> bool {
    // A cause cue with no sign of complaint at all is a word like "late" in a plain request.
    let went_wrong = a.complaint.score >= SOME_COMPLAINT
        && a.causes.iter().any(|c| {
            c.score >= 0.5
                && matches!(
                    c.cause,
                    Cause::ServiceFailure | Cause::UnmetExpectations | Cause::FeelingUnheard
                )
        });
    let unhappy = a.complaint.holds()
        || a.level == Level::Tense
        || a.sentiment == Sentiment::Negative
        || went_wrong;
    a.level >= Level::Angry
        || difficult_feeling(a).is_some_and(|e| e != Emotion::Confusion)
        || unhappy && !confused(a)
}

/// The client is mainly unsure: confusion is the leading difficult feeling, or a
/// misunderstanding is the leading cause, and nothing angrier holds.
fn confused(a: &Analysis) -> bool {
    let lead = difficult_feeling(a);
    let misunderstanding = a
        .causes
        .first()
        .is_some_and(|c| c.cause == Cause::Miscommunication);
    (lead == Some(Emotion::Confusion) || misunderstanding && lead.is_none())
        && a.level <= Level::Tense
}

fn emotion_why(a: &Analysis, e: Emotion, at: &impl Fn(usize, usize, &str) -> Why) -> Vec<Why> {
    let j = a.emotion(e);
    if !j.holds() {
        return Vec::new();
    }
    let mut why: Vec<Why> = j
        .evidence
        .iter()
        .map(|ev| at(ev.start, ev.end, e.as_str()))
        .collect();
    if why.is_empty() {
        why.push(at(
            0,
            0,
            &format!("{} ({:.0}%)", e.as_str(), j.score * 100.0),
        ));
    }
    why
}

/// The open question that fits: clear up a misunderstanding, ask about the deadline, or ask
/// what a good outcome looks like.
fn question(a: &Analysis) -> Question {
    let top = a.causes.first().map(|c| c.cause);
    if top == Some(Cause::Miscommunication)
        || a.emotion(Emotion::Confusion).holds() && !a.emotion(Emotion::Anger).holds()
    {
        Question::Clarify
    } else if top == Some(Cause::OutsidePressure)
        || a.signals.iter().any(|s| s.kind == SignalKind::Deadline)
    {
        Question::Deadline
    } else {
        Question::Outcome
    }
}
