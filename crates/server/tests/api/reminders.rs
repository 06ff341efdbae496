//! Reminders of a promise reach its owner before it is due and when it is due (console, mail
//! over a real SMTP server, signed webhook), and a missed one reaches the team's supervisors;
//! a promise kept in time reminds nobody; a refused webhook post is tried again.
//! The job rounds are run by hand at chosen times, on a store without a server, so no other
//! worker takes the jobs.

use std::sync::Arc;

use chrono::{DateTime, Duration, DurationRound, Utc};
use defuse_ingest::hooks::{Delivery, signature};
use defuse_server::Settings;
use defuse_server::jobs::{self, Outcome, Worker, local_time};
use defuse_server::settings::{Secret, SmtpTls};
use defuse_storage::{FollowUpStatus, FollowUpUpdate, NewFollowUp, Paging, Store, UserChannels};

use super::helpers::{Database, World, fresh_databases};
use super::sinks::{HookSink, MailSink};

const SECRET: &str = "webhook-test-secret";

/// When the promise is due: a whole hour two days ahead (jobs are queued at the real time the
/// follow-up is stored, so the rounds run from then on).
fn due() -> DateTime<Utc> {
    Utc::now().duration_trunc(Duration::hours(1)).unwrap() + Duration::days(2)
}

fn worker(store: Arc<dyn Store>, mail: &MailSink, hook_url: &str) -> Worker {
    let mut settings = Settings::default();
    settings.notify.smtp.host = "127.0.0.1".into();
    settings.notify.smtp.port = mail.port;
    settings.notify.smtp.tls = SmtpTls::None;
    settings.notify.webhook.url = hook_url.into();
    settings.notify.webhook.secret = Secret(SECRET.into());
    settings.reminders.retry_first_seconds = 60;
    Worker::new(store, Arc::new(settings)).unwrap()
}

/// A fresh store with the test world, and a worker over it that mails to `mail` and posts
/// to `hook_url` (none when empty).
async fn scene(
    database: &Database,
    mail: &MailSink,
    hook_url: &str,
) -> (Arc<dyn Store>, World, Worker) {
    let store = defuse_storage::connect(&database.url).await.unwrap();
    let world = World::build(store.as_ref()).await;
    let worker = worker(store.clone(), mail, hook_url);
    (store, world, worker)
}

/// One round at `now`, returning how many jobs it finished.
async fn round(worker: &Worker, now: DateTime<Utc>) -> Outcome {
    jobs::run_once(worker, now).await.unwrap()
}

async fn promise(store: &dyn Store, world: &World, what: &str, due: DateTime<Utc>) -> i64 {
    let new = NewFollowUp {
        case_id: world.case_a,
        what: what.into(),
        due_at: Some(due),
        owner_id: Some(world.agent.id),
    };
    store.create_follow_up(new).await.unwrap().id
}

async fn texts(store: &dyn Store, user_id: i64) -> Vec<String> {
    let notes = store
        .list_notifications(user_id, Paging::default())
        .await
        .unwrap();
    notes.items.into_iter().rev().map(|n| n.text).collect()
}

/// The post was signed with our secret the way our own generic hook checks signatures.
fn assert_signed(post: &super::sinks::Post) {
    let header = |name: &str| {
        let value = post.headers.get(name)?;
        Some(value.to_str().ok()?.to_owned())
    };
    let delivery = Delivery {
        body: &post.body,
        header: &header,
        now: Utc::now().timestamp(),
        max_age: 60,
    };
    let checked = signature::timestamped_hex(
        SECRET.as_bytes(),
        &delivery,
        "X-Defuse-Signature",
        "X-Defuse-Timestamp",
    );
    assert!(checked.is_ok(), "the webhook post is signed");
}

