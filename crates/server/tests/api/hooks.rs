//! Webhooks in: each product's payload and signature, once per external id however often it
//! is delivered, and every refused delivery (unsigned, badly signed, stale, malformed) a 4xx
//! that names the problem and stores nothing.

use chrono::Utc;
use defuse_ingest::hooks::signature::sign;
use defuse_storage::{ClientFilter, Direction, Paging, Store};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Reply, TestApp, hook_secret, reply, spawn_apps};

pub(crate) async fn deliver(
    app: &TestApp,
    product: &str,
    body: &str,
    headers: &[(&str, String)],
) -> Reply {
    let mut request = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/hooks/{product}")))
        .header("Content-Type", "application/json")
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    reply(request.send().await.unwrap()).await
}

/// Chatwoot's headers for `body`, signed at `timestamp` with `secret`.
pub(crate) fn chatwoot_headers(
    secret: &str,
    timestamp: i64,
    body: &str,
) -> Vec<(&'static str, String)> {
    let ts = timestamp.to_string();
    vec![
        (
            "X-Chatwoot-Signature",
            sign::timestamped_hex(secret.as_bytes(), &ts, body.as_bytes()),
        ),
        ("X-Chatwoot-Timestamp", ts),
    ]
}

/// `body` delivered to the Chatwoot hook, signed now with the test secret.
pub(crate) async fn deliver_chatwoot(app: &TestApp, body: &str) -> Reply {
    deliver_chatwoot_at(app.address.clone(), body.to_owned()).await
}

/// `body` delivered to the Chatwoot hook of the server at `address` (an instance of its own).
pub(crate) async fn deliver_chatwoot_at(address: String, body: String) -> Reply {
    let headers = chatwoot_headers(&hook_secret("chatwoot"), Utc::now().timestamp(), &body);
    let mut request = reqwest::Client::new()
        .post(format!("{address}/api/v1/hooks/chatwoot"))
        .header("Content-Type", "application/json")
        .body(body);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    reply(request.send().await.unwrap()).await
}

pub(crate) fn chatwoot_message(id: i64, message_type: &str, content: &str) -> String {
    json!({
        "event": "message_created", "id": id, "content": content, "message_type": message_type,
        "created_at": Utc::now().to_rfc3339(), "private": false, "content_type": "text",
        "sender": {"id": 77, "name": "Rosa Bell", "email": "rosa@example.org", "type": "contact"},
        "conversation": {"id": 12, "display_id": 12, "meta": {"sender": {"id": 77, "name": "Rosa Bell"}}},
        "account": {"id": 1, "name": "Shop"}
    })
    .to_string()
}

pub(crate) async fn counts(store: &dyn Store) -> (i64, i64) {
    let clients = store
        .list_clients(ClientFilter::default(), Paging::default())
        .await
        .unwrap();
    let cases = store
        .list_cases(Default::default(), Paging::default())
        .await
        .unwrap();
    (clients.total, cases.total)
}

pub(crate) async fn messages_of(
    store: &dyn Store,
    case_id: &Value,
) -> Vec<defuse_storage::Message> {
    let id = case_id.as_i64().expect("a case id");
    store
        .list_messages(id, Paging::default())
        .await
        .unwrap()
        .items
}

