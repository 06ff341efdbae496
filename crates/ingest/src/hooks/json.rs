//! Reading fields of a webhook payload by dotted path, with errors that name the path.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::HookError;
use crate::Contact;

pub fn parse(body: &[u8]) -> Result<Value, HookError> {
    serde_json::from_slice(body).map_err(|e| HookError::Malformed(format!("not JSON: {e}")))
}

/// The value at `path` (`conversation.meta.sender.id`), if present and not null.
pub fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(value, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

pub fn require<'v>(value: &'v Value, path: &str) -> Result<&'v Value, HookError> {
    get(value, path).ok_or_else(|| HookError::Malformed(format!("{path}: missing")))
}

/// A string field.
pub fn text<'v>(value: &'v Value, path: &str) -> Result<&'v str, HookError> {
    require(value, path)?
        .as_str()
        .ok_or_else(|| HookError::Malformed(format!("{path}: expected a string")))
}

/// An id, sent as a number or a string.
pub fn id(value: &Value, path: &str) -> Result<String, HookError> {
    match require(value, path)? {
        Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(HookError::Malformed(format!("{path}: expected an id"))),
    }
}

pub fn flag(value: &Value, path: &str) -> bool {
    get(value, path).and_then(Value::as_bool).unwrap_or(false)
}

/// A time, as unix seconds or RFC 3339; absent is `None`.
pub fn time(value: &Value, path: &str) -> Result<Option<DateTime<Utc>>, HookError> {
    let Some(v) = get(value, path) else {
        return Ok(None);
    };
    let parsed = match v {
        Value::Number(n) => n.as_i64().and_then(|s| DateTime::from_timestamp(s, 0)),
        Value::String(s) => DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc)),
        _ => None,
    };
    parsed
        .map(Some)
        .ok_or_else(|| HookError::Malformed(format!("{path}: expected RFC 3339 or unix seconds")))
}

/// The contact at `path` (`{id, name, email}`): named by its name, else its address, else
/// `{label} {id}`.
pub fn contact(value: &Value, path: &str, label: &str) -> Result<Contact, HookError> {
    let key = id(value, &format!("{path}.id"))?;
    let field = |name: &str| get(value, &format!("{path}.{name}")).and_then(Value::as_str);
    let email = field("email").map(str::to_lowercase);
    let name = field("name")
        .filter(|n| !n.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| email.clone())
        .unwrap_or_else(|| format!("{label} {key}"));
    Ok(Contact { key, name, email })
}
