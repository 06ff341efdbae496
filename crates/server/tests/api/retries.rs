//! Retries never store twice: an `Idempotency-Key` on a create gives the first answer again,
//! the same key with another request is refused, and a message's `external_id` is unique per case.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Reply, TestApp, World, reply, spawn_apps};

pub(crate) async fn keyed(
    app: &TestApp,
    token: &str,
    path: &str,
    key: &str,
    body: &Value,
) -> Reply {
    let response = reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap();
    reply(response).await
}

#[tokio::test]
async fn a_retried_create_gets_the_first_answer_and_stores_once() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let inbound = format!("/api/v1/cases/{}/messages/inbound", world.case_a);
        let body = json!({"body": "Where is my refund? This is the third time I ask."});
        let first = keyed(&app, token, &inbound, "msg-1", &body).await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        let again = keyed(&app, token, &inbound, "msg-1", &body).await;
        assert_eq!(again.status, StatusCode::CREATED, "{}", app.backend);
        assert_eq!(again.body, first.body, "the first answer, word for word");
        assert_eq!(again.headers["idempotent-replayed"], "true");
        let stored = app.store.latest_messages(world.case_a, 10).await.unwrap();
        assert_eq!(stored.len(), 1, "{}: stored once", app.backend);
        assert_eq!(stored[0].external_id.as_deref(), Some("msg-1"));

        let other = json!({"body": "A different message."});
        let reused = keyed(&app, token, &inbound, "msg-1", &other).await;
        assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reused.body["error"]["code"], "idempotency_key_reused");
        assert_eq!(reused.body["error"]["field"], "Idempotency-Key");

        let client = json!({"name": "Keyed Client"});
        let made = keyed(&app, token, "/api/v1/clients", "client-1", &client).await;
        let remade = keyed(&app, token, "/api/v1/clients", "client-1", &client).await;
        assert_eq!(
            (made.status, remade.status),
            (StatusCode::CREATED, StatusCode::CREATED)
        );
        assert_eq!(made.body["id"], remade.body["id"]);
        let listed = app
            .call(Method::GET, "/api/v1/clients?q=Keyed", token, None)
            .await;
        assert_eq!(listed.body["total"], 1, "{}", listed.body);
    }
}

#[tokio::test]
async fn a_refused_create_frees_its_key() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let bad = keyed(
            &app,
            token,
            "/api/v1/clients",
            "c-2",
            &json!({"notes": "no name"}),
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let good = keyed(
            &app,
            token,
            "/api/v1/clients",
            "c-2",
            &json!({"name": "Named"}),
        )
        .await;
        assert_eq!(good.status, StatusCode::CREATED, "{}", good.body);
        let blank = keyed(
            &app,
            token,
            "/api/v1/clients",
            " ",
            &json!({"name": "Named"}),
        )
        .await;
        assert_eq!(blank.status, StatusCode::BAD_REQUEST);
        assert_eq!(blank.body["error"]["field"], "Idempotency-Key");
    }
}

#[tokio::test]
async fn an_external_id_is_stored_once_per_case() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let body = json!({"body": "Hello again", "external_id": "mail-77"});
        let app = &app;
        let post = |case: i64| {
            let path = format!("/api/v1/cases/{case}/messages/inbound");
            let body = body.clone();
            async move { app.call(Method::POST, &path, token, Some(body)).await }
        };
        let first = post(world.case_a).await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        assert_eq!(first.body["message"]["external_id"], "mail-77");
        let twice = post(world.case_a).await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "{}", app.backend);
        let supervisor = &world.supervisor.token;
        let elsewhere = app
            .call(
                Method::POST,
                &format!("/api/v1/cases/{}/notes", world.case_a),
                supervisor,
                Some(json!({"body": "note", "external_id": "mail-77"})),
            )
            .await;
        assert_eq!(
            elsewhere.status,
            StatusCode::CONFLICT,
            "unique per case, whatever the direction"
        );
        assert_eq!(
            app.store
                .latest_messages(world.case_a, 10)
                .await
                .unwrap()
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn a_secret_in_an_answer_is_neither_kept_nor_shown_again() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let body = json!({"name": "ci"});
        let first = keyed(&app, token, "/api/v1/tokens", "tok-1", &body).await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        let secret = first.body["token"].as_str().unwrap().to_owned();
        let again = keyed(&app, token, "/api/v1/tokens", "tok-1", &body).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
        assert!(!again.body.to_string().contains(&secret));
        let now = chrono::Utc::now();
        let kept = app
            .store
            .claim_idempotency_key(
                world.agent.id,
                "tok-1",
                "",
                now,
                now - chrono::Duration::days(9),
            )
            .await
            .unwrap();
        let defuse_storage::KeyClaim::Seen(kept) = kept else {
            panic!("the key is kept");
        };
        assert_eq!(
            kept.response.as_deref(),
            Some(""),
            "the secret is not stored"
        );
        let tokens = app.call(Method::GET, "/api/v1/tokens", token, None).await;
        assert_eq!(
            tokens.body.as_array().map_or(0, Vec::len),
            2,
            "{}",
            tokens.body
        );
    }
}
