//! The work recorded on a case: boundary steps, escalations, agreed actions, the case
//! documentation and the reflection after closing. All scoped through the case.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::Utc;
use defuse_storage::{
    DocumentationFields, EscalationFilter, NewAgreedAction, NewBoundaryEvent, NewEscalation,
    ReflectionFields, Role,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{PageQuery, required};
use crate::audit;
use crate::auth::Caller;
use crate::auth::access::case_in_scope;
use crate::dto::{
    AgreedActionOut, BoundaryEventOut, DocumentationOut, EscalationOut, PageOut, ReflectionOut,
};
use crate::error::{AppError, AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_boundary_events, add_boundary_event))
        .routes(routes!(acknowledge_boundary_event))
        .routes(routes!(list_case_escalations, escalate))
        .routes(routes!(my_escalations))
        .routes(routes!(list_agreed_actions, add_agreed_action))
        .routes(routes!(get_documentation, put_documentation))
        .routes(routes!(get_reflection, put_reflection))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BoundaryEventIn {
    /// 1 name the behaviour, 2 final warning with the consequence, 3 hand over or end.
    pub step: i32,
    pub message_id: Option<i64>,
    /// Spans and signals that called for the step.
    #[schema(value_type = Option<Object>)]
    pub evidence: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationIn {
    pub to_user_id: i64,
    pub reason: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreedActionIn {
    pub text: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentationIn {
    #[serde(default)]
    pub concerns: String,
    #[serde(default)]
    pub steps_taken: String,
    #[serde(default)]
    pub agreed: String,
    #[serde(default)]
    pub outcome: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReflectionIn {
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub do_differently: String,
}

#[utoipa::path(get, path = "/cases/{id}/boundary-events", tag = "case work", params(("id" = i64, Path)), responses((status = 200, body = Vec<BoundaryEventOut>)))]
pub async fn list_boundary_events(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<Vec<BoundaryEventOut>>> {
    case_in_scope(&state, &caller, id).await?;
    Ok(ApiJson(
        state
            .store
            .list_boundary_events(id)
            .await?
            .into_iter()
            .map(BoundaryEventOut::from)
            .collect(),
    ))
}

/// Records a boundary step taken by hand (inbound messages that cross one record it themselves).
#[utoipa::path(post, path = "/cases/{id}/boundary-events", tag = "case work", params(("id" = i64, Path)), request_body = BoundaryEventIn, responses((status = 201, body = BoundaryEventOut)))]
pub async fn add_boundary_event(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<BoundaryEventIn>,
) -> AppResult<(StatusCode, ApiJson<BoundaryEventOut>)> {
    case_in_scope(&state, &caller, id).await?;
    if !(1..=3).contains(&body.step) {
        return Err(AppError::invalid("step", "must be 1, 2 or 3"));
    }
    if let Some(message_id) = body.message_id {
        let message = state
            .store
            .message(message_id)
            .await
            .or_missing("message")?;
        if message.case_id != id {
            return Err(AppError::invalid(
                "message_id",
                "the message belongs to another case",
            ));
        }
    }
    let evidence = with_recorder(body.evidence, caller.id());
    let new = NewBoundaryEvent {
        case_id: id,
        step: body.step,
        message_id: body.message_id,
        evidence_json: evidence.to_string(),
        at: Utc::now(),
    };
    let event = state.store.add_boundary_event(new).await?;
    audit::act(
        &state,
        &caller,
        "boundary.create",
        "case",
        Some(id),
        format!("step {}", body.step),
    )
    .await;
    Ok((StatusCode::CREATED, ApiJson(event.into())))
}

#[utoipa::path(post, path = "/cases/{id}/boundary-events/{event_id}/acknowledge", tag = "case work", params(("id" = i64, Path), ("event_id" = i64, Path)), responses((status = 200, body = BoundaryEventOut)))]
pub async fn acknowledge_boundary_event(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, event_id)): Path<(i64, i64)>,
) -> AppResult<ApiJson<BoundaryEventOut>> {
    case_in_scope(&state, &caller, id).await?;
    if !state
        .store
        .list_boundary_events(id)
        .await?
        .iter()
        .any(|e| e.id == event_id)
    {
        return Err(AppError::NotFound("boundary event"));
    }
    let event = state
        .store
        .acknowledge_boundary_event(event_id, caller.id(), Utc::now())
        .await?;
    audit::act(
        &state,
        &caller,
        "boundary.acknowledge",
        "case",
        Some(id),
        format!("event {event_id}"),
    )
    .await;
    Ok(ApiJson(event.into()))
}

#[utoipa::path(get, path = "/cases/{id}/escalations", tag = "case work", params(("id" = i64, Path)), responses((status = 200, body = Vec<EscalationOut>)))]
pub async fn list_case_escalations(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<Vec<EscalationOut>>> {
    case_in_scope(&state, &caller, id).await?;
    let filter = EscalationFilter {
        case_id: Some(id),
        ..EscalationFilter::default()
    };
    let page = state
        .store
        .list_escalations(
            filter,
            defuse_storage::Paging::first(defuse_storage::MAX_LIMIT)?,
        )
        .await?;
    Ok(ApiJson(
        page.items.into_iter().map(EscalationOut::from).collect(),
    ))
}

/// Hands the case up to a supervisor or admin; the case becomes `escalated`.
#[utoipa::path(post, path = "/cases/{id}/escalations", tag = "case work", params(("id" = i64, Path)), request_body = EscalationIn, responses((status = 201, body = EscalationOut)))]
pub async fn escalate(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<EscalationIn>,
) -> AppResult<(StatusCode, ApiJson<EscalationOut>)> {
    case_in_scope(&state, &caller, id).await?;
    let to = state
        .store
        .user(body.to_user_id)
        .await
        .map_err(|_| AppError::invalid("to_user_id", "no such user"))?;
    if to.role == Role::Agent {
        return Err(AppError::invalid(
            "to_user_id",
            "escalate to a supervisor or an admin",
        ));
    }
    let reason = required("reason", &body.reason)?.to_owned();
    let escalation = state
        .store
        .add_escalation(NewEscalation {
            case_id: id,
            to_user_id: to.id,
            reason,
            by: caller.id(),
            at: Utc::now(),
        })
        .await?;
    audit::act(
        &state,
        &caller,
        "case.escalate",
        "case",
        Some(id),
        format!("to user {}", to.id),
    )
    .await;
    Ok((StatusCode::CREATED, ApiJson(escalation.into())))
}

/// Escalations handed to the caller, newest first.
#[utoipa::path(get, path = "/escalations", tag = "case work", params(PageQuery), responses((status = 200, body = PageOut<EscalationOut>)))]
pub async fn my_escalations(
    State(state): State<AppState>,
    caller: Caller,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<EscalationOut>>> {
    let paging = page.paging()?;
    let filter = EscalationFilter {
        to_user_id: Some(caller.id()),
        ..EscalationFilter::default()
    };
    Ok(ApiJson(PageOut::new(
        state.store.list_escalations(filter, paging).await?,
        paging,
        EscalationOut::from,
    )))
}

#[utoipa::path(get, path = "/cases/{id}/agreed-actions", tag = "case work", params(("id" = i64, Path)), responses((status = 200, body = Vec<AgreedActionOut>)))]
pub async fn list_agreed_actions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<Vec<AgreedActionOut>>> {
    case_in_scope(&state, &caller, id).await?;
    Ok(ApiJson(
        state
            .store
            .list_agreed_actions(id)
            .await?
            .into_iter()
            .map(AgreedActionOut::from)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/cases/{id}/agreed-actions", tag = "case work", params(("id" = i64, Path)), request_body = AgreedActionIn, responses((status = 201, body = AgreedActionOut)))]
pub async fn add_agreed_action(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AgreedActionIn>,
) -> AppResult<(StatusCode, ApiJson<AgreedActionOut>)> {
    case_in_scope(&state, &caller, id).await?;
    let text = required("text", &body.text)?.to_owned();
    let action = state
        .store
        .add_agreed_action(NewAgreedAction {
            case_id: id,
            text,
            by: caller.id(),
            at: Utc::now(),
        })
        .await?;
    audit::act(&state, &caller, "case.agree", "case", Some(id), "").await;
    Ok((StatusCode::CREATED, ApiJson(action.into())))
}

#[utoipa::path(get, path = "/cases/{id}/documentation", tag = "case work", params(("id" = i64, Path)), responses((status = 200, body = DocumentationOut)))]
pub async fn get_documentation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<DocumentationOut>> {
    case_in_scope(&state, &caller, id).await?;
    Ok(ApiJson(
        state
            .store
            .documentation(id)
            .await
            .or_missing("documentation")?
            .into(),
    ))
}

#[utoipa::path(put, path = "/cases/{id}/documentation", tag = "case work", params(("id" = i64, Path)), request_body = DocumentationIn, responses((status = 200, body = DocumentationOut)))]
pub async fn put_documentation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<DocumentationIn>,
) -> AppResult<ApiJson<DocumentationOut>> {
    case_in_scope(&state, &caller, id).await?;
    let fields = DocumentationFields {
        concerns: body.concerns,
        steps_taken: body.steps_taken,
        agreed: body.agreed,
        outcome: body.outcome,
        by: caller.id(),
        at: Utc::now(),
    };
    let doc = state.store.put_documentation(id, fields).await?;
    audit::act(&state, &caller, "case.document", "case", Some(id), "").await;
    Ok(ApiJson(doc.into()))
}

#[utoipa::path(get, path = "/cases/{id}/reflection", tag = "case work", params(("id" = i64, Path)), responses((status = 200, body = ReflectionOut)))]
pub async fn get_reflection(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<ReflectionOut>> {
    case_in_scope(&state, &caller, id).await?;
    Ok(ApiJson(
        state
            .store
            .reflection(id)
            .await
            .or_missing("reflection")?
            .into(),
    ))
}

/// What went well and what to do differently; only once the case is resolved or closed.
#[utoipa::path(put, path = "/cases/{id}/reflection", tag = "case work", params(("id" = i64, Path)), request_body = ReflectionIn, responses((status = 200, body = ReflectionOut), (status = 409, body = crate::error::ErrorBody)))]
pub async fn put_reflection(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ReflectionIn>,
) -> AppResult<ApiJson<ReflectionOut>> {
    let case = case_in_scope(&state, &caller, id).await?;
    if !case.status.is_finished() {
        return Err(AppError::Conflict(
            "reflect once the case is resolved or closed".into(),
        ));
    }
    let fields = ReflectionFields {
        went_well: body.went_well,
        do_differently: body.do_differently,
        by: caller.id(),
        at: Utc::now(),
    };
    let reflection = state.store.put_reflection(id, fields).await?;
    audit::act(&state, &caller, "case.reflect", "case", Some(id), "").await;
    Ok(ApiJson(reflection.into()))
}

/// The evidence a caller sent for a boundary event, with `recorded_by` set to who sent it: a
/// field the server sets is never taken from the body (evidence that is not an object is kept
/// under `given`).
fn with_recorder(evidence: Option<serde_json::Value>, caller: i64) -> serde_json::Value {
    let mut fields = match evidence {
        Some(serde_json::Value::Object(fields)) => fields,
        Some(other) => serde_json::Map::from_iter([("given".to_owned(), other)]),
        None => serde_json::Map::new(),
    };
    fields.insert("recorded_by".to_owned(), caller.into());
    serde_json::Value::Object(fields)
}
