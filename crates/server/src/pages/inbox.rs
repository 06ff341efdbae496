//! The inbox: the cases of the caller's teams, the most urgent first, with filters (mine,
//! escalated to me, overdue, ...) and a badge per case saying why it is where it is: a threat
//! to safety, a missed or overdue promise, a client waiting, a case forgotten (its client
//! waited past the team's response target) or escalated for it.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use axum::extract::{Query, State};
use chrono::{DateTime, Duration, Utc};
use defuse_storage::{
    Case, CaseFilter, EscalationFilter, FollowUpFilter, FollowUpStatus, MAX_LIMIT, Paging, Store,
};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::Caller;
use crate::routes::parse_status;
use crate::state::AppState;

/// How many cases the inbox weighs at most.
const CASES: i64 = 200;

#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    /// A status name, `active` (the default: not resolved or closed) or `all`.
    pub status: Option<String>,
    pub team: Option<String>,
    /// `tense` or `angry`: the least latest hostility to show.
    pub level: Option<String>,
    /// `1`: only cases assigned to me.
    pub mine: Option<String>,
    /// `1`: only cases with an overdue follow-up.
    pub overdue: Option<String>,
    /// `1`: only cases whose client waits past the team's response target.
    pub forgotten: Option<String>,
    /// `1`: only cases escalated to me.
    pub escalated: Option<String>,
}

/// A case with what makes it urgent.
pub struct Ranked {
    pub case: Case,
    pub client: String,
    pub assignee: Option<String>,
    pub overdue: usize,
    /// Promises of the case that passed their due time undone.
    pub missed: usize,
    /// Since the client's last message, when the agent has not answered it yet.
    pub waiting_since: Option<DateTime<Utc>>,
    pub urgency: f64,
}

/// Urgency in points: a threat to safety weighs most, then hostility, the boundary step,
/// overdue and missed promises, and waiting.
pub fn urgency(case: &Case, late: usize, waiting: Option<Duration>, status_weight: f64) -> f64 {
    let waiting_hours = waiting.map_or(0.0, |w| (w.num_minutes() as f64 / 60.0).clamp(0.0, 48.0));
    let safety = if case.safety_at.is_some() { 100.0 } else { 0.0 };
    status_weight
        * (safety
            + case.latest_hostility * 40.0
            + case.peak_hostility * 10.0
            + f64::from(case.boundary_step) * 12.0
            + late as f64 * 15.0
            + waiting_hours * 0.5)
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(q): Query<InboxQuery>,
) -> PageResult {
    let store = state.store.as_ref();
    let now = Utc::now();
    let status = match q.status.as_deref().unwrap_or("active") {
        "active" | "all" | "" => None,
        other => Some(parse_status(other)?),
    };
    let team_id = q.team.as_deref().and_then(|t| t.parse::<i64>().ok());
    let min_hostility = match q.level.as_deref() {
        Some("angry") => Some(0.6),
        Some("tense") => Some(0.3),
        _ => None,
    };
    let filter = CaseFilter {
        teams: caller.scope(),
        status,
        assignee_id: q.mine.is_some().then(|| caller.id()),
        team_id,
        overdue_at: q.overdue.is_some().then_some(now),
        forgotten: q.forgotten.is_some(),
        ..CaseFilter::default()
    };
    let only_active = q.status.as_deref().unwrap_or("active") == "active";
    let escalated_to_me = match q.escalated {
        Some(_) => Some(escalated_to(store, caller.id()).await?),
        None => None,
    };
    let cases: Vec<Case> = store
        .list_cases(filter, Paging::first(CASES)?)
        .await?
        .items
        .into_iter()
        .filter(|c| !only_active || !c.status.is_finished())
        .filter(|c| min_hostility.is_none_or(|m| c.latest_hostility >= m))
        .filter(|c| {
            escalated_to_me
                .as_ref()
                .is_none_or(|ids| ids.contains(&c.id))
        })
        .collect();
    let ranked = rank(store, &caller.scope(), cases, now).await?;
    let team_names = team_names(store, &caller).await?;
    let body = html! {
        div.page-head {
            h1 { "Inbox" }
            p.muted { (ranked.len()) @if ranked.len() == 1 { " case." } @else { " cases, the most urgent first." } }
        }
        (filters(&q, &team_names))
        @if ranked.is_empty() {
            p.empty { "No cases match. Clear the filters to see every case of your teams." }
        } @else {
            ol.cases {
                @for r in &ranked { li { (row(r, &team_names, now)) } }
            }
        }
    };
    Ok(layout::page("Inbox", &caller, Nav::Inbox, body))
}

