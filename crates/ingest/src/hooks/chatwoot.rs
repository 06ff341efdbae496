//! Chatwoot's `message_created` webhook: `message_type` incoming (the contact wrote) or
//! outgoing (an agent wrote), with the message's `id` and `content`, its `conversation` and its
//! `sender`. Private notes (the ones defuse may post itself among them), activity messages and
//! other events are acknowledged and ignored.

use serde_json::Value;

use super::json::{contact, flag, get, id, text, time};
use super::{Event, HookError};
use crate::{Direction, Incoming, Source, thread};

pub const SIGNATURE: &str = "X-Chatwoot-Signature";
pub const TIMESTAMP: &str = "X-Chatwoot-Timestamp";

pub fn read(body: &[u8]) -> Result<Event, HookError> {
    let v = super::json::parse(body)?;
    let event = text(&v, "event")?;
    if event != "message_created" {
        return Ok(Event::Ignored(format!("event {event}")));
    }
    let direction = match text(&v, "message_type")? {
        "incoming" => Direction::Inbound,
        "outgoing" => Direction::Outbound,
        other => return Ok(Event::Ignored(format!("message_type {other}"))),
    };
    if flag(&v, "private") {
        return Ok(Event::Ignored("a private note".into()));
    }
    let Some(content) = get(&v, "content")
        .and_then(Value::as_str)
        .filter(|c| !c.trim().is_empty())
    else {
        return Ok(Event::Ignored("a message without text".into()));
    };
    let conversation = id(&v, "conversation.id")?;
    let account = get(&v, "account.id").map_or_else(String::new, |a| a.to_string());
    let contact = match direction {
        Direction::Inbound => contact(&v, "sender", "Chatwoot contact")?,
        Direction::Outbound => contact(&v, "conversation.meta.sender", "Chatwoot contact")?,
    };
    Ok(Event::Message(Box::new(Incoming {
        source: Source::Chatwoot,
        external_id: id(&v, "id")?,
        thread: vec![thread::conversation_key(&format!(
            "{account}/{conversation}"
        ))],
        contact,
        direction,
        at: time(&v, "created_at")?,
        subject: format!("Chatwoot conversation {conversation}"),
        body: content.to_owned(),
        new_text: content.to_owned(),
        html: None,
        attachments: Vec::new(),
        automatic: None,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INCOMING: &str = r#"{"event":"message_created","id":901,"content":"Third time asking: where is my order?","message_type":"incoming","created_at":"2026-12-05T09:15:00Z","private":false,"content_type":"text","sender":{"id":55,"name":"Rosa Bell","email":"rosa@example.org","type":"contact"},"conversation":{"id":12,"display_id":12,"meta":{"sender":{"id":55,"name":"Rosa Bell"}}},"account":{"id":1,"name":"Shop"},"inbox":{"id":2,"name":"Web"}}"#;

    #[test]
    fn incoming_messages_become_client_messages() {
        let Ok(Event::Message(m)) = read(INCOMING.as_bytes()) else {
            panic!("not read")
        };
        assert_eq!(m.direction, Direction::Inbound);
        assert_eq!(
            (m.external_id.as_str(), m.contact.key.as_str()),
            ("901", "55")
        );
        assert_eq!(m.thread, ["conversation:1/12"]);
        assert_eq!(m.new_text, "Third time asking: where is my order?");
    }

    #[test]
    fn outgoing_messages_belong_to_the_conversations_contact() {
        let body = INCOMING.replace("\"incoming\"", "\"outgoing\"").replace(
            "\"id\":55,\"name\":\"Rosa Bell\",\"email\"",
            "\"id\":3,\"name\":\"Agent Al\",\"email\"",
        );
        let Ok(Event::Message(m)) = read(body.as_bytes()) else {
            panic!("not read")
        };
        assert_eq!(
            (m.direction, m.contact.key.as_str()),
            (Direction::Outbound, "55")
        );
    }

    #[test]
    fn notes_and_other_events_are_ignored() {
        let note = INCOMING.replace("\"private\":false", "\"private\":true");
        assert!(matches!(read(note.as_bytes()), Ok(Event::Ignored(_))));
        assert_eq!(
            read(br#"{"event":"conversation_status_changed","id":1}"#),
            Ok(Event::Ignored("event conversation_status_changed".into()))
        );
        let no_conversation = INCOMING.replace("\"conversation\"", "\"talk\"");
        assert_eq!(
            read(no_conversation.as_bytes()),
            Err(HookError::Malformed("conversation.id: missing".into()))
        );
    }
}
