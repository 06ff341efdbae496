//! How long the reports page takes over a large history: seeds `CASES` cases (default 10,000)
//! of ten messages each over the last 90 days into the database named by `DEFUSE_DATABASE_URL`
//! (or a fresh SQLite file in a temp dir), with promises, boundary steps, resolutions and
//! reflections, then times `GET /reports?days=90` and `GET /api/v1/reports?days=90` as a
//! supervisor, and prints the median and slowest of `RUNS` (default 7) of each, and the median
//! of the store's facts read alone.
//!
//! `cargo run --release -p defuse-server --example reports_bench`

mod common;

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, Utc};
use common::env_number;
use defuse_server::accounts::{self, Username};
use defuse_server::{Overrides, Settings};
use defuse_storage::{
    CaseChanges, CaseSignals, CaseStatus, ClientFields, Direction, MessageEffects,
    NewBoundaryEvent, NewCase, NewMessage, NewPromise, ReflectionFields, ReportFilter, Role, Store,
};

const CAUSES: [&str; 4] = [
    "billing_error",
    "late_delivery",
    "miscommunication",
    "unmet_expectations",
];
const CHECK: &str = r#"{"check":{"score":70,"verdict":"revise","findings":[{"kind":"blame","start":0,"end":4,"text":"your","message":"m","rewrite":"r"}],"promises":[]}}"#;
const REPLY: &str =
    "I understand how frustrating this must be. I will call you tomorrow by 10am with an update.";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let (cases, runs) = (env_number("CASES", 10_000), env_number("RUNS", 7));
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::load(None, &Overrides::default())?;
    if std::env::var("DEFUSE_DATABASE_URL").is_err() {
        settings.data_dir = dir.path().to_owned();
        settings.database_url.0 = defuse_storage::sqlite_url(dir.path());
    }
    let prepared = defuse_server::prepare(settings, defuse_core::Analyzer::new()).await?;
    let store = prepared.state.store.clone();
    let team = store.create_team("Bench").await?.id;
    let mut people = Vec::new();
    for (name, role) in [
        ("bench-agent", Role::Agent),
        ("bench-lead", Role::Supervisor),
    ] {
        let added = accounts::add_user(
            store.as_ref(),
            &Username::parse(name)?,
            name,
            role,
            Some("bench password 1"),
        )
        .await?;
        store.add_team_member(team, added.user.id).await?;
        people.push(added.user.id);
    }
    let (_, token) = accounts::issue_token(store.as_ref(), people[1], "bench", None).await?;
    let client = store
        .create_client(ClientFields {
            name: "Bench client".into(),
            ..ClientFields::default()
        })
        .await?
        .id;
    let seeding = Instant::now();
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let store = Arc::clone(&store);
            let agent = people[0];
            tokio::spawn(async move {
                for n in (w..cases).step_by(8) {
                    seed_case(store.as_ref(), team, client, agent, n, cases).await?;
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for w in workers {
        w.await??;
    }
    println!(
        "seeded {cases} cases, {} messages in {:.1}s",
        cases * 10,
        seeding.elapsed().as_secs_f64()
    );
    let filter = ReportFilter {
        teams: Some(vec![team]),
        since: Some(Utc::now() - Duration::days(90)),
        ..ReportFilter::default()
    };
    let mut facts = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        store.report_facts(filter.clone()).await?;
        facts.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    facts.sort_by(f64::total_cmp);
    println!(
        "of which the store's facts: median {:.0} ms",
        facts[facts.len() / 2]
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(defuse_server::launch(
        listener,
        prepared.state,
        std::future::pending(),
    ));
    for path in ["/reports?days=90", "/api/v1/reports?days=90"] {
        let mut took = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let response = reqwest::Client::new()
                .get(format!("{base}{path}"))
                .bearer_auth(&token)
                .send()
                .await?;
            anyhow::ensure!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
            let bytes = response.bytes().await?.len();
            took.push((start.elapsed().as_secs_f64() * 1000.0, bytes));
        }
        took.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (median, slowest) = (took[took.len() / 2], took[took.len() - 1]);
        println!(
            "{path}: median {:.0} ms, slowest {:.0} ms over {runs} runs ({} bytes)",
            median.0, slowest.0, median.1
        );
    }
    Ok(())
}

/// The `n`th case: opened over the last 90 days, five client messages and five replies, a
/// promise in the first reply, a boundary step on every third case, resolved unless among the
/// newest, a reflection on every tenth.
async fn seed_case(
    store: &dyn Store,
    team: i64,
    client: i64,
    agent: i64,
    n: usize,
    cases: usize,
) -> anyhow::Result<()> {
    let opened_at = Utc::now() - Duration::days(90)
        + Duration::seconds((n as i64) * 90 * 86_400 / cases as i64);
    let new = NewCase {
        client_id: client,
        subject: format!("Bench case {n}"),
        channel: if n.is_multiple_of(4) { "chat" } else { "email" }.into(),
        assignee_id: Some(agent),
        team_id: team,
        opened_at,
    };
    let case = store.create_case(new).await?.id;
    for turn in 0..10i64 {
        let inbound = turn % 2 == 0;
        let hostility = 0.9 - 0.08 * turn as f64 - 0.1 * (n % 3) as f64;
        let message = NewMessage {
            case_id: case,
            direction: if inbound {
                Direction::Inbound
            } else {
                Direction::Outbound
            },
            author_id: (!inbound).then_some(agent),
            channel: "email".into(),
            body: if inbound {
                "Where is my refund? This is the third time I ask.".into()
            } else {
                REPLY.into()
            },
            at: opened_at + Duration::minutes(turn * 47),
            analysis_json: Some(if inbound {
                format!(r#"{{"hostility": {hostility:.2}}}"#)
            } else {
                CHECK.into()
            }),
            model_version: None,
            external_id: None,
        };
        let effects = MessageEffects {
            case_signals: inbound.then(|| CaseSignals {
                hostility: hostility.max(0.0),
                main_causes: vec![CAUSES[n % CAUSES.len()].to_owned()],
                safety: false,
            }),
            promises: (turn == 1)
                .then(|| NewPromise {
                    what: "call back".into(),
                    due_at: Some(opened_at + Duration::days(1)),
                    owner_id: Some(agent),
                    span: None,
                    date_only: false,
                })
                .into_iter()
                .collect(),
            ..MessageEffects::default()
        };
        store.add_message(message, effects).await?;
    }
    if n.is_multiple_of(3) {
        let step = NewBoundaryEvent {
            case_id: case,
            step: 1 + (n % 2) as i32,
            message_id: None,
            evidence_json: "{}".into(),
            at: opened_at,
        };
        store.add_boundary_event(step).await?;
    }
    if n + 200 < cases {
        let closed = CaseChanges {
            status: Some(CaseStatus::Resolved),
            ..CaseChanges::default()
        };
        store
            .update_case(
                case,
                closed,
                opened_at + Duration::hours(8 + (n % 40) as i64),
            )
            .await?;
    }
    if n.is_multiple_of(10) {
        let fields = ReflectionFields {
            went_well: "kept calm".into(),
            do_differently: "give a time sooner".into(),
            by: agent,
            at: opened_at,
        };
        store.put_reflection(case, fields).await?;
    }
    Ok(())
}
