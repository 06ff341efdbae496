//! Reading the audit log (supervisors and admins).

use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use defuse_storage::{AuditFilter, Role};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::PageQuery;
use crate::auth::Caller;
use crate::auth::access::require_role;
use crate::dto::{AuditOut, PageOut};
use crate::error::AppResult;
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub actor_id: Option<i64>,
    /// `login`, `login_failed`, `refused`, `case.update`, ...
    pub action: Option<String>,
    pub record_kind: Option<String>,
    pub record_id: Option<i64>,
    pub since: Option<DateTime<Utc>>,
}

#[utoipa::path(get, path = "/audit", tag = "audit", params(AuditQuery, PageQuery), responses((status = 200, body = PageOut<AuditOut>)))]
pub async fn list_audit(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<AuditQuery>,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<AuditOut>>> {
    require_role(&state, &caller, Role::Supervisor, "audit").await?;
    let paging = page.paging()?;
    let filter = AuditFilter {
        actor_id: q.actor_id,
        action: q.action,
        record_kind: q.record_kind,
        record_id: q.record_id,
        since: q.since,
    };
    Ok(ApiJson(PageOut::new(
        state.store.list_audit(filter, paging).await?,
        paging,
        AuditOut::from,
    )))
}
