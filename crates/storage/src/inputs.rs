//! What callers hand the store to create or change records. Ids and creation times are the
//! store's to assign; times of events (`at`) come from the caller.

use chrono::{DateTime, Utc};

use crate::records::{CaseStatus, Direction, FollowUpStatus, Role};

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
}

/// Changes to a user; `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub display_name: Option<String>,
    pub role: Option<Role>,
}

#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub user_id: i64,
    pub name: String,
    pub token_hash: String,
    /// When it ends by itself; `None` keeps it until revoked.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A user's new password hash: every other session of theirs ends and every API token of theirs
/// is revoked with it.
#[derive(Debug, Clone)]
pub struct NewPassword {
    pub user_id: i64,
    pub password_hash: String,
    /// The session that made the change (its id hash), which stays signed in.
    pub keep_session: Option<String>,
    /// When the tokens are revoked.
    pub at: DateTime<Utc>,
}

/// The editable fields of a client, used whole for create and for update.
#[derive(Debug, Clone, Default)]
pub struct ClientFields {
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub organisation: Option<String>,
    pub notes: String,
    pub flags: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NewCase {
    pub client_id: i64,
    pub subject: String,
    pub channel: String,
    pub assignee_id: Option<i64>,
    pub team_id: i64,
    pub opened_at: DateTime<Utc>,
}

/// Changes to a case; `None` keeps the current value. `assignee_id: Some(None)` unassigns.
#[derive(Debug, Clone, Default)]
pub struct CaseChanges {
    pub subject: Option<String>,
    pub channel: Option<String>,
    /// Moving to resolved/closed sets `closed_at` to `at`; moving back clears it.
    pub status: Option<CaseStatus>,
    pub assignee_id: Option<Option<i64>>,
    pub team_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewMessage {
    pub case_id: i64,
    pub direction: Direction,
    pub author_id: Option<i64>,
    pub channel: String,
    pub body: String,
    pub at: DateTime<Utc>,
    pub analysis_json: Option<String>,
    pub model_version: Option<String>,
    /// See [`crate::Message::external_id`].
    pub external_id: Option<String>,
}

/// What storing a message changes besides the message itself, in the same transaction.
#[derive(Debug, Clone, Default)]
pub struct MessageEffects {
    /// For an analysed inbound message: its hostility becomes the case's latest (and peak, if
    /// higher), and the case's main causes are replaced by these.
    pub case_signals: Option<CaseSignals>,
    /// For an outbound message: the promises it makes; each becomes an open follow-up
    /// pointing back at the new message.
    pub promises: Vec<NewPromise>,
    /// The audit-log line for storing the message, written in the same transaction; its
    /// `record_id` is replaced by the new message's id.
    pub audit: Option<NewAuditEntry>,
    /// Who answering the client makes the case's assignee, when it has none yet.
    pub assign_if_unassigned: Option<i64>,
    /// For a message that came in from another system: what it was as it came in.
    pub source: Option<NewMessageSource>,
}

/// See [`crate::MessageSource`]; the message id is the new message's.
#[derive(Debug, Clone)]
pub struct NewMessageSource {
    pub source: String,
    pub subject: String,
    pub full_body: String,
    pub attachments_json: String,
    pub automatic: Option<String>,
    pub html: Option<String>,
    /// Keys of the message's thread, linked to its case in the same transaction (those linked
    /// already keep their case).
    pub thread_keys: Vec<String>,
    /// The note to post back to the helpdesk conversation, written (and its job queued) in
    /// the message's transaction; `None` when the integration posts none.
    pub note: Option<NewHelpdeskNote>,
}

/// See [`crate::HelpdeskNote`]; the message id is the new message's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHelpdeskNote {
    pub product: String,
    pub target: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// What an ingest link leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Case,
    Client,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Case => "case",
            LinkKind::Client => "client",
        }
    }
}

#[derive(Debug, Clone)]
pub struct CaseSignals {
    pub hostility: f64,
    pub main_causes: Vec<String>,
    /// The message threatens someone's safety: the case's `safety_at` is set to the message's
    /// time unless an earlier message set it.
    pub safety: bool,
}

#[derive(Debug, Clone)]
pub struct NewPromise {
    pub what: String,
    pub due_at: Option<DateTime<Utc>>,
    pub owner_id: Option<i64>,
    /// Byte range of the promise inside the message body.
    pub span: Option<(i64, i64)>,
    /// A day was promised without an hour (see `FollowUp::date_only`).
    pub date_only: bool,
}

