//! How records are read back: the row shapes that need converting (lists kept as JSON text,
//! enums kept as names, spans kept as two columns) and the column lists of every table.

use chrono::{DateTime, Utc};

use super::exec::Record;
use crate::error::StoreError;
use crate::records::{
    AgreedAction, ApiToken, AuditEntry, BoundaryEvent, Case, CaseDocumentation, CaseStatus, Client,
    Digest, Escalation, FollowUp, FollowUpStatus, HelpdeskNote, IdempotentRequest, Job, Message,
    MessageSource, Notification, Reflection, Session, Team, TeamMember, User,
};

/// A record with the row it is decoded from.
pub(crate) trait Stored: Sized + Send + 'static {
    type Row: Record;
    fn from_row(row: Self::Row) -> Result<Self, StoreError>;
}

macro_rules! stored_as_is {
    ($($record:ty),+) => {$(
        impl Stored for $record {
            type Row = Self;
            fn from_row(row: Self) -> Result<Self, StoreError> {
                Ok(row)
            }
        }
    )+};
}

stored_as_is!(
    User,
    Team,
    TeamMember,
    ApiToken,
    Session,
    Message,
    MessageSource,
    HelpdeskNote,
    BoundaryEvent,
    Escalation,
    AgreedAction,
    CaseDocumentation,
    Reflection,
    AuditEntry,
    IdempotentRequest,
    Job,
    Notification,
    Digest
);

pub(crate) const USER_COLUMNS: &str = "id, username, display_name, role, password_hash, created_at";
pub(crate) const TEAM_COLUMNS: &str = "id, name, created_at";
pub(crate) const TOKEN_COLUMNS: &str =
    "id, user_id, name, token_hash, created_at, revoked_at, expires_at";
pub(crate) const SESSION_COLUMNS: &str = "id_hash, user_id, csrf_token, created_at, expires_at";
pub(crate) const CLIENT_COLUMNS: &str =
    "id, name, emails, phones, organisation, notes, flags, created_at, updated_at";
/// Cases are read with their derived count of open follow-ups; alias the table `c`.
pub(crate) const CASE_SELECT: &str = "SELECT c.id, c.client_id, c.subject, c.channel, c.status, \
    c.assignee_id, c.team_id, c.opened_at, c.closed_at, c.peak_hostility, c.latest_hostility, \
    c.main_causes, c.boundary_step, c.safety_at, c.forgotten_at, c.forgotten_escalated_at, (SELECT COUNT(*) FROM follow_ups o WHERE o.case_id = c.id \
    AND o.status = 'open') AS open_followups FROM cases c";
pub(crate) const MESSAGE_COLUMNS: &str = "id, case_id, direction, author_id, channel, body, at, analysis_json, model_version, external_id";
pub(crate) const BOUNDARY_COLUMNS: &str =
    "id, case_id, step, message_id, evidence_json, acknowledged_by, acknowledged_at, at";
pub(crate) const ESCALATION_COLUMNS: &str = "id, case_id, to_user_id, reason, at, by_user_id";
pub(crate) const AGREED_COLUMNS: &str = "id, case_id, text, at, by_user_id";
pub(crate) const FOLLOW_UP_COLUMNS: &str = "id, case_id, what, due_at, owner_id, status, \
    promise_message_id, span_start, span_end, created_at, done_at, done_note, date_only";
pub(crate) const DOCUMENTATION_COLUMNS: &str =
    "case_id, concerns, steps_taken, agreed, outcome, updated_at, updated_by";
pub(crate) const REFLECTION_COLUMNS: &str = "case_id, went_well, do_differently, by_user_id, at";
pub(crate) const AUDIT_COLUMNS: &str = "id, at, actor_id, action, record_kind, record_id, detail";

#[derive(sqlx::FromRow)]
pub(crate) struct ClientRow {
    id: i64,
    name: String,
    emails: String,
    phones: String,
    organisation: Option<String>,
    notes: String,
    flags: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl Stored for Client {
    type Row = ClientRow;
    fn from_row(row: ClientRow) -> Result<Self, StoreError> {
        Ok(Client {
            id: row.id,
            name: row.name,
            emails: decode_list(&row.emails)?,
            phones: decode_list(&row.phones)?,
            organisation: row.organisation,
            notes: row.notes,
            flags: decode_list(&row.flags)?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CaseRow {
    id: i64,
    client_id: i64,
    subject: String,
    channel: String,
    #[sqlx(try_from = "String")]
    status: CaseStatus,
    assignee_id: Option<i64>,
    team_id: i64,
    opened_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    peak_hostility: f64,
    latest_hostility: f64,
    main_causes: String,
    boundary_step: i32,
    safety_at: Option<DateTime<Utc>>,
    forgotten_at: Option<DateTime<Utc>>,
    forgotten_escalated_at: Option<DateTime<Utc>>,
    open_followups: i64,
}

impl Stored for Case {
    type Row = CaseRow;
    fn from_row(row: CaseRow) -> Result<Self, StoreError> {
        Ok(Case {
            id: row.id,
            client_id: row.client_id,
            subject: row.subject,
            channel: row.channel,
            status: row.status,
            assignee_id: row.assignee_id,
            team_id: row.team_id,
            opened_at: row.opened_at,
            closed_at: row.closed_at,
            peak_hostility: row.peak_hostility,
            latest_hostility: row.latest_hostility,
            main_causes: decode_list(&row.main_causes)?,
            boundary_step: row.boundary_step,
            safety_at: row.safety_at,
            forgotten_at: row.forgotten_at,
            forgotten_escalated_at: row.forgotten_escalated_at,
            open_followups: row.open_followups,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FollowUpRow {
    id: i64,
    case_id: i64,
    what: String,
    due_at: Option<DateTime<Utc>>,
    owner_id: Option<i64>,
    #[sqlx(try_from = "String")]
    status: FollowUpStatus,
    promise_message_id: Option<i64>,
    span_start: Option<i64>,
    span_end: Option<i64>,
    created_at: DateTime<Utc>,
    done_at: Option<DateTime<Utc>>,
    done_note: Option<String>,
    date_only: i32,
}

impl Stored for FollowUp {
    type Row = FollowUpRow;
    fn from_row(row: FollowUpRow) -> Result<Self, StoreError> {
        Ok(FollowUp {
            id: row.id,
            case_id: row.case_id,
            what: row.what,
            due_at: row.due_at,
            owner_id: row.owner_id,
            status: row.status,
            promise_message_id: row.promise_message_id,
            promise_span: row.span_start.zip(row.span_end),
            created_at: row.created_at,
            done_at: row.done_at,
            done_note: row.done_note,
            date_only: row.date_only != 0,
        })
    }
}

/// Lists of short strings are stored as a JSON array in a text column on both backends.
pub(crate) fn encode_list(items: &[String]) -> String {
    serde_json::Value::from(items).to_string()
}

pub(crate) fn decode_list(text: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(text).map_err(|error| {
        StoreError::Other(anyhow::Error::new(error).context("stored list is not a JSON array"))
    })
}
