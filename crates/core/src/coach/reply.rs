//! From the planned moves to advice: each move filled with this client's wordings, and one
//! suggested reply composed from them.
//!
//! The suggested reply is one message in the moves' order: the acceptance of the client's
//! apology for their tone first when they made one, the boundary statement when one is called
//! for, the acknowledgement, the apology where owed, the options when a
//! remedy is owed and wanted, the next step with its time, and, for a
//! vulnerable client or harm happening now who has not said what they want, the question about
//! what they need (instead of the options). Each line is the first wording that does not repeat
//! the agent or an earlier line of the reply, so the message never says a thing twice,
//! nothing of the client's own words is said back (see [`whole`] and [`in_reply`]), and a line the
//! draft check would flag
//! (the client's shouting or blame filled into a wording) gives way to the next wording. When
//! the client's latest message leaves nothing open (see `closing`), the reply holds the line
//! and apologises where owed, then closes instead of promising an update. What the agent has
//! found (the facts no rule can know) is said in their own words after the apology, in place of
//! the stock options; when it promises something, in place of the next step too; and
//! when it says we were right, there is no apology, and when it owns a fault of ours, there is
//! one.

use std::collections::HashSet;

use super::addressed;
use super::boundary::{Boundary, Step};
use super::check::{offers_a_time, reports_done};
use super::closing::{self, Close};
use super::conversation::{Analysed, Conversation, Fault, Timestamp, UtcOffset};
use super::course::Course;
use super::forbidden;
use super::moves::Move;
use super::phrases::{has_word, mentions_any, shingles};
use super::plan::{self, Advice, Ctx};
use super::policy::{FinalStep, Policy};
use super::promises::promises;
use super::situation::{Family, Situation, Urgency};
use super::specifics::Specifics;
use super::timing::{an_hour_refused, next_step_time};
use super::tone;
use super::wording::{Question, reply_line, say, section_line};
use crate::types::{Cause, Level, SignalKind, Want};

/// The moves with their wordings, and the reply composed from them.
pub(crate) fn advise(
    analysed: &Analysed<'_>,
    policy: &Policy,
    course: &Course,
    boundary: &Boundary,
    situation: &Situation,
) -> (Vec<Advice>, Option<String>) {
    let Some(ctx) = Ctx::new(analysed, course, boundary, situation) else {
        return (Vec::new(), None);
    };
    let text = &analysed.conversation.turns[ctx.last_i].text;
    let latest = closing::read(text, ctx.last);
    let sent = (
        analysed.conversation.turns[ctx.last_i].at,
        analysed.conversation.offset,
    );
    // The end of the conversation leaves a finding out unless it is a step taken for the
    // client; a handover keeps it, since a fix the agent has made ("your card works again") is
    // what the client needs most (rounds AP, AQ), and so is a reconnection booked for today when
    // the chat ends (round CO).
    let found = match (boundary.step, Found::read(analysed.conversation, sent)) {
        (Step::Final(FinalStep::End), found) if !found.acts => Found::default(),
        (_, found) => found,
    };
    let specifics = Specifics {
        closed: latest.closed,
        found: !found.lines.is_empty(),
        ..specifics(&ctx)
    };
    let used: HashSet<Vec<String>> = analysed
        .conversation
        .agent_texts()
        .flat_map(shingles)
        .collect();
    let question = ctx.question();
    let said = said_what_they_need(&ctx, text, situation);
    let moves: Vec<Advice> = plan::plan(&ctx)
        .into_iter()
        .map(|(kind, why)| Advice {
            kind,
            why,
            say: say(kind, boundary.step, question, &specifics, &used),
        })
        .filter(|a| !a.say.is_empty())
        .collect();
    // Only a vulnerable client is asked what they need: for harm happening now the next step
    // already acts, and readers found the question asked of clients who had just said it; a
    // client in danger is told what to do instead.
    let vulnerable = situation.vulnerability().is_some() && !situation.safety_first();
    // A client on their fourth report has told us what they need often enough.
    let ask = question == Question::Need && !said && vulnerable && !analysed.chased();
    let offer = Offer {
        ask,
        remedy: remedy(&ctx),
        // An apology that came with a new crossing is answered by the boundary.
        accept: latest.apologised && !boundary.crossed_last_turn,
        closing: latest.closed,
    };
    let reply = compose(
        &moves,
        (boundary.step, offer, &found),
        (policy, sent),
        &whole(analysed, specifics),
        used,
    );
    (moves, reply)
}

