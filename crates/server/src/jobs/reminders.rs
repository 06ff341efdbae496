//! Reminders of follow-ups: a stored follow-up's plan queues a reminder before it is due
//! (`reminders.lead_minutes`; for a day promised without an hour, 9:00 on that day in the
//! owner's time zone), one when it is due and a check when it is overdue
//! (`reminders.missed_after_hours`); each tells its owner (else the case's assignee) while the
//! follow-up is still open, and the overdue check marks it missed and tells the supervisors
//! of the case's team too.

use chrono::{DateTime, Utc};
use defuse_storage::{
    Case, FollowUp, FollowUpStatus, Job, JobEffects, NewJob, NewNotification, Role, Store,
};

use super::working_time::instant;
use super::{Worker, found, local_time, subject};

pub const PLAN: &str = "follow_up.plan";
pub const SOON: &str = "follow_up.soon";
pub const DUE: &str = "follow_up.due";
pub const MISSED: &str = "follow_up.missed";

/// Queues the reminders of an open follow-up; one whose first reminder time has passed
/// gets only the later ones.
pub(super) async fn plan(
    worker: &Worker,
    job: &Job,
    now: DateTime<Utc>,
) -> anyhow::Result<JobEffects> {
    let Some((follow_up, due)) = open(worker.store.as_ref(), job).await? else {
        return Ok(JobEffects::default());
    };
    let settings = &worker.settings.reminders;
    let at = |kind: &str, run_at: DateTime<Utc>| NewJob {
        kind: kind.into(),
        subject_id: Some(follow_up.id),
        run_at,
    };
    let morning = if follow_up.date_only {
        owners_morning(worker.store.as_ref(), &follow_up, due).await?
    } else {
        None
    };
    let soon = morning.unwrap_or(due - settings.lead());
    let mut enqueue = Vec::new();
    if soon > now {
        enqueue.push(at(SOON, soon));
    }
    enqueue.push(at(DUE, due.max(now)));
    enqueue.push(at(MISSED, due + settings.missed_after()));
    Ok(JobEffects {
        enqueue,
        ..JobEffects::default()
    })
}

/// Tells whom a reminder of this kind is for, while the follow-up is open.
pub(super) async fn remind(
    worker: &Worker,
    job: &Job,
    now: DateTime<Utc>,
) -> anyhow::Result<JobEffects> {
    let store = worker.store.as_ref();
    let Some((follow_up, due)) = open(store, job).await? else {
        return Ok(JobEffects::default());
    };
    let case = store.case(follow_up.case_id).await?;
    let owner = follow_up.owner_id.or(case.assignee_id);
    let mut told: Vec<i64> = owner.into_iter().collect();
    if job.kind == MISSED {
        told.extend(supervisors(store, &case).await?);
        told.sort_unstable();
        told.dedup();
    }
    let mut notify = Vec::with_capacity(told.len());
    for user_id in told {
        let text = text(store, &job.kind, &follow_up, &case, due, user_id).await?;
        notify.push(NewNotification {
            user_id,
            case_id: Some(case.id),
            kind: job.kind.clone(),
            text,
            at: now,
        });
    }
    Ok(JobEffects {
        notify,
        miss_follow_up: (job.kind == MISSED).then_some(follow_up.id),
        ..JobEffects::default()
    })
}

/// 9:00 on the day `due` falls on in the time zone of the follow-up's owner (else its case's
/// assignee, else UTC), when that is before `due`.
async fn owners_morning(
    store: &dyn Store,
    follow_up: &FollowUp,
    due: DateTime<Utc>,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let owner = match follow_up.owner_id {
        Some(id) => Some(id),
        None => store.case(follow_up.case_id).await?.assignee_id,
    };
    let zone = match owner {
        Some(user_id) => super::reader_zone(store, user_id).await?,
        None => "UTC".to_owned(),
    };
    let zone = super::parse_time_zone(&zone).unwrap_or(chrono_tz::Tz::UTC);
    let day = due.with_timezone(&zone).date_naive();
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("9:00 is a time");
    Ok(Some(instant(zone, day, nine)).filter(|at| *at < due))
}

/// The follow-up a job is about and its due time, while it is open and dated.
async fn open(store: &dyn Store, job: &Job) -> anyhow::Result<Option<(FollowUp, DateTime<Utc>)>> {
    let follow_up = found(store.follow_up(subject(job)?)).await?;
    Ok(follow_up
        .filter(|f| f.status == FollowUpStatus::Open)
        .and_then(|f| f.due_at.map(|due| (f, due))))
}

pub(super) async fn supervisors(store: &dyn Store, case: &Case) -> anyhow::Result<Vec<i64>> {
    let members = store.team_members(case.team_id).await?;
    Ok(members
        .into_iter()
        .filter(|user| user.role == Role::Supervisor)
        .map(|user| user.id)
        .collect())
}

/// The reminder as its reader sees it, the due time in their time zone.
async fn text(
    store: &dyn Store,
    kind: &str,
    follow_up: &FollowUp,
    case: &Case,
    due: DateTime<Utc>,
    reader: i64,
) -> anyhow::Result<String> {
    let zone = super::reader_zone(store, reader).await?;
    let when = local_time(due, &zone);
    let what = &follow_up.what;
    let on = format!("case #{} \"{}\"", case.id, case.subject);
    Ok(match kind {
        SOON => format!("Due {when}: {what} ({on})"),
        DUE => format!("Due now ({when}): {what} ({on})"),
        _ => format!("Missed: {what} was due {when} ({on})"),
    })
}
