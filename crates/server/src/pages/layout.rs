//! The page shell (head, navigation, main) and the small pieces every page shares: badges for
//! levels, statuses and boundary steps, and times shown relative to now.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use defuse_storage::{CaseStatus, Role};
use maud::{DOCTYPE, Markup, html};

use crate::auth::Caller;
use crate::jobs::local_time;

/// Which navigation entry is the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Inbox,
    NewCase,
    FollowUps,
    Notifications,
    Reports,
    Coaching,
    TryIt,
    Admin,
    Jobs,
    Digest,
    Account,
    None,
}

/// A whole page for a signed-in `caller`.
pub fn page(title: &str, caller: &Caller, nav: Nav, body: Markup) -> Markup {
    let csrf = caller
        .session
        .as_ref()
        .map_or("", |s| s.csrf_token.as_str());
    let entries = [
        (Nav::Inbox, "/", "Inbox"),
        (Nav::NewCase, "/cases/new", "New case"),
        (Nav::FollowUps, "/follow-ups", "Follow-ups"),
        (Nav::Reports, "/reports", "Reports"),
        (Nav::Coaching, "/coaching", "Coaching"),
        (Nav::TryIt, "/try", "Try it"),
    ];
    shell(
        title,
        csrf,
        html! {
            header.topbar {
                a.brand href="/" { "defuse" }
                nav aria-label="Main" {
                    @for (entry, href, label) in entries {
                        a href=(href) aria-current=[(entry == nav).then_some("page")] { (label) }
                    }
                    a href="/notifications" aria-current=[(nav == Nav::Notifications).then_some("page")] {
                        "Notifications" " " span.badge.unread data-unread hidden { "0" }
                    }
                    @if caller.at_least(Role::Supervisor) {
                        a href="/digest" aria-current=[(nav == Nav::Digest).then_some("page")] { "Digest" }
                    }
                    @if caller.role() == Role::Admin {
                        a href="/admin" aria-current=[(nav == Nav::Admin).then_some("page")] { "Users and teams" }
                        a href="/admin/jobs" aria-current=[(nav == Nav::Jobs).then_some("page")] { "Dead jobs" }
                    }
                }
                form.signout data-api="/api/v1/auth/logout" data-then="/login" {
                    a.who href="/account" aria-current=[(nav == Nav::Account).then_some("page")] title="Your account and password" { (caller.user.display_name) " · " (caller.role().as_str()) }
                    button.link type="submit" { "Sign out" }
                }
            }
            main id="main" { (body) }
        },
    )
}

/// A page without navigation (sign-in, errors).
pub fn shell(title: &str, csrf: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="csrf-token" content=(csrf);
                title { (title) " · defuse" }
                link rel="stylesheet" href="/assets/console.css";
                script src="/assets/console.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                (body)
            }
        }
    }
}

pub fn error_page(status: StatusCode, message: &str) -> Markup {
    shell(
        status.canonical_reason().unwrap_or("Error"),
        "",
        html! {
            main id="main" .narrow {
                h1 { (status.as_u16()) " · " (status.canonical_reason().unwrap_or("Error")) }
                p { (message) }
                p { a href="/" { "Back to the inbox" } " · " a href="/login" { "Sign in" } }
            }
        },
    )
}

/// The level name of a case's hostility in 0..1, with the analysis's thresholds (abuse is a
/// judgement of its own, so a score alone never reads as `abusive`).
pub fn level_of(hostility: f64) -> &'static str {
    match hostility {
        h if h >= 0.6 => "angry",
        h if h >= 0.3 => "tense",
        _ => "calm",
    }
}

/// A coloured badge for a level name (`calm`, `tense`, `angry`, `abusive`).
pub fn level_badge(level: &str) -> Markup {
    html! { span class={ "badge level-" (level) } { (level.replace('_', " ")) } }
}

/// What a message's level rests on, as a row of a facts list: each span quoted with its reason.
pub fn level_reasons(a: &defuse_wire::AnalysisDto) -> Markup {
    html! {
        @if !a.level_evidence.is_empty() {
            dt { "Level because" }
            dd { @for e in &a.level_evidence { span.tag.reason { "“" (e.text) "” " small { (e.why) } } } }
        }
    }
}

pub fn status_badge(status: CaseStatus) -> Markup {
    html! { span class={ "badge status-" (status.as_str()) } { (status.as_str().replace('_', " ")) } }
}

