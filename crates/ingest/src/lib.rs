//! defuse-ingest: messages that come into defuse by themselves, read and mapped to one shape,
//! [`Incoming`], which the server stores. Parsing and mapping only: no HTTP, no database, no
//! clock (times come from the messages, or from the caller).
//!
//! # Layout
//! - [`mail`]: one mail message (`.eml`, an mbox entry, a Maildir file) parsed with
//!   `mail-parser`; [`mail::reply`] finds the text the sender wrote this time (quoted history,
//!   signatures and disclaimers cut); [`mail::automatic`] recognises auto-replies and bounces;
//!   [`mail::source`] walks files, mbox files and Maildir folders.
//! - [`chat`]: chat exports (CSV rows, or turns the caller already read) into messages.
//! - [`hooks`]: helpdesk webhook payloads (generic, Chatwoot, Zendesk, Zammad) and their
//!   signatures.
//! - [`thread`]: the keys a message is threaded into a case by.
//!
//! # Invariants
//! - Every [`Incoming`] carries an external message id: storing it twice stores it once.
//! - [`Incoming::new_text`] is what is analysed; [`Incoming::body`] is kept whole beside it.
//! - Nothing here reads an address out of a message to call it.

pub mod chat;
pub mod hooks;
pub mod mail;
pub mod thread;

use chrono::{DateTime, Utc};

/// Where a message came from; part of every external key, so that ids of two systems never meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Mail,
    Chat,
    Generic,
    Chatwoot,
    Zendesk,
    Zammad,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Mail => "mail",
            Source::Chat => "chat",
            Source::Generic => "generic",
            Source::Chatwoot => "chatwoot",
            Source::Zendesk => "zendesk",
            Source::Zammad => "zammad",
        }
    }

    /// The channel a case opened from this source is on.
    pub fn channel(self) -> &'static str {
        match self {
            Source::Mail => "email",
            Source::Chat => "chat",
            Source::Generic | Source::Chatwoot | Source::Zendesk | Source::Zammad => "helpdesk",
        }
    }
}

/// Who wrote a message, as far as defuse is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The client wrote it: analysed.
    Inbound,
    /// One of our agents wrote it: checked like any reply.
    Outbound,
}

/// A machine wrote it: kept on the case, never read as the client's mood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Automatic {
    /// Out of office, vacation and other auto-replies.
    AutoReply,
    /// A delivery failure report.
    Bounce,
}

impl Automatic {
    pub fn as_str(self) -> &'static str {
        match self {
            Automatic::AutoReply => "auto-reply",
            Automatic::Bounce => "bounce",
        }
    }
}

/// The client a message is about, keyed in the system it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The client's id in the source: a lowercased mail address, a helpdesk contact id.
    pub key: String,
    pub name: String,
    pub email: Option<String>,
}

/// A file attached to a mail: listed, never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    /// `type/subtype`.
    pub content_type: String,
    pub size: usize,
}

/// One message, mapped from whatever it came in as.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub source: Source,
    /// The source's id of this message (a mail's Message-ID, a helpdesk message id).
    pub external_id: String,
    /// Keys of the conversation this message belongs to, strongest first (see [`thread`]).
    pub thread: Vec<String>,
    pub contact: Contact,
    pub direction: Direction,
    /// When it was written, if the source says.
    pub at: Option<DateTime<Utc>>,
    pub subject: String,
    /// Everything the message says, quoted history and signature included.
    pub body: String,
    /// What the author wrote this time: the text that is analysed.
    pub new_text: String,
    /// The HTML the message came as, when it had any, as it came: untrusted markup that a page
    /// shows only after sanitising it.
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    pub automatic: Option<Automatic>,
}
