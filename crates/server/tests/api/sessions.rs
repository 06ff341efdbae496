//! Console sessions: the cookie, CSRF, logout, password change, rate limiting, tokens.

use reqwest::{Method, StatusCode};
use serde_json::json;

use defuse_server::accounts;

use crate::helpers::{TestApp, World, fresh_databases, reply, spawn_apps};

async fn login(
    app: &TestApp,
    http: &reqwest::Client,
    username: &str,
    password: &str,
) -> crate::helpers::Reply {
    let response = http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap();
    reply(response).await
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

#[tokio::test]
async fn login_sets_a_guarded_cookie_and_unsafe_requests_need_the_csrf_token() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let http = client();
        let ok = login(&app, &http, "ANA", &world.agent.password).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        let cookie = ok
            .headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.starts_with("defuse_session="), "{cookie}");
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(
                cookie.contains(attribute),
                "{attribute} missing in {cookie}"
            );
        }
        assert!(
            !cookie.contains("Secure"),
            "plain http by default: {cookie}"
        );
        let csrf = ok.body["csrf_token"].as_str().unwrap().to_owned();

        let me = reply(http.get(app.url("/api/v1/auth/me")).send().await.unwrap()).await;
        assert_eq!(me.body["user"]["username"], "ana");
        let body = json!({"name": "a client"});
        let without = reply(
            http.post(app.url("/api/v1/clients"))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(without.status, StatusCode::FORBIDDEN);
        let wrong = reply(
            http.post(app.url("/api/v1/clients"))
                .header("x-csrf-token", "nope")
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        let with = reply(
            http.post(app.url("/api/v1/clients"))
                .header("x-csrf-token", &csrf)
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(with.status, StatusCode::CREATED, "{}", with.body);

        let out = reply(
            http.post(app.url("/api/v1/auth/logout"))
                .header("x-csrf-token", &csrf)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        let after = reply(http.get(app.url("/api/v1/auth/me")).send().await.unwrap()).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn each_login_gets_a_new_session_and_a_password_change_ends_the_others_and_tokens() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let (first, second) = (client(), client());
        let a = login(&app, &first, "ana", &world.agent.password).await;
        let b = login(&app, &second, "ana", &world.agent.password).await;
        assert_ne!(a.headers.get("set-cookie"), b.headers.get("set-cookie"));
        let csrf = a.body["csrf_token"].as_str().unwrap();
        let change = json!({"current_password": world.agent.password, "new_password": "a brand new passphrase"});
        let changed = reply(
            first
                .post(app.url("/api/v1/auth/password"))
                .header("x-csrf-token", csrf)
                .json(&change)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
        let me = |http: &reqwest::Client| http.get(app.url("/api/v1/auth/me")).send();
        assert_eq!(
            reply(me(&first).await.unwrap()).await.status,
            StatusCode::OK,
            "the session that made the change stays"
        );
        assert_eq!(
            reply(me(&second).await.unwrap()).await.status,
            StatusCode::UNAUTHORIZED
        );
        let by_token = app
            .call(Method::GET, "/api/v1/auth/me", &world.agent.token, None)
            .await;
        assert_eq!(
            by_token.status,
            StatusCode::UNAUTHORIZED,
            "tokens are revoked"
        );
        assert_eq!(
            login(&app, &client(), "ana", &world.agent.password)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            login(&app, &client(), "ana", "a brand new passphrase")
                .await
                .status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn a_stale_or_unknown_session_cookie_does_not_stop_a_login() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let unknown = reply(
            reqwest::Client::new()
                .post(app.url("/api/v1/auth/login"))
                .header("cookie", "defuse_session=never-issued")
                .json(&json!({"username": "ana", "password": world.agent.password}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(unknown.status, StatusCode::OK, "{}", unknown.body);

        // A session ended elsewhere (here by logging out with its cookie copied) leaves the
        // browser holding a cookie the server no longer knows.
        let http = client();
        let first = login(&app, &http, "ana", &world.agent.password).await;
        let cookie = first.headers["set-cookie"].to_str().unwrap();
        let pair = cookie.split(';').next().unwrap().to_owned();
        let csrf = first.body["csrf_token"].as_str().unwrap();
        let out = reqwest::Client::new()
            .post(app.url("/api/v1/auth/logout"))
            .header("cookie", &pair)
            .header("x-csrf-token", csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        let again = login(&app, &http, "ana", &world.agent.password).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        let me = reply(http.get(app.url("/api/v1/auth/me")).send().await.unwrap()).await;
        assert_eq!(me.status, StatusCode::OK, "the new session works");
    }
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_a_login() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let change = |current: &str| json!({"current_password": current, "new_password": "another long passphrase"});
        let token = &world.agent.token;
        for _ in 0..3 {
            let wrong = app
                .call(
                    Method::POST,
                    "/api/v1/auth/password",
                    token,
                    Some(change("guess")),
                )
                .await;
            assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
        }
        let right = app
            .call(
                Method::POST,
                "/api/v1/auth/password",
                token,
                Some(change(&world.agent.password)),
            )
            .await;
        assert_eq!(
            right.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            app.backend
        );
    }
}

#[tokio::test]
async fn wrong_passwords_are_audited_and_rate_limited_per_account() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        for _ in 0..3 {
            let bad = login(&app, &client(), "ana", "not the password").await;
            assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
            assert_eq!(bad.body["error"]["code"], "bad_credentials");
        }
        let limited = login(&app, &client(), "ana", &world.agent.password).await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(limited.headers.contains_key("retry-after"));
        assert_eq!(
            login(&app, &client(), "sue", &world.supervisor.password)
                .await
                .status,
            StatusCode::OK,
            "other accounts still log in"
        );
        let unknown = login(&app, &client(), "nobody", "whatever at all").await;
        assert_eq!(
            unknown.status,
            StatusCode::UNAUTHORIZED,
            "an unknown name looks like a wrong password"
        );
        let log = app
            .call(
                Method::GET,
                "/api/v1/audit?action=login_failed",
                &world.admin.token,
                None,
            )
            .await;
        assert_eq!(log.body["total"], 4, "{}", log.body);
        let refused = app
            .call(
                Method::GET,
                "/api/v1/audit?action=login_refused",
                &world.admin.token,
                None,
            )
            .await;
        assert_eq!(refused.body["total"], 1);
    }
}

#[tokio::test]
async fn tokens_are_shown_once_and_stop_working_when_revoked() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let issued = app
            .call(
                Method::POST,
                "/api/v1/tokens",
                &world.agent.token,
                Some(json!({"name": "crm"})),
            )
            .await;
        assert_eq!(issued.status, 201);
        let token = issued.body["token"].as_str().unwrap().to_owned();
        assert!(token.starts_with("dfs_"));
        let listed = app.call(Method::GET, "/api/v1/tokens", &token, None).await;
        assert!(
            !listed.body.to_string().contains(&token),
            "the secret is never listed"
        );
        let id = issued.body["id"].as_i64().unwrap();
        let other = app
            .call(
                Method::DELETE,
                &format!("/api/v1/tokens/{id}"),
                &world.other_agent.token,
                None,
            )
            .await;
        assert_eq!(
            other.status, 404,
            "someone else's token is not theirs to revoke"
        );
        let revoked = app
            .call(
                Method::DELETE,
                &format!("/api/v1/tokens/{id}"),
                &world.agent.token,
                None,
            )
            .await;
        assert_eq!(revoked.status, 200);
        assert_eq!(
            app.call(Method::GET, "/api/v1/auth/me", &token, None)
                .await
                .status,
            401
        );
        assert_eq!(
            app.call(Method::GET, "/api/v1/auth/me", "dfs_made_up", None)
                .await
                .status,
            401
        );
    }
}

#[tokio::test]
async fn a_team_change_applies_to_the_next_request_with_a_token() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let case_b = format!("/api/v1/cases/{}", world.case_b);
        let token = world.other_agent.token.as_str();
        let get = || app.call(Method::GET, &case_b, token, None);
        assert_eq!(get().await.status, 200);
        let member = format!(
            "/api/v1/teams/{}/members/{}",
            world.team_b, world.other_agent.id
        );
        let removed = app
            .call(Method::DELETE, &member, &world.admin.token, None)
            .await;
        assert_eq!(removed.status, 204);
        assert_eq!(
            get().await.status,
            403,
            "the token's remembered teams are forgotten at once"
        );
        let added = app
            .call(Method::PUT, &member, &world.admin.token, None)
            .await;
        assert_eq!(added.status, 204);
        assert_eq!(get().await.status, 200);
    }
}

#[tokio::test]
async fn instances_starting_together_on_an_empty_database_make_exactly_one_admin() {
    for database in fresh_databases().await {
        // Each instance has its own pool (and, on SQLite, its own writer).
        let mut stores = Vec::new();
        for _ in 0..6 {
            stores.push(defuse_storage::connect(&database.url).await.unwrap());
        }
        let starts: Vec<_> = stores
            .iter()
            .map(|store| {
                let store = std::sync::Arc::clone(store);
                tokio::spawn(async move { accounts::ensure_first_admin(store.as_ref()).await })
            })
            .collect();
        let mut made = 0;
        for start in starts {
            let outcome = start.await.unwrap();
            let password = outcome.unwrap_or_else(|e| panic!("{}: {e}", database.backend));
            made += usize::from(password.is_some());
        }
        assert_eq!(
            made, 1,
            "{}: one instance shows a password",
            database.backend
        );
        assert_eq!(
            stores[0].count_users().await.unwrap(),
            1,
            "{}",
            database.backend
        );
    }
}

#[tokio::test]
async fn a_locked_out_account_still_signs_in_from_another_address() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        for _ in 0..3 {
            let bad = login(&app, &client(), "ana", "not the password").await;
            assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
        }
        let limited = login(&app, &client(), "ana", &world.agent.password).await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = limited.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (1..=30).contains(&wait),
            "the first delay, not a lock: {wait}"
        );
        let elsewhere = reqwest::Client::builder()
            .cookie_store(true)
            .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
            .build()
            .unwrap();
        let owner = login(&app, &elsewhere, "ana", &world.agent.password).await;
        assert_eq!(
            owner.status,
            StatusCode::OK,
            "{}: {}",
            app.backend,
            owner.body
        );
    }
}

