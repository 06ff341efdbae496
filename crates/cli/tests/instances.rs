//! Two instances of the real binary sharing one PostgreSQL database: 1,000 follow-ups fall due
//! at the same moment, one instance is killed with SIGKILL halfway through the deliveries, and
//! still every reminder reaches the console exactly once and the webhook at least once. A post
//! the killed instance sent but had not yet recorded is sent again by the other instance when
//! its lease ends; those are counted and printed, and can be at most what one instance holds.
//! Runs only when `TEST_DATABASE_URL` names a PostgreSQL server (a database is made and dropped).

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use defuse_storage::{
    ClientFields, NewCase, NewFollowUp, NewUser, Paging, Role, ScratchDatabase, Store,
};

mod common;

const FOLLOW_UPS: usize = 1_000;
/// The most jobs one instance claims at once (`jobs::BATCH`): what a killed one can hold.
const BATCH: usize = 64;

/// Every webhook post received, by notification id, in order.
type Posts = Arc<Mutex<Vec<i64>>>;

/// A webhook receiver on loopback answering 200 to every post and keeping its notification id.
fn receive_posts() -> (SocketAddr, Posts) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the webhook");
    let addr = listener.local_addr().expect("its address");
    let posts = Posts::default();
    let kept = Arc::clone(&posts);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let kept = Arc::clone(&kept);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                while let Some(body) = read_request(&mut reader) {
                    let json: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
                    let id = json["notification_id"].as_i64().expect("notification_id");
                    kept.lock().unwrap().push(id);
                    let answer = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
                    if reader.get_mut().write_all(answer).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (addr, posts)
}

/// The body of the next request on a kept-alive connection; `None` when it closes.
fn read_request(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let length = common::content_length(reader)?.unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

fn serve(data: &Path, database_url: &str, hook: SocketAddr) -> Child {
    let addr = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    Command::new(env!("CARGO_BIN_EXE_defuse"))
        .args(["serve", "--fast", "--addr", &addr.to_string()])
        .env("DEFUSE_DATA_DIR", data)
        .env("DEFUSE_DATABASE_URL", database_url)
        .env("DEFUSE_NOTIFY__WEBHOOK__URL", format!("http://{hook}/hook"))
        // A killed instance's jobs are taken over after five seconds.
        .env("DEFUSE_REMINDERS__LEASE_SECONDS", "5")
        .env("DEFUSE_REMINDERS__POLL_MILLIS", "200")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("defuse serve runs")
}

/// Waits until `done` holds, for at most `limit`; says whether it did.
fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

/// An agent with a case and `FOLLOW_UPS` follow-ups all due at `due`; returns the agent's id.
async fn seed(store: &dyn Store, due: chrono::DateTime<Utc>) -> i64 {
    let team = store.create_team("care").await.unwrap().id;
    let new = NewUser {
        username: "kim".into(),
        display_name: "Kim".into(),
        role: Role::Agent,
        password_hash: "not used: no one signs in".into(),
    };
    let kim = store.create_user(new).await.unwrap().id;
    store.add_team_member(team, kim).await.unwrap();
    let fields = ClientFields {
        name: "Kept Client".into(),
        ..ClientFields::default()
    };
    let client = store.create_client(fields).await.unwrap().id;
    let case = NewCase {
        client_id: client,
        subject: "Refund".into(),
        channel: "email".into(),
        assignee_id: Some(kim),
        team_id: team,
        opened_at: Utc::now(),
    };
    let case = store.create_case(case).await.unwrap().id;
    for n in 0..FOLLOW_UPS {
        let promise = NewFollowUp {
            case_id: case,
            what: format!("promise {n}"),
            due_at: Some(due),
            owner_id: Some(kim),
        };
        store.create_follow_up(promise).await.unwrap();
    }
    kim
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_deliver_every_reminder_though_one_is_killed_halfway() {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("TEST_DATABASE_URL is not set: two instances need PostgreSQL");
        return;
    };
    let scratch = ScratchDatabase::create(&admin_url, "defuse_instances")
        .await
        .unwrap();
    let url = scratch.url().to_owned();
    let store = defuse_storage::connect(&url).await.unwrap();
    let due = Utc::now() + chrono::Duration::seconds(20);
    let kim = seed(store.as_ref(), due).await;

    let (hook, posts) = receive_posts();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = serve(dir_a.path(), &url, hook);
    let mut b = serve(dir_b.path(), &url, hook);
    let halfway = wait_for(Duration::from_secs(120), || {
        posts.lock().unwrap().len() >= FOLLOW_UPS / 2
    });
    assert!(halfway, "half the reminders were posted");
    b.kill().expect("SIGKILL");
    b.wait().expect("the instance ends");
    let killed_at = Utc::now();
    let distinct = || posts.lock().unwrap().iter().collect::<HashSet<_>>().len();
    let all = wait_for(Duration::from_secs(120), || distinct() >= FOLLOW_UPS);
    let last = Utc::now();
    a.kill().ok();
    a.wait().ok();

    let received = posts.lock().unwrap().clone();
    let unique: HashSet<i64> = received.iter().copied().collect();
    let twice = received.len() - unique.len();
    let mut texts = HashSet::new();
    let mut total = 0;
    for offset in [0, 500, 1_000] {
        let page = store
            .list_notifications(kim, Paging::new(500, offset).unwrap())
            .await
            .unwrap();
        total = page.total;
        texts.extend(page.items.into_iter().map(|n| n.text));
    }
    eprintln!(
        "{FOLLOW_UPS} due at once, one of two instances SIGKILLed at {killed_at}: {} posts \
         ({} distinct, {twice} sent twice), {total} console notifications; the last post came \
         {:.1} s after the due time",
        received.len(),
        unique.len(),
        (last - due).num_milliseconds() as f64 / 1000.0
    );
    assert!(
        all,
        "every reminder was posted: {} of {FOLLOW_UPS}",
        unique.len()
    );
    assert_eq!(
        unique.len(),
        FOLLOW_UPS,
        "no post for a notification that does not exist"
    );
    assert_eq!(
        (total, texts.len()),
        (FOLLOW_UPS as i64, FOLLOW_UPS),
        "the console: once each"
    );
    assert!(
        twice <= BATCH,
        "only what the killed instance held is sent twice: {twice}"
    );

    drop(store);
    let _ = scratch.remove().await;
}
