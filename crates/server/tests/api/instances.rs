//! Two instances over one database: deliveries of one new conversation sent to both at once
//! open one client and one case between them (the in-process lock cannot see the other
//! instance; the store's unique links and a second look do).

use serde_json::{Value, json};

use crate::helpers::spawn_apps;
use crate::hooks::{chatwoot_message, counts, deliver_chatwoot_at, messages_of};

#[tokio::test]
async fn two_instances_taking_in_one_new_conversation_at_once_open_one_case() {
    for app in spawn_apps().await {
        let addresses = [app.address.clone(), app.another_instance().await];
        for round in 0..5_i64 {
            let mut tasks = tokio::task::JoinSet::new();
            for i in 0..20_i64 {
                let id = 10_000 * (round + 1) + i;
                let text = format!("Message {i}: still waiting.");
                let mut v: Value =
                    serde_json::from_str(&chatwoot_message(id, "incoming", &text)).unwrap();
                // A new conversation (and contact) each round.
                v["conversation"]["id"] = json!(100 + round);
                v["sender"]["id"] = json!(700 + round);
                let address = addresses[i as usize % 2].clone();
                tasks.spawn(deliver_chatwoot_at(address, v.to_string()));
            }
            let replies = tasks.join_all().await;
            for r in &replies {
                assert_eq!(r.body["outcome"], "stored", "{}: {}", app.backend, r.body);
            }
            let case = &replies[0].body["case_id"];
            assert!(
                replies.iter().all(|r| &r.body["case_id"] == case),
                "{}: one case",
                app.backend
            );
            assert_eq!(messages_of(app.store.as_ref(), case).await.len(), 20);
        }
        assert_eq!(
            counts(app.store.as_ref()).await,
            (5, 5),
            "{}: a client and a case a conversation",
            app.backend
        );
    }
}
