//! The team lead's page: the digest of the caller's teams as it stands now (missed promises
//! of the last day, forgotten and escalated cases; the same [`jobs::digest::Digest`] the daily
//! mail is written from), and per team the response target, working hours and holidays that
//! decide when a case is forgotten, with a form for supervisors to change them
//! (`PUT /api/v1/teams/{id}/response`).
//!
//! [`jobs::digest::Digest`]: crate::jobs::digest::Digest

use axum::extract::State;
use chrono::{DateTime, Utc};
use defuse_storage::{Case, MAX_LIMIT, Paging, Role};
use maud::{Markup, html};

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::access::require_role;
use crate::error::AppError;
use crate::jobs::digest::{MISSED_WITHIN, gather};
use crate::jobs::forgotten::{ResponsePolicy, team_policy};
use crate::jobs::local_time;
use crate::state::AppState;

pub async fn page(State(state): State<AppState>, SignedIn(caller): SignedIn) -> PageResult {
    require_role(&state, &caller, Role::Supervisor, "digest").await?;
    let store = state.store.as_ref();
    let now = Utc::now();
    let zone = super::time_zone(store, caller.id()).await?;
    let digest = gather(store, caller.id(), now)
        .await
        .map_err(AppError::Internal)?;
    let teams: Vec<_> = store
        .list_teams(Paging::first(MAX_LIMIT)?)
        .await?
        .items
        .into_iter()
        .filter(|t| caller.teams.binary_search(&t.id).is_ok())
        .collect();
    let mut policies = Vec::with_capacity(teams.len());
    for team in &teams {
        let policy = team_policy(store, &state.settings.reminders, team.id).await;
        policies.push(policy.map_err(AppError::Internal)?);
    }
    let body = html! {
        div.page-head {
            h1 { "Digest" }
            p.muted { "Your teams as they stand now. The same digest reaches you once a day at your digest hour (your account page), in the console and by mail." }
        }
        section.card aria-labelledby="missed-h" {
            h2 id="missed-h" { "Missed promises in the last " (MISSED_WITHIN.num_hours()) " hours (" (digest.missed.len()) ")" }
            @if digest.missed.is_empty() { p.empty { "None." } }
            ul.records id="digest-missed" {
                @for f in &digest.missed {
                    li { a href={ "/cases/" (f.case_id) } { (f.what) } " · case #" (f.case_id) " · " (layout::due(f.due_at, now, &zone)) }
                }
            }
        }
        (cases("forgotten-h", "Forgotten cases", "digest-forgotten", &digest.forgotten, |c| c.forgotten_at, "flagged", &zone))
        (cases("escalated-h", "Escalated cases", "digest-escalated", &digest.escalated, |c| c.forgotten_escalated_at, "escalated for no reply", &zone))
        @for (team, policy) in teams.iter().zip(&policies) {
            (response_form(team.id, &team.name, policy))
        }
        datalist id="time-zones" { @for tz in chrono_tz::TZ_VARIANTS { option value=(tz.name()) {} } }
    };
    Ok(layout::page("Digest", &caller, Nav::Digest, body))
}

fn cases(
    heading: &str,
    title: &str,
    list: &str,
    cases: &[Case],
    at: impl Fn(&Case) -> Option<DateTime<Utc>>,
    what: &str,
    zone: &str,
) -> Markup {
    html! {
        section.card aria-labelledby=(heading) {
            h2 id=(heading) { (title) " (" (cases.len()) ")" }
            @if cases.is_empty() { p.empty { "None." } }
            ul.records id=(list) {
                @for c in cases {
                    li {
                        a href={ "/cases/" (c.id) } { "#" (c.id) " " (c.subject) }
                        @if let Some(at) = at(c) { " · " (what) " " (local_time(at, zone)) }
                    }
                }
            }
        }
    }
}

/// A team's response target as it is, in a form its supervisors can change.
fn response_form(team_id: i64, name: &str, policy: &ResponsePolicy) -> Markup {
    let holidays: Vec<String> = policy.time.holidays.iter().map(|d| d.to_string()).collect();
    let hours = policy
        .time
        .hours
        .as_ref()
        .map(|h| h.to_string())
        .unwrap_or_default();
    let id = |field: &str| format!("r{team_id}-{field}");
    html! {
        section.card.narrow aria-labelledby=(id("h")) {
            h2 id=(id("h")) { "Response target: " (name) }
            p.muted { "A client message with no reply for this long, counted in working hours, flags its case forgotten; the second period escalates it to the team's supervisors." }
            form data-api={ "/api/v1/teams/" (team_id) "/response" } data-method="PUT" data-then="reload" {
                label for=(id("target")) { "Flag after (minutes)" }
                input id=(id("target")) name="target_minutes" type="number" min="1" required data-type="int" value=(policy.target.num_minutes());
                label for=(id("escalate")) { "Escalate after a further (minutes)" }
                input id=(id("escalate")) name="escalate_after_minutes" type="number" min="1" required data-type="int" value=(policy.escalate_after.num_minutes());
                label for=(id("zone")) { "Time zone" }
                input id=(id("zone")) name="time_zone" list="time-zones" required value=(policy.time.zone.name());
                label for=(id("hours")) { "Working hours (such as Mon-Fri 09:00-17:00; empty: around the clock)" }
                input id=(id("hours")) name="working_hours" value=(hours);
                label for=(id("holidays")) { "Holidays (dates such as 2026-12-24, separated by commas)" }
                input id=(id("holidays")) name="holidays" data-type="dates" value=(holidays.join(", "));
                p.form-error role="alert" {}
                button.primary type="submit" { "Save" }
            }
        }
    }
}
