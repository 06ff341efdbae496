//! Chat exports into messages: CSV rows `conversation,time,role,text` (a header row is
//! optional), or turns the caller already read from a `Client:`/`Agent:` transcript or a JSON
//! `{turns}` file. A bad row is reported by its line number; the good ones are kept.

use std::fmt;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::{Contact, Direction, Incoming, Source, thread};

/// One turn of a chat, before it becomes an [`Incoming`].
#[derive(Debug, Clone, PartialEq)]
pub struct ChatTurn {
    /// The export's id of the conversation (for a transcript file, its name).
    pub conversation: String,
    pub at: Option<DateTime<Utc>>,
    pub direction: Direction,
    pub text: String,
    /// 1-based line of the file it starts on.
    pub line: usize,
}

/// A row that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Reads a CSV export: the rows that could be read, and an error for each one that could not.
pub fn read_csv(text: &str) -> (Vec<ChatTurn>, Vec<RowError>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let (mut turns, mut errors) = (Vec::new(), Vec::new());
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 1, |p| p.line() as usize);
        let parsed = record.map_err(|e| e.to_string()).and_then(|r| {
            if i == 0 && is_header(&r) {
                Ok(None)
            } else {
                row(&r, line).map(Some)
            }
        });
        match parsed {
            Ok(Some(turn)) => turns.push(turn),
            Ok(None) => {}
            Err(message) => errors.push(RowError { line, message }),
        }
    }
    (turns, errors)
}

fn is_header(record: &csv::StringRecord) -> bool {
    record
        .get(0)
        .is_some_and(|f| f.trim().eq_ignore_ascii_case("conversation"))
}

fn row(record: &csv::StringRecord, line: usize) -> Result<ChatTurn, String> {
    if record.len() != 4 {
        return Err(format!(
            "expected 4 columns (conversation, time, role, text), found {}",
            record.len()
        ));
    }
    let conversation = record[0].trim();
    if conversation.is_empty() {
        return Err("conversation: empty".into());
    }
    let at = match record[1].trim() {
        "" => None,
        time => Some(parse_time(time).map_err(|e| format!("time: {e}"))?),
    };
    let direction = parse_role(&record[2]).map_err(|e| format!("role: {e}"))?;
    let text = record[3].trim();
    if text.is_empty() {
        return Err("text: empty".into());
    }
    Ok(ChatTurn {
        conversation: conversation.to_owned(),
        at,
        direction,
        text: text.to_owned(),
        line,
    })
}

/// RFC 3339 (`2026-12-05T10:00:00Z`) or whole unix seconds.
pub fn parse_time(time: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(seconds) = time.parse::<i64>() {
        return DateTime::from_timestamp(seconds, 0)
            .ok_or_else(|| format!("{seconds} is out of range"));
    }
    DateTime::parse_from_rfc3339(time)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{time:?} is neither RFC 3339 nor unix seconds ({e})"))
}

/// `client` (or `customer`, `contact`) is inbound; `agent` is outbound.
pub fn parse_role(role: &str) -> Result<Direction, String> {
    match role.trim().to_lowercase().as_str() {
        "client" | "customer" | "contact" => Ok(Direction::Inbound),
        "agent" => Ok(Direction::Outbound),
        other => Err(format!("{other:?} is neither client nor agent")),
    }
}

/// The turns as messages, one case per conversation. A turn's id is its conversation, its place
/// in it and a digest of its text, so importing the same export again stores nothing new.
pub fn incoming(turns: &[ChatTurn]) -> Vec<Incoming> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    turns
        .iter()
        .map(|turn| {
            let n = seen.entry(turn.conversation.as_str()).or_default();
            *n += 1;
            let digest = format!("{:x}", Sha256::digest(turn.text.as_bytes()));
            Incoming {
                source: Source::Chat,
                external_id: format!("{}#{n}:{}", turn.conversation, &digest[..16]),
                thread: vec![thread::conversation_key(&turn.conversation)],
                contact: Contact {
                    key: turn.conversation.clone(),
                    name: format!("Chat {}", turn.conversation),
                    email: None,
                },
                direction: turn.direction,
                at: turn.at,
                subject: format!("Chat {}", turn.conversation),
                body: turn.text.clone(),
                new_text: turn.text.clone(),
                html: None,
                attachments: Vec::new(),
                automatic: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_named_by_line_and_good_rows_kept() {
        let csv = "conversation,time,role,text\n\
                   c1,2026-12-01T10:00:00Z,client,Where is my parcel?\n\
                   c1,yesterday,agent,Checking now.\n\
                   c1,,manager,Hello\n\
                   c1,1764583200,agent,\"It left today,\nsorry for the wait.\"\n\
                   c2,,client\n";
        let (turns, errors) = read_csv(csv);
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[1].text, "It left today,\nsorry for the wait.");
        assert_eq!(turns[1].direction, Direction::Outbound);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 7]);
        assert!(errors[0].message.starts_with("time:"), "{}", errors[0]);
        assert!(errors[1].message.contains("manager"), "{}", errors[1]);
        assert!(errors[2].message.contains("found 3"), "{}", errors[2]);
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let (turns, _) = read_csv("c1,,client,ok\nc1,,client,ok\nc2,,client,ok\n");
        let ids: Vec<String> = incoming(&turns)
            .into_iter()
            .map(|m| m.external_id)
            .collect();
        let again: Vec<String> = incoming(&turns)
            .into_iter()
            .map(|m| m.external_id)
            .collect();
        assert_eq!(ids, again);
        assert_eq!(
            ids.iter().collect::<std::collections::HashSet<_>>().len(),
            3
        );
    }
}
