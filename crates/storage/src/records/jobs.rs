//! The job queue and what it delivers: jobs, notifications, and where a user is told.

use chrono::{DateTime, Utc};

use super::named_enum;

named_enum! {
    /// Where a job is in its life.
    JobState, "job state" {
        /// Waiting for its `run_at`.
        Queued = "queued",
        /// Claimed by a worker until its lease ends.
        Running = "running",
        Done = "done",
        /// Gave up after its last attempt; kept with its last error until retried by hand.
        Dead = "dead",
    }
}

/// Work to do at a time, by whichever instance claims it first.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    /// What to do, such as `follow_up.due`; the server knows the kinds.
    pub kind: String,
    /// The record the job is about; with `kind`, unique.
    pub subject_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub state: JobState,
    pub run_at: DateTime<Utc>,
    /// Claims so far, the running one included.
    pub attempts: i32,
    /// The worker holding the lease while running.
    pub locked_by: Option<String>,
    /// When the lease ends and another worker may take the job over.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Something a user is told in the console (and by mail and webhook, where set up).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Notification {
    pub id: i64,
    pub user_id: i64,
    pub case_id: Option<i64>,
    /// Such as `follow_up.soon`, `follow_up.due`, `follow_up.missed`.
    pub kind: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    /// When the user marked it read; unread while `None`.
    pub read_at: Option<DateTime<Utc>>,
}

/// Where a user is reached besides the console, and the time zone their times are shown in.
#[derive(Debug, Clone, PartialEq)]
pub struct UserChannels {
    pub user_id: i64,
    pub email: Option<String>,
    /// An IANA name such as `Europe/Berlin`.
    pub time_zone: String,
    /// The local hour (0 to 23) a supervisor's daily digest is sent at; `None`: the default.
    pub digest_hour: Option<i32>,
    /// Whether notifications are mailed (to `email`) besides the console.
    pub by_email: bool,
    /// Whether notifications are posted to the webhook besides the console.
    pub by_webhook: bool,
    /// Such as `22:00-07:00` in `time_zone`: mail and posts falling in them wait for their end
    /// (the console is not held back). The server checks the form before storing it.
    pub quiet_hours: Option<String>,
}