/// Whether asking the client what they need would ask what they have said, or would come while
/// harm goes on (round DL: "What do you need most from us right now?" to a client on her last
/// two puffs). A client who asks us something has said it ("where are we to sleep tonight?"),
/// and so has one who says what they need ("I need his account closed", round DI) or pleads
/// for it ("please you not cut my electric", round DJ).
fn said_what_they_need(ctx: &Ctx<'_>, text: &str, situation: &Situation) -> bool {
    const NEEDS: [&str; 4] = ["you want", "you need", "you'd like", "you would like"];
    text.contains('?')
        || ctx.last.says(SignalKind::Demand)
        || situation.of(Family::Asks).any(|c| c.turn == ctx.last_i)
        || has_word(text, &["please", "pls", "plz"])
        || ctx
            .last
            .concerns
            .iter()
            .any(|c| NEEDS.iter().any(|p| c.text.starts_with(p)))
        || situation.urgency() >= Urgency::Now
}

/// The client's specifics with what the situation adds: vulnerability, urgency, domain, and the
/// time the next step names.
fn specifics(ctx: &Ctx<'_>) -> Specifics {
    let situation = ctx.situation;
    let last_at = ctx.analysed.conversation.turns[ctx.last_i].at;
    let urgency = situation.urgency();
    let gathered = Specifics::gather(ctx.analysed);
    let cause = ctx.story_cause().or(gathered.cause);
    // What went wrong is said back (and apologised for) only when it is ours, and never to a
    // grieving client, whose loss is not a service matter.
    let ours = matches!(
        cause,
        Some(Cause::ServiceFailure | Cause::UnmetExpectations)
    );
    let grieving = situation.vulnerability() == Some(Family::Bereavement);
    let scammed = situation.of(Family::Scam).next().is_some();
    Specifics {
        cause,
        wrong: gathered.wrong.clone().filter(|_| ours && !grieving),
        // Saying a grieving client's points back recites their loss to them: the reply
        // acknowledges it and acts. A scam's instructions said back ("you must move everything
        // to a new account he gave you") sound like ours.
        concerns: if grieving || scammed {
            Vec::new()
        } else {
            gathered.concerns.clone()
        },
        vulnerability: situation.vulnerability(),
        urgency,
        domain: situation.domain,
        when: Some(next_step_time(
            last_at,
            ctx.analysed.conversation.offset,
            urgency,
            situation.deadline,
            an_hour_refused(&ctx.analysed.conversation.turns[ctx.last_i].text)
                || situation.waiting(),
        )),
        ..gathered
    }
}

/// The specifics the reply may say back: their deadline and how often they have had to get in
/// touch. Nothing of the client's own words: what went wrong, said back from their message,
/// turned their claims and jibes into our admissions ("I'm sorry that something's wrong on our
/// end" to a client whose refund was on its way, "I'm sorry that we want more money for doing
/// it wrong twice"), so it stays in the moves below the reply, where the agent chooses. Their
/// question and their request are taken up from a calm message, a plain ask ("send me a copy
/// of my March invoice"), and from a composed one when it is asked plainly (see [`REPROACH`]):
/// a polite question the heads read as tense was otherwise met with a stock step (rounds DE,
/// DF: a client "asks whether the data can be recovered, and gets no answer"). From a heated
/// one they were said back as meant when sarcastic, with a non-native writer's grammar, or as
/// an echo.
fn whole(analysed: &Analysed<'_>, s: Specifics) -> Specifics {
    let calm = analysed
        .last_client()
        .is_some_and(|(_, _, a)| a.level == Level::Calm);
    let composed = s.composed;
    let plain = |asked: &String| calm || composed && !has_word(asked, REPROACH);
    Specifics {
        wrong: None,
        question: s.question.filter(plain),
        request: s.request.filter(plain),
        ..s
    }
}

