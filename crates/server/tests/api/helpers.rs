//! `spawn_app()`: a server on port 0 with a fresh database, and a small world to test against.
//!
//! Every test runs on SQLite (a temp dir) and, when `TEST_DATABASE_URL` names a PostgreSQL
//! server, on a fresh database made there too (dropped at the end of the test).

use std::sync::Arc;

use defuse_server::Settings;
use defuse_server::accounts::{self, Username};
use defuse_server::settings::Secret;
use defuse_storage::{ClientFields, NewCase, Role, ScratchDatabase, Store};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub struct TestApp {
    pub address: String,
    pub store: Arc<dyn Store>,
    pub backend: &'static str,
    _database: Database,
}

/// A fresh, empty database: a SQLite file in a temp dir, or a PostgreSQL database made for the
/// test and dropped with this value.
pub struct Database {
    pub url: String,
    pub backend: &'static str,
    pub dir: tempfile::TempDir,
    pg_database: Option<ScratchDatabase>,
}

/// A fresh database for each backend under test.
pub async fn fresh_databases() -> Vec<Database> {
    let mut databases = vec![fresh_database(None).await];
    if let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") {
        databases.push(fresh_database(Some(admin_url)).await);
    }
    databases
}

/// The secret the test servers share with `product`'s webhook.
pub fn hook_secret(product: &str) -> String {
    format!("{product}-test-secret")
}

/// A server for each backend under test.
pub async fn spawn_apps() -> Vec<TestApp> {
    spawn_apps_with(|_| {}).await
}

/// A server for each backend under test, with its settings changed by `configure`.
pub async fn spawn_apps_with(configure: impl Fn(&mut Settings)) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for database in fresh_databases().await {
        let (address, store) = serve(&database, &configure).await;
        apps.push(TestApp {
            address,
            store,
            backend: database.backend,
            _database: database,
        });
    }
    apps
}

async fn fresh_database(pg_admin_url: Option<String>) -> Database {
    let dir = tempfile::tempdir().unwrap();
    let Some(admin_url) = pg_admin_url else {
        return Database {
            url: defuse_storage::sqlite_url(dir.path()),
            backend: "sqlite",
            dir,
            pg_database: None,
        };
    };
    let scratch = ScratchDatabase::create(&admin_url, "defuse_api")
        .await
        .unwrap();
    Database {
        url: scratch.url().to_owned(),
        backend: "postgres",
        dir,
        pg_database: Some(scratch),
    }
}

impl TestApp {
    /// The address of another server over this one's database: a second instance.
    pub async fn another_instance(&self) -> String {
        serve(&self._database, &|_| {}).await.0
    }
}

/// Starts a server over `database`; returns its address and store.
async fn serve(database: &Database, configure: &dyn Fn(&mut Settings)) -> (String, Arc<dyn Store>) {
    let mut settings = Settings {
        data_dir: database.dir.path().to_owned(),
        ..Settings::default()
    };
    settings.database_url.0.clone_from(&database.url);
    settings.rate_limit.login_per_account_and_address = 3;
    for (secret, product) in [
        (&mut settings.hooks.generic_secret, "generic"),
        (&mut settings.hooks.chatwoot_secret, "chatwoot"),
        (&mut settings.hooks.zendesk_secret, "zendesk"),
        (&mut settings.hooks.zammad_secret, "zammad"),
    ] {
        *secret = Secret(hook_secret(product));
    }
    configure(&mut settings);
    let prepared = defuse_server::prepare(settings, defuse_core::Analyzer::new())
        .await
        .unwrap();
    let store = prepared.state.store.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(defuse_server::launch(
        listener,
        prepared.state,
        std::future::pending(),
    ));
    (address, store)
}

impl Drop for Database {
    fn drop(&mut self) {
        // Best effort: the pool of the running server may still hold connections.
        if let Some(scratch) = self.pg_database.take() {
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                let _ = rt.block_on(scratch.remove());
            })
            .join()
            .ok();
        }
    }
}

/// A response: status and JSON body (`Null` when there is none).
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Calls `path` with a bearer `token` (none when empty) and an optional JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = reqwest::Client::new().request(method, self.url(path));
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        reply(request.send().await.unwrap()).await
    }
}

pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    Reply {
        status,
        body,
        headers,
    }
}

/// Two teams, a user of each role, a client and a case in each team.
pub struct World {
    pub team_a: i64,
    pub team_b: i64,
    pub admin: Person,
    pub supervisor: Person,
    pub agent: Person,
    /// An agent of team B only.
    pub other_agent: Person,
    pub client: i64,
    pub case_a: i64,
    pub case_b: i64,
}

pub struct Person {
    pub id: i64,
    pub password: String,
    pub token: String,
}

pub const PASSWORD: &str = "long enough password";

impl World {
    pub async fn build(store: &dyn Store) -> World {
        let team_a = store.create_team("Billing").await.unwrap().id;
        let team_b = store.create_team("Deliveries").await.unwrap().id;
        let admin = person(store, "boss", Role::Admin, &[]).await;
        let supervisor = person(store, "sue", Role::Supervisor, &[team_a]).await;
        let agent = person(store, "ana", Role::Agent, &[team_a]).await;
        let other_agent = person(store, "bo", Role::Agent, &[team_b]).await;
        let fields = ClientFields {
            name: "Marta Client".into(),
            ..ClientFields::default()
        };
        let client = store.create_client(fields).await.unwrap().id;
        let case = |team_id| NewCase {
            client_id: client,
            subject: "Double charge".into(),
            channel: "email".into(),
            assignee_id: None,
            team_id,
            opened_at: chrono::Utc::now(),
        };
        let case_a = store.create_case(case(team_a)).await.unwrap().id;
        let case_b = store.create_case(case(team_b)).await.unwrap().id;
        World {
            team_a,
            team_b,
            admin,
            supervisor,
            agent,
            other_agent,
            client,
            case_a,
            case_b,
        }
    }
}

async fn person(store: &dyn Store, name: &str, role: Role, teams: &[i64]) -> Person {
    let added = accounts::add_user(
        store,
        &Username::parse(name).unwrap(),
        name,
        role,
        Some(PASSWORD),
    )
    .await
    .unwrap();
    for team in teams {
        store.add_team_member(*team, added.user.id).await.unwrap();
    }
    let (_, token) = accounts::issue_token(store, added.user.id, "tests", None)
        .await
        .unwrap();
    Person {
        id: added.user.id,
        password: PASSWORD.to_owned(),
        token,
    }
}
