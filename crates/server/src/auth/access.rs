//! Who may do what: role checks and team scoping, each refusal written to the audit log.
//!
//! - Agents see and change the cases of their teams (and everything hanging off those cases).
//! - Supervisors also see cases escalated to them, the audit log and their teams' reports.
//! - Admins see everything and manage users and teams.
//!
//! Clients are a shared directory every signed-in user can read and edit; what is said about
//! their cases (the brief) is cut to the caller's scope. A record outside the caller's scope is
//! answered with 403, not 404: ids are sequential, so hiding existence would protect nothing.

use defuse_storage::{Case, EscalationFilter, Paging, Role};

use super::caller::{Caller, refused};
use crate::error::{AppError, AppResult, NotFoundAs};
use crate::state::AppState;

/// Refuses callers below `min`, naming what they tried in the audit log.
pub async fn require_role(
    state: &AppState,
    caller: &Caller,
    min: Role,
    what: &'static str,
) -> AppResult<()> {
    if caller.at_least(min) {
        return Ok(());
    }
    refused(state, caller, what, None, &format!("needs role {min}")).await;
    Err(AppError::Forbidden(match min {
        Role::Admin => "only an admin may do this",
        _ => "only a supervisor or an admin may do this",
    }))
}

/// The case, if the caller may see and work it.
pub async fn case_in_scope(state: &AppState, caller: &Caller, case_id: i64) -> AppResult<Case> {
    let case = state.store.case(case_id).await.or_missing("case")?;
    if caller.in_team(case.team_id) || escalated_to(state, caller, case_id).await? {
        return Ok(case);
    }
    refused(state, caller, "case", Some(case_id), "case of another team").await;
    Err(AppError::Forbidden(
        "this case belongs to a team you are not in",
    ))
}

/// Refuses work in a team the caller is not in (creating or moving a case there).
pub async fn require_team(state: &AppState, caller: &Caller, team_id: i64) -> AppResult<()> {
    if caller.in_team(team_id) {
        return Ok(());
    }
    refused(
        state,
        caller,
        "team",
        Some(team_id),
        "team the caller is not in",
    )
    .await;
    Err(AppError::Forbidden("you are not in this team"))
}

async fn escalated_to(state: &AppState, caller: &Caller, case_id: i64) -> AppResult<bool> {
    if caller.role() != Role::Supervisor {
        return Ok(false);
    }
    let filter = EscalationFilter {
        case_id: Some(case_id),
        to_user_id: Some(caller.id()),
        ..EscalationFilter::default()
    };
    let page = state
        .store
        .list_escalations(filter, Paging::first(1)?)
        .await?;
    Ok(page.total > 0)
}