#[tokio::test]
async fn a_new_password_is_checked_against_common_ones_and_capped_in_length() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let change =
            |new: &str| json!({"current_password": world.admin.password, "new_password": new});
        for weak in ["password12", "          ", &"long passphrase ".repeat(100)] {
            let refused = app
                .call(
                    Method::POST,
                    "/api/v1/auth/password",
                    &world.admin.token,
                    Some(change(weak)),
                )
                .await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{weak:?}");
            assert_eq!(
                refused.body["error"]["field"], "new_password",
                "{}",
                refused.body
            );
        }
        let reset = app
            .call(
                Method::POST,
                &format!("/api/v1/users/{}/password", world.agent.id),
                &world.admin.token,
                Some(json!({"password": "qwertyuiop"})),
            )
            .await;
        assert_eq!(reset.status, StatusCode::BAD_REQUEST);
        assert_eq!(reset.body["error"]["field"], "password", "{}", reset.body);
    }
}

#[tokio::test]
async fn a_token_given_an_end_stops_working_then_and_an_end_in_the_past_is_refused() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let token = &world.agent.token;
        let past = json!({"name": "old", "expires_at": "2020-01-01T00:00:00Z"});
        let refused = app
            .call(Method::POST, "/api/v1/tokens", token, Some(past))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        assert_eq!(refused.body["error"]["field"], "expires_at");

        let end = chrono::Utc::now() + chrono::Duration::seconds(3);
        let body = json!({"name": "brief", "expires_at": end.to_rfc3339()});
        let issued = app
            .call(Method::POST, "/api/v1/tokens", token, Some(body))
            .await;
        assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.body);
        assert!(issued.body["expires_at"].is_string(), "{}", issued.body);
        let brief = issued.body["token"].as_str().unwrap().to_owned();
        let before = app.call(Method::GET, "/api/v1/tokens", &brief, None).await;
        assert_eq!(before.status, StatusCode::OK, "{}", app.backend);
        // Past its end, and past the second a token is remembered for.
        tokio::time::sleep(std::time::Duration::from_millis(4_500)).await;
        let after = app.call(Method::GET, "/api/v1/tokens", &brief, None).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED, "{}", app.backend);
    }
}
