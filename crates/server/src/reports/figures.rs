//! The charts of the reports page, each counted from the facts of the cases in scope: a
//! case belongs to the week (Monday, UTC) it was opened in, and so do the steps, escalations
//! and reply times on it.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use defuse_storage::{CaseFacts, FollowUpStatus, ReportFacts};

use super::chart::{Cell, Chart, Series};

/// The levels a difficult case reaches at its peak, with the least hostility of each.
pub const LEVELS: [(&str, f64); 2] = [("tense", 0.3), ("angry", 0.6)];

/// The boundary steps, in the order of the scale.
const STEPS: [&str; 3] = [
    "1 named the behaviour",
    "2 stated the consequence",
    "3 ended the contact",
];

/// The Monday (UTC) of the week `at` falls in.
pub fn week_of(at: DateTime<Utc>) -> NaiveDate {
    let day = at.date_naive();
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Every week from the one `first` falls in to the one `last` falls in.
pub fn weeks(first: DateTime<Utc>, last: DateTime<Utc>) -> Vec<NaiveDate> {
    let end = week_of(last);
    std::iter::successors(Some(week_of(first)), |w| Some(*w + Duration::weeks(1)))
        .take_while(|w| *w <= end)
        .collect()
}

/// Every chart of the reports page, in the order the page shows them. `agents` names the
/// owners of follow-ups.
pub fn charts(
    facts: &ReportFacts,
    weeks: &[NaiveDate],
    agents: &HashMap<i64, String>,
) -> Vec<Chart> {
    let by_id: HashMap<i64, &CaseFacts> = facts.cases.iter().map(|c| (c.id, c)).collect();
    vec![
        difficult(facts, weeks),
        causes(facts, weeks),
        boundary_steps(facts, weeks, &by_id),
        escalations(facts, weeks, &by_id),
        reply_times(facts, weeks),
        follow_ups(facts, agents),
    ]
}

/// A chart over weeks: each item is (when, which series, which case).
fn weekly(
    key: &'static str,
    title: &'static str,
    names: Vec<String>,
    weeks: &[NaiveDate],
    items: impl IntoIterator<Item = (DateTime<Utc>, usize, i64)>,
) -> Chart {
    let mut cells: Vec<Vec<Vec<i64>>> = vec![vec![Vec::new(); weeks.len()]; names.len()];
    for (at, series, case) in items {
        if let Ok(column) = weeks.binary_search(&week_of(at)) {
            cells[series][column].push(case);
        }
    }
    let series = names
        .into_iter()
        .zip(cells)
        .map(|(name, cells)| Series {
            name,
            cells: cells.into_iter().map(|c| Cell::tally(c.len(), c)).collect(),
        })
        .collect();
    Chart {
        key,
        title,
        unit: "cases",
        axis: "week",
        stacked: true,
        columns: weeks.iter().map(NaiveDate::to_string).collect(),
        series,
    }
}

/// Cases whose peak reached tense or angry, by that peak.
fn difficult(facts: &ReportFacts, weeks: &[NaiveDate]) -> Chart {
    let items = facts.cases.iter().filter_map(|c| {
        let level = LEVELS
            .iter()
            .rposition(|(_, least)| c.peak_hostility >= *least)?;
        Some((c.opened_at, level, c.id))
    });
    let names = LEVELS.iter().map(|(name, _)| (*name).to_owned()).collect();
    weekly(
        "difficult",
        "Difficult cases per week, by their peak level",
        names,
        weeks,
        items,
    )
}

/// Cases naming each root cause among their main causes.
fn causes(facts: &ReportFacts, weeks: &[NaiveDate]) -> Chart {
    let names: Vec<String> = facts
        .cases
        .iter()
        .flat_map(|c| c.main_causes.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let items = facts.cases.iter().flat_map(|c| {
        let names = &names;
        c.main_causes.iter().filter_map(move |cause| {
            let series = names.iter().position(|n| n == cause)?;
            Some((c.opened_at, series, c.id))
        })
    });
    let mut chart = weekly(
        "causes",
        "Root causes per week",
        names.clone(),
        weeks,
        items,
    );
    for s in &mut chart.series {
        s.name = s.name.replace('_', " ");
    }
    chart
}

/// Boundary steps taken, by step.
fn boundary_steps(
    facts: &ReportFacts,
    weeks: &[NaiveDate],
    cases: &HashMap<i64, &CaseFacts>,
) -> Chart {
    let items = facts.boundary_steps.iter().filter_map(|s| {
        let step = usize::try_from(s.step).ok()?.checked_sub(1)?;
        Some((
            cases.get(&s.case_id)?.opened_at,
            step.min(STEPS.len() - 1),
            s.case_id,
        ))
    });
    let names = STEPS.iter().map(|s| (*s).to_owned()).collect();
    let mut chart = weekly("boundary", "Boundary steps taken", names, weeks, items);
    chart.unit = "steps";
    chart
}

/// Cases handed up to someone.
fn escalations(
    facts: &ReportFacts,
    weeks: &[NaiveDate],
    cases: &HashMap<i64, &CaseFacts>,
) -> Chart {
    let items = facts
        .escalated_cases
        .iter()
        .filter_map(|id| Some((cases.get(id)?.opened_at, 0, *id)));
    let mut chart = weekly(
        "escalations",
        "Escalations",
        vec!["escalations".into()],
        weeks,
        items,
    );
    chart.unit = "escalations";
    chart
}

/// The median hours to the first reply and to resolution of each week's cases.
fn reply_times(facts: &ReportFacts, weeks: &[NaiveDate]) -> Chart {
    let first_reply = |c: &CaseFacts| c.first_reply_at.map(|at| at - c.opened_at);
    let resolution = |c: &CaseFacts| c.closed_at.map(|at| at - c.opened_at);
    let median_of = |name: &str, took: &dyn Fn(&CaseFacts) -> Option<Duration>| Series {
        name: name.to_owned(),
        cells: weeks
            .iter()
            .map(|w| {
                let taken = facts.cases.iter().filter(|c| week_of(c.opened_at) == *w);
                median_cell(taken.filter_map(|c| Some((took(c)?, c.id))))
            })
            .collect(),
    };
    Chart {
        key: "reply_times",
        title: "Median time to first reply and to resolution",
        unit: "hours",
        axis: "week",
        stacked: false,
        columns: weeks.iter().map(NaiveDate::to_string).collect(),
        series: vec![
            median_of("first reply", &first_reply),
            median_of("resolution", &resolution),
        ],
    }
}

/// The median of the durations in hours, with the cases they were taken from.
fn median_cell(taken: impl Iterator<Item = (Duration, i64)>) -> Cell {
    let (mut hours, cases): (Vec<f64>, Vec<i64>) = taken
        .map(|(d, id)| (d.num_seconds().max(0) as f64 / 3600.0, id))
        .unzip();
    hours.sort_by(f64::total_cmp);
    let n = hours.len();
    let value = match n {
        0 => None,
        _ if n % 2 == 1 => Some(hours[n / 2]),
        _ => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    Cell {
        value,
        ..Cell::tally(0, cases)
    }
}

/// How each agent's promises went: kept on time, kept late, missed.
fn follow_ups(facts: &ReportFacts, agents: &HashMap<i64, String>) -> Chart {
    let mut owners: Vec<Option<i64>> = facts.follow_ups.iter().map(|f| f.owner_id).collect();
    owners.sort_unstable();
    owners.dedup();
    let name = |owner: &Option<i64>| match owner {
        Some(id) => agents
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("user {id}")),
        None => "nobody".to_owned(),
    };
    owners.sort_by_key(name);
    let outcome = |status: FollowUpStatus, late: bool| -> Option<usize> {
        match status {
            FollowUpStatus::Done if late => Some(1),
            FollowUpStatus::Done => Some(0),
            FollowUpStatus::Missed => Some(2),
            FollowUpStatus::Open => None,
        }
    };
    let column: HashMap<Option<i64>, usize> =
        owners.iter().enumerate().map(|(i, o)| (*o, i)).collect();
    let mut cells = vec![vec![Vec::new(); owners.len()]; 3];
    for f in &facts.follow_ups {
        let late = f
            .due_at
            .zip(f.done_at)
            .is_some_and(|(due, done)| done > due);
        if let Some(series) = outcome(f.status, late) {
            cells[series][column[&f.owner_id]].push(f.case_id);
        }
    }
    let series = ["kept on time", "kept late", "missed"]
        .into_iter()
        .zip(cells)
        .map(|(n, cells)| Series {
            name: n.to_owned(),
            cells: cells.into_iter().map(|c| Cell::tally(c.len(), c)).collect(),
        })
        .collect();
    Chart {
        key: "follow_ups",
        title: "Follow-ups kept on time, late and missed, per agent",
        unit: "follow-ups",
        axis: "agent",
        stacked: true,
        columns: owners.iter().map(name).collect(),
        series,
    }
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
