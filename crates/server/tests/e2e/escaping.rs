//! Client text with script and markup, sent through the API, is shown literally and never
//! runs: not in the timeline, not in the inbox, not on the client page.

use serde_json::json;

use crate::browser;
use crate::world::{self, PASSWORD};

const HOSTILE_MARKUP: &str = "<script>window.__pwned = 1; document.title = 'pwned';</script>\
<img src=x onerror=\"window.__pwned = 2; document.title = 'pwned'\">\
<b>bold</b> <a href=\"javascript:window.__pwned=3\">click</a> you useless idiots";

#[tokio::test]
async fn markup_from_a_client_is_shown_literally_and_never_runs() {
    let w = world::spawn().await;
    let http = reqwest::Client::new();
    let posted = http
        .post(format!(
            "{}/api/v1/cases/{}/messages/inbound",
            w.base, w.case.id
        ))
        .bearer_auth(&w.agent_token)
        .json(&json!({ "body": HOSTILE_MARKUP }))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 201);
    let renamed = json!({ "name": "<img src=x onerror=\"window.__pwned=4\">Eve", "flags": ["<script>window.__pwned=5</script>"] });
    let put = http
        .put(format!("{}/api/v1/clients/{}", w.base, w.case.client_id))
        .bearer_auth(&w.agent_token)
        .json(&renamed)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);

    let Some(b) = browser::open().await else {
        return;
    };
    let c = &b.client;
    b.sign_in(&w.base, "root", PASSWORD).await;
    let pages = [
        format!("{}/", w.base),
        format!("{}/cases/{}", w.base, w.case.id),
        format!("{}/clients/{}", w.base, w.case.client_id),
        // What the agent found is said in the reply, as text.
        format!(
            "{}/cases/{}?found=%3Cscript%3Ewindow.__pwned%3D6%3C%2Fscript%3E",
            w.base, w.case.id
        ),
    ];
    for (i, page) in pages.iter().enumerate() {
        c.goto(page).await.unwrap();
        b.wait_for("main h1").await;
        let pwned = c
            .execute(
                "return window.__pwned === undefined && document.title !== 'pwned';",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(pwned, json!(true), "script ran on {page}");
        assert_eq!(
            b.count("main img, main b, main script").await,
            0,
            "client markup became elements on {page}"
        );
        b.screenshot(&format!("20-escaped-{i}")).await;
    }
    c.goto(&pages[1]).await.unwrap();
    let shown = b.text(".msg.inbound:last-of-type .body").await;
    assert!(
        shown.contains("<script>window.__pwned = 1;"),
        "shown literally: {shown}"
    );
    assert!(shown.contains("<b>bold</b>"), "shown literally: {shown}");
    assert_eq!(b.count(".msg a[href^='javascript']").await, 0);
    c.goto(&format!("{}/admin", w.base)).await.unwrap();
    b.wait_for("main h1").await;
    b.screenshot("21-admin").await;
}
