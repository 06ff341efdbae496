//! The supervisors' daily digest: missed promises of the last day, forgotten cases and
//! escalated cases of their teams. Upkeep calls [`plan`] every minute on every instance; once a
//! supervisor's local digest hour has come, it makes their digest of the day, which exists once
//! (one row per user and day) and queues its `digest.send` job in the same write. The job
//! writes the digest as a notification, which the console shows and the mail and webhook jobs
//! deliver. The console's digest page shows the same [`Digest`] as it stands.

use chrono::{DateTime, Duration, Timelike, Utc};
use defuse_storage::{
    Case, CaseFilter, CaseStatus, FollowUp, FollowUpFilter, FollowUpStatus, Job, JobEffects,
    MAX_LIMIT, NewNotification, Paging, Role, Store,
};

use super::{Worker, found, local_time, parse_time_zone, reader_zone, subject};
use crate::settings::ReminderSettings;

pub const SEND: &str = "digest.send";

/// How far back a digest reports missed promises.
pub const MISSED_WITHIN: Duration = Duration::days(1);

/// What a supervisor is told about their teams.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Digest {
    /// Promises marked missed within [`MISSED_WITHIN`].
    pub missed: Vec<FollowUp>,
    /// Unfinished cases flagged forgotten and not yet escalated.
    pub forgotten: Vec<Case>,
    /// Unfinished cases escalated: forgotten ones escalated to the supervisors, and cases
    /// whose status is escalated.
    pub escalated: Vec<Case>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.missed.is_empty() && self.forgotten.is_empty() && self.escalated.is_empty()
    }

    /// The digest as plain text, times in `zone`, for a notification and its mail.
    pub fn text(&self, day: &str, zone: &str) -> String {
        let mut text = format!("Your digest for {day}\n");
        text.push_str(&format!(
            "\nMissed promises in the last day: {}\n",
            self.missed.len()
        ));
        for f in &self.missed {
            let due = f.due_at.map(|at| local_time(at, zone)).unwrap_or_default();
            text.push_str(&format!("- {} (case #{}), due {due}\n", f.what, f.case_id));
        }
        text.push_str(&format!("\nForgotten cases: {}\n", self.forgotten.len()));
        for c in &self.forgotten {
            text.push_str(&case_line(c, c.forgotten_at, "flagged", zone));
        }
        text.push_str(&format!("\nEscalated cases: {}\n", self.escalated.len()));
        for c in &self.escalated {
            text.push_str(&case_line(
                c,
                c.forgotten_escalated_at,
                "no reply, escalated",
                zone,
            ));
        }
        text
    }
}

fn case_line(case: &Case, at: Option<DateTime<Utc>>, what: &str, zone: &str) -> String {
    let when = at.map(|at| format!(", {what} {}", local_time(at, zone)));
    format!(
        "- case #{} \"{}\"{}\n",
        case.id,
        case.subject,
        when.unwrap_or_default()
    )
}

/// The digest of `user_id`'s teams as of `now`.
pub async fn gather(store: &dyn Store, user_id: i64, now: DateTime<Utc>) -> anyhow::Result<Digest> {
    let teams = Some(store.user_team_ids(user_id).await?);
    let all = Paging::first(MAX_LIMIT)?;
    let missed = FollowUpFilter {
        teams: teams.clone(),
        status: Some(FollowUpStatus::Missed),
        finished_since: Some(now - MISSED_WITHIN),
        ..FollowUpFilter::default()
    };
    let flagged = CaseFilter {
        teams: teams.clone(),
        forgotten: true,
        ..CaseFilter::default()
    };
    let escalated = CaseFilter {
        teams,
        status: Some(CaseStatus::Escalated),
        ..CaseFilter::default()
    };
    let (forgotten, mut escalated_by_us): (Vec<Case>, Vec<Case>) = store
        .list_cases(flagged, all)
        .await?
        .items
        .into_iter()
        .partition(|c| c.forgotten_escalated_at.is_none());
    for case in store.list_cases(escalated, all).await?.items {
        if !escalated_by_us.iter().any(|c| c.id == case.id)
            && !forgotten.iter().any(|c| c.id == case.id)
        {
            escalated_by_us.push(case);
        }
    }
    Ok(Digest {
        missed: store.list_follow_ups(missed, all).await?.items,
        forgotten,
        escalated: escalated_by_us,
    })
}

/// Makes today's digest of every supervisor whose local digest hour has come and who has none
/// for their local day yet; returns how many this call made (another instance may make some).
pub async fn plan(
    store: &dyn Store,
    settings: &ReminderSettings,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let mut made = 0;
    let users = store.list_users(Paging::first(MAX_LIMIT)?).await?.items;
    for user in users.iter().filter(|u| u.role == Role::Supervisor) {
        let channels = found(store.user_channels(user.id)).await?;
        let (zone, hour) =
            channels.map_or(("UTC".to_owned(), None), |c| (c.time_zone, c.digest_hour));
        let zone = parse_time_zone(&zone).unwrap_or(chrono_tz::Tz::UTC);
        let hour = hour.map_or(settings.digest_hour(), |h| h.clamp(0, 23) as u32);
        let local = now.with_timezone(&zone);
        if local.hour() >= hour && store.open_digest(user.id, local.date_naive(), now).await? {
            made += 1;
        }
    }
    Ok(made)
}

/// Writes a digest as its supervisor's notification; an empty one tells nobody anything.
pub(super) async fn send(
    worker: &Worker,
    job: &Job,
    now: DateTime<Utc>,
) -> anyhow::Result<JobEffects> {
    let store = worker.store.as_ref();
    let Some(digest) = found(store.digest(subject(job)?)).await? else {
        return Ok(JobEffects::default());
    };
    let content = gather(store, digest.user_id, now).await?;
    if content.is_empty() {
        return Ok(JobEffects::default());
    }
    let zone = reader_zone(store, digest.user_id).await?;
    Ok(JobEffects {
        notify: vec![NewNotification {
            user_id: digest.user_id,
            case_id: None,
            kind: SEND.into(),
            text: content.text(&digest.day, &zone),
            at: now,
        }],
        ..JobEffects::default()
    })
}
