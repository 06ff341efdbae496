//! Our own webhook: one documented JSON message, signed like Chatwoot's (`X-Defuse-Signature:
//! sha256=<hex>` HMAC-SHA256 of `{X-Defuse-Timestamp}.{body}`).
//!
//! ```json
//! {"conversation_id": "c-1", "message_id": "m-1",
//!  "contact": {"id": "k-1", "name": "Dana", "email": "dana@example.org"},
//!  "direction": "inbound", "author": "Dana", "body": "Where is my refund?",
//!  "at": "2026-12-05T10:00:00Z"}
//! ```

use serde_json::Value;

use super::json::{contact, get, id, text, time};
use super::{Event, HookError};
use crate::{Direction, Incoming, Source, thread};

pub const SIGNATURE: &str = "X-Defuse-Signature";
pub const TIMESTAMP: &str = "X-Defuse-Timestamp";

pub fn read(body: &[u8]) -> Result<Event, HookError> {
    let v = super::json::parse(body)?;
    let direction = match text(&v, "direction")? {
        "inbound" => Direction::Inbound,
        "outbound" => Direction::Outbound,
        other => {
            return Err(HookError::Malformed(format!(
                "direction: {other:?} is neither inbound nor outbound"
            )));
        }
    };
    let conversation = id(&v, "conversation_id")?;
    let message = text(&v, "body")?.to_owned();
    Ok(Event::Message(Box::new(Incoming {
        source: Source::Generic,
        external_id: id(&v, "message_id")?,
        thread: vec![thread::conversation_key(&conversation)],
        contact: contact(&v, "contact", "Contact")?,
        direction,
        at: time(&v, "at")?,
        subject: get(&v, "subject")
            .and_then(Value::as_str)
            .map_or_else(|| format!("Conversation {conversation}"), str::to_owned),
        new_text: message.clone(),
        html: None,
        body: message,
        attachments: Vec::new(),
        automatic: None,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_shape_and_names_bad_fields() {
        let body = br#"{"conversation_id":"c-1","message_id":7,"contact":{"id":"k-1","email":"Dana@Example.org"},"direction":"inbound","author":"Dana","body":"Where is my refund?","at":"2026-12-05T10:00:00Z"}"#;
        let Ok(Event::Message(m)) = read(body) else {
            panic!("not read")
        };
        assert_eq!(
            (m.external_id.as_str(), m.contact.name.as_str()),
            ("7", "dana@example.org")
        );
        assert_eq!(m.thread, ["conversation:c-1"]);
        let bad = br#"{"conversation_id":"c-1","message_id":"m","contact":{"id":"k"},"direction":"sideways","body":"x"}"#;
        assert_eq!(
            read(bad),
            Err(HookError::Malformed(
                "direction: \"sideways\" is neither inbound nor outbound".into()
            ))
        );
        let missing =
            br#"{"conversation_id":"c-1","contact":{"id":"k"},"direction":"inbound","body":"x"}"#;
        assert_eq!(
            read(missing),
            Err(HookError::Malformed("message_id: missing".into()))
        );
    }
}
