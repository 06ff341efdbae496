//! A short memory of whom a bearer token stands for, so a busy integration does not pay three
//! database reads (token, user, teams) on every request.
//!
//! An entry lives for [`TTL`]. Whatever this instance changes about accounts (a token revoked,
//! a role, a team's members) forgets every entry at once, so here a change takes effect on the
//! next request; a change made elsewhere (another instance on the same PostgreSQL, the
//! `defuse user` command) takes effect within [`TTL`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::Caller;

/// How long a looked-up token is trusted without asking the database again.
pub const TTL: Duration = Duration::from_secs(1);
/// Beyond this many tokens the memory starts again empty, so it stays small.
const MAX_ENTRIES: usize = 4096;

#[derive(Debug, Default)]
pub struct TokenCache {
    /// The caller (user and teams, no session) each token stood for when it was read, by token
    /// digest (never the token itself).
    entries: Mutex<HashMap<String, (Instant, Caller)>>,
}

impl TokenCache {
    /// The caller behind the token with this digest, if read less than [`TTL`] ago.
    pub fn get(&self, digest: &str, now: Instant) -> Option<Caller> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(digest)
            .filter(|(read, _)| now.saturating_duration_since(*read) < TTL)
            .map(|(_, caller)| caller.clone())
    }

    pub fn put(&self, digest: String, caller: Caller, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(digest, (now, caller));
    }

    /// Forgets every token: call after changing tokens, roles or team members.
    pub fn forget_all(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use defuse_storage::{Role, User};

    fn caller(id: i64) -> Caller {
        Caller {
            user: User {
                id,
                username: format!("user{id}"),
                display_name: String::new(),
                role: Role::Agent,
                password_hash: String::new(),
                created_at: Utc::now(),
            },
            teams: vec![1, 2],
            session: None,
        }
    }

    #[test]
    fn entries_expire_and_can_be_forgotten() {
        let cache = TokenCache::default();
        let t0 = Instant::now();
        cache.put("a".into(), caller(7), t0);
        assert_eq!(cache.get("a", t0).map(|h| h.user.id), Some(7));
        assert!(cache.get("b", t0).is_none());
        assert!(cache.get("a", t0 + TTL).is_none(), "expired at TTL");
        cache.forget_all();
        assert!(cache.get("a", t0).is_none());
    }

    #[test]
    fn a_full_cache_starts_again() {
        let cache = TokenCache::default();
        let t0 = Instant::now();
        for n in 0..MAX_ENTRIES {
            cache.put(n.to_string(), caller(1), t0);
        }
        cache.put("new".into(), caller(2), t0);
        assert!(cache.get("0", t0).is_none());
        assert_eq!(cache.get("new", t0).map(|h| h.user.id), Some(2));
    }
}
