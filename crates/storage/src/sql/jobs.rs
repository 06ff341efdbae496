//! The job queue: jobs queued (also by triggers, in the transaction of the change that causes
//! them), claimed under a lease, finished with their effects in one transaction, retried with
//! backoff, left dead with their last error; and the notifications jobs write.

use chrono::{DateTime, Utc};

use super::query::{Param, Sql};
use super::rows::Stored;
use super::{Exec, Result, all, changed, filter, one, page};
use crate::error::StoreError;
use crate::filters::{JobFilter, Page, Paging};
use crate::inputs::{Backoff, JobEffects, Lease, NewJob, NewNotification};
use crate::records::{FollowUpStatus, Job, JobState, Notification, UserChannels};
use crate::store::Backend;

pub(crate) const JOB_COLUMNS: &str = "id, kind, subject_id, state, run_at, attempts, locked_by, \
    locked_until, last_error, created_at, finished_at";
pub(crate) const NOTIFICATION_COLUMNS: &str =
    "id, user_id, case_id, kind, text, created_at, read_at";
const CHANNEL_COLUMNS: &str =
    "user_id, email, time_zone, digest_hour, by_email, by_webhook, quiet_hours";

#[derive(sqlx::FromRow)]
pub(crate) struct UserChannelsRow {
    user_id: i64,
    email: Option<String>,
    time_zone: String,
    digest_hour: Option<i32>,
    by_email: i32,
    by_webhook: i32,
    quiet_hours: Option<String>,
}

impl Stored for UserChannels {
    type Row = UserChannelsRow;
    fn from_row(row: UserChannelsRow) -> Result<Self> {
        Ok(UserChannels {
            user_id: row.user_id,
            email: row.email,
            time_zone: row.time_zone,
            digest_hour: row.digest_hour,
            by_email: row.by_email != 0,
            by_webhook: row.by_webhook != 0,
            quiet_hours: row.quiet_hours,
        })
    }
}

/// One statement inserting `rows` of `columns` into `table`, each row a list of parameters,
/// followed by `tail`.
fn insert_rows(table: &str, columns: &str, rows: Vec<Vec<Param>>, tail: &str) -> Sql {
    let mut sql = Sql::new(&format!("INSERT INTO {table} ({columns}) VALUES "), []);
    for (n, row) in rows.into_iter().enumerate() {
        let marks = vec!["?"; row.len()].join(", ");
        let separator = if n == 0 { "" } else { ", " };
        sql.push(&format!("{separator}({marks})"), row);
    }
    sql.push(tail, []);
    sql
}

/// Queues `jobs` (at least one); a job of a kind and subject already queued once is skipped.
fn insert_jobs(jobs: Vec<NewJob>, now: DateTime<Utc>) -> Sql {
    let rows = jobs
        .into_iter()
        .map(|job| {
            vec![
                job.kind.into(),
                job.subject_id.into(),
                JobState::Queued.as_str().into(),
                job.run_at.into(),
                now.into(),
            ]
        })
        .collect();
    let columns = "kind, subject_id, state, run_at, created_at";
    insert_rows("jobs", columns, rows, " ON CONFLICT DO NOTHING")
}

fn insert_notifications(notes: Vec<NewNotification>) -> Sql {
    let rows = notes
        .into_iter()
        .map(|note| {
            vec![
                note.user_id.into(),
                note.case_id.into(),
                note.kind.into(),
                note.text.into(),
                note.at.into(),
            ]
        })
        .collect();
    let columns = "user_id, case_id, kind, text, created_at";
    insert_rows("notifications", columns, rows, "")
}

pub(super) async fn enqueue_jobs(
    db: &impl Exec,
    jobs: Vec<NewJob>,
    now: DateTime<Utc>,
) -> Result<u64> {
    if jobs.is_empty() {
        return Ok(0);
    }
    Ok(db.execute(insert_jobs(jobs, now)).await?)
}

/// The jobs a claim at a time may take: due queued ones and running ones whose lease ended.
const CLAIMABLE: &str = "FROM jobs WHERE (state = 'queued' AND run_at <= ?) OR (state = 'running' AND locked_until < ?)";

