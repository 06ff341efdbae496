//! The follow-up message to a client: a short summary of what was agreed, what has been done
//! and what happens next and when, drafted from the case's agreed actions, its follow-ups and
//! its documentation, and read by our own draft check before it is offered. The agent edits
//! and sends it like any reply.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use defuse_core::coach::{self, Analysed};
use defuse_storage::{
    Case, FollowUp, FollowUpFilter, FollowUpStatus, Paging, Role, Store, StoreError,
};
use defuse_wire::ReplyCheckDto;

use crate::conversation::{self, recent_messages};
use crate::error::{AppError, AppResult};
use crate::jobs::local_time;
use crate::state::AppState;

/// What the message is made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The client's first name, if known.
    pub client: Option<String>,
    pub agent: String,
    pub agreed: Vec<String>,
    pub done: Vec<String>,
    /// Open promises with their due times, in the agent's time zone.
    pub next: Vec<(String, Option<String>)>,
    /// Opens by naming how the matter has felt for the client, which the draft check asks
    /// for while the client's last message was upset.
    pub acknowledge: bool,
}

/// The drafted message and what the draft check found in it.
pub struct Drafted {
    pub text: String,
    pub check: ReplyCheckDto,
}

/// The message `summary` makes, one short paragraph per part that has something in it.
pub fn compose(summary: &Summary) -> String {
    let greeting = match &summary.client {
        Some(name) => format!("Hello {name},"),
        None => "Hello,".to_owned(),
    };
    let mut parts = vec![greeting];
    if summary.acknowledge {
        parts.push("I can see how frustrating this has been.".to_owned());
    }
    parts.push("Here is a short summary of where things stand.".to_owned());
    if !summary.agreed.is_empty() {
        parts.push(format!("What we agreed: {}.", listed(&summary.agreed)));
    }
    if !summary.done.is_empty() {
        parts.push(format!("What has been done: {}.", listed(&summary.done)));
    }
    let next: Vec<String> = summary
        .next
        .iter()
        .map(|(what, when)| match when {
            Some(when) => format!("{what} (by {when})"),
            None => what.clone(),
        })
        .collect();
    if !next.is_empty() {
        parts.push(format!("What happens next: {}.", listed(&next)));
    }
    parts.push("If anything here is not what you expected, reply to this message.".to_owned());
    parts.push(format!("Kind regards,\n{}", summary.agent));
    parts.join("\n\n")
}

/// `a`, `a and b`, `a, b and c`, each without a closing full stop.
fn listed(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| in_sentence(item)).collect();
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// `item` as part of a sentence: no closing full stop, and a capital that only opened it
/// lowered ("Send the form" becomes "send the form"; "IBAN checked" and "I will" stay).
fn in_sentence(item: &str) -> String {
    let item = item.trim().trim_end_matches('.');
    let first_word = item
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let keep = first_word == "I" || first_word.chars().skip(1).any(char::is_uppercase);
    let mut chars = item.chars();
    match chars.next() {
        Some(first) if !keep => first.to_lowercase().chain(chars).collect(),
        _ => item.to_owned(),
    }
}

/// Drafts the follow-up message of `case` for `agent_id` and checks it against the case's
/// conversation; when the check asks for an acknowledgement, the draft opens with one.
pub async fn draft(state: &AppState, case: &Case, agent_id: i64) -> AppResult<Drafted> {
    let mut summary = summary(state.store.as_ref(), case, agent_id).await?;
    let role = state.store.user(agent_id).await?.role;
    let drafted = check(state, case, role, compose(&summary)).await?;
    let unheard = |d: &Drafted| {
        d.check
            .findings
            .iter()
            .any(|f| f.kind == "no_acknowledgement")
    };
    if !unheard(&drafted) {
        return Ok(drafted);
    }
    summary.acknowledge = true;
    check(state, case, role, compose(&summary)).await
}

