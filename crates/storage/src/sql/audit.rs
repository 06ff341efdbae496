//! The append-only audit log and report figures.

use std::collections::HashMap;

use super::query::{Param, Sql};
use super::rows::{AUDIT_COLUMNS, decode_list};
use super::{Exec, Result, filter, number, one, page};
use crate::filters::{AuditFilter, Page, Paging, ReportFilter};
use crate::inputs::NewAuditEntry;
use crate::records::{AuditEntry, CaseStatus, FollowUpStatus, Report};

/// Inserts `entry` with `record_id` in place of its own, then `tail` (for example a
/// `RETURNING` clause).
pub(super) fn insert_audit(entry: NewAuditEntry, record_id: Param, tail: &str) -> Sql {
    Sql::new(
        &format!(
            "INSERT INTO audit_log (at, actor_id, action, record_kind, record_id, detail) \
             VALUES (?, ?, ?, ?, ?, ?){tail}"
        ),
        [
            entry.at.into(),
            entry.actor_id.into(),
            entry.action.into(),
            entry.record_kind.into(),
            record_id,
            entry.detail.into(),
        ],
    )
}

pub(super) async fn append_audit(db: &impl Exec, entry: NewAuditEntry) -> Result<AuditEntry> {
    let record_id = entry.record_id.into();
    let tail = format!(" RETURNING {AUDIT_COLUMNS}");
    one(db, insert_audit(entry, record_id, &tail)).await
}

pub(super) async fn list_audit(
    db: &impl Exec,
    audit_filter: AuditFilter,
    paging: Paging,
) -> Result<Page<AuditEntry>> {
    let mut sql = filter();
    sql.and_if("actor_id = ?", audit_filter.actor_id);
    sql.and_if("action = ?", audit_filter.action);
    sql.and_if("record_kind = ?", audit_filter.record_kind);
    sql.and_if("record_id = ?", audit_filter.record_id);
    sql.and_if("at >= ?", audit_filter.since);
    let select = format!("SELECT {AUDIT_COLUMNS} FROM audit_log");
    page(db, &select, "audit_log", &sql, "at DESC, id DESC", paging).await
}

pub(super) async fn report(db: &impl Exec, report_filter: ReportFilter) -> Result<Report> {
    let mut cases = filter();
    cases.and_scope("c.team_id", &report_filter.teams);
    cases.and_if("c.opened_at >= ?", report_filter.since);
    cases.and_if("c.opened_at < ?", report_filter.until);

    let causes: Vec<(String,)> = db
        .fetch_all(cases.prefixed("SELECT c.main_causes FROM cases c"))
        .await?;
    let mut cause_counts = HashMap::<String, i64>::new();
    for (list,) in causes {
        for cause in decode_list(&list)? {
            *cause_counts.entry(cause).or_default() += 1;
        }
    }
    let mut cause_counts: Vec<(String, i64)> = cause_counts.into_iter().collect();
    cause_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    let mut by_status = cases.prefixed("SELECT c.status, COUNT(*) FROM cases c");
    by_status.push(" GROUP BY c.status", []);
    let by_status: Vec<(String, i64)> = db.fetch_all(by_status).await?;
    let cases_by_status = CaseStatus::ALL
        .iter()
        .map(|&status| (status, count_of(&by_status, status.as_str())))
        .collect();

    let mut follow_ups = cases
        .prefixed("SELECT f.status, COUNT(*) FROM follow_ups f JOIN cases c ON c.id = f.case_id");
    follow_ups.push(" GROUP BY f.status", []);
    let follow_ups: Vec<(String, i64)> = db.fetch_all(follow_ups).await?;

    let escalations =
        cases.prefixed("SELECT COUNT(*) FROM escalations e JOIN cases c ON c.id = e.case_id");
    Ok(Report {
        cause_counts,
        cases_by_status,
        follow_ups_open: count_of(&follow_ups, FollowUpStatus::Open.as_str()),
        follow_ups_done: count_of(&follow_ups, FollowUpStatus::Done.as_str()),
        follow_ups_missed: count_of(&follow_ups, FollowUpStatus::Missed.as_str()),
        escalations: number(db, escalations).await?,
    })
}

fn count_of(counts: &[(String, i64)], name: &str) -> i64 {
    counts
        .iter()
        .find(|(status, _)| status == name)
        .map_or(0, |&(_, count)| count)
}
