//! Coaching back to the helpdesk: when an integration asks for notes (`[helpdesk.*] note`), a
//! client message that came in by its webhook gets a short note (its analysis and the coaching
//! for the reply, [`note::text`]) written with the message, and a `helpdesk.note` job
//! (`jobs/helpdesk_note.rs`) posts it to that helpdesk's conversation or ticket.
//!
//! What a payload says decides only *which* conversation: its ids must be plain numbers (and a
//! Chatwoot account the configured one). *Where* the note goes is always the integration's
//! configured `base_url`; no address in a payload is ever called.

pub mod note;

use chrono::{DateTime, Utc};
use defuse_ingest::{Incoming, Source};
use defuse_storage::{NewHelpdeskNote, NewMessageSource};
use defuse_wire::{AnalysisDto, CoachingDto};

use crate::settings::{HelpdeskSettings, Settings};

/// The note `incoming` gets, with its text still to write; `None` when its integration posts
/// no notes or the payload does not name a conversation by number.
pub fn note_for(
    settings: &HelpdeskSettings,
    incoming: &Incoming,
    now: DateTime<Utc>,
) -> Option<NewHelpdeskNote> {
    let conversation = incoming
        .thread
        .iter()
        .find_map(|key| key.strip_prefix("conversation:"))?;
    let target = match incoming.source {
        Source::Chatwoot if settings.chatwoot.note => {
            let (account, id) = conversation.split_once('/')?;
            (number(account)? == settings.chatwoot.account_id).then_some(number(id)?)?
        }
        Source::Zendesk if settings.zendesk.note => number(conversation)?,
        Source::Zammad if settings.zammad.note => number(conversation)?,
        _ => return None,
    };
    Some(NewHelpdeskNote {
        product: incoming.source.as_str().to_owned(),
        target: target.to_string(),
        text: String::new(),
        created_at: now,
    })
}

/// `source` with its note's text written from the analysis and coaching of its message, on
/// case `case_id` (linked when the server knows its public address).
pub fn with_note_text(
    source: &NewMessageSource,
    settings: &Settings,
    case_id: i64,
    analysis: &AnalysisDto,
    coaching: &CoachingDto,
) -> NewMessageSource {
    let mut source = source.clone();
    if let Some(note) = &mut source.note {
        let case_url = settings
            .public_url
            .as_deref()
            .map(|base| format!("{}/cases/{case_id}", base.trim_end_matches('/')));
        note.text = note::text(analysis, coaching, case_url.as_deref());
    }
    source
}

/// An id of a conversation or ticket: digits only, so that it can only ever be a number in a
/// path of the configured address.
pub fn number(id: &str) -> Option<u64> {
    id.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| id.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;

    fn incoming(source: Source, key: &str) -> Incoming {
        Incoming {
            source,
            external_id: "1".into(),
            thread: vec![key.into()],
            contact: defuse_ingest::Contact {
                key: "c".into(),
                name: "C".into(),
                email: None,
            },
            direction: defuse_ingest::Direction::Inbound,
            at: None,
            subject: String::new(),
            body: "hi".into(),
            new_text: "hi".into(),
            html: None,
            attachments: Vec::new(),
            automatic: None,
        }
    }

    fn target(settings: &HelpdeskSettings, source: Source, key: &str) -> Option<String> {
        note_for(settings, &incoming(source, key), Utc::now()).map(|n| n.target)
    }

    #[test]
    fn only_numbered_conversations_of_turned_on_integrations_get_a_note() {
        let mut settings = Settings::default().helpdesk;
        assert_eq!(
            target(&settings, Source::Chatwoot, "conversation:1/12"),
            None
        );
        settings.chatwoot.note = true;
        settings.chatwoot.account_id = 1;
        settings.zammad.note = true;
        let cases = [
            (Source::Chatwoot, "conversation:1/12", Some("12")),
            (Source::Chatwoot, "conversation:2/12", None),
            (Source::Chatwoot, "conversation:1/http://evil.test/x", None),
            (Source::Chatwoot, "conversation:1/../../admin", None),
            (Source::Zammad, "conversation:77", Some("77")),
            (Source::Zammad, "conversation:+77", None),
            (Source::Zendesk, "conversation:4411", None),
            (Source::Generic, "conversation:5", None),
        ];
        for (source, key, expected) in cases {
            let got = target(&settings, source, key);
            assert_eq!(got.as_deref(), expected, "{source:?} {key}");
        }
    }
}
