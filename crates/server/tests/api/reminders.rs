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

pub(super) fn worker(store: Arc<dyn Store>, mail: &MailSink, hook_url: &str) -> Worker {
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
pub(super) async fn scene(
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
/// Mail to `email`, times in Berlin, every channel on and no quiet hours.
pub(super) fn in_berlin(user_id: i64, email: &str) -> UserChannels {
    UserChannels {
        user_id,
        email: Some(email.into()),
        time_zone: "Europe/Berlin".into(),
        digest_hour: None,
        by_email: true,
        by_webhook: true,
        quiet_hours: None,
    }
}

pub(super) async fn round(worker: &Worker, now: DateTime<Utc>) -> Outcome {
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

pub(super) async fn texts(store: &dyn Store, user_id: i64) -> Vec<String> {
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
        let channels = in_berlin(world.agent.id, "ana@example.org");
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

/// Monday 10:00 UTC at least two days ahead, so that its week's Friday is still to come.
fn next_monday() -> DateTime<Utc> {
    use chrono::Datelike;
    let mut day = (Utc::now() + Duration::days(2)).date_naive();
    while day.weekday() != chrono::Weekday::Mon {
        day = day.succ_opt().unwrap();
    }
    day.and_hms_opt(10, 0, 0).unwrap().and_utc()
}

#[tokio::test]
async fn a_day_promised_without_an_hour_is_reminded_at_nine_in_the_owners_zone() {
    use reqwest::Method;
    use serde_json::json;
    for app in super::helpers::spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let zone = json!({"email": null, "time_zone": "America/New_York"});
        app.call(Method::PUT, "/api/v1/me/channels", token, Some(zone))
            .await;
        let sent = next_monday();
        let draft =
            "I will call you on Wednesday at 10am. I will send you the refund form by Friday.";
        let path = format!("/api/v1/cases/{}/messages/outbound", world.case_a);
        let body = json!({"body": draft, "at": sent});
        let posted = app.call(Method::POST, &path, token, Some(body)).await;
        assert_eq!(posted.status, 201, "{}", posted.body);
        let follow_ups = posted.body["follow_ups"].as_array().unwrap().clone();
        let by_day = |what: &str| {
            let found = follow_ups
                .iter()
                .find(|f| f["what"].as_str().unwrap().contains(what));
            found
                .unwrap_or_else(|| panic!("{what} in {follow_ups:?}"))
                .clone()
        };
        let (call, form) = (by_day("call"), by_day("refund form"));
        assert_eq!(
            (call["date_only"].as_bool(), form["date_only"].as_bool()),
            (Some(false), Some(true))
        );

        let friday = sent.date_naive() + chrono::Days::new(4);
        let nine = chrono::TimeZone::from_local_datetime(
            &chrono_tz::America::New_York,
            &friday.and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap()
        .with_timezone(&Utc);
        let call_due: DateTime<Utc> = call["due_at"].as_str().unwrap().parse().unwrap();
        for (follow_up, expected) in [(&form, nine), (&call, call_due - Duration::hours(2))] {
            let id = follow_up["id"].as_i64().unwrap();
            let mut soon = None;
            for _ in 0..100 {
                let jobs = app
                    .store
                    .list_jobs(
                        defuse_storage::JobFilter::default(),
                        Paging::first(500).unwrap(),
                    )
                    .await
                    .unwrap();
                soon = jobs
                    .items
                    .into_iter()
                    .find(|j| j.kind == "follow_up.soon" && j.subject_id == Some(id));
                if soon.is_some() {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            let soon = soon.unwrap_or_else(|| panic!("{}: no reminder planned", app.backend));
            assert_eq!(soon.run_at, expected, "{}", follow_up["what"]);
        }
    }
}

/// The first `hour`:`minute` in Berlin after `after`.
fn next_berlin(after: DateTime<Utc>, hour: u32, minute: u32) -> DateTime<Utc> {
    use chrono::TimeZone;
    let berlin = chrono_tz::Europe::Berlin;
    let mut day = after.with_timezone(&berlin).date_naive();
    loop {
        let at = berlin
            .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        if at > after {
            return at;
        }
        day = day.succ_opt().unwrap();
    }
}

#[tokio::test]
async fn mail_in_quiet_hours_waits_for_morning_and_a_channel_turned_off_gets_nothing() {
    let mail = MailSink::start();
    let hook = HookSink::default();
    let hook_url = hook.start().await;
    for database in fresh_databases().await {
        let (store, world, worker) = scene(&database, &mail, &hook_url).await;
        let channels = UserChannels {
            by_webhook: false,
            quiet_hours: Some("22:00-07:00".into()),
            ..in_berlin(world.agent.id, "ana@example.org")
        };
        store.put_user_channels(channels).await.unwrap();
        let mails_before = mail.mails().len();
        let due = due();
        let id = promise(store.as_ref(), &world, "Call Marta back", due).await;
        round(&worker, due - Duration::hours(5)).await;
        // Due on a whole hour, so half past ten at night is less than a day later.
        let night = next_berlin(due, 22, 30);
        assert_eq!(
            round(&worker, night).await.done,
            2,
            "the two reminders, late"
        );
        assert_eq!(
            texts(store.as_ref(), world.agent.id).await.len(),
            2,
            "the console at once"
        );
        let kept = FollowUpUpdate {
            status: FollowUpStatus::Done,
            at: night,
            note: None,
        };
        store.update_follow_up(id, kept).await.unwrap();
        let held = round(&worker, night).await;
        assert_eq!(
            (held.postponed, held.done),
            (2, 2),
            "{}: mails wait, posts are off",
            database.backend
        );
        let morning = next_berlin(night, 7, 0);
        let before_seven = round(&worker, morning - Duration::seconds(1)).await;
        assert_eq!(before_seven.postponed, 0);
        assert_eq!(mail.mails().len(), mails_before);
        round(&worker, morning).await;
        let mails = mail.mails();
        assert_eq!(mails.len(), mails_before + 2);
        assert!(mails.last().unwrap().contains("Call Marta back"));
        assert!(hook.taken().is_empty());
    }
}