/// `text` with what the draft check finds in it as a reply on `case`.
async fn check(state: &AppState, case: &Case, role: Role, text: String) -> AppResult<Drafted> {
    let history = recent_messages(state.store.as_ref(), case.id).await?;
    let offset = coach::UtcOffset::UTC;
    let talk = conversation::conversation(&history, offset);
    let (analyzer, policy) = (Arc::clone(&state.analyzer), state.policy_for(role));
    let (body, sent_at) = (text.clone(), conversation::timestamp(Utc::now()));
    let check = state
        .compute
        .run(move || {
            let analyses = conversation::analyses(&talk, &history, &analyzer);
            let analysed = Analysed::from_parts(&talk, analyses);
            let check = coach::check_reply_analysed(&body, &analysed, &policy, sent_at)?;
            Ok(ReplyCheckDto::new(&check, &body, offset))
        })
        .await?
        .map_err(|e: coach::CheckError| AppError::invalid("draft", e.to_string()))?;
    Ok(Drafted { text, check })
}

async fn summary(store: &dyn Store, case: &Case, agent_id: i64) -> AppResult<Summary> {
    let agent = store.user(agent_id).await?;
    let zone = match store.user_channels(agent_id).await {
        Ok(channels) => channels.time_zone,
        Err(StoreError::NotFound) => "UTC".to_owned(),
        Err(e) => return Err(e.into()),
    };
    let client = store.client(case.client_id).await?;
    let mut agreed: Vec<String> = store
        .list_agreed_actions(case.id)
        .await?
        .into_iter()
        .map(|action| action.text)
        .collect();
    if let Ok(documentation) = store.documentation(case.id).await {
        agreed.extend(Some(documentation.agreed).filter(|text| !text.trim().is_empty()));
    }
    let follow_ups = follow_ups(store, case.id).await?;
    let with = |status: FollowUpStatus| follow_ups.iter().filter(move |f| f.status == status);
    let when = |due: Option<DateTime<Utc>>| due.map(|at| local_time(at, &zone));
    Ok(Summary {
        client: client.name.split_whitespace().next().map(str::to_owned),
        agent: agent.display_name,
        agreed,
        done: with(FollowUpStatus::Done).map(|f| f.what.clone()).collect(),
        next: with(FollowUpStatus::Open)
            .map(|f| (f.what.clone(), when(f.due_at)))
            .collect(),
        acknowledge: false,
    })
}

async fn follow_ups(store: &dyn Store, case_id: i64) -> AppResult<Vec<FollowUp>> {
    let filter = FollowUpFilter {
        case_id: Some(case_id),
        ..FollowUpFilter::default()
    };
    let paging = Paging::first(defuse_storage::MAX_LIMIT).expect("the largest page is a page");
    Ok(store.list_follow_ups(filter, paging).await?.items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_what_was_agreed_done_and_next() {
        let summary = Summary {
            client: Some("Marta".into()),
            agent: "Ana".into(),
            agreed: vec!["a refund of the second charge".into()],
            done: vec![
                "Send the refund form.".into(),
                "Cancel the duplicate order".into(),
            ],
            next: vec![("Call you back".into(), Some("Tue 6 Jan 10:00 (UTC)".into()))],
            acknowledge: true,
        };
        let expected = "Hello Marta,\n\nI can see how frustrating this has been.\n\nHere is a short summary of where things stand.\n\n\
            What we agreed: a refund of the second charge.\n\n\
            What has been done: send the refund form and cancel the duplicate order.\n\n\
            What happens next: call you back (by Tue 6 Jan 10:00 (UTC)).\n\n\
            If anything here is not what you expected, reply to this message.\n\nKind regards,\nAna";
        assert_eq!(compose(&summary), expected);
        let bare = compose(&Summary {
            agent: "Ana".into(),
            ..Summary::default()
        });
        assert!(
            bare.starts_with("Hello,\n\nHere is") && !bare.contains("What"),
            "{bare}"
        );
    }
}
