//! The work side of a case page: who has the case and the button to take it, the form that logs
//! what the client said (an email pasted in, a chat, a call written up), the reply box with the
//! live draft check, and the forms that record a boundary step, escalate, agree an action, add a
//! follow-up and close the case with its documentation; plus the drafted documentation and
//! follow-up message, both editable.
//!
//! Every form here posts JSON to the API through `console.js` (`data-api`), so the rules and
//! the audit log are the API's.

use chrono::{DateTime, Utc};
use defuse_storage::{
    AgreedAction, BoundaryEvent, Case, CaseDocumentation, Direction, Escalation, EscalationFilter,
    FollowUp, FollowUpFilter, FollowUpStatus, Message, Paging, Reflection, Role, StoreError, User,
};
use maud::{Markup, html};
use serde_json::json;

use super::PageResult;
use super::case::Entry;
use super::layout;
use crate::state::AppState;

/// What has been done on a case so far.
pub struct Work {
    pub boundary_events: Vec<BoundaryEvent>,
    pub escalations: Vec<Escalation>,
    pub agreed: Vec<AgreedAction>,
    pub follow_ups: Vec<FollowUp>,
    pub documentation: Option<CaseDocumentation>,
    pub reflection: Option<Reflection>,
    /// Supervisors and admins, who can take an escalation.
    pub escalate_to: Vec<User>,
}

impl Work {
    pub async fn load(state: &AppState, case: &Case) -> PageResult<Work> {
        let store = state.store.as_ref();
        let documentation = found(store.documentation(case.id).await)?;
        let reflection = found(store.reflection(case.id).await)?;
        let escalations = store
            .list_escalations(
                EscalationFilter {
                    case_id: Some(case.id),
                    ..EscalationFilter::default()
                },
                Paging::first(100)?,
            )
            .await?
            .items;
        let follow_ups = store
            .list_follow_ups(
                FollowUpFilter {
                    case_id: Some(case.id),
                    ..FollowUpFilter::default()
                },
                Paging::first(200)?,
            )
            .await?
            .items;
        let escalate_to = store
            .list_users(Paging::first(500)?)
            .await?
            .items
            .into_iter()
            .filter(|u| u.role != Role::Agent)
            .collect();
        Ok(Work {
            boundary_events: store.list_boundary_events(case.id).await?,
            escalations,
            agreed: store.list_agreed_actions(case.id).await?,
            follow_ups,
            documentation,
            reflection,
            escalate_to,
        })
    }
}

