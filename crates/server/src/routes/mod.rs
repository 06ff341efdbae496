//! The JSON API under `/api/v1`, one module per resource, and what they share: paging,
//! parsing of enum names, and the OpenAPI document.

mod analyze;
mod auth;
pub(crate) mod brief;
mod case_work;
pub(crate) mod cases;
mod clients;
pub(crate) mod follow_ups;
mod hooks;
mod log;
mod messages;
mod notify;
mod reports;
mod response;
mod teams;
mod tokens;
mod users;

use defuse_storage::{CaseStatus, FollowUpStatus, Paging, Role};
use serde::Deserialize;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "defuse", description = "Cases of difficult clients, with analysis and coaching of every message."),
    modifiers(&Security),
    security(("bearer" = []), ("session" = []))
)]
struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// Every API route, with its OpenAPI description, relative to `/api/v1`.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(auth::router())
        .merge(tokens::router())
        .merge(users::router())
        .merge(teams::router())
        .merge(response::router())
        .merge(clients::router())
        .merge(brief::router())
        .merge(cases::router())
        .merge(messages::router())
        .merge(case_work::router())
        .merge(follow_ups::router())
        .merge(notify::router())
        .merge(log::router())
        .merge(reports::router())
        .merge(analyze::router())
        .merge(hooks::router())
}

/// `?limit=&offset=` of a list; 50 from the start by default.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1 to 500.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl PageQuery {
    pub fn paging(&self) -> AppResult<Paging> {
        Ok(Paging::new(
            self.limit.unwrap_or(50),
            self.offset.unwrap_or(0),
        )?)
    }
}

/// Reads an enum name sent by a client, naming the field when it is not one of the names.
fn parse_named<T>(
    field: &'static str,
    value: &str,
    parse: impl Fn(&str) -> Result<T, defuse_storage::UnknownName>,
) -> AppResult<T> {
    parse(value).map_err(|e| AppError::invalid(field, e.to_string()))
}

pub fn parse_role(value: &str) -> AppResult<Role> {
    parse_named("role", value, Role::parse)
}

pub fn parse_status(value: &str) -> AppResult<CaseStatus> {
    parse_named("status", value, CaseStatus::parse)
}

pub fn parse_follow_up_status(value: &str) -> AppResult<FollowUpStatus> {
    parse_named("status", value, FollowUpStatus::parse)
}

/// A text field that must not be blank, trimmed.
pub fn required<'a>(field: &'static str, value: &'a str) -> AppResult<&'a str> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(AppError::invalid(field, "must not be empty"));
    }
    Ok(trimmed)
}
