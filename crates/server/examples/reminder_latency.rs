//! Reminder latency: `FOLLOW_UPS` follow-ups (1,000 by default) fall due at the same moment,
//! `INSTANCES` job workers (1 or 2, each with its own connection pool, as separate instances
//! would have) run over one database, and every reminder's webhook post is timed from the due
//! time to its arrival at a listener on loopback. Prints p50, p99 and the slowest, and the
//! jobs finished a second.
//!
//! `cargo run --release --example reminder_latency` on SQLite in a temp dir, or with
//! `DATABASE_URL=postgres://...` (an empty database; its jobs are claimed by these workers only).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use common::env_number;
use defuse_server::Settings;
use defuse_server::jobs::{self, Worker};
use defuse_storage::{ClientFields, NewCase, NewFollowUp, Role, Store};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let count = env_number("FOLLOW_UPS", 1000);
    let instances = env_number("INSTANCES", 1);
    let dir = tempfile::tempdir()?;
    let url =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| defuse_storage::sqlite_url(dir.path()));
    let arrivals = Arc::new(Mutex::new(Vec::with_capacity(count)));
    let hook = listen(Arc::clone(&arrivals)).await?;
    let store = defuse_storage::connect(&url).await?;
    let due = Utc::now() + Duration::seconds(20);
    promise(store.as_ref(), count, due).await?;
    let mut settings = Settings::default();
    settings.notify.webhook.url = hook;
    settings.reminders.poll_millis = 250;
    let settings = Arc::new(settings);
    for _ in 0..instances {
        let store = defuse_storage::connect(&url).await?;
        tokio::spawn(jobs::run(Worker::new(store, Arc::clone(&settings))?));
    }
    let started = Instant::now();
    while arrivals.lock().unwrap().len() < count {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        anyhow::ensure!(
            started.elapsed().as_secs() < 600,
            "reminders still missing after 10 minutes"
        );
    }
    let mut latencies: Vec<f64> = arrivals
        .lock()
        .unwrap()
        .iter()
        .map(|at: &DateTime<Utc>| (*at - due).num_microseconds().unwrap_or(0) as f64 / 1e6)
        .collect();
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    let spread = latencies.last().unwrap() - latencies.first().unwrap();
    println!(
        "{} reminders, {instances} instance(s), {}: p50 {:.2} s, p99 {:.2} s, slowest {:.2} s; \
         {:.0} reminders/s while draining",
        latencies.len(),
        store_name(&url),
        at(0.5),
        at(0.99),
        latencies.last().unwrap(),
        latencies.len() as f64 / spread.max(1e-3),
    );
    Ok(())
}

fn store_name(url: &str) -> &'static str {
    if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    }
}

/// A team with an agent who promised `count` things in one case, all due at `due`.
async fn promise(store: &dyn Store, count: usize, due: DateTime<Utc>) -> anyhow::Result<()> {
    let team = store.create_team("Latency").await?.id;
    let password = "$argon2id$not-a-real-hash".to_owned();
    let agent = store
        .create_user(defuse_storage::NewUser {
            username: "latency-agent".into(),
            display_name: "Agent".into(),
            role: Role::Agent,
            password_hash: password,
        })
        .await?;
    store.add_team_member(team, agent.id).await?;
    let client = store
        .create_client(ClientFields {
            name: "Client".into(),
            ..ClientFields::default()
        })
        .await?;
    let case = NewCase {
        client_id: client.id,
        subject: "Latency".into(),
        channel: "email".into(),
        assignee_id: Some(agent.id),
        team_id: team,
        opened_at: Utc::now(),
    };
    let case = store.create_case(case).await?;
    for n in 0..count {
        let new = NewFollowUp {
            case_id: case.id,
            what: format!("Promise {n}"),
            due_at: Some(due),
            owner_id: Some(agent.id),
        };
        store
            .create_follow_up(new)
            .await
            .context("storing a follow-up")?;
    }
    Ok(())
}

/// A webhook listener that keeps the arrival time of every post of a due reminder.
async fn listen(arrivals: Arc<Mutex<Vec<DateTime<Utc>>>>) -> anyhow::Result<String> {
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |body: String| async move {
            if body.contains("follow_up.due") {
                arrivals.lock().unwrap().push(Utc::now());
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/hook", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(url)
}
