//! Storage of defuse: clients, cases, messages, the work done on them, accounts and the audit
//! log, behind one [`Store`] trait with a SQLite and a PostgreSQL backend.
//!
//! # Layout
//! - `records`: the stored values, plain Rust structs.
//! - `inputs` and `filters`: what callers pass in to write and to list.
//! - `store`: the `Store` trait.
//! - `error`: `StoreError`.
//! - `scratch`: throwaway PostgreSQL databases for tests.
//! - `sql`: the one implementation of `Store`, shared by both backends through `Exec`;
//!   SQLite writes go through a group-committing writer task (`sql/sqlite.rs`).
//!
//! Pick a backend with [`connect`]: `sqlite://path` or `postgres://...`. It runs the migrations
//! of that backend before returning.

mod error;
mod filters;
mod inputs;
mod records;
mod scratch;
mod sql;
mod store;

use std::path::Path;
use std::sync::Arc;

pub use chrono;
pub use error::StoreError;
pub use filters::{
    AuditFilter, CaseFilter, ClientFilter, EscalationFilter, FollowUpFilter, JobFilter, MAX_LIMIT,
    Page, Paging, ReportFilter, TeamScope,
};
pub use inputs::{
    Backoff, CaseChanges, CaseMark, CaseSignals, ClientFields, DocumentationFields, FollowUpUpdate,
    JobEffects, Lease, LinkKind, LoginAttempt, MessageEffects, NewAgreedAction, NewApiToken,
    NewAuditEntry, NewBoundaryEvent, NewCase, NewEscalation, NewFollowUp, NewHelpdeskNote, NewJob,
    NewMessage, NewMessageSource, NewNotification, NewPassword, NewPromise, NewUser,
    ReflectionFields, UserChanges,
};
pub use records::{
    AgreedAction, ApiToken, AuditEntry, BoundaryEvent, Case, CaseDocumentation, CaseFacts,
    CaseStatus, Client, Digest, Direction, Escalation, FollowUp, FollowUpFact, FollowUpStatus,
    HelpdeskNote, IdempotentRequest, Job, JobState, KeyClaim, LoginFailures, MailboxPosition,
    Message, MessageSource, Notification, Reflection, Report, ReportFacts, Role, SentReply,
    Session, StepFact, Team, TeamMember, TeamResponse, UnknownName, User, UserChannels,
};
pub use scratch::ScratchDatabase;
pub use sql::ERASED_BODY;
pub use store::{Backend, ClientHistory, ClientRecord, PostedMessage, Store};

/// Opens the database named by `url`, runs its migrations and returns the store.
///
/// `sqlite://path/to/defuse.db` (created if missing) or `postgres://user@host/db`.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    sql::connect(url).await
}

/// The default database: `sqlite://<data_dir>/defuse.db`.
pub fn sqlite_url(data_dir: &Path) -> String {
    sql::sqlite_url(data_dir)
}

/// Runs the migrations of the database named by `url` and returns which backend it is.
pub async fn migrate(url: &str) -> Result<Backend, StoreError> {
    connect(url).await.map(|store| store.backend())
}