/// Words that make a question or request from a client who is not calm a reproach to say back
/// rather than an ask to take up: aimed at us ("why did we cancel"), at nobody ("why is nobody
/// answering"), or worn out ("finally", "still", "ever").
const REPROACH: &[&str] = &[
    "we", "us", "our", "nobody", "anybody", "anyone", "finally", "still", "even", "ever", "again",
    "actually", "bother", "bothered",
];

/// What the reply offers beyond acknowledging and the next step.
#[derive(Debug, Clone, Copy)]
struct Offer {
    /// End with the question about what they need (the only open question a reply asks).
    ask: bool,
    /// Offer ways forward: a remedy is owed and the client wants one.
    remedy: bool,
    /// Accept the client's apology for their tone, first.
    accept: bool,
    /// Nothing is left open: the reply holds the line and apologises where those are owed,
    /// then closes (the next step's own wording when nothing is open). A client who says it is
    /// settled or thanks us gets no apology: it would reopen what they have closed.
    closing: Option<Close>,
}

/// A remedy is owed and wanted: something of ours failed, in a domain whose remedies we know,
/// and the client asks for a fix, a replacement, a refund or compensation. Stock offers
/// anywhere else (a live outage, a bereavement, a mistaken client, a question) read as a
/// script, so the reply leaves them out; the move stays below it. Expectations that were not
/// met are not enough: the work may be what was agreed, and a remedy in the reply would
/// concede a fault nobody has found.
fn remedy(ctx: &Ctx<'_>) -> bool {
    let ours = ctx.story_cause() == Some(Cause::ServiceFailure);
    let wants = ctx.last.wants.first().is_some_and(|w| {
        w.score >= 0.5 && matches!(w.want, Want::FixOrReplacement | Want::RefundOrCompensation)
    });
    let grieving = ctx.situation.vulnerability() == Some(Family::Bereavement);
    ours && wants
        && !grieving
        && ctx.situation.domain.is_some()
        && ctx.situation.urgency() < Urgency::Now
}

/// What the agent has found, as the reply says it (see [`Conversation::found`]).
///
/// [`Conversation::found`]: super::conversation::Conversation::found
#[derive(Debug, Default)]
struct Found {
    /// Each finding on one line, with a capital and a closing stop.
    lines: Vec<String>,
    /// They say what the agent will do: the stock next step gives way to it (the draft check
    /// asks for a time if it has none).
    acts: bool,
    /// They offer the client something to take up ("I can spread it over six months") and
    /// take no step of their own: the reply asks whether it suits, in place of a stock update
    /// on a matter the offer settles.
    offers: bool,
    /// Whose fault they say it is: we were right ("the fee stands"), no apology; a fault of
    /// ours ("an error on our side"), an apology whatever the cause read.
    fault: Fault,
}

impl Found {
    fn read(conversation: &Conversation, (at, offset): (Timestamp, UtcOffset)) -> Found {
        let found = &conversation.found;
        let fault = conversation.fault_found();
        // Read as the agent wrote it ("the client is right" owns a fault), said to the client.
        let told = found
            .iter()
            .filter_map(|f| sentence(f))
            .collect::<Vec<_>>()
            .join(" ");
        // Round DT: "the client marked the job as disputed", said to a freelancer.
        let theirs = conversation.names_their_clients();
        let lines: Vec<String> = found
            .iter()
            .filter_map(|f| {
                if theirs {
                    sentence(f)
                } else {
                    sentence(&addressed::to_client(f))
                }
            })
            .collect();
        // What the draft check takes as the next step is one: a promise ("a crew will collect
        // the bins on Thursday"), an offer with a time, or something already done ("I've
        // refunded the second payment"), after which a stock update only fills space.
        let acts = !promises(&told, at, offset).is_empty()
            || offers_a_time(&told, at, offset)
            || reports_done(&told);
        // Word by word: "I can't" offers nothing.
        const OFFERING: [&str; 6] = [
            " i can ",
            " we can ",
            " i could ",
            " we could ",
            " i'm happy to ",
            " i'd be happy to ",
        ];
        let offers = !acts && mentions_any(&format!(" {told} "), &OFFERING);
        Found {
            acts,
            offers,
            fault,
            lines,
        }
    }
}

