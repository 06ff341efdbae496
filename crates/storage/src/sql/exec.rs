//! `Exec`: the handful of database calls the shared store code needs, and its PostgreSQL
//! implementation (SQLite's is in `sqlite`). Everything above this module is backend-agnostic.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Arguments, Database, Encode, FromRow, PgPool, Type};

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

/// Generates, for one backend, the three ways the store runs statements on a connection.
/// The bodies are the same for every backend, only the types differ (sqlx's executor bounds
/// make a generic version unwieldy).
macro_rules! connection_ops {
    ($name:ident, $db:ty) => {
        pub(crate) mod $name {
            use super::{Sql, arguments};

            type Connection = <$db as sqlx::Database>::Connection;
            type Row = <$db as sqlx::Database>::Row;

            /// Every row of `sql`, undecoded.
            pub(crate) async fn rows(
                conn: &mut Connection,
                sql: Sql,
            ) -> Result<Vec<Row>, sqlx::Error> {
                let args = arguments::<$db>(sql.params, None)?;
                sqlx::query_with::<$db, _>(&sql.text, args)
                    .fetch_all(conn)
                    .await
            }

            /// Runs `sql`; returns the number of rows changed.
            pub(crate) async fn execute(
                conn: &mut Connection,
                sql: Sql,
            ) -> Result<u64, sqlx::Error> {
                let args = arguments::<$db>(sql.params, None)?;
                let done = sqlx::query_with::<$db, _>(&sql.text, args)
                    .execute(conn)
                    .await?;
                Ok(done.rows_affected())
            }

            /// Runs `first`, takes the id it returns, then runs `then` with `Param::NewId` bound
            /// to it. The caller provides the transaction.
            pub(crate) async fn steps(
                conn: &mut Connection,
                first: Sql,
                then: Vec<Sql>,
            ) -> Result<i64, sqlx::Error> {
                let args = arguments::<$db>(first.params, None)?;
                let rows: Vec<(i64,)> = sqlx::query_as_with::<$db, (i64,), _>(&first.text, args)
                    .fetch_all(&mut *conn)
                    .await?;
                let (id,) = rows.into_iter().next().ok_or(sqlx::Error::RowNotFound)?;
                for step in then {
                    let args = arguments::<$db>(step.params, Some(id))?;
                    sqlx::query_with::<$db, _>(&step.text, args)
                        .execute(&mut *conn)
                        .await?;
                }
                Ok(id)
            }
        }
    };
}

connection_ops!(sqlite_ops, sqlx::Sqlite);
connection_ops!(postgres_ops, sqlx::Postgres);

/// Decodes raw rows into records.
pub(crate) fn decode<T, R>(rows: Vec<R>) -> Result<Vec<T>, sqlx::Error>
where
    R: sqlx::Row,
    T: for<'r> FromRow<'r, R>,
{
    rows.iter().map(T::from_row).collect()
}

/// PostgreSQL handles concurrent writers itself: every call takes a pooled connection.
#[async_trait]
impl Exec for PgPool {
    async fn fetch_all<T: Record>(&self, sql: Sql) -> Result<Vec<T>, sqlx::Error> {
        let rows = postgres_ops::rows(&mut *self.acquire().await?, sql).await?;
        decode(rows)
    }

    async fn execute(&self, sql: Sql) -> Result<u64, sqlx::Error> {
        postgres_ops::execute(&mut *self.acquire().await?, sql).await
    }

    async fn transaction(&self, first: Sql, then: Vec<Sql>) -> Result<i64, sqlx::Error> {
        if first.text.trim_start().starts_with("INSERT") {
            let sql = one_statement(first, then);
            let rows = postgres_ops::rows(&mut *self.acquire().await?, sql).await?;
            let row = rows.first().ok_or(sqlx::Error::RowNotFound)?;
            return sqlx::Row::try_get(row, 0);
        }
        let mut tx = self.begin().await?;
        let id = postgres_ops::steps(&mut tx, first, then).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// PostgreSQL: `first` (an INSERT of one row) and `then` as a single statement of
/// data-modifying `WITH` parts, one round trip instead of one per statement plus `BEGIN` and
/// `COMMIT`. A single statement is atomic, and an INSERT that fails fails it whole, so this
/// keeps the meaning of `Exec::transaction`: `then` may not depend on each other's changes
/// (their parts see the same snapshot), which none of the store's transactions do.
fn one_statement(first: Sql, then: Vec<Sql>) -> Sql {
    let mut out = Sql::default();
    out.text.push_str("WITH new_row (id) AS (");
    append_renumbered(&mut out, first);
    for (n, step) in then.into_iter().enumerate() {
        out.text.push_str(&format!("), step_{n} AS ("));
        append_renumbered(&mut out, step);
    }
    out.text.push_str(") SELECT id FROM new_row");
    out
}

/// Appends `sql`, numbering its `$n` parameters after those `out` already has, with each
/// `Param::NewId` read from the `new_row` part instead of bound.
fn append_renumbered(out: &mut Sql, sql: Sql) {
    let mut text = sql.text.as_str();
    while let Some(at) = text.find('$') {
        out.text.push_str(&text[..at]);
        let digits = text[at + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(text.len() - at - 1, |end| end);
        let number: usize = text[at + 1..at + 1 + digits]
            .parse()
            .expect("a statement's `$` starts a parameter number");
        match &sql.params[number - 1] {
            Param::NewId => out.text.push_str("(SELECT id FROM new_row)"),
            param => {
                out.params.push(param.clone());
                out.text.push_str(&format!("${}", out.params.len()));
            }
        }
        text = &text[at + 1 + digits..];
    }
    out.text.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_become_one_statement_with_parameters_renumbered() {
        let first = Sql::new(
            "INSERT INTO t (a, b) VALUES (?, ?) RETURNING id",
            [1.into(), 2.into()],
        );
        let step = Sql::new(
            "UPDATE u SET x = ?, t_id = ? WHERE y = ?",
            [3.into(), Param::NewId, 4.into()],
        );
        let sql = one_statement(first, vec![step]);
        assert_eq!(
            sql.text,
            "WITH new_row (id) AS (INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id), \
             step_0 AS (UPDATE u SET x = $3, t_id = (SELECT id FROM new_row) WHERE y = $4) \
             SELECT id FROM new_row"
        );
        let bound: Vec<_> = sql
            .params
            .iter()
            .map(|p| match p {
                Param::Int(v) => *v,
                _ => None,
            })
            .collect();
        assert_eq!(bound, [Some(1), Some(2), Some(3), Some(4)]);
    }
}
