//! What agents do on a case: boundaries held, escalations, agreements, follow-ups,
//! the case documentation and the reflection after closing.

use chrono::{DateTime, Utc};

use super::named_enum;

/// A step of boundary holding taken on a case, with the evidence that called for it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct BoundaryEvent {
    pub id: i64,
    pub case_id: i64,
    /// 1 = name the behaviour, 2 = state the consequence, 3 = end the contact (server's scale).
    pub step: i32,
    pub message_id: Option<i64>,
    /// JSON written by the server: spans and signals that called for this step.
    pub evidence_json: String,
    pub acknowledged_by: Option<i64>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

/// A case handed up to someone.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Escalation {
    pub id: i64,
    pub case_id: i64,
    pub to_user_id: i64,
    pub reason: String,
    pub at: DateTime<Utc>,
    #[sqlx(rename = "by_user_id")]
    pub by: i64,
}

/// Something agreed with the client.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AgreedAction {
    pub id: i64,
    pub case_id: i64,
    pub text: String,
    pub at: DateTime<Utc>,
    #[sqlx(rename = "by_user_id")]
    pub by: i64,
}

named_enum! {
    /// Whether a follow-up was kept.
    FollowUpStatus, "follow-up status" {
        Open = "open",
        Done = "done",
        /// Not done in time; set by the caller (for example a scheduler) with `mark_missed`.
        Missed = "missed",
    }
}

/// Something we owe the client, often a promise made in an outbound message.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub id: i64,
    pub case_id: i64,
    pub what: String,
    pub due_at: Option<DateTime<Utc>>,
    pub owner_id: Option<i64>,
    pub status: FollowUpStatus,
    /// The outbound message whose promise this follow-up keeps track of.
    pub promise_message_id: Option<i64>,
    /// Byte range of the promise inside that message's body.
    pub promise_span: Option<(i64, i64)>,
    pub created_at: DateTime<Utc>,
    /// When it became done (or missed).
    pub done_at: Option<DateTime<Utc>>,
    /// What the agent noted when marking it done.
    pub done_note: Option<String>,
    /// Promised for a day without an hour ("by Friday"): `due_at` is that day's end of
    /// business, and the lead reminder comes at 9:00 in the owner's time zone on the day.
    pub date_only: bool,
}

/// The written record of a case, one per case, replaced as a whole on each edit.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CaseDocumentation {
    pub case_id: i64,
    pub concerns: String,
    pub steps_taken: String,
    pub agreed: String,
    pub outcome: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: i64,
}

/// What the agent learned from a case after closing it, one per case.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Reflection {
    pub case_id: i64,
    pub went_well: String,
    pub do_differently: String,
    #[sqlx(rename = "by_user_id")]
    pub by: i64,
    pub at: DateTime<Utc>,
}
