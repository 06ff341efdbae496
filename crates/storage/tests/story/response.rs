//! After the job queue: forgotten cases and digests. A team's response target is kept; a job
//! flags a case forgotten and then escalated (only while flagged), and a reply clears both;
//! a supervisor's digest of a day is made once.

use chrono::NaiveDate;
use defuse_storage::{
    CaseMark, Direction, JobEffects, JobState, Lease, MessageEffects, NewMessage, Store,
    TeamResponse,
};

use super::accounts::Cast;
use super::cases::Cases;
use super::{at, is_not_found};

pub async fn story(store: &dyn Store, cast: &Cast, cases: &Cases) {
    targets(store, cast).await;
    marks(store, cases).await;
    digests(store, cast).await;
}

async fn targets(store: &dyn Store, cast: &Cast) {
    assert!(is_not_found(store.team_response(cast.front.id).await));
    let mut target = TeamResponse {
        team_id: cast.front.id,
        target_minutes: 240,
        escalate_after_minutes: 60,
        time_zone: "Europe/Berlin".into(),
        working_hours: Some("Mon,Tue,Wed,Thu,Fri 09:00-17:00".into()),
        holidays: vec![NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()],
    };
    assert_eq!(
        store.put_team_response(target.clone()).await.unwrap(),
        target
    );
    target.working_hours = None;
    target.holidays.clear();
    store.put_team_response(target.clone()).await.unwrap();
    assert_eq!(store.team_response(cast.front.id).await.unwrap(), target);
}

/// Applies `mark` as a job's effect at `minute`.
async fn mark(store: &dyn Store, mark: CaseMark, minute: i64) {
    store
        .enqueue_jobs(
            vec![defuse_storage::NewJob {
                kind: "story.mark".into(),
                subject_id: Some(minute),
                run_at: at(minute),
            }],
            at(minute),
        )
        .await
        .unwrap();
    let lease = Lease {
        worker: "marker".into(),
        now: at(minute),
        hold: chrono::Duration::minutes(5),
        limit: 10,
    };
    let jobs = store.claim_jobs(lease).await.unwrap();
    let [job] = jobs.try_into().unwrap();
    let effects = JobEffects {
        mark_case: Some(mark),
        ..JobEffects::default()
    };
    store
        .complete_job(job.id, "marker", at(minute), effects)
        .await
        .unwrap();
}

async fn marks(store: &dyn Store, cases: &Cases) {
    let id = cases.omar.id;
    mark(store, CaseMark::Escalated(id), -10_000).await;
    let case = store.case(id).await.unwrap();
    assert_eq!(
        case.forgotten_escalated_at, None,
        "only a flagged case escalates"
    );
    mark(store, CaseMark::Forgotten(id), -9_999).await;
    mark(store, CaseMark::Forgotten(id), -9_998).await;
    mark(store, CaseMark::Escalated(id), -9_997).await;
    let case = store.case(id).await.unwrap();
    assert_eq!(
        (case.forgotten_at, case.forgotten_escalated_at),
        (Some(at(-9_999)), Some(at(-9_997))),
        "the first flag's time is kept"
    );
    assert!(!store.replied_since(id, at(-9_996)).await.unwrap());
    let reply = NewMessage {
        case_id: id,
        direction: Direction::Outbound,
        author_id: None,
        channel: "email".into(),
        body: "We are on it.".into(),
        at: at(-9_996),
        analysis_json: None,
        model_version: None,
        external_id: None,
    };
    store
        .add_message(reply, MessageEffects::default())
        .await
        .unwrap();
    assert!(store.replied_since(id, at(-9_996)).await.unwrap());
    assert!(!store.replied_since(id, at(-9_995)).await.unwrap());
    let case = store.case(id).await.unwrap();
    assert_eq!(
        (case.forgotten_at, case.forgotten_escalated_at),
        (None, None)
    );
}

async fn digests(store: &dyn Store, cast: &Cast) {
    let day = NaiveDate::from_ymd_opt(2026, 1, 6).unwrap();
    assert!(
        store
            .open_digest(cast.sue.id, day, at(1_400))
            .await
            .unwrap()
    );
    assert!(
        !store
            .open_digest(cast.sue.id, day, at(1_401))
            .await
            .unwrap()
    );
    let filter = defuse_storage::JobFilter {
        state: Some(JobState::Queued),
    };
    let page = store
        .list_jobs(filter, defuse_storage::Paging::first(500).unwrap())
        .await
        .unwrap();
    let sends: Vec<_> = page
        .items
        .iter()
        .filter(|j| j.kind == "digest.send")
        .collect();
    let [send] = sends.as_slice() else {
        panic!("one digest.send job, got {}", sends.len());
    };
    let digest = store.digest(send.subject_id.unwrap()).await.unwrap();
    assert_eq!(
        (digest.user_id, digest.day.as_str()),
        (cast.sue.id, "2026-01-06")
    );
    assert_eq!(send.run_at, at(1_400));
}
