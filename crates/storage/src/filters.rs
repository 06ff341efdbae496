//! Paging and the filters of list queries.

use chrono::{DateTime, Utc};

use crate::error::StoreError;
use crate::records::{CaseStatus, FollowUpStatus};

/// Largest page a list call returns.
pub const MAX_LIMIT: i64 = 500;

/// Which slice of a list to return, by limit and offset in the list's fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    limit: i64,
    offset: i64,
}

impl Paging {
    /// `limit` in 1..=`MAX_LIMIT`, `offset` not negative.
    pub fn new(limit: i64, offset: i64) -> Result<Self, StoreError> {
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(StoreError::invalid(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}, got {limit}"),
            ));
        }
        if offset < 0 {
            return Err(StoreError::invalid(
                "offset",
                format!("must not be negative, got {offset}"),
            ));
        }
        Ok(Self { limit, offset })
    }

    /// Everything up to `MAX_LIMIT`, from the start.
    pub fn first(limit: i64) -> Result<Self, StoreError> {
        Self::new(limit, 0)
    }

    pub fn limit(self) -> i64 {
        self.limit
    }

    pub fn offset(self) -> i64 {
        self.offset
    }
}

impl Default for Paging {
    fn default() -> Self {
        Self {
            limit: 50,
            offset: 0,
        }
    }
}

/// One page of a list and how many records match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// Restricts a list to the records of some teams. `None` means every team (admins).
pub type TeamScope = Option<Vec<i64>>;

/// Which cases to list, newest opened first. Unset fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub teams: TeamScope,
    pub status: Option<CaseStatus>,
    pub assignee_id: Option<i64>,
    pub team_id: Option<i64>,
    pub client_id: Option<i64>,
    /// Peak hostility at least this.
    pub min_hostility: Option<f64>,
    /// Only cases with an open follow-up due before this time.
    pub overdue_at: Option<DateTime<Utc>>,
    /// Only unfinished cases flagged forgotten (their client waits past the response target).
    pub forgotten: bool,
}

/// Which clients to list, by name order. `query` matches name, organisation, emails and
/// phones, ignoring ASCII case.
#[derive(Debug, Clone, Default)]
pub struct ClientFilter {
    pub query: Option<String>,
}

/// Which follow-ups to list, soonest due first (undated last).
#[derive(Debug, Clone, Default)]
pub struct FollowUpFilter {
    pub teams: TeamScope,
    pub case_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub status: Option<FollowUpStatus>,
    /// Only open follow-ups due before this time.
    pub overdue_at: Option<DateTime<Utc>>,
    /// Only follow-ups due before this time, whatever their status.
    pub due_before: Option<DateTime<Utc>>,
    /// Only follow-ups done or missed at or after this time.
    pub finished_since: Option<DateTime<Utc>>,
}

/// Which escalations to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct EscalationFilter {
    pub teams: TeamScope,
    pub case_id: Option<i64>,
    pub to_user_id: Option<i64>,
}

/// Which audit entries to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub record_kind: Option<String>,
    pub record_id: Option<i64>,
    pub since: Option<DateTime<Utc>>,
}

/// Which cases a report covers: of these teams, opened in `[since, until)`, and when set,
/// assigned to one agent and come in on one channel.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub teams: TeamScope,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub assignee_id: Option<i64>,
    pub channel: Option<String>,
}

/// Which jobs to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct JobFilter {
    pub state: Option<crate::records::JobState>,
}
