//! Idempotency keys: claimed before a create runs, completed with its answer, released when
//! it failed (so that a retry runs it again), purged once older than the time they are kept.

use chrono::{DateTime, Utc};

use super::query::Sql;
use super::{Exec, Result, changed, one};
use crate::records::{IdempotentRequest, KeyClaim};

pub(super) async fn claim(
    db: &impl Exec,
    user_id: i64,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
    abandoned_before: DateTime<Utc>,
) -> Result<KeyClaim> {
    // A claim never answered (its process died) is taken over once it is old enough.
    let insert = Sql::new(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) \
         VALUES (?, ?, ?, ?) ON CONFLICT (user_id, key) DO UPDATE \
         SET request_hash = excluded.request_hash, created_at = excluded.created_at \
         WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < ? \
         RETURNING user_id",
        [
            user_id.into(),
            key.to_owned().into(),
            request_hash.to_owned().into(),
            now.into(),
            abandoned_before.into(),
        ],
    );
    let claimed: Vec<(i64,)> = db.fetch_all(insert).await?;
    if !claimed.is_empty() {
        return Ok(KeyClaim::New);
    }
    let seen = Sql::new(
        "SELECT request_hash, status, response, created_at FROM idempotency_keys \
         WHERE user_id = ? AND key = ?",
        [user_id.into(), key.to_owned().into()],
    );
    Ok(KeyClaim::Seen(one::<IdempotentRequest>(db, seen).await?))
}

pub(super) async fn complete(
    db: &impl Exec,
    user_id: i64,
    key: &str,
    status: i64,
    response: String,
) -> Result<()> {
    let sql = Sql::new(
        "UPDATE idempotency_keys SET status = ?, response = ? WHERE user_id = ? AND key = ?",
        [
            status.into(),
            response.into(),
            user_id.into(),
            key.to_owned().into(),
        ],
    );
    changed(db.execute(sql).await?)
}

pub(super) async fn release(db: &impl Exec, user_id: i64, key: &str) -> Result<()> {
    let sql = Sql::new(
        "DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status IS NULL",
        [user_id.into(), key.to_owned().into()],
    );
    db.execute(sql).await.map(drop).map_err(Into::into)
}

pub(super) async fn purge(db: &impl Exec, before: DateTime<Utc>) -> Result<u64> {
    let sql = Sql::new(
        "DELETE FROM idempotency_keys WHERE created_at < ?",
        [before.into()],
    );
    Ok(db.execute(sql).await?)
}
