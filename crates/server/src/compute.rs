//! The bounded pool where analysis and coaching run, off the async workers.
//!
//! A message costs CPU time in proportion to its length; run on an async worker, a few long ones
//! would hold every worker and nothing else (not even `/health`) would be answered. Here a job
//! runs on a blocking thread, at most `workers` at once, with at most `queue` more waiting; a
//! job that finds the queue full is refused with 503 and `Retry-After` instead of waiting.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// Seconds a refused caller is told to wait before trying again.
const RETRY_AFTER_SECONDS: u64 = 2;

/// Cheap to clone; every clone shares the same limits.
#[derive(Clone)]
pub struct Compute {
    /// Jobs running or waiting; a job that gets none is refused.
    admitted: Arc<Semaphore>,
    /// Jobs running at once.
    running: Arc<Semaphore>,
}

impl Compute {
    /// At most `workers` (at least one) jobs at once and `queue` more waiting for a turn.
    pub fn new(workers: usize, queue: usize) -> Compute {
        let workers = workers.max(1);
        Compute {
            admitted: Arc::new(Semaphore::new(workers + queue)),
            running: Arc::new(Semaphore::new(workers)),
        }
    }

    /// Runs `job` on a blocking thread when a worker is free; `AppError::Busy` when the queue
    /// is full. A job whose caller went away still finishes, and keeps its place until then.
    pub async fn run<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let admitted = Arc::clone(&self.admitted)
            .try_acquire_owned()
            .map_err(|_| AppError::Busy {
                retry_after: RETRY_AFTER_SECONDS,
            })?;
        let running = Arc::clone(&self.running)
            .acquire_owned()
            .await
            .map_err(|e| anyhow::anyhow!("the compute pool is closed: {e}"))?;
        tokio::task::spawn_blocking(move || {
            let _held = (admitted, running);
            job()
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("an analysis job failed: {e}")))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Every place of a pool taken by a job that waits to be let go.
    pub(crate) struct Saturated {
        pool: Compute,
        gates: Vec<mpsc::Sender<()>>,
    }

    /// Occupies every place of `pool` (`places` of them) until [`Saturated::release`].
    pub(crate) async fn saturate(pool: &Compute, places: usize) -> Saturated {
        let mut gates = Vec::new();
        for _ in 0..places {
            let (tx, rx) = mpsc::channel::<()>();
            let p = pool.clone();
            tokio::spawn(async move { p.run(move || rx.recv().is_ok()).await });
            gates.push(tx);
        }
        while pool.admitted.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        Saturated {
            pool: pool.clone(),
            gates,
        }
    }

    impl Saturated {
        /// Lets the jobs finish and waits until every place is free again.
        pub(crate) async fn release(self) {
            let places = self.gates.len();
            drop(self.gates);
            while self.pool.admitted.available_permits() < places {
                tokio::task::yield_now().await;
            }
        }
    }

    #[tokio::test]
    async fn a_full_queue_refuses_and_a_free_one_runs() {
        let pool = Compute::new(1, 1);
        assert_eq!(pool.run(|| 2 + 2).await.unwrap(), 4);
        let full = saturate(&pool, 2).await;
        let refused = pool.run(|| ()).await;
        assert!(matches!(refused, Err(AppError::Busy { retry_after: 2 })));
        full.release().await;
        assert_eq!(pool.run(|| "free again").await.unwrap(), "free again");
    }
}
