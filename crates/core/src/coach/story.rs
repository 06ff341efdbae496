//! The cause behind a conversation: what drives the client's latest message, read from their
//! whole story rather than from the last line alone.
//!
//! A client's first message usually says what went wrong; a later one may only say "I told you
//! that already". Each client turn has its own reading of causes (see `reading`); the story
//! weighs them with what the situation shows (a failure of ours, a hardship in the client's
//! life) and with how the conversation went. When two causes fit, the one chosen is the one
//! that should change the reply most, so the rules are tried in this order:
//! 0. the latest turn says the fix we suggested did not work: what failed is still the cause;
//! 1. the cause the story head finds in the conversation's turns (the agent's too) read
//!    together as one text (see [`crate::Analysis::story`]); the rules below read the
//!    conversation when it finds no grievance;
//! 2. the latest turn is mainly about not being listened to, as a reaction to our reply;
//! 3. the client is mistaken about how something works or what applies;
//! 4. something of ours failed or fell short, anywhere in the story;
//! 5. the client's own life weighs on them and nothing of ours failed;
//! 6. else the latest turn's own leading cause.

use super::conversation::{Analysed, Fault, Role};
use super::situation::{Cue, Family};
use crate::types::{Analysis, Cause, Evidence, Signal, SignalKind};

/// The cause behind the conversation, with the spans that show it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryCause {
    pub cause: Cause,
    /// How sure the reading is, 0 to 1 (at least 0.5 for a cause that is listed at all).
    pub score: f32,
    /// Why the story settles on this cause, in plain words for the agent.
    pub reason: &'static str,
    pub evidence: Vec<TurnSpan>,
}

/// A span of one turn's text that speaks for a judgement about the conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnSpan {
    pub turn: usize,
    pub start: usize,
    pub end: usize,
    pub why: String,
}

impl TurnSpan {
    /// The span `e` of turn `turn`'s text.
    fn of(turn: usize, e: &Evidence) -> TurnSpan {
        TurnSpan {
            turn,
            start: e.start,
            end: e.end,
            why: e.why.clone(),
        }
    }
}

/// A cause at or above this is one the client's words show.
const HOLDS: f32 = 0.5;
/// What an earlier turn's reading counts for beside the latest turn's: the story sets the
/// context, the latest message is what the reply answers.
const EARLIER: f32 = 0.9;

/// The causes the organisation answers for.
const OURS: [Cause; 2] = [Cause::ServiceFailure, Cause::UnmetExpectations];

/// One client turn with its reading.
struct Said<'a> {
    turn: usize,
    text: &'a str,
    analysis: &'a Analysis,
    /// How much this turn's reading counts: 1 for the latest, [`EARLIER`] before it.
    weight: f32,
}

impl<'a> Said<'a> {
    /// This turn read at full weight.
    fn full(&self) -> Said<'a> {
        Said {
            weight: 1.0,
            ..*self
        }
    }

    fn score(&self, cause: Cause) -> f32 {
        let found = self.analysis.causes.iter().find(|c| c.cause == cause);
        found.map_or(0.0, |c| c.score * self.weight)
    }

    fn leads_with(&self, cause: Cause) -> bool {
        let top = self.analysis.causes.first();
        top.is_some_and(|c| c.cause == cause && c.score >= HOLDS)
    }

    fn spans(&self, cause: Cause) -> Vec<TurnSpan> {
        let found = self.analysis.causes.iter().filter(|c| c.cause == cause);
        found
            .flat_map(|c| &c.evidence)
            .map(|e| TurnSpan::of(self.turn, e))
            .collect()
    }
}

/// What the rules read: every client turn, the latest last, and the situation's cues.
struct Story<'a> {
    said: Vec<Said<'a>>,
    /// An agent turn comes before the latest client turn.
    answered: bool,
    cues: &'a [Cue<Family>],
}

/// The cause behind the conversation in `analysed`, given the situation's `cues`; `None` when no
/// cause holds (no grievance drives the client).
pub(crate) fn story_cause(analysed: &Analysed<'_>, cues: &[Cue<Family>]) -> Option<StoryCause> {
    let (last, _, _) = analysed.last_client()?;
    let said = analysed
        .client_turns()
        .map(|(turn, t, analysis)| Said {
            turn,
            text: &t.text,
            analysis,
            weight: if turn == last { 1.0 } else { EARLIER },
        })
        .collect();
    let turns = &analysed.conversation.turns[..last];
    let story = Story {
        said,
        answered: turns.iter().any(|t| t.role == Role::Agent),
        cues,
    };
    let read = RULES.iter().find_map(|rule| rule(&story));
    read.map(|cause| as_found(cause, analysed.conversation.fault_found()))
}

