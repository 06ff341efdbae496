//! Bad requests get our error shape naming the field; the OpenAPI document and health answer.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{World, spawn_apps};

#[tokio::test]
async fn unknown_missing_and_mistyped_fields_are_named() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let unknown = app
            .call(
                Method::POST,
                "/api/v1/clients",
                token,
                Some(json!({"name": "x", "nickname": "y"})),
            )
            .await;
        assert_eq!(unknown.status, 400);
        assert_eq!(unknown.body["error"]["code"], "invalid");
        assert_eq!(unknown.body["error"]["field"], "nickname");
        let missing = app
            .call(
                Method::POST,
                "/api/v1/clients",
                token,
                Some(json!({"notes": "n"})),
            )
            .await;
        assert_eq!(missing.body["error"]["field"], "name");
        let mistyped = app
            .call(
                Method::POST,
                "/api/v1/coach",
                token,
                Some(json!({"turns": [{"role": "client", "text": 5}]})),
            )
            .await;
        assert_eq!(mistyped.body["error"]["field"], "turns[0].text");
        let role = app
            .call(
                Method::POST,
                "/api/v1/coach",
                token,
                Some(json!({"turns": [{"role": "boss", "text": "hi"}]})),
            )
            .await;
        assert_eq!(role.body["error"]["field"], "turns[0].role");
        let blank = app
            .call(
                Method::POST,
                "/api/v1/clients",
                token,
                Some(json!({"name": "   "})),
            )
            .await;
        assert_eq!(blank.body["error"]["field"], "name");
        let status = app
            .call(Method::GET, "/api/v1/cases?status=lost", token, None)
            .await;
        assert_eq!(
            (
                status.status.as_u16(),
                status.body["error"]["field"].as_str()
            ),
            (400, Some("status"))
        );
        let limit = app
            .call(Method::GET, "/api/v1/cases?limit=0", token, None)
            .await;
        assert_eq!(limit.body["error"]["field"], "limit");
    }
}

#[tokio::test]
async fn broken_json_says_where() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let response = reqwest::Client::new()
            .post(app.url("/api/v1/clients"))
            .bearer_auth(&world.agent.token)
            .header("content-type", "application/json")
            .body("{\n  \"name\": \"x\",\n}")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("line 3"),
            "{body}"
        );
        let plain = reqwest::Client::new()
            .post(app.url("/api/v1/clients"))
            .bearer_auth(&world.agent.token)
            .body("name=x")
            .send()
            .await
            .unwrap();
        assert_eq!(plain.status(), 400);
    }
}

#[tokio::test]
async fn missing_records_are_404_and_conflicts_409() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let admin = &world.admin.token;
        let none = app
            .call(Method::GET, "/api/v1/cases/999999", admin, None)
            .await;
        assert_eq!(
            (none.status.as_u16(), none.body["error"]["message"].as_str()),
            (404, Some("case not found"))
        );
        let taken = app
            .call(
                Method::POST,
                "/api/v1/users",
                admin,
                Some(json!({"username": "Ana", "role": "agent"})),
            )
            .await;
        assert_eq!(taken.status, 409, "{}", taken.body);
        let in_use = app
            .call(
                Method::DELETE,
                &format!("/api/v1/teams/{}", world.team_a),
                admin,
                None,
            )
            .await;
        assert_eq!(in_use.status, 409);
    }
}

#[tokio::test]
async fn openapi_document_and_health_are_served() {
    for app in spawn_apps().await {
        let doc = app
            .call(Method::GET, "/api/v1/openapi.json", "", None)
            .await;
        assert_eq!(doc.status, 200);
        let paths = doc.body["paths"].as_object().unwrap();
        for path in [
            "/api/v1/cases/{id}/messages/inbound",
            "/api/v1/clients/{id}/brief",
            "/api/v1/analyze",
            "/api/v1/check-reply",
            "/api/v1/auth/login",
        ] {
            assert!(
                paths.contains_key(path),
                "{path} missing from the OpenAPI document"
            );
        }
        assert!(doc.body["components"]["schemas"]["AnalysisDto"].is_object());
        assert_eq!(app.call(Method::GET, "/health", "", None).await.status, 200);
    }
}

