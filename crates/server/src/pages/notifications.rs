//! Notifications: what the caller was told (reminders of their promises, missed ones of their
//! teams), newest first, unread ones marked, each with a button to mark it read. The header's
//! count of unread ones is filled in by `console.js` from `/api/v1/notifications/unread`.

use axum::extract::State;
use defuse_storage::Paging;
use maud::{Markup, html};

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::dto::NotificationOut;
use crate::state::AppState;

/// The most notifications the page shows.
const SHOWN: i64 = 200;

pub async fn page(State(state): State<AppState>, SignedIn(caller): SignedIn) -> PageResult {
    let paging = Paging::first(SHOWN).expect("a page size within the limit");
    let notes = state.store.list_notifications(caller.id(), paging).await?;
    let body = html! {
        div.page-head { h1 { "Notifications" } p.muted { (notes.total) " in all." } }
        @if notes.items.is_empty() { p.empty { "Nothing yet." } }
        ul.records.notifications {
            @for note in notes.items.into_iter().map(NotificationOut::from) { li { (line(&note)) } }
        }
    };
    Ok(layout::page(
        "Notifications",
        &caller,
        Nav::Notifications,
        body,
    ))
}

fn line(note: &NotificationOut) -> Markup {
    let unread = note.read_at.is_none();
    html! {
        @if unread { span.badge.unread { "new" } " " }
        @match note.case_id {
            Some(case) => a.text href={ "/cases/" (case) } { (note.text) },
            None => span.text { (note.text) },
        }
        " · " span.muted { (layout::absolute(note.created_at)) }
        @if unread {
            form.inline-button data-api={ "/api/v1/notifications/" (note.id) "/read" } data-method="POST" data-then="reload" {
                button.small type="submit" { "Mark read" }
            }
        }
    }
}
