//! After the demo data, a supervisor opens Reports, reads the charts, follows a bar to the cases
//! behind it and downloads a chart's CSV; an agent opens their own coaching. Photographed as
//! `reports-*.png`.

use defuse_server::Settings;
use serde_json::Value;

use crate::browser;

/// A server on port 0 over a fresh SQLite database filled by `serve --demo`'s seeding, and the
/// demo accounts' passwords.
async fn spawn_demo() -> (String, Vec<(String, String)>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        data_dir: dir.path().to_owned(),
        ..Settings::default()
    };
    let prepared = defuse_server::prepare(settings, defuse_core::Analyzer::new())
        .await
        .unwrap();
    let seeded = defuse_server::demo::seed(&prepared.state)
        .await
        .unwrap()
        .expect("an empty database takes the demo data");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(defuse_server::launch(
        listener,
        prepared.state,
        std::future::pending(),
    ));
    (base, seeded.users, dir)
}

fn password<'a>(users: &'a [(String, String)], name: &str) -> &'a str {
    &users.iter().find(|(u, _)| u == name).unwrap().1
}

#[tokio::test]
async fn a_supervisor_follows_a_figure_to_its_cases_and_downloads_the_csv() {
    let (base, users, _dir) = spawn_demo().await;
    let Some(b) = browser::open().await else {
        return;
    };
    b.sign_in(&base, "sam", password(&users, "sam")).await;
    b.click("nav a[href='/reports']").await;
    b.wait_for("svg.bars").await;
    let charts = b.count("section.report-chart svg.bars").await;
    assert_eq!(charts, 6, "every chart of the demo has something to draw");
    assert!(
        b.text("#calming").await.contains(" of "),
        "calming shows counts"
    );
    assert!(
        b.text("#lessons").await.contains("next time"),
        "the demo's reflections are lessons"
    );
    b.screenshot("reports-01-page").await;

    let bar = "#difficult svg.bars a";
    let href = b
        .run(&format!(
            "return document.querySelector(\"{bar}\").getAttribute('href');"
        ))
        .await;
    assert!(
        href.as_str().unwrap().starts_with("/reports/cases?"),
        "{href}"
    );
    b.click(&format!("{bar} rect")).await;
    b.wait_for("ol.cases li").await;
    assert!(b.text("h1").await.contains("Cases behind a figure"));
    assert!(b.count("ol.cases li").await >= 1);
    b.screenshot("reports-02-cases-behind-a-bar").await;

    b.client.back().await.unwrap();
    b.wait_for("#reply_times a.csv").await;
    let csv = b
        .client
        .execute_async(
            "const done = arguments[0]; fetch(document.querySelector('#reply_times a.csv').href).then(r => r.text()).then(done);",
            vec![],
        )
        .await
        .unwrap();
    let csv = csv.as_str().unwrap_or_default();
    assert!(csv.starts_with("week,first reply,resolution\n"), "{csv}");
    assert!(
        csv.lines().count() >= 6,
        "the weeks of the last 30 days: {csv}"
    );
}

#[tokio::test]
async fn an_agent_sees_how_their_replies_changed() {
    let (base, users, _dir) = spawn_demo().await;
    let Some(b) = browser::open().await else {
        return;
    };
    b.sign_in(&base, "ana", password(&users, "ana")).await;
    b.click("nav a[href='/coaching']").await;
    b.wait_for("#faults svg.bars").await;
    let kinds = b.run("return [...document.querySelectorAll('#faults ul.legend li')].map(l => l.textContent);").await;
    assert!(
        matches!(&kinds, Value::Array(k) if !k.is_empty()),
        "{kinds}"
    );
    assert!(b.count("ul.examples li").await >= 1);
    b.screenshot("reports-03-coaching").await;
}
