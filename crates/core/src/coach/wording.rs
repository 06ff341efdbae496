//! Wordings for each move, written for defuse, filled with this client's specifics.
//!
//! Each move has several wordings. Those that use a specific come first when the specific is
//! known; any wording that shares a run of words with what the agent already wrote is skipped,
//! so the advice never has the agent repeat themselves. Slots: `{sit}` how the situation
//! feels, `{state}` how they feel, `{wrong}` what went wrong, `{concerns}` their points,
//! `{deadline}`, `{repeated}`, `{consequence}` of the final warning, `{options}`, `{when}` the
//! next step is due, `{act}`, the action that stops harm happening now, `{subject}` what the
//! case is about ("your March bill") and `{outcome}` an outcome the client wants that others
//! decide.
//!
//! What is happening to the client picks the sections: a vulnerability or urgency brings its own
//! acknowledgements first, the domain its own ways forward and urgency its own next step, of
//! which only one is offered. A message that leaves nothing open ends the reply with its own
//! closing line instead of a next step.

use std::collections::HashSet;

use super::boundary::Step;
use super::lists;
use super::moves::Move;
use super::phrases::repeats;
use super::policy::FinalStep;
use super::situation::{Domain, Family, Urgency};
use super::specifics::{Specifics, feeling_words};
use crate::types::{Cause, Want};

/// Which open question fits the cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Question {
    /// Clear up a misunderstanding.
    Clarify,
    /// Ask about the deadline behind the pressure.
    Deadline,
    /// Ask what a good outcome looks like.
    Outcome,
    /// Ask what they need now: for a vulnerable client or harm happening now, never what they
    /// expected.
    Need,
}

/// The wordings offered per move.
const PER_MOVE: usize = 3;

/// The next step is one line: the time it names is the one to keep.
const NEXT_STEPS: usize = 1;

/// Up to three wordings for `kind`, filled with `s`, none repeating `used` (the agent's own words).
pub(crate) fn say(
    kind: Move,
    step: Step,
    question: Question,
    s: &Specifics,
    used: &HashSet<Vec<String>>,
) -> Vec<String> {
    let most = if kind == Move::NextStep {
        NEXT_STEPS
    } else {
        PER_MOVE
    };
    let names = sections(kind, step, question, s);
    filled(&names, step, s, used).take(most).collect()
}

/// The line `kind` adds to the suggested reply: from its `reply.` section when it has one (a
/// statement where the move would otherwise ask), else its first wording that `fits`.
pub(crate) fn reply_line(
    kind: Move,
    step: Step,
    question: Question,
    s: &Specifics,
    used: &HashSet<Vec<String>>,
    fits: impl Fn(&str) -> bool,
) -> Option<String> {
    let own = format!("reply.{}", kind.as_str());
    let names = if lists::wordings(&own).is_empty() {
        sections(kind, step, question, s)
    } else {
        vec![own]
    };
    filled(&names, step, s, used).find(|w| fits(w))
}

/// The first wording of the section `name` that `fits`, for a line of the reply that is no
/// move of its own (accepting the client's apology).
pub(crate) fn section_line(
    name: &str,
    s: &Specifics,
    used: &HashSet<Vec<String>>,
    fits: impl Fn(&str) -> bool,
) -> Option<String> {
    filled(&[name.to_string()], Step::None, s, used).find(|w| fits(w))
}

/// The wordings of the sections `names`, filled with `s`, skipping any that cannot be filled or
/// repeat `used`; those that say what the client has just turned down come last, so a move
/// keeps a line when every wording does ("I'll look into it" after "not another 'we'll look
/// into it'").
fn filled<'a>(
    names: &'a [String],
    step: Step,
    s: &'a Specifics,
    used: &'a HashSet<Vec<String>>,
) -> impl Iterator<Item = String> + 'a {
    let slots = slots(step, s);
    let (kept, turned_down): (Vec<String>, Vec<String>) = names
        .iter()
        .flat_map(|name| lists::wordings(name))
        .filter_map(|t| fill(t, &slots))
        .filter(|w| !repeats(w, used))
        .partition(|w| !s.refused.iter().any(|r| w.to_lowercase().contains(r)));
    kept.into_iter().chain(turned_down)
}

