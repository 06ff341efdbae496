//! The coaching goes back: a client message from a helpdesk gets one note on its conversation
//! or ticket, posted by the job queue to the configured address (and retried when refused),
//! never when the integration's notes are off, and never to an address a payload names; the
//! note and the whole mail go when retention erases the message's body.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, Method, StatusCode, Uri};
use bytes::Bytes;
use chrono::Utc;
use defuse_ingest::hooks::signature::sign;
use defuse_server::Settings;
use defuse_server::scheduler::{self, Keep};
use defuse_server::settings::Secret;
use defuse_storage::{
    CaseChanges, CaseStatus, ERASED_BODY, Job, JobFilter, JobState, Paging, Store, StoreError,
};
use serde_json::{Value, json};

use crate::helpers::{TestApp, hook_secret, spawn_apps_with};
use crate::hooks::{chatwoot_message, deliver, deliver_chatwoot};

const HOSTILE: &str =
    "You charged me twice, you useless idiots. Refund it today or I go to my bank.";

/// One request as the recorder received it.
#[derive(Clone, Debug)]
struct Received {
    method: Method,
    path: String,
    headers: HeaderMap,
    body: Value,
}

/// A helpdesk stand-in on loopback: keeps every request to any path, and answers 500 to the
/// first `failures` of them.
#[derive(Clone, Default)]
struct Recorder {
    received: Arc<Mutex<Vec<Received>>>,
    failures: Arc<Mutex<usize>>,
}

