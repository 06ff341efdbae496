//! Mailboxes the server reads by itself (`[[mail.imap]]`): one task per folder connects, reads
//! what is new ([`poll::poll_once`], the testable step), then waits for the server's word of
//! new mail (IDLE, where it is offered and the mailbox allows it) or for `poll_seconds`, and
//! reads again. A failure (the network, the login, the database) is logged and the task
//! connects again after a pause that doubles up to [`MAX_PAUSE`].
//!
//! Nothing on the mail server changes: folders are opened with EXAMINE (read-only) and mail
//! fetched with `BODY.PEEK[]`, so no message is flagged `\Seen`, moved or deleted. How far each
//! folder was read is stored, so a restart resumes there.

pub mod connection;
pub mod poll;

use std::time::Duration;

use anyhow::Result;
use tokio::task::JoinHandle;

use crate::intake;
use crate::settings::{ImapSettings, PasswordError, Settings};
use crate::state::AppState;

pub use connection::{Session, open};
pub use poll::{Polled, poll_once};

/// The longest pause before connecting again after failures.
pub const MAX_PAUSE: Duration = Duration::from_secs(15 * 60);

/// Fails, naming the block, when a `[[mail.imap]]` password cannot be read: `serve` checks
/// before it starts rather than logging the same failure for ever.
pub fn check_passwords(settings: &Settings) -> Result<(), PasswordError> {
    settings
        .mail
        .imap
        .iter()
        .try_for_each(|m| m.password().map(drop))
}

/// Starts a reading task for every `[[mail.imap]]` block; they run until aborted.
pub fn spawn_all(state: &AppState) -> Vec<JoinHandle<()>> {
    state
        .settings
        .mail
        .imap
        .iter()
        .map(|mailbox| tokio::spawn(run(state.clone(), mailbox.clone())))
        .collect()
}

/// Reads `mailbox` for ever, connecting again after a failure.
pub async fn run(state: AppState, mailbox: ImapSettings) {
    let every = Duration::from_secs(mailbox.poll_seconds.max(1));
    let mut pause = every;
    loop {
        let error = follow(&state, &mailbox, every, &mut pause).await;
        let error = format!("{error:#}");
        tracing::warn!(mailbox = %mailbox.mailbox(), folder = %mailbox.folder, %error,
            retry_in = ?pause, "reading the mailbox failed");
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(MAX_PAUSE);
    }
}

/// One connection: reads, waits, reads again, until something fails. Each read that succeeds
/// sets `pause` back to `every`.
async fn follow(
    state: &AppState,
    mailbox: &ImapSettings,
    every: Duration,
    pause: &mut Duration,
) -> anyhow::Error {
    let mut session = match open(mailbox).await {
        Ok(session) => session,
        Err(e) => return e,
    };
    loop {
        if let Err(e) = read(state, mailbox, &mut session).await {
            return e;
        }
        *pause = every;
        session = match wait(session, mailbox.idle, every).await {
            Ok(session) => session,
            Err(e) => return e,
        };
    }
}

async fn read(state: &AppState, mailbox: &ImapSettings, session: &mut Session) -> Result<()> {
    let intake = intake::settled(state).await?;
    let polled = poll_once(state, intake, mailbox, session).await?;
    if polled != Polled::default() {
        tracing::info!(mailbox = %mailbox.mailbox(), folder = %mailbox.folder, ?polled, "mail read");
    }
    Ok(())
}

/// Until the server says something changed (IDLE) or `every` passes.
async fn wait(mut session: Session, idle: bool, every: Duration) -> Result<Session> {
    let offered = connection::within(async { Ok(session.capabilities().await?) })
        .await?
        .has_str("IDLE");
    if !(idle && offered) {
        tokio::time::sleep(every).await;
        return Ok(session);
    }
    let mut handle = session.idle();
    connection::within(async { Ok(handle.init().await?) }).await?;
    // Dropping the stop source would end the wait at once: it lives until the wait is over.
    let (news, _stop) = handle.wait_with_timeout(every);
    news.await?;
    connection::within(async { Ok(handle.done().await?) }).await
}
