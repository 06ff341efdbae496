//! Notifications, a user's channels and jobs as JSON.

use chrono::{DateTime, Utc};
use defuse_storage::{Job, Notification, UserChannels};
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationOut {
    pub id: i64,
    pub case_id: Option<i64>,
    /// `follow_up.soon`, `follow_up.due`, `follow_up.missed`, `case.escalate` (a forgotten
    /// case) or `digest.send` (a supervisor's daily digest).
    pub kind: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    /// Unread while null.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<Notification> for NotificationOut {
    fn from(n: Notification) -> NotificationOut {
        NotificationOut {
            id: n.id,
            case_id: n.case_id,
            kind: n.kind,
            text: n.text,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ChannelsOut {
    /// Where reminders are mailed; null: not by mail.
    pub email: Option<String>,
    /// The IANA zone times are shown in.
    pub time_zone: String,
    /// The local hour of a supervisor's daily digest; null: the server's default.
    pub digest_hour: Option<i32>,
    pub by_email: bool,
    pub by_webhook: bool,
    /// Mail and posts falling in these hours wait for their end; null: none.
    pub quiet_hours: Option<String>,
}

impl From<UserChannels> for ChannelsOut {
    fn from(c: UserChannels) -> ChannelsOut {
        ChannelsOut {
            email: c.email,
            time_zone: c.time_zone,
            digest_hour: c.digest_hour,
            by_email: c.by_email,
            by_webhook: c.by_webhook,
            quiet_hours: c.quiet_hours,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JobOut {
    pub id: i64,
    pub kind: String,
    pub subject_id: Option<i64>,
    /// `queued`, `running`, `done` or `dead`.
    pub state: &'static str,
    pub run_at: DateTime<Utc>,
    pub attempts: i32,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Job> for JobOut {
    fn from(j: Job) -> JobOut {
        JobOut {
            id: j.id,
            kind: j.kind,
            subject_id: j.subject_id,
            state: j.state.as_str(),
            run_at: j.run_at,
            attempts: j.attempts,
            locked_by: j.locked_by,
            last_error: j.last_error,
            created_at: j.created_at,
            finished_at: j.finished_at,
        }
    }
}
