//! Reports over the cases in scope, shared by the console's pages and the JSON API: the
//! charts of the reports page, what calmed clients, the lessons from reflections, and an
//! agent's own coaching over time.
//!
//! # Layout
//! - [`scope`]: the filter query (team, agent, channel, period) and who may see what.
//! - [`chart`]: a chart as data, with the cases behind every cell and its CSV.
//! - [`figures`]: the reports page's charts, counted from the store's `ReportFacts`.
//! - [`coaching`]: an agent's sent replies and what their checks found.
//! - [`calmed`] and [`interval`]: how often the client calmed after each move, with a Wilson interval.

pub mod calmed;
pub mod chart;
pub mod coaching;
pub mod figures;
pub mod interval;
pub mod scope;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use defuse_storage::{Reflection, ReportFacts, ReportFilter, Store};

use crate::auth::Caller;
use crate::calming::Calming;
use crate::conversation::recent_messages;
use crate::error::AppResult;
use crate::state::AppState;
use chart::Chart;
use coaching::Coaching;
use scope::ReportQuery;

/// How many of the newest cases in scope the calming figures read (each costs a read of its
/// messages and a search of the replies for moves).
pub const CALMING_CASES: usize = 100;

/// A report: its filter, its charts and what calmed clients.
pub struct Report {
    pub filter: ReportFilter,
    pub facts: ReportFacts,
    pub charts: Vec<Chart>,
    pub calming: Calming,
    /// How many cases the calming figures read.
    pub calming_cases: usize,
    /// The names of the agents the facts mention.
    pub agents: HashMap<i64, String>,
}

/// The report `query` asks `caller` for, as of `now`.
pub async fn report(
    state: &AppState,
    caller: &Caller,
    query: &ReportQuery,
    now: DateTime<Utc>,
) -> AppResult<Report> {
    let filter = query.filter(state, caller, now).await?;
    let store = state.store.as_ref();
    let facts = store.report_facts(filter.clone()).await?;
    let ids = facts
        .follow_ups
        .iter()
        .filter_map(|f| f.owner_id)
        .chain(facts.cases.iter().filter_map(|c| c.assignee_id));
    let agents = names(store, ids).await?;
    let weeks = columns(&filter, facts.cases.first().map(|c| c.opened_at), now);
    let charts = figures::charts(&facts, &weeks, &agents);
    let newest = facts.cases.iter().rev().take(CALMING_CASES);
    let mut calming = Calming::default();
    for case in newest.clone() {
        calming.add_case(&recent_messages(store, case.id).await?, &case.main_causes);
    }
    Ok(Report {
        calming_cases: newest.count(),
        filter,
        facts,
        charts,
        calming,
        agents,
    })
}

/// The coaching of the agent `query` names (always the caller, for an agent; every agent in
/// scope when a supervisor names none), as of `now`.
pub async fn coaching(
    state: &AppState,
    caller: &Caller,
    query: &ReportQuery,
    now: DateTime<Utc>,
) -> AppResult<(ReportFilter, Coaching)> {
    let filter = query.filter(state, caller, now).await?;
    let replies = state.store.sent_replies(filter.clone()).await?;
    let weeks = columns(&filter, replies.first().map(|r| r.at), now);
    Ok((filter, coaching::coaching(&replies, &weeks)))
}

/// The weeks of the period: from its start (or `first` when it has none) to its end (or now).
fn columns(
    filter: &ReportFilter,
    first: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<NaiveDate> {
    let Some(start) = filter.since.or(first) else {
        return Vec::new();
    };
    let end = filter.until.map_or(now, |u| u - Duration::microseconds(1));
    figures::weeks(start, end.max(start))
}

/// The display names of the users `ids` names, once each.
pub async fn names(
    store: &dyn Store,
    ids: impl Iterator<Item = i64>,
) -> AppResult<HashMap<i64, String>> {
    let mut out = HashMap::new();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = out.entry(id) {
            let name = store.user(id).await.map(|u| u.display_name);
            slot.insert(name.unwrap_or_else(|_| format!("user {id}")));
        }
    }
    Ok(out)
}

/// The reflections in scope by the main causes of their cases (a case naming none under
/// "no cause named"), causes by name, newest first in each; only those whose words contain
/// `search` (ignoring case) when it is set.
pub fn lessons<'a>(
    facts: &'a ReportFacts,
    search: Option<&str>,
) -> Vec<(String, Vec<&'a Reflection>)> {
    let search = search.map(str::to_lowercase);
    let causes: HashMap<i64, &[String]> = facts
        .cases
        .iter()
        .map(|c| (c.id, c.main_causes.as_slice()))
        .collect();
    let mut by_cause: std::collections::BTreeMap<String, Vec<&Reflection>> = Default::default();
    for r in &facts.reflections {
        let text = format!("{}\n{}", r.went_well, r.do_differently).to_lowercase();
        if search.as_deref().is_some_and(|s| !text.contains(s)) {
            continue;
        }
        let named = causes.get(&r.case_id).copied().unwrap_or_default();
        let none = ["no cause named".to_owned()];
        for cause in if named.is_empty() { &none[..] } else { named } {
            by_cause.entry(cause.replace('_', " ")).or_default().push(r);
        }
    }
    by_cause.into_iter().collect()
}
