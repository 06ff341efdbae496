//! The console as a Chatwoot Dashboard App, in a tab beside the conversation: `/chatwoot` asks
//! the Chatwoot that frames it which conversation is open (`console.js` listens only to the
//! configured origin), and `/chatwoot/conversations/{account}/{id}` leads to that
//! conversation's case, or says that none is open yet.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use defuse_storage::LinkKind;
use maud::html;

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::error::AppError;
use crate::state::AppState;

/// Waits for Chatwoot's word of the open conversation.
pub async fn page(State(state): State<AppState>, SignedIn(caller): SignedIn) -> PageResult {
    let origin = state
        .settings
        .helpdesk
        .chatwoot
        .frame_origin()
        .ok_or(AppError::NotFound("Chatwoot dashboard app"))?;
    let body = html! {
        div.page-head { h1 { "defuse in Chatwoot" } }
        p #chatwoot-app data-origin=(origin) {
            "Waiting for Chatwoot to say which conversation is open..."
        }
    };
    Ok(layout::page("Chatwoot", &caller, Nav::None, body))
}

/// The case of Chatwoot conversation `id` in `account`, when there is one.
pub async fn conversation(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path((account, id)): Path<(u64, u64)>,
) -> PageResult<Response> {
    let key = [defuse_ingest::thread::conversation_key(&format!(
        "{account}/{id}"
    ))];
    let found = state
        .store
        .find_link("chatwoot", LinkKind::Case, &key)
        .await?;
    if let Some(case_id) = found {
        return Ok(Redirect::to(&format!("/cases/{case_id}")).into_response());
    }
    let body = html! {
        div.page-head { h1 { "No case yet" } }
        p.empty {
            "Chatwoot conversation " (id) " has no case in defuse yet: "
            "it opens with the client's first message after the webhook was set up."
        }
    };
    Ok(layout::page("No case yet", &caller, Nav::None, body).into_response())
}