/// Takes due queued jobs and running ones whose lease has ended, soonest first. On PostgreSQL
/// rows another transaction is claiming are skipped, not waited for; SQLite has one writer.
/// An idle queue costs one read, never a write.
pub(super) async fn claim_jobs(db: &impl Exec, backend: Backend, lease: Lease) -> Result<Vec<Job>> {
    let now = || -> [Param; 2] { [lease.now.into(), lease.now.into()] };
    let any = Sql::new(&format!("SELECT id {CLAIMABLE} LIMIT 1"), now());
    if super::column(db, any).await?.is_empty() {
        return Ok(Vec::new());
    }
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let mut sql = Sql::default();
    sql.push(
        &format!("WITH picked AS (SELECT id {CLAIMABLE} ORDER BY run_at, id LIMIT ?{lock}) "),
        now().into_iter().chain([lease.limit.into()]),
    );
    sql.push(
        &format!(
            "UPDATE jobs SET state = 'running', locked_by = ?, locked_until = ?, \
             attempts = attempts + 1 WHERE id IN (SELECT id FROM picked) RETURNING {JOB_COLUMNS}"
        ),
        [lease.worker.clone().into(), (lease.now + lease.hold).into()],
    );
    let mut jobs: Vec<Job> = all(db, sql).await?;
    jobs.sort_by_key(|job| (job.run_at, job.id));
    Ok(jobs)
}

/// The condition that `worker` still holds job `id`.
const HELD: &str = "id = ? AND state = 'running' AND locked_by = ?";

/// A job whose lease went to another worker can no longer be finished by this one.
fn lease_lost(error: StoreError) -> StoreError {
    match error {
        StoreError::NotFound => {
            StoreError::Conflict("the job's lease has passed to another worker".into())
        }
        other => other,
    }
}

pub(super) async fn complete_job(
    db: &impl Exec,
    id: i64,
    worker: &str,
    now: DateTime<Utc>,
    effects: JobEffects,
) -> Result<()> {
    let done = Sql::new(
        &format!(
            "UPDATE jobs SET state = 'done', finished_at = ?, locked_by = NULL, \
             locked_until = NULL WHERE {HELD} RETURNING id"
        ),
        [now.into(), id.into(), worker.into()],
    );
    let mut then = Vec::new();
    if !effects.enqueue.is_empty() {
        then.push(insert_jobs(effects.enqueue, now));
    }
    if !effects.notify.is_empty() {
        then.push(insert_notifications(effects.notify));
    }
    if let Some(follow_up) = effects.miss_follow_up {
        then.push(Sql::new(
            "UPDATE follow_ups SET status = ?, done_at = ? WHERE id = ? AND status = ?",
            [
                FollowUpStatus::Missed.as_str().into(),
                now.into(),
                follow_up.into(),
                FollowUpStatus::Open.as_str().into(),
            ],
        ));
    }
    if let Some(mark) = effects.mark_case {
        then.push(super::response::mark_case(mark, now));
    }
    db.transaction(done, then)
        .await
        .map_err(StoreError::from)
        .map_err(lease_lost)?;
    Ok(())
}

/// Puts a failed job back for a later try, or leaves it dead once `backoff` gives up.
pub(super) async fn fail_job(
    db: &impl Exec,
    job: &Job,
    worker: &str,
    error: &str,
    now: DateTime<Utc>,
    backoff: Backoff,
) -> Result<Job> {
    let (state, run_at, finished_at) = match backoff.wait(job.attempts) {
        Some(wait) => (JobState::Queued, now + wait, None),
        None => (JobState::Dead, job.run_at, Some(now)),
    };
    let sql = Sql::new(
        &format!(
            "UPDATE jobs SET state = ?, run_at = ?, finished_at = ?, last_error = ?, \
             locked_by = NULL, locked_until = NULL WHERE {HELD} RETURNING {JOB_COLUMNS}"
        ),
        [
            state.as_str().into(),
            run_at.into(),
            finished_at.into(),
            error.into(),
            job.id.into(),
            worker.into(),
        ],
    );
    one(db, sql).await.map_err(lease_lost)
}

/// Puts a job `worker` holds back in the queue until `until`, its attempt not counted (a
/// delivery waiting for the end of its reader's quiet hours).
pub(super) async fn postpone_job(
    db: &impl Exec,
    id: i64,
    worker: &str,
    until: DateTime<Utc>,
) -> Result<()> {
    let sql = Sql::new(
        &format!(
            "UPDATE jobs SET state = 'queued', run_at = ?, attempts = attempts - 1, \
             locked_by = NULL, locked_until = NULL WHERE {HELD}"
        ),
        [until.into(), id.into(), worker.into()],
    );
    changed(db.execute(sql).await?).map_err(lease_lost)
}

