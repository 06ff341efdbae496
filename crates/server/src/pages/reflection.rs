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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use defuse_storage::CaseStatus;

    fn case(status: CaseStatus) -> Case {
        let opened_at = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
        Case {
            id: 7,
            client_id: 1,
            subject: String::new(),
            channel: "email".into(),
            status,
            assignee_id: None,
            team_id: 1,
            opened_at,
            closed_at: status.is_finished().then(|| opened_at + Duration::hours(5)),
            peak_hostility: 0.7,
            latest_hostility: 0.2,
            main_causes: vec![],
            boundary_step: 2,
            safety_at: None,
            forgotten_at: None,
            forgotten_escalated_at: None,
            open_followups: 0,
        }
    }

    fn work(reflection: Option<Reflection>) -> Work {
        Work {
            boundary_events: vec![],
            escalations: vec![],
            agreed: vec![],
            follow_ups: vec![],
            documentation: None,
            reflection,
            escalate_to: vec![],
        }
    }

    #[test]
    fn asked_for_once_finished_with_the_figures_beside_it_and_escaped() {
        assert!(
            card(&case(CaseStatus::Open), &work(None))
                .into_string()
                .is_empty()
        );
        let saved = Reflection {
            case_id: 7,
            went_well: "<b>stayed calm</b>".into(),
            do_differently: "call sooner".into(),
            by: 1,
            at: Utc::now(),
        };
        let shown = card(&case(CaseStatus::Closed), &work(Some(saved))).into_string();
        assert!(
            shown.contains("/api/v1/cases/7/reflection") && shown.contains("Update reflection")
        );
        assert!(shown.contains("&lt;b&gt;stayed calm") && !shown.contains("<b>stayed"));
        for figure in [
            "<dd>angry</dd>",
            "<dd>5 hours</dd>",
            "Boundary step reached</dt><dd>2</dd>",
        ] {
            assert!(shown.contains(figure), "{figure} in {shown}");
        }
    }
}
