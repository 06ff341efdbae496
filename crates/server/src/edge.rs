//! Middleware every request and response passes: what holds for all routes alike.
//!
//! - A query or path that decodes to a NUL character is refused with 400 naming the parameter
//!   (JSON bodies are checked in [`crate::json`]): PostgreSQL cannot store or compare one, and
//!   both backends must answer the same.
//! - Every response carries `X-Content-Type-Options: nosniff` and, unless it says otherwise,
//!   `Cache-Control: no-store` (answers hold personal data and CSRF tokens).
//! - A refusal (any answer but 2xx or 3xx) to a request that came with a body says
//!   `Connection: close`: the handler may not have read the body, and the connection cannot
//!   carry the next request behind unread bytes, so the client is told to open a new one.
//! - Under `/api/`, the plain-text rejections of axum's own extractors (a path or query that
//!   does not parse, a body over the limit, a wrong method) become our JSON error shape.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, ErrorBody, ErrorDetail};

/// The longest plain-text rejection read to be turned into JSON.
const MAX_REJECTION: usize = 64 * 1024;

/// Refuses a request whose query or path carries an encoded NUL (`%00`).
pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if let Some(field) = nul_parameter(uri.path(), uri.query()) {
        return AppError::invalid(field, "must not contain a NUL character (%00)").into_response();
    }
    next.run(request).await
}

/// Adds the headers every response carries, and the JSON shape to API rejections.
pub async fn every_response(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let with_body = has_body(&request);
    let mut response = next.run(request).await;
    if api && is_plain_text(&response) && !response.status().is_success() {
        response = as_json_error(response).await;
    }
    let refused = response.status().is_client_error() || response.status().is_server_error();
    let headers = response.headers_mut();
    if with_body && refused {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Whether the request announced a body (a length above zero, or chunks).
fn has_body(request: &Request) -> bool {
    let headers = request.headers();
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0")
}

fn is_plain_text(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"))
}

/// A plain-text rejection as `{"error": {"code", "message", "field"}}`, same status.
async fn as_json_error(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let text = to_bytes(body, MAX_REJECTION).await.unwrap_or_default();
    let code = match parts.status {
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_server_error() => "internal",
        _ => "invalid",
    };
    let body = ErrorBody {
        error: ErrorDetail {
            code,
            message: String::from_utf8_lossy(&text).into_owned(),
            field: None,
        },
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let json = serde_json::to_vec(&body).unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(json))
}

/// The query parameter (or `path`) whose value or name holds `%00`.
fn nul_parameter(path: &str, query: Option<&str>) -> Option<String> {
    let nul = |s: &str| s.contains("%00");
    if nul(path) {
        return Some("path".to_owned());
    }
    query?
        .split('&')
        .find(|pair| nul(pair))
        .map(|pair| pair.split('=').next().unwrap_or(pair).to_owned())
}

#[cfg(test)]
mod tests {
    use super::nul_parameter;

    #[test]
    fn names_the_parameter_that_holds_a_nul() {
        assert_eq!(
            nul_parameter("/cases", Some("q=a%00b")).as_deref(),
            Some("q")
        );
        assert_eq!(
            nul_parameter("/cases", Some("page=2&status=op%00en")).as_deref(),
            Some("status")
        );
        assert_eq!(nul_parameter("/cases/1%00", None).as_deref(), Some("path"));
        assert_eq!(nul_parameter("/cases", Some("q=100%25")), None);
    }
}
