//! An agent handles a heated case end to end in the browser: signs in, opens the case, sees
//! the evidence, gets warned about an aggressive draft, uses a suggested wording, records a
//! follow-up and closes the case with its documentation. Every page is photographed.

use crate::browser::{self, Browser};
use crate::world::{self, PASSWORD, SUBJECT, World};

const AGGRESSIVE: &str = "CALM DOWN. As I already told you, that's just our policy!!!";
const FOLLOW_UP: &str = "Send the refund reference to Marta";

#[tokio::test]
async fn an_agent_handles_a_heated_case_end_to_end() {
    let w = world::spawn().await;
    let Some(b) = browser::open().await else {
        return;
    };
    b.sign_in(&w.base, "ana", PASSWORD).await;
    assert!(b.text("ol.cases").await.contains(SUBJECT));
    b.screenshot("01-inbox").await;

    b.click("a.case-row").await;
    b.wait_for("#reply").await;
    assert!(
        b.count(".msg.inbound mark.ev").await > 0,
        "evidence is highlighted in the client's words"
    );
    assert_eq!(
        b.count("svg.chart circle").await,
        2,
        "one point per client message"
    );
    assert!(
        b.count("[data-fill-reply]").await > 0,
        "the coach offers wordings"
    );
    b.screenshot("02-case").await;

    warned_about_an_aggressive_draft(&b).await;
    puts_a_finding_in_the_reply(&b).await;
    sends_a_suggested_wording(&b).await;
    records_a_follow_up(&b, &w).await;
    closes_with_documentation(&b, &w).await;
    other_pages(&b, &w).await;

    b.click("form.signout button").await;
    b.wait_for("#username").await;
    b.client.goto(&format!("{}/", w.base)).await.unwrap();
    b.wait_for("#username").await;
}

/// The check says not to send it as written, underlines the words, and sending asks first.
async fn warned_about_an_aggressive_draft(b: &Browser) {
    b.type_into("#reply", AGGRESSIVE).await;
    b.wait_for("#check-verdict.verdict-rewrite").await;
    assert!(b.count("#check-findings li").await > 0);
    assert!(b.count("#check-preview u.finding").await > 0);
    b.screenshot("03-draft-warning").await;
    b.click("#reply-form button[type=submit]").await;
    b.wait_until(
        "the revise warning",
        "return !document.getElementById('revise-warning').hidden;",
    )
    .await;
    b.screenshot("04-confirm-before-sending").await;
    b.click("#keep-editing").await;
    assert_eq!(b.count(".msg.outbound").await, 0, "nothing was sent");
}

/// What the agent found goes into the suggested reply, in their words, and stays in its box.
async fn puts_a_finding_in_the_reply(b: &Browser) {
    const FOUND: &str = "The refund was sent back to your card this morning.";
    b.type_into("#found", FOUND).await;
    b.click("form.found button[type=submit]").await;
    b.wait_until(
        "the finding in the reply",
        &format!("return (document.querySelector('div.suggested p.say') || {{}}).innerText?.includes('{FOUND}');"),
    )
    .await;
    assert_eq!(
        b.run("return document.getElementById('found').value;")
            .await,
        FOUND
    );
    assert_eq!(
        b.run("return document.getElementById('reply').value;")
            .await,
        AGGRESSIVE,
        "the draft in the reply box is kept"
    );
    b.screenshot("04b-finding-in-the-reply").await;
}

async fn sends_a_suggested_wording(b: &Browser) {
    b.run("document.getElementById('reply').value = '';").await;
    let said = b
        .run("return document.querySelector('[data-fill-reply]').dataset.fillReply;")
        .await;
    b.click("[data-fill-reply]").await;
    assert_eq!(
        b.run("return document.getElementById('reply').value;")
            .await,
        said
    );
    b.wait_for("#check-verdict.verdict-send, #check-verdict.verdict-revise, #check-verdict.verdict-rewrite")
        .await;
    b.send_reply().await;
    assert!(
        b.text(".msg.outbound")
            .await
            .contains(said.as_str().unwrap().trim())
    );
}

async fn records_a_follow_up(b: &Browser, w: &World) {
    // The section starts open when the reply sent before already made a follow-up.
    b.run("document.querySelector('details.follow-ups').open = true; return true;")
        .await;
    b.type_into("#fu-what", FOLLOW_UP).await;
    b.click("form[data-api$='/follow-ups'] button[type=submit]")
        .await;
    b.wait_until(
        "the follow-up",
        &format!("return document.body.innerText.includes('{FOLLOW_UP}');"),
    )
    .await;
    b.screenshot("05-case-with-follow-up").await;
    b.client
        .goto(&format!("{}/follow-ups?view=mine&when=open", w.base))
        .await
        .unwrap();
    assert!(b.text("ul.follow-ups").await.contains(FOLLOW_UP));
    b.screenshot("06-follow-ups").await;
}

async fn closes_with_documentation(b: &Browser, w: &World) {
    b.client
        .goto(&format!("{}/cases/{}", w.base, w.case.id))
        .await
        .unwrap();
    b.type_into(
        "#doc-outcome",
        "Refund agreed; client calmer after the apology.",
    )
    .await;
    b.click("#close-case").await;
    b.wait_for(".page-head .status-closed").await;
    let doc = w.state.store.documentation(w.case.id).await.unwrap();
    assert!(doc.outcome.contains("Refund agreed"));
    b.screenshot("07-case-closed").await;
}

/// The client's brief, "Try it" with a batch, and the case at tablet width.
async fn other_pages(b: &Browser, w: &World) {
    b.client
        .goto(&format!("{}/clients/{}", w.base, w.case.client_id))
        .await
        .unwrap();
    b.wait_for(".brief-grid").await;
    b.screenshot("08-client").await;
    b.client.goto(&format!("{}/try", w.base)).await.unwrap();
    b.type_into("#try-message", "This is the third time I ask. Fix it NOW.")
        .await;
    b.type_into("#try-draft", "Relax, it's just a small delay.")
        .await;
    b.click("form.card button[type=submit]").await;
    b.wait_for(".try-results .card").await;
    b.type_into(
        "#batch-lines",
        "Thanks, that helped.\nWhere is my parcel??\nYou are all idiots",
    )
    .await;
    b.click("#batch-run").await;
    b.wait_until(
        "the batch",
        "return document.getElementById('batch-status').textContent.startsWith('Done: 3');",
    )
    .await;
    assert_eq!(b.count("#batch-results tbody tr").await, 3);
    b.screenshot("09-try-it").await;
    b.client.set_window_size(800, 1000).await.unwrap();
    b.client
        .goto(&format!("{}/cases/{}", w.base, w.case.id))
        .await
        .unwrap();
    b.wait_for("#reply").await;
    b.screenshot("10-case-800px").await;
}
