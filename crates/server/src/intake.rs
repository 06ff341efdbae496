//! Storing messages that came in by themselves (mail, chat exports, helpdesk webhooks), mapped
//! by `defuse-ingest`: the client is found by their key in the source (a new one creates a
//! client), the case by the thread's keys (none linked opens a case), and the message goes
//! through [`crate::exchange`] like one posted to the API, so an inbound one is analysed and an
//! outbound one checked. Only the new text is analysed; the whole body is kept beside it.
//!
//! A message whose external id is already on its case is not stored again, so importing a
//! mailbox twice, or a webhook delivered a hundred times, stores each message once.

use std::hash::{Hash, Hasher};

use chrono::Utc;
use defuse_core::coach::UtcOffset;
use defuse_ingest::{Automatic, Direction, Incoming};
use defuse_storage::{
    Case, ClientFields, LinkKind, MAX_LIMIT, NewCase, NewMessageSource, Paging, StoreError,
};
use serde::Serialize;
use tokio::sync::Mutex;

use crate::error::{AppError, AppResult};
use crate::exchange::{self, Text};
use crate::state::AppState;

/// Where messages that came in land, and who is recorded as storing them.
#[derive(Debug, Clone, Copy)]
pub struct Intake {
    /// The team new cases open in.
    pub team_id: i64,
    /// The user recorded in the audit log, and the author of agents' messages that cannot be
    /// told apart (a mailbox's agents are addresses, not accounts).
    pub user_id: i64,
}

/// What storing one message did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Stored as a client message (analysed) or an agent reply (checked).
    Stored { case_id: i64, message_id: i64 },
    /// Written by a machine (or with no text of its own): kept as a note, never analysed.
    Noted { case_id: i64, message_id: i64 },
    /// The case already holds a message with this external id.
    Duplicate { case_id: i64 },
}

/// Finding or opening the client and case of a message is one step at a time per contact, so
/// two deliveries of one new conversation cannot open two cases (within this process), while
/// messages of other contacts go on beside them.
#[derive(Debug)]
pub struct Links(Vec<Mutex<()>>);

/// Locks of [`Links`]: contacts share one only by chance of their hash.
const LINK_LOCKS: usize = 64;

impl Default for Links {
    fn default() -> Links {
        Links((0..LINK_LOCKS).map(|_| Mutex::new(())).collect())
    }
}

impl Links {
    fn of(&self, incoming: &Incoming) -> &Mutex<()> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (incoming.source.as_str(), &incoming.contact.key).hash(&mut hasher);
        &self.0[hasher.finish() as usize % self.0.len()]
    }
}

/// Stores `incoming` on its case, opening the client and the case when they are new.
pub async fn store(state: &AppState, incoming: &Incoming, intake: Intake) -> AppResult<Outcome> {
    free_of_nul(incoming)?;
    let case = case_of(state, incoming, intake).await?;
    let kind = kind(incoming);
    let source = NewMessageSource {
        source: incoming.source.as_str().to_owned(),
        subject: incoming.subject.clone(),
        full_body: incoming.body.clone(),
        attachments_json: attachments_json(incoming),
        automatic: incoming.automatic.map(|a| a.as_str().to_owned()),
        html: incoming.html.clone(),
        thread_keys: incoming.thread.clone(),
        // Only a client's message is coached, so only it has a note to post back.
        note: matches!(kind, Kind::Client)
            .then(|| crate::helpdesk::note_for(&state.settings.helpdesk, incoming, Utc::now()))
            .flatten(),
    };
    let text = Text {
        body: &incoming.new_text,
        channel: None,
        at: incoming.at.unwrap_or_else(Utc::now),
        offset: UtcOffset::UTC,
        recorded_by: Some(intake.user_id),
        external_id: Some(&incoming.external_id),
        source: Some(&source),
    };
    let stored = match kind {
        Kind::Note => exchange::note(state, &case, intake.user_id, text)
            .await
            .map(|m| Outcome::Noted {
                case_id: case.id,
                message_id: m.id,
            }),
        Kind::Client => exchange::receive(state, &case, text)
            .await
            .map(|r| stored(&case, r.message.id)),
        Kind::Agent => exchange::reply(state, &case, intake.user_id, text)
            .await
            .map(|r| stored(&case, r.message.id)),
    };
    match stored {
        Err(AppError::Conflict(_)) => Ok(Outcome::Duplicate { case_id: case.id }),
        other => other,
    }
}

/// Text with a NUL byte is refused, as everywhere else, so both backends answer alike.
fn free_of_nul(incoming: &Incoming) -> AppResult<()> {
    let fields = [
        ("body", incoming.body.as_str()),
        ("subject", &incoming.subject),
        ("contact", &incoming.contact.name),
        ("contact", &incoming.contact.key),
        ("external_id", &incoming.external_id),
    ];
    match fields.iter().find(|(_, text)| text.contains('\0')) {
        Some((field, _)) => Err(AppError::invalid(*field, "contains a NUL byte")),
        None => Ok(()),
    }
}

