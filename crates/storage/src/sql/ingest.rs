//! Links from keys of other systems to cases and clients, how an ingested message came in, and
//! how far each polled IMAP folder has been read.

use super::query::{Param, Sql};
use super::{Exec, Result, one};
use crate::inputs::{LinkKind, NewMessageSource};
use crate::records::{MailboxPosition, MessageSource};

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
                record_id.into(),
            ],
        );
    }
    sql.push(" ON CONFLICT (source, kind, external_key) DO NOTHING", []);
    Some(sql)
}

/// The inserts of a message's source and of its thread's keys (linked to the message's case),
/// run in the message's own transaction.
pub(super) fn insert_source(source: NewMessageSource, case_id: i64) -> Vec<Sql> {
    let links = insert_links(&source.source, LinkKind::Case, &source.thread_keys, case_id);
    let row = Sql::new(
        "INSERT INTO message_sources (message_id, source, subject, full_body, attachments_json, \
         automatic) VALUES (?, ?, ?, ?, ?, ?)",
        [
            Param::NewId,
            source.source.into(),
            source.subject.into(),
            source.full_body.into(),
            source.attachments_json.into(),
            source.automatic.into(),
        ],
    );
    links.into_iter().chain([row]).collect()
}

pub(super) async fn message_source(db: &impl Exec, message_id: i64) -> Result<MessageSource> {
    let sql = Sql::new(
        "SELECT message_id, source, subject, full_body, attachments_json, automatic \
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