#[tokio::test]
async fn admins_add_users_with_a_one_time_password_and_manage_teams() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let admin = &world.admin.token;
        let added = app
            .call(
                Method::POST,
                "/api/v1/users",
                admin,
                Some(json!({"username": "Cleo", "role": "supervisor"})),
            )
            .await;
        assert_eq!(added.status, 201);
        assert_eq!(added.body["user"]["username"], "cleo");
        assert!(added.body["generated_password"].as_str().unwrap().len() >= 10);
        assert!(
            !added.body.to_string().contains("argon2"),
            "hashes never leave"
        );
        let id = added.body["user"]["id"].as_i64().unwrap();
        let put = app
            .call(
                Method::PUT,
                &format!("/api/v1/teams/{}/members/{id}", world.team_b),
                admin,
                None,
            )
            .await;
        assert_eq!(put.status, 204);
        let members = app
            .call(
                Method::GET,
                &format!("/api/v1/teams/{}/members", world.team_b),
                admin,
                None,
            )
            .await;
        assert_eq!(members.body.as_array().unwrap().len(), 2);
        let short = app
            .call(
                Method::POST,
                "/api/v1/users",
                admin,
                Some(json!({"username": "dan", "role": "agent", "password": "short"})),
            )
            .await;
        assert_eq!(short.body["error"]["field"], "password");
    }
}

#[tokio::test]
async fn rejections_of_paths_queries_and_large_bodies_keep_the_error_shape() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let path = app
            .call(Method::GET, "/api/v1/cases/abc", token, None)
            .await;
        assert_eq!(path.status, 400);
        assert_eq!(path.body["error"]["code"], "invalid", "{}", path.body);
        let query = app
            .call(Method::GET, "/api/v1/cases?min_hostility=high", token, None)
            .await;
        assert_eq!(query.status, 400);
        assert_eq!(query.body["error"]["code"], "invalid", "{}", query.body);
        let huge = "x".repeat(3 * 1024 * 1024);
        let large = app
            .call(
                Method::POST,
                "/api/v1/analyze",
                token,
                Some(json!({"text": huge})),
            )
            .await;
        assert_eq!(large.status, 413, "{}", large.body);
        assert_eq!(large.body["error"]["code"], "too_large");
    }
}

#[tokio::test]
async fn answers_are_never_cached_nor_sniffed() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        for (path, token) in [
            ("/api/v1/auth/me", world.agent.token.as_str()),
            ("/api/v1/cases/abc", world.agent.token.as_str()),
            ("/health", ""),
            ("/login", ""),
        ] {
            let got = app.call(Method::GET, path, token, None).await;
            assert_eq!(got.headers["cache-control"], "no-store", "{path}");
            assert_eq!(got.headers["x-content-type-options"], "nosniff", "{path}");
        }
    }
}

#[tokio::test]
async fn a_boundary_event_is_recorded_by_its_caller_whatever_the_body_says() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let made = app
            .call(
                Method::POST,
                &format!("/api/v1/cases/{}/boundary-events", world.case_a),
                &world.agent.token,
                Some(json!({"step": 1, "evidence": {"recorded_by": world.admin.id, "note": "n"}})),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let events = app.store.list_boundary_events(world.case_a).await.unwrap();
        let evidence: serde_json::Value = serde_json::from_str(&events[0].evidence_json).unwrap();
        assert_eq!(evidence["recorded_by"], world.agent.id);
        assert_eq!(evidence["note"], "n");
    }
}

/// Sends `requests` one after another on one kept-open connection and returns each status
/// line read back (empty when the server closed the connection first).
fn on_one_connection(address: &str, requests: &[String]) -> Vec<String> {
    use std::io::{BufRead, BufReader, Read, Write};
    let host = address.trim_start_matches("http://");
    let stream = std::net::TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let mut statuses = Vec::new();
    for request in requests {
        if writer.write_all(request.as_bytes()).is_err() {
            statuses.push(String::new());
            continue;
        }
        let mut status = String::new();
        let _ = reader.read_line(&mut status);
        let mut length = 0;
        let mut close = false;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            let lower = line.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            close |= lower.starts_with("connection:") && lower.contains("close");
        }
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        statuses.push(status.trim_end().to_owned());
        if close {
            break;
        }
    }
    statuses
}

#[tokio::test]
async fn a_refused_request_with_a_body_never_breaks_the_next_one_on_its_connection() {
    for app in spawn_apps().await {
        let body = format!("{{\"text\": \"{}\"}}", "a".repeat(200_000));
        let refused = format!(
            "POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let health = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".to_owned();
        let address = app.address.clone();
        let statuses =
            tokio::task::spawn_blocking(move || on_one_connection(&address, &[refused, health]))
                .await
                .unwrap();
        assert!(statuses[0].contains(" 401 "), "{statuses:?}");
        // Either the server said it would close (and the client opens a new connection), or
        // the next request on the same connection is answered.
        if let Some(next) = statuses.get(1) {
            assert!(next.contains(" 200 "), "{} {statuses:?}", app.backend);
        }
    }
}
