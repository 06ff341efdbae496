//! defuse-server: the service that keeps the record of every difficult client and runs the
//! analysis and coaching on every message, over a JSON API.
//!
//! # Layout
//! - [`settings`]: typed settings, layered defaults → TOML → `DEFUSE_*` → flags.
//! - [`startup`]: [`app`] (the router, for in-process tests), [`launch`] (listener + shutdown), [`prepare`].
//! - [`state`]: [`AppState`], shared by handlers: the store, the analyzer, the coaching policy.
//! - [`auth`]: passwords, secrets, the [`auth::Caller`] extractor, access rules.
//! - [`accounts`]: adding users, passwords, tokens, the first admin (also used by the CLI).
//! - `routes`: one module per API resource; `dto`: stored records as JSON.
//! - [`exchange`]: storing inbound (analysed, coached) and outbound (checked) messages;
//!   [`safety`]: a threat of harm flags and escalates its case.
//! - [`compute`]: the bounded pool where analysis and coaching run, off the async workers.
//! - [`conversation`] and [`calming`]: from stored messages to coaching, and what calmed clients.
//! - [`privacy`]: a client's export and erasure (also used by the CLI).
//! - [`reports`]: the figures of the reports pages and the API, and an agent's coaching over time.
//! - [`demo`]: sample data for `serve --demo`. [`scheduler`]: periodic upkeep.
//! - [`follow_up_message`]: the summary to a client of what was agreed, done and next.
//! - [`jobs`]: the worker every instance runs over the database's job queue (reminders of
//!   follow-ups, notifications by mail and webhook).
//! - [`edge`]: middleware for every request (no NUL in a query or path).
//! - [`throttle`]: the webhooks' rate limit, per integration.
//! - [`idempotency`]: the `Idempotency-Key` middleware on creates.
//! - [`intake`]: storing messages that came in by themselves (mail, chat exports, webhooks);
//!   [`imap`]: the mailboxes the server reads by itself.
//! - [`error`] and [`json`]: `AppError` and the JSON extractor that names bad fields.
//!
//! Only this crate knows HTTP. Analysis JSON shapes come from `defuse-wire`; SQL lives in
//! `defuse-storage`.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod calming;
pub mod compute;
pub mod conversation;
pub mod demo;
pub mod dto;
pub mod edge;
pub mod error;
pub mod exchange;
pub mod follow_up_message;
#[cfg(test)]
mod handler_tests;
pub mod helpdesk;
pub mod idempotency;
pub mod imap;
pub mod intake;
pub mod jobs;
pub mod json;
pub mod pages;
pub mod privacy;
pub mod reports;
mod routes;
pub mod safety;
pub mod scheduler;
pub mod settings;
pub mod startup;
pub mod state;
pub mod throttle;

pub use settings::{Overrides, Settings};
pub use startup::{Prepared, app, init_logging, launch, prepare, shutdown_signal};
pub use state::AppState;
