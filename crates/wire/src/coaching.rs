//! The JSON form of coaching (next moves, boundary step, course) and of the draft check with
//! its promises, as the API returns them and `defuse coach --json` / `check-reply --json` print.
//!
//! Spans are byte offsets: into the turn named by `turn` for coaching, into the draft for the
//! check. Due times are RFC 3339 in the conversation's UTC offset.

use defuse_core::coach::{
    Advice, Boundary, Coaching, Conversation, Course, Finding, Promise, ReplyCheck, StoryCause,
    UtcOffset,
};
use serde::{Deserialize, Serialize};

use crate::marks::slice;

/// Advice for the agent's next reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoachingDto {
    /// One message composed from the moves, to start the reply from; absent when there is
    /// nothing to coach or the language is not supported.
    pub suggested_reply: Option<String>,
    /// Why coaching is limited, when it is: the client's language is not supported yet.
    pub note: Option<String>,
    /// The cause behind the conversation as a whole (the client's story across their turns);
    /// absent when no grievance drives it.
    #[serde(default)]
    pub cause: Option<StoryCauseDto>,
    /// The moves to make, in order.
    pub moves: Vec<AdviceDto>,
    pub boundary: BoundaryDto,
    pub course: CourseDto,
}

/// The cause behind a conversation, with the spans in the client's turns that show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryCauseDto {
    /// `service_failure`, `unmet_expectations`, `miscommunication`, `feeling_unheard` or
    /// `outside_pressure`.
    pub cause: String,
    pub score: f32,
    /// Why the story settles on this cause, in plain words.
    pub reason: String,
    pub why: Vec<WhyDto>,
}

