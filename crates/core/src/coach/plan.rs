//! Choosing and ordering the moves for the agent's next reply, each with the evidence behind it.
//!
//! The moves are a table of small named rules in playbook order: hold a crossed boundary;
//! acknowledge the feeling or what is happening to them; apologise where we are at fault; say
//! their points back; ask the open question that fits; offer options; be open about limits; end
//! with one next step and when. Empathy follows from what happened as well as from the tone: a
//! failure of ours, repeated contact, a vulnerability or harm happening now bring acknowledgement
//! at any level; an unsure client is acknowledged before their points are said back, and the
//! apology where owed follows the acknowledgement. A calm client with a plain request gets the
//! next step alone. Then one move may open instead ([`OPENINGS`]): the boundary, or the action
//! that stops harm happening now. Moves the agent has already made are left out, except
//! acknowledging.

use std::collections::HashSet;

use super::boundary::{Boundary, Step};
use super::conversation::{Analysed, Role};
use super::course::Course;
use super::moves::Move;
use super::situation::{Family, Situation, Urgency};
use super::specifics::{difficult_feeling, has_abuse};
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
    /// Two or three wordings filled with this client's specifics (one for the next step).
    pub say: Vec<String>,
}

/// What every rule reads: the latest client turn, what the agent has done, the situation.
pub(crate) struct Ctx<'a> {
    pub analysed: &'a Analysed<'a>,
    pub last_i: usize,
    pub last: &'a Analysis,
    pub boundary: &'a Boundary,
    pub situation: &'a Situation,
    done: HashSet<Move>,
}

