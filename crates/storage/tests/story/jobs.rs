//! After the oversight chapter: the job queue. Follow-ups and notifications queue their jobs themselves;
//! jobs are claimed under a lease, taken over when it ends, retried with backoff, left dead
//! with their error and retried by hand; and concurrent claimers never share a job.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use defuse_storage::{
    Backoff, Direction, FollowUpFilter, FollowUpStatus, Job, JobEffects, JobFilter, JobState,
    Lease, NewFollowUp, NewJob, NewNotification, Paging, Store, UserChannels,
};

use super::accounts::Cast;
use super::cases::Cases;
use super::{at, is_conflict, is_not_found};

const BACKOFF: Backoff = Backoff {
    first: Duration::minutes(1),
    cap: Duration::minutes(2),
    attempts: 3,
};

fn lease(worker: &str, now: DateTime<Utc>) -> Lease {
    Lease {
        worker: worker.into(),
        now,
        hold: Duration::minutes(5),
        limit: 10,
    }
}

fn new_job(kind: &str, subject_id: i64, run_at: DateTime<Utc>) -> NewJob {
    NewJob {
        kind: kind.into(),
        subject_id: Some(subject_id),
        run_at,
    }
}

async fn jobs_of(store: &dyn Store, state: JobState, kind: &str) -> Vec<Job> {
    let filter = JobFilter { state: Some(state) };
    let page = store.list_jobs(filter, Paging::first(500).unwrap()).await;
    page.unwrap()
        .items
        .into_iter()
        .filter(|j| j.kind == kind)
        .collect()
}

async fn claim(store: &dyn Store, worker: &str, now: DateTime<Utc>) -> Vec<Job> {
    store.claim_jobs(lease(worker, now)).await.unwrap()
}

pub async fn story(store: Arc<dyn Store>, cast: &Cast, cases: &Cases) {
    client_messages_are_watched(store.as_ref()).await;
    let missed = follow_ups_plan_themselves(store.as_ref(), cases).await;
    retries(store.as_ref()).await;
    take_over(store.as_ref(), cast, missed).await;
    channels(store.as_ref(), cast).await;
    claimers_share_nothing(store).await;
}

/// Every client message so far queued its case's watch, due when it came in; they are
/// finished here, so the chapters below claim only their own jobs.
async fn client_messages_are_watched(store: &dyn Store) {
    let watches = jobs_of(store, JobState::Queued, "case.watch").await;
    assert!(!watches.is_empty(), "the story has client messages");
    for job in &watches {
        let message = store.message(job.subject_id.unwrap()).await.unwrap();
        assert_eq!(
            (message.direction, job.run_at),
            (Direction::Inbound, message.at)
        );
    }
    let everything = Lease {
        limit: 500,
        ..lease("w0", at(100_000))
    };
    let claimed = store.claim_jobs(everything).await.unwrap();
    assert_eq!(claimed.len(), watches.len());
    for job in claimed {
        store
            .complete_job(job.id, "w0", at(100_000), JobEffects::default())
            .await
            .unwrap();
    }
}

/// Every follow-up with a due time, stored by a message or by hand, has its planning job.
async fn follow_ups_plan_themselves(store: &dyn Store, cases: &Cases) -> i64 {
    let new = NewFollowUp {
        case_id: cases.omar.id,
        what: "Call back about the refund".into(),
        due_at: Some(at(600)),
        owner_id: None,
    };
    let follow_up = store.create_follow_up(new).await.unwrap();
    let all = store
        .list_follow_ups(FollowUpFilter::default(), Paging::first(500).unwrap())
        .await
        .unwrap();
    let dated: HashSet<_> = all
        .items
        .iter()
        .filter(|f| f.due_at.is_some())
        .map(|f| f.id)
        .collect();
    assert!(dated.len() >= 2, "the story has promises with due times");
    let planned: HashSet<_> = jobs_of(store, JobState::Queued, "follow_up.plan")
        .await
        .into_iter()
        .filter_map(|job| job.subject_id)
        .collect();
    assert_eq!(planned, dated);
    follow_up.id
}

/// A failed job comes back after a doubling wait up to the cap; after its last attempt it is
/// dead with its error, until retried by hand.
async fn retries(store: &dyn Store) {
    let queued = vec![
        new_job("story.flaky", 1, at(0)),
        new_job("story.flaky", 1, at(0)),
    ];
    assert_eq!(
        store.enqueue_jobs(queued, at(0)).await.unwrap(),
        1,
        "once per subject"
    );
    let mut now = at(1);
    let mut waits = Vec::new();
    let job = loop {
        let [job] = claim(store, "w1", now).await.try_into().unwrap();
        let failed = store
            .fail_job(&job, "w1", "smtp refused", now, BACKOFF)
            .await
            .unwrap();
        assert_eq!(failed.last_error.as_deref(), Some("smtp refused"));
        if failed.state == JobState::Dead {
            break failed;
        }
        waits.push(failed.run_at - now);
        assert!(
            claim(store, "w1", failed.run_at - Duration::seconds(1))
                .await
                .is_empty()
        );
        now = failed.run_at;
    };
    assert_eq!(waits, [Duration::minutes(1), Duration::minutes(2)]);
    assert_eq!(job.attempts, 3);
    assert!(claim(store, "w1", now + Duration::days(1)).await.is_empty());
    assert_eq!(
        jobs_of(store, JobState::Dead, "story.flaky").await,
        std::slice::from_ref(&job)
    );
    let again = store.retry_job(job.id, now).await.unwrap();
    assert_eq!(
        (again.state, again.attempts, again.run_at),
        (JobState::Queued, 0, now)
    );
    assert!(is_conflict(store.retry_job(job.id, now).await));
    assert!(is_not_found(store.retry_job(i64::MAX, now).await));
    let [job] = claim(store, "w1", now).await.try_into().unwrap();
    store
        .complete_job(job.id, "w1", now, JobEffects::default())
        .await
        .unwrap();
    assert_eq!(store.job(job.id).await.unwrap().state, JobState::Done);
}

