//! `defuse import` run the way a user would: a Maildir of real-shaped mail, an mbox, a chat
//! export with a bad row, and `--dry-run`; then the database is read to see what was stored.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use defuse_storage::{ClientFilter, Direction, Paging, Store};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ingest/tests/corpus")
        .join(name)
}

fn import(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_defuse"))
        .arg("import")
        .args(args)
        .args(["--fast", "--agent-domain", "shop.test"])
        .env("DEFUSE_DATA_DIR", data)
        .output()
        .expect("defuse runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

async fn store(data: &Path) -> std::sync::Arc<dyn Store> {
    defuse_storage::connect(&defuse_storage::sqlite_url(data))
        .await
        .expect("the database")
}

/// A Maildir holding a client's mail, our agent's reply to it (threaded by subject and
/// address) and an auto-reply from someone else.
fn maildir(root: &Path) -> PathBuf {
    let dir = root.join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for (file, name) in [
        ("cur/1.host:2,S", "01-gmail-top-post.eml"),
        ("new/2.host", "52-outbound-agent.eml"),
        ("new/3.host", "30-auto-submitted.eml"),
    ] {
        std::fs::copy(corpus(name), dir.join(file)).unwrap();
    }
    dir
}

#[tokio::test]
async fn a_maildir_is_stored_into_clients_and_cases_once() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let dir = maildir(root.path());
    let dir = dir.to_str().unwrap();

    let first = import(&data, &[dir]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        text(&first).contains("Stored 2 messages, 1 automatic"),
        "{}",
        text(&first)
    );
    let again = import(&data, &[dir]);
    assert!(
        text(&again).contains("3 were already stored"),
        "{}",
        text(&again)
    );

    let store = store(&data).await;
    let clients = store
        .list_clients(ClientFilter::default(), Paging::default())
        .await
        .unwrap();
    let mut names: Vec<&str> = clients.items.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Maria Lopez", "Mark Olsen"]);
    let cases = store
        .list_cases(Default::default(), Paging::default())
        .await
        .unwrap();
    assert_eq!(cases.total, 2);
    let maria = clients
        .items
        .iter()
        .find(|c| c.name == "Maria Lopez")
        .unwrap();
    assert_eq!(maria.emails, ["maria.lopez@example.org"]);
    let case = cases
        .items
        .iter()
        .find(|c| c.client_id == maria.id)
        .unwrap();
    let messages = store
        .list_messages(case.id, Paging::default())
        .await
        .unwrap()
        .items;
    let directions: Vec<Direction> = messages.iter().map(|m| m.direction).collect();
    assert_eq!(directions, [Direction::Inbound, Direction::Outbound]);
    assert!(messages[0].body.starts_with("I was told on Monday"));
    assert!(
        !messages[0].body.contains("wrote:"),
        "only the new text is analysed"
    );
    let source = store.message_source(messages[0].id).await.unwrap();
    assert!(
        source.full_body.contains("wrote:"),
        "the whole body is kept"
    );
    assert!(
        messages[1]
            .analysis_json
            .as_deref()
            .is_some_and(|j| j.contains("check"))
    );
    let olsen = cases
        .items
        .iter()
        .find(|c| c.client_id != maria.id)
        .unwrap();
    let note = store
        .list_messages(olsen.id, Paging::default())
        .await
        .unwrap()
        .items;
    assert_eq!(
        note[0].direction,
        Direction::InternalNote,
        "an auto-reply is not analysed"
    );
    assert_eq!(olsen.peak_hostility, 0.0);
}

#[tokio::test]
async fn dry_run_prints_and_stores_nothing() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mbox = root.path().join("in.mbox");
    let mut both = b"From maria Thu Dec  3 10:15:00 2026\n".to_vec();
    both.extend(std::fs::read(corpus("01-gmail-top-post.eml")).unwrap());
    both.extend(b"\nFrom mark Thu Dec  3 10:15:00 2026\n");
    both.extend(std::fs::read(corpus("30-auto-submitted.eml")).unwrap());
    std::fs::write(&mbox, both).unwrap();
    let out = import(&data, &[mbox.to_str().unwrap(), "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("client") && said.contains("Maria Lopez"),
        "{said}"
    );
    assert!(
        said.contains("auto-reply") && said.contains("Mark Olsen"),
        "{said}"
    );
    assert!(said.contains("2 messages would be stored"), "{said}");
    assert!(
        !data.join("defuse.db").exists(),
        "nothing was opened or stored"
    );
}

#[tokio::test]
async fn a_chat_export_stores_good_rows_and_names_bad_ones() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let csv = root.path().join("export.csv");
    std::fs::write(
        &csv,
        "conversation,time,role,text\n\
         c-9,2026-12-01T10:00:00Z,client,Where is my refund? This is the third time I ask.\n\
         c-9,2026-12-01T10:05:00Z,supervisor,Let me look.\n\
         c-9,2026-12-01T10:06:00Z,agent,I am sorry. I will check with payments and write back by 3pm today.\n\
         c-9,not a time,client,Fine.\n",
    )
    .unwrap();
    let out = import(&data, &["--format", "chat", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("line 3: role") && said.contains("supervisor"),
        "{said}"
    );
    assert!(said.contains("line 5: time"), "{said}");
    assert!(said.contains("Stored 2 messages"), "{said}");
    let store = store(&data).await;
    let cases = store
        .list_cases(Default::default(), Paging::default())
        .await
        .unwrap();
    assert_eq!(cases.total, 1);
    let messages = store
        .list_messages(cases.items[0].id, Paging::default())
        .await
        .unwrap();
    assert_eq!(messages.total, 2);
    assert_eq!(
        store
            .list_follow_ups(Default::default(), Paging::default())
            .await
            .unwrap()
            .total,
        1,
        "the agent's promise is a follow-up"
    );
}

#[tokio::test]
async fn a_transcript_is_one_conversation_named_after_its_file() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let file = root.path().join("call-0412.txt");
    std::fs::write(
        &file,
        "Client: My card was charged twice.\nAgent: I am sorry. I will ask payments to refund the second charge today.\nClient: Thank you.\n",
    )
    .unwrap();
    let out = import(&data, &["--format", "chat", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let again = import(&data, &["--format", "chat", file.to_str().unwrap()]);
    assert!(
        text(&again).contains("3 were already stored"),
        "{}",
        text(&again)
    );
    let store = store(&data).await;
    let cases = store
        .list_cases(Default::default(), Paging::default())
        .await
        .unwrap();
    assert_eq!(cases.total, 1);
    assert_eq!(cases.items[0].subject, "Chat call-0412");
    let messages = store
        .list_messages(cases.items[0].id, Paging::default())
        .await
        .unwrap();
    let directions: Vec<Direction> = messages.items.iter().map(|m| m.direction).collect();
    assert_eq!(
        directions,
        [Direction::Inbound, Direction::Outbound, Direction::Inbound]
    );
}

#[tokio::test]
async fn a_message_that_cannot_be_stored_is_named_and_the_rest_are_stored() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let dir = root.path().join("mail");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(corpus("01-gmail-top-post.eml"), dir.join("1.eml")).unwrap();
    // An agent's reply longer than the draft check reads (20 KB) is refused by the check.
    let long = "We are looking into it. ".repeat(1200);
    let reply = format!(
        "From: Shop Help <help@shop.test>\nTo: Ann Lee <ann@example.org>\nSubject: Re: Late\n\
         Message-ID: <long-1@shop.test>\nContent-Type: text/plain; charset=utf-8\n\n{long}\n"
    );
    std::fs::write(dir.join("2.eml"), reply).unwrap();
    let out = import(&data, &[dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("long-1@shop.test (Re: Late): not stored") && said.contains("20480 bytes"),
        "{said}"
    );
    assert!(said.contains("Stored 1 messages"), "{said}");
}
