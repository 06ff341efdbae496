//! The follow-up message: drafted from what was agreed, done and promised on a case, it passes
//! our own draft check, and only people who see the case may ask for it.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::helpers::{Reply, TestApp, World, spawn_apps};

async fn post(app: &TestApp, path: String, token: &str, body: serde_json::Value) -> Reply {
    app.call(Method::POST, &path, token, Some(body)).await
}

#[tokio::test]
async fn the_follow_up_message_sums_up_the_case_and_passes_the_draft_check() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let (case, token) = (world.case_a, world.agent.token.as_str());
        let inbound = json!({ "body": "Hello, I was charged twice for my order last week. Could you refund the second charge please?" });
        let reply = json!({ "body": "Thank you for letting us know, and sorry about the double charge. I will refund the second charge and send you the confirmation by Friday." });
        assert_eq!(
            post(
                &app,
                format!("/api/v1/cases/{case}/messages/inbound"),
                token,
                inbound
            )
            .await
            .status,
            StatusCode::CREATED
        );
        assert_eq!(
            post(
                &app,
                format!("/api/v1/cases/{case}/messages/outbound"),
                token,
                reply
            )
            .await
            .status,
            StatusCode::CREATED
        );
        let agreed = json!({ "text": "A refund of the second charge" });
        assert_eq!(
            post(
                &app,
                format!("/api/v1/cases/{case}/agreed-actions"),
                token,
                agreed
            )
            .await
            .status,
            StatusCode::CREATED
        );
        let done = json!({ "what": "Cancel the duplicate order" });
        let done = post(
            &app,
            format!("/api/v1/cases/{case}/follow-ups"),
            token,
            done,
        )
        .await
        .body["id"]
            .clone();
        let marked = app
            .call(
                Method::PATCH,
                &format!("/api/v1/follow-ups/{done}"),
                token,
                Some(json!({ "status": "done" })),
            )
            .await;
        assert_eq!(marked.status, StatusCode::OK);

        let path = format!("/api/v1/cases/{case}/follow-up-message");
        let drafted = app.call(Method::GET, &path, token, None).await;
        assert_eq!(drafted.status, StatusCode::OK, "{}", app.backend);
        let text = drafted.body["text"].as_str().unwrap();
        let opening = "Hello Marta,\n\nI can see how frustrating this has been.";
        assert!(text.starts_with(opening), "the client was upset: {text}");
        assert!(
            text.contains("What we agreed: a refund of the second charge."),
            "{text}"
        );
        assert!(
            text.contains("What has been done: cancel the duplicate order."),
            "{text}"
        );
        assert!(
            text.contains("What happens next: refund the second charge"),
            "{text}"
        );
        assert!(text.ends_with("Kind regards,\nana"), "{text}");
        assert_eq!(
            drafted.body["check"]["verdict"], "send",
            "{}",
            drafted.body["check"]
        );

        let other = app
            .call(Method::GET, &path, &world.other_agent.token, None)
            .await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
    }
}
