//! The job worker every instance runs: it claims due jobs from the database under a lease,
//! runs each (reminders of follow-ups, the watch over unanswered client messages, supervisors'
//! digests, deliveries of notifications) and finishes it with its effects in one transaction,
//! fails it for a later try, or puts it back until its reader's quiet hours end.
//!
//! Jobs are written by the store in the transaction of the change that causes them (a stored
//! follow-up queues `follow_up.plan`; a notification queues its deliveries), so instances may
//! die at any moment: a job they held is taken over when its lease ends. A console
//! notification is written in the transaction that finishes its job, so it is written once;
//! mail and webhook posts are sent at least once (a worker that dies after sending and before
//! finishing sends again when its job is taken over).
//! [`run_once`] is one testable step; [`run`] loops it.

mod deliver;
pub mod digest;
pub mod forgotten;
mod helpdesk_note;
mod quiet;
mod reminders;
mod time_zone;
pub mod working_time;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use defuse_storage::{Backoff, Job, JobEffects, JobState, Lease, Store, StoreError};
use tokio::task::JoinSet;

use crate::settings::Settings;

pub use quiet::QuietHours;
pub use time_zone::{local_time, parse_time_zone};

/// The most jobs one instance claims at once.
pub const BATCH: i64 = 64;

/// What an instance needs to run jobs. Cheap to clone.
#[derive(Clone)]
pub struct Worker {
    pub store: Arc<dyn Store>,
    pub settings: Arc<Settings>,
    /// Names this instance's claims, so only it finishes what it claimed.
    pub name: String,
    http: reqwest::Client,
    mailer: Option<deliver::Mailer>,
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub claimed: usize,
    pub done: usize,
    /// Failed and queued for a later try.
    pub retried: usize,
    /// Failed for the last time.
    pub dead: usize,
    /// Finished by another instance after this one's lease ended.
    pub lost: usize,
    /// Deliveries put back until their reader's quiet hours end.
    pub postponed: usize,
}

/// A job that is not due yet after all (a delivery in its reader's quiet hours): it goes back
/// to the queue until then, its attempt not counted.
#[derive(Debug)]
pub struct Postponed(pub DateTime<Utc>);

impl std::fmt::Display for Postponed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "postponed until {}", self.0)
    }
}

impl std::error::Error for Postponed {}

impl Worker {
    /// A worker with a name of its own; fails when the SMTP settings are unusable.
    pub fn new(store: Arc<dyn Store>, settings: Arc<Settings>) -> anyhow::Result<Worker> {
        let mailer = deliver::Mailer::from_settings(&settings.notify.smtp)?;
        Ok(Worker {
            store,
            name: format!("{}-{:08x}", std::process::id(), rand::random::<u32>()),
            settings,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .context("cannot build the HTTP client for webhooks")?,
            mailer,
        })
    }

    /// Runs `job` and finishes it: done with its effects, or failed with its error.
    async fn finish(&self, job: Job, now: DateTime<Utc>) -> anyhow::Result<Ended> {
        let backoff = self.settings.reminders.backoff();
        let result = if job.attempts > backoff.attempts {
            let stops = job.attempts - 1;
            Err(anyhow::anyhow!(
                "its worker stopped {stops} times before finishing it"
            ))
        } else {
            self.handle(&job, now).await
        };
        let written = match result {
            Ok(effects) => {
                let done = self.store.complete_job(job.id, &self.name, now, effects);
                done.await.map(|()| Ended::Done)
            }
            Err(error) => match error.downcast_ref::<Postponed>() {
                Some(&Postponed(until)) => {
                    let later = self.store.postpone_job(job.id, &self.name, until);
                    later.await.map(|()| Ended::Postponed)
                }
                None => self.fail(&job, &error, now, backoff).await,
            },
        };
        match written {
            Err(StoreError::Conflict(_)) => Ok(Ended::Lost),
            other => Ok(other?),
        }
    }

