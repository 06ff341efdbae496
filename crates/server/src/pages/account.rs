//! The caller's account: who they are, their teams, where reminders reach them (a mail
//! address beside the console, and the time zone their times are shown in), and the form that
//! changes their password (the one-time password printed at the first start is changed here). Changing it ends every
//! other session and revokes the user's API tokens; this session stays signed in and the page
//! says the change was made.

use axum::extract::{Query, State};
use defuse_storage::{MAX_LIMIT, Paging};
use maud::{Markup, html};

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::password::MIN_PASSWORD_LEN;
use crate::state::AppState;

/// `?changed=1` after the form changed the password.
#[derive(Debug, serde::Deserialize)]
pub struct AccountQuery {
    pub changed: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Query(q): Query<AccountQuery>,
) -> PageResult {
    let teams: Vec<String> = state
        .store
        .list_teams(Paging::first(MAX_LIMIT)?)
        .await?
        .items
        .into_iter()
        .filter(|t| caller.teams.binary_search(&t.id).is_ok())
        .map(|t| t.name)
        .collect();
    let u = &caller.user;
    let channels = match state.store.user_channels(caller.id()).await {
        Ok(channels) => (channels.email.unwrap_or_default(), channels.time_zone),
        Err(defuse_storage::StoreError::NotFound) => (String::new(), "UTC".to_owned()),
        Err(e) => return Err(crate::error::AppError::from(e).into()),
    };
    let body = html! {
        div.page-head {
            h1 { "Your account" }
            p.meta { (u.display_name) " · " code { (u.username) } " · " (u.role.as_str()) " · "
                @if teams.is_empty() { "in no team" } @else { (teams.join(", ")) } }
        }
        (reminders(&channels.0, &channels.1))
        section.card.narrow aria-labelledby="pw-h" {
            h2 id="pw-h" { "Change your password" }
            @if q.changed.is_some() {
                p.callout id="password-changed" role="status" { "Your password is changed. Every other session is signed out and your API tokens are revoked." }
            }
            p.muted { "At least " (MIN_PASSWORD_LEN) " characters. Every other session is signed out and your API tokens stop working." }
            form id="password-form" data-api="/api/v1/auth/password" data-then="/account?changed=1" {
                label for="current-password" { "Current password" }
                input id="current-password" name="current_password" type="password" autocomplete="current-password" required;
                label for="new-password" { "New password" }
                input id="new-password" name="new_password" type="password" autocomplete="new-password" required minlength=(MIN_PASSWORD_LEN);
                label for="repeat-password" { "New password again" }
                input id="repeat-password" type="password" autocomplete="new-password" required data-same-as="new-password";
                p.form-error role="alert" {}
                button.primary type="submit" { "Change password" }
            }
        }
    };
    Ok(layout::page("Your account", &caller, Nav::Account, body))
}

/// Where reminders reach the caller besides the console, and their time zone.
fn reminders(email: &str, zone: &str) -> Markup {
    html! {
        section.card.narrow aria-labelledby="reminders-h" {
            h2 id="reminders-h" { "Reminders" }
            p.muted { "Reminders of your promises appear under Notifications; with an address they are mailed too. Times are shown in your time zone." }
            form id="channels-form" data-api="/api/v1/me/channels" data-method="PUT" data-then="reload" {
                label for="channel-email" { "Mail address (leave empty for the console only)" }
                input id="channel-email" name="email" type="email" autocomplete="email" value=(email);
                label for="channel-zone" { "Time zone" }
                input id="channel-zone" name="time_zone" list="time-zones" required value=(zone);
                datalist id="time-zones" { @for tz in chrono_tz::TZ_VARIANTS { option value=(tz.name()) {} } }
                p.form-error role="alert" {}
                button.primary type="submit" { "Save" }
            }
        }
    }
}
