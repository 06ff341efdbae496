//! `Exec`: the handful of database calls the shared store code needs, implemented for the
//! SQLite and PostgreSQL pools. Everything above this module is backend-agnostic.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Arguments, Database, Encode, FromRow, PgPool, Postgres, Sqlite, SqlitePool, Type};

use super::query::{Param, Sql};

/// A row type both backends can decode (`#[derive(sqlx::FromRow)]` gives this).
pub(crate) trait Record:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static
{
}

impl<T> Record for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static
{
}

#[async_trait]
pub(crate) trait Exec: Send + Sync + 'static {
    /// Runs a query to completion and decodes every row. Statements that write (with
    /// `RETURNING`) are committed when this returns.
    async fn fetch_all<T: Record>(&self, sql: Sql) -> Result<Vec<T>, sqlx::Error>;

    /// Runs a statement; returns the number of rows it changed.
    async fn execute(&self, sql: Sql) -> Result<u64, sqlx::Error>;

    /// Runs `first`, which must return one row whose first column is an id, then each of
    /// `then` with `Param::NewId` bound to that id, all in one transaction. Returns the id.
    async fn transaction(&self, first: Sql, then: Vec<Sql>) -> Result<i64, sqlx::Error>;
}

/// Binds `params` for database `DB`, with `new_id` standing in for `Param::NewId`.
fn arguments<'q, DB: Database>(
    params: Vec<Param>,
    new_id: Option<i64>,
) -> Result<DB::Arguments<'q>, sqlx::Error>
where
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<f64>: Encode<'q, DB> + Type<DB>,
    Option<String>: Encode<'q, DB> + Type<DB>,
    Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
{
    let mut args = DB::Arguments::<'q>::default();
    for param in params {
        let added = match param {
            Param::Int(value) => args.add(value),
            Param::Real(value) => args.add(value),
            Param::Text(value) => args.add(value),
            Param::Time(value) => args.add(value),
            Param::NewId => match new_id {
                Some(id) => args.add(Some(id)),
                None => Err("a new id is only known inside a transaction".into()),
            },
        };
        added.map_err(sqlx::Error::Encode)?;
    }
    Ok(args)
}

/// Implements `Exec` for one pool type; the bodies are the same for every backend, only the
/// types differ (sqlx's executor bounds make a generic impl unwieldy).
macro_rules! exec_for_pool {
    ($pool:ty, $db:ty) => {
        #[async_trait]
        impl Exec for $pool {
            async fn fetch_all<T: Record>(&self, sql: Sql) -> Result<Vec<T>, sqlx::Error> {
                let args = arguments::<$db>(sql.params, None)?;
                sqlx::query_as_with::<$db, T, _>(&sql.text, args)
                    .fetch_all(self)
                    .await
            }

            async fn execute(&self, sql: Sql) -> Result<u64, sqlx::Error> {
                let args = arguments::<$db>(sql.params, None)?;
                let done = sqlx::query_with::<$db, _>(&sql.text, args)
                    .execute(self)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn transaction(&self, first: Sql, then: Vec<Sql>) -> Result<i64, sqlx::Error> {
                let mut tx = self.begin().await?;
                let args = arguments::<$db>(first.params, None)?;
                let rows: Vec<(i64,)> = sqlx::query_as_with::<$db, (i64,), _>(&first.text, args)
                    .fetch_all(&mut *tx)
                    .await?;
                let (id,) = rows.into_iter().next().ok_or(sqlx::Error::RowNotFound)?;
                for step in then {
                    let args = arguments::<$db>(step.params, Some(id))?;
                    sqlx::query_with::<$db, _>(&step.text, args)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(id)
            }
        }
    };
}

exec_for_pool!(SqlitePool, Sqlite);
exec_for_pool!(PgPool, Postgres);
