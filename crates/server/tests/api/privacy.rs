//! Privacy: secrets are masked before a message is stored, an admin exports everything held
//! about a client and erases it in one go, leaving only a line saying so, and the upkeep
//! erases the bodies of long-finished cases.

use chrono::{Duration, Utc};
use defuse_server::scheduler::{self, Keep};
use defuse_storage::{ClientFields, ERASED_BODY, NewCase, Paging};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, World, spawn_apps};
use crate::retries::keyed;

const CARD: &str = "4111 1111 1111 1111";
const PASSWORD: &str = "Tr0ub4dor&3";

fn secret_message() -> String {
    format!(
        "You charged my card {CARD} twice, you thieves! My password is {PASSWORD} if you need it."
    )
}

/// Posts an inbound message (with an idempotency key), a reply with a promise and a note.
async fn exchange(app: &TestApp, world: &World, case: i64) {
    let inbound = format!("/api/v1/cases/{case}/messages/inbound");
    let body = json!({ "body": secret_message() });
    let key = format!("secret-{case}");
    let posted = keyed(app, &world.agent.token, &inbound, &key, &body).await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);
    let reply = "I am sorry about the double charge. I will refund it by Friday.";
    post(
        app,
        world,
        &format!("/api/v1/cases/{case}/messages/outbound"),
        reply,
    )
    .await;
    let note = "Their card was 5500-0000-0000-0004 as well.";
    post(app, world, &format!("/api/v1/cases/{case}/notes"), note).await;
}

/// Posts a message `body` to `path` as the agent; it must be stored.
async fn post(app: &TestApp, world: &World, path: &str, body: &str) {
    let posted = app
        .call(
            Method::POST,
            path,
            &world.agent.token,
            Some(json!({ "body": body })),
        )
        .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);
}

#[tokio::test]
async fn card_numbers_and_passwords_are_masked_before_they_are_stored() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        exchange(&app, &world, world.case_a).await;
        let messages = app
            .store
            .list_messages(world.case_a, Paging::first(10).unwrap())
            .await
            .unwrap();
        assert_eq!(messages.items.len(), 3, "{}", app.backend);
        let inbound = &messages.items[0];
        assert!(
            inbound.body.contains("[card number masked]"),
            "{}",
            inbound.body
        );
        assert!(
            inbound.body.contains("[password masked]"),
            "{}",
            inbound.body
        );
        for message in &messages.items {
            let stored = format!("{} {:?}", message.body, message.analysis_json);
            for secret in [CARD, PASSWORD, "5500-0000-0000-0004"] {
                assert!(!stored.contains(secret), "{}: {stored}", app.backend);
            }
        }
    }
}

#[tokio::test]
async fn only_an_admin_exports_a_client_and_the_export_holds_everything() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        exchange(&app, &world, world.case_a).await;
        let path = format!("/api/v1/clients/{}/export", world.client);
        for token in [&world.agent.token, &world.supervisor.token] {
            let refused = app.call(Method::GET, &path, token, None).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        }
        let export = app.call(Method::GET, &path, &world.admin.token, None).await;
        assert_eq!(export.status, StatusCode::OK, "{}", export.body);
        let body = &export.body;
        assert_eq!(body["client"]["name"], "Marta Client");
        assert_eq!(body["cases"].as_array().unwrap().len(), 2);
        let messages = body["messages"].as_array().unwrap();
        let directions: Vec<_> = messages.iter().map(|m| m["direction"].clone()).collect();
        assert_eq!(
            directions,
            [json!("inbound"), json!("outbound"), json!("internal_note")]
        );
        assert!(
            messages[0]["analysis"]["hostility"].is_number(),
            "{}",
            messages[0]
        );
        assert!(
            !body["follow_ups"].as_array().unwrap().is_empty(),
            "the promise"
        );
        let actions: Vec<_> = body["audit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["action"].as_str().unwrap().to_owned())
            .collect();
        for action in ["message.inbound", "message.outbound", "message.note"] {
            assert!(
                actions.iter().any(|a| a == action),
                "{action} in {actions:?}"
            );
        }
        let text = body.to_string();
        assert!(!text.contains(PASSWORD) && !text.contains(CARD), "{text}");
        let missing = app
            .call(
                Method::GET,
                "/api/v1/clients/999999/export",
                &world.admin.token,
                None,
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn an_erasure_removes_the_client_and_everything_about_them_and_says_so_once() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        exchange(&app, &world, world.case_a).await;
        let other = other_client_with_a_message(&app, &world).await;
        let path = format!("/api/v1/clients/{}", world.client);
        for token in [&world.agent.token, &world.supervisor.token] {
            let refused = app.call(Method::DELETE, &path, token, None).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        }
        let erased = app
            .call(Method::DELETE, &path, &world.admin.token, None)
            .await;
        assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.body);

        for gone in [
            path.clone(),
            format!("/api/v1/cases/{}", world.case_a),
            format!("/api/v1/cases/{}", world.case_b),
            format!("{path}/export"),
        ] {
            let answer = app.call(Method::GET, &gone, &world.admin.token, None).await;
            assert_eq!(
                answer.status,
                StatusCode::NOT_FOUND,
                "{gone}: {}",
                answer.body
            );
        }
        // The kept answer to the keyed create went too: a retry finds no case instead of a
        // replay showing the message.
        let inbound = format!("/api/v1/cases/{}/messages/inbound", world.case_a);
        let body = json!({ "body": secret_message() });
        let key = format!("secret-{}", world.case_a);
        let retried = keyed(&app, &world.agent.token, &inbound, &key, &body).await;
        assert_eq!(retried.status, StatusCode::NOT_FOUND, "{}", retried.body);

        let lines = app
            .call(
                Method::GET,
                "/api/v1/audit?action=client.erase",
                &world.admin.token,
                None,
            )
            .await;
        assert_eq!(lines.body["total"], 1, "{}", lines.body);
        let line = &lines.body["items"][0];
        assert_eq!(line["actor_id"], world.admin.id);
        assert_eq!(line["record_id"], world.client);
        assert!(!line.to_string().contains("Marta"), "{line}");

        let kept = app
            .store
            .list_messages(other, Paging::first(10).unwrap())
            .await
            .unwrap();
        assert_eq!(kept.total, 1, "another client's case is untouched");
        let again = app
            .call(Method::DELETE, &path, &world.admin.token, None)
            .await;
        assert_eq!(again.status, StatusCode::NOT_FOUND);
    }
}

