//! One read of a folder: every message after the last UID taken in (all of them when the
//! folder's UIDVALIDITY changed), oldest first, each stored through [`crate::intake`] as
//! `defuse import` stores it, and the position saved after each one. The folder is opened with
//! EXAMINE and the mail fetched with `BODY.PEEK[]`, so nothing on the server changes.

use anyhow::{Context, Result};
use defuse_ingest::mail::{self, Agents};
use defuse_storage::MailboxPosition;
use futures_util::TryStreamExt;

use super::connection::{Session, within};
use crate::error::AppError;
use crate::intake::{self, Intake, Outcome};
use crate::settings::ImapSettings;
use crate::state::AppState;

/// What one read took in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Polled {
    /// Messages fetched from the server: those after the stored position.
    pub fetched: usize,
    /// Stored as a client's message or an agent's reply.
    pub stored: usize,
    /// Automatic (auto-replies, bounces) or empty: kept as notes.
    pub noted: usize,
    /// Already on their case (read again after a UIDVALIDITY change, or imported before).
    pub duplicates: usize,
    /// Not mail, or refused by the store for good (named in the log); passed over.
    pub skipped: usize,
}

/// Messages fetched in one command: enough to keep the connection busy, few enough to hold.
const BATCH: usize = 50;

/// Reads the folder of `mailbox` from where the last read stopped.
pub async fn poll_once(
    state: &AppState,
    intake: Intake,
    mailbox: &ImapSettings,
    session: &mut Session,
) -> Result<Polled> {
    let folder = within(async { Ok(session.examine(&mailbox.folder).await?) })
        .await
        .with_context(|| format!("opening the folder {:?}", mailbox.folder))?;
    let key = mailbox.mailbox();
    let store = state.store.as_ref();
    let uid_validity = i64::from(folder.uid_validity.unwrap_or(0));
    let mut saved = store.mailbox_position(&key, &mailbox.folder).await?;
    let last_uid = match saved {
        Some(p) if p.uid_validity == uid_validity => p.last_uid,
        // Never read, or renumbered: from the start (the Message-IDs keep it idempotent).
        _ => 0,
    };
    let mut position = MailboxPosition {
        uid_validity,
        last_uid,
    };
    let agents = agents(state, mailbox);
    let mut polled = Polled::default();
    for batch in new_uids(session, last_uid).await?.chunks(BATCH) {
        for (uid, raw) in fetch(session, batch).await? {
            polled.fetched += 1;
            take(state, intake, &agents, &raw, &mut polled)
                .await
                .with_context(|| format!("storing the message with UID {uid}"))?;
            position.last_uid = i64::from(uid);
            store
                .set_mailbox_position(&key, &mailbox.folder, position)
                .await?;
            saved = Some(position);
        }
    }
    if saved != Some(position) {
        store
            .set_mailbox_position(&key, &mailbox.folder, position)
            .await?;
    }
    Ok(polled)
}

/// The UIDs above `last_uid`, ascending.
async fn new_uids(session: &mut Session, last_uid: i64) -> Result<Vec<u32>> {
    let mut uids: Vec<u32> = within(async {
        let found = session
            .uid_search(format!("UID {}:*", last_uid + 1))
            .await?;
        Ok(found.into_iter().collect())
    })
    .await?;
    // `n:*` matches the highest UID even when it is below n.
    uids.retain(|uid| i64::from(*uid) > last_uid);
    uids.sort_unstable();
    Ok(uids)
}

/// The raw messages with these UIDs, by UID.
async fn fetch(session: &mut Session, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>> {
    let set: Vec<String> = uids.iter().map(u32::to_string).collect();
    let mut got: Vec<(u32, Vec<u8>)> = within(async {
        let fetches = session
            .uid_fetch(set.join(","), "(UID BODY.PEEK[])")
            .await?;
        let fetches: Vec<_> = fetches.try_collect().await?;
        Ok(fetches
            .iter()
            .filter_map(|f| Some((f.uid?, f.body()?.to_vec())))
            .filter(|(uid, _)| uids.contains(uid))
            .collect())
    })
    .await?;
    got.sort_by_key(|(uid, _)| *uid);
    Ok(got)
}

/// Stores one raw message. A message that is not mail, or that the store refuses for good, is
/// logged and passed over; a failure that may pass (the database, a full analysis queue) is an
/// error, so the message is read again next time.
async fn take(
    state: &AppState,
    intake: Intake,
    agents: &Agents,
    raw: &[u8],
    polled: &mut Polled,
) -> Result<()> {
    let incoming = match mail::parse(raw, agents) {
        Ok(incoming) => incoming,
        Err(e) => {
            tracing::warn!(error = %e, "a message in the mailbox is not mail; passed over");
            polled.skipped += 1;
            return Ok(());
        }
    };
    match intake::store(state, &incoming, intake).await {
        Ok(Outcome::Stored { .. }) => polled.stored += 1,
        Ok(Outcome::Noted { .. }) => polled.noted += 1,
        Ok(Outcome::Duplicate { .. }) => polled.duplicates += 1,
        Err(e @ (AppError::Busy { .. } | AppError::Internal(_))) => return Err(e.into()),
        Err(e) => {
            let id = &incoming.external_id;
            tracing::warn!(message_id = %id, error = %e, "a message was refused; passed over");
            polled.skipped += 1;
        }
    }
    Ok(())
}

/// Our own people for this mailbox: the settings' and the mailbox's own.
fn agents(state: &AppState, mailbox: &ImapSettings) -> Agents {
    let ingest = &state.settings.ingest;
    let addresses = [&ingest.agent_addresses[..], &mailbox.agent_addresses].concat();
    let domains = [&ingest.agent_domains[..], &mailbox.agent_domains].concat();
    Agents::new(&addresses, &domains)
}
