//! How soon a team answers its clients (the response target behind forgotten cases), and the
//! supervisors' daily digests.

use chrono::{DateTime, NaiveDate, Utc};

/// A team's response target: a client message unanswered for `target_minutes` of working
/// time flags its case forgotten; `escalate_after_minutes` more escalate it to the team's
/// supervisors.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamResponse {
    pub team_id: i64,
    pub target_minutes: i32,
    pub escalate_after_minutes: i32,
    /// An IANA name; working hours and holidays are read in it.
    pub time_zone: String,
    /// Such as `Mon-Fri 09:00-17:00`; `None`: the clock runs around the clock. The server
    /// checks the form before storing it.
    pub working_hours: Option<String>,
    /// Days the clock stands still, in `time_zone`.
    pub holidays: Vec<NaiveDate>,
}

/// One supervisor's digest of one local day; it exists once, whichever instance made it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Digest {
    pub id: i64,
    pub user_id: i64,
    /// The local day in the supervisor's time zone, `YYYY-MM-DD`.
    pub day: String,
    pub created_at: DateTime<Utc>,
}
