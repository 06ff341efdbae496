//! The supervisors' daily digest: made once a day at the supervisor's local hour, however
//! many instances plan it at once, and delivered in the console and by mail through a real
//! SMTP server, with the missed promise, the forgotten case and the escalated case of their
//! team and nothing of another team's. The console's digest page shows the same.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use defuse_server::Settings;
use defuse_server::jobs::digest;
use defuse_storage::{Direction, NewCase, NewFollowUp, Store, UserChannels};
use reqwest::Method;

use super::forgotten::{message, settle};
use super::helpers::{World, fresh_databases, spawn_apps};
use super::reminders::{in_berlin, scene, texts, worker};
use super::sinks::MailSink;

/// The next 08:00 in Berlin at least a minute from now.
fn next_eight() -> DateTime<Utc> {
    let soon = Utc::now().with_timezone(&Berlin) + Duration::minutes(1);
    let mut day = soon.date_naive();
    loop {
        let eight = Berlin
            .from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap()))
            .earliest()
            .unwrap();
        if eight > soon {
            return eight.with_timezone(&Utc);
        }
        day = day.succ_opt().unwrap();
    }
}

/// Team A gets a promise missed six hours before `at`, a case forgotten (its client waited
/// 30 hours) and one escalated (72 hours); team B a forgotten case the supervisor never sees.
async fn a_bad_day(store: &dyn Store, world: &World, at: DateTime<Utc>) -> i64 {
    let promise = NewFollowUp {
        case_id: world.case_a,
        what: "Send the refund form".into(),
        due_at: Some(at - Duration::hours(30)),
        owner_id: Some(world.agent.id),
    };
    store.create_follow_up(promise).await.unwrap();
    let waiting = NewCase {
        client_id: world.client,
        subject: "Broken router".into(),
        channel: "email".into(),
        assignee_id: None,
        team_id: world.team_a,
        opened_at: at - Duration::days(2),
    };
    let waiting = store.create_case(waiting).await.unwrap().id;
    message(store, waiting, Direction::Inbound, at - Duration::hours(30)).await;
    message(
        store,
        world.case_a,
        Direction::Inbound,
        at - Duration::hours(72),
    )
    .await;
    message(
        store,
        world.case_b,
        Direction::Inbound,
        at - Duration::hours(30),
    )
    .await;
    waiting
}

#[tokio::test]
async fn a_supervisor_gets_one_digest_a_day_at_their_hour_in_the_console_and_by_mail() {
    let mail = MailSink::start();
    for database in fresh_databases().await {
        let (store, world, first) = scene(&database, &mail, "").await;
        let second = worker(store.clone(), &mail, "");
        let channels = UserChannels {
            digest_hour: Some(8),
            ..in_berlin(world.supervisor.id, "sue@example.org")
        };
        store.put_user_channels(channels).await.unwrap();
        let eight = next_eight();
        let waiting = a_bad_day(store.as_ref(), &world, eight).await;
        settle(&[&first, &second], eight - Duration::minutes(1)).await;
        let before = texts(store.as_ref(), world.supervisor.id).await.len();

        let settings = &Settings::default().reminders;
        let early = eight - Duration::minutes(1);
        assert_eq!(
            digest::plan(store.as_ref(), settings, early).await.unwrap(),
            0
        );
        let (a, b) = tokio::join!(
            digest::plan(store.as_ref(), settings, eight),
            digest::plan(store.as_ref(), settings, eight),
        );
        assert_eq!(
            a.unwrap() + b.unwrap(),
            1,
            "{}: made once",
            database.backend
        );
        let mails_before = mail.mails().len();
        settle(&[&first, &second], eight).await;

        let told = texts(store.as_ref(), world.supervisor.id).await;
        assert_eq!(told.len(), before + 1);
        let text = told.last().unwrap();
        for expected in [
            "Missed promises in the last day: 1",
            "- Send the refund form",
            "Forgotten cases: 1",
            &format!("- case #{waiting} \"Broken router\", flagged"),
            "Escalated cases: 1",
            &format!(
                "- case #{} \"Double charge\", no reply, escalated",
                world.case_a
            ),
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
        assert!(!text.contains(&format!("#{} ", world.case_b)), "{text}");
        let mails = mail.mails();
        let [sent] = &mails[mails_before..] else {
            panic!("one mail, got {}", mails.len() - mails_before);
        };
        assert!(sent.contains("To: sue@example.org"), "{sent}");
        assert!(sent.contains("Subject: Your daily digest"), "{sent}");
        assert!(sent.contains("Forgotten cases: 1"), "{sent}");

        let same_day = eight + Duration::hours(10);
        assert_eq!(
            digest::plan(store.as_ref(), settings, same_day)
                .await
                .unwrap(),
            0
        );
        let next_day = eight + Duration::hours(24);
        assert_eq!(
            digest::plan(store.as_ref(), settings, next_day)
                .await
                .unwrap(),
            1
        );
    }
}

#[tokio::test]
async fn the_digest_page_shows_the_teams_cases_to_supervisors_only() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let store = app.store.as_ref();
        message(
            store,
            world.case_a,
            Direction::Inbound,
            Utc::now() - Duration::days(3),
        )
        .await;
        message(
            store,
            world.case_b,
            Direction::Inbound,
            Utc::now() - Duration::days(3),
        )
        .await;
        for _ in 0..150 {
            let a = store.case(world.case_a).await.unwrap();
            let b = store.case(world.case_b).await.unwrap();
            if a.forgotten_escalated_at.is_some() && b.forgotten_escalated_at.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let page = app
            .call(Method::GET, "/digest", &world.supervisor.token, None)
            .await;
        let html = page.body.as_str().unwrap();
        let escalated = html.split("id=\"digest-escalated\"").nth(1).unwrap();
        assert!(
            escalated.contains(&format!("href=\"/cases/{}\"", world.case_a)),
            "{html}"
        );
        assert!(!html.contains(&format!("href=\"/cases/{}\"", world.case_b)));
        assert!(html.contains("Response target: Billing"));
        let agent = app
            .call(Method::GET, "/digest", &world.agent.token, None)
            .await;
        assert_eq!(agent.status, reqwest::StatusCode::FORBIDDEN);
    }
}