/// A dead job queued again from now, its attempts counted afresh; `Conflict` unless dead.
pub(super) async fn retry_job(db: &impl Exec, id: i64, now: DateTime<Utc>) -> Result<Job> {
    let sql = Sql::new(
        &format!(
            "UPDATE jobs SET state = 'queued', run_at = ?, attempts = 0, finished_at = NULL \
             WHERE id = ? AND state = 'dead' RETURNING {JOB_COLUMNS}"
        ),
        [now.into(), id.into()],
    );
    match one(db, sql).await {
        Err(StoreError::NotFound) => {
            job(db, id).await?;
            Err(StoreError::Conflict("only a dead job is retried".into()))
        }
        other => other,
    }
}

pub(super) async fn job(db: &impl Exec, id: i64) -> Result<Job> {
    let sql = Sql::new(
        &format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}

pub(super) async fn list_jobs(
    db: &impl Exec,
    job_filter: JobFilter,
    paging: Paging,
) -> Result<Page<Job>> {
    let mut sql = filter();
    sql.and_if("state = ?", job_filter.state.map(JobState::as_str));
    let select = format!("SELECT {JOB_COLUMNS} FROM jobs");
    page(db, &select, "jobs", &sql, "run_at DESC, id DESC", paging).await
}

/// Drops finished jobs older than `before`; dead ones stay until retried.
pub(super) async fn purge_done_jobs(db: &impl Exec, before: DateTime<Utc>) -> Result<u64> {
    let sql = Sql::new(
        "DELETE FROM jobs WHERE state = 'done' AND finished_at < ?",
        [before.into()],
    );
    Ok(db.execute(sql).await?)
}

pub(super) async fn notification(db: &impl Exec, id: i64) -> Result<Notification> {
    let sql = Sql::new(
        &format!("SELECT {NOTIFICATION_COLUMNS} FROM notifications WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}

/// A user's notifications, newest first.
pub(super) async fn list_notifications(
    db: &impl Exec,
    user_id: i64,
    paging: Paging,
) -> Result<Page<Notification>> {
    let mut sql = filter();
    sql.and_if("user_id = ?", Some(user_id));
    let select = format!("SELECT {NOTIFICATION_COLUMNS} FROM notifications");
    let order = "created_at DESC, id DESC";
    page(db, &select, "notifications", &sql, order, paging).await
}

pub(super) async fn unread_notifications(db: &impl Exec, user_id: i64) -> Result<i64> {
    let sql = Sql::new(
        "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
        [user_id.into()],
    );
    super::number(db, sql).await
}

/// Marks a notification of `user_id` read (the first time counts); `NotFound` for another's.
pub(super) async fn read_notification(
    db: &impl Exec,
    user_id: i64,
    id: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    let sql = Sql::new(
        "UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?",
        [at.into(), id.into(), user_id.into()],
    );
    changed(db.execute(sql).await?)
}

pub(super) async fn put_user_channels(
    db: &impl Exec,
    channels: UserChannels,
) -> Result<UserChannels> {
    let sql = Sql::new(
        &format!(
            "INSERT INTO user_channels ({CHANNEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, \
             time_zone = excluded.time_zone, digest_hour = excluded.digest_hour, \
             by_email = excluded.by_email, by_webhook = excluded.by_webhook, \
             quiet_hours = excluded.quiet_hours RETURNING {CHANNEL_COLUMNS}"
        ),
        [
            channels.user_id.into(),
            channels.email.into(),
            channels.time_zone.into(),
            channels.digest_hour.into(),
            channels.by_email.into(),
            channels.by_webhook.into(),
            channels.quiet_hours.into(),
        ],
    );
    one(db, sql).await
}

pub(super) async fn user_channels(db: &impl Exec, user_id: i64) -> Result<UserChannels> {
    let sql = Sql::new(
        &format!("SELECT {CHANNEL_COLUMNS} FROM user_channels WHERE user_id = ?"),
        [user_id.into()],
    );
    one(db, sql).await
}
