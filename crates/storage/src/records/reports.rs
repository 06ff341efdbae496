//! The facts a report is drawn from: one small row per case, boundary step, escalation,
//! follow-up and sent reply in scope, for the server to bucket by week, agent or cause.

use chrono::{DateTime, Utc};

use super::{FollowUpStatus, Reflection};

/// Everything a report page counts, over the cases a `ReportFilter` selects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportFacts {
    /// Oldest opened first.
    pub cases: Vec<CaseFacts>,
    pub boundary_steps: Vec<StepFact>,
    /// The case of every escalation (a case handed up twice is here twice).
    pub escalated_cases: Vec<i64>,
    pub follow_ups: Vec<FollowUpFact>,
    /// Newest first.
    pub reflections: Vec<Reflection>,
}

/// What a report needs of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    pub id: i64,
    pub opened_at: DateTime<Utc>,
    /// The first agent reply; none while the client waits for one.
    pub first_reply_at: Option<DateTime<Utc>>,
    /// When the case was resolved or closed.
    pub closed_at: Option<DateTime<Utc>>,
    pub assignee_id: Option<i64>,
    pub channel: String,
    pub peak_hostility: f64,
    pub main_causes: Vec<String>,
}

/// A boundary step taken on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct StepFact {
    pub case_id: i64,
    pub step: i32,
}

/// A promise and whether it was kept in time.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpFact {
    pub case_id: i64,
    pub owner_id: Option<i64>,
    pub status: FollowUpStatus,
    pub due_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
}

/// An agent's reply with the draft check stored beside it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SentReply {
    pub message_id: i64,
    pub case_id: i64,
    pub author_id: Option<i64>,
    pub at: DateTime<Utc>,
    /// The check as the server stored it (JSON); none for replies stored without one.
    pub analysis_json: Option<String>,
}
