//! Zammad's trigger webhooks: `ticket` (with `id`, `title`, `customer`) and `article` (`id`,
//! `body`, `content_type`, `sender` Customer/Agent/System, `internal`, `created_at`). An
//! internal or system article, or a delivery without one, is acknowledged and ignored. Mail
//! articles carry their quoted history, which is cut like any mail.

use serde_json::Value;

use super::json::{flag, get, id, text, time};
use super::{Event, HookError};
use crate::{Contact, Direction, Incoming, Source, mail::reply, thread};

pub fn read(body: &[u8]) -> Result<Event, HookError> {
    let v = super::json::parse(body)?;
    let Some(article) = get(&v, "article") else {
        return Ok(Event::Ignored("a ticket change without an article".into()));
    };
    let direction = match text(article, "sender").map_err(|_| field("article.sender"))? {
        "Customer" => Direction::Inbound,
        "Agent" => Direction::Outbound,
        other => return Ok(Event::Ignored(format!("an article from {other}"))),
    };
    if flag(article, "internal") {
        return Ok(Event::Ignored("an internal article".into()));
    }
    let ticket = id(&v, "ticket.id")?;
    let raw = text(article, "body").map_err(|_| field("article.body"))?;
    let html = get(article, "content_type").and_then(Value::as_str) == Some("text/html");
    let (message, new_text) = if html {
        let text = reply::html_text(raw);
        (text, reply::new_text_of_html(raw))
    } else {
        (raw.to_owned(), reply::new_text(raw))
    };
    Ok(Event::Message(Box::new(Incoming {
        source: Source::Zammad,
        external_id: id(article, "id").map_err(|_| field("article.id"))?,
        thread: vec![thread::conversation_key(&ticket)],
        contact: customer(&v)?,
        direction,
        at: time(article, "created_at").map_err(|_| field("article.created_at"))?,
        subject: get(&v, "ticket.title")
            .and_then(Value::as_str)
            .map_or_else(|| format!("Zammad ticket {ticket}"), str::to_owned),
        body: message,
        new_text,
        html: html.then(|| raw.to_owned()),
        attachments: Vec::new(),
        automatic: None,
    })))
}

fn field(path: &str) -> HookError {
    HookError::Malformed(format!("{path}: missing or of the wrong type"))
}

/// The ticket's customer: an object in the payload, or only its id.
fn customer(v: &Value) -> Result<Contact, HookError> {
    let key = id(v, "ticket.customer.id").or_else(|_| id(v, "ticket.customer_id"))?;
    let part = |p: &str| get(v, &format!("ticket.customer.{p}")).and_then(Value::as_str);
    let name = [part("firstname"), part("lastname")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let email = part("email").map(str::to_lowercase);
    let name = Some(name)
        .filter(|n| !n.trim().is_empty())
        .or_else(|| email.clone())
        .unwrap_or_else(|| format!("Zammad customer {key}"));
    Ok(Contact { key, name, email })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRIGGER: &str = r#"{"ticket":{"id":31,"number":"31031","title":"Invoice wrong","customer_id":8,"customer":{"id":8,"firstname":"Lena","lastname":"Ort","email":"lena@example.org"}},"article":{"id":120,"ticket_id":31,"from":"Lena Ort <lena@example.org>","type":"email","sender":"Customer","internal":false,"content_type":"text/html","body":"<div>You billed me twice.</div><blockquote>Dear Lena, ...</blockquote>","created_at":"2026-12-05T12:00:00.000Z"}}"#;

    #[test]
    fn customer_articles_are_messages_with_their_quote_cut() {
        let Ok(Event::Message(m)) = read(TRIGGER.as_bytes()) else {
            panic!("not read")
        };
        assert_eq!(
            (m.external_id.as_str(), m.contact.name.as_str()),
            ("120", "Lena Ort")
        );
        assert_eq!(m.new_text, "You billed me twice.");
        assert!(m.body.contains("Dear Lena"));
        let system = TRIGGER.replace("\"Customer\"", "\"System\"");
        assert!(matches!(read(system.as_bytes()), Ok(Event::Ignored(_))));
        assert!(matches!(
            read(br#"{"ticket":{"id":1}}"#),
            Ok(Event::Ignored(_))
        ));
    }
}
