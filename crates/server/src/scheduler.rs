//! Periodic upkeep: follow-ups past their due time become `missed`, expired sessions, old
//! login attempts and idempotency keys past their keeping time are purged. [`run_once`] is one testable step; [`run`] loops it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use defuse_storage::Store;

use crate::state::AppState;

/// How often [`run`] does its round.
pub const EVERY: Duration = Duration::from_secs(60);

/// A follow-up still open this long after its due time counts as missed.
pub const GRACE: chrono::Duration = chrono::Duration::hours(24);

/// What one round changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub missed: u64,
    pub sessions_purged: u64,
    pub attempts_purged: u64,
    pub keys_purged: u64,
}

/// One round of upkeep as of `now`. Login attempts older than `attempt_window` are dropped.
pub async fn run_once(
    store: &dyn Store,
    now: DateTime<Utc>,
    attempt_window: chrono::Duration,
) -> anyhow::Result<Outcome> {
    Ok(Outcome {
        missed: store.mark_missed(now - GRACE, now).await?,
        sessions_purged: store.purge_expired_sessions(now).await?,
        attempts_purged: store.purge_login_attempts(now - attempt_window).await?,
        keys_purged: store
            .purge_idempotency_keys(now - crate::idempotency::KEPT)
            .await?,
    })
}

/// Runs [`run_once`] every `every` until the task is dropped; failures are logged and retried.
pub async fn run(state: AppState, every: Duration) {
    let window = chrono::Duration::seconds(state.settings.rate_limit.window_seconds as i64);
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match run_once(state.store.as_ref(), Utc::now(), window).await {
            Ok(outcome) if outcome != Outcome::default() => tracing::info!(?outcome, "upkeep"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "upkeep failed"),
        }
    }
}
