//! Threats to someone's safety: a client message with a threat of harm in the writer's own
//! words flags its case, and the first such message escalates the case by itself to a
//! supervisor of the case's team (an admin when the team has none), without waiting for an agent.

use chrono::{DateTime, Utc};
use defuse_core::{Analysis, SignalKind};
use defuse_storage::{Case, CaseStatus, Escalation, NewEscalation, Role, User};

use crate::audit::{self, Entry};
use crate::error::AppResult;
use crate::state::AppState;

/// Whether `analysis` holds a threat aimed at someone in the client's own words (a threat the
/// client only reports, "he said he'd find me", does not count).
pub fn threatens(analysis: &Analysis) -> bool {
    analysis
        .signals
        .iter()
        .any(|s| s.kind == SignalKind::Threat && !s.quoted)
}

/// Why the case escalated itself, as the escalation records it.
pub fn reason(message_id: i64) -> String {
    format!("Safety: the client threatened harm (message {message_id}); escalated automatically.")
}

/// Escalates `case` after the threatening message `message_id` arrived at `at`, unless the case
/// already carried the flag (it escalated then) or nobody can take it. `recorded_by` is who
/// logged the message; without one, the escalation is recorded as made by its receiver.
pub async fn escalate(
    state: &AppState,
    case: &Case,
    message_id: i64,
    at: DateTime<Utc>,
    recorded_by: Option<i64>,
) -> AppResult<Option<Escalation>> {
    if case.safety_at.is_some() {
        return Ok(None);
    }
    let Some(to) = receiver(state, case.team_id).await? else {
        tracing::warn!(
            case = case.id,
            "a safety threat found nobody to escalate to"
        );
        return Ok(None);
    };
    let escalation = state
        .store
        .add_escalation(NewEscalation {
            case_id: case.id,
            to_user_id: to.id,
            reason: reason(message_id),
            by: recorded_by.unwrap_or(to.id),
            at,
        })
        .await?;
    audit::record(
        state,
        Entry {
            actor: recorded_by,
            action: "case.escalate",
            kind: "case",
            id: Some(case.id),
            detail: format!("safety threat, to user {}", to.id),
        },
    )
    .await;
    Ok(Some(escalation))
}

/// The case as it stands after [`escalate`] handed it to `escalation`'s receiver.
pub fn escalated(case: &mut Case, escalation: &Escalation) {
    case.status = CaseStatus::Escalated;
    case.closed_at = None;
    case.assignee_id = Some(escalation.to_user_id);
}

/// The first supervisor of the team, else the first admin.
async fn receiver(state: &AppState, team_id: i64) -> AppResult<Option<User>> {
    let members = state.store.team_members(team_id).await?;
    if let Some(supervisor) = members.into_iter().find(|u| u.role == Role::Supervisor) {
        return Ok(Some(supervisor));
    }
    let users = state
        .store
        .list_users(defuse_storage::Paging::first(defuse_storage::MAX_LIMIT)?)
        .await?;
    Ok(users.items.into_iter().find(|u| u.role == Role::Admin))
}