/// The names of the teams the caller is in, by id.
pub(super) async fn team_names(
    store: &dyn Store,
    caller: &Caller,
) -> PageResult<HashMap<i64, String>> {
    let teams = store.list_teams(Paging::first(500)?).await?.items;
    Ok(teams
        .into_iter()
        .filter(|t| caller.in_team(t.id))
        .map(|t| (t.id, t.name))
        .collect())
}

/// The cases escalated to `user_id`.
async fn escalated_to(store: &dyn Store, user_id: i64) -> PageResult<HashSet<i64>> {
    let filter = EscalationFilter {
        to_user_id: Some(user_id),
        ..EscalationFilter::default()
    };
    let page = store.list_escalations(filter, Paging::first(MAX_LIMIT)?);
    Ok(page.await?.items.into_iter().map(|e| e.case_id).collect())
}

/// How many follow-ups of each case `filter` finds.
async fn per_case(store: &dyn Store, filter: FollowUpFilter) -> PageResult<HashMap<i64, usize>> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for f in store
        .list_follow_ups(filter, Paging::first(MAX_LIMIT)?)
        .await?
        .items
    {
        *counts.entry(f.case_id).or_default() += 1;
    }
    Ok(counts)
}

/// The cases with what makes each urgent, the most urgent first.
pub(super) async fn rank(
    store: &dyn Store,
    scope: &defuse_storage::TeamScope,
    cases: Vec<Case>,
    now: DateTime<Utc>,
) -> PageResult<Vec<Ranked>> {
    let overdue = FollowUpFilter {
        teams: scope.clone(),
        overdue_at: Some(now),
        ..FollowUpFilter::default()
    };
    let overdue = per_case(store, overdue).await?;
    let missed = FollowUpFilter {
        teams: scope.clone(),
        status: Some(FollowUpStatus::Missed),
        ..FollowUpFilter::default()
    };
    let missed = per_case(store, missed).await?;
    let mut clients: HashMap<i64, String> = HashMap::new();
    let mut users: HashMap<i64, String> = HashMap::new();
    let mut ranked = Vec::with_capacity(cases.len());
    for case in cases {
        if let Entry::Vacant(slot) = clients.entry(case.client_id) {
            slot.insert(store.client(case.client_id).await?.name);
        }
        if let Some(id) = case.assignee_id
            && !users.contains_key(&id)
        {
            let name = store.user(id).await.map(|u| u.display_name);
            users.insert(id, name.unwrap_or_else(|_| format!("user {id}")));
        }
        let waiting_since = if case.status.is_finished() {
            None
        } else {
            waiting_since(store, case.id).await?
        };
        let late = overdue.get(&case.id).copied().unwrap_or(0);
        let missed = missed.get(&case.id).copied().unwrap_or(0);
        let weight = if case.status.is_finished() { 0.1 } else { 1.0 };
        let urgency = urgency(&case, late + missed, waiting_since.map(|w| now - w), weight);
        ranked.push(Ranked {
            client: clients[&case.client_id].clone(),
            assignee: case.assignee_id.map(|id| users[&id].clone()),
            case,
            overdue: late,
            missed,
            waiting_since,
            urgency,
        });
    }
    ranked.sort_by(|a, b| b.urgency.total_cmp(&a.urgency));
    Ok(ranked)
}

/// When the last message of the case is the client's, its time.
async fn waiting_since(store: &dyn Store, case_id: i64) -> PageResult<Option<DateTime<Utc>>> {
    let total = store.list_messages(case_id, Paging::first(1)?).await?.total;
    if total == 0 {
        return Ok(None);
    }
    let last = store
        .list_messages(case_id, Paging::new(1, total - 1)?)
        .await?
        .items;
    Ok(last
        .first()
        .filter(|m| m.direction == defuse_storage::Direction::Inbound)
        .map(|m| m.at))
}