/// `text` as one sentence or more of a message: on one line, starting with a capital and ending
/// with a stop; `None` when there is nothing in it.
fn sentence(text: &str) -> Option<String> {
    let mut out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = out.chars().next()?;
    out.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    Some(out)
}

/// Moves what the agent found into the reply, after `bridge` when there is one; once said, it
/// is not said again.
fn say_found(lines: &mut Vec<String>, found: &mut Vec<String>, bridge: Option<String>) {
    if !found.is_empty() {
        lines.extend(bridge);
        lines.append(found);
    }
}

/// The moves that make up the reply, in the order they were planned.
fn in_reply(moves: &[Advice], offer: Offer, found: &Found) -> Vec<Move> {
    let has = |k: Move| moves.iter().any(|m| m.kind == k);
    let closing = offer.closing.is_some();
    let content = matches!(offer.closing, Some(Close::Settled | Close::Thanks));
    let need = offer.ask && !closing && has(Move::OpenQuestion);
    let options = offer.remedy && has(Move::Options);
    let told = !found.lines.is_empty();
    let mut kinds: Vec<Move> = moves
        .iter()
        .map(|m| m.kind)
        .filter(|k| match k {
            Move::Boundary => true,
            Move::Apologise => !content && found.fault != Fault::NotOurs,
            Move::Acknowledge => !closing,
            // The client's points are left to the paraphrase move, which asks whether they were
            // heard right: in a message sent as it stands the question is gone and the points
            // become our claims. Four fresh readers in a row found the harm of the replies there
            // (sarcasm said back as meant, a non-native writer's grammar copied, a relative's
            // illness read as the client's).
            Move::Paraphrase => false,
            // Stock options and limits beside the agent's own findings contradict them ("the fee
            // stands" and then a refund to choose from).
            Move::Options => !need && !closing && options && !told,
            // What is beyond the agent stays with the moves below the reply: said unasked, to a
            // client who wants a date or a refund, it reads as a refusal before anything is
            // checked ("I can't promise a refund or compensation myself"), as four fresh readers
            // in a row found.
            Move::Limits => false,
            Move::NextStep => !found.acts && !found.offers,
            Move::OpenQuestion => false,
        })
        .collect();
    if need {
        kinds.push(Move::OpenQuestion);
    }
    // A fault the agent's finding owns is apologised for, after the acknowledgement.
    if found.fault == Fault::Ours && !content && !kinds.contains(&Move::Apologise) {
        let after = kinds
            .iter()
            .rposition(|k| matches!(k, Move::Boundary | Move::Acknowledge))
            .map_or(0, |i| i + 1);
        kinds.insert(after, Move::Apologise);
    }
    kinds
}

/// Moves the acknowledgement ahead of a boundary statement or warning: a parent in a cold flat
/// who called us useless hears about the danger before the line is held (a reader found a
/// telling-off as the first words to them).
fn danger_before_the_line(kinds: &mut Vec<Move>) {
    let at = |k: Move| kinds.iter().position(|m| *m == k);
    if let (Some(b), Some(a)) = (at(Move::Boundary), at(Move::Acknowledge))
        && b < a
    {
        let acknowledge = kinds.remove(a);
        kinds.insert(b, acknowledge);
    }
}