#[derive(Debug, Clone)]
pub struct NewBoundaryEvent {
    pub case_id: i64,
    pub step: i32,
    pub message_id: Option<i64>,
    pub evidence_json: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewEscalation {
    pub case_id: i64,
    pub to_user_id: i64,
    pub reason: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewAgreedAction {
    pub case_id: i64,
    pub text: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewFollowUp {
    pub case_id: i64,
    pub what: String,
    pub due_at: Option<DateTime<Utc>>,
    pub owner_id: Option<i64>,
}

/// A new status for a follow-up, when it changed and what the agent noted.
#[derive(Debug, Clone)]
pub struct FollowUpUpdate {
    pub status: FollowUpStatus,
    pub at: DateTime<Utc>,
    /// Kept while the follow-up is done or missed; reopening it clears the note.
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DocumentationFields {
    pub concerns: String,
    pub steps_taken: String,
    pub agreed: String,
    pub outcome: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ReflectionFields {
    pub went_well: String,
    pub do_differently: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub action: String,
    pub record_kind: String,
    pub record_id: Option<i64>,
    pub detail: String,
}

/// One login try, kept for rate limiting across server instances.
#[derive(Debug, Clone)]
pub struct LoginAttempt {
    /// As typed, whether or not such a user exists.
    pub username: String,
    /// The client address as the server sees it.
    pub address: String,
    pub succeeded: bool,
    pub at: DateTime<Utc>,
}

/// A job to queue. A second job of the same kind about the same subject is not queued.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    pub subject_id: Option<i64>,
    pub run_at: DateTime<Utc>,
}

/// A claim of due jobs by one worker.
#[derive(Debug, Clone)]
pub struct Lease {
    /// Names the worker (instance and task), so only it can finish what it claimed.
    pub worker: String,
    pub now: DateTime<Utc>,
    /// How long the worker holds a job; past this another worker takes it over.
    pub hold: chrono::Duration,
    /// The most jobs claimed at once.
    pub limit: i64,
}

/// When a failed job runs again: `first` after its first failure, twice as long after each
/// further one up to `cap`, and never again once it has been claimed `attempts` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub first: chrono::Duration,
    pub cap: chrono::Duration,
    pub attempts: i32,
}

impl Backoff {
    /// The wait before the next attempt after `attempts` failed ones; `None`: give up.
    pub fn wait(self, attempts: i32) -> Option<chrono::Duration> {
        if attempts >= self.attempts {
            return None;
        }
        let doublings = attempts.saturating_sub(1).clamp(0, 30) as u32;
        Some(
            self.first
                .checked_mul(1 << doublings)
                .map_or(self.cap, |wait| wait.min(self.cap)),
        )
    }
}

/// What finishing a job changes, in the transaction that marks it done.
#[derive(Debug, Clone, Default)]
pub struct JobEffects {
    /// Further jobs, such as a follow-up's reminders.
    pub enqueue: Vec<NewJob>,
    pub notify: Vec<NewNotification>,
    /// A follow-up that is marked missed if it is still open.
    pub miss_follow_up: Option<i64>,
    /// A case whose client waits for a reply: flagged forgotten, or escalated once flagged.
    pub mark_case: Option<CaseMark>,
}

/// What a job records about a case whose client waits for a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMark {
    /// Flagged forgotten (the first flag's time is kept).
    Forgotten(i64),
    /// Escalated to the supervisors, while it is still flagged.
    Escalated(i64),
}

#[derive(Debug, Clone)]
pub struct NewNotification {
    pub user_id: i64,
    pub case_id: Option<i64>,
    pub kind: String,
    pub text: String,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::Backoff;

    #[test]
    fn waits_double_up_to_the_cap_and_end_with_the_last_attempt() {
        let backoff = Backoff {
            first: Duration::seconds(30),
            cap: Duration::seconds(100),
            attempts: 5,
        };
        let waits: Vec<_> = (1..=5)
            .map(|n| backoff.wait(n).map(|w| w.num_seconds()))
            .collect();
        assert_eq!(waits, [Some(30), Some(60), Some(100), Some(100), None]);
        let patient = Backoff {
            attempts: i32::MAX,
            ..backoff
        };
        assert_eq!(
            patient.wait(1_000),
            Some(Duration::seconds(100)),
            "no overflow"
        );
    }
}