/// A case as a line of a list, linking to it.
pub(super) fn row(r: &Ranked, teams: &HashMap<i64, String>, now: DateTime<Utc>) -> Markup {
    let case = &r.case;
    html! {
        a.case-row href={ "/cases/" (case.id) } {
            span.urgency title="Urgency points" { (format!("{:.0}", r.urgency)) }
            span.case-main {
                span.subject { (case.subject) }
                span.meta {
                    (r.client) " · " (teams.get(&case.team_id).map_or("", String::as_str)) " · " (case.channel) " · opened " (layout::when(case.opened_at, now))
                    " · " @match &r.assignee { Some(name) => { (name) }, None => { "unassigned" } }
                }
            }
            span.badges {
                @if case.safety_at.is_some() { span.badge.safety title="A client message threatened someone's safety" { "safety" } }
                (layout::forgotten_badge(case))
                (layout::level_badge(layout::level_of(case.latest_hostility)))
                (layout::status_badge(case.status))
                (layout::boundary_badge(case.boundary_step))
                @if r.missed > 0 { span.badge.missed title="Promises that passed their due time undone" { (r.missed) " missed" } }
                @if r.overdue > 0 { span.badge.overdue { (r.overdue) " overdue" } }
                @if let Some(since) = r.waiting_since { span.badge.waiting { "waiting " (layout::relative(since, now).trim_end_matches(" ago")) } }
            }
        }
    }
}

fn filters(q: &InboxQuery, teams: &HashMap<i64, String>) -> Markup {
    let status = q.status.as_deref().unwrap_or("active");
    let mut team_list: Vec<(&i64, &String)> = teams.iter().collect();
    team_list.sort_by_key(|(id, _)| **id);
    let statuses = [
        "active",
        "all",
        "open",
        "waiting_on_client",
        "escalated",
        "resolved",
        "closed",
    ];
    html! {
        form.filters method="get" action="/" {
            label { "Status " select name="status" {
                @for s in statuses { option value=(s) selected[s == status] { (s.replace('_', " ")) } }
            } }
            label { "Team " select name="team" {
                option value="" { "All my teams" }
                @for (id, name) in team_list { option value=(id) selected[q.team.as_deref() == Some(id.to_string().as_str())] { (name) } }
            } }
            label { "Hostility " select name="level" {
                @for (v, l) in [("", "Any"), ("tense", "Tense or worse"), ("angry", "Angry")] { option value=(v) selected[q.level.as_deref().unwrap_or("") == v] { (l) } }
            } }
            label.check { input type="checkbox" name="mine" value="1" checked[q.mine.is_some()]; " Mine" }
            label.check { input type="checkbox" name="escalated" value="1" checked[q.escalated.is_some()]; " Escalated to me" }
            label.check { input type="checkbox" name="overdue" value="1" checked[q.overdue.is_some()]; " Overdue follow-ups" }
            label.check { input type="checkbox" name="forgotten" value="1" checked[q.forgotten.is_some()]; " Forgotten" }
            button type="submit" { "Filter" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use defuse_storage::CaseStatus;

    fn case(latest: f64, step: i32) -> Case {
        Case {
            id: 1,
            client_id: 1,
            subject: String::new(),
            channel: "email".into(),
            status: CaseStatus::Open,
            assignee_id: None,
            team_id: 1,
            opened_at: Utc::now(),
            closed_at: None,
            peak_hostility: latest,
            latest_hostility: latest,
            main_causes: vec![],
            boundary_step: step,
            safety_at: None,
            forgotten_at: None,
            forgotten_escalated_at: None,
            open_followups: 0,
        }
    }

    #[test]
    fn hostility_boundary_and_overdue_raise_urgency() {
        let calm = urgency(&case(0.1, 0), 0, None, 1.0);
        assert!(urgency(&case(0.8, 0), 0, None, 1.0) > calm);
        assert!(urgency(&case(0.1, 2), 0, None, 1.0) > calm);
        assert!(urgency(&case(0.1, 0), 1, None, 1.0) > calm);
        assert!(urgency(&case(0.1, 0), 0, Some(Duration::hours(5)), 1.0) > calm);
        let mut threatened = case(0.1, 0);
        threatened.safety_at = Some(Utc::now());
        assert!(urgency(&threatened, 0, None, 1.0) > urgency(&case(0.8, 2), 1, None, 1.0));
        assert!(urgency(&case(0.8, 2), 0, None, 0.1) < urgency(&case(0.8, 2), 0, None, 1.0));
    }
}