#[tokio::test]
async fn a_chatwoot_message_is_stored_once_however_often_it_is_delivered() {
    for app in spawn_apps().await {
        let body = chatwoot_message(901, "incoming", "Third time asking: where is my order?");
        let first = deliver_chatwoot(&app, &body).await;
        assert_eq!(
            first.status,
            StatusCode::OK,
            "{}: {}",
            app.backend,
            first.body
        );
        assert_eq!(first.body["outcome"], "stored");
        for _ in 0..100 {
            let again = deliver_chatwoot(&app, &body).await;
            assert_eq!(
                (again.status, again.body["outcome"].as_str()),
                (StatusCode::OK, Some("duplicate"))
            );
        }
        let stored = messages_of(app.store.as_ref(), &first.body["case_id"]).await;
        assert_eq!(
            stored.len(),
            1,
            "{}: 100 replays store one message",
            app.backend
        );
        assert_eq!(stored[0].body, "Third time asking: where is my order?");
        assert!(
            stored[0]
                .analysis_json
                .as_deref()
                .is_some_and(|a| a.contains("hostility"))
        );

        // The agent's answer lands on the same case, checked like any reply.
        let answer = chatwoot_message(
            902,
            "outgoing",
            "I am sorry. I will check with the courier and write back by 3pm today.",
        );
        let out = deliver_chatwoot(&app, &answer).await;
        assert_eq!(out.body["case_id"], first.body["case_id"], "{}", out.body);
        let stored = messages_of(app.store.as_ref(), &first.body["case_id"]).await;
        assert_eq!(
            stored.iter().map(|m| m.direction).collect::<Vec<_>>(),
            [Direction::Inbound, Direction::Outbound]
        );
        assert_eq!(counts(app.store.as_ref()).await, (1, 1));
    }
}

#[tokio::test]
async fn refused_deliveries_name_the_problem_and_store_nothing() {
    for app in spawn_apps().await {
        let secret = hook_secret("chatwoot");
        let body = chatwoot_message(5, "incoming", "hello?");
        let now = Utc::now().timestamp();
        let unsigned = deliver(&app, "chatwoot", &body, &[]).await;
        let mut bad = chatwoot_headers(&secret, now, &body);
        bad[0].1 = chatwoot_headers("another secret", now, &body)[0].1.clone();
        let badly_signed = deliver(&app, "chatwoot", &body, &bad).await;
        let stale = deliver(
            &app,
            "chatwoot",
            &body,
            &chatwoot_headers(&secret, now - 600, &body),
        )
        .await;
        let garbled = "{\"event\": \"message_created\", \"id\": 5, \"message_type\": \"incoming\", \"content\": \"hi\"}";
        let malformed = deliver(
            &app,
            "chatwoot",
            garbled,
            &chatwoot_headers(&secret, now, garbled),
        )
        .await;
        let not_json = deliver(
            &app,
            "chatwoot",
            "{oops",
            &chatwoot_headers(&secret, now, "{oops"),
        )
        .await;
        let cases = [
            (unsigned, StatusCode::UNAUTHORIZED, "X-Chatwoot-Signature"),
            (
                badly_signed,
                StatusCode::UNAUTHORIZED,
                "signature does not match",
            ),
            // Counted when it arrives: a loaded machine may take a second or two to get there.
            (
                stale,
                StatusCode::UNAUTHORIZED,
                "seconds from now (at most 300 allowed)",
            ),
            (
                malformed,
                StatusCode::BAD_REQUEST,
                "conversation.id: missing",
            ),
            (not_json, StatusCode::BAD_REQUEST, "not JSON"),
        ];
        for (got, status, says) in cases {
            assert_eq!(got.status, status, "{}: {}", app.backend, got.body);
            let message = got.body["error"]["message"].as_str().unwrap_or_default();
            assert!(message.contains(says), "{message:?} should say {says:?}");
        }
        assert_eq!(
            counts(app.store.as_ref()).await,
            (0, 0),
            "{}: nothing stored",
            app.backend
        );

        let unknown = deliver(&app, "intercom", &body, &[]).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        let event = json!({"event": "conversation_status_changed", "id": 12}).to_string();
        let ignored = deliver(
            &app,
            "chatwoot",
            &event,
            &chatwoot_headers(&secret, now, &event),
        )
        .await;
        assert_eq!(ignored.status, StatusCode::OK);
        assert_eq!(ignored.body["outcome"], "ignored");
        assert_eq!(counts(app.store.as_ref()).await, (0, 0));
    }
}