/// A rule: the evidence for its move, or `None` when the move is not called for.
type Rule = fn(&Ctx<'_>) -> Option<Vec<Why>>;

/// The moves in playbook order, each with the rule that calls for it.
const RULES: [(Move, Rule); 8] = [
    (Move::Boundary, hold_boundary),
    (Move::Acknowledge, acknowledge),
    (Move::Apologise, apologise),
    (Move::Paraphrase, paraphrase),
    (Move::OpenQuestion, open_question),
    (Move::Options, options),
    (Move::Limits, limits),
    (Move::NextStep, next_step),
];

/// Whether a move opens the reply.
type Opens = fn(&Ctx<'_>) -> bool;

/// Moves that open the reply instead of the playbook's first, tried in order.
const OPENINGS: [(Move, Opens); 2] = [
    (Move::Boundary, |_| true),
    (Move::NextStep, |c| c.situation.urgency() == Urgency::Stop),
];

impl<'a> Ctx<'a> {
    pub fn new(
        analysed: &'a Analysed<'a>,
        course: &Course,
        boundary: &'a Boundary,
        situation: &'a Situation,
    ) -> Option<Ctx<'a>> {
        let (last_i, _, last) = analysed.last_client()?;
        let done = course
            .turns
            .iter()
            .filter(|t| t.role == Role::Agent)
            .flat_map(|t| t.moves.iter().map(|m| m.kind))
            .collect();
        Some(Ctx {
            analysed,
            last_i,
            last,
            boundary,
            situation,
            done,
        })
    }

    fn at_turn(&self, turn: usize, start: usize, end: usize, note: &str) -> Why {
        let text = &self.analysed.conversation.turns[turn].text;
        Why {
            turn: Some(turn),
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
            note: note.to_string(),
        }
    }

    fn at(&self, start: usize, end: usize, note: &str) -> Why {
        self.at_turn(self.last_i, start, end, note)
    }

    fn signals(&self, kinds: &[SignalKind]) -> Vec<Why> {
        let hits = self.last.signals.iter().filter(|s| kinds.contains(&s.kind));
        hits.map(|s| self.at(s.start, s.end, s.kind.as_str()))
            .collect()
    }

    fn cause_why(&self, c: Cause) -> Vec<Why> {
        let found = self.last.causes.iter().filter(|x| x.cause == c);
        found
            .flat_map(|x| &x.evidence)
            .map(|e| self.at(e.start, e.end, c.as_str()))
            .collect()
    }

    fn emotion_why(&self, e: Emotion) -> Vec<Why> {
        let j = self.last.emotion(e);
        if !j.holds() {
            return Vec::new();
        }
        let mut why: Vec<Why> = j
            .evidence
            .iter()
            .map(|ev| self.at(ev.start, ev.end, e.as_str()))
            .collect();
        if why.is_empty() {
            why.push(self.at(0, 0, &format!("{} ({:.0}%)", e.as_str(), j.score * 100.0)));
        }
        why
    }

    /// Evidence for the given situation families, from any client turn.
    fn cues(&self, families: &[Family]) -> Vec<Why> {
        let found = self
            .situation
            .cues
            .iter()
            .filter(|c| families.contains(&c.what));
        found
            .map(|c| self.at_turn(c.turn, c.start, c.end, c.what.as_str()))
            .collect()
    }

    fn repeated(&self) -> bool {
        let kind = SignalKind::RepeatedContact;
        self.last.signals.iter().any(|s| s.kind == kind)
    }

    /// Something here calls for more than a plain answer: upset, unsure, a complaint earlier
    /// on, vulnerable, wronged, harmed now, or chasing.
    fn engaged(&self) -> bool {
        upset(self.last)
            || confused(self.last)
            || self.complained_before()
            || self.situation.vulnerability().is_some()
            || self.situation.failed()
            || self.situation.urgency() >= Urgency::Now
            || self.repeated()
    }

    /// An earlier client turn was a complaint: the conversation is about a grievance even when
    /// the latest turn is a plain question.
    fn complained_before(&self) -> bool {
        self.analysed
            .client_turns()
            .any(|(i, _, a)| i < self.last_i && a.complaint.holds())
    }

    /// The organisation is at fault: a complaint, a cause of ours, a named failure (unless the
    /// client is mainly mistaken about it), or chasing.
    fn at_fault(&self) -> bool {
        let causes = &self.last.causes;
        let mistaken = causes.first().map(|c| c.cause) == Some(Cause::Miscommunication);
        self.last.complaint.holds()
            || self.complained_before()
            || causes.iter().any(|c| APOLOGY_CAUSES.contains(&c.cause))
            || self.situation.failed() && !mistaken
            || self.repeated()
    }

    /// The open question that fits: what a vulnerable client needs now, clear up a
    /// misunderstanding, ask about the deadline, what they need while harm goes on, or what a
    /// good outcome looks like.
    pub fn question(&self) -> super::wording::Question {
        use super::wording::Question;
        let a = self.last;
        let top = a.causes.first().map(|c| c.cause);
        if self.situation.vulnerability().is_some() {
            Question::Need
        } else if top == Some(Cause::Miscommunication)
            || a.emotion(Emotion::Confusion).holds() && !a.emotion(Emotion::Anger).holds()
        {
            Question::Clarify
        } else if top == Some(Cause::OutsidePressure)
            || a.signals.iter().any(|s| s.kind == SignalKind::Deadline)
        {
            Question::Deadline
        } else if self.situation.urgency() >= Urgency::Now {
            Question::Need
        } else {
            Question::Outcome
        }
    }
}

/// The moves for the next reply, in order, with their evidence (wordings are filled later).
pub(crate) fn plan(c: &Ctx<'_>) -> Vec<(Move, Vec<Why>)> {
    if c.boundary.crossed_last_turn && matches!(c.boundary.step, Step::Final(_)) {
        return vec![(Move::Boundary, hold_boundary(c).unwrap_or_default())];
    }
    let mut wanted: Vec<(Move, Vec<Why>)> = if c.engaged() || c.boundary.crossed_last_turn {
        RULES
            .iter()
            .filter_map(|(kind, rule)| Some((*kind, rule(c)?)))
            .collect()
    } else {
        vec![(Move::NextStep, their_request(c))]
    };
    let opening = OPENINGS
        .iter()
        .find(|(kind, when)| wanted.iter().any(|(k, _)| k == kind) && when(c));
    if let Some((kind, _)) = opening
        && let Some(i) = wanted.iter().position(|(k, _)| k == kind)
    {
        let first = wanted.remove(i);
        wanted.insert(0, first);
    }
    wanted
}

const APOLOGY_CAUSES: [Cause; 3] = [
    Cause::ServiceFailure,
    Cause::FeelingUnheard,
    Cause::UnmetExpectations,
];

fn hold_boundary(c: &Ctx<'_>) -> Option<Vec<Why>> {
    let b = c.boundary;
    b.crossed_last_turn.then(|| {
        let crossed = b.crossings.iter().filter(|x| x.turn == c.last_i);
        crossed
            .map(|x| Why {
                turn: Some(x.turn),
                start: x.start,
                end: x.end,
                text: x.text.clone(),
                note: format!(
                    "{}; boundary step {}, {}",
                    x.kind.map_or("abusive message", |k| k.as_str()),
                    b.step.number(),
                    b.step.as_str()
                ),
            })
            .collect()
    })
}

fn acknowledge(c: &Ctx<'_>) -> Option<Vec<Why>> {
    let mut why = difficult_feeling(c.last).map_or_else(Vec::new, |e| c.emotion_why(e));
    why.extend(c.signals(&[
        SignalKind::RepeatedContact,
        SignalKind::Unresolved,
        SignalKind::Shouting,
        SignalKind::ExclamationRun,
    ]));
    if confused(c.last) {
        why.extend(c.cause_why(Cause::Miscommunication));
    }
    why.extend(c.cues(&Family::VULNERABLE));
    why.extend(c.cues(&[
        Family::Now,
        Family::Stoppable,
        Family::Soon,
        Family::Failure,
    ]));
    if why.is_empty() {
        let complaint = c.last.complaint.evidence.iter();
        why.extend(complaint.map(|e| c.at(e.start, e.end, "complaint")));
        let causes = c.last.causes.iter().flat_map(|x| {
            x.evidence
                .iter()
                .map(move |e| c.at(e.start, e.end, x.cause.as_str()))
        });
        why.extend(causes);
    }
    if why.is_empty() {
        let note = format!("the message reads as {}", c.last.level.as_str());
        why.push(c.at(0, 0, &note));
    }
    (!why.is_empty()).then_some(why)
}

fn apologise(c: &Ctx<'_>) -> Option<Vec<Why>> {
    if c.done.contains(&Move::Apologise) || !c.at_fault() {
        return None;
    }
    let complaint = c.last.complaint.evidence.iter();
    let mut why: Vec<Why> = APOLOGY_CAUSES
        .into_iter()
        .flat_map(|cause| c.cause_why(cause))
        .chain(complaint.map(|e| c.at(e.start, e.end, "complaint")))
        .collect();
    why.extend(c.cues(&[Family::Failure]));
    why.extend(c.signals(&[SignalKind::RepeatedContact]));
    Some(why)
}

/// The client's points that carry no abuse, as evidence to say back.
fn points(c: &Ctx<'_>) -> Vec<Why> {
    let clean = c
        .last
        .concerns
        .iter()
        .filter(|x| !has_abuse(c.last, x.start, x.end));
    clean.map(|x| c.at(x.start, x.end, "their point")).collect()
}

fn paraphrase(c: &Ctx<'_>) -> Option<Vec<Why>> {
    if c.done.contains(&Move::Paraphrase) {
        return None;
    }
    let unsure = confused(c.last) && !upset(c.last);
    let mut why = if unsure {
        let mut why = c.cause_why(Cause::Miscommunication);
        why.extend(c.emotion_why(Emotion::Confusion));
        why
    } else {
        Vec::new()
    };
    why.extend(points(c));
    (unsure || !points(c).is_empty()).then_some(why)
}

fn open_question(c: &Ctx<'_>) -> Option<Vec<Why>> {
    use super::wording::Question;
    if c.done.contains(&Move::OpenQuestion) {
        return None;
    }
    Some(match c.question() {
        Question::Need => c.cues(&Family::VULNERABLE),
        Question::Clarify => {
            let mut why = c.cause_why(Cause::Miscommunication);
            why.extend(c.emotion_why(Emotion::Confusion));
            why
        }
        Question::Deadline => {
            let mut why = c.signals(&[SignalKind::Deadline]);
            why.extend(c.cause_why(Cause::OutsidePressure));
            why
        }
        Question::Outcome => c.signals(&[SignalKind::Demand]),
    })
}

fn options(c: &Ctx<'_>) -> Option<Vec<Why>> {
    let grievance = c.at_fault()
        || !c.last.causes.is_empty()
        || c.done.contains(&Move::OpenQuestion)
        || c.situation.vulnerability().is_some();
    let wanted = !c.done.contains(&Move::Options)
        && grievance
        && c.situation.urgency() != Urgency::Stop
        && (upset(c.last) || !confused(c.last));
    wanted.then(|| c.signals(&[SignalKind::Demand]))
}

fn limits(c: &Ctx<'_>) -> Option<Vec<Why>> {
    let why = c.signals(&[
        SignalKind::Demand,
        SignalKind::Deadline,
        SignalKind::EscalationThreat,
    ]);
    let unmet = c
        .last
        .causes
        .iter()
        .any(|x| x.cause == Cause::UnmetExpectations);
    (!c.done.contains(&Move::Limits) && (unmet || !why.is_empty())).then_some(why)
}

fn next_step(c: &Ctx<'_>) -> Option<Vec<Why>> {
    let mut why = c.cues(&[Family::Stoppable, Family::Now, Family::Soon]);
    why.extend(c.signals(&[SignalKind::Deadline, SignalKind::RepeatedContact]));
    Some(why)
}

/// A plain request: the points the next step answers.
fn their_request(c: &Ctx<'_>) -> Vec<Why> {
    let concerns = c.last.concerns.iter();
    concerns
        .map(|x| c.at(x.start, x.end, "their request"))
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
