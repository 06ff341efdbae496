//! Reports through the API and the console on every backend: each chart's figures over two
//! hand-made cases, what an agent sees of them, the cases behind a figure and the CSV.

use chrono::{DateTime, Duration, TimeZone, Utc};
use defuse_storage::{
    CaseChanges, CaseSignals, CaseStatus, Direction, FollowUpStatus, FollowUpUpdate,
    MessageEffects, NewBoundaryEvent, NewCase, NewEscalation, NewFollowUp, NewMessage, Store,
};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{World, spawn_apps};

const PERIOD: &str = "since=2026-11-30&until=2026-12-13";

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, hour, 0, 0).unwrap() + Duration::days(i64::from(day))
}

fn message(
    case_id: i64,
    direction: Direction,
    author_id: Option<i64>,
    at: DateTime<Utc>,
) -> NewMessage {
    NewMessage {
        case_id,
        direction,
        author_id,
        channel: "email".into(),
        body: "a message".into(),
        at,
        analysis_json: None,
        model_version: None,
        external_id: None,
    }
}

/// A case of team A opened at `opened` by the agent, with a client message of `hostility` and
/// `cause`, and an agent reply `reply_hours` later.
async fn case(
    store: &dyn Store,
    w: &World,
    opened: DateTime<Utc>,
    hostility: f64,
    cause: &str,
    reply_hours: i64,
) -> i64 {
    let new = NewCase {
        client_id: w.client,
        subject: format!("Case about {cause}"),
        channel: "email".into(),
        assignee_id: Some(w.agent.id),
        team_id: w.team_a,
        opened_at: opened,
    };
    let id = store.create_case(new).await.unwrap().id;
    let signals = MessageEffects {
        case_signals: Some(CaseSignals {
            hostility,
            main_causes: vec![cause.to_owned()],
            safety: false,
        }),
        ..MessageEffects::default()
    };
    store
        .add_message(message(id, Direction::Inbound, None, opened), signals)
        .await
        .unwrap();
    let reply = message(
        id,
        Direction::Outbound,
        Some(w.agent.id),
        opened + Duration::hours(reply_hours),
    );
    store
        .add_message(reply, MessageEffects::default())
        .await
        .unwrap();
    id
}

async fn promise(
    store: &dyn Store,
    w: &World,
    case_id: i64,
    status: FollowUpStatus,
    done: DateTime<Utc>,
) {
    let new = NewFollowUp {
        case_id,
        what: "call back".into(),
        due_at: Some(at(1, 12)),
        owner_id: Some(w.agent.id),
    };
    let id = store.create_follow_up(new).await.unwrap().id;
    store
        .update_follow_up(
            id,
            FollowUpUpdate {
                status,
                at: done,
                note: None,
            },
        )
        .await
        .unwrap();
}

/// Week one: an angry billing case, answered after an hour, a boundary step, escalated, resolved
/// after ten hours, its promise kept on time. Week two: a tense delivery case answered after three
/// hours, its promise missed.
async fn two_cases(store: &dyn Store, w: &World) -> (i64, i64) {
    let first = case(store, w, at(0, 9), 0.8, "billing_error", 1).await;
    let step = NewBoundaryEvent {
        case_id: first,
        step: 1,
        message_id: None,
        evidence_json: "{}".into(),
        at: at(0, 10),
    };
    store.add_boundary_event(step).await.unwrap();
    let handed = NewEscalation {
        case_id: first,
        to_user_id: w.supervisor.id,
        reason: "abuse".into(),
        by: w.agent.id,
        at: at(0, 11),
    };
    store.add_escalation(handed).await.unwrap();
    let resolved = CaseChanges {
        status: Some(CaseStatus::Resolved),
        ..CaseChanges::default()
    };
    store.update_case(first, resolved, at(0, 19)).await.unwrap();
    promise(store, w, first, FollowUpStatus::Done, at(1, 11)).await;
    let second = case(store, w, at(8, 9), 0.45, "late_delivery", 3).await;
    promise(store, w, second, FollowUpStatus::Missed, at(2, 12)).await;
    (first, second)
}

