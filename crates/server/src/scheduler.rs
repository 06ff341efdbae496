//! Periodic upkeep: expired sessions, old login attempts, idempotency keys past their keeping
//! time and finished jobs are purged; and, when a retention period is set, the message bodies
//! of cases finished longer ago are erased. Follow-ups become `missed` by their own jobs
//! (`jobs::reminders`), which tell the supervisors too. Each round also makes the supervisors'
//! daily digests whose local hour has come (`jobs::digest::plan`; made once, whichever
//! instance comes first).
//! [`run_once`] is one testable step; [`run`] loops it with the digests.

use std::time::Duration;

use chrono::{DateTime, Utc};
use defuse_storage::Store;

use crate::state::AppState;

/// How often [`run`] does its round.
pub const EVERY: Duration = Duration::from_secs(60);

/// Finished jobs are kept this long, for an admin looking into a delivery.
pub const JOBS_KEPT: chrono::Duration = chrono::Duration::days(7);

/// How long upkeep keeps what it may drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    /// Login attempts older than this are dropped.
    pub attempts: chrono::Duration,
    /// Message bodies of cases finished longer ago than this are erased; `None`: kept.
    pub finished_bodies: Option<chrono::Duration>,
}

/// What one round changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub sessions_purged: u64,
    pub attempts_purged: u64,
    pub keys_purged: u64,
    pub bodies_erased: u64,
    pub jobs_purged: u64,
}

impl Keep {
    /// What the settings ask for.
    pub fn from_settings(settings: &crate::Settings) -> Keep {
        Keep {
            attempts: chrono::Duration::seconds(settings.rate_limit.window_seconds as i64),
            finished_bodies: settings.privacy.retention(),
        }
    }
}

/// One round of upkeep as of `now`.
pub async fn run_once(
    store: &dyn Store,
    now: DateTime<Utc>,
    keep: Keep,
) -> anyhow::Result<Outcome> {
    let bodies_erased = match keep.finished_bodies {
        Some(kept) => store.erase_old_bodies(now - kept).await?,
        None => 0,
    };
    Ok(Outcome {
        sessions_purged: store.purge_expired_sessions(now).await?,
        attempts_purged: store.purge_login_attempts(now - keep.attempts).await?,
        keys_purged: store
            .purge_idempotency_keys(now - crate::idempotency::KEPT)
            .await?,
        bodies_erased,
        jobs_purged: store.purge_done_jobs(now - JOBS_KEPT).await?,
    })
}

/// Runs [`run_once`] every `every` until the task is dropped; failures are logged and retried.
pub async fn run(state: AppState, every: Duration) {
    let keep = Keep::from_settings(&state.settings);
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        let now = Utc::now();
        match run_once(state.store.as_ref(), now, keep).await {
            Ok(outcome) if outcome != Outcome::default() => tracing::info!(?outcome, "upkeep"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "upkeep failed"),
        }
        let reminders = &state.settings.reminders;
        match crate::jobs::digest::plan(state.store.as_ref(), reminders, now).await {
            Ok(0) => {}
            Ok(made) => tracing::info!(made, "digests"),
            Err(e) => tracing::error!(error = ?e, "digests failed"),
        }
    }
}
