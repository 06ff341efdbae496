//! A client: the brief the next person should read (history, what went wrong before, what
//! calmed them, missed and open promises, flags) and their cases, cut to the caller's teams exactly as the
//! API's `/clients/{id}/brief` cuts it.

use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use defuse_storage::CaseStatus;
use maud::{Markup, html};

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::dto::FollowUpOut;
use crate::routes::brief::brief;
use crate::state::AppState;

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
) -> PageResult {
    let zone = super::time_zone(state.store.as_ref(), caller.id()).await?;
    let b = brief(State(state), caller.clone(), Path(id)).await?.0;
    let now = Utc::now();
    let c = &b.client;
    let body = html! {
        div.page-head {
            p.crumbs { a href="/" { "Inbox" } " / client" }
            h1 { (c.name) }
            p.meta {
                @if let Some(org) = &c.organisation { (org) " · " }
                (c.emails.join(", ")) @if !c.phones.is_empty() { " · " (c.phones.join(", ")) }
                @if let Some(last) = b.last_contact { " · last contact " (layout::when(last, now)) }
            }
            p.badges { @for f in &b.flags { span.badge.flag { (f) } " " } }
        }
        div.brief-grid {
            section.card {
                h2 { "What went wrong before" }
                @if b.went_wrong_before.is_empty() { p.muted { "No recurring cause yet." } }
                ul { @for w in &b.went_wrong_before { li { (w.cause.replace('_', " ")) " · " (w.cases) " case(s)" } } }
            }
            section.card {
                h2 { "What calmed them" }
                @if b.calmed_by.is_empty() { p.muted { "Nothing observed yet." } }
                ul { @for m in &b.calmed_by { li { (m.kind.replace('_', " ")) " · " (m.times) "×" } } }
            }
            section.card.promises {
                h2 { "Promises" }
                @if b.open_promises.is_empty() && b.missed_promises.is_empty() { p.muted { "None open, none missed." } }
                ul {
                    @for f in &b.missed_promises { li { (promise(f, now, &zone)) } }
                    @for f in &b.open_promises { li { (promise(f, now, &zone)) } }
                }
            }
            section.card {
                h2 { "Agreed and learned" }
                ul {
                    @for a in &b.agreed_actions { li { (a.text) } }
                    @for l in &b.lessons { li.lesson { (l) } }
                }
                @if !c.notes.is_empty() { h3 { "Notes" } p.pre { (c.notes) } }
            }
        }
        section.card {
            h2 { "Cases" }
            ul.records {
                @for k in &b.cases {
                    li {
                        a href={ "/cases/" (k.id) } { (k.subject) } " "
                        (layout::status_badge(CaseStatus::parse(k.status).unwrap_or(CaseStatus::Open))) " "
                        (layout::level_badge(layout::level_of(k.peak_hostility))) " opened " (layout::when(k.opened_at, now))
                    }
                }
            }
        }
    };
    Ok(layout::page(&c.name, &caller, Nav::Inbox, body))
}

/// A promise with its state (missed, overdue or open) and its due time.
fn promise(f: &FollowUpOut, now: DateTime<Utc>, zone: &str) -> Markup {
    html! {
        (layout::follow_up_state(f.status, f.due_at, now)) " "
        a href={ "/cases/" (f.case_id) } { (f.what) }
        " · " (layout::due(f.due_at, now, zone))
    }
}