impl StoryCauseDto {
    fn new(c: &StoryCause, conversation: &Conversation) -> StoryCauseDto {
        let why = c.evidence.iter().map(|e| WhyDto {
            turn: Some(e.turn),
            start: e.start,
            end: e.end,
            text: slice(&conversation.turns[e.turn].text, e.start, e.end).to_owned(),
            note: e.why.clone(),
        });
        StoryCauseDto {
            cause: c.cause.as_str().to_owned(),
            score: c.score,
            reason: c.reason.to_owned(),
            why: why.collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdviceDto {
    /// `acknowledge`, `paraphrase`, `apologise`, `open_question`, `options`, `limits`, `next_step` or `boundary`.
    #[serde(rename = "move")]
    pub kind: String,
    /// The evidence the move rests on.
    pub why: Vec<WhyDto>,
    /// Two or three wordings filled with this client's specifics.
    pub say: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WhyDto {
    /// Index of the turn the span is in; absent for a reason about the whole conversation.
    pub turn: Option<usize>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoundaryDto {
    /// The step the next reply takes, counted from the warnings the agent already gave: 0 none
    /// (nothing crossed since the agent last spoke), 1 statement, 2 final warning, 3 handover or
    /// end.
    pub step: u8,
    /// `none`, `statement`, `final_warning`, `handover` or `end`.
    pub name: String,
    pub crossings: Vec<CrossingDto>,
    /// Client turns that lowered the ladder again (an apology, or a calm turn).
    pub lowerings: Vec<LoweringDto>,
    /// A client turn since the agent last spoke crossed a boundary: the next reply must hold it.
    pub crossed_last_turn: bool,
    /// The client's last turn apologises for crossing a line before: the reply should accept it.
    #[serde(default)]
    pub apology_to_accept: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrossingDto {
    pub turn: usize,
    /// The signal kind; absent when only the abusive judgement held.
    pub kind: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoweringDto {
    pub turn: usize,
    /// Steps removed.
    pub by: u8,
    /// Lowered by an apology rather than a calm turn.
    pub apology: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseDto {
    /// `escalating`, `steady` or `calming`.
    pub trend: String,
    pub turns: Vec<TurnCourseDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TurnCourseDto {
    /// `client` or `agent`.
    pub role: String,
    pub hostility: Option<f32>,
    pub level: Option<String>,
    /// Emotions that hold in a client turn, strongest first.
    pub emotions: Vec<EmotionScoreDto>,
    /// Agent turns: the moves made, with the words that show each.
    pub moves: Vec<MoveHitDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmotionScoreDto {
    pub emotion: String,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveHitDto {
    #[serde(rename = "move")]
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The pre-send check of a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyCheckDto {
    /// 0-100; 100 when there is nothing to fix.
    pub score: u8,
    /// `send` (nothing to fix), `revise` (fix the findings, then send) or `rewrite` (do not send it
    /// as written: it would make things worse).
    pub verdict: String,
    pub findings: Vec<FindingDto>,
    pub promises: Vec<PromiseDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FindingDto {
    /// `raised_voice`, `blame`, `dismissive`, `arguing`, `sarcasm`, `minimising`, `no_acknowledgement`,
    /// `no_next_step`, `vague_promise`, `promise_without_time`, `time_passed`, `forbidden_promise` or `over_apologising`.
    pub kind: String,
    /// Byte span in the draft; empty (0..0) when something is missing rather than wrong.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub message: String,
    pub rewrite: String,
}

/// A commitment in the agent's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromiseDto {
    pub who: String,
    pub action: String,
    /// RFC 3339; null when no time (or only a vague one) was given.
    pub due: Option<String>,
    /// The time words as written.
    pub when: Option<String>,
    pub vague: bool,
    /// Made on a condition ("if it hasn't arrived by Friday, I'll ..."): it may never fall due.
    pub conditional: bool,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The note on coaching for a message that is not in English.
pub const UNSUPPORTED_LANGUAGE: &str = "The client's language is not supported yet: defuse coaches replies in English only, so no moves or suggested reply are given for this message.";

impl CoachingDto {
    /// Converts `coaching` made for `conversation`.
    pub fn new(coaching: &Coaching, conversation: &Conversation) -> CoachingDto {
        CoachingDto {
            suggested_reply: coaching.suggested_reply.clone(),
            note: coaching
                .unsupported_language
                .then(|| UNSUPPORTED_LANGUAGE.to_owned()),
            cause: coaching
                .situation
                .cause
                .as_ref()
                .map(|c| StoryCauseDto::new(c, conversation)),
            moves: coaching.moves.iter().map(AdviceDto::from).collect(),
            boundary: BoundaryDto::new(&coaching.boundary),
            course: CourseDto::new(&coaching.course, conversation),
        }
    }
}

impl From<&Advice> for AdviceDto {
    fn from(a: &Advice) -> AdviceDto {
        AdviceDto {
            kind: a.kind.as_str().to_owned(),
            why: a
                .why
                .iter()
                .map(|w| WhyDto {
                    turn: w.turn,
                    start: w.start,
                    end: w.end,
                    text: w.text.clone(),
                    note: w.note.clone(),
                })
                .collect(),
            say: a.say.clone(),
        }
    }
}

impl BoundaryDto {
    fn new(b: &Boundary) -> BoundaryDto {
        BoundaryDto {
            step: b.step.number(),
            name: b.step.as_str().to_owned(),
            crossings: b
                .crossings
                .iter()
                .map(|c| CrossingDto {
                    turn: c.turn,
                    kind: c.kind.map(|k| k.as_str().to_owned()),
                    start: c.start,
                    end: c.end,
                    text: c.text.clone(),
                })
                .collect(),
            lowerings: b
                .lowerings
                .iter()
                .map(|l| LoweringDto {
                    turn: l.turn,
                    by: l.by,
                    apology: l.apology,
                })
                .collect(),
            crossed_last_turn: b.crossed_last_turn,
            apology_to_accept: b.apology_to_accept,
        }
    }
}

impl CourseDto {
    fn new(course: &Course, conversation: &Conversation) -> CourseDto {
        let turns = course
            .turns
            .iter()
            .zip(&conversation.turns)
            .map(|(c, turn)| TurnCourseDto {
                role: c.role.as_str().to_owned(),
                hostility: c.hostility,
                level: c.level.map(|l| l.as_str().to_owned()),
                emotions: c
                    .emotions
                    .iter()
                    .map(|(e, score)| EmotionScoreDto {
                        emotion: e.as_str().to_owned(),
                        score: *score,
                    })
                    .collect(),
                moves: c
                    .moves
                    .iter()
                    .map(|m| MoveHitDto {
                        kind: m.kind.as_str().to_owned(),
                        start: m.start,
                        end: m.end,
                        text: slice(&turn.text, m.start, m.end).to_owned(),
                    })
                    .collect(),
            })
            .collect();
        CourseDto {
            trend: course.trend.as_str().to_owned(),
            turns,
        }
    }
}

impl ReplyCheckDto {
    /// Converts the check of `draft`; due times are shown in `offset`.
    pub fn new(check: &ReplyCheck, draft: &str, offset: UtcOffset) -> ReplyCheckDto {
        ReplyCheckDto {
            score: check.score,
            verdict: check.verdict.as_str().to_owned(),
            findings: check
                .findings
                .iter()
                .map(|f| FindingDto::new(f, draft))
                .collect(),
            promises: check
                .promises
                .iter()
                .map(|p| PromiseDto::new(p, draft, offset))
                .collect(),
        }
    }
}

impl FindingDto {
    fn new(f: &Finding, draft: &str) -> FindingDto {
        FindingDto {
            kind: f.kind.as_str().to_owned(),
            start: f.start,
            end: f.end,
            text: slice(draft, f.start, f.end).to_owned(),
            message: f.message.clone(),
            rewrite: f.rewrite.clone(),
        }
    }
}

impl PromiseDto {
    pub fn new(p: &Promise, text: &str, offset: UtcOffset) -> PromiseDto {
        PromiseDto {
            who: p.who.clone(),
            action: p.action.clone(),
            due: p.due.map(|t| t.to_rfc3339(offset)),
            when: p.when.clone(),
            vague: p.vague,
            conditional: p.conditional,
            start: p.start,
            end: p.end,
            text: slice(text, p.start, p.end).to_owned(),
        }
    }
}
