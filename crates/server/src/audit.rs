//! Writing to the append-only audit log: who did what to which record, and when (UTC).
//!
//! A failed audit write is logged and does not fail the request: the action it describes has
//! already been committed, and refusing to answer would not undo it.

use chrono::Utc;
use defuse_storage::NewAuditEntry;

use crate::auth::Caller;
use crate::state::AppState;

/// One line of the log, before it is written.
pub struct Entry<'a> {
    pub actor: Option<i64>,
    /// What happened: `login`, `login_failed`, `refused`, `case.update`, ...
    pub action: &'a str,
    /// What it happened to: `case`, `user`, `session`, ...
    pub kind: &'a str,
    pub id: Option<i64>,
    /// Plain words or JSON; never a secret.
    pub detail: String,
}

impl Entry<'_> {
    /// The line as the store takes it, timed now.
    pub fn stamped(self) -> NewAuditEntry {
        NewAuditEntry {
            at: Utc::now(),
            actor_id: self.actor,
            action: self.action.to_owned(),
            record_kind: self.kind.to_owned(),
            record_id: self.id,
            detail: self.detail,
        }
    }
}

pub async fn record(state: &AppState, entry: Entry<'_>) {
    let action = entry.action;
    if let Err(e) = state.store.append_audit(entry.stamped()).await {
        tracing::error!(error = ?e, action, "could not write the audit log");
    }
}

/// Records something a signed-in caller did.
pub async fn act(
    state: &AppState,
    caller: &Caller,
    action: &str,
    kind: &str,
    id: Option<i64>,
    detail: impl Into<String>,
) {
    record(
        state,
        Entry {
            actor: Some(caller.id()),
            action,
            kind,
            id,
            detail: detail.into(),
        },
    )
    .await;
}
