//! A new user works a whole case from the console, with no API call of their own: changes the
//! one-time password, adds a client and opens a case, logs the client's pasted email, takes the
//! case, answers with the live check, sees the promise as a follow-up with the client and due
//! time, then as missed once it passed (inbox badge, Missed view, client brief), escalates to
//! a supervisor who finds it in their queue; and a threat of harm on another case flags and
//! escalates it by itself. Every step is photographed (`story-*.png`).

use chrono::{Duration, Utc};

use crate::browser::{self, Browser};
use crate::world::{self, PASSWORD, World};

const NEW_PASSWORD: &str = "a brand new passphrase";
const CLIENT: &str = "Priya Shah";
const SUBJECT: &str = "Deposit not returned";
const PASTED_EMAIL: &str = "Hello, I moved out six weeks ago and my deposit of 400 pounds has still not come back. I have emailed twice and heard nothing. I need it this week to pay my new landlord. Priya";
const REPLY: &str = "Priya, I'm sorry you have had to write twice. I have found your deposit and I will call you tomorrow by 11am with the date it reaches your account.";
const THREAT: &str = "I know where your office is and I will come down there and break your neck.";

#[tokio::test]
async fn a_new_user_works_a_whole_case_in_the_console() {
    let w = world::spawn().await;
    let Some(b) = browser::open().await else {
        return;
    };
    changes_the_one_time_password(&b, &w).await;
    let case_id = opens_a_case_for_a_new_client(&b, &w).await;
    logs_the_email_and_takes_the_case(&b, &w, case_id).await;
    answers_with_the_live_check(&b, &w, case_id).await;
    sees_the_promise_missed(&b, &w, case_id).await;
    escalates(&b, &w, case_id).await;
    a_threat_flags_and_escalates(&b, &w).await;
    the_supervisor_finds_both_in_their_queue(&b, &w, case_id).await;
}

async fn changes_the_one_time_password(b: &Browser, w: &World) {
    b.sign_in(&w.base, "ana", PASSWORD).await;
    b.click("a.who").await;
    b.wait_for("#password-form").await;
    b.type_into("#current-password", PASSWORD).await;
    b.type_into("#new-password", NEW_PASSWORD).await;
    b.type_into("#repeat-password", "not the same one").await;
    b.click("#password-form button[type=submit]").await;
    b.wait_until(
        "the mismatch",
        "return document.querySelector('#password-form .form-error').textContent.includes('differ');",
    )
    .await;
    b.run("document.getElementById('repeat-password').value = ''; return true;")
        .await;
    b.type_into("#repeat-password", NEW_PASSWORD).await;
    b.screenshot("story-01-change-password").await;
    b.click("#password-form button[type=submit]").await;
    b.wait_for("#password-changed").await;
    assert!(b.text("main").await.contains("Your password is changed"));
    b.client.delete_all_cookies().await.expect("signed out");
    b.sign_in(&w.base, "ana", NEW_PASSWORD).await;
}

async fn opens_a_case_for_a_new_client(b: &Browser, w: &World) -> i64 {
    b.click("nav a[href='/cases/new']").await;
    b.wait_for("#client-form").await;
    b.type_into("#client-name", CLIENT).await;
    b.type_into("#client-email", "priya.shah@example.org").await;
    b.click("#client-form button[type=submit]").await;
    b.wait_until(
        "the new client chosen",
        &format!("return location.search.startsWith('?client=') && document.getElementById('case-client').selectedOptions[0].textContent.includes('{CLIENT}');"),
    )
    .await;
    b.type_into("#case-subject", SUBJECT).await;
    b.run("document.getElementById('case-assignee').value = ''; return true;")
        .await;
    b.screenshot("story-02-new-case").await;
    b.click("#case-form button[type=submit]").await;
    b.wait_for("#inbound-form").await;
    let path = b.run("return location.pathname;").await;
    let case_id: i64 = path.as_str().unwrap()["/cases/".len()..].parse().unwrap();
    let case = w.state.store.case(case_id).await.unwrap();
    assert_eq!((case.subject.as_str(), case.assignee_id), (SUBJECT, None));
    assert!(b.text(".assignment").await.contains("Nobody has taken"));
    case_id
}

async fn logs_the_email_and_takes_the_case(b: &Browser, w: &World, case_id: i64) {
    b.type_into("#inbound-body", PASTED_EMAIL).await;
    b.click("#inbound-form button[type=submit]").await;
    b.wait_for(".msg.inbound").await;
    assert!(
        b.text(".msg.inbound")
            .await
            .contains("deposit of 400 pounds")
    );
    assert!(
        b.count(".msg.inbound .badge").await > 0,
        "the message is analysed"
    );
    assert!(
        b.count("[data-fill-reply]").await > 0,
        "a reply is owed: the coach offers wordings"
    );
    b.run("window.scrollTo(0, 0); return true;").await;
    b.screenshot("story-03-logged-email").await;
    b.click("#take-case").await;
    b.wait_for_assignee("Ana Agent").await;
    let ana = w.state.store.user_by_username("ana").await.unwrap();
    assert_eq!(
        w.state.store.case(case_id).await.unwrap().assignee_id,
        Some(ana.id)
    );
    assert_eq!(
        b.count("#take-case").await,
        0,
        "no Take button for one's own case"
    );
}

