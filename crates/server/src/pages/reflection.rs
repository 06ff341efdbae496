//! The reflection on a finished case: what went well and what to do differently, asked for once
//! the case is resolved or closed, with the case's own figures beside the form. Saved through
//! the API (`PUT /api/v1/cases/{id}/reflection`); the reports page shows them as lessons.

use chrono::Duration;
use defuse_storage::{Case, FollowUpStatus, Reflection};
use maud::{Markup, html};

use super::case_work::Work;
use super::layout;

/// The reflection card; nothing while the case is still being worked.
pub fn card(case: &Case, work: &Work) -> Markup {
    if !case.status.is_finished() {
        return html! {};
    }
    let saved: Option<&Reflection> = work.reflection.as_ref();
    html! {
        section.card.reflection aria-labelledby="reflect-h" {
            h2 id="reflect-h" { "Reflection" }
            div.reflect-grid {
                dl.figures { @for (name, value) in figures(case, work) { dt { (name) } dd { (value) } } }
                form id="reflect-form" data-api={ "/api/v1/cases/" (case.id) "/reflection" } data-method="PUT" data-then="reload" {
                    label for="reflect-well" { "What went well" }
                    textarea id="reflect-well" name="went_well" rows="2" { (saved.map_or("", |r| r.went_well.as_str())) }
                    label for="reflect-next" { "What to do differently next time" }
                    textarea id="reflect-next" name="do_differently" rows="2" { (saved.map_or("", |r| r.do_differently.as_str())) }
                    p.form-error role="alert" {}
                    button type="submit" { @if saved.is_some() { "Update reflection" } @else { "Save reflection" } }
                }
            }
        }
    }
}

/// The case's figures, as the reports count them.
fn figures(case: &Case, work: &Work) -> Vec<(&'static str, String)> {
    let kept = |status: FollowUpStatus| {
        work.follow_ups
            .iter()
            .filter(|f| f.status == status)
            .count()
    };
    let open_for = case.closed_at.map(|c| c - case.opened_at);
    vec![
        (
            "Peak level",
            layout::level_of(case.peak_hostility).to_owned(),
        ),
        ("Open for", open_for.map_or_else(|| "–".to_owned(), hours)),
        ("Boundary step reached", case.boundary_step.to_string()),
        ("Escalations", work.escalations.len().to_string()),
        ("Promises kept", kept(FollowUpStatus::Done).to_string()),
        ("Promises missed", kept(FollowUpStatus::Missed).to_string()),
    ]
}

fn hours(d: Duration) -> String {
    match d.num_minutes() {
        m if m < 120 => format!("{m} minutes"),
        m if m < 48 * 60 => format!("{} hours", m / 60),
        m => format!("{} days", m / (24 * 60)),
    }
}
