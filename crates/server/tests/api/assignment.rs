//! Who has a case and what a threat does, on every backend: answering an unassigned case takes
//! it, escalating hands it to the supervisor, a threat of harm flags and escalates the case by
//! itself, and a supervisor's draft may promise a refund an agent's may not.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, World, spawn_apps};

const THREAT: &str = "I know where your office is and I will come down there.";
const REFUND: &str =
    "I'm sorry for the double charge. I'll refund the full 250 pounds to you today.";

async fn case(app: &TestApp, token: &str, id: i64) -> serde_json::Value {
    app.call(Method::GET, &format!("/api/v1/cases/{id}"), token, None)
        .await
        .body
}

#[tokio::test]
async fn answering_takes_the_case_and_escalating_hands_it_over() {
    for app in spawn_apps().await {
        let w = World::build(app.store.as_ref()).await;
        let (agent, id) = (&w.agent.token, w.case_a);
        assert_eq!(case(&app, agent, id).await["assignee_id"], json!(null));
        let path = format!("/api/v1/cases/{id}/messages/outbound");
        let body = json!({"body": "Thank you for writing. I'll call you by 3pm today."});
        let sent = app.call(Method::POST, &path, agent, Some(body)).await;
        assert_eq!(sent.status, 201, "{}", sent.body);
        assert_eq!(case(&app, agent, id).await["assignee_id"], w.agent.id);
        // A second person answering does not take it from the first.
        let body = json!({"body": "Adding to my colleague's note: we'll call you by 3pm today."});
        let path_s = path.clone();
        app.call(Method::POST, &path_s, &w.supervisor.token, Some(body))
            .await;
        assert_eq!(case(&app, agent, id).await["assignee_id"], w.agent.id);

        let escalate = json!({"to_user_id": w.supervisor.id, "reason": "Needs approval"});
        let path = format!("/api/v1/cases/{id}/escalations");
        let made = app.call(Method::POST, &path, agent, Some(escalate)).await;
        assert_eq!(made.status, 201, "{}", made.body);
        let now = case(&app, agent, id).await;
        assert_eq!(
            (&now["status"], &now["assignee_id"]),
            (&json!("escalated"), &json!(w.supervisor.id))
        );
    }
}

#[tokio::test]
async fn a_threat_of_harm_flags_and_escalates_the_case_once() {
    for app in spawn_apps().await {
        let w = World::build(app.store.as_ref()).await;
        let (agent, id) = (&w.agent.token, w.case_a);
        let path = format!("/api/v1/cases/{id}/messages/inbound");
        let calm = json!({"body": "Hello, I was charged twice for March."});
        let first = app.call(Method::POST, &path, agent, Some(calm)).await;
        assert_eq!(
            first.body["case"]["safety_at"],
            json!(null),
            "{}",
            first.body
        );

        let threat = app
            .call(Method::POST, &path, agent, Some(json!({"body": THREAT})))
            .await;
        assert_eq!(threat.status, 201, "{}", threat.body);
        let flagged = &threat.body["case"];
        assert!(flagged["safety_at"].is_string(), "{flagged}");
        assert_eq!(flagged["status"], "escalated");
        assert_eq!(flagged["assignee_id"], w.supervisor.id);
        let stored = case(&app, agent, id).await;
        assert_eq!(stored["safety_at"], flagged["safety_at"]);
        assert_eq!(stored["assignee_id"], w.supervisor.id);

        // Another threat keeps the first time and makes no second escalation.
        app.call(Method::POST, &path, agent, Some(json!({"body": THREAT})))
            .await;
        let escalations = app
            .call(
                Method::GET,
                &format!("/api/v1/cases/{id}/escalations"),
                agent,
                None,
            )
            .await;
        let escalations = escalations.body.as_array().unwrap().clone();
        assert_eq!(escalations.len(), 1, "{escalations:?}");
        assert!(
            escalations[0]["reason"]
                .as_str()
                .unwrap()
                .starts_with("Safety")
        );
        assert_eq!(
            case(&app, agent, id).await["safety_at"],
            flagged["safety_at"]
        );
        let queue = app
            .call(
                Method::GET,
                "/api/v1/escalations",
                &w.supervisor.token,
                None,
            )
            .await;
        assert_eq!(queue.body["total"], 1, "{}", queue.body);
    }
}

#[tokio::test]
async fn a_supervisor_may_promise_a_refund_an_agent_may_not() {
    for app in spawn_apps().await {
        let w = World::build(app.store.as_ref()).await;
        let turns =
            json!([{"role": "client", "text": "I was charged 250 pounds twice. Refund it."}]);
        let kinds = |body: &serde_json::Value| -> Vec<String> {
            body["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["kind"].as_str().unwrap().to_owned())
                .collect()
        };
        let check = json!({"draft": REFUND, "turns": turns});
        let by_agent = app
            .call(
                Method::POST,
                "/api/v1/check-reply",
                &w.agent.token,
                Some(check.clone()),
            )
            .await;
        assert!(
            kinds(&by_agent.body).contains(&"forbidden_promise".to_owned()),
            "{}",
            by_agent.body
        );
        let by_supervisor = app
            .call(
                Method::POST,
                "/api/v1/check-reply",
                &w.supervisor.token,
                Some(check),
            )
            .await;
        assert!(
            !kinds(&by_supervisor.body).contains(&"forbidden_promise".to_owned()),
            "{}",
            by_supervisor.body
        );
    }
}
