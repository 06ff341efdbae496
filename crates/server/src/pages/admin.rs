//! Users and teams, for admins: who is in which team, adding users and teams, and putting
//! people in teams. Changes go through the API's `/users` and `/teams`.

use axum::extract::State;
use defuse_storage::{Paging, Role};
use maud::html;

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::access::require_role;
use crate::state::AppState;

pub async fn page(State(state): State<AppState>, SignedIn(caller): SignedIn) -> PageResult {
    require_role(&state, &caller, Role::Admin, "users").await?;
    let store = state.store.as_ref();
    let users = store.list_users(Paging::first(500)?).await?.items;
    let teams = store.list_teams(Paging::first(500)?).await?.items;
    let mut members = Vec::with_capacity(teams.len());
    for t in &teams {
        members.push(store.team_members(t.id).await?);
    }
    let body = html! {
        div.page-head { h1 { "Users and teams" } }
        div.brief-grid {
            section.card {
                h2 { "Users (" (users.len()) ")" }
                table {
                    thead { tr { th { "Username" } th { "Name" } th { "Role" } } }
                    tbody { @for u in &users { tr { td { (u.username) } td { (u.display_name) } td { (u.role.as_str()) } } } }
                }
                h3 { "Add a user" }
                form data-api="/api/v1/users" data-show="generated_password" {
                    label for="u-name" { "Username" } input id="u-name" name="username" required;
                    label for="u-display" { "Display name" } input id="u-display" name="display_name";
                    label for="u-role" { "Role" }
                    select id="u-role" name="role" { @for r in Role::ALL { option value=(r.as_str()) { (r.as_str()) } } }
                    label for="u-pass" { "Password (leave empty to generate one)" } input id="u-pass" name="password" type="password" data-optional autocomplete="new-password";
                    p.form-error role="alert" {}
                    p.form-result role="status" {}
                    button type="submit" { "Add user" }
                }
            }
            section.card {
                h2 { "Teams (" (teams.len()) ")" }
                ul.records {
                    @for (t, m) in teams.iter().zip(&members) {
                        li { strong { (t.name) } ": " (m.iter().map(|u| u.display_name.as_str()).collect::<Vec<_>>().join(", ")) }
                    }
                }
                h3 { "Add a team" }
                form data-api="/api/v1/teams" data-then="reload" {
                    label for="t-name" { "Name" } input id="t-name" name="name" required;
                    p.form-error role="alert" {}
                    button type="submit" { "Add team" }
                }
                h3 { "Put someone in a team" }
                form data-api="/api/v1/teams/{team}/members/{user}" data-method="PUT" data-then="reload" {
                    label for="m-team" { "Team" }
                    select id="m-team" name="team" { @for t in &teams { option value=(t.id) { (t.name) } } }
                    label for="m-user" { "User" }
                    select id="m-user" name="user" { @for u in &users { option value=(u.id) { (u.display_name) " (" (u.username) ")" } } }
                    p.form-error role="alert" {}
                    button type="submit" { "Add to team" }
                }
            }
        }
    };
    Ok(layout::page("Users and teams", &caller, Nav::Admin, body))
}