/// One message from the moves, or `None` when there is nothing to say; `policy` with the time
/// the reply is sent, against which its promises are checked. What the agent found follows the
/// acknowledgement and apology, before any options, limits, next step or question.
fn compose(
    moves: &[Advice],
    (step, offer, found): (Step, Offer, &Found),
    (policy, (at, offset)): (&Policy, (Timestamp, UtcOffset)),
    s: &Specifics,
    mut used: HashSet<Vec<String>>,
) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    // A wording filled with the client's own words can carry their shouting or blame, or turn
    // a next step into a date for something we do not control ("when your parcel will arrive").
    let fits = |w: &str| {
        tone::findings(w, policy).is_empty()
            && forbidden::forbidden_promises(w, policy, at, offset).is_empty()
    };
    if offer.accept
        && let Some(line) = section_line("reply.accept", s, &used, fits)
    {
        used.extend(shingles(&line));
        lines.push(line);
    }
    let mut found_lines = found.lines.clone();
    // No stock line says again what the agent has said in their own words.
    used.extend(found_lines.iter().flat_map(|l| shingles(l)));
    // Beside a scam, a crisis or danger, a stock apology for "the trouble with your new account"
    // undercuts what comes first; a fault the agent's finding owns is still apologised for.
    let safety_first = s.vulnerability.is_some_and(Family::comes_first);
    let stock_apology =
        |k: &Move| *k == Move::Apologise && safety_first && found.fault != Fault::Ours;
    let mut kinds = in_reply(moves, offer, found);
    if s.vulnerability.is_some_and(Family::at_risk) && !matches!(step, Step::Final(_)) {
        danger_before_the_line(&mut kinds);
    }
    // Ending the conversation, with what the agent found and did: that is said first and the
    // line last, since a reply that ends the conversation and then carries on reads as if it
    // never ended (round DE). A handover holds the line first: facts before it, after a slur or
    // a threat, read as if the threat had worked (rounds DJ, DP).
    let line_last = step == Step::Final(FinalStep::End) && !found_lines.is_empty();
    if line_last && let Some(at) = kinds.iter().position(|k| *k == Move::Boundary) {
        let line = kinds.remove(at);
        kinds.push(line);
    }
    // A handover followed by what the agent found reads as if the agent carried on after all
    // (round DR): the facts are said as where things stand before it goes.
    let mut bridge = (step == Step::Final(FinalStep::Handover) && !found_lines.is_empty())
        .then(|| section_line("reply.handover_found", s, &used, fits))
        .flatten();
    for kind in kinds.into_iter().filter(|k| !stock_apology(k)) {
        if matches!(
            kind,
            Move::Options | Move::Limits | Move::NextStep | Move::OpenQuestion
        ) || line_last && kind == Move::Boundary
        {
            say_found(&mut lines, &mut found_lines, bridge.take());
        }
        if let Some(line) = reply_line(kind, step, Question::Need, s, &used, fits) {
            used.extend(shingles(&line));
            lines.push(line);
        }
    }
    say_found(&mut lines, &mut found_lines, bridge.take());
    if found.offers
        && let Some(line) = section_line("reply.offer", s, &used, fits)
    {
        used.extend(shingles(&line));
        lines.push(line);
    }
    // A handover leaves nothing else in the reply: what cannot wait goes with it, and so does
    // the health or safety of whoever is at home (a child's asthma, a baby without heating),
    // which readers found dropped with the rest: where someone is at risk, that is said first.
    // Ending the conversation does not end the care owed to them: a tenant who threatened us
    // still has a baby in a flat at 6 degrees (round DE).
    let at_risk = s.vulnerability.is_some_and(Family::at_risk);
    let section = match step {
        Step::Final(FinalStep::Handover) if at_risk => Some("reply.handover_household"),
        Step::Final(FinalStep::Handover) if s.urgency >= Urgency::Now => {
            Some("reply.handover_urgent")
        }
        Step::Final(FinalStep::End) if at_risk => Some("reply.end_household"),
        _ => None,
    };
    if let Some(line) = section.and_then(|section| section_line(section, s, &used, fits)) {
        lines.push(line);
    }
    (!lines.is_empty()).then(|| lines.join(" "))
}
