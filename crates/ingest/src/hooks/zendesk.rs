//! Zendesk's ticket comment events (`zen:event-type:ticket.comment_added`, webhooks subscribed
//! to ticket events): the comment in `event.comment` (`id`, `body`, `is_public`, `author` with
//! `is_staff`), the ticket in `detail` (`id`, `subject`, `requester_id`). Internal comments and
//! other events are acknowledged and ignored.

use serde_json::Value;

use super::json::{flag, get, id, require, text, time};
use super::{Event, HookError};
use crate::{Contact, Direction, Incoming, Source, mail::reply, thread};

const COMMENT_ADDED: &str = "zen:event-type:ticket.comment_added";

pub fn read(body: &[u8]) -> Result<Event, HookError> {
    let v = super::json::parse(body)?;
    let kind = text(&v, "type")?;
    if kind != COMMENT_ADDED {
        return Ok(Event::Ignored(format!("event {kind}")));
    }
    let comment = require(&v, "event.comment")?;
    if !flag(comment, "is_public") {
        return Ok(Event::Ignored("an internal comment".into()));
    }
    let ticket = id(&v, "detail.id")?;
    let message = text(&v, "event.comment.body")?.to_owned();
    let staff = flag(comment, "author.is_staff");
    let contact = if staff {
        let requester = id(&v, "detail.requester_id")?;
        Contact {
            name: format!("Zendesk requester {requester}"),
            key: requester,
            email: None,
        }
    } else {
        let key = id(&v, "event.comment.author.id")?;
        let name = get(comment, "author.name")
            .and_then(Value::as_str)
            .map_or_else(|| format!("Zendesk user {key}"), str::to_owned);
        Contact {
            key,
            name,
            email: None,
        }
    };
    Ok(Event::Message(Box::new(Incoming {
        source: Source::Zendesk,
        external_id: id(&v, "event.comment.id")?,
        thread: vec![thread::conversation_key(&ticket)],
        contact,
        direction: if staff {
            Direction::Outbound
        } else {
            Direction::Inbound
        },
        at: time(&v, "time")?,
        subject: get(&v, "detail.subject")
            .and_then(Value::as_str)
            .map_or_else(|| format!("Zendesk ticket {ticket}"), str::to_owned),
        new_text: reply::new_text(&message),
        html: None,
        body: message,
        attachments: Vec::new(),
        automatic: None,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMENT: &str = r#"{"account_id":10,"detail":{"id":"4411","subject":"Broken kettle","requester_id":"7001","status":"OPEN"},"event":{"comment":{"id":"98001","body":"It broke again after two days.","is_public":true,"author":{"id":"7001","is_staff":false,"name":"Omar Hale"}}},"id":"01J-evt","subject":"zen:ticket:4411","time":"2026-12-05T11:00:00Z","type":"zen:event-type:ticket.comment_added","zendesk_event_version":"2022-11-06"}"#;

    #[test]
    fn public_comments_are_messages_and_internal_ones_ignored() {
        let Ok(Event::Message(m)) = read(COMMENT.as_bytes()) else {
            panic!("not read")
        };
        assert_eq!(
            (m.external_id.as_str(), m.contact.name.as_str()),
            ("98001", "Omar Hale")
        );
        assert_eq!(
            (m.direction, m.subject.as_str()),
            (Direction::Inbound, "Broken kettle")
        );
        let internal = COMMENT.replace("\"is_public\":true", "\"is_public\":false");
        assert!(matches!(read(internal.as_bytes()), Ok(Event::Ignored(_))));
        let staff = COMMENT.replace("\"is_staff\":false", "\"is_staff\":true");
        let Ok(Event::Message(m)) = read(staff.as_bytes()) else {
            panic!("not read")
        };
        assert_eq!(
            (m.direction, m.contact.key.as_str()),
            (Direction::Outbound, "7001")
        );
    }
}
