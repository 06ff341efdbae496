//! Where a conversation stands on the boundary ladder, and the step the agent's next reply takes.
//!
//! The ladder is counted from what the agent actually said ([`super::warnings`]), not from the
//! insults received: client turns since the agent last spoke that cross (a listed signal aimed at
//! a person, or an abusive judgement) call for the step after the last one the agent gave. Severe
//! crossings skip rungs as the policy's `[boundary.severity]` says: a threat that names violence
//! or a weapon, a veiled threat, sexual harassment, and harassment after a warning. A client
//! apology withdraws an unanswered crossing and lowers the ladder by `apology_lowers`; a calm turn
//! that crosses nothing lowers it by `calm_turn_lowers`. A handover or an end, once it happened,
//! is not lowered.

use std::sync::OnceLock;

use super::conversation::{Analysed, Role};
use super::lists;
use super::phrases::PhraseSet;
use super::policy::{FinalStep, Policy};
use super::warnings::{self, Taken};
use crate::types::{Analysis, Level, Signal, SignalKind};

/// A step of the ladder, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Nothing to hold (nothing crossed, or it has been lowered away).
    None,
    /// First time: calmly say what is acceptable.
    Statement,
    /// Second time: a final warning that names the consequence.
    FinalWarning,
    /// Then a handover to a supervisor, and after it the end of the conversation. With the
    /// policy's `final_step = "end"` the ladder goes from the final warning straight to the end.
    Final(FinalStep),
}

impl Step {
    /// 0 to 3: the handover and the end are both the last step.
    pub fn number(self) -> u8 {
        match self {
            Step::None => 0,
            Step::Statement => 1,
            Step::FinalWarning => 2,
            Step::Final(_) => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Step::None => "none",
            Step::Statement => "statement",
            Step::FinalWarning => "final_warning",
            Step::Final(FinalStep::Handover) => "handover",
            Step::Final(FinalStep::End) => "end",
        }
    }

    /// The step after this one on the policy's ladder.
    fn next(self, policy: &Policy) -> Step {
        match self {
            Step::None => Step::Statement,
            Step::Statement => Step::FinalWarning,
            Step::FinalWarning => Step::Final(policy.final_step),
            Step::Final(_) => Step::Final(FinalStep::End),
        }
    }

    /// The step before this one, for lowering: a handover or an end has happened and stays.
    fn prev(self) -> Step {
        match self {
            Step::None | Step::Statement => Step::None,
            Step::FinalWarning => Step::Statement,
            Step::Final(_) => self,
        }
    }

    /// Where the ladder stands after the agent took `taken`: a second plain warning counts as
    /// the final one, and no warning goes past it.
    fn after(self, taken: Taken, policy: &Policy) -> Step {
        self.max(match taken {
            Taken::Statement => self.next(policy).min(Step::FinalWarning),
            Taken::FinalWarning => Step::FinalWarning,
            Taken::Handover => Step::Final(FinalStep::Handover),
            Taken::End => Step::Final(FinalStep::End),
        })
    }
}

/// One crossing: which client turn, what crossed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossing {
    pub turn: usize,
    /// The signal kind; `None` when only the abusive judgement held.
    pub kind: Option<SignalKind>,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A client turn that lowered the ladder, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowering {
    pub turn: usize,
    pub by: u8,
    pub apology: bool,
}

/// The step the next reply takes, where the agent's own turns left the ladder, and every
/// crossing and lowering that led there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary {
    /// The step the agent's next reply takes; [`Step::None`] unless a client turn since the agent
    /// last spoke crossed.
    pub step: Step,
    /// The highest step the agent's turns have taken, less what apologies and calm turns lowered.
    pub given: Step,
    pub crossings: Vec<Crossing>,
    pub lowerings: Vec<Lowering>,
    /// A client turn since the agent last spoke crossed a boundary, so the next reply must hold it.
    pub crossed_last_turn: bool,
    /// The client's last turn apologises for crossing a line earlier, and the agent has not
    /// answered it yet: the reply should accept the apology before moving on.
    pub apology_to_accept: bool,
}

fn apologies() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new([((), lists::words("client_apologies"))]))
}

