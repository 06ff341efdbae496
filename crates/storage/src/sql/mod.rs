//! The SQL implementation of `Store`, written once over `Exec` and run on either backend.
//!
//! Each domain module holds free functions generic over `Exec`; `store_impl` wires them to the
//! trait; `exec` runs statements on PostgreSQL and `sqlite` on SQLite (with group commit);
//! `connect` opens the database and migrates it.

mod access;
mod accounts;
mod audit;
mod cases;
mod clients;
mod connect;
mod exec;
mod idempotency;
mod ingest;
mod jobs;
mod notes;
mod privacy;
mod query;
mod reports;
mod response;
mod rows;
mod sqlite;
mod store_impl;
mod work;

pub(crate) use connect::{connect, sqlite_url};
pub use privacy::ERASED_BODY;

use exec::Exec;
use query::Sql;
use rows::Stored;

use crate::error::StoreError;
use crate::filters::{Page, Paging};
use crate::store::Backend;

type Result<T> = std::result::Result<T, StoreError>;

/// A `Store` over one database pool.
pub(crate) struct SqlStore<E> {
    db: E,
    backend: Backend,
}

/// Every row `sql` returns, decoded.
async fn all<T: Stored>(db: &impl Exec, sql: Sql) -> Result<Vec<T>> {
    let rows = db.fetch_all::<T::Row>(sql).await?;
    rows.into_iter().map(T::from_row).collect()
}

/// The first row `sql` returns; `NotFound` when there is none.
async fn one<T: Stored>(db: &impl Exec, sql: Sql) -> Result<T> {
    all(db, sql)
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

/// The first column of every row, for queries of ids and counts.
async fn column(db: &impl Exec, sql: Sql) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = db.fetch_all(sql).await?;
    Ok(rows.into_iter().map(|(value,)| value).collect())
}

/// A single number, such as `SELECT COUNT(*) ...`.
async fn number(db: &impl Exec, sql: Sql) -> Result<i64> {
    column(db, sql)
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

/// `NotFound` when a write changed no row.
fn changed(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// A list page: `select` and `SELECT COUNT(*) FROM <from>` both followed by `filter`
/// (a `WHERE ...` fragment), the items in `order`.
async fn page<T: Stored>(
    db: &impl Exec,
    select: &str,
    from: &str,
    filter: &Sql,
    order: &str,
    paging: Paging,
) -> Result<Page<T>> {
    let mut items = filter.prefixed(select);
    items.push(
        &format!(" ORDER BY {order} LIMIT ? OFFSET ?"),
        [paging.limit().into(), paging.offset().into()],
    );
    let total = filter.prefixed(&format!("SELECT COUNT(*) FROM {from}"));
    Ok(Page {
        items: all(db, items).await?,
        total: number(db, total).await?,
    })
}

/// A `WHERE` fragment that conditions are added to with `and_if` and `and_scope`.
fn filter() -> Sql {
    Sql::new(" WHERE 1 = 1", [])
}

/// Rejects an empty or blank name.
fn require_text(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(StoreError::Invalid {
            field,
            message: "must not be empty".into(),
        });
    }
    Ok(())
}

/// Replaces a `Conflict` from a unique key with a message naming what clashed.
fn conflict(message: &'static str) -> impl FnOnce(StoreError) -> StoreError {
    move |error| match error {
        StoreError::Conflict(_) => StoreError::Conflict(message.into()),
        other => other,
    }
}

/// A delete refused because other records refer to the row becomes a `Conflict`.
fn still_referenced(message: &'static str) -> impl FnOnce(StoreError) -> StoreError {
    move |error| match error {
        StoreError::Invalid {
            field: "reference", ..
        } => StoreError::Conflict(message.into()),
        other => other,
    }
}
