//! The exchange with a client: analysis and coaching on inbound messages, checks and
//! follow-ups on replies, what the brief and the reports make of it, and hostile markup kept as data.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{World, spawn_apps};

const ANGRY: &str = "This is the THIRD time I'm writing!!! You charged me twice and nobody answers. I want my money back by Friday.";

#[tokio::test]
async fn an_inbound_message_comes_back_analysed_and_coached_and_stays() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let path = format!("/api/v1/cases/{}/messages/inbound", world.case_a);
        let posted = app
            .call(
                Method::POST,
                &path,
                &world.agent.token,
                Some(json!({"body": ANGRY})),
            )
            .await;
        assert_eq!(posted.status, 201, "{}", posted.body);
        let analysis = &posted.body["analysis"];
        for field in [
            "hostility",
            "level",
            "emotions",
            "causes",
            "signals",
            "concerns",
            "model_version",
        ] {
            assert!(!analysis[field].is_null(), "analysis lacks {field}");
        }
        let signals: Vec<&str> = analysis["signals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["kind"].as_str().unwrap())
            .collect();
        assert!(signals.contains(&"repeated_contact"), "{signals:?}");
        let first = &analysis["signals"][0];
        let (start, end) = (
            first["start"].as_u64().unwrap() as usize,
            first["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            first["text"],
            &ANGRY[start..end],
            "evidence offsets point into the body as sent"
        );
        assert!(
            !posted.body["coaching"]["moves"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{}",
            posted.body["coaching"]
        );
        assert!(
            posted.body["coaching"]["suggested_reply"].is_string(),
            "the coaching leads with one reply to start from: {}",
            posted.body["coaching"]
        );
        let hostility = analysis["hostility"].as_f64().unwrap();
        assert!((posted.body["case"]["peak_hostility"].as_f64().unwrap() - hostility).abs() < 1e-6);

        let listed = app
            .call(
                Method::GET,
                &format!("/api/v1/cases/{}/messages", world.case_a),
                &world.agent.token,
                None,
            )
            .await;
        assert_eq!(listed.body["total"], 1);
        assert_eq!(listed.body["items"][0]["body"], ANGRY);
        assert_eq!(
            listed.body["items"][0]["analysis"]["hostility"], analysis["hostility"],
            "the analysis is stored with the message"
        );
    }
}

#[tokio::test]
async fn a_reply_is_checked_and_its_promises_become_follow_ups() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let case = world.case_a;
        let token = &world.agent.token;
        app.call(
            Method::POST,
            &format!("/api/v1/cases/{case}/messages/inbound"),
            token,
            Some(json!({"body": ANGRY})),
        )
        .await;
        let draft = "I understand how frustrating this is. I will refund the second charge by Friday and email you once it is done.";
        let sent_at = "2026-03-02T10:00:00Z";
        let posted = app
            .call(
                Method::POST,
                &format!("/api/v1/cases/{case}/messages/outbound"),
                token,
                Some(json!({"body": draft, "at": sent_at})),
            )
            .await;
        assert_eq!(posted.status, 201, "{}", posted.body);
        assert!(posted.body["check"]["score"].as_u64().is_some());
        let follow_ups = posted.body["follow_ups"].as_array().unwrap();
        assert!(!follow_ups.is_empty(), "{}", posted.body);
        assert_eq!(follow_ups[0]["owner_id"], world.agent.id);
        assert_eq!(follow_ups[0]["status"], "open");
        let mine = app
            .call(
                Method::GET,
                "/api/v1/follow-ups?view=mine&when=overdue",
                token,
                None,
            )
            .await;
        assert!(
            mine.body["total"].as_i64().unwrap() >= 1,
            "a promise for a past Friday is overdue: {}",
            mine.body
        );
        let id = follow_ups[0]["id"].as_i64().unwrap();
        let done = app
            .call(
                Method::PATCH,
                &format!("/api/v1/follow-ups/{id}"),
                token,
                Some(json!({"status": "done"})),
            )
            .await;
        assert_eq!(done.body["status"], "done");
        let outside = app
            .call(
                Method::PATCH,
                &format!("/api/v1/follow-ups/{id}"),
                &world.other_agent.token,
                Some(json!({"status": "open"})),
            )
            .await;
        assert_eq!(outside.status, 403);

        let rude = app.call(Method::POST, "/api/v1/check-reply", token, Some(json!({"draft": "CALM DOWN. As I already told you, that's just our policy.", "turns": [{"role": "client", "text": ANGRY}]}))).await;
        assert_eq!(rude.body["verdict"], "rewrite", "{}", rude.body);
        let long = "I'll call you by 3pm. ".repeat(2000);
        for draft in ["  ", long.as_str()] {
            let bad = app
                .call(
                    Method::POST,
                    "/api/v1/check-reply",
                    token,
                    Some(json!({"draft": draft, "turns": [{"role": "client", "text": ANGRY}]})),
                )
                .await;
            assert_eq!(bad.status, 400, "{}", bad.body);
            assert_eq!(bad.body["error"]["field"], "draft", "{}", bad.body);
        }
    }
}

