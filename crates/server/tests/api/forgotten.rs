//! Forgotten cases: a client message left without a reply past the team's response target
//! (counted in its working hours, not on its holidays) flags the case, and a second period
//! later the team's supervisors are told, once, however many instances run the jobs; a reply
//! clears the flag. The flag shows in the API and the console; the target is set through the
//! API, with bad input refused by field.
//! Job rounds are run by hand at chosen times, on a store without a server, as in
//! `reminders.rs`; message times are chosen, so the clock is the test's.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use defuse_server::jobs::{Worker, local_time};
use defuse_storage::{Direction, MessageEffects, NewMessage, Paging, Store, TeamResponse};
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::helpers::{World, fresh_databases, spawn_apps};
use super::reminders::{round, scene, texts, worker};
use super::sinks::{HookSink, MailSink};

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

pub(super) async fn message(
    store: &dyn Store,
    case_id: i64,
    direction: Direction,
    at: DateTime<Utc>,
) -> i64 {
    let new = NewMessage {
        case_id,
        direction,
        author_id: None,
        channel: "email".into(),
        body: "Where is my refund?".into(),
        at,
        analysis_json: None,
        model_version: None,
        external_id: None,
    };
    let posted = store.add_message(new, MessageEffects::default()).await;
    posted.unwrap().message.id
}

/// Rounds of both workers side by side at `now` until neither finds a job; returns how many
/// jobs they finished together.
pub(super) async fn settle(workers: &[&Worker], now: DateTime<Utc>) -> usize {
    let mut done = 0;
    loop {
        let rounds = futures_util::future::join_all(workers.iter().map(|w| round(w, now))).await;
        if rounds.iter().all(|o| o.claimed == 0) {
            return done;
        }
        done += rounds.iter().map(|o| o.done).sum::<usize>();
    }
}

#[tokio::test]
async fn an_unanswered_case_is_flagged_in_working_hours_then_escalated_once() {
    let mail = MailSink::start();
    let hook = HookSink::default();
    let hook_url = hook.start().await;
    for database in fresh_databases().await {
        let (store, world, first) = scene(&database, &mail, &hook_url).await;
        let second = worker(store.clone(), &mail, &hook_url);
        let workers = [&first, &second];
        let office = TeamResponse {
            team_id: world.team_a,
            target_minutes: 120,
            escalate_after_minutes: 60,
            time_zone: "Europe/Berlin".into(),
            working_hours: Some("Mon-Fri 09:00-17:00".into()),
            holidays: vec![NaiveDate::from_ymd_opt(2026, 12, 21).unwrap()],
        };
        store.put_team_response(office).await.unwrap();
        // Friday 18 December, 16:00 in Berlin: one working hour that day, Monday is a
        // holiday, so the target passes on Tuesday at 10:00 Berlin and the escalation at 11:00.
        let sent = utc("2026-12-18T15:00:00Z");
        message(store.as_ref(), world.case_a, Direction::Inbound, sent).await;
        let flagged_at = utc("2026-12-22T09:00:00Z");
        let escalated_at = utc("2026-12-22T10:00:00Z");

        assert_eq!(settle(&workers, flagged_at - Duration::seconds(1)).await, 1);
        assert_eq!(store.case(world.case_a).await.unwrap().forgotten_at, None);
        assert_eq!(
            settle(&workers, flagged_at).await,
            1,
            "{}",
            database.backend
        );
        let case = store.case(world.case_a).await.unwrap();
        assert_eq!(case.forgotten_at, Some(flagged_at));
        assert_eq!(case.forgotten_escalated_at, None);
        assert!(texts(store.as_ref(), world.supervisor.id).await.is_empty());

        // The escalation, its mail (the supervisor gave no address) and its post.
        assert_eq!(settle(&workers, escalated_at).await, 3);
        let case = store.case(world.case_a).await.unwrap();
        assert_eq!(case.forgotten_escalated_at, Some(escalated_at));
        let told = texts(store.as_ref(), world.supervisor.id).await;
        let since = local_time(sent, "UTC");
        let expected = format!(
            "Forgotten: the client of case #{} \"Double charge\" has waited since {since} for a reply",
            world.case_a
        );
        assert_eq!(told, [expected]);
        assert!(texts(store.as_ref(), world.agent.id).await.is_empty());
        assert_eq!(hook.taken().len(), 1, "one post, not one per instance");
        let later = escalated_at + Duration::days(3);
        assert_eq!(settle(&workers, later).await, 0);
        assert_eq!(texts(store.as_ref(), world.supervisor.id).await.len(), 1);

        // A reply clears the flag; a new client message answered in time flags nothing.
        let replied = escalated_at + Duration::hours(1);
        message(store.as_ref(), world.case_a, Direction::Outbound, replied).await;
        let case = store.case(world.case_a).await.unwrap();
        assert_eq!(
            (case.forgotten_at, case.forgotten_escalated_at),
            (None, None)
        );
        let again = replied + Duration::hours(1);
        message(store.as_ref(), world.case_a, Direction::Inbound, again).await;
        let answered = again + Duration::minutes(30);
        message(store.as_ref(), world.case_a, Direction::Outbound, answered).await;
        assert_eq!(
            settle(&workers, again + Duration::days(5)).await,
            1,
            "only its watch"
        );
        assert_eq!(store.case(world.case_a).await.unwrap().forgotten_at, None);
        assert_eq!(texts(store.as_ref(), world.supervisor.id).await.len(), 1);
    }
}

