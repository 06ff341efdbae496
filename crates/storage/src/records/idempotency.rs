//! What a create request sent with an `Idempotency-Key` left behind: the request's digest and,
//! once it finished, the answer, so that a retry gets the same answer instead of a second record.

use chrono::{DateTime, Utc};

/// A key as stored for one user.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct IdempotentRequest {
    /// A digest of the method, path and body the key was first used with.
    pub request_hash: String,
    /// The first answer's status; `None` while that request is still being answered.
    pub status: Option<i64>,
    /// The first answer's body.
    pub response: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The outcome of claiming a key.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyClaim {
    /// The key was new: the caller answers the request, then completes or releases the key.
    New,
    /// The key was used before.
    Seen(IdempotentRequest),
}
