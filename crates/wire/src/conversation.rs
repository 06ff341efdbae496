//! The conversation a caller sends to be coached, or to check a draft against: the one JSON
//! shape `POST /api/v1/coach` and `/check-reply` read and `defuse coach FILE.json` reads.
//!
//! A turn's time is RFC 3339, a local `YYYY-MM-DD HH:MM` read in the conversation's offset, or
//! unix seconds; a turn without one happened now. The offset is `utc_offset` (`timezone` is
//! accepted for it).

use defuse_core::coach::{Conversation, Role, Timestamp, Turn, UtcOffset};
use serde::Deserialize;
use std::fmt;

/// A conversation as sent: its turns, oldest first, and the offset its times are read in.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConversationIn {
    /// The conversation so far, oldest first.
    pub turns: Vec<TurnIn>,
    /// `+01:00`, `-0530`, `Z`; default UTC.
    #[serde(default, alias = "timezone")]
    pub utc_offset: Option<String>,
    /// What the agent has found or will do, each as they would say it to the client; the
    /// suggested reply tells them. Never analysed as a turn.
    #[serde(default)]
    pub found: Vec<String>,
}

/// One turn as sent.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TurnIn {
    /// `client` or `agent`.
    pub role: String,
    pub text: String,
    /// When it was said; defaults to now.
    #[serde(default)]
    pub at: Option<TimeIn>,
}

/// A time as sent: unix seconds, or text that [`Timestamp::parse`] reads.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum TimeIn {
    Seconds(i64),
    Text(String),
}

/// A field of the sent conversation that cannot be read, named by its JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

impl TimeIn {
    /// The instant, reading a local time in `offset`.
    pub fn read(&self, offset: UtcOffset) -> Result<Timestamp, String> {
        match self {
            TimeIn::Seconds(s) => Ok(Timestamp(*s)),
            TimeIn::Text(t) => Timestamp::parse(t, offset).map_err(|e| e.to_string()),
        }
    }
}

/// `utc_offset` read, unless the caller's own `over` wins (a command-line `--timezone`).
pub fn offset(utc_offset: Option<&str>, over: Option<UtcOffset>) -> Result<UtcOffset, FieldError> {
    match (over, utc_offset) {
        (Some(o), _) => Ok(o),
        (None, None) => Ok(UtcOffset::UTC),
        (None, Some(s)) => UtcOffset::parse(s).map_err(|e| FieldError {
            field: "utc_offset".into(),
            message: e.to_string(),
        }),
    }
}

/// The turns as a core conversation in `offset`; a turn without a time happened at `now`.
pub fn conversation(
    turns: Vec<TurnIn>,
    offset: UtcOffset,
    now: Timestamp,
) -> Result<Conversation, FieldError> {
    let turns = turns
        .into_iter()
        .enumerate()
        .map(|(i, t)| t.into_turn(offset, now).map_err(|(f, m)| at_turn(i, f, m)))
        .collect::<Result<Vec<Turn>, FieldError>>()?;
    Ok(Conversation::new(turns, offset))
}

fn at_turn(i: usize, field: &str, message: String) -> FieldError {
    FieldError {
        field: format!("turns[{i}].{field}"),
        message,
    }
}

impl TurnIn {
    fn into_turn(self, offset: UtcOffset, now: Timestamp) -> Result<Turn, (&'static str, String)> {
        let role = Role::parse(&self.role).ok_or(("role", "use client or agent".to_owned()))?;
        let at = match &self.at {
            None => now,
            Some(t) => t.read(offset).map_err(|m| ("at", m))?,
        };
        Ok(Turn {
            role,
            text: self.text,
            at,
        })
    }
}

impl ConversationIn {
    /// The core conversation; `over` replaces the sent offset, `now` stands in for missing times.
    pub fn read(self, over: Option<UtcOffset>, now: Timestamp) -> Result<Conversation, FieldError> {
        let offset = offset(self.utc_offset.as_deref(), over)?;
        if let Some(i) = self.found.iter().position(|f| f.trim().is_empty()) {
            return Err(FieldError {
                field: format!("found[{i}]"),
                message: "empty: say what you found, or leave it out".into(),
            });
        }
        Ok(conversation(self.turns, offset, now)?.with_found(self.found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Conversation, FieldError> {
        serde_json::from_str::<ConversationIn>(json)
            .expect("valid JSON")
            .read(None, Timestamp(1_000))
    }

    #[test]
    fn times_are_seconds_rfc_3339_or_local_in_the_offset() {
        let c = read(
            r#"{"utc_offset": "+01:00", "turns": [
                {"role": "client", "text": "a", "at": 60},
                {"role": "agent", "text": "b", "at": "1970-01-01T02:00:00+01:00"},
                {"role": "client", "text": "c", "at": "1970-01-01 03:00"},
                {"role": "client", "text": "d"}]}"#,
        )
        .unwrap();
        let at: Vec<i64> = c.turns.iter().map(|t| t.at.0).collect();
        assert_eq!(at, [60, 3_600, 7_200, 1_000]);
    }

    #[test]
    fn timezone_is_another_name_for_the_offset_and_the_caller_s_own_wins() {
        let sent: ConversationIn =
            serde_json::from_str(r#"{"timezone": "+02:00", "turns": []}"#).unwrap();
        assert_eq!(
            sent.clone().read(None, Timestamp(0)).unwrap().offset,
            UtcOffset::from_minutes(120).unwrap()
        );
        assert_eq!(
            sent.read(Some(UtcOffset::UTC), Timestamp(0))
                .unwrap()
                .offset,
            UtcOffset::UTC
        );
    }

    #[test]
    fn a_bad_field_is_named_by_its_path() {
        let bad_role =
            read(r#"{"turns": [{"role": "client", "text": "a"}, {"role": "bot", "text": "b"}]}"#);
        assert_eq!(bad_role.unwrap_err().field, "turns[1].role");
        let bad_time = read(r#"{"turns": [{"role": "client", "text": "a", "at": "soon"}]}"#);
        let e = bad_time.unwrap_err();
        assert_eq!(e.field, "turns[0].at");
        assert!(e.message.contains("soon"), "{e}");
        let bad_offset = read(r#"{"utc_offset": "Mars", "turns": []}"#);
        assert_eq!(bad_offset.unwrap_err().field, "utc_offset");
        let empty_finding = read(r#"{"turns": [], "found": ["It shipped.", " "]}"#);
        assert_eq!(empty_finding.unwrap_err().field, "found[1]");
    }

    #[test]
    fn what_the_agent_found_comes_with_the_conversation() {
        let c = read(r#"{"turns": [{"role": "client", "text": "a"}], "found": ["It shipped."]}"#);
        assert_eq!(c.unwrap().found, ["It shipped."]);
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_str::<ConversationIn>(r#"{"turns": [], "tz": "Z"}"#).is_err());
    }
}