#[tokio::test]
async fn zendesk_zammad_and_generic_deliveries_are_stored() {
    for app in spawn_apps().await {
        let zendesk = json!({
            "account_id": 10, "id": "evt-1", "time": Utc::now().to_rfc3339(),
            "type": "zen:event-type:ticket.comment_added", "subject": "zen:ticket:4411",
            "detail": {"id": "4411", "subject": "Broken kettle", "requester_id": "7001"},
            "event": {"comment": {"id": "98001", "body": "It broke again after two days. I want my money back.", "is_public": true,
                "author": {"id": "7001", "is_staff": false, "name": "Omar Hale"}}}
        })
        .to_string();
        let ts = Utc::now().to_rfc3339();
        let z = deliver(
            &app,
            "zendesk",
            &zendesk,
            &[
                (
                    "X-Zendesk-Webhook-Signature",
                    sign::zendesk(hook_secret("zendesk").as_bytes(), &ts, zendesk.as_bytes()),
                ),
                ("X-Zendesk-Webhook-Signature-Timestamp", ts),
            ],
        )
        .await;
        assert_eq!(
            (z.status, z.body["outcome"].as_str()),
            (StatusCode::OK, Some("stored")),
            "{}",
            z.body
        );

        let zammad = json!({
            "ticket": {"id": 31, "title": "Invoice wrong", "customer": {"id": 8, "firstname": "Lena", "lastname": "Ort", "email": "lena@example.org"}},
            "article": {"id": 120, "sender": "Customer", "internal": false, "type": "email", "content_type": "text/html",
                "body": "<div>You billed me twice.</div><blockquote>Dear Lena, thank you for your order.</blockquote>",
                "created_at": Utc::now().to_rfc3339()}
        })
        .to_string();
        let signature = sign::zammad(hook_secret("zammad").as_bytes(), zammad.as_bytes());
        let m = deliver(&app, "zammad", &zammad, &[("X-Hub-Signature", signature)]).await;
        assert_eq!(m.body["outcome"], "stored", "{}", m.body);
        let stored = messages_of(app.store.as_ref(), &m.body["case_id"]).await;
        assert_eq!(
            stored[0].body, "You billed me twice.",
            "only the new text is analysed"
        );
        let source = app.store.message_source(stored[0].id).await.unwrap();
        assert!(
            source.full_body.contains("Dear Lena"),
            "the whole body is kept"
        );

        let generic = json!({
            "conversation_id": "c-1", "message_id": "m-1", "direction": "inbound", "author": "Dana",
            "contact": {"id": "k-1", "name": "Dana Fox", "email": "dana@example.org"},
            "body": "Nobody has called me back.", "at": Utc::now().to_rfc3339()
        })
        .to_string();
        let ts = Utc::now().timestamp().to_string();
        let g = deliver(
            &app,
            "generic",
            &generic,
            &[
                (
                    "X-Defuse-Signature",
                    sign::timestamped_hex(
                        hook_secret("generic").as_bytes(),
                        &ts,
                        generic.as_bytes(),
                    ),
                ),
                ("X-Defuse-Timestamp", ts),
            ],
        )
        .await;
        assert_eq!(g.body["outcome"], "stored", "{}", g.body);
        assert_eq!(counts(app.store.as_ref()).await, (3, 3), "{}", app.backend);
    }
}

#[tokio::test]
async fn deliveries_of_one_new_conversation_at_once_open_one_case() {
    for app in spawn_apps().await {
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..20 {
            let body = chatwoot_message(
                1000 + i,
                "incoming",
                &format!("Message {i}: still waiting."),
            );
            tasks.spawn(deliver_chatwoot_at(app.address.clone(), body));
        }
        let replies = tasks.join_all().await;
        assert!(
            replies.iter().all(|r| r.body["outcome"] == "stored"),
            "{}",
            app.backend
        );
        assert_eq!(
            counts(app.store.as_ref()).await,
            (1, 1),
            "{}: one case",
            app.backend
        );
        let stored = messages_of(app.store.as_ref(), &replies[0].body["case_id"]).await;
        assert_eq!(stored.len(), 20);
    }
}