/// `forgotten` (the client waits past the team's response target) or `forgotten, escalated`
/// (the supervisors were told); nothing for a case someone answered or that is finished.
pub fn forgotten_badge(case: &defuse_storage::Case) -> Markup {
    let title = "The client's last message has had no reply past the team's response target";
    html! {
        @if case.status.is_finished() {
        } @else if case.forgotten_escalated_at.is_some() {
            span.badge.forgotten title=(title) { "forgotten, escalated" }
        } @else if case.forgotten_at.is_some() {
            span.badge.forgotten title=(title) { "forgotten" }
        }
    }
}

/// The boundary step as a person reads it; nothing for step 0.
pub fn boundary_badge(step: i32) -> Markup {
    let name = match step {
        0 => return html! {},
        1 => "boundary: stated",
        2 => "boundary: final warning",
        _ => "boundary: hand over",
    };
    html! { span class={ "badge boundary-" (step.min(3)) } { (name) } }
}

/// A follow-up's state as a badge: `missed`, `overdue` (open past its due time), `open` or `done`.
pub fn follow_up_state(status: &str, due: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Markup {
    let overdue = status == "open" && due.is_some_and(|d| d < now);
    let (class, label) = match status {
        "missed" => ("missed", "missed"),
        _ if overdue => ("overdue", "overdue"),
        other => (other, other),
    };
    html! { span class={ "badge fu-" (class) } { (label) } }
}

/// When something is due: the time in the reader's `zone` and, beside it, how far that is
/// from now.
pub fn due(due: Option<DateTime<Utc>>, now: DateTime<Utc>, zone: &str) -> Markup {
    match due {
        Some(at) => html! { "due " (local_time(at, zone)) " (" (when(at, now)) ")" },
        None => html! { "no due time" },
    }
}

/// The button that marks an open follow-up done, with a note of what was done.
pub fn mark_done(follow_up_id: i64) -> Markup {
    html! {
        form.inline-button data-api={ "/api/v1/follow-ups/" (follow_up_id) } data-method="PATCH" data-then="reload" {
            input type="hidden" name="status" value="done";
            label.visually-hidden for={ "note-" (follow_up_id) } { "What was done (optional)" }
            input.small id={ "note-" (follow_up_id) } type="text" name="note" data-optional placeholder="What was done (optional)";
            button.small type="submit" { "Mark done" }
        }
    }
}

/// "Mon 7 Dec 09:30 UTC".
pub fn absolute(at: DateTime<Utc>) -> String {
    local_time(at, "UTC")
}

/// "3 h ago", "in 2 d", with the exact UTC time as a tooltip.
pub fn when(at: DateTime<Utc>, now: DateTime<Utc>) -> Markup {
    html! { time datetime=(at.to_rfc3339()) title=(at.format("%Y-%m-%d %H:%M UTC")) { (relative(at, now)) } }
}

pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - at).num_minutes();
    let span = minutes.unsigned_abs();
    let amount = match span {
        0 => return "just now".to_owned(),
        1..60 => format!("{span} min"),
        60..2880 => format!("{} h", span / 60),
        _ => format!("{} d", span / 1440),
    };
    if minutes > 0 {
        format!("{amount} ago")
    } else {
        format!("in {amount}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn relative_times_read_both_ways() {
        let now = Utc::now();
        assert_eq!(relative(now, now), "just now");
        assert_eq!(relative(now - Duration::minutes(5), now), "5 min ago");
        assert_eq!(relative(now - Duration::hours(3), now), "3 h ago");
        assert_eq!(relative(now + Duration::days(3), now), "in 3 d");
    }

    #[test]
    fn follow_up_states_name_what_went_wrong() {
        let now = Utc::now();
        let state = |status, due| follow_up_state(status, due, now).into_string();
        assert!(state("missed", Some(now - Duration::days(2))).contains(">missed<"));
        assert!(state("open", Some(now - Duration::hours(1))).contains(">overdue<"));
        assert!(state("open", Some(now + Duration::hours(1))).contains(">open<"));
        assert!(state("done", Some(now - Duration::hours(1))).contains(">done<"));
    }

    #[test]
    fn due_times_are_absolute_and_relative() {
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap();
        let text = due(Some(now + Duration::hours(26)), now, "UTC").into_string();
        assert!(text.contains("Sun 6 Dec 11:00 UTC"), "{text}");
        assert!(text.contains("in 26 h"), "{text}");
        let berlin = due(Some(now + Duration::hours(26)), now, "Europe/Berlin").into_string();
        assert!(berlin.contains("Sun 6 Dec 12:00 Europe/Berlin"), "{berlin}");
        assert_eq!(due(None, now, "UTC").into_string(), "no due time");
    }

    #[test]
    fn levels_follow_hostility() {
        assert_eq!(level_of(0.1), "calm");
        assert_eq!(level_of(0.45), "tense");
        assert_eq!(level_of(0.9), "angry");
    }
}
