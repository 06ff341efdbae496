//! Clients, cases and messages on the wire.

use chrono::{DateTime, Utc};
use defuse_storage::{Case, Client, Message};
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClientOut {
    pub id: i64,
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub organisation: Option<String>,
    pub notes: String,
    pub flags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Client> for ClientOut {
    fn from(c: Client) -> ClientOut {
        ClientOut {
            id: c.id,
            name: c.name,
            emails: c.emails,
            phones: c.phones,
            organisation: c.organisation,
            notes: c.notes,
            flags: c.flags,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CaseOut {
    pub id: i64,
    pub client_id: i64,
    pub subject: String,
    pub channel: String,
    /// `open`, `waiting_on_client`, `escalated`, `resolved` or `closed`.
    pub status: &'static str,
    pub assignee_id: Option<i64>,
    pub team_id: i64,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Highest hostility of any client message so far.
    pub peak_hostility: f64,
    pub latest_hostility: f64,
    pub main_causes: Vec<String>,
    /// 0 none, 1 statement, 2 final warning, 3 handover or end.
    pub boundary_step: i32,
    /// When a client message first threatened someone's safety (the case then escalated itself).
    pub safety_at: Option<DateTime<Utc>>,
    /// When the client's unanswered message passed the team's response target (the case is
    /// forgotten); null once someone replies.
    pub forgotten_at: Option<DateTime<Utc>>,
    /// When the forgotten case was escalated to the team's supervisors; null once someone replies.
    pub forgotten_escalated_at: Option<DateTime<Utc>>,
    pub open_follow_ups: i64,
}

impl From<Case> for CaseOut {
    fn from(c: Case) -> CaseOut {
        CaseOut {
            id: c.id,
            client_id: c.client_id,
            subject: c.subject,
            channel: c.channel,
            status: c.status.as_str(),
            assignee_id: c.assignee_id,
            team_id: c.team_id,
            opened_at: c.opened_at,
            closed_at: c.closed_at,
            peak_hostility: c.peak_hostility,
            latest_hostility: c.latest_hostility,
            main_causes: c.main_causes,
            boundary_step: c.boundary_step,
            safety_at: c.safety_at,
            forgotten_at: c.forgotten_at,
            forgotten_escalated_at: c.forgotten_escalated_at,
            open_follow_ups: c.open_followups,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MessageOut {
    pub id: i64,
    pub case_id: i64,
    /// `inbound`, `outbound` or `internal_note`.
    pub direction: &'static str,
    pub author_id: Option<i64>,
    pub channel: String,
    /// Exactly as received; evidence offsets point into it.
    pub body: String,
    pub at: DateTime<Utc>,
    /// The analysis (inbound) or the check and promises (outbound) stored with the message.
    #[schema(value_type = Option<Object>)]
    pub analysis: Option<serde_json::Value>,
    pub model_version: Option<String>,
    /// The sending system's own id of the message, when it gave one.
    pub external_id: Option<String>,
}

impl From<Message> for MessageOut {
    fn from(m: Message) -> MessageOut {
        MessageOut {
            id: m.id,
            case_id: m.case_id,
            direction: m.direction.as_str(),
            author_id: m.author_id,
            channel: m.channel,
            body: m.body,
            at: m.at,
            analysis: m.analysis_json.and_then(|j| serde_json::from_str(&j).ok()),
            model_version: m.model_version,
            external_id: m.external_id,
        }
    }
}