/// Each series of the chart `key` as its name and values.
fn series(report: &Value, key: &str) -> Vec<(String, Vec<Value>)> {
    let chart = report["charts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap();
    chart["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let values = s["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["value"].clone())
                .collect();
            (s["name"].as_str().unwrap().to_owned(), values)
        })
        .collect()
}

fn named(name: &str, values: Value) -> (String, Vec<Value>) {
    (name.to_owned(), values.as_array().unwrap().clone())
}

#[tokio::test]
async fn every_chart_counts_the_hand_made_cases() {
    for app in spawn_apps().await {
        let w = World::build(app.store.as_ref()).await;
        let (first, second) = two_cases(app.store.as_ref(), &w).await;
        let path = format!("/api/v1/reports?team_id={}&{PERIOD}", w.team_a);
        let report = app
            .call(Method::GET, &path, &w.supervisor.token, None)
            .await;
        assert_eq!(report.status, 200, "{}: {}", app.backend, report.body);
        let r = &report.body;
        let chart = r["charts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == "difficult")
            .unwrap();
        assert_eq!(chart["columns"], json!(["2026-11-30", "2026-12-07"]));
        assert_eq!(
            series(r, "difficult"),
            [
                named("tense", json!([0.0, 1.0])),
                named("angry", json!([1.0, 0.0]))
            ]
        );
        assert_eq!(chart["series"][1]["cells"][0]["cases"], json!([first]));
        assert_eq!(
            series(r, "causes"),
            [
                named("billing error", json!([1.0, 0.0])),
                named("late delivery", json!([0.0, 1.0]))
            ]
        );
        assert_eq!(
            series(r, "boundary")[0],
            named("1 named the behaviour", json!([1.0, 0.0]))
        );
        assert_eq!(
            series(r, "escalations"),
            [named("escalations", json!([1.0, 0.0]))]
        );
        assert_eq!(
            series(r, "reply_times"),
            [
                named("first reply", json!([1.0, 3.0])),
                named("resolution", json!([10.0, null]))
            ]
        );
        assert_eq!(
            series(r, "follow_ups"),
            [
                named("kept on time", json!([1.0])),
                named("kept late", json!([0.0])),
                named("missed", json!([1.0]))
            ]
        );

        // The agent sees only the cases assigned to them: the first went to the supervisor.
        let own = app
            .call(
                Method::GET,
                &format!("/api/v1/reports?{PERIOD}"),
                &w.agent.token,
                None,
            )
            .await;
        assert_eq!(own.status, 200, "{}", own.body);
        assert_eq!(
            series(&own.body, "difficult"),
            [
                named("tense", json!([0.0, 1.0])),
                named("angry", json!([0.0, 0.0]))
            ]
        );

        // A figure leads to its cases, and every chart downloads as CSV.
        let query = format!("team_id={}&{PERIOD}", w.team_a);
        let cases = app
            .call(
                Method::GET,
                &format!("/reports/cases?{query}&chart=causes&series=1&column=1"),
                &w.supervisor.token,
                None,
            )
            .await;
        let page = cases.body.as_str().unwrap();
        assert!(
            page.contains(&format!("/cases/{second}"))
                && !page.contains(&format!("/cases/{first}\"")),
            "{page}"
        );
        let csv = app
            .call(
                Method::GET,
                &format!("/reports.csv?{query}&chart=reply_times"),
                &w.supervisor.token,
                None,
            )
            .await;
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert_eq!(
            csv.body,
            json!("week,first reply,resolution\n2026-11-30,1,10\n2026-12-07,3,\n")
        );
        let unknown = app
            .call(
                Method::GET,
                &format!("/reports.csv?{query}&chart=nope"),
                &w.supervisor.token,
                None,
            )
            .await;
        assert_eq!(unknown.status, 400);
        let bad = app
            .call(
                Method::GET,
                "/api/v1/reports?days=14",
                &w.supervisor.token,
                None,
            )
            .await;
        assert_eq!(
            (bad.status.as_u16(), bad.body["error"]["field"].as_str()),
            (400, Some("days"))
        );
    }
}