enum Kind {
    Client,
    Agent,
    Note,
}

fn kind(incoming: &Incoming) -> Kind {
    match (incoming.automatic, incoming.direction) {
        (Some(Automatic::AutoReply | Automatic::Bounce), _) => Kind::Note,
        _ if incoming.new_text.trim().is_empty() => Kind::Note,
        (None, Direction::Inbound) => Kind::Client,
        (None, Direction::Outbound) => Kind::Agent,
    }
}

fn stored(case: &Case, message_id: i64) -> Outcome {
    Outcome::Stored {
        case_id: case.id,
        message_id,
    }
}

/// Tries at finding or opening a case or client before giving up: each lost race means
/// another writer linked the key meanwhile, so the next look finds it.
const LINK_TRIES: usize = 3;

/// The case of the thread: linked by any of its keys, else opened for the client together
/// with its links (one write), so that the next message of the thread finds it. When another
/// instance opened it in the meantime, the opening is refused as a conflict and the case it
/// opened is read instead: one thread, one case, however many instances take it in at once.
/// The keys of a thread found are linked with its message, in the message's transaction.
async fn case_of(state: &AppState, incoming: &Incoming, intake: Intake) -> AppResult<Case> {
    let source = incoming.source.as_str();
    let _one_at_a_time = state.links.of(incoming).lock().await;
    let store = state.store.as_ref();
    for _ in 0..LINK_TRIES {
        let found = store
            .find_link(source, LinkKind::Case, &incoming.thread)
            .await?;
        if let Some(id) = found {
            return Ok(store.case(id).await?);
        }
        let client_id = client_of(state, incoming).await?;
        let new = NewCase {
            client_id,
            subject: subject(incoming),
            channel: incoming.source.channel().to_owned(),
            assignee_id: None,
            team_id: intake.team_id,
            opened_at: incoming.at.unwrap_or_else(Utc::now),
        };
        match store.open_linked_case(source, &incoming.thread, new).await {
            Err(StoreError::Conflict(_)) => continue,
            opened => return Ok(opened?),
        }
    }
    Err(lost_race("case"))
}

/// The client the message's contact is linked to, else a new one created with its link, as
/// [`case_of`] opens a case.
async fn client_of(state: &AppState, incoming: &Incoming) -> AppResult<i64> {
    let (source, store) = (incoming.source.as_str(), state.store.as_ref());
    let key = [incoming.contact.key.clone()];
    for _ in 0..LINK_TRIES {
        if let Some(id) = store.find_link(source, LinkKind::Client, &key).await? {
            return Ok(id);
        }
        let fields = ClientFields {
            name: incoming.contact.name.clone(),
            emails: incoming.contact.email.iter().cloned().collect(),
            ..ClientFields::default()
        };
        match store.create_linked_client(source, &key, fields).await {
            Err(StoreError::Conflict(_)) => continue,
            created => return Ok(created?.id),
        }
    }
    Err(lost_race("client"))
}

fn lost_race(what: &str) -> AppError {
    AppError::Conflict(format!(
        "the {what} of this message was being opened elsewhere; deliver it again"
    ))
}

fn subject(incoming: &Incoming) -> String {
    let subject = incoming.subject.trim();
    if subject.is_empty() {
        format!("Message from {}", incoming.contact.name)
    } else {
        subject.to_owned()
    }
}

fn attachments_json(incoming: &Incoming) -> String {
    let list: Vec<serde_json::Value> = incoming
        .attachments
        .iter()
        .map(
            |a| serde_json::json!({"name": a.name, "content_type": a.content_type, "size": a.size}),
        )
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The intake the settings name: `ingest.team` (created when missing) and `ingest.user`.
pub async fn settled(state: &AppState) -> AppResult<Intake> {
    let settings = &state.settings.ingest;
    let user = state
        .store
        .user_by_username(&settings.user)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::invalid(
                "ingest.user",
                format!(
                    "no account named {:?} to record messages from outside",
                    settings.user
                ),
            ),
            other => other.into(),
        })?;
    Ok(Intake {
        team_id: team_named(state, &settings.team).await?,
        user_id: user.id,
    })
}

/// The team named `name`, created when missing.
async fn team_named(state: &AppState, name: &str) -> AppResult<i64> {
    let store = state.store.as_ref();
    for _ in 0..2 {
        let teams = store.list_teams(Paging::first(MAX_LIMIT)?).await?;
        if let Some(team) = teams.items.iter().find(|t| t.name == name) {
            return Ok(team.id);
        }
        match store.create_team(name).await {
            Ok(team) => return Ok(team.id),
            // Created meanwhile by another request: read it on the next round.
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Conflict(format!(
        "the team {name:?} could not be opened"
    )))
}