#[tokio::test]
async fn around_the_clock_by_default_and_a_later_message_does_not_move_the_flag() {
    let mail = MailSink::start();
    for database in fresh_databases().await {
        let (store, world, worker) = scene(&database, &mail, "").await;
        let workers = [&worker];
        let sent = utc("2026-12-19T12:00:00Z");
        message(store.as_ref(), world.case_a, Direction::Inbound, sent).await;
        let nagged = sent + Duration::hours(20);
        message(store.as_ref(), world.case_a, Direction::Inbound, nagged).await;
        settle(&workers, sent + Duration::hours(24) - Duration::seconds(1)).await;
        assert_eq!(store.case(world.case_a).await.unwrap().forgotten_at, None);
        settle(&workers, sent + Duration::hours(24)).await;
        let flagged = store.case(world.case_a).await.unwrap().forgotten_at;
        assert_eq!(flagged, Some(sent + Duration::hours(24)));
        settle(&workers, nagged + Duration::hours(47)).await;
        let case = store.case(world.case_a).await.unwrap();
        assert_eq!(
            case.forgotten_at, flagged,
            "the first unanswered message counts"
        );
        assert_eq!(
            case.forgotten_escalated_at,
            Some(nagged + Duration::hours(47))
        );
        assert_eq!(texts(store.as_ref(), world.supervisor.id).await.len(), 1);
    }
}

/// Waits until the server's own worker has escalated `case_id`.
async fn escalated(store: &dyn Store, case_id: i64) {
    for _ in 0..150 {
        if store
            .case(case_id)
            .await
            .unwrap()
            .forgotten_escalated_at
            .is_some()
        {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("case {case_id} was never escalated");
}

#[tokio::test]
async fn a_forgotten_case_shows_in_the_api_and_the_console() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let store = app.store.as_ref();
        let sent = Utc::now() - Duration::days(3);
        message(store, world.case_a, Direction::Inbound, sent).await;
        escalated(store, world.case_a).await;

        let agent = world.agent.token.as_str();
        let case = app
            .call(
                Method::GET,
                &format!("/api/v1/cases/{}", world.case_a),
                agent,
                None,
            )
            .await;
        assert!(case.body["forgotten_at"].is_string(), "{}", case.body);
        assert!(case.body["forgotten_escalated_at"].is_string());
        let listed = app
            .call(Method::GET, "/api/v1/cases?forgotten=true", agent, None)
            .await;
        assert_eq!(listed.body["total"], 1, "{}", listed.body);
        assert_eq!(listed.body["items"][0]["id"], world.case_a);

        let inbox = app.call(Method::GET, "/?forgotten=1", agent, None).await;
        let html = inbox.body.as_str().unwrap();
        assert!(html.contains("forgotten, escalated"), "{html}");
        let page = app
            .call(
                Method::GET,
                &format!("/cases/{}", world.case_a),
                agent,
                None,
            )
            .await;
        assert!(page.body.as_str().unwrap().contains("id=\"forgotten\""));

        let told = store
            .list_notifications(world.supervisor.id, Paging::default())
            .await
            .unwrap();
        assert_eq!(told.items.len(), 1);
        assert_eq!(told.items[0].kind, "case.escalate");
    }
}

#[tokio::test]
async fn a_team_lead_sets_the_response_target_and_bad_input_names_its_field() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let path = format!("/api/v1/teams/{}/response", world.team_a);
        let lead = world.supervisor.token.as_str();
        let defaults = app.call(Method::GET, &path, lead, None).await;
        assert_eq!(defaults.body["target_minutes"], 24 * 60);
        assert_eq!(defaults.body["own"], false);

        let target = json!({
            "target_minutes": 240,
            "escalate_after_minutes": 120,
            "time_zone": "Europe/Berlin",
            "working_hours": "mon-fri 08:00-18:00",
            "holidays": ["2026-12-24", "2026-12-25"],
        });
        let set = app
            .call(Method::PUT, &path, lead, Some(target.clone()))
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        assert_eq!(set.body["working_hours"], "Mon,Tue,Wed,Thu,Fri 08:00-18:00");
        assert_eq!(set.body["own"], true);
        let read = app
            .call(Method::GET, &path, world.agent.token.as_str(), None)
            .await;
        assert_eq!(read.body["holidays"], json!(["2026-12-24", "2026-12-25"]));

        let agent = app
            .call(Method::PUT, &path, &world.agent.token, Some(target.clone()))
            .await;
        assert_eq!(agent.status, StatusCode::FORBIDDEN);
        let other_team = format!("/api/v1/teams/{}/response", world.team_b);
        let outside = app
            .call(Method::PUT, &other_team, lead, Some(target.clone()))
            .await;
        assert_eq!(outside.status, StatusCode::NOT_FOUND);
        for (field, bad) in [
            ("working_hours", json!("weekdays 9 to 5")),
            ("time_zone", json!("Mars/Olympus")),
            ("holidays", json!(["24.12.2026"])),
            ("target_minutes", json!(0)),
        ] {
            let mut body = target.clone();
            body[field] = bad;
            let refused = app.call(Method::PUT, &path, lead, Some(body)).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{field}");
            assert_eq!(refused.body["error"]["field"], field, "{}", refused.body);
        }
        let kept = app.call(Method::GET, &path, lead, None).await;
        assert_eq!(
            kept.body["target_minutes"], 240,
            "a refused change stores nothing"
        );
    }
}
