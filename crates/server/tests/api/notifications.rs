//! Notifications through the API: a promise already due, stored through the API, reaches its
//! owner's notifications by the server's own job worker; read state is per user; channels,
//! time zones, quiet hours and digest hours are checked; only admins see and retry jobs, in
//! the API and on the dead-jobs page.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::helpers::{TestApp, World, spawn_apps};

/// Waits until `token`'s user has `count` unread notifications, as the header shows them.
async fn unread(app: &TestApp, token: &str, count: i64) {
    for _ in 0..100 {
        let reply = app
            .call(Method::GET, "/api/v1/notifications/unread", token, None)
            .await;
        if reply.body["unread"] == count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{} never had {count} unread notifications", app.backend);
}

#[tokio::test]
async fn a_due_promise_reaches_its_owner_and_is_read_by_them_alone() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let agent = world.agent.token.as_str();
        let due = chrono::Utc::now() - chrono::Duration::minutes(1);
        let promise = json!({ "what": "Call Marta back", "due_at": due });
        let path = format!("/api/v1/cases/{}/follow-ups", world.case_a);
        let created = app.call(Method::POST, &path, agent, Some(promise)).await;
        assert_eq!(created.status, StatusCode::CREATED);
        unread(&app, agent, 1).await;

        let list = app
            .call(Method::GET, "/api/v1/notifications", agent, None)
            .await;
        let note = &list.body["items"][0];
        assert_eq!(note["kind"], "follow_up.due");
        assert_eq!(note["case_id"], world.case_a);
        assert!(
            note["text"].as_str().unwrap().contains("Call Marta back"),
            "{note}"
        );
        let read = format!("/api/v1/notifications/{}/read", note["id"]);
        let other = &world.other_agent.token;
        let refused = app.call(Method::POST, &read, other, None).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        unread(&app, agent, 1).await;
        let marked = app.call(Method::POST, &read, agent, None).await;
        assert_eq!(marked.status, StatusCode::NO_CONTENT);
        unread(&app, agent, 0).await;
    }
}

#[tokio::test]
async fn channels_are_checked_and_kept_per_user() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let agent = world.agent.token.as_str();
        let put = |body| app.call(Method::PUT, "/api/v1/me/channels", agent, Some(body));
        let zone = put(json!({ "email": "ana@example.org", "time_zone": "Mars/Olympus" })).await;
        assert_eq!(zone.status, StatusCode::BAD_REQUEST);
        assert_eq!(zone.body["error"]["field"], "time_zone");
        let email = put(json!({ "email": "not an address", "time_zone": "UTC" })).await;
        assert_eq!(email.body["error"]["field"], "email");
        for (field, bad) in [
            ("quiet_hours", json!("10pm-7am")),
            ("digest_hour", json!(24)),
        ] {
            let mut body = json!({ "email": "ana@example.org", "time_zone": "UTC" });
            body[field] = bad;
            let refused = put(body).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{field}");
            assert_eq!(refused.body["error"]["field"], field, "{}", refused.body);
        }
        let kept = put(json!({ "email": "ana@example.org", "time_zone": "Europe/Berlin" })).await;
        assert_eq!(kept.status, StatusCode::OK);
        let page = app.call(Method::GET, "/account", agent, None).await;
        let html = page.body.as_str().unwrap_or_default();
        assert!(
            html.contains(r#"value="Europe/Berlin""#),
            "the account page shows the zone"
        );
        assert!(
            html.contains(r#"value="ana@example.org""#),
            "and the address"
        );
        let mine = app
            .call(Method::GET, "/api/v1/me/channels", agent, None)
            .await;
        let defaults = json!({ "digest_hour": null, "by_email": true, "by_webhook": true, "quiet_hours": null });
        let mut expected = json!({ "email": "ana@example.org", "time_zone": "Europe/Berlin" });
        expected
            .as_object_mut()
            .unwrap()
            .extend(defaults.as_object().unwrap().clone());
        assert_eq!(mine.body, expected);
        let quiet = json!({ "email": null, "time_zone": "UTC", "by_webhook": false, "quiet_hours": " 22:00 - 07:00 " });
        let set = put(quiet).await;
        assert_eq!(
            (
                set.body["by_webhook"].as_bool(),
                set.body["quiet_hours"].as_str()
            ),
            (Some(false), Some("22:00-07:00"))
        );
        let theirs = app
            .call(
                Method::GET,
                "/api/v1/me/channels",
                &world.supervisor.token,
                None,
            )
            .await;
        let mut expected = json!({ "email": null, "time_zone": "UTC" });
        expected
            .as_object_mut()
            .unwrap()
            .extend(defaults.as_object().unwrap().clone());
        assert_eq!(theirs.body, expected);
    }
}

#[tokio::test]
async fn only_admins_see_and_retry_jobs() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let admin = world.admin.token.as_str();
        let denied = app
            .call(Method::GET, "/api/v1/jobs", &world.agent.token, None)
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
        let dead = app
            .call(Method::GET, "/api/v1/jobs?state=dead", admin, None)
            .await;
        assert_eq!(
            (dead.status, dead.body["total"].clone()),
            (StatusCode::OK, json!(0))
        );
        let bad = app
            .call(Method::GET, "/api/v1/jobs?state=lost", admin, None)
            .await;
        assert_eq!(bad.body["error"]["field"], "state");
        let missing = app
            .call(Method::POST, "/api/v1/jobs/999999/retry", admin, None)
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);

        // A job that gave up, a year ahead so the server's own worker leaves it alone.
        let later = chrono::Utc::now() + chrono::Duration::days(365);
        let broken = defuse_storage::NewJob {
            kind: "test.broken".into(),
            subject_id: Some(1),
            run_at: later,
        };
        app.store.enqueue_jobs(vec![broken], later).await.unwrap();
        let lease = defuse_storage::Lease {
            worker: "test".into(),
            now: later,
            hold: chrono::Duration::minutes(1),
            limit: 1,
        };
        let [job] = app
            .store
            .claim_jobs(lease)
            .await
            .unwrap()
            .try_into()
            .unwrap();
        let give_up = defuse_storage::Backoff {
            first: chrono::Duration::minutes(1),
            cap: chrono::Duration::minutes(1),
            attempts: 1,
        };
        let error = "the <b>relay</b> refused";
        app.store
            .fail_job(&job, "test", error, later, give_up)
            .await
            .unwrap();
        let page = app.call(Method::GET, "/admin/jobs", admin, None).await;
        let html = page.body.as_str().unwrap();
        assert!(html.contains("test.broken"), "{html}");
        assert!(
            html.contains("the &lt;b&gt;relay&lt;/b&gt; refused"),
            "escaped: {html}"
        );
        assert!(html.contains(&format!("/api/v1/jobs/{}/retry", job.id)));
        let agent = app
            .call(Method::GET, "/admin/jobs", &world.agent.token, None)
            .await;
        assert_eq!(agent.status, StatusCode::FORBIDDEN);
    }
}
