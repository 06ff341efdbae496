//! The append-only audit log, login bookkeeping and report figures.

use chrono::{DateTime, Utc};

use super::CaseStatus;

/// Who did what to which record, and when. Never updated or deleted.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// None for the system or an anonymous caller (for example a refused login).
    pub actor_id: Option<i64>,
    /// For example "login", "login_refused", "case.update".
    pub action: String,
    /// For example "case", "user", "session".
    pub record_kind: String,
    pub record_id: Option<i64>,
    /// Free text or JSON written by the caller; never secrets.
    pub detail: String,
}

/// Failed logins in a time window, counted both ways a rate limit needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginFailures {
    /// Failures of this account from this address since its last success there.
    pub by_account_and_address: i64,
    /// When the latest of those was.
    pub last_by_account_and_address: Option<DateTime<Utc>>,
    /// Failures from this address, whatever the account.
    pub by_address: i64,
}

/// Figures for a supervisor's report over the cases in scope.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// How many cases name each cause among their main causes, most frequent first.
    pub cause_counts: Vec<(String, i64)>,
    /// Cases per status, in `CaseStatus::ALL` order, zero counts included.
    pub cases_by_status: Vec<(CaseStatus, i64)>,
    pub follow_ups_open: i64,
    pub follow_ups_done: i64,
    pub follow_ups_missed: i64,
    pub escalations: i64,
}
