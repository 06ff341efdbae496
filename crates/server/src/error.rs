//! `AppError`: every way a request can fail, and its JSON form `{"error": {"code", "message", "field"}}`.
//!
//! A 500 never shows what went wrong inside: the response says only that something failed, and
//! the cause travels in a response extension to [`log_server_errors`], which logs it with `tracing`.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request is malformed: bad JSON, an unknown field, a value out of range.
    #[error("{message}")]
    Invalid {
        message: String,
        field: Option<String>,
    },
    /// No credentials, or credentials that are wrong or expired.
    #[error("sign in first")]
    Unauthenticated,
    /// A webhook delivery without a valid, fresh signature: says which problem it has.
    #[error("{0}")]
    Unsigned(String),
    /// Wrong username or password (kept vague on purpose: it does not say which).
    #[error("wrong username or password")]
    BadCredentials,
    /// Signed in, but this role or team may not do this.
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("too many attempts; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    /// The body is larger than the server reads.
    #[error("the body is too large")]
    TooLarge,
    /// An `Idempotency-Key` sent again with a different request.
    #[error("this Idempotency-Key was used with a different request")]
    KeyReused,
    /// Every analysis worker is busy and the queue is full.
    #[error("the service is busy; try again in {retry_after} seconds")]
    Busy { retry_after: u64 },
    /// Anything else. Its cause is logged, never sent.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

/// Names the missing record of a store lookup: `case not found` rather than `record not found`.
pub trait NotFoundAs<T> {
    fn or_missing(self, what: &'static str) -> AppResult<T>;
}

impl<T> NotFoundAs<T> for Result<T, defuse_storage::StoreError> {
    fn or_missing(self, what: &'static str) -> AppResult<T> {
        self.map_err(|e| match e {
            defuse_storage::StoreError::NotFound => AppError::NotFound(what),
            other => other.into(),
        })
    }
}

/// The body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid`, `unauthenticated`, `forbidden`, `not_found`, ...
    pub code: &'static str,
    /// For a person to read.
    pub message: String,
    /// The request field at fault, when there is one (`body.subject`, `turns[0].text`).
    pub field: Option<String>,
}

/// The internal cause of a 500, carried to the logging middleware.
#[derive(Clone)]
struct InternalCause(Arc<anyhow::Error>);

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Invalid {
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// Seconds to wait before trying again, for refusals that pass with time.
    pub(crate) fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooManyRequests { retry_after } | AppError::Busy { retry_after } => {
                Some(*retry_after)
            }
            _ => None,
        }
    }

    /// The HTTP status and the stable code of this error.
    pub(crate) fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::Invalid { .. } => (StatusCode::BAD_REQUEST, "invalid"),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            AppError::BadCredentials => (StatusCode::UNAUTHORIZED, "bad_credentials"),
            AppError::Unsigned(_) => (StatusCode::UNAUTHORIZED, "bad_signature"),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            AppError::TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            AppError::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            AppError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            AppError::KeyReused => (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

/// Sets `Retry-After` on a refusal that passes with time (rate limits, a full analysis pool).
pub(crate) fn set_retry_after(response: &mut Response, seconds: Option<u64>) {
    if let Some(seconds) = seconds {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let field = match &self {
            AppError::Invalid { field, .. } => field.clone(),
            AppError::KeyReused => Some("Idempotency-Key".to_owned()),
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message: self.to_string(),
                field,
            },
        };
        let mut response = (status, axum::Json(body)).into_response();
        set_retry_after(&mut response, self.retry_after());
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            AppError::Internal(cause) => {
                response
                    .extensions_mut()
                    .insert(InternalCause(Arc::new(cause)));
            }
            _ => {}
        }
        response
    }
}

/// A field of a sent conversation that cannot be read is the caller's mistake, named.
impl From<defuse_wire::FieldError> for AppError {
    fn from(e: defuse_wire::FieldError) -> AppError {
        AppError::invalid(e.field, e.message)
    }
}

impl From<defuse_storage::StoreError> for AppError {
    fn from(e: defuse_storage::StoreError) -> AppError {
        use defuse_storage::StoreError;
        match e {
            StoreError::NotFound => AppError::NotFound("record"),
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::Invalid { field, message } => AppError::invalid(field, message),
            StoreError::Other(e) => AppError::Internal(e),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> AppError {
        AppError::Internal(e)
    }
}

/// Logs the hidden cause of every 500 with the request it answered.
pub async fn log_server_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if let Some(InternalCause(cause)) = response.extensions().get::<InternalCause>() {
        tracing::error!(%method, %path, error = ?cause, "request failed");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    async fn render(e: AppError) -> (StatusCode, serde_json::Value) {
        let response = e.into_response();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn internal_errors_do_not_leak() {
        let (status, body) = render(AppError::Internal(anyhow::anyhow!(
            "password=hunter2 at db:5432"
        )))
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body["error"]["code"], "internal");
        assert!(!body.to_string().contains("hunter2"));
    }

    #[tokio::test]
    async fn invalid_names_the_field() {
        let (status, body) = render(AppError::invalid("subject", "must not be empty")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["error"]["field"], "subject");
        assert_eq!(body["error"]["message"], "must not be empty");
    }

    #[tokio::test]
    async fn each_kind_has_its_status() {
        for (e, status) in [
            (AppError::Unauthenticated, StatusCode::UNAUTHORIZED),
            (AppError::Forbidden("no"), StatusCode::FORBIDDEN),
            (AppError::NotFound("case"), StatusCode::NOT_FOUND),
            (AppError::Conflict("taken".into()), StatusCode::CONFLICT),
            (
                AppError::TooManyRequests { retry_after: 3 },
                StatusCode::TOO_MANY_REQUESTS,
            ),
        ] {
            let (got, body) = render(e).await;
            assert_eq!(got, status);
            assert!(body["error"]["field"].is_null());
        }
    }
}
