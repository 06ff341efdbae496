//! Forgotten cases: every client message starts a clock (`case.watch`, queued by the store
//! with the message). When the team's response target has passed in its working time with no
//! reply, the case is flagged forgotten (`case.forgotten`); when the second period has passed
//! too, it is escalated to the team's supervisors with a notification (`case.escalate`). Each
//! job is one per message, so a flag or an escalation is written once however many instances
//! run; a reply clears the flag (a trigger) and makes the pending jobs of older messages no-ops.

use chrono::{DateTime, Duration, Utc};
use defuse_storage::{
    Case, CaseMark, Direction, Job, JobEffects, Message, NewJob, NewNotification, Store, StoreError,
};

use super::working_time::{WorkingHours, WorkingTime};
use super::{Worker, found, local_time, parse_time_zone, subject};
use crate::settings::ReminderSettings;

pub const WATCH: &str = "case.watch";
pub const FORGOTTEN: &str = "case.forgotten";
pub const ESCALATE: &str = "case.escalate";

/// A team's response target in its working time.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponsePolicy {
    pub target: Duration,
    pub escalate_after: Duration,
    pub time: WorkingTime,
}

impl ResponsePolicy {
    /// When a client message sent at `at` and left unanswered makes its case forgotten.
    pub fn forgotten_at(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        self.time.add(at, self.target)
    }

    /// When such a case is escalated to the supervisors.
    pub fn escalated_at(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        self.time.add(self.forgotten_at(at), self.escalate_after)
    }
}

/// The policy of team `team_id`: its own, else the server's defaults around the clock in UTC.
/// A stored zone or hours that no longer parse fall back the same way, field by field.
pub async fn team_policy(
    store: &dyn Store,
    settings: &ReminderSettings,
    team_id: i64,
) -> anyhow::Result<ResponsePolicy> {
    let defaults = ResponsePolicy {
        target: settings.response_target(),
        escalate_after: settings.escalate_after(),
        time: WorkingTime {
            zone: chrono_tz::Tz::UTC,
            hours: None,
            holidays: Vec::new(),
        },
    };
    let own = match store.team_response(team_id).await {
        Ok(own) => own,
        Err(StoreError::NotFound) => return Ok(defaults),
        Err(e) => return Err(e.into()),
    };
    let hours = own.working_hours.as_deref().map(WorkingHours::parse);
    Ok(ResponsePolicy {
        target: Duration::minutes(own.target_minutes.into()),
        escalate_after: Duration::minutes(own.escalate_after_minutes.into()),
        time: WorkingTime {
            zone: parse_time_zone(&own.time_zone).unwrap_or(chrono_tz::Tz::UTC),
            hours: hours.and_then(Result::ok),
            holidays: own.holidays,
        },
    })
}

/// Queues the flag of the message's case for when the response target will have passed.
pub(super) async fn watch(worker: &Worker, job: &Job) -> anyhow::Result<JobEffects> {
    let store = worker.store.as_ref();
    let Some((message, case)) = waiting(store, job).await? else {
        return Ok(JobEffects::default());
    };
    let policy = team_policy(store, &worker.settings.reminders, case.team_id).await?;
    Ok(JobEffects {
        enqueue: vec![NewJob {
            kind: FORGOTTEN.into(),
            subject_id: Some(message.id),
            run_at: policy.forgotten_at(message.at),
        }],
        ..JobEffects::default()
    })
}

/// Flags the case forgotten and queues its escalation, unless an older message flagged it.
pub(super) async fn flag(worker: &Worker, job: &Job) -> anyhow::Result<JobEffects> {
    let store = worker.store.as_ref();
    let Some((message, case)) = waiting(store, job).await? else {
        return Ok(JobEffects::default());
    };
    if case.forgotten_at.is_some() {
        return Ok(JobEffects::default());
    }
    let policy = team_policy(store, &worker.settings.reminders, case.team_id).await?;
    Ok(JobEffects {
        enqueue: vec![NewJob {
            kind: ESCALATE.into(),
            subject_id: Some(message.id),
            run_at: policy.escalated_at(message.at),
        }],
        mark_case: Some(CaseMark::Forgotten(case.id)),
        ..JobEffects::default()
    })
}

/// Tells the team's supervisors, once, that the flagged case still has no reply.
pub(super) async fn escalate(
    worker: &Worker,
    job: &Job,
    now: DateTime<Utc>,
) -> anyhow::Result<JobEffects> {
    let store = worker.store.as_ref();
    let Some((message, case)) = waiting(store, job).await? else {
        return Ok(JobEffects::default());
    };
    if case.forgotten_at.is_none() || case.forgotten_escalated_at.is_some() {
        return Ok(JobEffects::default());
    }
    let mut notify = Vec::new();
    for user_id in super::reminders::supervisors(store, &case).await? {
        let zone = super::reader_zone(store, user_id).await?;
        notify.push(NewNotification {
            user_id,
            case_id: Some(case.id),
            kind: ESCALATE.into(),
            text: format!(
                "Forgotten: the client of case #{} \"{}\" has waited since {} for a reply",
                case.id,
                case.subject,
                local_time(message.at, &zone)
            ),
            at: now,
        });
    }
    Ok(JobEffects {
        notify,
        mark_case: Some(CaseMark::Escalated(case.id)),
        ..JobEffects::default()
    })
}

/// The client message a job is about and its case, while the case is unfinished and nobody
/// has replied since the message came in.
async fn waiting(store: &dyn Store, job: &Job) -> anyhow::Result<Option<(Message, Case)>> {
    let Some(message) = found(store.message(subject(job)?)).await? else {
        return Ok(None);
    };
    if message.direction != Direction::Inbound {
        return Ok(None);
    }
    let Some(case) = found(store.case(message.case_id)).await? else {
        return Ok(None);
    };
    if case.status.is_finished() || store.replied_since(case.id, message.at).await? {
        return Ok(None);
    }
    Ok(Some((message, case)))
}
