//! The API end to end: a real server on port 0 with a fresh database per test, on SQLite and,
//! when `TEST_DATABASE_URL` is set, on PostgreSQL.

mod access;
mod assignment;
mod burst;
mod digest;
mod dovecot;
mod errors;
mod follow_up_message;
mod forgotten;
mod helpers;
mod hooks;
mod imap;
mod instances;
mod messages;
mod notes_back;
mod notifications;
mod nul;
mod privacy;
mod reminders;
mod reports;
mod retries;
mod sessions;
mod sinks;
