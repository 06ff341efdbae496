//! A burst of 1,000 webhook deliveries (50 conversations of 20 messages, 16 in flight at once)
//! is absorbed without loss: every delivery is answered 200 and stored once, within the default
//! rate limit. Prints deliveries a second and the 99th percentile of the answer time (run with
//! `--nocapture`; the figures in docs/evaluation.md are from a release build).

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use defuse_ingest::hooks::signature::sign;
use defuse_storage::{CaseFilter, Paging, Store};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, hook_secret, spawn_apps};

const CONVERSATIONS: usize = 50;
const PER_CONVERSATION: usize = 20;
const IN_FLIGHT: usize = 16;

/// Delivery `n`, signed now with the test secret.
fn delivery(n: usize) -> (String, String, String) {
    let conversation = n % CONVERSATIONS;
    let body = json!({
        "conversation_id": format!("burst-{conversation}"), "message_id": format!("burst-m-{n}"),
        "direction": "inbound", "author": "Client",
        "contact": {"id": format!("k-{conversation}"), "name": format!("Client {conversation}")},
        "body": format!("Message {n}: my order has still not arrived and nobody answers."),
        "at": Utc::now().to_rfc3339()
    })
    .to_string();
    let ts = Utc::now().timestamp().to_string();
    let signature = sign::timestamped_hex(hook_secret("generic").as_bytes(), &ts, body.as_bytes());
    (body, ts, signature)
}

/// Delivers `n` until it is taken, as a helpdesk does: a 429 or 503 is tried again after its
/// `Retry-After`. Returns the time of the delivery that was taken.
async fn deliver(client: &reqwest::Client, app: &TestApp, n: usize) -> Duration {
    loop {
        let (body, ts, signature) = delivery(n);
        let started = Instant::now();
        let response = client
            .post(app.url("/api/v1/hooks/generic"))
            .header("Content-Type", "application/json")
            .header("X-Defuse-Signature", signature)
            .header("X-Defuse-Timestamp", ts)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        if status == StatusCode::OK {
            return started.elapsed();
        }
        assert!(
            [
                StatusCode::TOO_MANY_REQUESTS,
                StatusCode::SERVICE_UNAVAILABLE
            ]
            .contains(&status),
            "{status}: {}",
            response.text().await.unwrap()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn stored_messages(store: &dyn Store) -> usize {
    let page = Paging::first(defuse_storage::MAX_LIMIT).unwrap();
    let cases = store.list_cases(CaseFilter::default(), page).await.unwrap();
    let mut total = 0;
    for case in cases.items {
        total += store.list_messages(case.id, page).await.unwrap().total as usize;
    }
    total
}

#[tokio::test]
async fn a_burst_of_a_thousand_deliveries_is_absorbed_without_loss() {
    for app in spawn_apps().await {
        let app = Arc::new(app);
        let client = reqwest::Client::new();
        let total = CONVERSATIONS * PER_CONVERSATION;
        let started = Instant::now();
        let mut lanes = tokio::task::JoinSet::new();
        for lane in 0..IN_FLIGHT {
            let (app, client) = (Arc::clone(&app), client.clone());
            lanes.spawn(async move {
                let mut times = Vec::new();
                for n in (lane..total).step_by(IN_FLIGHT) {
                    times.push(deliver(&client, &app, n).await);
                }
                times
            });
        }
        let mut times: Vec<Duration> = lanes.join_all().await.into_iter().flatten().collect();
        let seconds = started.elapsed().as_secs_f64();
        times.sort();
        println!(
            "{}: {total} deliveries in {seconds:.1} s, {:.0}/s, p99 {:?}",
            app.backend,
            total as f64 / seconds,
            times[times.len() * 99 / 100]
        );
        assert_eq!(times.len(), total);
        assert_eq!(
            stored_messages(app.store.as_ref()).await,
            total,
            "{}",
            app.backend
        );
    }
}
