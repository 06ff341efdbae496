//! An admin adds a user (and sees the generated password once) and a team from the console.

use crate::browser;
use crate::world::{self, PASSWORD};

#[tokio::test]
async fn an_admin_adds_a_user_and_a_team() {
    let w = world::spawn().await;
    let Some(b) = browser::open().await else {
        return;
    };
    b.sign_in(&w.base, "root", PASSWORD).await;
    b.client.goto(&format!("{}/admin", w.base)).await.unwrap();
    b.type_into("#u-name", "newbie").await;
    b.type_into("#u-display", "New Bie").await;
    b.click("form[data-api='/api/v1/users'] button[type=submit]")
        .await;
    b.wait_until(
        "the generated password",
        "return document.querySelector('.form-result').textContent.includes('shown once');",
    )
    .await;
    let added = w.state.store.user_by_username("newbie").await.unwrap();
    assert_eq!(added.display_name, "New Bie");
    b.type_into("#t-name", "Escalations desk").await;
    b.click("form[data-api='/api/v1/teams'] button[type=submit]")
        .await;
    b.wait_until(
        "the new team",
        "return document.body.innerText.includes('Escalations desk');",
    )
    .await;
    b.screenshot("22-admin-added").await;
}
