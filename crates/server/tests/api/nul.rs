//! A NUL character in any text a caller sends gets one answer on both backends: 400 naming the
//! field, and nothing stored (PostgreSQL used to answer 500 where SQLite stored it).

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{World, spawn_apps};

const NUL: &str = "a\u{0}b";

/// Every text field of every body the API reads: (method, path, body, the field at fault).
fn bodies(w: &World) -> Vec<(Method, String, Value, &'static str)> {
    let case = |tail: &str| format!("/api/v1/cases/{}{tail}", w.case_a);
    let client = format!("/api/v1/clients/{}", w.client);
    let user = format!("/api/v1/users/{}", w.agent.id);
    let inbound = case("/messages/inbound");
    let mut out = vec![
        (
            Method::POST,
            "/api/v1/analyze".into(),
            json!({"text": NUL}),
            "text",
        ),
        (
            Method::POST,
            "/api/v1/analyze".into(),
            json!({"text": "hi", "context": NUL}),
            "context",
        ),
        (
            Method::POST,
            "/api/v1/coach".into(),
            json!({"turns": [{"role": "client", "text": NUL}]}),
            "turns[0].text",
        ),
        (
            Method::POST,
            "/api/v1/coach".into(),
            json!({"turns": [{"role": NUL, "text": "hi"}]}),
            "turns[0].role",
        ),
        (
            Method::POST,
            "/api/v1/check-reply".into(),
            json!({"draft": NUL}),
            "draft",
        ),
        (
            Method::POST,
            "/api/v1/check-reply".into(),
            json!({"draft": "ok", "utc_offset": NUL}),
            "utc_offset",
        ),
        (
            Method::POST,
            "/api/v1/auth/password".into(),
            json!({"current_password": NUL, "new_password": "x"}),
            "current_password",
        ),
        (
            Method::POST,
            "/api/v1/auth/password".into(),
            json!({"current_password": "x", "new_password": NUL}),
            "new_password",
        ),
        (
            Method::POST,
            "/api/v1/cases".into(),
            json!({"client_id": w.client, "subject": NUL, "channel": "email", "team_id": w.team_a}),
            "subject",
        ),
        (
            Method::POST,
            "/api/v1/cases".into(),
            json!({"client_id": w.client, "subject": "s", "channel": NUL, "team_id": w.team_a}),
            "channel",
        ),
        (Method::PATCH, case(""), json!({"subject": NUL}), "subject"),
        (Method::PATCH, case(""), json!({"channel": NUL}), "channel"),
        (Method::PATCH, case(""), json!({"status": NUL}), "status"),
        (Method::POST, inbound.clone(), json!({"body": NUL}), "body"),
        (
            Method::POST,
            inbound.clone(),
            json!({"body": "hi", "channel": NUL}),
            "channel",
        ),
        (
            Method::POST,
            inbound,
            json!({"body": "hi", "utc_offset": NUL}),
            "utc_offset",
        ),
        (
            Method::POST,
            case("/messages/outbound"),
            json!({"body": NUL}),
            "body",
        ),
        (Method::POST, case("/notes"), json!({"body": NUL}), "body"),
        (
            Method::POST,
            case("/boundary-events"),
            json!({"step": 1, "evidence": {"note": NUL}}),
            "evidence.note",
        ),
        (
            Method::POST,
            case("/escalations"),
            json!({"to_user_id": w.supervisor.id, "reason": NUL}),
            "reason",
        ),
        (
            Method::POST,
            case("/agreed-actions"),
            json!({"text": NUL}),
            "text",
        ),
        (
            Method::POST,
            case("/follow-ups"),
            json!({"what": NUL}),
            "what",
        ),
        (
            Method::PATCH,
            "/api/v1/follow-ups/1".into(),
            json!({"status": NUL}),
            "status",
        ),
        (
            Method::POST,
            "/api/v1/teams".into(),
            json!({"name": NUL}),
            "name",
        ),
        (
            Method::POST,
            "/api/v1/tokens".into(),
            json!({"name": NUL}),
            "name",
        ),
        (
            Method::POST,
            "/api/v1/users".into(),
            json!({"username": NUL, "display_name": "d", "role": "agent"}),
            "username",
        ),
        (
            Method::POST,
            "/api/v1/users".into(),
            json!({"username": "u", "display_name": NUL, "role": "agent"}),
            "display_name",
        ),
        (
            Method::POST,
            "/api/v1/users".into(),
            json!({"username": "u", "display_name": "d", "role": NUL}),
            "role",
        ),
        (
            Method::POST,
            "/api/v1/users".into(),
            json!({"username": "u", "display_name": "d", "role": "agent", "password": NUL}),
            "password",
        ),
        (
            Method::PATCH,
            user.clone(),
            json!({"display_name": NUL}),
            "display_name",
        ),
        (
            Method::POST,
            format!("{user}/password"),
            json!({"password": NUL}),
            "password",
        ),
    ];
    for (field, documentation) in [
        ("concerns", "/documentation"),
        ("steps_taken", "/documentation"),
        ("agreed", "/documentation"),
        ("outcome", "/documentation"),
        ("went_well", "/reflection"),
        ("do_differently", "/reflection"),
    ] {
        out.push((
            Method::PUT,
            case(documentation),
            json!({ field: NUL }),
            field,
        ));
    }
    for (field, value) in [
        ("name", json!(NUL)),
        ("emails", json!([NUL])),
        ("phones", json!([NUL])),
        ("organisation", json!(NUL)),
        ("notes", json!(NUL)),
        ("flags", json!([NUL])),
    ] {
        let mut body = json!({"name": "Marta"});
        body[field] = value;
        let named = match field {
            "emails" => "emails[0]",
            "phones" => "phones[0]",
            "flags" => "flags[0]",
            other => other,
        };
        out.push((Method::POST, "/api/v1/clients".into(), body.clone(), named));
        out.push((Method::PUT, client.clone(), body, named));
    }
    out
}

#[tokio::test]
async fn a_nul_in_any_text_field_is_refused_naming_the_field() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        for (method, path, body, field) in bodies(&world) {
            let got = app
                .call(method.clone(), &path, &world.admin.token, Some(body))
                .await;
            let what = format!("{} {method} {path} {field}: {}", app.backend, got.body);
            assert_eq!(got.status, 400, "{what}");
            assert_eq!(got.body["error"]["field"], field, "{what}");
        }
        let messages = app.store.latest_messages(world.case_a, 10).await.unwrap();
        assert!(messages.is_empty(), "nothing was stored");
        let login = app
            .call(
                Method::POST,
                "/api/v1/auth/login",
                "",
                Some(json!({"username": NUL, "password": "p"})),
            )
            .await;
        assert_eq!(login.status, 400, "{}", app.backend);
        assert_eq!(login.body["error"]["field"], "username");
    }
}

#[tokio::test]
async fn a_nul_in_a_query_parameter_is_refused_naming_it() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        for (path, field) in [
            ("/api/v1/clients?q=a%00b", "q"),
            ("/api/v1/cases?status=open%00", "status"),
            ("/api/v1/audit?action=%00", "action"),
            ("/api/v1/follow-ups?view=mine&when=%00", "when"),
        ] {
            let got = app.call(Method::GET, path, &world.admin.token, None).await;
            assert_eq!(got.status, 400, "{} {path}: {}", app.backend, got.body);
            assert_eq!(got.body["error"]["field"], field, "{path}");
        }
    }
}