/// What the agent found outweighs what the client's words suggest. A finding that we were
/// right turns the failure the client describes into a misunderstanding, which the reply clears
/// up; one that owns a fault of ours turns a misunderstanding or a shortfall into our failure.
/// The client's words stay the evidence: they show what the client believes went wrong.
fn as_found(read: StoryCause, fault: Fault) -> StoryCause {
    match (fault, read.cause) {
        (Fault::NotOurs, Cause::ServiceFailure) => StoryCause {
            cause: Cause::Miscommunication,
            reason: "the agent found we were right, so the client has understood it differently",
            evidence: read
                .evidence
                .into_iter()
                .map(|span| TurnSpan {
                    why: "what the client believes went wrong".to_string(),
                    ..span
                })
                .collect(),
            ..read
        },
        (Fault::Ours, Cause::Miscommunication | Cause::UnmetExpectations) => StoryCause {
            cause: Cause::ServiceFailure,
            reason: "the agent found a fault of ours behind what the client describes",
            ..read
        },
        _ => read,
    }
}

type Rule = fn(&Story<'_>) -> Option<StoryCause>;

const RULES: [Rule; 7] = [
    still_failing,
    read_whole,
    unheard,
    mistaken,
    ours,
    their_life,
    latest,
];

impl Story<'_> {
    fn latest(&self) -> &Said<'_> {
        self.said.last().expect("a story has a client turn")
    }

    /// `cause` from the latest turn's reading, when it holds there.
    fn in_latest(&self, cause: Cause, reason: &'static str) -> Option<StoryCause> {
        let latest = self.latest();
        let score = latest.score(cause);
        (score >= HOLDS).then(|| StoryCause {
            cause,
            score,
            reason,
            evidence: latest.spans(cause),
        })
    }

    fn cue_spans(&self, families: &[Family]) -> Vec<TurnSpan> {
        let found = self.cues.iter().filter(|c| families.contains(&c.what));
        found
            .map(|c| TurnSpan {
                turn: c.turn,
                start: c.start,
                end: c.end,
                why: c.what.as_str().to_string(),
            })
            .collect()
    }
}

/// The leading cause of the client's turns read as one text, with the spans that speak for it:
/// where the reading found it in the latest turn and in each earlier one, or else the sentence
/// closest in meaning to it.
fn read_whole(s: &Story<'_>) -> Option<StoryCause> {
    let latest = s.latest();
    let read = match &latest.analysis.story {
        Some(story) => story,
        None if s.said.len() == 1 => &latest.analysis.causes,
        None => return None,
    };
    let top = read.first().filter(|c| c.score >= HOLDS)?;
    let in_latest = top.evidence.iter().map(|e| TurnSpan::of(latest.turn, e));
    let mut evidence: Vec<TurnSpan> = in_latest
        .chain(s.said.iter().flat_map(|said| said.spans(top.cause)))
        .collect();
    evidence.sort_by_key(|e| (e.turn, e.start, e.end));
    evidence.dedup_by_key(|e| (e.turn, e.start, e.end));
    if evidence.is_empty() {
        evidence.extend(s.said.iter().find_map(|said| {
            let e = crate::causes::closest_sentence(said.text, top.cause)?;
            Some(TurnSpan::of(said.turn, &e))
        }));
    }
    Some(StoryCause {
        cause: top.cause,
        score: top.score,
        reason: "what everything the client has said so far, read together, is about",
        evidence,
    })
}

/// The latest turn answers our suggested fix with "still the same": the failure goes on.
fn still_failing(s: &Story<'_>) -> Option<StoryCause> {
    let unresolved = |sig: &Signal| sig.kind == SignalKind::Unresolved && !sig.quoted;
    if !s.latest().analysis.signals.iter().any(unresolved) {
        return None;
    }
    // "Still the same" names no failure of its own: what failed was told before it.
    let told = Story {
        said: s.said[..s.said.len() - 1].iter().map(Said::full).collect(),
        answered: s.answered,
        cues: s.cues,
    };
    if told.said.is_empty() {
        ours(s)
    } else {
        ours(&told).or_else(|| ours(s))
    }
}

/// The latest turn is mainly about not being heard, or says so in answer to our reply.
fn unheard(s: &Story<'_>) -> Option<StoryCause> {
    let latest = s.latest();
    if !(latest.leads_with(Cause::FeelingUnheard) || s.answered) {
        return None;
    }
    s.in_latest(
        Cause::FeelingUnheard,
        "the latest message is about not being listened to",
    )
}

/// The client is mistaken or confused: the reply clears it up before anything else.
fn mistaken(s: &Story<'_>) -> Option<StoryCause> {
    s.latest()
        .leads_with(Cause::Miscommunication)
        .then(|| {
            s.in_latest(
                Cause::Miscommunication,
                "the client has understood something differently",
            )
        })
        .flatten()
}

