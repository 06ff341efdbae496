//! A client's export: everything held about them, in one JSON document.

use chrono::{DateTime, Utc};
use defuse_storage::ClientRecord;
use serde::Serialize;

use super::{
    AgreedActionOut, AuditOut, BoundaryEventOut, CaseOut, ClientOut, DocumentationOut,
    EscalationOut, FollowUpOut, MessageOut, ReflectionOut,
};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClientExportOut {
    pub exported_at: DateTime<Utc>,
    pub client: ClientOut,
    /// Oldest opened first.
    pub cases: Vec<CaseOut>,
    /// Over all cases, oldest first, each with the analysis stored with it.
    pub messages: Vec<MessageOut>,
    pub boundary_events: Vec<BoundaryEventOut>,
    pub escalations: Vec<EscalationOut>,
    pub agreed_actions: Vec<AgreedActionOut>,
    pub follow_ups: Vec<FollowUpOut>,
    pub documentation: Vec<DocumentationOut>,
    pub reflections: Vec<ReflectionOut>,
    /// Audit lines about the client, their cases, messages and follow-ups.
    pub audit: Vec<AuditOut>,
}

impl ClientExportOut {
    pub fn new(record: ClientRecord, exported_at: DateTime<Utc>) -> ClientExportOut {
        fn out<T, U: From<T>>(items: Vec<T>) -> Vec<U> {
            items.into_iter().map(U::from).collect()
        }
        ClientExportOut {
            exported_at,
            client: record.client.into(),
            cases: out(record.cases),
            messages: out(record.messages),
            boundary_events: out(record.boundary_events),
            escalations: out(record.escalations),
            agreed_actions: out(record.agreed_actions),
            follow_ups: out(record.follow_ups),
            documentation: out(record.documentation),
            reflections: out(record.reflections),
            audit: out(record.audit),
        }
    }
}
