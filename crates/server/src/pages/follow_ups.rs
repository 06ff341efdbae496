//! Follow-ups: mine or my teams', due today, overdue, open, missed or done — the same lists the
//! API's `/follow-ups` gives, each with its client, case and due time, and a button to mark an
//! open one done.

use std::collections::HashMap;

use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use defuse_storage::Store;
use maud::{Markup, html};

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::dto::FollowUpOut;
use crate::routes::PageQuery;
use crate::routes::follow_ups::{FollowUpQuery, list_follow_ups};
use crate::state::AppState;

const VIEWS: [(&str, &str); 2] = [("mine", "Mine"), ("team", "My teams")];
const WHENS: [(&str, &str); 5] = [
    ("today", "Due today"),
    ("overdue", "Overdue"),
    ("open", "All open"),
    ("missed", "Missed"),
    ("done", "Done"),
];

/// The case a follow-up belongs to, as a row names it.
struct CaseName {
    subject: String,
    client_id: i64,
    client: String,
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(q): Query<FollowUpQuery>,
) -> PageResult {
    let view = q.view.clone().unwrap_or_else(|| "mine".to_owned());
    let when = q.when.clone().unwrap_or_else(|| "today".to_owned());
    let query = FollowUpQuery {
        view: Some(view.clone()),
        when: Some(when.clone()),
    };
    let page = PageQuery {
        limit: Some(200),
        offset: None,
    };
    let list = list_follow_ups(
        State(state.clone()),
        caller.clone(),
        Query(query),
        Query(page),
    )
    .await?
    .0;
    let names = case_names(state.store.as_ref(), &list.items).await?;
    let now = Utc::now();
    let zone = super::time_zone(state.store.as_ref(), caller.id()).await?;
    let body = html! {
        div.page-head { h1 { "Follow-ups" } p.muted { (list.total) " found." } }
        nav.tabs aria-label="Whose" {
            @for (v, label) in VIEWS { a href={ "/follow-ups?view=" (v) "&when=" (when) } aria-current=[(v == view).then_some("page")] { (label) } }
        }
        nav.tabs aria-label="When" {
            @for (w, label) in WHENS { a href={ "/follow-ups?view=" (view) "&when=" (w) } aria-current=[(w == when).then_some("page")] { (label) } }
        }
        @if list.items.is_empty() { p.empty { "Nothing here." } }
        ul.records.follow-ups { @for f in &list.items { li { (line(f, names.get(&f.case_id), now, &zone)) } } }
    };
    Ok(layout::page("Follow-ups", &caller, Nav::FollowUps, body))
}

async fn case_names(
    store: &dyn Store,
    items: &[FollowUpOut],
) -> PageResult<HashMap<i64, CaseName>> {
    let mut names = HashMap::new();
    let mut clients: HashMap<i64, String> = HashMap::new();
    for f in items {
        if names.contains_key(&f.case_id) {
            continue;
        }
        let case = store.case(f.case_id).await?;
        if !clients.contains_key(&case.client_id) {
            let client = store.client(case.client_id).await?;
            clients.insert(client.id, client.name);
        }
        let name = CaseName {
            subject: case.subject,
            client_id: case.client_id,
            client: clients[&case.client_id].clone(),
        };
        names.insert(f.case_id, name);
    }
    Ok(names)
}

fn line(f: &FollowUpOut, case: Option<&CaseName>, now: DateTime<Utc>, zone: &str) -> Markup {
    html! {
        (layout::follow_up_state(f.status, f.due_at, now))
        " " a href={ "/cases/" (f.case_id) } { (f.what) }
        " · " (layout::due(f.due_at, now, zone))
        @if let Some(c) = case {
            span.fu-case { " · " a href={ "/clients/" (c.client_id) } { (c.client) } " · " a href={ "/cases/" (f.case_id) } { (c.subject) } }
        }
        @if f.status == "open" { " " (layout::mark_done(f.id)) }
    }
}
