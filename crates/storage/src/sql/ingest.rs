//! Links from keys of other systems to cases and clients, how an ingested message came in, and
//! how far each polled IMAP folder has been read.

use super::query::{Param, Sql};
use super::{Exec, Result, one};
use crate::inputs::{ClientFields, LinkKind, NewCase, NewHelpdeskNote, NewMessageSource};
use crate::records::{Case, Client, HelpdeskNote, MailboxPosition, MessageSource};

pub(super) async fn find_link(
    db: &impl Exec,
    source: &str,
    kind: LinkKind,
    keys: &[String],
) -> Result<Option<i64>> {
    if keys.is_empty() {
        return Ok(None);
    }
    let mut sql = Sql::new(
        "SELECT external_key, record_id FROM ingest_links WHERE source = ? AND kind = ? \
         AND external_key IN (",
        [source.into(), kind.as_str().into()],
    );
    let marks = vec!["?"; keys.len()].join(", ");
    sql.push(&marks, keys.iter().map(|k| Param::from(k.as_str())));
    sql.push(")", []);
    let found: Vec<(String, i64)> = db.fetch_all(sql).await?;
    Ok(keys
        .iter()
        .find_map(|key| found.iter().find(|(k, _)| k == key).map(|(_, id)| *id)))
}

pub(super) async fn add_links(
    db: &impl Exec,
    source: &str,
    kind: LinkKind,
    keys: &[String],
    record_id: i64,
) -> Result<()> {
    if let Some(sql) = insert_links(source, kind, keys, record_id) {
        db.execute(sql).await?;
    }
    Ok(())
}

/// Links `keys` not linked yet to `record_id`; `None` when there are no keys.
fn insert_links(source: &str, kind: LinkKind, keys: &[String], record_id: i64) -> Option<Sql> {
    let mut sql = link_rows(source, kind, keys, &record_id.into())?;
    sql.push(" ON CONFLICT (source, kind, external_key) DO NOTHING", []);
    Some(sql)
}

/// Links every one of `keys` to `record`, failing (unique) when one is linked already.
fn link_rows(source: &str, kind: LinkKind, keys: &[String], record: &Param) -> Option<Sql> {
    if keys.is_empty() {
        return None;
    }
    let mut sql = Sql::new(
        "INSERT INTO ingest_links (source, kind, external_key, record_id) VALUES ",
        [],
    );
    for (i, key) in keys.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        sql.push(
            &format!("{sep}(?, ?, ?, ?)"),
            [
                source.into(),
                kind.as_str().into(),
                key.as_str().into(),
                record.clone(),
            ],
        );
    }
    Some(sql)
}

/// The inserts of a message's source and of its thread's keys (linked to the message's case),
/// run in the message's own transaction.
pub(super) fn insert_source(source: NewMessageSource, case_id: i64) -> Vec<Sql> {
    let links = insert_links(&source.source, LinkKind::Case, &source.thread_keys, case_id);
    let row = Sql::new(
        "INSERT INTO message_sources (message_id, source, subject, full_body, attachments_json, \
         automatic, html) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            Param::NewId,
            source.source.into(),
            source.subject.into(),
            source.full_body.into(),
            source.attachments_json.into(),
            source.automatic.into(),
            source.html.into(),
        ],
    );
    let note = source.note.map(insert_note);
    links.into_iter().chain([row]).chain(note).collect()
}

/// The note of a new message; its trigger queues the job that posts it.
fn insert_note(note: NewHelpdeskNote) -> Sql {
    Sql::new(
        "INSERT INTO helpdesk_notes (message_id, product, target, text, created_at) \
         VALUES (?, ?, ?, ?, ?)",
        [
            Param::NewId,
            note.product.into(),
            note.target.into(),
            note.text.into(),
            note.created_at.into(),
        ],
    )
}

pub(super) async fn helpdesk_note(db: &impl Exec, message_id: i64) -> Result<HelpdeskNote> {
    let sql = Sql::new(
        "SELECT message_id, product, target, text, created_at FROM helpdesk_notes \
         WHERE message_id = ?",
        [message_id.into()],
    );
    one(db, sql).await
}

/// Opens a case linked by `keys`, in one transaction: when another writer linked one of the
/// keys meanwhile, nothing is written and the answer is `Conflict`.
pub(super) async fn open_linked_case(
    db: &impl Exec,
    source: &str,
    keys: &[String],
    new: NewCase,
) -> Result<Case> {
    let insert = super::cases::insert_case(new)?;
    let id = insert_linked(db, insert, source, LinkKind::Case, keys).await?;
    super::cases::case(db, id).await
}

/// Creates a client linked by `keys`, in one transaction, as [`open_linked_case`] a case.
pub(super) async fn create_linked_client(
    db: &impl Exec,
    source: &str,
    keys: &[String],
    fields: ClientFields,
) -> Result<Client> {
    let insert = super::clients::insert_client(fields)?;
    let id = insert_linked(db, insert, source, LinkKind::Client, keys).await?;
    super::clients::client(db, id).await
}

/// Runs `insert` (returning the new record's id) and links every one of `keys` to it, in one
/// transaction; returns the id.
async fn insert_linked(
    db: &impl Exec,
    insert: Sql,
    source: &str,
    kind: LinkKind,
    keys: &[String],
) -> Result<i64> {
    let links = link_rows(source, kind, keys, &Param::NewId);
    Ok(db.transaction(insert, links.into_iter().collect()).await?)
}

pub(super) async fn message_source(db: &impl Exec, message_id: i64) -> Result<MessageSource> {
    let sql = Sql::new(
        "SELECT message_id, source, subject, full_body, attachments_json, automatic, html \
         FROM message_sources WHERE message_id = ?",
        [message_id.into()],
    );
    one(db, sql).await
}

pub(super) async fn mailbox_position(
    db: &impl Exec,
    mailbox: &str,
    folder: &str,
) -> Result<Option<MailboxPosition>> {
    let sql = Sql::new(
        "SELECT uid_validity, last_uid FROM mailbox_positions WHERE mailbox = ? AND folder = ?",
        [mailbox.into(), folder.into()],
    );
    let rows: Vec<(i64, i64)> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .next()
        .map(|(uid_validity, last_uid)| MailboxPosition {
            uid_validity,
            last_uid,
        }))
}

pub(super) async fn set_mailbox_position(
    db: &impl Exec,
    mailbox: &str,
    folder: &str,
    position: MailboxPosition,
) -> Result<()> {
    let sql = Sql::new(
        "INSERT INTO mailbox_positions (mailbox, folder, uid_validity, last_uid) \
         VALUES (?, ?, ?, ?) ON CONFLICT (mailbox, folder) DO UPDATE \
         SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid",
        [
            mailbox.into(),
            folder.into(),
            position.uid_validity.into(),
            position.last_uid.into(),
        ],
    );
    db.execute(sql).await?;
    Ok(())
}
