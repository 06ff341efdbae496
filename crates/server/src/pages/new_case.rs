//! Opening a case from the console: pick the client (or add a new one first) and say what the
//! case is about, which team has it and whether the caller takes it. Both forms post to the
//! API (`/clients`, `/cases`); a new client comes back here chosen, a new case opens its page.

use axum::extract::{Query, State};
use defuse_storage::{ClientFilter, MAX_LIMIT, Paging};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::Caller;
use crate::state::AppState;

/// Channels a case can run on.
const CHANNELS: [&str; 4] = ["email", "chat", "phone", "letter"];

#[derive(Debug, Default, Deserialize)]
pub struct NewCaseQuery {
    /// The client to choose: the one just added.
    pub client: Option<i64>,
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(q): Query<NewCaseQuery>,
) -> PageResult {
    let store = state.store.as_ref();
    let mut clients = store
        .list_clients(ClientFilter::default(), Paging::first(MAX_LIMIT)?)
        .await?
        .items;
    clients.sort_by_key(|c| c.name.to_lowercase());
    let teams: Vec<(i64, String)> = store
        .list_teams(Paging::first(MAX_LIMIT)?)
        .await?
        .items
        .into_iter()
        .filter(|t| caller.in_team(t.id))
        .map(|t| (t.id, t.name))
        .collect();
    let body = html! {
        div.page-head {
            h1 { "New case" }
            p.muted { "Choose the client, or add them first; then log what they said on the case's page." }
        }
        div.new-case-grid {
            section.card aria-labelledby="case-h" {
                h2 id="case-h" { "The case" }
                @if teams.is_empty() {
                    p.callout { "You are in no team yet, so you cannot open a case. Ask an admin to add you to one." }
                } @else {
                    form id="case-form" data-api="/api/v1/cases" data-then="/cases/{id}" {
                        label for="case-client" { "Client" }
                        select id="case-client" name="client_id" data-type="int" required {
                            option value="" { "Choose a client" }
                            @for c in &clients {
                                option value=(c.id) selected[q.client == Some(c.id)] {
                                    (c.name) @if let Some(org) = &c.organisation { " (" (org) ")" }
                                }
                            }
                        }
                        label for="case-subject" { "What it is about" }
                        input id="case-subject" name="subject" required placeholder="Refund not received after three weeks";
                        label for="case-channel" { "Channel" }
                        select id="case-channel" name="channel" { @for c in CHANNELS { option value=(c) { (c) } } }
                        label for="case-team" { "Team" }
                        select id="case-team" name="team_id" data-type="int" required {
                            @for (id, name) in &teams { option value=(id) { (name) } }
                        }
                        label for="case-assignee" { "Who takes it" }
                        (assignee_choice(&caller))
                        p.form-error role="alert" {}
                        button.primary type="submit" { "Open case" }
                    }
                }
            }
            section.card aria-labelledby="client-h" {
                h2 id="client-h" { "A new client" }
                form id="client-form" data-api="/api/v1/clients" data-then="/cases/new?client={id}" {
                    label for="client-name" { "Name" }
                    input id="client-name" name="name" required autocomplete="off";
                    label for="client-email" { "Email" }
                    input id="client-email" name="emails" type="email" data-list="" autocomplete="off";
                    label for="client-phone" { "Phone" }
                    input id="client-phone" name="phones" type="tel" data-list="" autocomplete="off";
                    label for="client-org" { "Organisation" }
                    input id="client-org" name="organisation" data-optional="" autocomplete="off";
                    p.form-error role="alert" {}
                    button type="submit" { "Add client" }
                }
            }
        }
    };
    Ok(layout::page("New case", &caller, Nav::NewCase, body))
}

/// Me, or nobody yet (the first to answer the client takes it then).
fn assignee_choice(caller: &Caller) -> Markup {
    html! {
        select id="case-assignee" name="assignee_id" data-type="int" {
            option value=(caller.id()) { "Me (" (caller.user.display_name) ")" }
            option value="" { "Nobody yet: the first to answer takes it" }
        }
    }
}
