//! The API end to end: a real server on port 0 with a fresh database per test, on SQLite and,
//! when `TEST_DATABASE_URL` is set, on PostgreSQL.

mod access;
mod assignment;
mod errors;
mod helpers;
mod hooks;
mod messages;
mod nul;
mod privacy;
mod reports;
mod retries;
mod sessions;
