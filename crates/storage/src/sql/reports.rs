//! Report figures and the facts the report pages are drawn from, over the cases a
//! `ReportFilter` selects.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::query::Sql;
use super::rows::{REFLECTION_COLUMNS, decode_list};
use super::{Exec, Result, all, filter, number};
use crate::error::StoreError;
use crate::filters::ReportFilter;
use crate::records::{
    CaseFacts, CaseStatus, FollowUpFact, FollowUpStatus, Reflection, Report, ReportFacts, SentReply,
};

/// The `WHERE` fragment of the cases in scope; alias the cases table `c`.
fn in_scope(report_filter: &ReportFilter) -> Sql {
    let mut cases = filter();
    cases.and_scope("c.team_id", &report_filter.teams);
    cases.and_if("c.opened_at >= ?", report_filter.since);
    cases.and_if("c.opened_at < ?", report_filter.until);
    cases.and_if("c.assignee_id = ?", report_filter.assignee_id);
    cases.and_if("c.channel = ?", report_filter.channel.clone());
    cases
}

pub(super) async fn report(db: &impl Exec, report_filter: ReportFilter) -> Result<Report> {
    let cases = in_scope(&report_filter);
    let causes: Vec<(String,)> = db
        .fetch_all(cases.prefixed("SELECT c.main_causes FROM cases c"))
        .await?;
    let mut cause_counts = HashMap::<String, i64>::new();
    for (list,) in causes {
        for cause in decode_list(&list)? {
            *cause_counts.entry(cause).or_default() += 1;
        }
    }
    let mut cause_counts: Vec<(String, i64)> = cause_counts.into_iter().collect();
    cause_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    let mut by_status = cases.prefixed("SELECT c.status, COUNT(*) FROM cases c");
    by_status.push(" GROUP BY c.status", []);
    let by_status: Vec<(String, i64)> = db.fetch_all(by_status).await?;
    let cases_by_status = CaseStatus::ALL
        .iter()
        .map(|&status| (status, count_of(&by_status, status.as_str())))
        .collect();

    let mut follow_ups = cases
        .prefixed("SELECT f.status, COUNT(*) FROM follow_ups f JOIN cases c ON c.id = f.case_id");
    follow_ups.push(" GROUP BY f.status", []);
    let follow_ups: Vec<(String, i64)> = db.fetch_all(follow_ups).await?;

    let escalations =
        cases.prefixed("SELECT COUNT(*) FROM escalations e JOIN cases c ON c.id = e.case_id");
    Ok(Report {
        cause_counts,
        cases_by_status,
        follow_ups_open: count_of(&follow_ups, FollowUpStatus::Open.as_str()),
        follow_ups_done: count_of(&follow_ups, FollowUpStatus::Done.as_str()),
        follow_ups_missed: count_of(&follow_ups, FollowUpStatus::Missed.as_str()),
        escalations: number(db, escalations).await?,
    })
}

fn count_of(counts: &[(String, i64)], name: &str) -> i64 {
    counts
        .iter()
        .find(|(status, _)| status == name)
        .map_or(0, |&(_, count)| count)
}

pub(super) async fn report_facts(
    db: &impl Exec,
    report_filter: ReportFilter,
) -> Result<ReportFacts> {
    let scope = in_scope(&report_filter);
    let mut cases = scope.prefixed(
        "SELECT c.id, c.opened_at, c.closed_at, c.assignee_id, c.channel, c.peak_hostility, \
         c.main_causes, (SELECT MIN(m.at) FROM messages m WHERE m.case_id = c.id \
         AND m.direction = 'outbound') AS first_reply_at FROM cases c",
    );
    cases.push(" ORDER BY c.opened_at, c.id", []);
    let mut steps = scope.prefixed(
        "SELECT b.case_id, b.step FROM boundary_events b JOIN cases c ON c.id = b.case_id",
    );
    steps.push(" ORDER BY b.at, b.id", []);
    let mut escalations =
        scope.prefixed("SELECT e.case_id FROM escalations e JOIN cases c ON c.id = e.case_id");
    escalations.push(" ORDER BY e.at, e.id", []);
    let mut follow_ups = scope.prefixed(
        "SELECT f.case_id, f.owner_id, f.status, f.due_at, f.done_at \
         FROM follow_ups f JOIN cases c ON c.id = f.case_id",
    );
    follow_ups.push(" ORDER BY f.id", []);
    let columns = REFLECTION_COLUMNS.replace(", ", ", r.");
    let mut reflections = scope.prefixed(&format!(
        "SELECT r.{columns} FROM reflections r JOIN cases c ON c.id = r.case_id"
    ));
    reflections.push(" ORDER BY r.at DESC, r.case_id DESC", []);
    // The five reads are independent: run side by side, they cost the slowest, not the sum.
    let steps = async { Ok::<_, StoreError>(db.fetch_all(steps).await?) };
    let (cases, boundary_steps, escalated_cases, follow_ups, reflections) = tokio::try_join!(
        all(db, cases),
        steps,
        super::column(db, escalations),
        all(db, follow_ups),
        all::<Reflection>(db, reflections),
    )?;
    Ok(ReportFacts {
        cases,
        boundary_steps,
        escalated_cases,
        follow_ups,
        reflections,
    })
}

/// The agents' replies sent in the period on cases of the teams and channel in scope, oldest
/// first; `assignee_id` here names the author.
pub(super) async fn sent_replies(
    db: &impl Exec,
    report_filter: ReportFilter,
) -> Result<Vec<SentReply>> {
    let mut sql = filter();
    sql.and_scope("c.team_id", &report_filter.teams);
    sql.and_if("m.at >= ?", report_filter.since);
    sql.and_if("m.at < ?", report_filter.until);
    sql.and_if("m.author_id = ?", report_filter.assignee_id);
    sql.and_if("c.channel = ?", report_filter.channel);
    let mut sql = sql.prefixed(
        "SELECT m.id AS message_id, m.case_id, m.author_id, m.at, m.analysis_json \
         FROM messages m JOIN cases c ON c.id = m.case_id",
    );
    sql.push(" AND m.direction = 'outbound' ORDER BY m.at, m.id", []);
    Ok(db.fetch_all(sql).await?)
}

#[derive(sqlx::FromRow)]
pub(crate) struct CaseFactsRow {
    id: i64,
    opened_at: DateTime<Utc>,
    first_reply_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    assignee_id: Option<i64>,
    channel: String,
    peak_hostility: f64,
    main_causes: String,
}

impl super::Stored for CaseFacts {
    type Row = CaseFactsRow;
    fn from_row(row: CaseFactsRow) -> Result<Self> {
        Ok(CaseFacts {
            id: row.id,
            opened_at: row.opened_at,
            first_reply_at: row.first_reply_at,
            closed_at: row.closed_at,
            assignee_id: row.assignee_id,
            channel: row.channel,
            peak_hostility: row.peak_hostility,
            main_causes: decode_list(&row.main_causes)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FollowUpFactRow {
    case_id: i64,
    owner_id: Option<i64>,
    #[sqlx(try_from = "String")]
    status: FollowUpStatus,
    due_at: Option<DateTime<Utc>>,
    done_at: Option<DateTime<Utc>>,
}

impl super::Stored for FollowUpFact {
    type Row = FollowUpFactRow;
    fn from_row(row: FollowUpFactRow) -> Result<Self> {
        Ok(FollowUpFact {
            case_id: row.case_id,
            owner_id: row.owner_id,
            status: row.status,
            due_at: row.due_at,
            done_at: row.done_at,
        })
    }
}
