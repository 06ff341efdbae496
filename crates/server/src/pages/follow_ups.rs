//! Follow-ups: mine or my teams', due today, overdue, open or done — the same lists the API's
//! `/follow-ups` gives, with a button to mark each one done.

use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::dto::FollowUpOut;
use crate::routes::PageQuery;
use crate::routes::follow_ups::{FollowUpQuery, list_follow_ups};
use crate::state::AppState;

const VIEWS: [(&str, &str); 2] = [("mine", "Mine"), ("team", "My teams")];
const WHENS: [(&str, &str); 4] = [
    ("today", "Due today"),
    ("overdue", "Overdue"),
    ("open", "All open"),
    ("done", "Done"),
];

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
    let list = list_follow_ups(State(state), caller.clone(), Query(query), Query(page))
        .await?
        .0;
    let now = Utc::now();
    let body = html! {
        div.page-head { h1 { "Follow-ups" } p.muted { (list.total) " found." } }
        nav.tabs aria-label="Whose" {
            @for (v, label) in VIEWS { a href={ "/follow-ups?view=" (v) "&when=" (when) } aria-current=[(v == view).then_some("page")] { (label) } }
        }
        nav.tabs aria-label="When" {
            @for (w, label) in WHENS { a href={ "/follow-ups?view=" (view) "&when=" (w) } aria-current=[(w == when).then_some("page")] { (label) } }
        }
        @if list.items.is_empty() { p.empty { "Nothing here." } }
        ul.records.follow-ups { @for f in &list.items { li { (line(f, now)) } } }
    };
    Ok(layout::page("Follow-ups", &caller, Nav::FollowUps, body))
}

fn line(f: &FollowUpOut, now: DateTime<Utc>) -> Markup {
    let overdue = f.status == "open" && f.due_at.is_some_and(|d| d < now);
    html! {
        span class={ "badge fu-" (f.status) } { (f.status) }
        @if overdue { " " span.badge.overdue { "overdue" } }
        " " a href={ "/cases/" (f.case_id) } { (f.what) }
        @match f.due_at { Some(d) => { " · due " (layout::when(d, now)) }, None => { " · no due time" } }
        @if f.status == "open" {
            " "
            form.inline-button data-api={ "/api/v1/follow-ups/" (f.id) } data-method="PATCH" data-then="reload" {
                input type="hidden" name="status" value="done";
                button.small type="submit" { "Mark done" }
            }
        }
    }
}
