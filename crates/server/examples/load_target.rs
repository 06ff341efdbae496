//! A server prepared for the load benchmark (`scripts/load/run.sh`): opens the database named by
//! `DEFUSE_DATABASE_URL` (or SQLite in `DEFUSE_DATA_DIR`), adds a team, an agent with a token, a
//! client and `CASES` cases, prints `READY <address> <token> <first case id> <case count>` and serves.

use chrono::Utc;
use defuse_server::accounts::{self, Username};
use defuse_server::{Overrides, Settings};
use defuse_storage::{ClientFields, NewCase, Role};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cases: i64 = std::env::var("CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(200);
    let mut settings = Settings::load(
        None,
        &Overrides {
            listen: Some("127.0.0.1:0".parse()?),
            ..Overrides::default()
        },
    )?;
    settings.rate_limit.login_per_address = u32::MAX;
    let prepared = defuse_server::prepare(settings, defuse_core::Analyzer::new()).await?;
    let store = prepared.state.store.as_ref();
    let team = store.create_team("Load").await?.id;
    let agent = accounts::add_user(
        store,
        &Username::parse("load-agent")?,
        "Load agent",
        Role::Agent,
        Some("load test password"),
    )
    .await?;
    store.add_team_member(team, agent.user.id).await?;
    let (_, token) = accounts::issue_token(store, agent.user.id, "load", None).await?;
    let client = store
        .create_client(ClientFields {
            name: "Load client".into(),
            ..ClientFields::default()
        })
        .await?
        .id;
    let mut first = None;
    for n in 0..cases {
        let new = NewCase {
            client_id: client,
            subject: format!("Load case {n}"),
            channel: "email".into(),
            assignee_id: None,
            team_id: team,
            opened_at: Utc::now(),
        };
        let id = store.create_case(new).await?.id;
        first.get_or_insert(id);
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!(
        "READY http://{} {token} {} {cases}",
        listener.local_addr()?,
        first.unwrap_or(0)
    );
    defuse_server::launch(listener, prepared.state, defuse_server::shutdown_signal()).await
}