/// A job whose worker died is taken over when its lease ends; the dead worker can no longer
/// finish it, and the one that can applies its effects in the same transaction.
async fn take_over(store: &dyn Store, cast: &Cast, missed: i64) {
    store
        .enqueue_jobs(vec![new_job("story.remind", missed, at(10))], at(10))
        .await
        .unwrap();
    let [job] = claim(store, "dies", at(10)).await.try_into().unwrap();
    assert!(
        claim(store, "lives", at(14)).await.is_empty(),
        "leased for 5 minutes"
    );
    let [taken] = claim(store, "lives", at(16)).await.try_into().unwrap();
    assert_eq!((taken.id, taken.attempts), (job.id, 2));
    let effects = JobEffects {
        enqueue: vec![new_job("story.next", missed, at(20))],
        notify: vec![NewNotification {
            user_id: cast.alice.id,
            case_id: None,
            kind: "follow_up.missed".into(),
            text: "Call back about the refund was missed".into(),
            at: at(16),
        }],
        miss_follow_up: Some(missed),
        mark_case: None,
    };
    assert!(is_conflict(
        store
            .complete_job(job.id, "dies", at(16), effects.clone())
            .await
    ));
    assert_eq!(
        store.unread_notifications(cast.alice.id).await.unwrap(),
        0,
        "nothing applied"
    );
    store
        .complete_job(job.id, "lives", at(16), effects)
        .await
        .unwrap();
    assert_eq!(
        store.follow_up(missed).await.unwrap().status,
        FollowUpStatus::Missed
    );
    assert_eq!(
        jobs_of(store, JobState::Queued, "story.next").await.len(),
        1
    );
    assert_eq!(store.unread_notifications(cast.alice.id).await.unwrap(), 1);
    let notes = store
        .list_notifications(cast.alice.id, Paging::default())
        .await
        .unwrap();
    let note = &notes.items[0];
    for kind in ["notify.email", "notify.webhook"] {
        let delivery = jobs_of(store, JobState::Queued, kind).await;
        assert_eq!(
            delivery
                .iter()
                .filter(|j| j.subject_id == Some(note.id))
                .count(),
            1
        );
    }
    assert!(is_not_found(
        store.read_notification(cast.bob.id, note.id, at(17)).await
    ));
    store
        .read_notification(cast.alice.id, note.id, at(17))
        .await
        .unwrap();
    store
        .read_notification(cast.alice.id, note.id, at(18))
        .await
        .unwrap();
    assert_eq!(
        store.notification(note.id).await.unwrap().read_at,
        Some(at(17))
    );
    assert_eq!(store.unread_notifications(cast.alice.id).await.unwrap(), 0);
}

async fn channels(store: &dyn Store, cast: &Cast) {
    assert!(is_not_found(store.user_channels(cast.alice.id).await));
    let mut mine = UserChannels {
        user_id: cast.alice.id,
        email: Some("alice@example.org".into()),
        time_zone: "Europe/Berlin".into(),
        digest_hour: Some(7),
        by_email: true,
        by_webhook: true,
        quiet_hours: None,
    };
    assert_eq!(store.put_user_channels(mine.clone()).await.unwrap(), mine);
    mine.email = None;
    mine.digest_hour = None;
    mine.by_webhook = false;
    mine.quiet_hours = Some("22:00-07:00".into());
    store.put_user_channels(mine.clone()).await.unwrap();
    assert_eq!(store.user_channels(cast.alice.id).await.unwrap(), mine);
}

/// Claimers at once (on PostgreSQL each on its own connection, as two instances would be)
/// together take every due job exactly once.
async fn claimers_share_nothing(store: Arc<dyn Store>) {
    let due = at(30);
    let many = (0..300).map(|n| new_job("story.many", n, due)).collect();
    assert_eq!(store.enqueue_jobs(many, due).await.unwrap(), 300);
    let claimers: Vec<_> = (0..8)
        .map(|n| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let mut taken = Vec::new();
                loop {
                    let jobs = store
                        .claim_jobs(lease(&format!("c{n}"), due))
                        .await
                        .unwrap();
                    if jobs.is_empty() {
                        return taken;
                    }
                    taken.extend(jobs.into_iter().map(|job| (job.id, job.kind)));
                }
            })
        })
        .collect();
    let mut seen = HashSet::new();
    let mut many_taken = 0;
    for claimer in claimers {
        for (id, kind) in claimer.await.unwrap() {
            assert!(seen.insert(id), "job {id} was claimed twice");
            many_taken += usize::from(kind == "story.many");
        }
    }
    assert_eq!(many_taken, 300);
}
