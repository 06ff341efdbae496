//! What is held about a client, read whole (an export) or erased whole (an erasure), and the
//! retention of message bodies in finished cases.

use chrono::{DateTime, Utc};

use super::audit::insert_audit;
use super::clients::{cases_of, client, of_client};
use super::query::{Param, Sql};
use super::rows::{
    AGREED_COLUMNS, AUDIT_COLUMNS, BOUNDARY_COLUMNS, DOCUMENTATION_COLUMNS, ESCALATION_COLUMNS,
    FOLLOW_UP_COLUMNS, MESSAGE_COLUMNS, REFLECTION_COLUMNS,
};
use super::{Exec, Result, all};
use crate::inputs::NewAuditEntry;
use crate::store::ClientRecord;

/// The body a message keeps once its retention period is over.
pub const ERASED_BODY: &str = "[removed at the end of the retention period]";

/// The tables of a case's work, in the order an erasure empties them (rows that refer to
/// messages before the messages).
const CASE_TABLES: [&str; 8] = [
    "notifications",
    "follow_ups",
    "boundary_events",
    "escalations",
    "agreed_actions",
    "case_documentation",
    "reflections",
    "messages",
];

/// The cases of the client whose id is the transaction's new id.
const CLIENT_CASES: &str = "SELECT id FROM cases WHERE client_id = ?";

pub(super) async fn client_record(db: &impl Exec, client_id: i64) -> Result<ClientRecord> {
    let client = client(db, client_id).await?;
    let cases = cases_of(db, client_id, "c.opened_at, c.id").await?;
    let by_time = "ORDER BY at, id";
    Ok(ClientRecord {
        client,
        cases,
        messages: of_client(db, MESSAGE_COLUMNS, "messages", client_id, by_time).await?,
        boundary_events: of_client(db, BOUNDARY_COLUMNS, "boundary_events", client_id, by_time)
            .await?,
        escalations: of_client(db, ESCALATION_COLUMNS, "escalations", client_id, by_time).await?,
        agreed_actions: of_client(db, AGREED_COLUMNS, "agreed_actions", client_id, by_time).await?,
        follow_ups: of_client(
            db,
            FOLLOW_UP_COLUMNS,
            "follow_ups",
            client_id,
            "ORDER BY id",
        )
        .await?,
        documentation: of_client(
            db,
            DOCUMENTATION_COLUMNS,
            "case_documentation",
            client_id,
            "ORDER BY case_id",
        )
        .await?,
        reflections: of_client(
            db,
            REFLECTION_COLUMNS,
            "reflections",
            client_id,
            "ORDER BY case_id",
        )
        .await?,
        audit: all(db, audit_about(client_id)).await?,
    })
}

/// The audit lines about the client, their cases and the records in those cases.
fn audit_about(client_id: i64) -> Sql {
    let id = Param::from(client_id);
    Sql::new(
        &format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log \
             WHERE (record_kind = 'client' AND record_id = ?) \
             OR (record_kind = 'case' AND record_id IN ({CLIENT_CASES})) \
             OR (record_kind = 'message' AND record_id IN \
                 (SELECT id FROM messages WHERE case_id IN ({CLIENT_CASES}))) \
             OR (record_kind = 'follow_up' AND record_id IN \
                 (SELECT id FROM follow_ups WHERE case_id IN ({CLIENT_CASES}))) \
             ORDER BY at, id"
        ),
        [id.clone(), id.clone(), id.clone(), id],
    )
}

/// Deletes the client, their cases and everything in them, and the kept answers to the creates
/// that made them, then appends `audit` (which must not repeat what was erased), in one
/// transaction.
pub(super) async fn erase_client(
    db: &impl Exec,
    client_id: i64,
    audit: NewAuditEntry,
) -> Result<()> {
    let first = Sql::new("SELECT id FROM clients WHERE id = ?", [client_id.into()]);
    let in_cases = format!("case_id IN ({CLIENT_CASES})");
    let mut then = vec![forget_answers()];
    then.extend(CASE_TABLES.iter().map(|table| {
        Sql::new(
            &format!("DELETE FROM {table} WHERE {in_cases}"),
            [Param::NewId],
        )
    }));
    then.push(Sql::new(
        "DELETE FROM cases WHERE client_id = ?",
        [Param::NewId],
    ));
    then.push(Sql::new("DELETE FROM clients WHERE id = ?", [Param::NewId]));
    then.push(insert_audit(audit, Param::NewId, ""));
    db.transaction(first, then).await?;
    Ok(())
}

/// Deletes the kept answers (idempotency keys) that show the client or their cases: the client
/// as created, a case of theirs, and anything created in one of their cases. They are told
/// apart by the JSON the API answers with (`ClientOut`, `CaseOut` and the records of a case).
fn forget_answers() -> Sql {
    Sql::new(
        "DELETE FROM idempotency_keys \
         WHERE (response LIKE '{\"id\":' || ? || ',\"name\":%' \
             AND response LIKE '%\"emails\":[%') \
         OR response LIKE '%\"client_id\":' || ? || ',%' \
         OR EXISTS (SELECT 1 FROM cases WHERE client_id = ? \
             AND idempotency_keys.response LIKE '%\"case_id\":' || cases.id || ',%')",
        [Param::NewId, Param::NewId, Param::NewId],
    )
}

/// Replaces the bodies of messages in cases finished before `closed_before` with
/// [`ERASED_BODY`], with their analyses, the text boundary events quote from them, the spans
/// follow-ups point at, the whole body and HTML they came in as and their helpdesk notes;
/// returns how many messages were erased.
pub(super) async fn erase_old_bodies(db: &impl Exec, closed_before: DateTime<Utc>) -> Result<u64> {
    let finished = "SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < ?";
    let erased = db
        .execute(Sql::new(
            &format!(
                "UPDATE messages SET body = ?, analysis_json = NULL \
                 WHERE body <> ? AND case_id IN ({finished})"
            ),
            [
                ERASED_BODY.to_owned().into(),
                ERASED_BODY.to_owned().into(),
                closed_before.into(),
            ],
        ))
        .await?;
    // Both idempotent, so a round that stopped half-way is finished by the next.
    db.execute(Sql::new(
        &format!(
            "UPDATE boundary_events SET evidence_json = '{{}}' \
                 WHERE evidence_json <> '{{}}' AND case_id IN ({finished})"
        ),
        [closed_before.into()],
    ))
    .await?;
    db.execute(Sql::new(
        &format!(
            "UPDATE follow_ups SET span_start = NULL, span_end = NULL \
                 WHERE span_start IS NOT NULL AND case_id IN ({finished})"
        ),
        [closed_before.into()],
    ))
    .await?;
    // What came in from outside goes with the body: the whole mail, its HTML, and the note
    // that quoted it back to the helpdesk.
    let finished_messages = format!("SELECT id FROM messages WHERE case_id IN ({finished})");
    db.execute(Sql::new(
        &format!(
            "UPDATE message_sources SET full_body = ?, html = NULL \
                 WHERE full_body <> ? AND message_id IN ({finished_messages})"
        ),
        [
            ERASED_BODY.to_owned().into(),
            ERASED_BODY.to_owned().into(),
            closed_before.into(),
        ],
    ))
    .await?;
    db.execute(Sql::new(
        &format!("DELETE FROM helpdesk_notes WHERE message_id IN ({finished_messages})"),
        [closed_before.into()],
    ))
    .await?;
    Ok(erased)
}
