//! Runs the built `defuse` binary the way a user would.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn defuse(args: &[&str], stdin: &[u8]) -> Output {
    let data = tempfile::tempdir().expect("temp dir");
    defuse_in(data.path(), args, stdin)
}

/// Runs `defuse` with `data` as its data folder.
fn defuse_in(data: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_defuse"))
        .args(args)
        .env("DEFUSE_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("defuse runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("defuse finishes")
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

#[test]
fn analyze_prints_a_readable_summary_with_marked_evidence() {
    let out = defuse(&["analyze", "You idiots lost my parcel AGAIN!!"], b"");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Level: ABUSIVE"), "{text}");
    assert!(text.contains("[idiots]") && text.contains("[!!]"), "{text}");
}

#[test]
fn jsonl_answers_every_line_in_order_and_fails_at_the_end_on_bad_lines() {
    let input = b"{\"id\": 7, \"text\": \"Thanks, all sorted!\"}\nnot json\n{\"id\": \"b\"}\n\xff\xfe\n{\"text\": \"You useless idiots\", \"context\": \"How can I help?\"}\n";
    let out = defuse(&["analyze", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 5);
    assert_eq!(got[0]["id"], 7);
    assert_eq!(got[0]["level"], "calm");
    assert_eq!(got[1]["line"], 2);
    assert!(got[1]["error"].as_str().unwrap().contains("not valid JSON"));
    assert_eq!(got[2]["line"], 3);
    assert!(got[2]["error"].as_str().unwrap().contains("text"));
    assert_eq!(got[3]["line"], 4);
    assert!(got[3]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(got[4]["abusive"], true);
    for field in [
        "offensive_score",
        "complaint_score",
        "hostility",
        "sentiment_scores",
        "emotions",
        "causes",
        "signals",
        "concerns",
    ] {
        assert!(got[4].get(field).is_some(), "missing {field}");
    }
}

#[test]
fn jsonl_of_good_lines_succeeds() {
    let out = defuse(
        &["analyze", "--jsonl", "-"],
        b"{\"text\": \"\"}\n{\"text\": \"Where is my order?\"}\n",
    );
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got[0]["level"], "calm");
    assert_eq!(got.len(), 2);
}

#[test]
fn a_missing_input_file_is_a_clear_error() {
    let out = defuse(&["analyze", "--jsonl", "/no/such/file.jsonl"], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.jsonl"));
}

#[test]
fn a_transcript_line_from_an_unknown_speaker_fails_naming_the_line() {
    let transcript = b"Client: The router died again.\nAgent: I'm sorry, let me book an engineer.\nSupervisor: I'll take it from here.\nClient: Finally.\n";
    let out = defuse(&["coach", "-"], transcript);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3: unknown speaker \"Supervisor\""),
        "{err}"
    );
}

#[test]
fn what_the_agent_found_goes_into_the_reply_and_is_checked() {
    let transcript = b"Client: My parcel was due on Monday and it still isn't here.\nFound: As I already told you, it went to your old address.\n";
    let out = defuse(&["coach", "-"], transcript);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reply = said.split("\n\n").next().unwrap_or_default();
    assert!(
        reply.contains("As I already told you, it went to your old address."),
        "{said}"
    );
    // The draft check reads the agent's own words in it, and finds the fault in them.
    let check = said
        .split_once("with your Found: words")
        .map(|(_, c)| c)
        .unwrap_or_else(|| panic!("{said}"));
    assert!(check.contains("[[As I already told you"), "{said}");
}

#[test]
fn a_message_given_as_a_dash_is_read_from_stdin() {
    let out = defuse(
        &["analyze", "--fast", "--json", "-"],
        b"You useless idiot, where is my refund?",
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("\"idiot\""),
        "the message on stdin is read: {said}"
    );
}

#[test]
fn an_empty_draft_is_a_clear_error() {
    let out = defuse(
        &["check-reply", "--conversation", "-", "   "],
        b"Client: Where is my order?\n",
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the draft is empty"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_draft_named_by_its_file_is_read_from_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, "CALM DOWN!!! Read the terms next time.").expect("draft written");
    let draft = draft.to_str().expect("a UTF-8 path");
    let out = defuse(
        &["check-reply", "--conversation", "-", draft],
        b"Client: Where is my order?\n",
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("[[CALM DOWN"),
        "the file's words are checked: {said}"
    );
    assert!(!said.contains("draft.txt"), "not the file's name: {said}");
}

#[test]
fn serve_on_a_busy_address_fails_before_seeding_the_demo() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("a port to hold");
    let addr = busy.local_addr().expect("its address").to_string();
    let out = defuse(&["serve", "--demo", "--fast", "--addr", &addr], b"");
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stdout.contains("Demo data added") && !stdout.contains("admin"),
        "nothing is seeded nor any password printed: {stdout}"
    );
    assert!(stderr.contains(&format!("listening on {addr}")), "{stderr}");
}

#[test]
fn serve_with_a_mailbox_password_it_cannot_read_fails_naming_it_and_other_commands_go_on() {
    let data = tempfile::tempdir().expect("temp dir");
    let config = data.path().join("defuse.toml");
    std::fs::write(
        &config,
        "[[mail.imap]]\nhost = \"127.0.0.1\"\nuser = \"help\"\n\
         password_env = \"DEFUSE_TEST_UNSET_IMAP_PASSWORD\"\n",
    )
    .expect("the settings file");
    let config = config.to_str().expect("a UTF-8 path");
    let out = defuse_in(data.path(), &["serve", "--fast", "--config", config], b"");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("DEFUSE_TEST_UNSET_IMAP_PASSWORD") && stderr.contains("help@127.0.0.1"),
        "{stderr}"
    );
    let out = defuse_in(data.path(), &["user", "--config", config, "list"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn server_logs_to_a_pipe_have_no_colour_codes() {
    use std::io::{BufRead, BufReader, Read};
    let data = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_defuse"))
        .args(["serve", "--fast", "--addr", "127.0.0.1:0"])
        .env("DEFUSE_DATA_DIR", data.path())
        .env("RUST_LOG", "debug")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("defuse serve runs");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let serving = stdout
        .lines()
        .map_while(Result::ok)
        .any(|l| l.starts_with("defuse is serving on"));
    child.kill().expect("the server stops");
    child.wait().expect("the server ends");
    let mut logs = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut logs)
        .expect("the logs");
    assert!(serving, "the server started: {logs}");
    assert!(!logs.trim().is_empty(), "something was logged at debug");
    assert!(!logs.contains('\u{1b}'), "no ANSI codes: {logs}");
}

/// A client with one case in the SQLite database of `data`; returns the client's id.
fn stored_client(data: &Path) -> i64 {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = defuse_storage::connect(&defuse_storage::sqlite_url(data))
            .await
            .expect("database");
        let client = store
            .create_client(defuse_storage::ClientFields {
                name: "Marta Client".into(),
                ..Default::default()
            })
            .await
            .expect("client");
        let team = store.create_team("Billing").await.expect("team");
        store
            .create_case(defuse_storage::NewCase {
                client_id: client.id,
                subject: "Double charge".into(),
                channel: "email".into(),
                assignee_id: None,
                team_id: team.id,
                opened_at: defuse_storage::chrono::Utc::now(),
            })
            .await
            .expect("case");
        client.id
    })
}

