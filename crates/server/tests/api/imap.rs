//! Mailboxes read by the server, against a real IMAP server (Dovecot, see `dovecot.rs`) filled
//! with the ingest crate's corpus of real-world-shaped mail: the messages land in cases as
//! `defuse import` puts them, a second read stores nothing, a restart resumes after the stored
//! UID, a renumbered folder is read again without duplicates, mail appended later arrives
//! (announced by IDLE to the running server), nothing is flagged `\Seen` by us, and TLS (from
//! the first byte or by STARTTLS) trusts only the authority it is given.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use defuse_ingest::mail::{self, Agents};
use defuse_server::imap::{self, Polled};
use defuse_server::intake;
use defuse_server::settings::ImapSettings;
use defuse_server::{AppState, Settings};
use defuse_storage::{CaseFilter, MailboxPosition, Paging, Store};
use futures_util::TryStreamExt;

use crate::dovecot::Dovecot;
use crate::helpers::{Database, fresh_databases};

/// Every mail of the ingest corpus, in file order: charsets, HTML only, quoted history,
/// Outlook and Apple replies, auto-replies, bounces, an agent's reply, one without Message-ID.
fn corpus() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// Maria's answer to the corpus's first mail, written after the mailbox was first read.
const FOLLOW_UP: &str = "From: Maria Lopez <maria.lopez@example.org>\r\n\
To: Shop Help <help@shop.test>\r\n\
Subject: Re: Order #4471 missing\r\n\
Message-ID: <a1-later@mail.example.org>\r\n\
In-Reply-To: <a1@mail.example.org>\r\n\
References: <ref-a1@mail.example.org> <a1@mail.example.org>\r\n\
Date: Tue, 6 Jan 2026 10:15:00 +0000\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
Still nothing arrived and nobody has called me back. This is the third time I write.\r\n";

/// A server on `database` reading `mailbox`, prepared as `defuse serve` prepares it.
async fn state(database: &Database, mailbox: Option<ImapSettings>) -> AppState {
    let mut settings = Settings {
        data_dir: database.dir.path().to_owned(),
        ..Settings::default()
    };
    settings.database_url.0.clone_from(&database.url);
    settings.mail.imap.extend(mailbox);
    let prepared = defuse_server::prepare(settings, defuse_core::Analyzer::new());
    prepared.await.unwrap().state
}

/// Every case as (subject, its messages as (direction, text)), in a stable order.
async fn cases(store: &dyn Store) -> Vec<(String, Vec<(String, String)>)> {
    let page = Paging::first(defuse_storage::MAX_LIMIT).unwrap();
    let list = store.list_cases(CaseFilter::default(), page).await.unwrap();
    let mut out = Vec::new();
    for case in list.items {
        let messages = store.list_messages(case.id, page).await.unwrap().items;
        let texts = messages
            .into_iter()
            .map(|m| (m.direction.as_str().to_owned(), m.body))
            .collect();
        out.push((case.subject, texts));
    }
    out.sort();
    out
}

/// The corpus stored as `defuse import` stores it: parsed with our agents, then intake.
async fn imported(mails: &[Vec<u8>]) -> Vec<(String, Vec<(String, String)>)> {
    let database = fresh_databases().await.remove(0);
    let state = state(&database, None).await;
    let intake = intake::settled(&state).await.unwrap();
    let agents = Agents::new(&[], &["shop.test".to_owned()]);
    for raw in mails {
        let incoming = mail::parse(raw, &agents).unwrap();
        intake::store(&state, &incoming, intake).await.unwrap();
    }
    cases(state.store.as_ref()).await
}

async fn poll(state: &AppState, mailbox: &ImapSettings) -> Polled {
    let mut session = imap::open(mailbox).await.unwrap();
    let intake = intake::settled(state).await.unwrap();
    imap::poll_once(state, intake, mailbox, &mut session)
        .await
        .unwrap()
}

async fn message_count(store: &dyn Store) -> usize {
    cases(store).await.iter().map(|(_, m)| m.len()).sum()
}

/// A folder of the test user holding `mails`.
async fn fill(dovecot: &Dovecot, folder: &str, mails: &[Vec<u8>]) {
    let mut client = dovecot.client().await;
    client.create(folder).await.unwrap();
    for raw in mails {
        client.append(folder, None, None, raw).await.unwrap();
    }
    client.logout().await.unwrap();
}

/// The flags of every message in `folder`, as another mail client sees them.
async fn flags(dovecot: &Dovecot, folder: &str) -> Vec<String> {
    let mut client = dovecot.client().await;
    client.examine(folder).await.unwrap();
    let fetches: Vec<_> = client
        .fetch("1:*", "FLAGS")
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    fetches
        .iter()
        .flat_map(|f| f.flags().map(|flag| format!("{flag:?}")))
        .collect()
}

