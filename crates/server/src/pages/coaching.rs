//! An agent's own coaching: what the draft check found in the replies they sent, week by
//! week, how many went out marked `revise`, and examples from their own cases. A supervisor
//! picks an agent of their teams (or sees them all).

use axum::extract::{Query, State};
use chrono::Utc;
use maud::{Markup, html};

use super::layout::{self, Nav};
use super::reports::{agent_choice, agents, figure};
use super::{PageResult, SignedIn};
use crate::reports::coaching::Coaching;
use crate::reports::scope::{ReportQuery, text};
use crate::reports::{self, names};
use crate::state::AppState;

/// The keys of the coaching charts, so a figure's link finds its chart here.
pub const KEYS: [&str; 2] = ["faults", "verdicts"];

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(mut q): Query<ReportQuery>,
) -> PageResult {
    if q.days.is_none() && q.since.is_none() && q.until.is_none() {
        q.days = Some("90".to_owned());
    }
    let (filter, coaching) = reports::coaching(&state, &caller, &q, Utc::now()).await?;
    let whose = match filter.assignee_id {
        Some(id) if id == caller.id() => "your".to_owned(),
        Some(id) => {
            let named = names(state.store.as_ref(), std::iter::once(id)).await?;
            format!("{}'s", named.get(&id).map_or("the agent", String::as_str))
        }
        None => "your teams'".to_owned(),
    };
    let agents = agents(&state, &caller).await?;
    let query = q.to_query_string();
    let body = html! {
        div.page-head {
            h1 { "Coaching" }
            p.muted {
                "What the draft check found in " (whose) " " (coaching.replies) " replies sent "
                @match text(&q.days) { Some(d) => { "in the last " (d) " days" }, None => { "in the period" } }
                ". A fall week by week is the goal."
            }
            @if !agents.is_empty() {
                form.filters method="get" action="/coaching" {
                    (agent_choice(&agents, &q))
                    input type="hidden" name="days" value=[text(&q.days)];
                    button type="submit" { "Show" }
                }
            }
        }
        @for chart in &coaching.charts { (figure(chart, &query)) }
        (examples(&coaching))
    };
    Ok(layout::page("Coaching", &caller, Nav::Coaching, body))
}

fn examples(coaching: &Coaching) -> Markup {
    html! {
        section.card #examples {
            h2 { "From your own cases" }
            @if coaching.examples.is_empty() {
                p.muted { "The check found nothing to fix in these replies." }
            }
            ul.examples {
                @for e in &coaching.examples {
                    li {
                        a href={ "/cases/" (e.case_id) } { "Case " (e.case_id) } " · " (e.at.format("%Y-%m-%d")) ": "
                        q { (e.finding.text) } " — " (e.finding.message)
                        @if !e.finding.rewrite.is_empty() { " Instead: " q { (e.finding.rewrite) } }
                    }
                }
            }
        }
    }
}