#[test]
fn a_client_is_exported_then_erased_only_when_confirmed() {
    let data = tempfile::tempdir().expect("temp dir");
    let id = stored_client(data.path()).to_string();
    let export = defuse_in(data.path(), &["client", "export", &id], b"");
    assert!(export.status.success(), "{export:?}");
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).expect("JSON");
    assert_eq!(json["client"]["name"], "Marta Client");
    assert_eq!(json["cases"].as_array().map(Vec::len), Some(1));

    let unconfirmed = defuse_in(data.path(), &["client", "erase", &id], b"");
    assert_eq!(unconfirmed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unconfirmed.stderr).contains("--yes"));
    let still = defuse_in(data.path(), &["client", "export", &id], b"");
    assert!(still.status.success(), "nothing was erased without --yes");

    let erased = defuse_in(data.path(), &["client", "erase", &id, "--yes"], b"");
    assert!(erased.status.success(), "{erased:?}");
    let gone = defuse_in(data.path(), &["client", "export", &id], b"");
    assert_eq!(gone.status.code(), Some(1));
    let error = String::from_utf8_lossy(&gone.stderr);
    assert!(
        error.contains(&format!("there is no client {id}")),
        "{error}"
    );
}

#[test]
fn backup_writes_a_copy_that_opens_and_never_overwrites() {
    let data = tempfile::tempdir().expect("temp dir");
    let id = stored_client(data.path()).to_string();
    let copy = data.path().join("copy.db");
    let copy_arg = copy.to_str().expect("UTF-8 path");
    let written = defuse_in(data.path(), &["backup", copy_arg], b"");
    assert!(written.status.success(), "{written:?}");
    let url = format!("sqlite://{copy_arg}");
    let from_copy = defuse_in(
        data.path(),
        &["client", "--database-url", &url, "export", &id],
        b"",
    );
    assert!(from_copy.status.success(), "{from_copy:?}");
    assert!(String::from_utf8_lossy(&from_copy.stdout).contains("Marta Client"));

    let again = defuse_in(data.path(), &["backup", copy_arg], b"");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
}

#[test]
fn output_to_a_reader_that_went_away_ends_quietly() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_defuse"))
        .args(["coach", "--fast", "-"])
        .env("DEFUSE_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("defuse runs");
    // The reader goes before defuse has read its input, so every write meets a closed pipe.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(b"Client: My order is late again and nobody answers.\n")
        .expect("write stdin");
    drop(stdin);
    let out = child.wait_with_output().expect("defuse finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
