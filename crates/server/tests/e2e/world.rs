//! A server on port 0 with a fresh SQLite database, and a small world: a team, an agent, a
//! supervisor, an admin, and one client with a heated case.

use chrono::{Duration, Utc};
use defuse_core::coach::UtcOffset;
use defuse_server::accounts::{self, Username};
use defuse_server::exchange::{self, Text};
use defuse_server::{AppState, Settings};
use defuse_storage::{Case, ClientFields, NewCase, Role};

pub const PASSWORD: &str = "a long test password";

pub const SUBJECT: &str = "Charged twice for one order";

/// What the angry client wrote, oldest first.
pub const CLIENT_SAID: [&str; 2] = [
    "I was charged twice for order 4471 and nobody has answered my emails for a week. This is ridiculous.",
    "Are you even reading this?? I need the second charge refunded before Friday or I'm cancelling everything. Useless service!",
];

pub struct World {
    pub base: String,
    pub state: AppState,
    pub case: Case,
    pub agent_token: String,
    _dir: tempfile::TempDir,
}

pub async fn spawn() -> World {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        data_dir: dir.path().to_owned(),
        ..Settings::default()
    };
    let prepared = defuse_server::prepare(settings, defuse_core::Analyzer::new())
        .await
        .unwrap();
    let state = prepared.state;
    let store = state.store.as_ref();
    let team = store.create_team("Billing").await.unwrap().id;
    let mut ids = Vec::new();
    for (name, display, role) in [
        ("ana", "Ana Agent", Role::Agent),
        ("sue", "Sue Supervisor", Role::Supervisor),
        ("root", "Root Admin", Role::Admin),
    ] {
        let added = accounts::add_user(
            store,
            &Username::parse(name).unwrap(),
            display,
            role,
            Some(PASSWORD),
        )
        .await
        .unwrap();
        store.add_team_member(team, added.user.id).await.unwrap();
        ids.push(added.user.id);
    }
    let (_, agent_token) = accounts::issue_token(store, ids[0], "e2e", None)
        .await
        .unwrap();
    let fields = ClientFields {
        name: "Marta Kowalska".into(),
        emails: vec!["marta@example.com".into()],
        ..ClientFields::default()
    };
    let client = store.create_client(fields).await.unwrap();
    let opened_at = Utc::now() - Duration::hours(3);
    let new = NewCase {
        client_id: client.id,
        subject: SUBJECT.into(),
        channel: "email".into(),
        assignee_id: Some(ids[0]),
        team_id: team,
        opened_at,
    };
    let case = store.create_case(new).await.unwrap();
    for (i, body) in CLIENT_SAID.iter().enumerate() {
        let text = Text {
            body,
            channel: None,
            at: opened_at + Duration::minutes(30 * i as i64),
            offset: UtcOffset::UTC,
            recorded_by: None,
            external_id: None,
            source: None,
        };
        exchange::receive(&state, &case, text).await.unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(defuse_server::launch(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    World {
        base,
        state,
        case,
        agent_token,
        _dir: dir,
    }
}
