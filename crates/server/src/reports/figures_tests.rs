//! Each chart of the reports page against facts counted by hand: four cases over two weeks
//! (starting Monday 2026-11-30), two agents.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use defuse_storage::{CaseFacts, FollowUpFact, FollowUpStatus, ReportFacts, StepFact};

use super::*;

fn day(d: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, hour, 0, 0).unwrap()
}

fn case(id: i64, opened_at: DateTime<Utc>, peak: f64, causes: &[&str]) -> CaseFacts {
    CaseFacts {
        id,
        opened_at,
        first_reply_at: None,
        closed_at: None,
        assignee_id: Some(1),
        channel: "email".into(),
        peak_hostility: peak,
        main_causes: causes.iter().map(|c| (*c).to_owned()).collect(),
    }
}

fn kept(case_id: i64, owner: i64, status: FollowUpStatus, late: Option<bool>) -> FollowUpFact {
    let due = day(3, 12);
    FollowUpFact {
        case_id,
        owner_id: Some(owner),
        status,
        due_at: Some(due),
        done_at: late.map(|l| {
            if l {
                due + Duration::hours(2)
            } else {
                due - Duration::hours(2)
            }
        }),
    }
}

/// Week one (Nov 30): cases 1 (angry, billing), 2 (tense, billing and delivery).
/// Week two (Dec 7): cases 3 (calm, delivery), 4 (angry, no cause).
fn facts() -> ReportFacts {
    let mut cases = vec![
        case(
            1,
            Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
            0.8,
            &["billing_error"],
        ),
        case(2, day(2, 9), 0.45, &["billing_error", "late_delivery"]),
        case(3, day(7, 9), 0.1, &["late_delivery"]),
        case(4, day(13, 23), 0.6, &[]),
    ];
    // First replies after 1, 3 and 2 hours; case 1 resolved after 10 hours, case 3 after 30.
    cases[0].first_reply_at = Some(cases[0].opened_at + Duration::hours(1));
    cases[1].first_reply_at = Some(cases[1].opened_at + Duration::hours(3));
    cases[2].first_reply_at = Some(cases[2].opened_at + Duration::hours(2));
    cases[0].closed_at = Some(cases[0].opened_at + Duration::hours(10));
    cases[2].closed_at = Some(cases[2].opened_at + Duration::hours(30));
    ReportFacts {
        cases,
        boundary_steps: vec![
            StepFact {
                case_id: 1,
                step: 1,
            },
            StepFact {
                case_id: 1,
                step: 2,
            },
            StepFact {
                case_id: 4,
                step: 1,
            },
            StepFact {
                case_id: 4,
                step: 3,
            },
        ],
        escalated_cases: vec![1, 4, 4],
        follow_ups: vec![
            kept(1, 1, FollowUpStatus::Done, Some(false)),
            kept(2, 1, FollowUpStatus::Done, Some(true)),
            kept(2, 1, FollowUpStatus::Missed, None),
            kept(3, 2, FollowUpStatus::Done, Some(false)),
            kept(4, 2, FollowUpStatus::Open, None),
        ],
        reflections: Vec::new(),
    }
}

fn chart(key: &str) -> Chart {
    let facts = facts();
    let weeks = weeks(facts.cases[0].opened_at, day(13, 23));
    let agents = HashMap::from([(1, "Ana".to_owned()), (2, "Ben".to_owned())]);
    charts(&facts, &weeks, &agents)
        .into_iter()
        .find(|c| c.key == key)
        .unwrap()
}

/// A series: its name, its values and the cases behind each.
type Drawn = (String, Vec<Option<f64>>, Vec<Vec<i64>>);

/// Each series as its values, and as the cases behind them.
fn values(chart: &Chart) -> Vec<Drawn> {
    chart
        .series
        .iter()
        .map(|s| {
            let values = s.cells.iter().map(|c| c.value).collect();
            let cases = s.cells.iter().map(|c| c.cases.clone()).collect();
            (s.name.clone(), values, cases)
        })
        .collect()
}

#[test]
fn weeks_start_on_monday_and_cover_the_period() {
    let w = weeks(day(2, 9), day(13, 23));
    assert_eq!(
        w.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["2026-11-30", "2026-12-07"]
    );
    assert_eq!(week_of(day(6, 23)).to_string(), "2026-11-30");
}

#[test]
fn difficult_cases_by_peak_level() {
    let c = chart("difficult");
    assert_eq!(c.columns, ["2026-11-30", "2026-12-07"]);
    assert_eq!(
        values(&c),
        [
            (
                "tense".to_owned(),
                vec![Some(1.0), Some(0.0)],
                vec![vec![2], vec![]]
            ),
            (
                "angry".to_owned(),
                vec![Some(1.0), Some(1.0)],
                vec![vec![1], vec![4]]
            ),
        ]
    );
}

#[test]
fn root_causes_per_week() {
    assert_eq!(
        values(&chart("causes")),
        [
            (
                "billing error".to_owned(),
                vec![Some(2.0), Some(0.0)],
                vec![vec![1, 2], vec![]]
            ),
            (
                "late delivery".to_owned(),
                vec![Some(1.0), Some(1.0)],
                vec![vec![2], vec![3]]
            ),
        ]
    );
}

#[test]
fn boundary_steps_by_step() {
    let steps: Vec<_> = values(&chart("boundary"))
        .into_iter()
        .map(|(_, v, _)| v)
        .collect();
    assert_eq!(
        steps,
        [
            vec![Some(1.0), Some(1.0)],
            vec![Some(1.0), Some(0.0)],
            vec![Some(0.0), Some(1.0)],
        ]
    );
}

#[test]
fn escalations_count_each_hand_over() {
    assert_eq!(
        values(&chart("escalations")),
        [(
            "escalations".to_owned(),
            vec![Some(1.0), Some(2.0)],
            vec![vec![1], vec![4]]
        ),]
    );
}

#[test]
fn median_hours_to_first_reply_and_resolution() {
    assert_eq!(
        values(&chart("reply_times")),
        [
            // Week one: 1 and 3 hours, median 2; week two: case 3 alone (case 4 has no reply).
            (
                "first reply".to_owned(),
                vec![Some(2.0), Some(2.0)],
                vec![vec![1, 2], vec![3]]
            ),
            (
                "resolution".to_owned(),
                vec![Some(10.0), Some(30.0)],
                vec![vec![1], vec![3]]
            ),
        ]
    );
}

#[test]
fn follow_ups_kept_late_and_missed_per_agent() {
    let c = chart("follow_ups");
    assert_eq!(c.columns, ["Ana", "Ben"]);
    assert_eq!(
        values(&c),
        [
            (
                "kept on time".to_owned(),
                vec![Some(1.0), Some(1.0)],
                vec![vec![1], vec![3]]
            ),
            (
                "kept late".to_owned(),
                vec![Some(1.0), Some(0.0)],
                vec![vec![2], vec![]]
            ),
            (
                "missed".to_owned(),
                vec![Some(1.0), Some(0.0)],
                vec![vec![2], vec![]]
            ),
        ]
    );
}