#[tokio::test]
async fn the_brief_tells_the_next_agent_what_happened() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let case = world.case_a;
        let token = &world.agent.token;
        let say = |direction: &'static str, body: &'static str| {
            let path = format!("/api/v1/cases/{case}/messages/{direction}");
            let app = &app;
            async move {
                app.call(Method::POST, &path, token, Some(json!({"body": body})))
                    .await
            }
        };
        say(
            "inbound",
            "You idiots lost my parcel AGAIN. This is the third time, I'm furious!!!",
        )
        .await;
        say("outbound", "I'm so sorry, I understand how frustrating this must be. I will call you tomorrow at 10am with the tracking details.").await;
        say("inbound", "Ok, thank you. Tomorrow at 10 works for me.").await;
        app.call(
            Method::POST,
            &format!("/api/v1/cases/{case}/agreed-actions"),
            token,
            Some(json!({"text": "Resend the parcel by courier"})),
        )
        .await;
        let brief = app
            .call(
                Method::GET,
                &format!("/api/v1/clients/{}/brief", world.client),
                token,
                None,
            )
            .await;
        assert_eq!(brief.status, 200, "{}", brief.body);
        assert!(
            !brief.body["open_promises"].as_array().unwrap().is_empty(),
            "{}",
            brief.body
        );
        assert_eq!(
            brief.body["agreed_actions"][0]["text"],
            "Resend the parcel by courier"
        );
        assert!(brief.body["last_contact"].is_string());
        let calmed: Vec<&str> = brief.body["calmed_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["move"].as_str().unwrap())
            .collect();
        assert!(
            calmed.contains(&"acknowledge") || calmed.contains(&"apologise"),
            "{}",
            brief.body
        );
        let report = app
            .call(
                Method::GET,
                "/api/v1/reports",
                &world.supervisor.token,
                None,
            )
            .await;
        assert_eq!(report.status, 200, "{}", report.body);
        assert!(
            report.body["times_calmed"].as_u64().unwrap() >= 1,
            "{}",
            report.body
        );
    }
}

#[tokio::test]
async fn markup_and_script_round_trip_as_plain_data() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let nasty = "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\" & 'single' \u{202e}";
        let client = app
            .call(
                Method::POST,
                "/api/v1/clients",
                token,
                Some(json!({"name": nasty, "flags": [nasty]})),
            )
            .await;
        assert_eq!(client.status, 201);
        assert!(
            client.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
        let id = client.body["id"].as_i64().unwrap();
        let read = app
            .call(Method::GET, &format!("/api/v1/clients/{id}"), token, None)
            .await;
        assert_eq!(read.body["name"], nasty);
        assert_eq!(read.body["flags"][0], nasty);
        let message = app
            .call(
                Method::POST,
                &format!("/api/v1/cases/{}/messages/inbound", world.case_a),
                token,
                Some(json!({"body": nasty})),
            )
            .await;
        assert_eq!(message.status, 201);
        assert_eq!(message.body["message"]["body"], nasty);
        let listed = app
            .call(
                Method::GET,
                &format!("/api/v1/cases/{}/messages", world.case_a),
                token,
                None,
            )
            .await;
        assert_eq!(listed.body["items"][0]["body"], nasty);
    }
}
