//! The agent console: server-rendered HTML pages (maud) over the same store, auth and coaching
//! as the JSON API, with a small script of our own for the live parts.
//!
//! # Layout
//! - [`layout`]: the page shell, navigation and small shared pieces (badges, times).
//! - [`highlight`]: client text split into escaped segments with the evidence marked.
//! - [`chart`]: the hostility-over-the-conversation SVG; [`bars`]: a report chart as SVG bars
//!   and as a table.
//! - One module per page: [`sign_in`], [`inbox`], [`new_case`], [`case`] (with [`case_work`]),
//!   [`client`], [`follow_ups`], [`notifications`], [`reports`] (with the cases behind a figure
//!   and CSV), [`reflection`] (on a finished case), [`coaching`], [`try_it`], [`admin`],
//!   [`jobs`] (dead jobs, for admins), [`digest`] (team leads: the digest and response
//!   targets), [`account`], [`chatwoot_app`], [`message_source`] (a message as it came in from
//!   outside).
//!
//! Pages only read. Every change goes through the JSON API from `console.js` with the session's
//! CSRF token in `X-CSRF-Token`, so the console and integrations share one set of rules; the one
//! HTML form the server itself answers (`POST /try`) checks the token from a form field.
//! Every response of this router carries a strict Content-Security-Policy: no inline script,
//! no inline handler, nothing from another site, and no page in another site's frame, except
//! that the case page, the sign-in page and [`chatwoot_app`] may be framed by the one Chatwoot
//! origin an admin configured (`helpdesk.chatwoot.dashboard_app`), for a Dashboard App beside
//! the conversation.

pub mod account;
pub mod admin;
pub mod bars;
pub mod case;
pub mod case_work;
pub mod chart;
pub mod chatwoot_app;
pub mod client;
pub mod coaching;
pub mod digest;
pub mod follow_ups;
pub mod highlight;
pub mod inbox;
pub mod jobs;
pub mod layout;
pub mod message_source;
pub mod new_case;
pub mod notifications;
pub mod promises;
pub mod reflection;
pub mod reports;
pub mod sign_in;
pub mod try_it;

use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::auth::{Caller, authenticate};
use crate::error::AppError;
use crate::state::AppState;

/// The policy every console response carries.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

const STYLESHEET: &str = include_str!("../../assets/console.css");
const SCRIPT: &str = include_str!("../../assets/console.js");

/// The console's routes, to merge into the application.
pub fn router(state: &AppState) -> Router<AppState> {
    let framing = Framing::from_settings(&state.settings);
    Router::new()
        .route("/", get(inbox::page))
        .route("/login", get(sign_in::page))
        .route("/cases/new", get(new_case::page))
        .route("/cases/{id}", get(case::page))
        .route(
            "/cases/{case_id}/messages/{id}/source",
            get(message_source::page),
        )
        .route("/chatwoot", get(chatwoot_app::page))
        .route(
            "/chatwoot/conversations/{account}/{id}",
            get(chatwoot_app::conversation),
        )
        .route("/clients/{id}", get(client::page))
        .route("/follow-ups", get(follow_ups::page))
        .route("/notifications", get(notifications::page))
        .route("/reports", get(reports::page))
        .route("/reports/cases", get(reports::cases))
        .route("/reports.csv", get(reports::csv))
        .route("/coaching", get(coaching::page))
        .route("/try", get(try_it::page).post(try_it::submit))
        .route("/admin", get(admin::page))
        .route("/admin/jobs", get(jobs::page))
        .route("/digest", get(digest::page))
        .route("/account", get(account::page))
        .route(
            "/assets/console.css",
            get(|| async { asset("text/css; charset=utf-8", STYLESHEET) }),
        )
        .route(
            "/assets/console.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .layer(axum::middleware::from_fn_with_state(
            framing,
            security_headers,
        ))
}

/// Who may show which pages in a frame: nobody, or the configured Chatwoot origin for the
/// Dashboard App's pages, the case page and the sign-in page (where a framed page sends a
/// signed-out agent).
#[derive(Clone)]
struct Framing {
    /// The policy of a page that origin may frame; `None` when no page may be framed.
    framed: Option<HeaderValue>,
}

impl Framing {
    fn from_settings(settings: &crate::Settings) -> Framing {
        let framed = settings
            .helpdesk
            .chatwoot
            .frame_origin()
            .and_then(|origin| {
                let policy = CONTENT_SECURITY_POLICY.replace(
                    "frame-ancestors 'none'",
                    &format!("frame-ancestors {origin}"),
                );
                HeaderValue::from_str(&policy).ok()
            });
        Framing { framed }
    }

    /// The policy for a page at `path`, and whether it may be framed at all.
    fn policy(&self, path: &str) -> (HeaderValue, bool) {
        // A case's pages: `/cases/{id}` and the messages under it, never `/cases/new`.
        let case_page = path
            .strip_prefix("/cases/")
            .and_then(|rest| rest.split('/').next())
            .is_some_and(|id| id.bytes().all(|b| b.is_ascii_digit()) && !id.is_empty());
        let app = path == "/chatwoot" || path.starts_with("/chatwoot/conversations/");
        match &self.framed {
            Some(framed) if case_page || app || path == "/login" => (framed.clone(), true),
            _ => (HeaderValue::from_static(CONTENT_SECURITY_POLICY), false),
        }
    }
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn security_headers(
    State(framing): State<Framing>,
    request: Request,
    next: Next,
) -> Response {
    let (policy, framed) = framing.policy(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    // X-Frame-Options cannot name an origin; the policy's frame-ancestors says it instead.
    if !framed {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

/// The signed-in user of a page; anyone else is sent to the sign-in page.
pub struct SignedIn(pub Caller);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<SignedIn, Response> {
        match authenticate(&parts.headers, state).await {
            Ok(Some(caller)) => Ok(SignedIn(caller)),
            Ok(None) | Err(AppError::Unauthenticated) => {
                Err(Redirect::to("/login").into_response())
            }
            Err(e) => Err(PageError(e).into_response()),
        }
    }
}

/// A failed page: the same error as the API's, shown as a page.
pub struct PageError(pub AppError);

pub type PageResult<T = maud::Markup> = Result<T, PageError>;

/// The time zone `user_id` reads times in: theirs, else UTC.
pub async fn time_zone(store: &dyn defuse_storage::Store, user_id: i64) -> PageResult<String> {
    match store.user_channels(user_id).await {
        Ok(channels) => Ok(channels.time_zone),
        Err(defuse_storage::StoreError::NotFound) => Ok("UTC".to_owned()),
        Err(e) => Err(AppError::from(e).into()),
    }
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> PageError {
        PageError(e)
    }
}

impl From<defuse_storage::StoreError> for PageError {
    fn from(e: defuse_storage::StoreError) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status_and_code().0;
        let message = self.0.to_string();
        let retry_after = self.0.retry_after();
        // The internal cause still reaches the logging middleware through the API error's response.
        let logged = match self.0 {
            AppError::Internal(_) => Some(self.0.into_response()),
            _ => None,
        };
        let mut response = (status, layout::error_page(status, &message)).into_response();
        crate::error::set_retry_after(&mut response, retry_after);
        if let Some(logged) = logged {
            response
                .extensions_mut()
                .extend(logged.extensions().clone());
        }
        response
    }
}