#[tokio::test]
async fn a_promise_is_reminded_before_and_when_due_and_its_miss_reaches_supervisors() {
    let mail = MailSink::start();
    let hook = HookSink::default();
    let hook_url = hook.start().await;
    for database in fresh_databases().await {
        let (store, world, worker) = scene(&database, &mail, &hook_url).await;
        let channels = UserChannels {
            user_id: world.agent.id,
            email: Some("ana@example.org".into()),
            time_zone: "Europe/Berlin".into(),
        };
        store.put_user_channels(channels).await.unwrap();
        let mails_before = mail.mails().len();
        let due = due();
        let berlin = local_time(due, "Europe/Berlin");
        let id = promise(store.as_ref(), &world, "Call Marta back", due).await;

        let planned = round(&worker, due - Duration::hours(5)).await;
        assert_eq!(
            (planned.claimed, planned.done),
            (1, 1),
            "{}",
            database.backend
        );
        assert_eq!(round(&worker, due - Duration::hours(3)).await.claimed, 0);
        for (at, told) in [
            (
                due - Duration::hours(2),
                format!("Due {berlin}: Call Marta back"),
            ),
            (due, format!("Due now ({berlin}): Call Marta back")),
        ] {
            assert_eq!(round(&worker, at).await.done, 1, "the reminder");
            assert_eq!(round(&worker, at).await.done, 2, "its mail and its post");
            let mails = mail.mails();
            let sent = mails.last().unwrap();
            assert!(sent.contains("To: ana@example.org"), "{sent}");
            assert!(sent.contains(&told), "{sent}");
            let [post] = hook.taken().try_into().ok().unwrap();
            assert_signed(&post);
            let json: serde_json::Value = serde_json::from_slice(&post.body).unwrap();
            assert!(
                json["text"].as_str().unwrap().starts_with("@ana: Due"),
                "{json}"
            );
        }
        assert_eq!(texts(store.as_ref(), world.agent.id).await.len(), 2);
        assert!(texts(store.as_ref(), world.supervisor.id).await.is_empty());

        let late = due + Duration::hours(24);
        assert_eq!(round(&worker, late).await.done, 1);
        assert_eq!(
            store.follow_up(id).await.unwrap().status,
            FollowUpStatus::Missed
        );
        let told = texts(store.as_ref(), world.supervisor.id).await;
        let (utc, case) = (local_time(due, "UTC"), world.case_a);
        let missed =
            format!("Missed: Call Marta back was due {utc} (case #{case} \"Double charge\")");
        assert_eq!(told, [missed]);
        assert_eq!(
            round(&worker, late).await.done,
            4,
            "two mails (one to nobody), two posts"
        );
        assert_eq!(hook.taken().len(), 2);
        assert_eq!(
            mail.mails().len(),
            mails_before + 3,
            "the supervisor gave no address"
        );
        assert_eq!(store.unread_notifications(world.agent.id).await.unwrap(), 3);
    }
}

#[tokio::test]
async fn a_promise_kept_in_time_reminds_nobody() {
    let mail = MailSink::start();
    for database in fresh_databases().await {
        let (store, world, worker) = scene(&database, &mail, "").await;
        let due = due();
        let id = promise(store.as_ref(), &world, "Send the refund form", due).await;
        round(&worker, due - Duration::hours(5)).await;
        let kept = FollowUpUpdate {
            status: FollowUpStatus::Done,
            at: due - Duration::hours(4),
            note: Some("Sent by post".into()),
        };
        store.update_follow_up(id, kept).await.unwrap();
        for at in [due - Duration::hours(2), due, due + Duration::days(1)] {
            assert_eq!(round(&worker, at).await.done, 1);
        }
        assert!(texts(store.as_ref(), world.agent.id).await.is_empty());
        assert_eq!(
            store.follow_up(id).await.unwrap().status,
            FollowUpStatus::Done
        );
    }
    assert!(mail.mails().is_empty());
}

#[tokio::test]
async fn a_refused_webhook_post_is_tried_again_after_a_wait() {
    let mail = MailSink::start();
    let hook = HookSink::default();
    let hook_url = hook.start().await;
    for database in fresh_databases().await {
        let (store, world, worker) = scene(&database, &mail, &hook_url).await;
        let due = due();
        promise(store.as_ref(), &world, "Call Marta back", due).await;
        round(&worker, due - Duration::hours(5)).await;
        round(&worker, due - Duration::hours(2)).await;
        *hook.refusing.lock().unwrap() = true;
        let refused = round(&worker, due - Duration::hours(2)).await;
        assert_eq!(
            (refused.done, refused.retried),
            (1, 1),
            "the mail went, the post waits"
        );
        *hook.refusing.lock().unwrap() = false;
        let early = due - Duration::hours(2) + Duration::seconds(59);
        assert_eq!(round(&worker, early).await.claimed, 0);
        let again = round(&worker, early + Duration::seconds(1)).await;
        assert_eq!(again.done, 1);
        assert_eq!(hook.taken().len(), 1);
    }
}
