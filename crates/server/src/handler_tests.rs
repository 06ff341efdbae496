//! Handler tests: the router called in-process with `oneshot`, no socket.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::accounts::{self, Username};
use crate::settings::CookieSecurity;
use crate::{AppState, Settings, app};

async fn state(settings: Settings) -> (AppState, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = defuse_storage::connect(&defuse_storage::sqlite_url(dir.path()))
        .await
        .unwrap();
    (
        AppState::new(store, defuse_core::Analyzer::new(), settings),
        dir,
    )
}

async fn call(
    state: &AppState,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn post(uri: &str, token: Option<&str>, body: &Value) -> Request<Body> {
    let mut builder = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    builder.body(Body::from(body.to_string())).unwrap()
}

async fn agent_token(state: &AppState) -> String {
    token_for(state, "ana", defuse_storage::Role::Agent).await
}

async fn token_for(state: &AppState, name: &str, role: defuse_storage::Role) -> String {
    let store = state.store.as_ref();
    let added = accounts::add_user(
        store,
        &Username::parse(name).unwrap(),
        name,
        role,
        Some("long enough password"),
    )
    .await
    .unwrap();
    accounts::issue_token(store, added.user.id, "test", None)
        .await
        .unwrap()
        .1
}

#[tokio::test]
async fn health_and_the_openapi_document_need_no_sign_in() {
    let (state, _dir) = state(Settings::default()).await;
    let (status, _, _) = call(&state, Request::get("/health").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, doc) = call(
        &state,
        Request::get("/api/v1/openapi.json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["paths"]["/api/v1/cases"].is_object());
}

#[tokio::test]
async fn api_routes_refuse_anonymous_callers_in_the_error_shape() {
    let (state, _dir) = state(Settings::default()).await;
    let (status, headers, body) = call(
        &state,
        Request::get("/api/v1/cases").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");
    assert_eq!(body["error"]["code"], "unauthenticated");
    let (status, _, _) = call(
        &state,
        Request::get("/api/v1/cases")
            .header(header::AUTHORIZATION, "Basic eA==")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn analyze_answers_in_the_documented_shape_and_refuses_unknown_fields() {
    let (state, _dir) = state(Settings::default()).await;
    let token = agent_token(&state).await;
    let (status, _, body) = call(
        &state,
        post(
            "/api/v1/analyze",
            Some(&token),
            &json!({"text": "You idiots never answer!", "id": 7}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], 7);
    assert!(body["hostility"].as_f64().unwrap() > 0.0);
    assert!(body["emotions"]["anger"].is_number());
    let (status, _, body) = call(
        &state,
        post(
            "/api/v1/analyze",
            Some(&token),
            &json!({"text": "hi", "lang": "en"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["field"], "lang");
    let (status, _, body) = call(
        &state,
        post("/api/v1/analyze", Some(&token), &json!({"text": "   "})),
    )
    .await;
    assert_eq!(
        (status, body["level"].as_str()),
        (StatusCode::OK, Some("calm")),
        "an empty message is calm, not an error"
    );
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_configured_and_not_by_default() {
    for (security, secure) in [
        (CookieSecurity::Always, true),
        (CookieSecurity::Auto, false),
    ] {
        let mut settings = Settings::default();
        settings.session.secure_cookie = security;
        let (state, _dir) = state(settings).await;
        agent_token(&state).await;
        let (status, headers, body) = call(
            &state,
            post(
                "/api/v1/auth/login",
                None,
                &json!({"username": "ana", "password": "long enough password"}),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let cookie = headers[header::SET_COOKIE].to_str().unwrap();
        assert_eq!(cookie.contains("; Secure"), secure, "{cookie}");
        assert!(cookie.contains("HttpOnly"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_while_the_analysis_pool_is_full_and_analysis_is_refused() {
    let mut settings = Settings::default();
    (settings.analysis.workers, settings.analysis.queue) = (1, 1);
    let (state, _dir) = state(settings).await;
    let token = agent_token(&state).await;
    let full = crate::compute::tests::saturate(&state.compute, 2).await;
    let started = std::time::Instant::now();
    let (status, _, _) = call(&state, Request::get("/health").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() < std::time::Duration::from_millis(100));
    let (status, headers, body) = call(
        &state,
        post("/api/v1/analyze", Some(&token), &json!({"text": "hello"})),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers[header::RETRY_AFTER], "2");
    assert_eq!(body["error"]["code"], "busy");
    full.release().await;
    let (status, _, _) = call(
        &state,
        post("/api/v1/analyze", Some(&token), &json!({"text": "hello"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "a free pool analyses again");
}

#[test]
fn a_busy_page_says_when_to_come_back_too() {
    use axum::response::IntoResponse;
    let busy = crate::error::AppError::Busy { retry_after: 2 };
    let response = crate::pages::PageError(busy).into_response();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    let kind = response.headers()[header::CONTENT_TYPE].to_str().unwrap();
    assert!(kind.starts_with("text/html"), "{kind}");
}

#[tokio::test]
async fn secrets_are_masked_before_storage_unless_the_settings_say_otherwise() {
    const CARD: &str = "4111 1111 1111 1111";
    for mask in [true, false] {
        let mut settings = Settings::default();
        settings.privacy.mask_secrets = mask;
        let (state, _dir) = state(settings).await;
        let token = agent_token(&state).await;
        let store = state.store.as_ref();
        let agent = store.user_by_username("ana").await.unwrap();
        let team = store.create_team("Billing").await.unwrap();
        store.add_team_member(team.id, agent.id).await.unwrap();
        let client = defuse_storage::ClientFields {
            name: "Marta".into(),
            ..Default::default()
        };
        let case = defuse_storage::NewCase {
            client_id: store.create_client(client).await.unwrap().id,
            subject: "Charge".into(),
            channel: "email".into(),
            assignee_id: None,
            team_id: team.id,
            opened_at: chrono::Utc::now(),
        };
        let case = store.create_case(case).await.unwrap();
        let body = json!({ "body": format!("Refund my card {CARD} now.") });
        let uri = format!("/api/v1/cases/{}/messages/inbound", case.id);
        let (status, _, answer) = call(&state, post(&uri, Some(&token), &body)).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        let stored = store.message(answer["message"]["id"].as_i64().unwrap());
        let stored = stored.await.unwrap().body;
        assert_eq!(stored.contains(CARD), !mask, "{stored}");
        assert_eq!(stored.contains("[card number masked]"), mask, "{stored}");
    }
}

#[tokio::test]
async fn a_hook_over_its_rate_is_answered_429_with_retry_after_and_others_go_on() {
    let mut settings = Settings::default();
    settings.hooks.generic_secret = crate::settings::Secret("generic-secret".into());
    settings.hooks.chatwoot_secret = crate::settings::Secret("chatwoot-secret".into());
    (settings.hooks.burst, settings.hooks.per_second) = (2, 0.1);
    let (state, _dir) = state(settings).await;
    let body = json!({"unsigned": true});
    for _ in 0..2 {
        let (status, _, _) = call(&state, post("/api/v1/hooks/generic", None, &body)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "within the rate, checked");
    }
    let (status, headers, error) = call(&state, post("/api/v1/hooks/generic", None, &body)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{error}");
    let retry_after: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    let (status, _, _) = call(&state, post("/api/v1/hooks/chatwoot", None, &body)).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "another integration is not held back"
    );
}

#[tokio::test]
async fn the_case_page_may_be_framed_by_the_configured_chatwoot_origin_only() {
    let get = |uri: &str, token: &str| {
        Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    let mut settings = Settings::default();
    settings.helpdesk.chatwoot.base_url = "https://chat.example.com/app/".into();
    settings.helpdesk.chatwoot.dashboard_app = true;
    let (state, _dir) = state(settings).await;
    let token = admin_token(&state).await;
    let case_id = a_case(&state).await;
    let (status, headers, _) = call(&state, get(&format!("/cases/{case_id}"), &token)).await;
    assert_eq!(status, StatusCode::OK);
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        policy.contains("frame-ancestors https://chat.example.com;"),
        "{policy}"
    );
    assert!(!policy.contains("'none'"), "{policy}");
    assert!(!headers.contains_key(header::X_FRAME_OPTIONS));
    // The Dashboard App's page, and the way from a conversation to its case.
    let (status, headers, _) = call(&state, get("/chatwoot", &token)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!headers.contains_key(header::X_FRAME_OPTIONS));
    let key = ["conversation:1/12".to_owned()];
    let links = state
        .store
        .add_links("chatwoot", defuse_storage::LinkKind::Case, &key, case_id);
    links.await.unwrap();
    let (status, headers, _) = call(&state, get("/chatwoot/conversations/1/12", &token)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        format!("/cases/{case_id}").as_str()
    );
    let (status, _, _) = call(&state, get("/chatwoot/conversations/1/13", &token)).await;
    assert_eq!(status, StatusCode::OK, "no case yet, said on a page");
    for other in ["/", "/reports", "/cases/new", "/admin"] {
        let (_, headers, _) = call(&state, get(other, &token)).await;
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{other}: {policy}"
        );
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{other}");
    }

    let (state, _dir) = self::state(Settings::default()).await;
    let token = admin_token(&state).await;
    let case_id = a_case(&state).await;
    let (_, headers, _) = call(&state, get(&format!("/cases/{case_id}"), &token)).await;
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "off by default: {policy}"
    );
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    let (status, _, _) = call(&state, get("/chatwoot", &token)).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "no Dashboard App unless configured"
    );
}

async fn admin_token(state: &AppState) -> String {
    token_for(state, "ada", defuse_storage::Role::Admin).await
}

async fn a_case(state: &AppState) -> i64 {
    let store = state.store.as_ref();
    let client = store
        .create_client(defuse_storage::ClientFields {
            name: "Rosa Bell".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let team = store.create_team("Support").await.unwrap();
    let new = defuse_storage::NewCase {
        client_id: client.id,
        subject: "Where is my order?".into(),
        channel: "chat".into(),
        assignee_id: None,
        team_id: team.id,
        opened_at: chrono::Utc::now(),
    };
    store.create_case(new).await.unwrap().id
}

#[tokio::test]
async fn a_mail_is_shown_whole_with_its_html_cleaned_and_its_attachments_listed() {
    let (state, _dir) = state(Settings::default()).await;
    let token = token_for(&state, "admin", defuse_storage::Role::Admin).await;
    let raw = "From: Rosa Bell <rosa@example.org>\r\nTo: help@shop.test\r\n\
        Subject: Still no refund\r\nMessage-ID: <m1@example.org>\r\n\
        Date: Sat, 05 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
        --b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
        <p onmouseover=\"steal()\">Where is my <b>refund</b>?</p>\
        <script>alert('pwned')</script><img src=x onerror=\"alert('img')\">\
        <blockquote>On Friday, Shop wrote: it is on its way</blockquote>\r\n\
        --b\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n\
        Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n\
        Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
    let incoming =
        defuse_ingest::mail::parse(raw.as_bytes(), &defuse_ingest::mail::Agents::new(&[], &[]))
            .unwrap();
    let intake = crate::intake::settled(&state).await.unwrap();
    let stored = crate::intake::store(&state, &incoming, intake)
        .await
        .unwrap();
    let crate::intake::Outcome::Stored {
        case_id,
        message_id,
    } = stored
    else {
        panic!("not stored: {stored:?}");
    };
    let uri = format!("/cases/{case_id}/messages/{message_id}/source");
    let request = Request::get(&uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = app(state.clone()).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    for gone in ["alert(", "<script>", "onmouseover", "onerror", "steal()"] {
        assert!(!page.contains(gone), "{gone} reached the page");
    }
    assert!(
        page.contains("Where is my <b>refund</b>?"),
        "the harmless markup is kept"
    );
    assert!(
        page.contains("On Friday, Shop wrote: it is on its way"),
        "the quoted history is shown"
    );
    assert!(page.contains("invoice.pdf") && page.contains("application/pdf"));
}
