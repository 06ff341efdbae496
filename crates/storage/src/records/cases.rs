//! Clients, their cases and the messages exchanged in them.

use chrono::{DateTime, Utc};

use super::named_enum;

/// A person or organisation we support, with what the next agent should know about them.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub organisation: Option<String>,
    pub notes: String,
    /// Short markers such as "prefers phone" or "has been abusive".
    pub flags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

named_enum! {
    /// Where a case stands.
    CaseStatus, "case status" {
        Open = "open",
        WaitingOnClient = "waiting_on_client",
        Escalated = "escalated",
        Resolved = "resolved",
        Closed = "closed",
    }
}

impl CaseStatus {
    /// Resolved and closed cases carry a `closed_at` time.
    pub fn is_finished(self) -> bool {
        matches!(self, CaseStatus::Resolved | CaseStatus::Closed)
    }
}

/// One difficult conversation with a client, and what we derived from it so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub id: i64,
    pub client_id: i64,
    pub subject: String,
    pub channel: String,
    pub status: CaseStatus,
    pub assignee_id: Option<i64>,
    pub team_id: i64,
    pub opened_at: DateTime<Utc>,
    /// Set when the status becomes resolved or closed, cleared when the case reopens.
    pub closed_at: Option<DateTime<Utc>>,
    /// Highest hostility of any inbound message, 0 when none was analysed yet.
    pub peak_hostility: f64,
    /// Hostility of the latest analysed inbound message.
    pub latest_hostility: f64,
    /// Cause names as the server chose them (for example from `defuse-core`'s `Cause`).
    pub main_causes: Vec<String>,
    /// Highest boundary step recorded by a boundary event, 0 when none.
    pub boundary_step: i32,
    /// When a client message first threatened someone's safety; `None` while none has.
    pub safety_at: Option<DateTime<Utc>>,
    /// When the client's unanswered message passed the team's response target; cleared by a
    /// reply.
    pub forgotten_at: Option<DateTime<Utc>>,
    /// When the forgotten case was escalated to the team's supervisors; cleared by a reply.
    pub forgotten_escalated_at: Option<DateTime<Utc>>,
    /// Follow-ups of this case with status open; derived when read.
    pub open_followups: i64,
}

named_enum! {
    /// Who a message came from.
    Direction, "direction" {
        /// From the client.
        Inbound = "inbound",
        /// From us to the client.
        Outbound = "outbound",
        /// Between colleagues; the client never sees it.
        InternalNote = "internal_note",
    }
}

/// A message as received or sent, with what the analysis made of it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub case_id: i64,
    #[sqlx(try_from = "String")]
    pub direction: Direction,
    /// The user who wrote it; none for inbound messages.
    pub author_id: Option<i64>,
    pub channel: String,
    /// Exactly as received: byte offsets in the analysis point into it.
    pub body: String,
    pub at: DateTime<Utc>,
    /// JSON written by the server: the analysis of an inbound message, or the check and promises
    /// of an outbound one. The store keeps it as opaque text.
    pub analysis_json: Option<String>,
    pub model_version: Option<String>,
    /// The sending system's own id of the message, unique per case: a message sent again
    /// with the same id is refused instead of stored twice.
    pub external_id: Option<String>,
}

/// A message as it came in from another system, beside the text that was analysed.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MessageSource {
    pub message_id: i64,
    /// `mail`, `chat`, `chatwoot`, ...
    pub source: String,
    pub subject: String,
    /// The whole body with quoted history and signature: `Message::body` holds only the new
    /// text, which is what was analysed.
    pub full_body: String,
    /// `[{"name", "content_type", "size"}]`: listed, never stored.
    pub attachments_json: String,
    /// `auto-reply` or `bounce` when a machine wrote it.
    pub automatic: Option<String>,
    /// The HTML it came as, unsanitised: never shown as it is.
    pub html: Option<String>,
}

/// A note for the helpdesk conversation a client message came from (its analysis and coaching
/// in plain lines), posted by a `helpdesk.note` job.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct HelpdeskNote {
    pub message_id: i64,
    /// `chatwoot`, `zendesk` or `zammad`.
    pub product: String,
    /// The conversation or ticket there, as ids (`{account}/{conversation}` for Chatwoot, the
    /// ticket id for the others); the address is the integration's configured base URL.
    pub target: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// How far an IMAP folder has been read: its UIDVALIDITY and the highest UID taken in under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailboxPosition {
    /// UIDs count only under one UIDVALIDITY: when the server's changes, they were renumbered.
    pub uid_validity: i64,
    pub last_uid: i64,
}
