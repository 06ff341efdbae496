//! Counting boundary crossings across a conversation and the policy step they lead to.
//!
//! Each client turn that crosses (a listed signal aimed at a person, or an abusive judgement)
//! raises the step by one, up to the last step. A client turn with an apology lowers it by
//! the policy's `apology_lowers`, and a calm turn that crosses nothing by `calm_turn_lowers`.

use std::sync::OnceLock;

use super::conversation::Analysed;
use super::lists;
use super::phrases::PhraseSet;
use super::policy::{FinalStep, Policy};
use crate::types::{Analysis, Level, Signal, SignalKind};

/// Where the conversation stands against the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Nothing crossed (or it has been lowered away).
    None,
    /// First time: calmly say what is acceptable.
    Statement,
    /// Second time: a final warning that names the consequence.
    FinalWarning,
    /// Third time: hand over to a supervisor or end the conversation, as the policy says.
    Final(FinalStep),
}

impl Step {
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

    fn from_number(n: u8, policy: &Policy) -> Step {
        match n {
            0 => Step::None,
            1 => Step::Statement,
            2 => Step::FinalWarning,
            _ => Step::Final(policy.final_step),
        }
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

/// A client turn that lowered the step, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowering {
    pub turn: usize,
    pub by: u8,
    pub apology: bool,
}

/// The policy step now, with every crossing and lowering that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary {
    pub step: Step,
    pub crossings: Vec<Crossing>,
    pub lowerings: Vec<Lowering>,
    /// The latest client turn crossed a boundary, so the next reply must hold it.
    pub crossed_last_turn: bool,
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

/// Walks the client turns in order and returns where the policy stands after the last one.
pub fn assess(analysed: &Analysed<'_>, policy: &Policy) -> Boundary {
    let mut level: u8 = 0;
    let mut crossings = Vec::new();
    let mut lowerings = Vec::new();
    let mut crossed_last_turn = false;
    for (i, turn, analysis) in analysed.client_turns() {
        let found = crossings_in(i, &turn.text, analysis, policy);
        crossed_last_turn = !found.is_empty();
        let apology = !apologies().find(&turn.text).is_empty();
        if crossed_last_turn {
            level = (level + 1).min(3);
            crossings.extend(found);
        } else if level > 0 {
            let by = if apology {
                policy.apology_lowers
            } else if analysis.level == Level::Calm {
                policy.calm_turn_lowers
            } else {
                0
            };
            if by > 0 {
                level = level.saturating_sub(by);
                lowerings.push(Lowering {
                    turn: i,
                    by,
                    apology,
                });
            }
        }
    }
    Boundary {
        step: Step::from_number(level, policy),
        crossings,
        lowerings,
        crossed_last_turn,
    }
}
