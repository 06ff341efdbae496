//! Opening a database by URL: pool settings, durability pragmas and migrations per backend.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, PgPool, SqliteConnection};

use super::sqlite::SqliteDb;
use super::{Result, SqlStore};
use crate::error::StoreError;
use crate::store::{Backend, Store};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// How long a connection waits for another writer's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Reading connections to a SQLite file; one more connection does all the writing.
const SQLITE_READERS: u32 = 8;
/// Connections each server instance keeps to PostgreSQL.
const POSTGRES_CONNECTIONS: u32 = 16;
/// How long a caller waits for a free pooled connection.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// The SQLite URL of the database file in a data directory.
pub(crate) fn sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("defuse.db").display())
}

pub(crate) async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    match backend_of(url)? {
        Backend::Sqlite => Ok(Arc::new(open_sqlite(url).await?)),
        Backend::Postgres => Ok(Arc::new(open_postgres(url).await?)),
    }
}

fn backend_of(url: &str) -> Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::invalid(
            "database_url",
            "must start with sqlite:// or postgres://",
        ))
    }
}

async fn open_sqlite(url: &str) -> Result<SqlStore<SqliteDb>> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|error| StoreError::invalid("database_url", error.to_string()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    if let Some(dir) = options
        .get_filename()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the database directory {}", dir.display()))?;
    }
    let mut writer = SqliteConnection::connect_with(&options)
        .await
        .with_context(|| format!("cannot open the SQLite database {url}"))?;
    SQLITE_MIGRATIONS.run(&mut writer).await?;
    let read = SqlitePoolOptions::new()
        .max_connections(SQLITE_READERS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the SQLite database {url}"))?;
    Ok(SqlStore {
        db: SqliteDb::new(read, writer),
        backend: Backend::Sqlite,
    })
}

async fn open_postgres(url: &str) -> Result<SqlStore<PgPool>> {
    let pool = PgPoolOptions::new()
        .max_connections(POSTGRES_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect(url)
        .await
        .context("cannot connect to the PostgreSQL database")?;
    POSTGRES_MIGRATIONS.run(&pool).await?;
    Ok(SqlStore {
        db: pool,
        backend: Backend::Postgres,
    })
}
