//! What users are told: their notifications (read state per user), the channels and time zone
//! they are told in, and (admins) the jobs that tell them, with dead ones retried by hand.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::Utc;
use defuse_storage::{JobFilter, JobState, Role, UserChannels};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::PageQuery;
use crate::auth::Caller;
use crate::auth::access::require_role;
use crate::dto::{ChannelsOut, JobOut, NotificationOut, PageOut};
use crate::error::{AppError, AppResult, NotFoundAs};
use crate::jobs::{QuietHours, parse_time_zone};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notifications))
        .routes(routes!(unread))
        .routes(routes!(read_notification))
        .routes(routes!(get_channels, put_channels))
        .routes(routes!(list_jobs))
        .routes(routes!(retry_job))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UnreadOut {
    pub unread: i64,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelsIn {
    /// Reminders are mailed here too; null or empty: not by mail.
    pub email: Option<String>,
    /// An IANA zone such as `Europe/Berlin`; due times are shown in it.
    pub time_zone: String,
    /// Supervisors: the local hour (0 to 23) of the daily digest; null or left out: the
    /// server's default (`reminders.digest_hour`).
    #[serde(default)]
    pub digest_hour: Option<i32>,
    /// Whether notifications are mailed too (with an `email`); true when left out.
    #[serde(default = "yes")]
    pub by_email: bool,
    /// Whether notifications are posted to the webhook too; true when left out.
    #[serde(default = "yes")]
    pub by_webhook: bool,
    /// Such as `22:00-07:00` in `time_zone`: mail and posts then wait for the end (the
    /// console does not); null or empty: none.
    #[serde(default)]
    pub quiet_hours: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobQuery {
    /// `queued`, `running`, `done` or `dead`; all when left out.
    pub state: Option<String>,
}

#[utoipa::path(get, path = "/notifications", tag = "notifications", params(PageQuery), responses((status = 200, body = PageOut<NotificationOut>)))]
pub async fn list_notifications(
    State(state): State<AppState>,
    caller: Caller,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<NotificationOut>>> {
    let paging = page.paging()?;
    let notes = state.store.list_notifications(caller.id(), paging).await?;
    Ok(ApiJson(PageOut::new(notes, paging, NotificationOut::from)))
}

#[utoipa::path(get, path = "/notifications/unread", tag = "notifications", responses((status = 200, body = UnreadOut)))]
pub async fn unread(
    State(state): State<AppState>,
    caller: Caller,
) -> AppResult<ApiJson<UnreadOut>> {
    let unread = state.store.unread_notifications(caller.id()).await?;
    Ok(ApiJson(UnreadOut { unread }))
}

#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications", params(("id" = i64, Path)), responses((status = 204)))]
pub async fn read_notification(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    state
        .store
        .read_notification(caller.id(), id, Utc::now())
        .await
        .or_missing("notification")?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/me/channels", tag = "notifications", responses((status = 200, body = ChannelsOut)))]
pub async fn get_channels(
    State(state): State<AppState>,
    caller: Caller,
) -> AppResult<ApiJson<ChannelsOut>> {
    let channels = match state.store.user_channels(caller.id()).await {
        Err(defuse_storage::StoreError::NotFound) => UserChannels {
            user_id: caller.id(),
            email: None,
            time_zone: "UTC".into(),
            digest_hour: None,
            by_email: true,
            by_webhook: true,
            quiet_hours: None,
        },
        other => other?,
    };
    Ok(ApiJson(channels.into()))
}

#[utoipa::path(put, path = "/me/channels", tag = "notifications", request_body = ChannelsIn, responses((status = 200, body = ChannelsOut)))]
pub async fn put_channels(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ChannelsIn>,
) -> AppResult<ApiJson<ChannelsOut>> {
    let channels = UserChannels {
        user_id: caller.id(),
        email: parse_email(body.email)?,
        time_zone: parse_time_zone(&body.time_zone)
            .map_err(|why| AppError::invalid("time_zone", why))?
            .name()
            .to_owned(),
        digest_hour: parse_digest_hour(body.digest_hour)?,
        by_email: body.by_email,
        by_webhook: body.by_webhook,
        quiet_hours: parse_quiet_hours(body.quiet_hours)?,
    };
    Ok(ApiJson(
        state.store.put_user_channels(channels).await?.into(),
    ))
}

fn parse_quiet_hours(quiet: Option<String>) -> AppResult<Option<String>> {
    match quiet.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => QuietHours::parse(text)
            .map(|q| Some(q.to_string()))
            .map_err(|why| AppError::invalid("quiet_hours", why)),
    }
}

fn parse_digest_hour(hour: Option<i32>) -> AppResult<Option<i32>> {
    match hour {
        Some(h) if !(0..=23).contains(&h) => Err(AppError::invalid(
            "digest_hour",
            format!("must be an hour from 0 to 23, got {h}"),
        )),
        other => Ok(other),
    }
}

/// An address mail can go to, or none for empty.
fn parse_email(email: Option<String>) -> AppResult<Option<String>> {
    let Some(email) = email.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    email
        .parse::<lettre::Address>()
        .map_err(|_| AppError::invalid("email", format!("{email:?} is not a mail address")))?;
    Ok(Some(email))
}

#[utoipa::path(get, path = "/jobs", tag = "jobs", params(JobQuery, PageQuery), responses((status = 200, body = PageOut<JobOut>)))]
pub async fn list_jobs(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<JobQuery>,
    Query(page): Query<PageQuery>,
) -> AppResult<ApiJson<PageOut<JobOut>>> {
    require_role(&state, &caller, Role::Admin, "job").await?;
    let paging = page.paging()?;
    let state_filter = query
        .state
        .map(|name| JobState::parse(&name))
        .transpose()
        .map_err(|_| AppError::invalid("state", "use queued, running, done or dead"))?;
    let filter = JobFilter {
        state: state_filter,
    };
    let jobs = state.store.list_jobs(filter, paging).await?;
    Ok(ApiJson(PageOut::new(jobs, paging, JobOut::from)))
}

#[utoipa::path(post, path = "/jobs/{id}/retry", tag = "jobs", params(("id" = i64, Path)), responses((status = 200, body = JobOut)))]
pub async fn retry_job(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<JobOut>> {
    require_role(&state, &caller, Role::Admin, "job").await?;
    let job = state
        .store
        .retry_job(id, Utc::now())
        .await
        .or_missing("job")?;
    Ok(ApiJson(job.into()))
}
