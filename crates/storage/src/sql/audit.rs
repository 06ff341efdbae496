//! The append-only audit log.

use super::query::{Param, Sql};
use super::rows::AUDIT_COLUMNS;
use super::{Exec, Result, filter, one, page};
use crate::filters::{AuditFilter, Page, Paging};
use crate::inputs::NewAuditEntry;
use crate::records::AuditEntry;

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