/// A second client with a case in team A and one message; returns the case.
async fn other_client_with_a_message(app: &TestApp, world: &World) -> i64 {
    let fields = ClientFields {
        name: "Other Client".into(),
        ..ClientFields::default()
    };
    let client_id = app.store.create_client(fields).await.unwrap().id;
    let case = app
        .store
        .create_case(NewCase {
            client_id,
            subject: "Late parcel".into(),
            channel: "email".into(),
            assignee_id: None,
            team_id: world.team_a,
            opened_at: Utc::now(),
        })
        .await
        .unwrap()
        .id;
    let inbound = format!("/api/v1/cases/{case}/messages/inbound");
    post(app, world, &inbound, "Where is my parcel?").await;
    case
}

#[tokio::test]
async fn upkeep_erases_bodies_of_cases_finished_longer_ago_than_the_retention() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let still_open = app
            .store
            .create_case(NewCase {
                client_id: world.client,
                subject: "Another charge".into(),
                channel: "email".into(),
                assignee_id: None,
                team_id: world.team_a,
                opened_at: Utc::now(),
            })
            .await
            .unwrap()
            .id;
        exchange(&app, &world, world.case_a).await;
        exchange(&app, &world, still_open).await;
        let closed = app
            .call(
                Method::PATCH,
                &format!("/api/v1/cases/{}", world.case_a),
                &world.agent.token,
                Some(json!({"status": "closed"})),
            )
            .await;
        assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
        let store = app.store.as_ref();
        let keep = |days: Option<i64>| Keep {
            attempts: Duration::minutes(5),
            finished_bodies: days.map(Duration::days),
        };
        let later = Utc::now() + Duration::days(31);
        let off = scheduler::run_once(store, later, keep(None)).await.unwrap();
        assert_eq!(off.bodies_erased, 0, "retention is off by default");
        let early = scheduler::run_once(store, later, keep(Some(40)))
            .await
            .unwrap();
        assert_eq!(early.bodies_erased, 0, "closed 31 days ago, kept 40");
        let due = scheduler::run_once(store, later, keep(Some(30)))
            .await
            .unwrap();
        assert_eq!(due.bodies_erased, 3, "{}", app.backend);
        let again = scheduler::run_once(store, later, keep(Some(30)))
            .await
            .unwrap();
        assert_eq!(again.bodies_erased, 0, "erased once");

        let page = Paging::first(10).unwrap();
        let closed = store.list_messages(world.case_a, page).await.unwrap();
        for message in &closed.items {
            assert_eq!(message.body, ERASED_BODY);
            assert_eq!(message.analysis_json, None);
        }
        let open = store.list_messages(still_open, page).await.unwrap();
        assert_eq!(open.total, 3);
        assert!(open.items.iter().all(|m| m.body != ERASED_BODY));
        let page = app
            .call(
                Method::GET,
                &format!("/api/v1/cases/{}/messages", world.case_a),
                &world.agent.token,
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
}

#[tokio::test]
async fn a_backup_of_a_running_sqlite_database_holds_what_was_committed() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        exchange(&app, &world, world.case_a).await;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("copy.db");
        let copied = app.store.backup_into(&file).await;
        if app.backend == "postgres" {
            let error = copied.unwrap_err().to_string();
            assert!(error.contains("pg_dump"), "{error}");
            continue;
        }
        copied.unwrap();
        let copy = defuse_storage::connect(&format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        let messages = copy
            .list_messages(world.case_a, Paging::first(10).unwrap())
            .await
            .unwrap();
        assert_eq!(messages.total, 3);
        assert_eq!(
            copy.client(world.client).await.unwrap().name,
            "Marta Client"
        );
        let twice = app.store.backup_into(&file).await;
        assert!(twice.is_err(), "an existing file is never overwritten");
    }
}
