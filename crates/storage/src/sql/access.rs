//! API tokens, console sessions and login attempts.

use chrono::{DateTime, Utc};

use super::query::Sql;
use super::rows::{SESSION_COLUMNS, TOKEN_COLUMNS};
use super::{Exec, Result, all, changed, conflict, one};
use crate::inputs::{LoginAttempt, NewApiToken};
use crate::records::{ApiToken, LoginFailures, Session};

pub(super) async fn create_api_token(db: &impl Exec, new: NewApiToken) -> Result<ApiToken> {
    let sql = Sql::new(
        &format!(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?) RETURNING {TOKEN_COLUMNS}"
        ),
        [
            new.user_id.into(),
            new.name.into(),
            new.token_hash.into(),
            Utc::now().into(),
            new.expires_at.into(),
        ],
    );
    one(db, sql)
        .await
        .map_err(conflict("a token with this hash exists"))
}

pub(super) async fn active_api_token(db: &impl Exec, token_hash: &str) -> Result<ApiToken> {
    let sql = Sql::new(
        &format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL"
        ),
        [token_hash.into()],
    );
    one(db, sql).await
}

pub(super) async fn list_api_tokens(db: &impl Exec, user_id: i64) -> Result<Vec<ApiToken>> {
    let sql = Sql::new(
        &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY id"),
        [user_id.into()],
    );
    all(db, sql).await
}

pub(super) async fn revoke_api_token(
    db: &impl Exec,
    id: i64,
    at: DateTime<Utc>,
) -> Result<ApiToken> {
    let sql = Sql::new(
        &format!(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? \
             RETURNING {TOKEN_COLUMNS}"
        ),
        [at.into(), id.into()],
    );
    one(db, sql).await
}

pub(super) async fn create_session(db: &impl Exec, session: Session) -> Result<()> {
    let sql = Sql::new(
        &format!("INSERT INTO sessions ({SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?)"),
        [
            session.id_hash.into(),
            session.user_id.into(),
            session.csrf_token.into(),
            session.created_at.into(),
            session.expires_at.into(),
        ],
    );
    db.execute(sql).await?;
    Ok(())
}

pub(super) async fn session(db: &impl Exec, id_hash: &str, now: DateTime<Utc>) -> Result<Session> {
    let sql = Sql::new(
        &format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id_hash = ? AND expires_at > ?"),
        [id_hash.into(), now.into()],
    );
    one(db, sql).await
}

pub(super) async fn delete_session(db: &impl Exec, id_hash: &str) -> Result<()> {
    let sql = Sql::new("DELETE FROM sessions WHERE id_hash = ?", [id_hash.into()]);
    changed(db.execute(sql).await?)
}

pub(super) async fn delete_user_sessions(db: &impl Exec, user_id: i64) -> Result<u64> {
    let sql = Sql::new("DELETE FROM sessions WHERE user_id = ?", [user_id.into()]);
    Ok(db.execute(sql).await?)
}

pub(super) async fn purge_expired_sessions(db: &impl Exec, now: DateTime<Utc>) -> Result<u64> {
    let sql = Sql::new("DELETE FROM sessions WHERE expires_at <= ?", [now.into()]);
    Ok(db.execute(sql).await?)
}

pub(super) async fn record_login_attempt(db: &impl Exec, attempt: LoginAttempt) -> Result<()> {
    let sql = Sql::new(
        "INSERT INTO login_attempts (username, address, succeeded, at) VALUES (?, ?, ?, ?)",
        [
            attempt.username.into(),
            attempt.address.into(),
            attempt.succeeded.into(),
            attempt.at.into(),
        ],
    );
    db.execute(sql).await?;
    Ok(())
}

pub(super) async fn login_failures(
    db: &impl Exec,
    username: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<LoginFailures> {
    // A success from the address clears the account's failures there.
    let of_pair = "FROM login_attempts a WHERE a.succeeded = 0 AND a.at >= ? \
        AND a.username = ? AND a.address = ? AND NOT EXISTS (SELECT 1 FROM login_attempts s \
        WHERE s.username = a.username AND s.address = a.address AND s.succeeded = 1 \
        AND s.at > a.at)";
    let by_address = "SELECT COUNT(*) FROM login_attempts WHERE succeeded = 0 AND at >= ? \
        AND address = ?";
    let sql = Sql::new(
        &format!(
            "SELECT (SELECT COUNT(*) {of_pair}), (SELECT MAX(a.at) {of_pair}), ({by_address})"
        ),
        [
            since.into(),
            username.into(),
            address.into(),
            since.into(),
            username.into(),
            address.into(),
            since.into(),
            address.into(),
        ],
    );
    let rows: Vec<(i64, Option<DateTime<Utc>>, i64)> = db.fetch_all(sql).await?;
    let (by_account_and_address, last_by_account_and_address, by_address) =
        rows.into_iter().next().unwrap_or_default();
    Ok(LoginFailures {
        by_account_and_address,
        last_by_account_and_address,
        by_address,
    })
}

pub(super) async fn purge_login_attempts(db: &impl Exec, before: DateTime<Utc>) -> Result<u64> {
    let sql = Sql::new("DELETE FROM login_attempts WHERE at < ?", [before.into()]);
    Ok(db.execute(sql).await?)
}
