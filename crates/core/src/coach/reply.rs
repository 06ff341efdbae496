//! From the planned moves to advice: each move filled with this client's wordings, and one
//! suggested reply composed from them.
//!
//! The suggested reply is one message in the moves' order: the boundary statement first when
//! one is called for, the acknowledgement, the apology where owed, their points said back, the
//! options (or the limits), the next step with its time, and, for a vulnerable client or harm
//! happening now, the question about what they need. Each line is the first wording that does
//! not repeat the agent or an earlier line of the reply, so the message never says a thing twice.

use std::collections::HashSet;

use super::boundary::{Boundary, Step};
use super::conversation::Analysed;
use super::course::Course;
use super::moves::Move;
use super::phrases::shingles;
use super::plan::{self, Advice, Ctx};
use super::situation::Situation;
use super::specifics::Specifics;
use super::timing::next_step_time;
use super::wording::{Question, reply_line, say};

/// The moves with their wordings, and the reply composed from them.
pub(crate) fn advise(
    analysed: &Analysed<'_>,
    course: &Course,
    boundary: &Boundary,
    situation: &Situation,
) -> (Vec<Advice>, Option<String>) {
    let Some(ctx) = Ctx::new(analysed, course, boundary, situation) else {
        return (Vec::new(), None);
    };
    let specifics = specifics(&ctx);
    let used: HashSet<Vec<String>> = analysed
        .conversation
        .agent_texts()
        .flat_map(shingles)
        .collect();
    let question = ctx.question();
    let moves: Vec<Advice> = plan::plan(&ctx)
        .into_iter()
        .map(|(kind, why)| Advice {
            kind,
            why,
            say: say(kind, boundary.step, question, &specifics, &used),
        })
        .filter(|a| !a.say.is_empty())
        .collect();
    let reply = compose(&moves, boundary.step, question, &specifics, used);
    (moves, reply)
}

/// The client's specifics with what the situation adds: vulnerability, urgency, domain, and the
/// time the next step names.
fn specifics(ctx: &Ctx<'_>) -> Specifics {
    let situation = ctx.situation;
    let last_at = ctx.analysed.conversation.turns[ctx.last_i].at;
    let urgency = situation.urgency();
    Specifics {
        vulnerability: situation.vulnerability(),
        urgency,
        domain: situation.domain,
        when: Some(next_step_time(
            last_at,
            ctx.analysed.conversation.offset,
            urgency,
            situation.deadline,
        )),
        ..Specifics::gather(ctx.analysed)
    }
}

/// The moves that make up the reply, in the order they were planned.
fn in_reply(moves: &[Advice], question: Question) -> Vec<Move> {
    let has = |k: Move| moves.iter().any(|m| m.kind == k);
    let need = question == Question::Need && has(Move::OpenQuestion);
    let mut kinds: Vec<Move> = moves
        .iter()
        .map(|m| m.kind)
        .filter(|k| match k {
            Move::Boundary | Move::Acknowledge | Move::Apologise | Move::Paraphrase => true,
            Move::NextStep => true,
            Move::Options => !need,
            Move::Limits => !need && !has(Move::Options),
            Move::OpenQuestion => false,
        })
        .collect();
    if need {
        kinds.push(Move::OpenQuestion);
    }
    kinds
}

/// One message from the moves, or `None` when there is nothing to say.
fn compose(
    moves: &[Advice],
    step: Step,
    question: Question,
    s: &Specifics,
    mut used: HashSet<Vec<String>>,
) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for kind in in_reply(moves, question) {
        if let Some(line) = reply_line(kind, step, question, s, &used) {
            used.extend(shingles(&line));
            lines.push(line);
        }
    }
    (!lines.is_empty()).then(|| lines.join(" "))
}