/// Every slot's value for this client; `None` where it is unknown.
fn slots(step: Step, s: &Specifics) -> Vec<(&'static str, Option<String>)> {
    // A consequence the agent has already named stays the one named: a final warning that
    // softens "I'll end this chat" to a handover moves the line.
    let consequence = match step {
        Step::Final(FinalStep::End) => "end this conversation",
        _ if s.end_named => "end this conversation",
        _ => "pass this conversation to my supervisor",
    };
    // A feeling the reading did not find is not put in the client's mouth: a composed client
    // told they "feel frustrated" hears a script.
    let (sit, state) = s.feeling.map(feeling_words).unzip();
    let repeated = s
        .repeated
        .as_deref()
        .map(|r| {
            ["the ", "The ", "my ", "My "]
                .iter()
                .fold(r, |r, lead| r.trim_start_matches(lead))
        })
        .map(str::to_lowercase);
    let mut slots: Vec<(&str, Option<String>)> = vec![
        ("{sit}", sit.map(str::to_owned)),
        ("{state}", state.map(str::to_owned)),
        ("{wrong}", s.wrong.clone()),
        (
            "{concerns}",
            (!s.concerns.is_empty()).then(|| join(&s.concerns)),
        ),
        ("{deadline}", s.deadline.clone()),
        ("{repeated}", repeated),
        ("{subject}", s.subject.clone()),
        ("{outcome}", outcome(s.want).map(str::to_string)),
        ("{consequence}", Some(consequence.into())),
        ("{when}", s.when.map(str::to_string)),
        ("{question}", s.question.clone()),
        ("{request}", s.request.clone()),
        ("{act}", Some(act(s).into())),
    ];
    let options = options(s, &slots);
    slots.push(("{options}", options));
    slots
}

/// An outcome the client wants that someone else decides, to follow "I can't promise".
fn outcome(want: Option<Want>) -> Option<&'static str> {
    match want? {
        Want::RefundOrCompensation => Some("a refund or compensation"),
        _ => None,
    }
}

/// The `wordings.txt` sections for a move, most particular first.
fn sections(kind: Move, step: Step, question: Question, s: &Specifics) -> Vec<String> {
    let plain = |name: &str| vec![name.to_string()];
    match (kind, step, question) {
        (Move::OpenQuestion, _, Question::Clarify) => plain("open_question.clarify"),
        (Move::OpenQuestion, _, Question::Deadline) => plain("open_question.deadline"),
        (Move::OpenQuestion, _, Question::Outcome) => plain("open_question.outcome"),
        (Move::OpenQuestion, _, Question::Need) => plain("open_question.need"),
        (Move::Boundary, Step::None | Step::Statement, _) => plain("boundary.statement"),
        (Move::Boundary, Step::FinalWarning, _) => plain("boundary.final_warning"),
        // A freelancer has no supervisor to hand over to: the line is held in their own name.
        (Move::Boundary, Step::Final(FinalStep::Handover), _)
            if s.domain == Some(Domain::FreelanceServices) =>
        {
            plain("boundary.handover.freelance_services")
        }
        (Move::Boundary, Step::Final(FinalStep::Handover), _) => plain("boundary.handover"),
        (Move::Boundary, Step::Final(FinalStep::End), _) => plain("boundary.end"),
        (Move::Acknowledge, Step::None, _) => {
            let urgent = (s.urgency >= Urgency::Now).then_some("acknowledge.urgent".to_string());
            // A composed client who named no feeling is thanked for the plain account they first
            // gave.
            let calm = (s.composed && s.feeling.is_none() && !s.answering)
                .then_some("acknowledge.calm".to_string());
            s.vulnerability
                .map(|v| format!("acknowledge.{}", v.section()))
                .into_iter()
                .chain(urgent)
                .chain(calm)
                .chain(plain("acknowledge"))
                .collect()
        }
        // After a remark that crossed the line the anger is not endorsed, but danger to the
        // client or their family is still named.
        (Move::Acknowledge, _, _) => s
            .vulnerability
            .filter(|v| v.at_risk())
            .map(|v| format!("acknowledge.{}", v.section()))
            .into_iter()
            .chain(plain("acknowledge.crossed"))
            .collect(),
        (Move::NextStep, _, _) if s.closed.is_some() => s
            .closed
            .into_iter()
            .map(|c| c.section().to_string())
            .collect(),
        // What the agent found says where things stand: the step keeps watch, unless harm must
        // still be stopped.
        (Move::NextStep, _, _) if s.found => (s.urgency == Urgency::Stop)
            .then_some("next_step.stop")
            .into_iter()
            .chain(["next_step.found"])
            .map(str::to_string)
            .collect(),
        (Move::NextStep, _, _) => {
            let urgent = match s.urgency {
                Urgency::Stop => Some("next_step.stop"),
                Urgency::Now => Some("next_step.now"),
                Urgency::Soon => Some("next_step.soon"),
                Urgency::None => None,
            };
            // A client who asks to cancel is answered by doing it, and one who asks for someone
            // more senior by passing the case up.
            let asked = match s.want {
                Some(Want::Cancel) => Some("next_step.cancel"),
                Some(Want::SpeakToSomeone) => Some("next_step.senior"),
                _ => None,
            };
            urgent
                .into_iter()
                .chain(asked)
                .chain(["next_step.asked", "next_step"])
                .map(str::to_string)
                .collect()
        }
        (Move::Apologise, _, _) if s.told_otherwise => vec![
            "apologise.told_otherwise".to_string(),
            "apologise".to_string(),
        ],
        (kind, _, _) => plain(kind.as_str()),
    }
}