    /// Records why `job` failed; it is queued again or, after its last attempt, dead.
    async fn fail(
        &self,
        job: &Job,
        error: &anyhow::Error,
        now: DateTime<Utc>,
        backoff: Backoff,
    ) -> Result<Ended, StoreError> {
        let text = format!("{error:#}");
        tracing::warn!(job = job.id, kind = %job.kind, error = %text, "job failed");
        let failed = self
            .store
            .fail_job(job, &self.name, &text, now, backoff)
            .await?;
        Ok(match failed.state {
            JobState::Dead => Ended::Dead,
            _ => Ended::Retried,
        })
    }

    async fn handle(&self, job: &Job, now: DateTime<Utc>) -> anyhow::Result<JobEffects> {
        match job.kind.as_str() {
            reminders::PLAN => reminders::plan(self, job, now).await,
            reminders::SOON | reminders::DUE | reminders::MISSED => {
                reminders::remind(self, job, now).await
            }
            forgotten::WATCH => forgotten::watch(self, job).await,
            forgotten::FORGOTTEN => forgotten::flag(self, job).await,
            forgotten::ESCALATE => forgotten::escalate(self, job, now).await,
            digest::SEND => digest::send(self, job, now).await,
            deliver::EMAIL => deliver::email(self, job, now).await,
            deliver::WEBHOOK => deliver::webhook(self, job, now).await,
            helpdesk_note::NOTE => helpdesk_note::post(self, job).await,
            other => anyhow::bail!("no worker knows jobs of kind {other:?}"),
        }
    }
}

/// How one job ended in a round.
enum Ended {
    Done,
    Retried,
    Dead,
    Lost,
    Postponed,
}

impl Outcome {
    fn count(&mut self, ended: Ended) {
        let counter = match ended {
            Ended::Done => &mut self.done,
            Ended::Retried => &mut self.retried,
            Ended::Dead => &mut self.dead,
            Ended::Lost => &mut self.lost,
            Ended::Postponed => &mut self.postponed,
        };
        *counter += 1;
    }
}

/// Claims the jobs due at `now` and runs them side by side.
pub async fn run_once(worker: &Worker, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
    let lease = Lease {
        worker: worker.name.clone(),
        now,
        hold: worker.settings.reminders.lease(),
        limit: BATCH,
    };
    let jobs = worker.store.claim_jobs(lease).await?;
    let mut outcome = Outcome {
        claimed: jobs.len(),
        ..Outcome::default()
    };
    let mut running = JoinSet::new();
    for job in jobs {
        let worker = worker.clone();
        running.spawn(async move { worker.finish(job, now).await });
    }
    while let Some(ended) = running.join_next().await {
        outcome.count(ended.context("a job's task panicked")??);
    }
    Ok(outcome)
}

/// Runs [`run_once`] until the task is dropped: at once again after a full batch, else after
/// the poll interval. Failures of the database are logged and tried again.
pub async fn run(worker: Worker) {
    let poll = Duration::from_millis(worker.settings.reminders.poll_millis);
    loop {
        match run_once(&worker, Utc::now()).await {
            Ok(outcome) if outcome.claimed as i64 == BATCH => continue,
            Ok(outcome) if outcome != Outcome::default() => tracing::info!(?outcome, "jobs"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "the job worker failed"),
        }
        tokio::time::sleep(poll).await;
    }
}

/// A record a job is about, or `None` when it is gone (its client erased): nothing to do.
async fn found<T>(read: impl Future<Output = Result<T, StoreError>>) -> anyhow::Result<Option<T>> {
    match read.await {
        Ok(record) => Ok(Some(record)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The time zone `user_id` reads times in: theirs, else UTC.
async fn reader_zone(store: &dyn Store, user_id: i64) -> anyhow::Result<String> {
    Ok(found(store.user_channels(user_id))
        .await?
        .map_or_else(|| "UTC".to_owned(), |channels| channels.time_zone))
}

/// The subject id a job of these kinds always has.
fn subject(job: &Job) -> anyhow::Result<i64> {
    job.subject_id
        .with_context(|| format!("a {} job needs a subject", job.kind))
}
