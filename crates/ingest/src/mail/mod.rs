//! One mail message, parsed with `mail-parser` and mapped to an [`Incoming`]: who the client is
//! (the sender, or the first recipient outside our own addresses when an agent sent it), the
//! thread keys, the whole text body, the new text, attachments, and whether a machine wrote it.

pub mod automatic;
pub mod reply;
pub mod source;

use std::fmt;

use chrono::{DateTime, Utc};
use mail_parser::{Addr, HeaderValue, Message, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use crate::{Attachment, Automatic, Contact, Direction, Incoming, Source, thread};

/// Our own people: mail from these addresses or domains is an agent's reply (outbound).
#[derive(Debug, Clone, Default)]
pub struct Agents {
    addresses: Vec<String>,
    domains: Vec<String>,
}

impl Agents {
    /// Addresses (`help@shop.test`) and domains (`shop.test`), matched ignoring case.
    pub fn new(addresses: &[String], domains: &[String]) -> Agents {
        let lower = |v: &[String]| v.iter().map(|s| s.trim().to_lowercase()).collect();
        Agents {
            addresses: lower(addresses),
            domains: lower(domains),
        }
    }

    pub fn contains(&self, address: &str) -> bool {
        let address = address.to_lowercase();
        let domain = address.rsplit_once('@').map_or("", |(_, d)| d);
        self.addresses.contains(&address) || self.domains.iter().any(|d| d == domain)
    }
}

/// A mail that cannot be taken in, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailError(pub String);

impl fmt::Display for MailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MailError {}

/// Reads one raw RFC 5322 message.
pub fn parse(raw: &[u8], agents: &Agents) -> Result<Incoming, MailError> {
    let message = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| MailError("not a mail message: no headers could be read".into()))?;
    let from = first_address(message.from()).ok_or_else(|| MailError("no From address".into()))?;
    let (direction, contact) = if agents.contains(&from.key) {
        let to = recipients(&message)
            .find(|c| !agents.contains(&c.key))
            .ok_or_else(|| MailError("sent by an agent to no client address".into()))?;
        (Direction::Outbound, to)
    } else {
        (Direction::Inbound, from.clone())
    };
    let subject = message.subject().unwrap_or_default().trim().to_owned();
    let (body, new_text) = texts(&message);
    let content_type = message
        .content_type()
        .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
        .unwrap_or_default();
    let header = |name: &str| message.header_raw(name).map(str::to_owned);
    let automatic = automatic::classify(&automatic::Traits {
        header: &header,
        from: &from.key,
        subject: &subject,
        content_type: &content_type,
        new_text: &new_text,
    });
    let external_id = message
        .message_id()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("sha256:{:x}", Sha256::digest(raw)));
    let mut parents = ids(message.in_reply_to());
    parents.extend(ids(message.references()).into_iter().rev());
    let contact = match automatic {
        Some(Automatic::Bounce) => bounced(raw, &mut parents).unwrap_or(contact),
        _ => contact,
    };
    Ok(Incoming {
        source: Source::Mail,
        thread: thread::mail_keys(&external_id, &parents, &subject, &contact.key),
        external_id,
        contact,
        direction,
        at: message
            .date()
            .and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0)),
        subject,
        body,
        new_text,
        html: html(&message),
        attachments: attachments(&message),
        automatic,
    })
}

fn contact_of(addr: &Addr<'_>) -> Option<Contact> {
    let email = addr.address()?.trim().to_lowercase();
    if !email.contains('@') {
        return None;
    }
    let name = addr
        .name()
        .map(|n| n.trim().trim_matches('"').to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| email.clone());
    Some(Contact {
        key: email.clone(),
        name,
        email: Some(email),
    })
}

fn first_address(address: Option<&mail_parser::Address<'_>>) -> Option<Contact> {
    address?.iter().find_map(contact_of)
}

fn recipients<'m>(message: &'m Message<'m>) -> impl Iterator<Item = Contact> + 'm {
    [message.to(), message.cc()]
        .into_iter()
        .flatten()
        .flat_map(|a| a.iter())
        .filter_map(contact_of)
}

/// The message ids in an `In-Reply-To` or `References` header, in header order.
fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![id.to_string()],
        HeaderValue::TextList(ids) => ids.iter().map(|id| id.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The whole text body and the new text in it: from the plain-text part when there is one,
/// else from the HTML turned into text.
fn texts(message: &Message<'_>) -> (String, String) {
    let html_only = message
        .text_part(0)
        .is_some_and(|p| matches!(p.body, PartType::Html(_)));
    match message.body_html(0) {
        Some(html) if html_only => (reply::html_text(&html), reply::new_text_of_html(&html)),
        _ => {
            let body = message
                .body_text(0)
                .map(|b| b.replace("\r\n", "\n"))
                .unwrap_or_default();
            let new_text = reply::new_text(&body);
            (body, new_text)
        }
    }
}

/// The mail's own HTML part, if it has one (not HTML made from its text).
fn html(message: &Message<'_>) -> Option<String> {
    match &message.html_part(0)?.body {
        PartType::Html(html) => Some(html.to_string()),
        _ => None,
    }
}

fn attachments(message: &Message<'_>) -> Vec<Attachment> {
    message
        .attachments()
        .map(|part| Attachment {
            name: part.attachment_name().unwrap_or("unnamed").to_owned(),
            content_type: part
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
            size: part.contents().len(),
        })
        .collect()
}

/// For a bounce: the client whose address failed (`Final-Recipient`) and the id of our message
/// that bounced, put first among the thread keys, so the bounce lands on the case it concerns.
fn bounced(raw: &[u8], parents: &mut Vec<String>) -> Option<Contact> {
    let text = String::from_utf8_lossy(raw);
    let field = |name: &str| {
        text.lines().find_map(|l| {
            let (key, value) = l.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    };
    // The first Message-ID is the bounce's own; the one inside the returned headers comes later.
    let original = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.trim().eq_ignore_ascii_case("message-id"))
        .nth(1)
        .map(|(_, v)| v.trim().trim_matches(['<', '>']).to_owned());
    if let Some(id) = original {
        parents.insert(0, id);
    }
    let recipient = field("final-recipient")?;
    let email = recipient.rsplit(';').next()?.trim().to_lowercase();
    email.contains('@').then(|| Contact {
        key: email.clone(),
        name: email.clone(),
        email: Some(email),
    })
}