/// The action that stops harm happening now, in the words of the domain; for signs of an
/// emergency, the one that gets help there, and for medical equipment about to lose power,
/// the one that keeps it on. Danger in the home is the domain's to act on only where the home
/// or its supply is ours: a bank told of a gas smell does not stop a card.
fn act(s: &Specifics) -> &'static str {
    let in_the_home = matches!(
        s.vulnerability,
        Some(Family::Hazard | Family::Electrics | Family::Fumes | Family::Collapse)
    );
    let ours = matches!(s.domain, Some(Domain::Housing | Domain::TelecomUtility));
    let emergency = match s.vulnerability {
        Some(Family::Emergency) => Some("act.emergency".to_string()),
        Some(Family::Device) => Some("act.device".to_string()),
        _ if in_the_home && !ours => Some("act.emergency".to_string()),
        _ => None,
    };
    let domain = s.domain.map(|d| format!("act.{}", d.as_str()));
    emergency
        .iter()
        .chain(domain.iter())
        .map(|name| lists::wordings(name))
        .chain([lists::wordings("act")])
        .find_map(|w| w.first().copied())
        .unwrap_or_default()
}

/// Fills every slot of `template`, or `None` when one of them is unknown.
fn fill(template: &str, slots: &[(&str, Option<String>)]) -> Option<String> {
    let mut out = template.to_string();
    for (slot, value) in slots {
        if out.contains(slot) {
            out = out.replace(slot, value.as_deref()?);
        }
    }
    Some(out)
}

/// A way forward without its `| kinds` mark, when it fits a kind of trouble in `matters` or is
/// marked with none.
fn fitting<'a>(choice: &'a str, matters: &[&str]) -> Option<&'a str> {
    match choice.split_once(" | ") {
        None => Some(choice),
        Some((way, kinds)) => kinds
            .split_whitespace()
            .any(|k| matters.contains(&k))
            .then_some(way),
    }
}

