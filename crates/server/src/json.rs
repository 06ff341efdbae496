//! `ApiJson<T>`: the JSON body extractor and responder of the API.
//!
//! Unlike axum's `Json`, a body it cannot read becomes an [`AppError::Invalid`] that names the
//! field at fault (`turns[0].text`) or the line and column of a syntax error, in our error shape.

use axum::extract::{FromRequest, Request};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON request body (read with path-aware errors) or a JSON response.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(AppError::Invalid {
                message: "send the body as application/json".into(),
                field: None,
            });
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                return AppError::TooLarge;
            }
            AppError::Invalid {
                message: format!("could not read the body: {e}"),
                field: None,
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Reads `bytes` as `T`, naming the field or position of the first problem. A string holding
/// a NUL character is refused whatever `T` is: PostgreSQL cannot store one, so no backend does.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    refuse_nul(bytes)?;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let field = named_field(&message)
            .map(|name| join(&path, name))
            .or_else(|| (path != ".").then_some(path));
        AppError::Invalid {
            message: format!("invalid JSON body: {message}"),
            field,
        }
    })?;
    de.end().map_err(|e| AppError::Invalid {
        message: format!("invalid JSON body: {e}"),
        field: None,
    })?;
    Ok(value)
}

/// JSON can carry NUL only as the escape `\u0000`; when the body holds one, finds the string
/// (or key) it decodes into and names its field.
fn refuse_nul(bytes: &[u8]) -> Result<(), AppError> {
    let escaped = bytes
        .windows(6)
        .any(|w| w[..2] == *b"\\u" && w[2..].iter().all(|&b| b == b'0'));
    if !escaped {
        return Ok(());
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Ok(()); // the typed parse names the syntax error
    };
    match nul_path(&value, String::new()) {
        Some(path) => Err(AppError::Invalid {
            message: "text must not contain a NUL character (\\u0000)".into(),
            field: Some(if path.is_empty() { ".".into() } else { path }),
        }),
        None => Ok(()),
    }
}

/// The path (`turns[1].text`) of the first string or key in `value` that holds a NUL.
fn nul_path(value: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => s.contains('\0').then_some(path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_path(v, format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            let inner = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if k.contains('\0') {
                Some(inner)
            } else {
                nul_path(v, inner)
            }
        }),
        _ => None,
    }
}

/// The field named in serde's "unknown field `x`" and "missing field `x`" messages.
fn named_field(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("missing field `"))?;
    rest.split('`').next()
}

/// `path.name`, unless the path already ends at `name` (serde_path_to_error includes an unknown
/// field in the path, but not a missing one).
fn join(path: &str, name: &str) -> String {
    if path == "." {
        name.to_owned()
    } else if path == name || path.ends_with(&format!(".{name}")) {
        path.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use defuse_core::coach::Timestamp;
    use defuse_wire::ConversationIn;
    use proptest::prelude::*;

    /// Anything a caller may send as a conversation: a JSON object with turns of any role, text
    /// and time, and now and then a broken byte.
    fn sent() -> impl Strategy<Value = Vec<u8>> {
        let turn = (
            "\\PC{0,12}",
            "\\PC{0,40}",
            proptest::option::of("\\PC{0,20}"),
        );
        (proptest::collection::vec(turn, 0..4), any::<u8>(), 0usize..64).prop_map(
            |(turns, junk, at)| {
                let turns: Vec<serde_json::Value> = turns
                    .into_iter()
                    .map(|(role, text, at)| serde_json::json!({"role": role, "text": text, "at": at}))
                    .collect();
                let mut bytes = serde_json::to_vec(&serde_json::json!({"turns": turns})).unwrap();
                if junk % 3 == 0 {
                    let at = at.min(bytes.len());
                    bytes.insert(at, junk);
                }
                bytes
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_body_is_read_or_refused_naming_what_is_wrong(bytes in sent()) {
            match parse::<ConversationIn>(&bytes) {
                Ok(c) => {
                    if let Err(e) = c.read(None, Timestamp(0)) {
                        prop_assert!(e.field.starts_with("turns[") || e.field == "utc_offset", "{e}");
                    }
                }
                Err(AppError::Invalid { message, .. }) => prop_assert!(!message.is_empty()),
                Err(other) => prop_assert!(false, "{other:?}"),
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let read = parse::<ConversationIn>(&bytes);
            prop_assert!(matches!(read, Ok(_) | Err(AppError::Invalid { .. })), "{:?}", read.err());
        }
    }

    fn field_of(json: &str) -> (Option<String>, String) {
        match parse::<ConversationIn>(json.as_bytes()).unwrap_err() {
            AppError::Invalid { field, message } => (field, message),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn names_unknown_missing_and_mistyped_fields() {
        assert_eq!(
            field_of(r#"{"turns": [], "extra": 1}"#).0.as_deref(),
            Some("extra")
        );
        assert_eq!(field_of(r#"{}"#).0.as_deref(), Some("turns"));
        assert_eq!(
            field_of(
                r#"{"turns": [{"role": "client", "text": "a"}, {"role": "agent", "text": 5}]}"#
            )
            .0
            .as_deref(),
            Some("turns[1].text")
        );
        assert_eq!(
            field_of(r#"{"turns": [{"role": "client", "text": "a", "x": 1}]}"#)
                .0
                .as_deref(),
            Some("turns[0].x")
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let (_, message) = field_of("{\n\"turns\": [,]}");
        assert!(message.contains("line 2"), "{message}");
        assert!(field_of(r#"{"turns": []} trailing"#).1.contains("trailing"));
    }

    #[test]
    fn a_nul_anywhere_is_refused_by_its_field() {
        assert_eq!(
            field_of(r#"{"turns": [{"text": "a"}, {"text": "b\u0000c"}]}"#),
            (
                Some("turns[1].text".to_owned()),
                "text must not contain a NUL character (\\u0000)".to_owned()
            )
        );
        // An escaped backslash before "u0000" is no NUL.
        let escaped = br#"{"turns": [{"role": "client", "text": "\\u0000"}]}"#;
        assert!(parse::<ConversationIn>(escaped).is_ok());
    }

    #[test]
    fn a_good_body_parses() {
        assert_eq!(
            parse::<ConversationIn>(br#"{"turns": [{"role": "client", "text": "hi"}]}"#)
                .unwrap()
                .turns
                .len(),
            1
        );
    }
}
