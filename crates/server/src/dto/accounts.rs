//! Users, teams and API tokens on the wire. Password hashes and token hashes never leave.

use chrono::{DateTime, Utc};
use defuse_storage::{ApiToken, Team, User};
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserOut {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// `agent`, `supervisor` or `admin`.
    pub role: &'static str,
    pub created_at: DateTime<Utc>,
}

impl From<User> for UserOut {
    fn from(u: User) -> UserOut {
        UserOut {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role.as_str(),
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TeamOut {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<Team> for TeamOut {
    fn from(t: Team) -> TeamOut {
        TeamOut {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenOut {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// When it ends by itself; absent: it lasts until revoked.
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<ApiToken> for TokenOut {
    fn from(t: ApiToken) -> TokenOut {
        TokenOut {
            id: t.id,
            user_id: t.user_id,
            name: t.name,
            created_at: t.created_at,
            revoked_at: t.revoked_at,
            expires_at: t.expires_at,
        }
    }
}