/// "a, b and c".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// Two or three ways forward that fit the domain, or the leading cause when the domain is
/// unknown or the client is mainly mistaken, joined as choices ("a, b, or c").
fn options(s: &Specifics, slots: &[(&str, Option<String>)]) -> Option<String> {
    let by_cause = match s.cause {
        Some(Cause::ServiceFailure) => "choices.service_failure",
        Some(Cause::OutsidePressure) => "choices.outside_pressure",
        Some(Cause::FeelingUnheard) => "choices.feeling_unheard",
        Some(Cause::Miscommunication) => "choices.miscommunication",
        _ => "choices.other",
    };
    let section = match s.domain {
        Some(d) if s.cause != Some(Cause::Miscommunication) => format!("choices.{}", d.as_str()),
        _ => by_cause.to_string(),
    };
    // A choice that opens like an earlier one ("I prioritise this now ...") is the same offer.
    let opening = |c: &str| c.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let mut picks: Vec<String> = Vec::new();
    // Nothing the client has just turned down ("not another credit").
    let turned_down = |c: &String| s.refused.iter().any(|r| c.contains(r));
    for choice in lists::wordings(&section)
        .iter()
        .filter_map(|c| fitting(c, &s.matters))
        .filter_map(|c| fill(c, slots))
        .filter(|c| !turned_down(c))
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
    use crate::coach::moves::detect;
    use crate::coach::policy::Policy;
    use crate::coach::promises::promises;
    use crate::coach::situation::{Domain, Family};
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
            when: Some("by 5pm today"),
            subject: Some("your parcel".into()),
            ..Specifics::default()
        }
    }

    /// The specifics of every situation: each domain, urgency and vulnerability.
    fn every_situation() -> Vec<Specifics> {
        let mut all = vec![full(), Specifics::default()];
        for domain in Domain::ALL {
            for urgency in [Urgency::None, Urgency::Stop] {
                all.push(Specifics {
                    domain: Some(domain),
                    urgency,
                    cause: Some(Cause::ServiceFailure),
                    ..full()
                });
            }
        }
        for urgency in [Urgency::Soon, Urgency::Now] {
            all.push(Specifics {
                urgency,
                when: Some("within the hour"),
                ..full()
            });
        }
        for v in Family::VULNERABLE {
            all.push(Specifics {
                vulnerability: Some(v),
                ..Specifics::default()
            });
        }
        all.push(asked());
        for want in [
            Want::Cancel,
            Want::RefundOrCompensation,
            Want::SpeakToSomeone,
        ] {
            all.push(Specifics {
                want: Some(want),
                ..full()
            });
        }
        all
    }

    /// A client who asked to find something out and to have something done.
    fn asked() -> Specifics {
        Specifics {
            question: Some("where your refund is".into()),
            request: Some("send you a copy of the March invoice".into()),
            ..full()
        }
    }

    #[test]
    fn the_next_step_names_what_was_asked() {
        let next = say(
            Move::NextStep,
            Step::None,
            Question::Outcome,
            &asked(),
            &HashSet::new(),
        );
        assert_eq!(
            next,
            ["I'll find out where your refund is and let you know by 5pm today."]
        );
    }

    /// A reply to a message that leaves nothing open closes with an offer of more help: no
    /// promise, nothing the draft check flags, and no next step of its own.
    #[test]
    fn closing_lines_promise_nothing() {
        use crate::coach::closing::Close;
        let policy = Policy::default();
        for close in [Close::Settled, Close::Thanks, Close::Answer, Close::Apology] {
            let s = Specifics {
                closed: Some(close),
                ..full()
            };
            let lines = say(
                Move::NextStep,
                Step::None,
                Question::Outcome,
                &s,
                &HashSet::new(),
            );
            let accept = lists::wordings("reply.accept")
                .iter()
                .map(|w| w.to_string());
            assert!(!lines.is_empty(), "{close:?}");
            for w in lines.into_iter().chain(accept) {
                assert!(tone::findings(&w, &policy).is_empty(), "{w:?}");
                assert!(
                    promises(&w, Timestamp(0), UtcOffset::UTC).is_empty(),
                    "{w:?}"
                );
                let made = detect(&w, Timestamp(0), UtcOffset::UTC);
                assert!(made.iter().all(|h| h.kind != Move::NextStep), "{w:?}");
            }
        }
    }

    const STEPS: [Step; 4] = [
        Step::Statement,
        Step::FinalWarning,
        Step::Final(FinalStep::Handover),
        Step::Final(FinalStep::End),
    ];
    const QUESTIONS: [Question; 4] = [
        Question::Clarify,
        Question::Deadline,
        Question::Outcome,
        Question::Need,
    ];

    /// Every wording defuse offers must pass its own draft check.
    #[test]
    fn every_wording_passes_the_draft_check() {
        let policy = Policy::default();
        for s in every_situation() {
            for kind in Move::ALL {
                for (step, q) in STEPS.into_iter().flat_map(|s| QUESTIONS.map(|q| (s, q))) {
                    let reply = reply_line(kind, step, q, &s, &HashSet::new(), |_| true);
                    for w in say(kind, step, q, &s, &HashSet::new())
                        .into_iter()
                        .chain(reply)
                    {
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

    /// The draft check must recognise what each move's wordings do, or a reply built from them
    /// would be told it lacks an acknowledgement or a next step.
    #[test]
    fn acknowledgements_and_next_steps_are_recognised_as_such() {
        let made = |w: &str| -> Vec<Move> {
            detect(w, Timestamp(0), UtcOffset::UTC)
                .into_iter()
                .map(|h| h.kind)
                .collect()
        };
        for s in every_situation() {
            for w in say(
                Move::Acknowledge,
                Step::None,
                Question::Outcome,
                &s,
                &HashSet::new(),
            ) {
                let m = made(&w);
                assert!(
                    m.contains(&Move::Acknowledge) || m.contains(&Move::Apologise),
                    "{w:?}: {m:?}"
                );
            }
            for w in say(
                Move::NextStep,
                Step::None,
                Question::Outcome,
                &s,
                &HashSet::new(),
            ) {
                assert!(made(&w).contains(&Move::NextStep), "{w:?}");
            }
        }
    }

    #[test]
    fn the_situation_picks_the_wordings() {
        let s = |f: fn(&mut Specifics)| {
            let mut s = full();
            f(&mut s);
            s
        };
        let grieving = s(|s| s.vulnerability = Some(Family::Bereavement));
        let ack = say(
            Move::Acknowledge,
            Step::None,
            Question::Need,
            &grieving,
            &HashSet::new(),
        );
        assert!(ack[0].contains("your loss"), "{ack:?}");
        let q = say(
            Move::OpenQuestion,
            Step::None,
            Question::Need,
            &grieving,
            &HashSet::new(),
        );
        assert!(q.iter().all(|w| !w.contains("expect")), "{q:?}");

        let fraud = s(|s| {
            s.urgency = Urgency::Stop;
            s.domain = Some(Domain::Finance);
            s.when = Some("within the next 15 minutes");
        });
        let next = say(
            Move::NextStep,
            Step::None,
            Question::Need,
            &fraud,
            &HashSet::new(),
        );
        assert_eq!(
            next,
            [
                "I'm putting a stop on the card and any further payments now, while we talk, and I'll confirm it's done within the next 15 minutes."
            ]
        );

        let power = s(|s| {
            s.domain = Some(Domain::TelecomUtility);
            s.cause = Some(Cause::ServiceFailure);
            s.matters = vec!["outage"];
        });
        let options = say(
            Move::Options,
            Step::None,
            Question::Outcome,
            &power,
            &HashSet::new(),
        );
        assert!(!options[0].contains("replacement"), "{options:?}");
        assert!(
            options[0].contains("engineer or reconnection visit"),
            "{options:?}"
        );
        // A bill in dispute has no supply to reconnect and no time without service.
        let bill = s(|s| {
            s.domain = Some(Domain::TelecomUtility);
            s.cause = Some(Cause::ServiceFailure);
        });
        let none = say(
            Move::Options,
            Step::None,
            Question::Outcome,
            &bill,
            &HashSet::new(),
        );
        assert!(none.iter().all(|o| !o.contains("reconnection")), "{none:?}");
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
        let next = say(
            Move::NextStep,
            Step::None,
            Question::Outcome,
            &s,
            &HashSet::new(),
        );
        assert_eq!(
            next,
            [
                "You've asked for the third time now, so I'll update you by 5pm today without you having to chase."
            ]
        );
    }
}
