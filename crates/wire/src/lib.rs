//! defuse-wire: the JSON shapes defuse speaks, shared by every edge that prints or serves JSON.
//!
//! `defuse-core` types carry no serialisation on purpose. This crate converts them by hand into
//! DTOs whose field names are the documented wire format, so the CLI (`analyze --jsonl`) and the
//! server (`/api/v1/analyze`, inbound messages) cannot drift apart.
//!
//! # Layout
//! - [`analysis`]: [`AnalysisDto`] and its parts, built from a [`defuse_core::Analysis`] and the text it was made from.
//! - [`restore`]: a stored analysis back into a core `Analysis` (coaching long cases without re-analysis).
//! - [`coaching`]: [`CoachingDto`] (next moves, boundary, course) and [`ReplyCheckDto`] (the draft check and its promises).
//! - [`conversation`]: [`ConversationIn`], the conversation a caller sends to be coached.
//! - [`marks`]: text with evidence spans marked, for the console and the CLI alike.
//!
//! With the `openapi` feature every DTO also derives `utoipa::ToSchema`.

pub mod analysis;
pub mod coaching;
pub mod conversation;
pub mod marks;
pub mod restore;

pub use analysis::{
    AnalysisDto, CauseDto, ConcernDto, EmotionEvidence, EmotionScores, EvidenceDto,
    SentimentScores, SignalDto, WantDto,
};
pub use coaching::{
    AdviceDto, BoundaryDto, CoachingDto, CourseDto, CrossingDto, EmotionScoreDto, FindingDto,
    LoweringDto, MoveHitDto, PromiseDto, ReplyCheckDto, TurnCourseDto, WhyDto,
};
pub use conversation::{ConversationIn, FieldError, TimeIn, TurnIn};