impl Recorder {
    async fn start(failures: usize) -> (Recorder, String) {
        let recorder = Recorder::default();
        *recorder.failures.lock().unwrap() = failures;
        let kept = recorder.clone();
        let app = axum::Router::new().fallback(
            move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| async move {
                let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let path = uri.path().to_owned();
                kept.received.lock().unwrap().push(Received {
                    method,
                    path,
                    headers,
                    body,
                });
                let mut failures = kept.failures.lock().unwrap();
                if *failures > 0 {
                    *failures -= 1;
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                StatusCode::OK
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (recorder, url)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// Settings with quick job rounds and retries, and `notes` applied.
fn quick(notes: impl Fn(&mut Settings)) -> impl Fn(&mut Settings) {
    move |settings: &mut Settings| {
        settings.reminders.poll_millis = 50;
        settings.reminders.retry_first_seconds = 1;
        notes(settings);
    }
}

fn chatwoot_notes(base_url: String) -> impl Fn(&mut Settings) {
    quick(move |settings| {
        let chatwoot = &mut settings.helpdesk.chatwoot;
        chatwoot.note = true;
        chatwoot.base_url.clone_from(&base_url);
        chatwoot.account_id = 1;
        chatwoot.api_token = Secret("cw-token".into());
    })
}

async fn note_jobs(store: &dyn Store) -> Vec<Job> {
    let page = store.list_jobs(JobFilter::default(), Paging::first(500).unwrap());
    let jobs = page.await.unwrap().items;
    jobs.into_iter()
        .filter(|j| j.kind == "helpdesk.note")
        .collect()
}

/// Waits (up to ten seconds) until every note job is done; returns them.
async fn notes_done(store: &dyn Store) -> Vec<Job> {
    for _ in 0..200 {
        let jobs = note_jobs(store).await;
        if jobs.iter().all(|j| j.state == JobState::Done) {
            return jobs;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("note jobs not done: {:?}", note_jobs(store).await);
}

#[tokio::test]
async fn a_chatwoot_client_message_gets_one_private_note_however_often_it_is_delivered() {
    let (recorder, base) = Recorder::start(0).await;
    for app in spawn_apps_with(chatwoot_notes(base.clone())).await {
        let body = chatwoot_message(901, "incoming", HOSTILE);
        for _ in 0..5 {
            let delivered = deliver_chatwoot(&app, &body).await;
            assert_eq!(delivered.status, StatusCode::OK, "{}", delivered.body);
        }
        let reply = chatwoot_message(902, "outgoing", "Sorry, I am looking into it now.");
        deliver_chatwoot(&app, &reply).await;
        let jobs = notes_done(app.store.as_ref()).await;
        assert_eq!(
            jobs.len(),
            1,
            "{}: one note for the client's message",
            app.backend
        );
        let received = recorder.received.lock().unwrap().split_off(0);
        assert_eq!(received.len(), 1, "{}: posted once", app.backend);
        let note = &received[0];
        assert_eq!(note.method, Method::POST);
        assert_eq!(note.path, "/api/v1/accounts/1/conversations/12/messages");
        assert_eq!(note.headers["api_access_token"], "cw-token");
        assert_eq!(
            (
                note.body["private"].as_bool(),
                note.body["message_type"].as_str()
            ),
            (Some(true), Some("outgoing"))
        );
        let content = note.body["content"].as_str().unwrap();
        assert!(content.starts_with("defuse: "), "{content}");
        assert!(content.contains("\nSuggested reply:\n"), "{content}");
    }
}

#[tokio::test]
async fn a_note_answered_500_is_posted_again() {
    let (recorder, base) = Recorder::start(1).await;
    let apps = spawn_apps_with(chatwoot_notes(base)).await;
    let app = &apps[0];
    let delivered = deliver_chatwoot(app, &chatwoot_message(901, "incoming", HOSTILE)).await;
    assert_eq!(delivered.body["outcome"], "stored", "{}", delivered.body);
    let jobs = notes_done(app.store.as_ref()).await;
    assert_eq!(jobs[0].attempts, 2, "failed once, then posted");
    let received = recorder.received();
    assert_eq!(received.len(), 2, "the refused post and the one taken");
    assert_eq!(
        received[0].body, received[1].body,
        "the same note both times"
    );
}

#[tokio::test]
async fn no_note_is_posted_when_notes_are_off() {
    let (recorder, base) = Recorder::start(0).await;
    let off = quick(move |settings: &mut Settings| {
        settings.helpdesk.chatwoot.base_url.clone_from(&base);
        settings.helpdesk.chatwoot.account_id = 1;
    });
    for app in spawn_apps_with(off).await {
        let delivered = deliver_chatwoot(&app, &chatwoot_message(901, "incoming", HOSTILE)).await;
        assert_eq!(delivered.body["outcome"], "stored", "{}", delivered.body);
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            note_jobs(app.store.as_ref()).await.is_empty(),
            "{}",
            app.backend
        );
    }
    assert!(recorder.received().is_empty());
}

#[tokio::test]
async fn a_payload_naming_another_address_gets_no_call_there() {
    let (configured, base) = Recorder::start(0).await;
    let (foreign, elsewhere) = Recorder::start(0).await;
    let apps = spawn_apps_with(chatwoot_notes(base)).await;
    let app = &apps[0];
    let with = |id: i64, change: &dyn Fn(&mut Value)| {
        let mut v: Value =
            serde_json::from_str(&chatwoot_message(id, "incoming", HOSTILE)).unwrap();
        change(&mut v);
        v.to_string()
    };
    // Addresses everywhere a payload could carry one: data to store, never places to call.
    let everywhere = with(901, &|v| {
        v["account"]["url"] = json!(elsewhere);
        v["sender"]["thumbnail"] = json!(format!("{elsewhere}/avatar.png"));
        v["conversation"]["additional_attributes"] = json!({"referer": elsewhere});
        v["content"] = json!(format!(
            "{HOSTILE} See {elsewhere}/api/v1/accounts/1/conversations/12/messages"
        ));
    });
    // A conversation "id" that is an address: stored, but it names no conversation to note.
    let as_id = with(902, &|v| {
        v["conversation"]["id"] = json!(format!("{elsewhere}/x"))
    });
    // Another account than the configured one: no note either.
    let other_account = with(903, &|v| v["account"]["id"] = json!(2));
    for body in [everywhere, as_id, other_account] {
        let delivered = deliver_chatwoot(app, &body).await;
        assert_eq!(delivered.status, StatusCode::OK, "{}", delivered.body);
    }
    let jobs = notes_done(app.store.as_ref()).await;
    assert_eq!(
        jobs.len(),
        1,
        "only the numbered conversation of our account"
    );
    assert!(
        foreign.received().is_empty(),
        "nothing called the payload's address"
    );
    let received = configured.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].path,
        "/api/v1/accounts/1/conversations/12/messages"
    );
}

#[tokio::test]
async fn zendesk_and_zammad_tickets_get_an_internal_note() {
    let (recorder, base) = Recorder::start(0).await;
    let both = quick(move |settings: &mut Settings| {
        let zendesk = &mut settings.helpdesk.zendesk;
        zendesk.note = true;
        zendesk.base_url = format!("{base}/zendesk");
        zendesk.email = "agent@example.org".into();
        zendesk.api_token = Secret("zd-token".into());
        let zammad = &mut settings.helpdesk.zammad;
        zammad.note = true;
        zammad.base_url = format!("{base}/zammad/");
        zammad.api_token = Secret("zm-token".into());
    });
    let apps = spawn_apps_with(both).await;
    let app = &apps[0];
    deliver_zendesk(app).await;
    deliver_zammad(app).await;
    notes_done(app.store.as_ref()).await;
    let mut received = recorder.received();
    received.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(received.len(), 2);
    let (zammad, zendesk) = (&received[0], &received[1]);

    assert_eq!(
        (zendesk.method.clone(), zendesk.path.as_str()),
        (Method::PUT, "/zendesk/api/v2/tickets/4411.json")
    );
    // Basic auth of "agent@example.org/token:zd-token".
    assert_eq!(
        zendesk.headers["authorization"],
        "Basic YWdlbnRAZXhhbXBsZS5vcmcvdG9rZW46emQtdG9rZW4="
    );
    assert_eq!(zendesk.body["ticket"]["comment"]["public"], false);
    assert!(
        zendesk.body["ticket"]["comment"]["body"]
            .as_str()
            .unwrap()
            .starts_with("defuse: ")
    );

    assert_eq!(
        (zammad.method.clone(), zammad.path.as_str()),
        (Method::POST, "/zammad/api/v1/ticket_articles")
    );
    assert_eq!(zammad.headers["authorization"], "Token token=zm-token");
    let article = &zammad.body;
    assert_eq!(
        (article["ticket_id"].as_u64(), article["internal"].as_bool()),
        (Some(31), Some(true))
    );
    assert_eq!(
        (article["type"].as_str(), article["content_type"].as_str()),
        (Some("note"), Some("text/plain"))
    );
}

async fn deliver_zendesk(app: &TestApp) {
    let body = json!({
        "account_id": 10, "id": "evt-1", "time": Utc::now().to_rfc3339(),
        "type": "zen:event-type:ticket.comment_added", "subject": "zen:ticket:4411",
        "detail": {"id": "4411", "subject": "Broken kettle", "requester_id": "7001"},
        "event": {"comment": {"id": "98001", "body": HOSTILE, "is_public": true,
            "author": {"id": "7001", "is_staff": false, "name": "Omar Hale"}}}
    })
    .to_string();
    let ts = Utc::now().to_rfc3339();
    let signature = sign::zendesk(hook_secret("zendesk").as_bytes(), &ts, body.as_bytes());
    let headers = [
        ("X-Zendesk-Webhook-Signature", signature),
        ("X-Zendesk-Webhook-Signature-Timestamp", ts),
    ];
    let delivered = deliver(app, "zendesk", &body, &headers).await;
    assert_eq!(delivered.body["outcome"], "stored", "{}", delivered.body);
}

async fn deliver_zammad(app: &TestApp) {
    let body = json!({
        "ticket": {"id": 31, "title": "Invoice wrong", "customer": {"id": 8, "firstname": "Lena", "lastname": "Ort", "email": "lena@example.org"}},
        "article": {"id": 120, "sender": "Customer", "internal": false, "type": "email", "content_type": "text/plain",
            "body": HOSTILE, "created_at": Utc::now().to_rfc3339()}
    })
    .to_string();
    let signature = sign::zammad(hook_secret("zammad").as_bytes(), body.as_bytes());
    let delivered = deliver(app, "zammad", &body, &[("X-Hub-Signature", signature)]).await;
    assert_eq!(delivered.body["outcome"], "stored", "{}", delivered.body);
}

#[tokio::test]
async fn retention_erases_the_whole_mail_and_the_note_with_the_body() {
    let (_recorder, base) = Recorder::start(0).await;
    for app in spawn_apps_with(chatwoot_notes(base.clone())).await {
        let body = chatwoot_message(901, "incoming", HOSTILE);
        let delivered = deliver_chatwoot(&app, &body).await;
        let message_id = delivered.body["message_id"].as_i64().unwrap();
        let case_id = delivered.body["case_id"].as_i64().unwrap();
        notes_done(app.store.as_ref()).await;
        let store = app.store.as_ref();
        let closed = CaseChanges {
            status: Some(CaseStatus::Closed),
            ..CaseChanges::default()
        };
        store
            .update_case(case_id, closed, Utc::now())
            .await
            .unwrap();
        let keep = Keep {
            attempts: chrono::Duration::minutes(5),
            finished_bodies: Some(chrono::Duration::days(30)),
        };
        let later = Utc::now() + chrono::Duration::days(31);
        let erased = scheduler::run_once(store, later, keep).await.unwrap();
        assert_eq!(erased.bodies_erased, 1, "{}", app.backend);
        let source = store.message_source(message_id).await.unwrap();
        assert_eq!(
            (source.full_body.as_str(), source.html),
            (ERASED_BODY, None)
        );
        let note = store.helpdesk_note(message_id).await;
        assert!(matches!(note, Err(StoreError::NotFound)), "{}", app.backend);
    }
}
