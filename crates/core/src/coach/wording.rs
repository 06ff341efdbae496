//! Wordings for each move, written for defuse, filled with this client's specifics.
//!
//! Each move has several wordings. Those that use a specific come first when the specific is
//! known; any wording that shares a run of words with what the agent already wrote is skipped,
//! so the advice never has the agent repeat themselves. Slots: `{sit}` how the situation
//! feels, `{state}` how they feel, `{wrong}` what went wrong, `{concerns}` their points,
//! `{deadline}`, `{repeated}`, `{consequence}` of the final warning, `{options}`.

use std::collections::HashSet;

use super::boundary::Step;
use super::lists;
use super::moves::Move;
use super::phrases::repeats;
use super::policy::FinalStep;
use super::specifics::{Specifics, feeling_words};
use crate::types::Cause;

/// Which open question fits the cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Question {
    /// Clear up a misunderstanding.
    Clarify,
    /// Ask about the deadline behind the pressure.
    Deadline,
    /// Ask what a good outcome looks like.
    Outcome,
}

/// The wordings offered per move.
const PER_MOVE: usize = 3;

/// Up to three wordings for `kind`, filled with `s`, none repeating `used` (the agent's own words).
pub(crate) fn say(
    kind: Move,
    step: Step,
    question: Question,
    s: &Specifics,
    used: &HashSet<Vec<String>>,
) -> Vec<String> {
    let section = match (kind, step, question) {
        (Move::OpenQuestion, _, Question::Clarify) => "open_question.clarify",
        (Move::OpenQuestion, _, Question::Deadline) => "open_question.deadline",
        (Move::OpenQuestion, _, Question::Outcome) => "open_question.outcome",
        (Move::Boundary, Step::None | Step::Statement, _) => "boundary.statement",
        (Move::Boundary, Step::FinalWarning, _) => "boundary.final_warning",
        (Move::Boundary, Step::Final(FinalStep::Handover), _) => "boundary.handover",
        (Move::Boundary, Step::Final(FinalStep::End), _) => "boundary.end",
        (kind, _, _) => kind.as_str(),
    };
    let templates = lists::wordings(section);
    let consequence = match step {
        Step::Final(FinalStep::End) => "end this conversation",
        _ => "pass this conversation to my supervisor",
    };
    let (sit, state) = feeling_words(s.feeling);
    let concerns = join(&s.concerns);
    let repeated = s
        .repeated
        .as_deref()
        .map(|r| r.trim_start_matches("the ").trim_start_matches("The "));
    let mut slots: Vec<(&str, Option<&str>)> = vec![
        ("{sit}", Some(sit)),
        ("{state}", Some(state)),
        ("{wrong}", s.wrong.as_deref()),
        (
            "{concerns}",
            (!s.concerns.is_empty()).then_some(concerns.as_str()),
        ),
        ("{deadline}", s.deadline.as_deref()),
        ("{repeated}", repeated),
        ("{consequence}", Some(consequence)),
    ];
    let options = options(s, &slots);
    slots.push(("{options}", options.as_deref()));
    templates
        .iter()
        .filter_map(|t| fill(t, &slots))
        .filter(|w| !repeats(w, used))
        .take(PER_MOVE)
        .collect()
}

/// Fills every slot of `template`, or `None` when one of them is unknown.
fn fill(template: &str, slots: &[(&str, Option<&str>)]) -> Option<String> {
    let mut out = template.to_string();
    for (slot, value) in slots {
        if out.contains(slot) {
            out = out.replace(slot, (*value)?);
        }
    }
    Some(out)
}

/// "a, b and c".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// Two or three ways forward that fit the leading cause, joined as choices ("a, b, or c").
fn options(s: &Specifics, slots: &[(&str, Option<&str>)]) -> Option<String> {
    let section = match s.cause {
        Some(Cause::ServiceFailure) => "choices.service_failure",
        Some(Cause::OutsidePressure) => "choices.outside_pressure",
        Some(Cause::FeelingUnheard) => "choices.feeling_unheard",
        Some(Cause::Miscommunication) => "choices.miscommunication",
        _ => "choices.other",
    };
    // A choice that opens like an earlier one ("I prioritise this now ...") is the same offer.
    let opening = |c: &str| c.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let mut picks: Vec<String> = Vec::new();
    for choice in lists::wordings(section)
        .iter()
        .filter_map(|c| fill(c, slots))
    {
        if picks.len() < 3 && !picks.iter().any(|p| opening(p) == opening(&choice)) {
            picks.push(choice);
        }
    }
    match picks.as_slice() {
        [] | [_] => None,
        [init @ .., last] => Some(format!("{}, or {last}", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::conversation::{Timestamp, UtcOffset};
    use crate::coach::policy::Policy;
    use crate::coach::promises::promises;
    use crate::coach::tone;
    use crate::types::Emotion;

    fn full() -> Specifics {
        Specifics {
            feeling: Some(Emotion::Anger),
            wrong: Some("your parcel still hasn't arrived".into()),
            concerns: vec![
                "your parcel still hasn't arrived".into(),
                "you need it by Friday".into(),
            ],
            deadline: Some("Friday".into()),
            repeated: Some("third time".into()),
            cause: Some(Cause::OutsidePressure),
        }
    }

    /// Every wording defuse offers must pass its own draft check.
    #[test]
    fn every_wording_passes_the_draft_check() {
        let policy = Policy::default();
        for s in [full(), Specifics::default()] {
            for kind in Move::ALL {
                for step in [
                    Step::Statement,
                    Step::FinalWarning,
                    Step::Final(FinalStep::Handover),
                    Step::Final(FinalStep::End),
                ] {
                    for q in [Question::Clarify, Question::Deadline, Question::Outcome] {
                        for w in say(kind, step, q, &s, &HashSet::new()) {
                            assert!(!w.contains('{'), "unfilled slot in {w:?}");
                            assert!(
                                tone::findings(&w, &policy).is_empty(),
                                "{w:?}: {:?}",
                                tone::findings(&w, &policy)
                            );
                            let untimed = promises(&w, Timestamp(0), UtcOffset::UTC)
                                .into_iter()
                                .filter(|p| p.due.is_none() && !p.conditional)
                                .count();
                            assert_eq!(untimed, 0, "a promise without a time in {w:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wordings_use_the_specifics_when_known() {
        let s = full();
        let ack = say(
            Move::Acknowledge,
            Step::None,
            Question::Outcome,
            &s,
            &HashSet::new(),
        );
        assert_eq!(ack.len(), PER_MOVE);
        assert_eq!(
            ack[0],
            "I can see how infuriating it is that your parcel still hasn't arrived."
        );
        let plain = say(
            Move::Acknowledge,
            Step::None,
            Question::Outcome,
            &Specifics::default(),
            &HashSet::new(),
        );
        assert!(plain.iter().all(|w| !w.contains("parcel")));
        let options = say(
            Move::Options,
            Step::None,
            Question::Outcome,
            &s,
            &HashSet::new(),
        );
        assert!(options[0].contains("with Friday in mind"), "{options:?}");
    }
}
