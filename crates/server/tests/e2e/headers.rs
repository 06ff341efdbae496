//! Without a browser: the console's security headers, the sign-in redirect, and the CSRF check
//! of the one form the server answers itself.

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

use crate::world::{self, PASSWORD};

#[tokio::test]
async fn pages_carry_a_strict_policy_and_send_strangers_to_sign_in() {
    let w = world::spawn().await;
    let http = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    let login = http.get(format!("{}/login", w.base)).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    let h = login.headers();
    assert_eq!(
        h["content-security-policy"],
        defuse_server::pages::CONTENT_SECURITY_POLICY
    );
    assert!(!defuse_server::pages::CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("referrer-policy"));
    let html = login.text().await.unwrap();
    assert!(!html.contains("<script>"), "no inline script: {html}");
    assert!(!html.contains(" on"), "no inline handlers");

    let inbox = http.get(format!("{}/", w.base)).send().await.unwrap();
    assert!(inbox.status().is_redirection());
    assert_eq!(inbox.headers()["location"], "/login");

    let js = http
        .get(format!("{}/assets/console.js", w.base))
        .send()
        .await
        .unwrap();
    assert!(
        js.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
}

#[tokio::test]
async fn the_try_form_needs_the_session_csrf_token() {
    let w = world::spawn().await;
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let me: Value = http
        .post(format!("{}/api/v1/auth/login", w.base))
        .json(&json!({"username": "ana", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_owned();
    let form = |token: &str| {
        [
            ("csrf", token.to_owned()),
            ("message", "You people are useless!!".to_owned()),
            ("draft", "Calm down.".to_owned()),
        ]
    };
    let refused = http
        .post(format!("{}/try", w.base))
        .form(&form("wrong"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let answered = http
        .post(format!("{}/try", w.base))
        .form(&form(&csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), StatusCode::OK);
    let html = answered.text().await.unwrap();
    assert!(
        html.contains("Draft check") && html.contains("rewrite"),
        "{html}"
    );
}