async fn answers_with_the_live_check(b: &Browser, w: &World, case_id: i64) {
    b.type_into("#reply", REPLY).await;
    b.wait_for("#check-verdict.verdict-send, #check-verdict.verdict-revise, #check-verdict.verdict-rewrite")
        .await;
    b.screenshot("story-04-live-check").await;
    b.send_reply().await;
    assert!(
        b.text(".coaching").await.contains("You answered last"),
        "no coaching as if a reply were still owed"
    );
    let follow_ups = w
        .state
        .store
        .list_follow_ups(
            defuse_storage::FollowUpFilter {
                case_id: Some(case_id),
                ..Default::default()
            },
            defuse_storage::Paging::first(10).unwrap(),
        )
        .await
        .unwrap()
        .items;
    assert_eq!(
        follow_ups.len(),
        1,
        "one promise, one follow-up: {follow_ups:?}"
    );
    let due = follow_ups[0].due_at.expect("the promise has a due time");
    b.client
        .goto(&format!("{}/follow-ups?view=mine&when=open", w.base))
        .await
        .unwrap();
    let row = b.text("ul.follow-ups li").await;
    assert!(row.contains(CLIENT) && row.contains(SUBJECT), "{row}");
    assert!(
        row.contains(&due.format("%a %-d %b %H:%M UTC").to_string()),
        "{row}"
    );
    b.screenshot("story-05-follow-up").await;
}

async fn sees_the_promise_missed(b: &Browser, w: &World, case_id: i64) {
    // Two days on, the upkeep marks the promise missed.
    let later = Utc::now() + Duration::days(2);
    assert_eq!(
        w.state.store.mark_missed(later, Utc::now()).await.unwrap(),
        1
    );
    b.client.goto(&format!("{}/", w.base)).await.unwrap();
    let row = format!("a.case-row[href='/cases/{case_id}']");
    b.wait_for(&row).await;
    assert!(
        b.text(&format!("{row} .badge.missed"))
            .await
            .contains("1 missed")
    );
    b.screenshot("story-06-inbox-missed").await;
    b.client
        .goto(&format!("{}/follow-ups?view=mine&when=missed", w.base))
        .await
        .unwrap();
    assert!(b.text("ul.follow-ups").await.contains(CLIENT));
    assert_eq!(b.count("ul.follow-ups .fu-missed").await, 1);
    b.screenshot("story-07-missed-view").await;
    let client_id = w.state.store.case(case_id).await.unwrap().client_id;
    b.client
        .goto(&format!("{}/clients/{client_id}", w.base))
        .await
        .unwrap();
    let promises = b.text(".promises").await;
    assert!(
        promises.contains("missed") && promises.contains("call you"),
        "{promises}"
    );
    assert!(b.text(".page-head").await.contains("promise missed"));
    b.screenshot("story-08-brief-missed").await;
}

async fn escalates(b: &Browser, w: &World, case_id: i64) {
    b.client
        .goto(&format!("{}/cases/{case_id}", w.base))
        .await
        .unwrap();
    b.wait_for("#esc-why").await;
    b.run("document.querySelector('#esc-why').closest('details').open = true; return true;")
        .await;
    let sue = w.state.store.user_by_username("sue").await.unwrap();
    b.run(&format!(
        "document.getElementById('esc-to').value = '{}'; return true;",
        sue.id
    ))
    .await;
    b.type_into("#esc-why", "Promise missed; client needs a supervisor")
        .await;
    b.click("form[data-api$='/escalations'] button[type=submit]")
        .await;
    b.wait_for(".page-head .status-escalated").await;
    b.wait_for_assignee("Sue Supervisor").await;
    b.run("window.scrollTo(0, 0); return true;").await;
    b.screenshot("story-09-escalated").await;
}

async fn a_threat_flags_and_escalates(b: &Browser, w: &World) {
    b.client
        .goto(&format!("{}/cases/{}", w.base, w.case.id))
        .await
        .unwrap();
    b.type_into("#inbound-body", THREAT).await;
    b.click("#inbound-form button[type=submit]").await;
    b.wait_for(".callout.safety").await;
    assert!(b.count(".msg.inbound .badge.safety").await == 1);
    assert_eq!(b.count(".page-head .status-escalated").await, 1);
    let case = w.state.store.case(w.case.id).await.unwrap();
    let sue = w.state.store.user_by_username("sue").await.unwrap();
    assert!(case.safety_at.is_some());
    assert_eq!(case.assignee_id, Some(sue.id));
    b.run("window.scrollTo(0, 0); return true;").await;
    b.screenshot("story-10-safety").await;
    b.client.goto(&format!("{}/", w.base)).await.unwrap();
    let row = format!("a.case-row[href='/cases/{}']", w.case.id);
    b.wait_for(&format!("{row} .badge.safety")).await;
    b.screenshot("story-11-inbox-safety").await;
}

async fn the_supervisor_finds_both_in_their_queue(b: &Browser, w: &World, case_id: i64) {
    b.click("form.signout button").await;
    b.wait_for("#username").await;
    b.sign_in(&w.base, "sue", PASSWORD).await;
    b.click("input[name=escalated]").await;
    b.click("form.filters button[type=submit]").await;
    b.wait_until(
        "the queue",
        "return location.search.includes('escalated=1');",
    )
    .await;
    b.wait_for("ol.cases").await;
    for id in [case_id, w.case.id] {
        assert_eq!(b.count(&format!("a.case-row[href='/cases/{id}']")).await, 1);
    }
    assert_eq!(
        b.count("a.case-row").await,
        2,
        "only what was escalated to her"
    );
    b.screenshot("story-12-escalated-to-me").await;
}
