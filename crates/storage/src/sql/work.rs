//! Work on a case: boundary events, escalations, agreed actions and follow-ups.

use chrono::{DateTime, Utc};

use super::query::{Param, Sql};
use super::rows::{
    AGREED_COLUMNS, BOUNDARY_COLUMNS, ESCALATION_COLUMNS, FOLLOW_UP_COLUMNS, Stored,
};
use super::{Exec, Result, all, filter, one, page, require_text};
use crate::filters::{EscalationFilter, FollowUpFilter, Page, Paging};
use crate::inputs::{
    FollowUpUpdate, NewAgreedAction, NewBoundaryEvent, NewEscalation, NewFollowUp,
};
use crate::records::{
    AgreedAction, BoundaryEvent, CaseStatus, Escalation, FollowUp, FollowUpStatus,
};

/// Inserts follow-ups, one row from each `case_id, what, due_at, owner_id, status,
/// promise_message_id, span_start, span_end, created_at`, in order, then `tail` (for example a
/// `RETURNING` clause). One statement, so rows get ascending ids in the order given.
pub(super) fn insert_follow_ups(rows: Vec<[Param; 10]>, tail: &str) -> Sql {
    let mut sql = Sql::default();
    sql.push(
        "INSERT INTO follow_ups (case_id, what, due_at, owner_id, status, promise_message_id, \
         span_start, span_end, created_at, date_only) VALUES ",
        [],
    );
    for (n, row) in rows.into_iter().enumerate() {
        let separator = if n == 0 { "" } else { ", " };
        sql.push(&format!("{separator}(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), row);
    }
    sql.push(tail, []);
    sql
}

/// `columns` with each name prefixed by a table alias, for queries that join `cases c`.
fn qualified(columns: &str, alias: &str) -> String {
    columns
        .split(", ")
        .map(|column| format!("{alias}.{column}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads back one row of `table` by id after a write.
async fn by_id<T: Stored>(db: &impl Exec, columns: &str, table: &str, id: i64) -> Result<T> {
    let sql = Sql::new(
        &format!("SELECT {columns} FROM {table} WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}

/// Every row of `table` for a case, oldest first.
async fn of_case<T: Stored>(
    db: &impl Exec,
    columns: &str,
    table: &str,
    case_id: i64,
) -> Result<Vec<T>> {
    let sql = Sql::new(
        &format!("SELECT {columns} FROM {table} WHERE case_id = ? ORDER BY at, id"),
        [case_id.into()],
    );
    all(db, sql).await
}

pub(super) async fn add_boundary_event(
    db: &impl Exec,
    new: NewBoundaryEvent,
) -> Result<BoundaryEvent> {
    let insert = Sql::new(
        "INSERT INTO boundary_events (case_id, step, message_id, evidence_json, at) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
        [
            new.case_id.into(),
            new.step.into(),
            new.message_id.into(),
            new.evidence_json.into(),
            new.at.into(),
        ],
    );
    let raise = Sql::new(
        "UPDATE cases SET boundary_step = CASE WHEN boundary_step < ? THEN ? ELSE boundary_step END \
         WHERE id = ?",
        [new.step.into(), new.step.into(), new.case_id.into()],
    );
    let id = db.transaction(insert, vec![raise]).await?;
    by_id(db, BOUNDARY_COLUMNS, "boundary_events", id).await
}

pub(super) async fn acknowledge_boundary_event(
    db: &impl Exec,
    id: i64,
    user_id: i64,
    at: DateTime<Utc>,
) -> Result<BoundaryEvent> {
    let sql = Sql::new(
        &format!(
            "UPDATE boundary_events SET acknowledged_by = COALESCE(acknowledged_by, ?), \
             acknowledged_at = COALESCE(acknowledged_at, ?) WHERE id = ? RETURNING {BOUNDARY_COLUMNS}"
        ),
        [user_id.into(), at.into(), id.into()],
    );
    one(db, sql).await
}

pub(super) async fn list_boundary_events(
    db: &impl Exec,
    case_id: i64,
) -> Result<Vec<BoundaryEvent>> {
    of_case(db, BOUNDARY_COLUMNS, "boundary_events", case_id).await
}

pub(super) async fn add_escalation(db: &impl Exec, new: NewEscalation) -> Result<Escalation> {
    require_text("reason", &new.reason)?;
    let insert = Sql::new(
        "INSERT INTO escalations (case_id, to_user_id, reason, at, by_user_id) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
        [
            new.case_id.into(),
            new.to_user_id.into(),
            new.reason.into(),
            new.at.into(),
            new.by.into(),
        ],
    );
    let escalate = Sql::new(
        "UPDATE cases SET status = ?, closed_at = NULL, assignee_id = ? WHERE id = ?",
        [
            CaseStatus::Escalated.as_str().into(),
            new.to_user_id.into(),
            new.case_id.into(),
        ],
    );
    let id = db.transaction(insert, vec![escalate]).await?;
    by_id(db, ESCALATION_COLUMNS, "escalations", id).await
}

pub(super) async fn list_escalations(
    db: &impl Exec,
    escalation_filter: EscalationFilter,
    paging: Paging,
) -> Result<Page<Escalation>> {
    let mut sql = filter();
    sql.and_scope("c.team_id", &escalation_filter.teams);
    sql.and_if("e.case_id = ?", escalation_filter.case_id);
    sql.and_if("e.to_user_id = ?", escalation_filter.to_user_id);
    let from = "escalations e JOIN cases c ON c.id = e.case_id";
    let select = format!("SELECT {} FROM {from}", qualified(ESCALATION_COLUMNS, "e"));
    page(db, &select, from, &sql, "e.at DESC, e.id DESC", paging).await
}

pub(super) async fn add_agreed_action(
    db: &impl Exec,
    new: NewAgreedAction,
) -> Result<AgreedAction> {
    require_text("text", &new.text)?;
    let sql = Sql::new(
        &format!(
            "INSERT INTO agreed_actions (case_id, text, at, by_user_id) VALUES (?, ?, ?, ?) \
             RETURNING {AGREED_COLUMNS}"
        ),
        [
            new.case_id.into(),
            new.text.into(),
            new.at.into(),
            new.by.into(),
        ],
    );
    one(db, sql).await
}

pub(super) async fn list_agreed_actions(db: &impl Exec, case_id: i64) -> Result<Vec<AgreedAction>> {
    of_case(db, AGREED_COLUMNS, "agreed_actions", case_id).await
}

pub(super) async fn create_follow_up(db: &impl Exec, new: NewFollowUp) -> Result<FollowUp> {
    require_text("what", &new.what)?;
    let sql = insert_follow_ups(
        vec![[
            new.case_id.into(),
            new.what.into(),
            new.due_at.into(),
            new.owner_id.into(),
            FollowUpStatus::Open.as_str().into(),
            Param::Int(None),
            Param::Int(None),
            Param::Int(None),
            Utc::now().into(),
            false.into(),
        ]],
        &format!(" RETURNING {FOLLOW_UP_COLUMNS}"),
    );
    one(db, sql).await
}

pub(super) async fn follow_up(db: &impl Exec, id: i64) -> Result<FollowUp> {
    by_id(db, FOLLOW_UP_COLUMNS, "follow_ups", id).await
}

pub(super) async fn update_follow_up(
    db: &impl Exec,
    id: i64,
    update: FollowUpUpdate,
) -> Result<FollowUp> {
    let finished = update.status != FollowUpStatus::Open;
    let done_at = finished.then_some(update.at);
    let note = update
        .note
        .filter(|note| finished && !note.trim().is_empty());
    let sql = Sql::new(
        &format!(
            "UPDATE follow_ups SET status = ?, done_at = ?, done_note = ? WHERE id = ? \
             RETURNING {FOLLOW_UP_COLUMNS}"
        ),
        [
            update.status.as_str().into(),
            done_at.into(),
            note.into(),
            id.into(),
        ],
    );
    one(db, sql).await
}

pub(super) async fn list_follow_ups(
    db: &impl Exec,
    follow_up_filter: FollowUpFilter,
    paging: Paging,
) -> Result<Page<FollowUp>> {
    let mut sql = filter();
    sql.and_scope("c.team_id", &follow_up_filter.teams);
    sql.and_if("f.case_id = ?", follow_up_filter.case_id);
    sql.and_if("f.owner_id = ?", follow_up_filter.owner_id);
    sql.and_if(
        "f.status = ?",
        follow_up_filter.status.map(FollowUpStatus::as_str),
    );
    sql.and_if(
        "f.status = 'open' AND f.due_at < ?",
        follow_up_filter.overdue_at,
    );
    sql.and_if("f.due_at < ?", follow_up_filter.due_before);
    sql.and_if("f.done_at >= ?", follow_up_filter.finished_since);
    let from = "follow_ups f JOIN cases c ON c.id = f.case_id";
    let select = format!("SELECT {} FROM {from}", qualified(FOLLOW_UP_COLUMNS, "f"));
    let order = "f.due_at IS NULL, f.due_at, f.id";
    page(db, &select, from, &sql, order, paging).await
}

pub(super) async fn mark_missed(
    db: &impl Exec,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64> {
    let sql = Sql::new(
        "UPDATE follow_ups SET status = ?, done_at = ? WHERE status = ? AND due_at < ?",
        [
            FollowUpStatus::Missed.as_str().into(),
            now.into(),
            FollowUpStatus::Open.as_str().into(),
            before.into(),
        ],
    );
    Ok(db.execute(sql).await?)
}
