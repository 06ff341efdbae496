//! What the planning rules read: the latest client turn and its analysis, the moves the agent
//! has already made, the boundary state and the situation, with helpers that turn spans into
//! evidence ([`Why`]) and the judgements several rules share (engaged, at fault, which question).

use std::collections::HashSet;

use super::boundary::Boundary;
use super::conversation::{Analysed, Role};
use super::course::Course;
use super::moves::Move;
use super::plan::{Why, confused, upset};
use super::situation::{Family, Situation, Urgency};
use super::wording::Question;
use crate::types::{Analysis, Cause, Emotion, Level, SignalKind};

/// What every rule reads: the latest client turn, what the agent has done, the situation.
pub(crate) struct Ctx<'a> {
    pub analysed: &'a Analysed<'a>,
    pub last_i: usize,
    pub last: &'a Analysis,
    pub boundary: &'a Boundary,
    pub situation: &'a Situation,
    pub done: HashSet<Move>,
}

/// The causes an apology answers: something of ours failed, or the client was not listened to.
/// Expectations that were not met are not enough: the work may be what was agreed, and an
/// apology for it concedes a fault nobody has found (a promise we broke is a failure, see
/// `situation.txt`'s `[failure]`).
pub(crate) const APOLOGY_CAUSES: [Cause; 2] = [Cause::ServiceFailure, Cause::FeelingUnheard];

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

    pub fn at(&self, start: usize, end: usize, note: &str) -> Why {
        self.at_turn(self.last_i, start, end, note)
    }

    pub fn signals(&self, kinds: &[SignalKind]) -> Vec<Why> {
        let hits = self.last.signals.iter().filter(|s| kinds.contains(&s.kind));
        hits.map(|s| self.at(s.start, s.end, s.kind.as_str()))
            .collect()
    }

    pub fn cause_why(&self, c: Cause) -> Vec<Why> {
        let found = self.last.causes.iter().filter(|x| x.cause == c);
        found
            .flat_map(|x| &x.evidence)
            .map(|e| self.at(e.start, e.end, c.as_str()))
            .collect()
    }

    pub fn emotion_why(&self, e: Emotion) -> Vec<Why> {
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
    pub fn cues(&self, families: &[Family]) -> Vec<Why> {
        let found = self
            .situation
            .cues
            .iter()
            .filter(|c| families.contains(&c.what));
        found
            .map(|c| self.at_turn(c.turn, c.start, c.end, c.what.as_str()))
            .collect()
    }

    /// The cause behind the conversation as a whole (see `story`).
    pub fn story_cause(&self) -> Option<Cause> {
        self.situation.cause.as_ref().map(|c| c.cause)
    }

    pub fn repeated(&self) -> bool {
        let kind = SignalKind::RepeatedContact;
        self.last.signals.iter().any(|s| s.kind == kind)
    }

    /// Something here calls for more than a plain answer: upset, unsure, a complaint earlier
    /// on, a conversation about something of ours that failed, vulnerable, wronged, harmed
    /// now, or chasing. A polite business client whose team's data vanished after our update
    /// was given a bare next step, with no acknowledgement and no apology (round DE).
    pub fn engaged(&self) -> bool {
        upset(self.last)
            || confused(self.last)
            || self.complained_before()
            || self
                .story_cause()
                .is_some_and(|c| APOLOGY_CAUSES.contains(&c))
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

    /// The organisation is at fault, so an apology is owed: the conversation's cause is ours
    /// (a failure, a shortfall, not being heard), the client names a failure, or they had to
    /// chase. A client who is mistaken, or under pressure we did not cause, is owed
    /// understanding, not an apology for something we did not do.
    pub fn at_fault(&self) -> bool {
        let cause = self.story_cause();
        // A misunderstanding is ours where we told them conflicting things. A failure they name
        // ("you charged me twice") is owed its apology whatever the story reads, unless their
        // latest message is mainly that they do not understand it.
        if matches!(cause, Some(Cause::Miscommunication)) {
            let unsure = self.last.causes.first().map(|c| c.cause) == Some(Cause::Miscommunication);
            return self.analysed.told_otherwise() || self.situation.failed() && !unsure;
        }
        // A composed, grieving client's errand ("I need his account closed and the debit
        // stopped") reads to the heads as a failure; their loss is not ours to apologise for
        // unless their words name one of ours or a repeat.
        if self.situation.vulnerability() == Some(Family::Bereavement)
            && self.last.level == Level::Calm
        {
            return self.situation.failed() || self.repeated();
        }
        cause.is_some_and(|c| APOLOGY_CAUSES.contains(&c))
            || self.situation.failed()
            || self.repeated()
    }

    /// The open question that fits: what a vulnerable client needs now, clear up a
    /// misunderstanding, ask about the deadline, what they need while harm goes on, or what a
    /// good outcome looks like.
    pub fn question(&self) -> Question {
        let a = self.last;
        let top = self.story_cause();
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
