//! One story of defuse's records, told to every backend: SQLite always (in a temp dir), and
//! PostgreSQL when `TEST_DATABASE_URL` names a server (a fresh database is made and dropped).

#[path = "story/accounts.rs"]
mod accounts;
#[path = "story/cases.rs"]
mod cases;
#[path = "story/clients.rs"]
mod clients;
#[path = "story/concurrency.rs"]
mod concurrency;
#[path = "story/jobs.rs"]
mod jobs;
#[path = "story/oversight.rs"]
mod oversight;
#[path = "story/privacy.rs"]
mod privacy;
#[path = "story/reports.rs"]
mod reports;
#[path = "story/response.rs"]
mod response;
#[path = "story/retries.rs"]
mod retries;
#[path = "story/safety.rs"]
mod safety;
#[path = "story/work.rs"]
mod work;

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use defuse_storage::{Backend, ScratchDatabase, Store, StoreError};
use sqlx::Connection;

/// A fixed morning the story happens on, plus `minutes`.
pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

pub fn is_not_found<T>(result: Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::NotFound))
}

pub fn is_conflict<T>(result: Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::Conflict(_)))
}

pub fn invalid_field<T>(result: Result<T, StoreError>) -> Option<&'static str> {
    match result {
        Err(StoreError::Invalid { field, .. }) => Some(field),
        _ => None,
    }
}

async fn story(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
    let cast = accounts::story(store.as_ref()).await;
    let clients = clients::story(store.as_ref()).await;
    let cases = cases::story(store.as_ref(), &cast, &clients).await;
    work::story(store.as_ref(), &cast, &cases).await;
    oversight::story(store.as_ref(), &cast, &clients, &cases).await;
    jobs::story(store.clone(), &cast, &cases).await;
    response::story(store.as_ref(), &cast, &cases).await;
    reports::story(store.as_ref(), &cast).await;
    retries::story(store.as_ref(), &cast, &cases).await;
    safety::story(store.as_ref(), &cast, &clients).await;
    privacy::story(store.as_ref(), &cast, &clients, &cases).await;
    concurrency::story(store).await;
}

#[tokio::test]
async fn story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = defuse_storage::sqlite_url(&dir.path().join("nested"));
    let store = defuse_storage::connect(&url).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    story(store.clone()).await;
    drop(store);

    // What was acknowledged is there after a restart, and the file is in WAL mode.
    let reopened = defuse_storage::connect(&url).await.unwrap();
    assert_eq!(reopened.count_users().await.unwrap(), 4);
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    assert_append_only(&mut conn).await;
    assert_eq!(
        defuse_storage::migrate(&url).await.unwrap(),
        Backend::Sqlite
    );
}

#[tokio::test]
async fn story_on_postgres() {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("TEST_DATABASE_URL is not set: skipping the PostgreSQL story");
        return;
    };
    let scratch = ScratchDatabase::create(&admin_url, "defuse_story")
        .await
        .unwrap();
    let url = scratch.url().to_owned();
    let store = defuse_storage::connect(&url).await.unwrap();
    assert_eq!(store.backend(), Backend::Postgres);
    story(store.clone()).await;
    assert_eq!(
        defuse_storage::migrate(&url).await.unwrap(),
        Backend::Postgres
    );
    drop(store);
    assert_append_only(&mut sqlx::PgConnection::connect(&url).await.unwrap()).await;
    scratch.remove().await.unwrap();
}

/// The database itself refuses to change or remove audit entries.
async fn assert_append_only<C>(conn: &mut C)
where
    for<'c> &'c mut C: sqlx::Executor<'c>,
{
    for statement in [
        "UPDATE audit_log SET detail = 'forged'",
        "DELETE FROM audit_log",
    ] {
        let refused = sqlx::raw_sql(statement).execute(&mut *conn).await;
        assert!(refused.is_err(), "{statement} went through");
    }
}

#[tokio::test]
async fn unknown_scheme_is_refused() {
    let result = defuse_storage::connect("mysql://localhost/defuse").await;
    assert_eq!(invalid_field(result), Some("database_url"));
}