/// Something of ours failed or fell short, in any turn of the story; a failure the client
/// names outright counts as a service failure.
fn ours(s: &Story<'_>) -> Option<StoryCause> {
    let (said, cause, score) = s
        .said
        .iter()
        .flat_map(|said| OURS.map(|c| (said, c, said.score(c))))
        .max_by(|x, y| x.2.total_cmp(&y.2))?;
    let named = s.cue_spans(&Family::FAILED);
    if score >= HOLDS {
        let mut evidence = said.spans(cause);
        if cause == Cause::ServiceFailure {
            evidence.extend(named);
        }
        return Some(StoryCause {
            cause,
            score,
            reason: "something of ours went wrong or fell short of what was expected",
            evidence,
        });
    }
    (!named.is_empty()).then(|| StoryCause {
        cause: Cause::ServiceFailure,
        score: HOLDS.max(score),
        reason: "the client names something we got wrong",
        evidence: named,
    })
}

/// Pressure in the client's own life (illness, loss, money, dependants, safety, a deadline),
/// with nothing of ours at fault.
fn their_life(s: &Story<'_>) -> Option<StoryCause> {
    let reason = "pressure in the client's own life weighs on them";
    let read = s.said.iter().max_by(|x, y| {
        let cause = Cause::OutsidePressure;
        x.score(cause).total_cmp(&y.score(cause))
    })?;
    let read_score = read.score(Cause::OutsidePressure);
    let cues = s.cue_spans(&Family::VULNERABLE);
    if read_score < HOLDS && cues.is_empty() {
        return None;
    }
    let mut evidence = cues;
    evidence.extend(read.spans(Cause::OutsidePressure));
    Some(StoryCause {
        cause: Cause::OutsidePressure,
        score: read_score.max(HOLDS),
        reason,
        evidence,
    })
}

/// The latest turn's own leading cause.
fn latest(s: &Story<'_>) -> Option<StoryCause> {
    let top = s.latest().analysis.causes.first()?;
    s.in_latest(top.cause, "what the latest message is about")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;
    use crate::coach::{Conversation, Situation, Timestamp, UtcOffset};

    fn cause_of(transcript: &str) -> Option<Cause> {
        let c =
            Conversation::parse_transcript(transcript, Timestamp(1_772_618_400), UtcOffset::UTC)
                .expect("a transcript");
        let analyzer = Analyzer::new();
        let analysed = Analysed::new(&c, &analyzer);
        Situation::gather(&analysed).cause.map(|s| s.cause)
    }

    #[test]
    fn a_failure_told_first_stays_the_cause_of_a_short_reply_after_it() {
        let t = "Client: The router you sent me is dead on arrival, no lights at all.\n\
                 Agent: Sorry to hear that. Did plugging it into another socket help?\n\
                 Client: No, still nothing.";
        assert_eq!(cause_of(t), Some(Cause::ServiceFailure));
    }

    #[test]
    fn hardship_with_nothing_of_ours_at_fault_is_outside_pressure() {
        let t = "Client: My husband passed away last month and I don't know how to close his account. \
                 I can't cope with all this paperwork.";
        assert_eq!(cause_of(t), Some(Cause::OutsidePressure));
    }

    #[test]
    fn a_plain_question_has_no_cause() {
        assert_eq!(
            cause_of("Client: What time do you open on Saturdays?"),
            None
        );
    }

    #[test]
    fn what_the_agent_found_says_whose_fault_it_is() {
        let t =
            "Client: You've charged me twice for the same order, I can see two payments of £58.\n";
        assert_eq!(cause_of(t), Some(Cause::ServiceFailure));
        let right = "Found: The second one is a card check that drops off by Friday; the charge is correct.";
        assert_eq!(
            cause_of(&format!("{t}{right}")),
            Some(Cause::Miscommunication)
        );
        let both =
            "Found: The order charge is correct, but the second payment was an error on our side.";
        assert_eq!(cause_of(&format!("{t}{both}")), Some(Cause::ServiceFailure));
        let told = "Client: I was told on the phone that my contract ends in March, and now your \
                    letter says I have six more months to pay. Which is it?\n";
        assert_eq!(cause_of(told), Some(Cause::Miscommunication));
        let ours = "Found: The adviser gave you the wrong date, and that was our mistake.";
        assert_eq!(
            cause_of(&format!("{told}{ours}")),
            Some(Cause::ServiceFailure)
        );
    }

    #[test]
    fn evidence_spans_lie_in_their_turns() {
        let t = "Client: I was charged twice for one order.\n\
                 Agent: I can see one payment only.\n\
                 Client: I have told you three times now, there are two payments on my statement.";
        let c = Conversation::parse_transcript(t, Timestamp(1_772_618_400), UtcOffset::UTC)
            .expect("a transcript");
        let analyzer = Analyzer::new();
        let analysed = Analysed::new(&c, &analyzer);
        let story = Situation::gather(&analysed).cause.expect("a cause");
        assert!(!story.evidence.is_empty());
        for e in &story.evidence {
            let text = &c.turns[e.turn].text;
            assert!(e.start < e.end && e.end <= text.len(), "{e:?}");
            assert_eq!(c.turns[e.turn].role, Role::Client);
        }
    }
}
