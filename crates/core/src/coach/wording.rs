//! Wordings for each move, written for defuse, filled with this client's specifics.
//!
//! Each move has several wordings. Those that use a specific come first when the specific is
//! known; any wording that shares a run of words with what the agent already wrote is skipped,
//! so the advice never has the agent repeat themselves. Slots: `{sit}` how the situation
//! feels, `{state}` how they feel, `{wrong}` what went wrong, `{concerns}` their points,
//! `{deadline}`, `{repeated}`, `{consequence}` of the final warning, `{options}`.

use std::collections::HashSet;

use super::boundary::Step;
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

const ACKNOWLEDGE: &[&str] = &[
    "I can see how {sit} it is that {wrong}.",
    "Having to get in touch for the {repeated} would wear anyone down, and I'm sorry it came to that.",
    "With {deadline} so close, I can see why this feels urgent, and I want to help you make it.",
    "You have every reason to feel {state} about this.",
    "That sounds really {sit}, and I'm glad you told me plainly.",
    "I'd feel {state} too in your position.",
    "It's clear this has cost you time and patience, and I don't take that lightly.",
];

const PARAPHRASE: &[&str] = &[
    "Let me check I've understood: {concerns}. Did I get that right?",
    "So, if I have this straight, {concerns}. Is that it, or is there more?",
    "What I'm taking from your message is that {concerns}. Is that a fair summary?",
    "Before I go further, let me say back what I've understood so you can correct me.",
];

const APOLOGISE: &[&str] = &[
    "I'm sorry that {wrong}; that isn't the service you should get from us.",
    "I'm sorry you've had to chase this for the {repeated}.",
    "I apologise for the trouble this has caused you.",
    "I'm truly sorry for how this has gone so far.",
];

const CLARIFY: &[&str] = &[
    "Could you walk me through what you expected to happen, so I can find where things got crossed?",
    "What were you told at the start, as far as you remember?",
    "Which part of what happened doesn't match what you were expecting?",
];

const DEADLINE: &[&str] = &[
    "You mentioned {deadline}: what needs to be in place by then for you?",
    "What date are you working towards, so I can plan around it?",
    "Is there a deadline behind this that I should know about?",
];

const OUTCOME: &[&str] = &[
    "What would a good outcome look like for you?",
    "If I could change one thing about this today, what would you want it to be?",
    "What would put this right for you?",
];

const OPTIONS: &[&str] = &[
    "I can see a few ways forward: {options}. Which would suit you best?",
    "Here is what I can offer: {options}. Which would you prefer?",
    "You can choose how we take this on: {options}.",
];

const LIMITS: &[&str] = &[
    "I can't promise the parts that depend on others will be done by {deadline}, but I can tell you exactly where things stand today.",
    "I want to be open with you: there is one part of this I can't decide myself, and I'd rather say so now than let you down later.",
    "I'm not able to promise a date I don't control, so every time I give you is one I can keep.",
];

const NEXT_STEP: &[&str] = &[
    "Here's what happens next: I'll look into this straight away and update you by the end of today.",
    "My next step is to take this to the team who can fix it, and I'll get back to you by noon tomorrow.",
    "I'll stay with this myself and send you an update by 5pm today, even if it's only to say where things stand.",
];

const STATEMENT: &[&str] = &[
    "I want to help you sort this out, and I can do that best if we keep the conversation free of insults.",
    "I understand you're {state}, and I'm still here to help; please keep it respectful so we can work on this together.",
    "I'm happy to keep working on this with you, but personal remarks aimed at me or my colleagues need to stop.",
];

const FINAL_WARNING: &[&str] = &[
    "I'd like to keep helping, but if the abusive language continues I will {consequence}.",
    "This is the second time I've had to ask: please stop the personal remarks, or I'll {consequence}.",
    "I want to be clear: if there is one more insult, I'll {consequence}. I'd much rather we solve this together.",
];

const HANDOVER: &[&str] = &[
    "I'm going to pass this conversation to my supervisor now, and they will pick it up from here.",
    "Because the abusive language has continued, I'm handing this over to my supervisor, who will contact you about the next step.",
];

const END: &[&str] = &[
    "I'm ending this conversation now because of the abusive language. You're welcome to contact us again when you're ready, and we can still help with this.",
    "Because the insults have continued, I'm closing this conversation here. When you get back in touch, a colleague will pick up where we left off.",
];

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
    let templates = match kind {
        Move::Acknowledge => ACKNOWLEDGE,
        Move::Paraphrase => PARAPHRASE,
        Move::Apologise => APOLOGISE,
        Move::OpenQuestion => match question {
            Question::Clarify => CLARIFY,
            Question::Deadline => DEADLINE,
            Question::Outcome => OUTCOME,
        },
        Move::Options => OPTIONS,
        Move::Limits => LIMITS,
        Move::NextStep => NEXT_STEP,
        Move::Boundary => match step {
            Step::None | Step::Statement => STATEMENT,
            Step::FinalWarning => FINAL_WARNING,
            Step::Final(FinalStep::Handover) => HANDOVER,
            Step::Final(FinalStep::End) => END,
        },
    };
    let consequence = match step {
        Step::Final(FinalStep::End) => "end this conversation",
        _ => "pass this conversation to my supervisor",
    };
    let options = options(s);
    let (sit, state) = feeling_words(s.feeling);
    let concerns = join(&s.concerns);
    let slots: [(&str, Option<&str>); 8] = [
        ("{sit}", Some(sit)),
        ("{state}", Some(state)),
        ("{wrong}", s.wrong.as_deref()),
        (
            "{concerns}",
            (!s.concerns.is_empty()).then_some(concerns.as_str()),
        ),
        ("{deadline}", s.deadline.as_deref()),
        (
            "{repeated}",
            s.repeated
                .as_deref()
                .map(|r| r.trim_start_matches("the ").trim_start_matches("The ")),
        ),
        ("{consequence}", Some(consequence)),
        ("{options}", Some(options.as_str())),
    ];
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

/// Concrete ways forward that fit the cause, two or three, written as choices.
fn options(s: &Specifics) -> String {
    let picks: &[&str] = match s.cause {
        Some(Cause::ServiceFailure) => &[
            "a replacement sent at no cost to you",
            "a full refund",
            "a repair booked at a time that suits you",
        ],
        Some(Cause::OutsidePressure) => &[
            "I prioritise this now and update you every few hours",
            "we set up a stopgap that keeps you going meanwhile",
        ],
        Some(Cause::FeelingUnheard) => &[
            "I stay your single contact until this is solved",
            "a specialist calls you at a time you pick",
        ],
        Some(Cause::Miscommunication) => &[
            "we go through it together step by step now",
            "I send you a short written summary of where things stand",
        ],
        _ => &[
            "I take this to the right team today and update you",
            "we arrange a call at a time that suits you",
            "I put it all in writing for you",
        ],
    };
    let mut picks: Vec<String> = picks.iter().map(|p| p.to_string()).collect();
    if s.cause == Some(Cause::OutsidePressure) && s.deadline.is_some() {
        picks[0] = format!(
            "I prioritise this now with {} in mind",
            s.deadline.as_deref().unwrap_or_default()
        );
    }
    picks
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i + 1 == picks.len() {
                format!("or {p}")
            } else {
                format!("{p}, ")
            }
        })
        .collect()
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
