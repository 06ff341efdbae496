//! SQLite's `Exec`: reads on a pool of connections, writes through one writer task that
//! commits whatever has queued up in a single transaction (group commit).
//!
//! With `synchronous=FULL` every commit waits for the disk; committing a batch at a time lets
//! one wait serve many callers, and one writer means callers queue in order instead of
//! sleeping on SQLite's file lock. A caller gets its answer only after its batch committed.
//! A job of several statements runs inside a savepoint and a single statement is atomic by
//! itself, so one failing job does not undo the others.

use async_trait::async_trait;
use sqlx::sqlite::SqliteRow;
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use super::exec::{Exec, Record, decode, sqlite_ops};
use super::query::Sql;

/// The most jobs one commit carries.
const MAX_BATCH: usize = 256;
/// Jobs waiting for the writer before callers wait to enqueue.
const QUEUE: usize = 4096;

pub(crate) struct SqliteDb {
    read: SqlitePool,
    jobs: mpsc::Sender<Job>,
}

enum Work {
    Rows(Sql),
    Execute(Sql),
    Steps(Sql, Vec<Sql>),
}

enum Done {
    Rows(Vec<SqliteRow>),
    Execute(u64),
    Steps(i64),
}

struct Job {
    work: Work,
    reply: oneshot::Sender<Result<Done, sqlx::Error>>,
}

impl SqliteDb {
    /// Reads go to `read`; writes to `writer`, a connection this store then owns.
    pub(crate) fn new(read: SqlitePool, writer: SqliteConnection) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(write_loop(writer, queue));
        Self { read, jobs }
    }

    async fn submit(&self, work: Work) -> Result<Done, sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { work, reply })
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answer.await.map_err(|_| sqlx::Error::PoolClosed)?
    }
}

#[async_trait]
impl Exec for SqliteDb {
    async fn fetch_all<T: Record>(&self, sql: Sql) -> Result<Vec<T>, sqlx::Error> {
        let rows = if sql.is_read() {
            sqlite_ops::rows(&mut *self.read.acquire().await?, sql).await?
        } else {
            match self.submit(Work::Rows(sql)).await? {
                Done::Rows(rows) => rows,
                _ => unreachable!("the writer answers rows with rows"),
            }
        };
        decode(rows)
    }

    async fn execute(&self, sql: Sql) -> Result<u64, sqlx::Error> {
        if sql.is_read() {
            return sqlite_ops::execute(&mut *self.read.acquire().await?, sql).await;
        }
        match self.submit(Work::Execute(sql)).await? {
            Done::Execute(count) => Ok(count),
            _ => unreachable!("the writer answers a statement with a count"),
        }
    }

    async fn transaction(&self, first: Sql, then: Vec<Sql>) -> Result<i64, sqlx::Error> {
        match self.submit(Work::Steps(first, then)).await? {
            Done::Steps(id) => Ok(id),
            _ => unreachable!("the writer answers steps with an id"),
        }
    }
}

/// Takes a job, adds whatever else is queued, commits them together; until every store
/// handle is dropped.
async fn write_loop(mut conn: SqliteConnection, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (works, replies): (Vec<Work>, Vec<_>) =
            batch.drain(..).map(|job| (job.work, job.reply)).unzip();
        match commit(&mut conn, works).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(outcome);
                }
            }
            Err(error) => {
                let message = format!("the write batch did not commit: {error}");
                for reply in replies {
                    let _ = reply.send(Err(sqlx::Error::Protocol(message.clone())));
                }
            }
        }
    }
    let _ = conn.close().await;
}

/// Runs each job in its own savepoint inside one transaction and commits. The outer error
/// means nothing was committed; inner errors belong to single jobs, whose changes were undone.
async fn commit(
    conn: &mut SqliteConnection,
    works: Vec<Work>,
) -> Result<Vec<Result<Done, sqlx::Error>>, sqlx::Error> {
    run(conn, "BEGIN").await?;
    let outcomes = match run_jobs(conn, works).await {
        Ok(outcomes) => run(conn, "COMMIT").await.map(|()| outcomes),
        Err(error) => Err(error),
    };
    if outcomes.is_err() {
        // Best effort: the connection may be gone, and then so is the transaction.
        let _ = run(conn, "ROLLBACK").await;
    }
    outcomes
}

async fn run_jobs(
    conn: &mut SqliteConnection,
    works: Vec<Work>,
) -> Result<Vec<Result<Done, sqlx::Error>>, sqlx::Error> {
    let mut outcomes = Vec::with_capacity(works.len());
    for work in works {
        let outcome = match work {
            // SQLite undoes a failing statement by itself without ending the transaction.
            Work::Rows(sql) => sqlite_ops::rows(conn, sql).await.map(Done::Rows),
            Work::Execute(sql) => sqlite_ops::execute(conn, sql).await.map(Done::Execute),
            Work::Steps(first, then) => {
                run(conn, "SAVEPOINT job").await?;
                let outcome = sqlite_ops::steps(conn, first, then).await;
                if outcome.is_err() {
                    run(conn, "ROLLBACK TO job").await?;
                }
                run(conn, "RELEASE job").await?;
                outcome.map(Done::Steps)
            }
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

async fn run(conn: &mut SqliteConnection, statement: &str) -> Result<(), sqlx::Error> {
    sqlite_ops::execute(conn, Sql::new(statement, []))
        .await
        .map(drop)
}
