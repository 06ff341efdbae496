//! Throwaway PostgreSQL databases for tests that need a real server: a fresh, empty database
//! on the server an admin URL names, dropped when the test is done with it.
//!
//! Tests run in parallel and in several processes, so a name is made unique by the process, a
//! counter and the time.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

use crate::StoreError;

/// A database made for one test; [`ScratchDatabase::remove`] drops it.
#[derive(Debug)]
pub struct ScratchDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl ScratchDatabase {
    /// Creates an empty database named after `prefix` (lower-case letters, digits and `_`) on
    /// the server of `admin_url`, a database URL the caller may create databases with.
    pub async fn create(admin_url: &str, prefix: &str) -> Result<Self, StoreError> {
        let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
        if prefix.is_empty() || !prefix.chars().all(plain) {
            return Err(StoreError::invalid(
                "prefix",
                format!("{prefix:?} is not lower-case letters, digits and '_'"),
            ));
        }
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "{prefix}_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            chrono::Utc::now().timestamp_micros()
        );
        admin(admin_url, &format!("CREATE DATABASE {name}")).await?;
        Ok(ScratchDatabase {
            url: with_database(admin_url, &name),
            admin_url: admin_url.to_owned(),
            name,
        })
    }

    /// The URL of the new database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Drops the database, closing whatever connections are still open to it.
    pub async fn remove(self) -> Result<(), StoreError> {
        let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        admin(&self.admin_url, &drop).await
    }
}

/// Runs `statement` on its own connection to `admin_url`.
async fn admin(admin_url: &str, statement: &str) -> Result<(), StoreError> {
    let mut conn = sqlx::PgConnection::connect(admin_url)
        .await
        .map_err(anyhow::Error::from)?;
    sqlx::query(statement)
        .execute(&mut conn)
        .await
        .map_err(anyhow::Error::from)?;
    Ok(())
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[host_start..].find('/') {
        Some(slash) => &base[..host_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced() {
        let admin = "postgres://postgres@127.0.0.1:5432/postgres";
        assert_eq!(
            with_database(admin, "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(
            with_database("postgres://h/d?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
    }

    #[tokio::test]
    async fn a_prefix_that_is_no_plain_name_is_refused_before_any_connection() {
        let made = ScratchDatabase::create("postgres://nowhere.invalid/x", "a; DROP").await;
        assert!(
            matches!(
                made,
                Err(StoreError::Invalid {
                    field: "prefix",
                    ..
                })
            ),
            "{made:?}"
        );
    }
}
