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

use super::boundary::Step;
use super::ctx::APOLOGY_CAUSES;
pub(crate) use super::ctx::Ctx;
use super::lists;
use super::moves::Move;
use super::phrases::{has_word, mentions_any};
use super::situation::{Family, Urgency};
use super::specifics::{difficult_feeling, has_abuse};
use super::wording::Question;
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

/// Moves that open the reply instead of the playbook's first, tried in order: the boundary,
/// putting the client's safety first (emergency help, a crisis line, getting out of danger: the
/// acknowledgement that fits them), and the step that stops harm happening now.
const OPENINGS: [(Move, Opens); 3] = [
    (Move::Boundary, |_| true),
    (Move::Acknowledge, |c| c.situation.safety_first()),
    (Move::NextStep, |c| c.situation.urgency() == Urgency::Stop),
];

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
        Family::Waiting,
        Family::Stoppable,
        Family::Soon,
    ]));
    why.extend(c.cues(&Family::FAILED));
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
    // An apology already given is owed again when the latest message says we broke a promise
    // since: "sorry, I'll chase it" followed by "you said that Friday, and Monday"; or that
    // they were left to chase, first said now, which no apology of ours has touched: "sorry
    // about the noise", then "I emailed on the 23rd and the 30th and heard nothing" (round DF).
    let chased_before = c
        .analysed
        .client_turns()
        .any(|(i, _, a)| i < c.last_i && a.says(SignalKind::RepeatedContact));
    // A stock apology ("I apologise for the inconvenience") answered by a client still upset
    // has not landed, and one that names what happened is owed (round DJ: "the fourth engineer
    // visit that never happened" got no apology after one for "the inconvenience").
    let only_stock = c
        .analysed
        .conversation
        .agent_texts()
        .filter(|t| apologises(t))
        .all(|t| mentions_any(t, STOCK_APOLOGY));
    let renewed = c
        .situation
        .of(Family::BrokenPromise)
        .any(|x| x.turn == c.last_i)
        || c.repeated()
            && !chased_before
            && !c.analysed.conversation.agent_texts().any(owns_the_wait)
        || only_stock && upset(c.last)
        // "I'm sorry about the charge", then "your colleague told me May": a new wrong.
        || c.last.told_otherwise()
            && !c
                .analysed
                .client_turns()
                .any(|(i, _, a)| i < c.last_i && a.told_otherwise());
    // "I need a root cause report and a credit, not a sorry" (rounds DJ, DK).
    let refused = lists::says(
        "refuses_apology",
        &c.analysed.conversation.turns[c.last_i].text,
    );
    if (c.done.contains(&Move::Apologise) && !renewed) || !c.at_fault() || refused {
        return None;
    }
    let complaint = c.last.complaint.evidence.iter();
    let mut why: Vec<Why> = APOLOGY_CAUSES
        .into_iter()
        .flat_map(|cause| c.cause_why(cause))
        .chain(complaint.map(|e| c.at(e.start, e.end, "complaint")))
        .collect();
    why.extend(c.cues(&Family::FAILED));
    why.extend(c.signals(&[SignalKind::RepeatedContact]));
    Some(why)
}

/// An apology for nothing in particular: the words of a script.
const STOCK_APOLOGY: &[&str] = &["inconvenience", "any trouble caused", "any upset caused"];

/// Whether an agent's turn apologises.
fn apologises(text: &str) -> bool {
    mentions_any(text, &["sorry", "apologise", "apologize", "apologies"])
}

/// Whether an agent's turn speaks of the client's wait or of having had to chase.
fn owns_the_wait(text: &str) -> bool {
    const WAIT: &[&str] = &[
        "chase",
        "chasing",
        "chased",
        "wait",
        "waiting",
        "waited",
        "reply",
        "replied",
        "replies",
        "response",
        "responded",
        "respond",
        "delay",
        "delayed",
        "heard",
        "again",
    ];
    has_word(text, WAIT) || mentions_any(text, &["come back to you", "got back to you"])
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
    // A client in danger now is told what to do, not asked.
    let in_danger = c.situation.safety_first() && c.situation.urgency() == Urgency::Stop;
    if c.done.contains(&Move::OpenQuestion) || in_danger {
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
        .any(|x| x.cause == Cause::UnmetExpectations && x.score >= 0.5);
    (!c.done.contains(&Move::Limits) && (unmet || !why.is_empty())).then_some(why)
}

fn next_step(c: &Ctx<'_>) -> Option<Vec<Why>> {
    let mut why = c.cues(&[
        Family::Stoppable,
        Family::Now,
        Family::Waiting,
        Family::Soon,
    ]);
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
pub(crate) fn confused(a: &Analysis) -> bool {
    let lead = difficult_feeling(a);
    let misunderstanding = a
        .causes
        .first()
        .is_some_and(|c| c.cause == Cause::Miscommunication);
    (lead == Some(Emotion::Confusion) || misunderstanding && lead.is_none())
        && a.level <= Level::Tense
}
