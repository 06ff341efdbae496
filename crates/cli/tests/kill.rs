//! The server killed with SIGKILL while messages are posted with idempotency keys, restarted,
//! and every message retried until it is answered: none is lost, none is stored twice.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use defuse_storage::{Paging, Store};

mod common;

const MESSAGES: usize = 120;
const KILLS: usize = 6;

fn defuse(data: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_defuse"))
        .args(args)
        .env("DEFUSE_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .output()
        .expect("defuse runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn serve(data: &Path, addr: SocketAddr) -> Child {
    Command::new(env!("CARGO_BIN_EXE_defuse"))
        .args(["serve", "--fast", "--addr", &addr.to_string()])
        .env("DEFUSE_DATA_DIR", data)
        .env("NO_COLOR", "1")
        // A claim left by a killed server is taken over after two seconds, not minutes.
        .env("DEFUSE_IDEMPOTENCY__ABANDONED_AFTER_SECONDS", "2")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("defuse serve runs")
}

/// One POST with `Connection: close`; the status and body, or `None` when the server was not
/// there to answer in full.
fn post(addr: SocketAddr, path: &str, token: &str, key: &str, body: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {token}\r\nIdempotency-Key: {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).ok()?;
    let code: u16 = status.split_whitespace().nth(1)?.parse().ok()?;
    let length = common::content_length(&mut reader)?;
    let mut text = vec![0; length?];
    reader.read_exact(&mut text).ok()?;
    Some((code, String::from_utf8(text).ok()?))
}

/// Posts until the server answers (it may be down or restarting, or still hold the key of a
/// request it was killed in: 409 until that claim is abandoned); panics on a refusal. A
/// message killed after its commit but before its key kept the answer is found by its key
/// (its `external_id`) when the claim is taken over: 409 "already on the case" says it is
/// stored, and is an answer.
fn post_until_answered(addr: SocketAddr, path: &str, token: &str, key: &str, body: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last = None;
    while Instant::now() < deadline {
        match post(addr, path, token, key, body) {
            Some((201, text)) => return text,
            Some((409, text)) if text.contains("already on the case") => return text,
            Some((code, text)) if code == 409 || code == 503 => last = Some((code, text)),
            None => last = None,
            Some((code, text)) => panic!("{path} {key}: {code} {text}"),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{path} {key}: no answer in a minute; the last was {last:?}");
}

fn field(json: &str, name: &str) -> i64 {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON answer");
    v[name]
        .as_i64()
        .unwrap_or_else(|| panic!("{name} in {json}"))
}

fn free_address() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
}

#[tokio::test(flavor = "multi_thread")]
async fn messages_posted_with_keys_through_kills_are_stored_once_each() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_owned();
    defuse(
        &dir,
        &["user", "add", "kim", "--role", "agent", "--team", "care"],
    );
    let token = defuse(&dir, &["user", "token", "kim"]).trim().to_owned();
    let addr = free_address();
    let server = Arc::new(Mutex::new(serve(&dir, addr)));

    let team = {
        let store = store(&dir).await;
        let page = store.list_teams(Paging::new(10, 0).unwrap()).await;
        page.expect("teams").items[0].id
    };
    let client = post_until_answered(
        addr,
        "/api/v1/clients",
        &token,
        "client",
        r#"{"name": "Kept Client"}"#,
    );
    let case_body = format!(
        r#"{{"client_id": {}, "subject": "Refund", "team_id": {team}}}"#,
        field(&client, "id")
    );
    let case = field(
        &post_until_answered(addr, "/api/v1/cases", &token, "case", &case_body),
        "id",
    );

    // The killer strikes while messages are being posted, once every stretch of them.
    let posted = Arc::new(AtomicUsize::new(0));
    let killer = {
        let (server, posted, dir) = (Arc::clone(&server), Arc::clone(&posted), dir.clone());
        std::thread::spawn(move || {
            for k in 1..=KILLS {
                while posted.load(Ordering::SeqCst) < k * MESSAGES / (KILLS + 1) {
                    std::thread::sleep(Duration::from_millis(5));
                }
                let mut child = server.lock().unwrap();
                child.kill().expect("SIGKILL");
                child.wait().expect("the server ends");
                *child = serve(&dir, addr);
            }
        })
    };
    let path = format!("/api/v1/cases/{case}/messages/inbound");
    let blocking = tokio::task::spawn_blocking(move || {
        for i in 0..MESSAGES {
            let body = format!(r#"{{"body": "Message {i}: where is my refund?"}}"#);
            post_until_answered(addr, &path, &token, &format!("m-{i}"), &body);
            posted.fetch_add(1, Ordering::SeqCst);
        }
    });
    blocking.await.expect("every message answered");
    killer.join().expect("the killer thread");
    {
        let mut child = server.lock().unwrap();
        child.kill().ok();
        child.wait().ok();
    }

    let stored = store(&dir)
        .await
        .latest_messages(case, 10 * MESSAGES as i64)
        .await
        .unwrap();
    let mut keys: Vec<String> = stored
        .iter()
        .filter_map(|m| m.external_id.clone())
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(stored.len(), MESSAGES, "none lost, none stored twice");
    assert_eq!(keys.len(), MESSAGES, "each key once");
}

async fn store(data: &Path) -> Arc<dyn Store> {
    defuse_storage::connect(&defuse_storage::sqlite_url(data))
        .await
        .expect("the database")
}
