//! Measures how many analysed inbound messages a store takes a second, with latency
//! percentiles, as the server's hot path does it (`add_message` with case signals).
//!
//! `cargo run -p defuse-storage --release --example throughput -- <database-url> [messages] [tasks]`

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use defuse_storage::chrono::Utc;
use defuse_storage::{
    CaseSignals, ClientFields, Direction, MessageEffects, NewCase, NewMessage, NewUser, Role, Store,
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .context("usage: throughput <database-url> [messages] [tasks]")?;
    let messages: usize = args
        .next()
        .map_or(Ok(2_000), |a| a.parse())
        .context("messages")?;
    let tasks: usize = args.next().map_or(Ok(16), |a| a.parse()).context("tasks")?;
    let store = defuse_storage::connect(&url).await?;
    let cases = fixture(store.as_ref(), tasks).await?;

    let started = Instant::now();
    let workers: Vec<_> = (0..tasks)
        .map(|task| {
            let store = Arc::clone(&store);
            let share = messages / tasks + usize::from(task < messages % tasks);
            let case_id = cases[task];
            tokio::spawn(async move { post(store, case_id, share).await })
        })
        .collect();
    let mut latencies = Vec::with_capacity(messages);
    for worker in workers {
        latencies.extend(worker.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let percentile =
        |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{:?}: {} messages, {} tasks, {:.0}/s, p50 {:.2} ms, p99 {:.2} ms",
        store.backend(),
        latencies.len(),
        tasks,
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(0.50).as_secs_f64() * 1e3,
        percentile(0.99).as_secs_f64() * 1e3,
    );
    Ok(())
}

/// A user, team and client with `count` cases to post to (one per task, as conversations
/// run in parallel), named uniquely so that runs can share a database.
async fn fixture(store: &dyn Store, count: usize) -> anyhow::Result<Vec<i64>> {
    let tag = Utc::now().timestamp_micros();
    let user = NewUser {
        username: format!("bench-{tag}"),
        display_name: "Bench".into(),
        role: Role::Agent,
        password_hash: "-".into(),
    };
    let user = store.create_user(user).await?;
    let team = store.create_team(&format!("bench-{tag}")).await?;
    let client = ClientFields {
        name: "Bench client".into(),
        ..ClientFields::default()
    };
    let client = store.create_client(client).await?;
    let mut cases = Vec::with_capacity(count);
    for _ in 0..count {
        let case = NewCase {
            client_id: client.id,
            subject: "Throughput".into(),
            channel: "email".into(),
            assignee_id: Some(user.id),
            team_id: team.id,
            opened_at: Utc::now(),
        };
        cases.push(store.create_case(case).await?.id);
    }
    Ok(cases)
}

async fn post(store: Arc<dyn Store>, case_id: i64, count: usize) -> anyhow::Result<Vec<Duration>> {
    let mut latencies = Vec::with_capacity(count);
    for i in 0..count {
        let message = NewMessage {
            case_id,
            direction: Direction::Inbound,
            author_id: None,
            channel: "email".into(),
            body: "This is the third time I write and nobody has answered me.".into(),
            at: Utc::now(),
            analysis_json: Some(r#"{"hostility":0.7,"signals":[]}"#.into()),
            model_version: Some("bench".into()),
            external_id: None,
        };
        let effects = MessageEffects {
            case_signals: Some(CaseSignals {
                hostility: (i % 10) as f64 / 10.0,
                main_causes: vec!["unmet_expectations".into()],
                safety: false,
            }),
            source: None,
            ..MessageEffects::default()
        };
        let start = Instant::now();
        store.add_message(message, effects).await?;
        latencies.push(start.elapsed());
    }
    Ok(latencies)
}