#[tokio::test]
async fn a_mailbox_is_read_once_as_import_reads_it_and_nothing_on_the_server_changes() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    let mails = corpus();
    let expected = imported(&mails).await;
    for database in fresh_databases().await {
        let folder = format!("Support-{}", database.backend);
        fill(&dovecot, &folder, &mails).await;
        let mailbox = dovecot.mailbox(&folder);
        let state = state(&database, Some(mailbox.clone())).await;
        let store = state.store.as_ref();

        let started = Instant::now();
        let first = poll(&state, &mailbox).await;
        let took = started.elapsed();
        println!(
            "{}: {} mails read and stored in {took:?}",
            database.backend, first.fetched
        );
        assert_eq!(first.fetched, mails.len(), "{first:?}\n{}", dovecot.log());
        assert_eq!(first.skipped, 0, "{first:?}");
        assert!(
            first.noted >= 4,
            "auto-replies and bounces are notes: {first:?}"
        );
        assert_eq!(cases(store).await, expected, "{}", database.backend);

        let again = poll(&state, &mailbox).await;
        assert_eq!(again, Polled::default(), "a second read fetches nothing");

        // A restart: a new server on the same database resumes after the stored UID.
        let restarted = self::state(&database, Some(mailbox.clone())).await;
        assert_eq!(poll(&restarted, &mailbox).await, Polled::default());
        let position = store
            .mailbox_position(&mailbox.mailbox(), &folder)
            .await
            .unwrap()
            .expect("the position is stored");
        assert_eq!(position.last_uid, mails.len() as i64);

        fill_one(&dovecot, &folder, FOLLOW_UP).await;
        let later = poll(&restarted, &mailbox).await;
        assert_eq!((later.fetched, later.stored), (1, 1), "{later:?}");
        let maria = cases(store).await;
        let thread = maria
            .iter()
            .find(|(_, m)| {
                m.iter()
                    .any(|(_, body)| body.contains("third time I write"))
            })
            .expect("the follow-up is stored");
        assert!(
            thread
                .1
                .iter()
                .any(|(_, body)| body.contains("told on Monday")),
            "on the case of the mail it answers: {thread:?}"
        );

        // Renumbered (a new UIDVALIDITY): read again, nothing stored twice.
        let renumbered = MailboxPosition {
            uid_validity: position.uid_validity + 1,
            last_uid: 9999,
        };
        store
            .set_mailbox_position(&mailbox.mailbox(), &folder, renumbered)
            .await
            .unwrap();
        let before = message_count(store).await;
        let reread = poll(&restarted, &mailbox).await;
        assert_eq!(reread.fetched, mails.len() + 1, "{reread:?}");
        assert_eq!((reread.stored, reread.noted), (0, 0), "{reread:?}");
        assert_eq!(message_count(store).await, before);

        let flags = flags(&dovecot, &folder).await;
        assert!(
            !flags.iter().any(|f| f.contains("Seen")),
            "we flagged mail: {flags:?}"
        );
    }
}

async fn fill_one(dovecot: &Dovecot, folder: &str, mail: &str) {
    let mut client = dovecot.client().await;
    client.append(folder, None, None, mail).await.unwrap();
    client.logout().await.unwrap();
}

#[tokio::test]
async fn the_running_server_takes_in_mail_as_it_arrives() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    let database = fresh_databases().await.remove(0);
    let folder = "Arrivals";
    fill(&dovecot, folder, &corpus()[..1]).await;
    // Polling only every five minutes: arriving sooner shows the server heard of it by IDLE.
    let mailbox = ImapSettings {
        poll_seconds: 300,
        ..dovecot.mailbox(folder)
    };
    let state = state(&database, Some(mailbox)).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = tokio::spawn(defuse_server::launch(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    let store = state.store.as_ref();
    wait_for(store, 1, &dovecot).await;
    fill_one(&dovecot, folder, FOLLOW_UP).await;
    wait_for(store, 2, &dovecot).await;
    server.abort();
}

/// Waits until the store holds `messages` messages.
async fn wait_for(store: &dyn Store, messages: usize, dovecot: &Dovecot) {
    let started = Instant::now();
    while message_count(store).await < messages {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{messages} messages did not arrive: {}",
            dovecot.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn tls_trusts_the_authority_named_and_refuses_an_unknown_certificate() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    read_secured(&dovecot, dovecot.tls_mailbox("Secure")).await;
}

#[tokio::test]
async fn starttls_upgrades_before_the_login_and_trusts_only_the_authority_named() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    read_secured(&dovecot, dovecot.starttls_mailbox("Upgraded")).await;
    let log = dovecot.log();
    let logins: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("Login: user=<support>"))
        .collect();
    assert!(
        logins.iter().any(|l| l.contains("TLS")),
        "the reader logged in secured: {log}"
    );
}

/// Two mails read from `mailbox`'s folder over a secured connection trusting the test
/// authority; without that authority, the server's certificate is refused.
async fn read_secured(dovecot: &Dovecot, mailbox: ImapSettings) {
    fill(dovecot, &mailbox.folder, &corpus()[..2]).await;
    let database = fresh_databases().await.remove(0);
    let state = state(&database, Some(mailbox.clone())).await;
    assert_eq!(poll(&state, &mailbox).await.fetched, 2);
    let untrusted = ImapSettings {
        ca_file: None,
        ..mailbox
    };
    let error = imap::open(&untrusted).await.expect_err("refused");
    assert!(format!("{error:#}").contains("certificate"), "{error:#}");
}