/// A record that may not exist yet.
fn found<T>(result: Result<T, StoreError>) -> PageResult<Option<T>> {
    match result {
        Ok(record) => Ok(Some(record)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Channels a client message can come through, offered when logging one.
const CHANNELS: [&str; 5] = ["email", "chat", "phone", "letter", "in person"];

/// Who has the case, and a button for anyone else to take it.
pub fn assignment(case: &Case, assignee: Option<&str>, me: i64) -> Markup {
    html! {
        div.assignment {
            @match assignee { Some(name) => { "Assigned to " strong { (name) } }, None => { "Nobody has taken this case yet." } }
            @if case.assignee_id != Some(me) {
                " "
                form.inline-button data-api={ "/api/v1/cases/" (case.id) } data-method="PATCH" data-then="reload" {
                    input type="hidden" name="assignee_id" value=(me) data-type="int";
                    button.small type="submit" id="take-case" { "Take" }
                    span.form-error role="alert" {}
                }
            }
        }
    }
}

/// The form that logs a client message: analysed and coached like any other inbound message.
pub fn log_inbound(case: &Case) -> Markup {
    html! {
        section.card.log-inbound aria-labelledby="log-h" {
            h2 id="log-h" { "Log what the client said" }
            form id="inbound-form" data-api={ "/api/v1/cases/" (case.id) "/messages/inbound" } data-then="reload" {
                label for="inbound-body" { "Their message, as they wrote it, or a phone call written up" }
                textarea id="inbound-body" name="body" rows="5" required placeholder="Paste the email or chat here" {}
                div.row {
                    label for="inbound-channel" { "Came by" }
                    select id="inbound-channel" name="channel" {
                        @for c in CHANNELS { option value=(c) selected[c == case.channel] { (c) } }
                        @if !CHANNELS.contains(&case.channel.as_str()) { option value=(case.channel) selected { (case.channel) } }
                    }
                    label for="inbound-at" { "Received (leave empty for now)" }
                    input id="inbound-at" name="at" type="datetime-local" data-type="datetime";
                }
                p.form-error role="alert" {}
                button.primary type="submit" { "Log client message" }
            }
        }
    }
}

/// The reply box: the draft check runs as the agent types; sending a draft it did not pass asks
/// first.
pub fn reply_box(case: &Case, recent: &[Message]) -> Markup {
    let turns: Vec<serde_json::Value> = recent
        .iter()
        .filter_map(|m| {
            let role = match m.direction {
                Direction::Inbound => "client",
                Direction::Outbound => "agent",
                Direction::InternalNote => return None,
            };
            Some(json!({ "role": role, "text": m.body, "at": m.at }))
        })
        .collect();
    html! {
        section.card aria-labelledby="reply-h" {
            h2 id="reply-h" { "Your reply" }
            form id="reply-form" data-api={ "/api/v1/cases/" (case.id) "/messages/outbound" } data-then="reload" data-check-turns=(serde_json::Value::from(turns)) {
                label for="reply" .visually-hidden { "Reply to the client" }
                textarea id="reply" name="body" rows="7" required placeholder="Write your reply; it is checked as you type." {}
                div id="check" aria-live="polite" {
                    p id="check-verdict" .muted { "The check appears here as you type." }
                    div id="check-preview" .preview hidden {}
                    ul id="check-findings" .findings {}
                }
                div id="revise-warning" .callout.warning role="alert" hidden {
                    strong { "This draft needs revising." }
                    p { "The check found wording likely to make things worse. Revise it, or send it as it is." }
                    button type="button" id="send-anyway" .danger { "Send anyway" }
                    " "
                    button type="button" id="keep-editing" { "Keep editing" }
                }
                p.form-error role="alert" {}
                button.primary type="submit" { "Send reply" }
                " "
                button type="button" data-fill-api={ "/api/v1/cases/" (case.id) "/follow-up-message" } title="A summary to the client of what was agreed, what has been done and what happens next" { "Draft follow-up message" }
            }
        }
    }
}

/// The forms and records of the work on the case.
/// `clock` is now and the reader's time zone.
pub fn panels(case: &Case, work: &Work, entries: &[Entry], clock: (DateTime<Utc>, &str)) -> Markup {
    let (now, zone) = clock;
    let base = format!("/api/v1/cases/{}", case.id);
    let last_inbound = entries
        .iter()
        .rev()
        .find(|e| e.message.direction == Direction::Inbound)
        .map(|e| e.message.id);
    html! {
        section.card aria-labelledby="work-h" {
            h2 id="work-h" { "Work on the case" }
            details.follow-ups open[!work.follow_ups.is_empty()] {
                summary { "Follow-ups (" (work.follow_ups.iter().filter(|f| f.status == FollowUpStatus::Open).count()) " open)" }
                ul.records { @for f in &work.follow_ups { li { (follow_up_line(f, now, zone)) } } }
                form.inline data-api={ (base) "/follow-ups" } data-then="reload" {
                    label for="fu-what" { "What" }
                    input id="fu-what" name="what" required placeholder="Call back with the refund reference";
                    label for="fu-due" { "Due" }
                    input id="fu-due" name="due_at" type="datetime-local" data-type="datetime";
                    p.form-error role="alert" {}
                    button type="submit" { "Add follow-up" }
                }
            }
            details {
                summary { "Agreed actions (" (work.agreed.len()) ")" }
                ul.records { @for a in &work.agreed { li { (a.text) " · " (layout::when(a.at, now)) } } }
                form.inline data-api={ (base) "/agreed-actions" } data-then="reload" {
                    label for="agree-text" { "Agreed with the client" }
                    input id="agree-text" name="text" required placeholder="Refund the second charge";
                    p.form-error role="alert" {}
                    button type="submit" { "Agree action" }
                }
            }
            details {
                summary { "Boundary (" (work.boundary_events.len()) " recorded)" }
                ul.records { @for b in &work.boundary_events { li { "Step " (b.step) " · " (layout::when(b.at, now)) @if b.acknowledged_at.is_some() { " · acknowledged" } } } }
                form.inline data-api={ (base) "/boundary-events" } data-then="reload" {
                    label for="b-step" { "Step" }
                    select id="b-step" name="step" data-type="int" {
                        option value="1" { "1 · say what is acceptable" }
                        option value="2" { "2 · final warning with the consequence" }
                        option value="3" { "3 · hand over or end the conversation" }
                    }
                    @if let Some(m) = last_inbound { input type="hidden" name="message_id" value=(m) data-type="int"; }
                    p.form-error role="alert" {}
                    button type="submit" { "Record boundary step" }
                }
            }
            details {
                summary { "Escalate (" (work.escalations.len()) " so far)" }
                ul.records { @for e in &work.escalations { li { (e.reason) " · " (layout::when(e.at, now)) } } }
                form.inline data-api={ (base) "/escalations" } data-then="reload" {
                    label for="esc-to" { "To" }
                    select id="esc-to" name="to_user_id" data-type="int" required {
                        @for u in &work.escalate_to { option value=(u.id) { (u.display_name) " (" (u.role.as_str()) ")" } }
                    }
                    label for="esc-why" { "Why" }
                    input id="esc-why" name="reason" required placeholder="Threats after two warnings";
                    p.form-error role="alert" {}
                    button type="submit" { "Escalate" }
                }
            }
        }
        (documentation(case, work, entries))
        (super::reflection::card(case, work))
        (follow_up_message(work))
    }
}

fn follow_up_line(f: &FollowUp, now: DateTime<Utc>, zone: &str) -> Markup {
    html! {
        (layout::follow_up_state(f.status.as_str(), f.due_at, now))
        " " (f.what) " · " (layout::due(f.due_at, now, zone))
        @if let Some(note) = &f.done_note { " · " span.muted { (note) } }
        @if f.status == FollowUpStatus::Open { " " (layout::mark_done(f.id)) }
    }
}

/// The documentation form, prefilled from the case when nothing is saved yet; it can also close the case.
fn documentation(case: &Case, work: &Work, entries: &[Entry]) -> Markup {
    let drafted = draft_documentation(case, work, entries);
    let doc = work.documentation.as_ref();
    let field = |saved: Option<&String>, drafted: String| {
        saved
            .filter(|s| !s.trim().is_empty())
            .cloned()
            .unwrap_or(drafted)
    };
    html! {
        section.card aria-labelledby="doc-h" {
            h2 id="doc-h" { "Documentation" }
            @if doc.is_none() { p.muted { "A draft from the case so far; edit it before saving." } }
            form id="doc-form" data-api={ "/api/v1/cases/" (case.id) "/documentation" } data-method="PUT" data-then="reload" {
                label for="doc-concerns" { "The client's concerns" }
                textarea id="doc-concerns" name="concerns" rows="3" { (field(doc.map(|d| &d.concerns), drafted.concerns)) }
                label for="doc-steps" { "Steps taken" }
                textarea id="doc-steps" name="steps_taken" rows="3" { (field(doc.map(|d| &d.steps_taken), drafted.steps_taken)) }
                label for="doc-agreed" { "Agreed" }
                textarea id="doc-agreed" name="agreed" rows="3" { (field(doc.map(|d| &d.agreed), drafted.agreed)) }
                label for="doc-outcome" { "Outcome" }
                textarea id="doc-outcome" name="outcome" rows="2" placeholder="How it ended, and what the next person should know" { (doc.map(|d| d.outcome.clone()).unwrap_or_default()) }
                p.form-error role="alert" {}
                div.buttons {
                    button type="submit" { "Save documentation" }
                    @if !case.status.is_finished() {
                        button.primary type="submit" id="close-case" data-also-api={ "/api/v1/cases/" (case.id) } data-also-method="PATCH" data-also-body=r#"{"status":"closed"}"# { "Save and close case" }
                    }
                }
            }
        }
    }
}

/// Documentation fields drafted from what the case holds.
pub struct Drafted {
    pub concerns: String,
    pub steps_taken: String,
    pub agreed: String,
}

pub fn draft_documentation(case: &Case, work: &Work, entries: &[Entry]) -> Drafted {
    let mut concerns: Vec<String> = entries
        .iter()
        .filter_map(|e| e.analysis.as_ref())
        .flat_map(|a| a.concerns.iter().map(|c| format!("- {}", c.text)))
        .collect();
    concerns.dedup();
    if !case.main_causes.is_empty() {
        concerns.push(format!(
            "Main causes: {}.",
            case.main_causes.join(", ").replace('_', " ")
        ));
    }
    let replies = entries
        .iter()
        .filter(|e| e.message.direction == Direction::Outbound)
        .count();
    let mut steps = vec![format!("{replies} replies sent.")];
    if let Some(b) = work.boundary_events.last() {
        steps.push(format!("Boundary step {} recorded.", b.step));
    }
    steps.extend(
        work.escalations
            .iter()
            .map(|e| format!("Escalated: {}.", e.reason)),
    );
    let done = work
        .follow_ups
        .iter()
        .filter(|f| f.status == FollowUpStatus::Done)
        .count();
    if done > 0 {
        steps.push(format!("{done} follow-ups done."));
    }
    Drafted {
        concerns: concerns.join("\n"),
        steps_taken: steps.join("\n"),
        agreed: work
            .agreed
            .iter()
            .map(|a| format!("- {}", a.text))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A message to the client summing up what was agreed and what happens next, editable.
fn follow_up_message(work: &Work) -> Markup {
    html! {
        section.card aria-labelledby="sum-h" {
            h2 id="sum-h" { "Summary for the client" }
            label for="summary-text" .visually-hidden { "Summary message" }
            textarea id="summary-text" rows="6" { (summary_text(work)) }
            button type="button" data-fill-from="summary-text" { "Put in the reply" }
        }
    }
}

pub fn summary_text(work: &Work) -> String {
    let open: Vec<&FollowUp> = work
        .follow_ups
        .iter()
        .filter(|f| f.status == FollowUpStatus::Open)
        .collect();
    if work.agreed.is_empty() && open.is_empty() {
        return "Thank you for your time today. Nothing is agreed yet; I will write again as soon as there is a next step.".to_owned();
    }
    let mut text = String::from(
        "Thank you for your time today. To make sure we see it the same way, this is what we agreed:\n",
    );
    for a in &work.agreed {
        text.push_str(&format!("- {}\n", a.text));
    }
    for f in open {
        match f.due_at {
            Some(due) => text.push_str(&format!(
                "- {} (by {})\n",
                f.what,
                due.format("%A %e %B, %H:%M UTC")
            )),
            None => text.push_str(&format!("- {}\n", f.what)),
        }
    }
    text.push_str("If any of this is not what you understood, reply to this message and we will put it right.");
    text
}
