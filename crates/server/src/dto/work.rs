//! The work on a case on the wire: boundary steps, escalations, agreements, follow-ups,
//! documentation, reflection, and the audit log.

use chrono::{DateTime, Utc};
use defuse_storage::{
    AgreedAction, AuditEntry, BoundaryEvent, CaseDocumentation, Escalation, FollowUp, Reflection,
};
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BoundaryEventOut {
    pub id: i64,
    pub case_id: i64,
    pub step: i32,
    pub message_id: Option<i64>,
    /// Spans and signals that called for this step.
    #[schema(value_type = Object)]
    pub evidence: serde_json::Value,
    pub acknowledged_by: Option<i64>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

impl From<BoundaryEvent> for BoundaryEventOut {
    fn from(b: BoundaryEvent) -> BoundaryEventOut {
        BoundaryEventOut {
            id: b.id,
            case_id: b.case_id,
            step: b.step,
            message_id: b.message_id,
            evidence: serde_json::from_str(&b.evidence_json).unwrap_or(serde_json::Value::Null),
            acknowledged_by: b.acknowledged_by,
            acknowledged_at: b.acknowledged_at,
            at: b.at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EscalationOut {
    pub id: i64,
    pub case_id: i64,
    pub to_user_id: i64,
    pub reason: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

impl From<Escalation> for EscalationOut {
    fn from(e: Escalation) -> EscalationOut {
        EscalationOut {
            id: e.id,
            case_id: e.case_id,
            to_user_id: e.to_user_id,
            reason: e.reason,
            by: e.by,
            at: e.at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgreedActionOut {
    pub id: i64,
    pub case_id: i64,
    pub text: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

impl From<AgreedAction> for AgreedActionOut {
    fn from(a: AgreedAction) -> AgreedActionOut {
        AgreedActionOut {
            id: a.id,
            case_id: a.case_id,
            text: a.text,
            by: a.by,
            at: a.at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FollowUpOut {
    pub id: i64,
    pub case_id: i64,
    pub what: String,
    pub due_at: Option<DateTime<Utc>>,
    pub owner_id: Option<i64>,
    /// `open`, `done` or `missed`.
    pub status: &'static str,
    /// The outbound message whose promise this keeps track of, and the promise's byte span in it.
    pub promise_message_id: Option<i64>,
    pub promise_span: Option<[i64; 2]>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    /// What the agent noted when marking it done.
    pub done_note: Option<String>,
    /// A day was promised without an hour: `due_at` is that day's end of business, and the
    /// first reminder comes at 9:00 in the owner's time zone on the day.
    pub date_only: bool,
}

impl From<FollowUp> for FollowUpOut {
    fn from(f: FollowUp) -> FollowUpOut {
        FollowUpOut {
            id: f.id,
            case_id: f.case_id,
            what: f.what,
            due_at: f.due_at,
            owner_id: f.owner_id,
            status: f.status.as_str(),
            promise_message_id: f.promise_message_id,
            promise_span: f.promise_span.map(|(a, b)| [a, b]),
            created_at: f.created_at,
            done_at: f.done_at,
            done_note: f.done_note,
            date_only: f.date_only,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DocumentationOut {
    pub case_id: i64,
    pub concerns: String,
    pub steps_taken: String,
    pub agreed: String,
    pub outcome: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: i64,
}

impl From<CaseDocumentation> for DocumentationOut {
    fn from(d: CaseDocumentation) -> DocumentationOut {
        DocumentationOut {
            case_id: d.case_id,
            concerns: d.concerns,
            steps_taken: d.steps_taken,
            agreed: d.agreed,
            outcome: d.outcome,
            updated_at: d.updated_at,
            updated_by: d.updated_by,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReflectionOut {
    pub case_id: i64,
    pub went_well: String,
    pub do_differently: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

impl From<Reflection> for ReflectionOut {
    fn from(r: Reflection) -> ReflectionOut {
        ReflectionOut {
            case_id: r.case_id,
            went_well: r.went_well,
            do_differently: r.do_differently,
            by: r.by,
            at: r.at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditOut {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub action: String,
    pub record_kind: String,
    pub record_id: Option<i64>,
    pub detail: String,
}

impl From<AuditEntry> for AuditOut {
    fn from(a: AuditEntry) -> AuditOut {
        AuditOut {
            id: a.id,
            at: a.at,
            actor_id: a.actor_id,
            action: a.action,
            record_kind: a.record_kind,
            record_id: a.record_id,
            detail: a.detail,
        }
    }
}
