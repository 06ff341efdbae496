//! Who uses defuse: users with a role, teams, API tokens and console sessions.

use chrono::{DateTime, Utc};

use super::named_enum;

named_enum! {
    /// What a user may see and do.
    Role, "role" {
        /// Works the cases of their teams.
        Agent = "agent",
        /// Agent rights plus escalations and reports of their teams.
        Supervisor = "supervisor",
        /// Everything, including users and teams.
        Admin = "admin",
    }
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    /// Unique, compared exactly: the caller normalises case if it wants to.
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    /// An argon2id PHC string made by the server; the store never sees a password.
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Team {
    pub id: i64,
    /// Unique.
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// A user belongs to a team: they see and work its cases.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TeamMember {
    pub team_id: i64,
    pub user_id: i64,
    pub added_at: DateTime<Utc>,
}

/// A bearer token for integrations. Only a hash of the secret is stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    /// Unique hash of the secret (for example SHA-256 hex): lookups go by it.
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    /// Set once revoked; a revoked token never authenticates again.
    pub revoked_at: Option<DateTime<Utc>>,
    /// When it ends by itself, if its maker chose a time; it never authenticates from then on.
    pub expires_at: Option<DateTime<Utc>>,
}

impl ApiToken {
    /// Whether the token still authenticates at `now` (not revoked, not expired).
    pub fn usable_at(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|end| now < end)
    }
}

/// A console login. The cookie holds a secret; the store keys the session by its hash.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Session {
    pub id_hash: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}