/// Whether a signal counts against the policy: listed, the writer's own words, and aimed at a
/// person when its kind can be aimed.
pub(crate) fn crosses(signal: &Signal, policy: &Policy) -> bool {
    let aimable = matches!(signal.kind, SignalKind::Insult | SignalKind::Profanity);
    policy.crossing.contains(&signal.kind) && !signal.quoted && (!aimable || signal.targeted)
}

fn crossings_in(turn: usize, text: &str, analysis: &Analysis, policy: &Policy) -> Vec<Crossing> {
    let mut out: Vec<Crossing> = analysis
        .signals
        .iter()
        .filter(|s| crosses(s, policy))
        .map(|s| Crossing {
            turn,
            kind: Some(s.kind),
            start: s.start,
            end: s.end,
            text: text.get(s.start..s.end).unwrap_or("").to_string(),
        })
        .collect();
    if out.is_empty() && policy.abusive_judgement && analysis.abusive.holds() {
        let (start, end) = analysis
            .abusive
            .evidence
            .first()
            .map_or((0, text.len()), |e| (e.start, e.end));
        out.push(Crossing {
            turn,
            kind: None,
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
        });
    }
    out
}

fn violence() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new([((), lists::boundary("violence"))]))
}

/// The step that crossings in one client turn call for, when the agent has reached `given`:
/// the next on the ladder, or more when the policy's severity says so.
fn called_for(found: &[Crossing], given: Step, policy: &Policy) -> Step {
    let severity = &policy.severity;
    found
        .iter()
        .map(|c| match c.kind {
            Some(SignalKind::Threat) if violence().find(&c.text).is_empty() => {
                severity.veiled_threat
            }
            Some(SignalKind::Threat) => severity.threat,
            Some(SignalKind::Harassment) if given > Step::None => severity.harassment_after_warning,
            Some(SignalKind::Harassment) => severity.harassment,
            _ => Step::None,
        })
        .fold(given.next(policy), Step::max)
}

/// Walks the conversation in order and returns the step the agent's next reply takes.
pub fn assess(analysed: &Analysed<'_>, policy: &Policy) -> Boundary {
    let mut b = Boundary {
        step: Step::None,
        given: Step::None,
        crossings: Vec::new(),
        lowerings: Vec::new(),
        crossed_last_turn: false,
        apology_to_accept: false,
    };
    let turns = analysed.conversation.turns.iter().zip(&analysed.analyses);
    for (i, (turn, analysis)) in turns.enumerate() {
        match (turn.role, analysis) {
            (Role::Agent, _) => {
                let crossed = !b.crossings.is_empty() || b.given > Step::None;
                if let Some(taken) = warnings::taken(&turn.text, crossed) {
                    b.given = b.given.after(taken, policy);
                }
                b.step = Step::None;
                b.apology_to_accept = false;
            }
            (Role::Client, Some(analysis)) => client_turn(&mut b, i, &turn.text, analysis, policy),
            (Role::Client, None) => {}
        }
    }
    b.crossed_last_turn = b.step > Step::None;
    b
}

/// Counts one client turn: its crossings raise the step the next reply takes; an apology
/// withdraws it and, like a calm turn, lowers the ladder.
fn client_turn(b: &mut Boundary, turn: usize, text: &str, analysis: &Analysis, policy: &Policy) {
    let found = crossings_in(turn, text, analysis, policy);
    let crossed_before = !b.crossings.is_empty();
    b.apology_to_accept = false;
    if !found.is_empty() {
        b.step = b.step.max(called_for(&found, b.given, policy));
        b.crossings.extend(found);
        return;
    }
    let apology = !apologies().find(text).is_empty();
    b.apology_to_accept = apology && crossed_before;
    let by = if apology {
        policy.apology_lowers
    } else if analysis.level == Level::Calm {
        policy.calm_turn_lowers
    } else {
        0
    };
    if apology {
        b.step = Step::None;
    }
    if by > 0 && b.given > Step::None {
        b.given = (0..by).fold(b.given, |s, _| s.prev());
        b.lowerings.push(Lowering { turn, by, apology });
    }
}
