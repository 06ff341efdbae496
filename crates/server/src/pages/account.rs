//! The caller's account: who they are, their teams, where reminders reach them (a mail
//! address beside the console, the time zone their times are shown in and a supervisor's
//! digest hour), and the form that
//! changes their password (the one-time password printed at the first start is changed here). Changing it ends every
//! other session and revokes the user's API tokens; this session stays signed in and the page
//! says the change was made.

use axum::extract::{Query, State};
use defuse_storage::{MAX_LIMIT, Paging, Role, UserChannels};
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
        Ok(channels) => channels,
        Err(defuse_storage::StoreError::NotFound) => UserChannels {
            user_id: caller.id(),
            email: None,
            time_zone: "UTC".to_owned(),
            digest_hour: None,
            by_email: true,
            by_webhook: true,
            quiet_hours: None,
        },
        Err(e) => return Err(crate::error::AppError::from(e).into()),
    };
    let digest_default = caller
        .at_least(Role::Supervisor)
        .then(|| state.settings.reminders.digest_hour());
    let body = html! {
        div.page-head {
            h1 { "Your account" }
            p.meta { (u.display_name) " · " code { (u.username) } " · " (u.role.as_str()) " · "
                @if teams.is_empty() { "in no team" } @else { (teams.join(", ")) } }
        }
        (reminders(&channels, digest_default))
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

/// Where reminders reach the caller besides the console, their time zone and, for
/// supervisors (`digest_default` is the server's hour), the hour of their daily digest.
fn reminders(channels: &UserChannels, digest_default: Option<u32>) -> Markup {
    let email = channels.email.as_deref().unwrap_or_default();
    let zone = &channels.time_zone;
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
                label.check { input type="checkbox" name="by_email" checked[channels.by_email]; " Mail me (with an address above)" }
                label.check { input type="checkbox" name="by_webhook" checked[channels.by_webhook]; " Post to the team chat webhook" }
                label for="channel-quiet" { "Quiet hours (such as 22:00-07:00; mail and posts wait until they end, the console does not)" }
                input id="channel-quiet" name="quiet_hours" data-optional value=[channels.quiet_hours.as_deref()];
                @if let Some(default) = digest_default {
                    label for="channel-digest" { "Daily digest at (hour, 0 to 23; empty: " (default) ")" }
                    input id="channel-digest" name="digest_hour" type="number" min="0" max="23" data-type="int" value=[channels.digest_hour];
                }
                p.form-error role="alert" {}
                button.primary type="submit" { "Save" }
            }
        }
    }
}
