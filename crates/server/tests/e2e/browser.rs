//! Starting chromedriver and a headless Chromium for one test, and the few helpers the tests
//! share: signing in, waiting, screenshots.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long a test waits for something to appear.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// A browser session; Chromium and chromedriver end with it, even when a test panics.
pub struct Browser {
    pub client: Client,
    driver: Child,
    port: u16,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Deleting the session makes chromedriver quit Chromium; done by hand because Drop cannot await.
        if let Some(id) = &self.session {
            end_session(self.port, id);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn end_session(port: u16, id: &str) {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        let _ = stream.read_to_end(&mut Vec::new());
    }
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A fresh headless Chromium at 1280×900, or `None` when `DEFUSE_SKIP_BROWSER=1` and no browser is installed.
pub async fn open() -> Option<Browser> {
    let chromium = find_program(&["chromium", "chromium-browser"]);
    let driver = find_program(&["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        if std::env::var("DEFUSE_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("DEFUSE_SKIP_BROWSER=1 and no chromium/chromedriver: browser test skipped");
            return None;
        }
        panic!(
            "the browser tests need Chromium and chromedriver: run `apt-get install -y chromium chromium-driver` (or set DEFUSE_SKIP_BROWSER=1 to skip them)"
        );
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting chromedriver");
    let profile = tempfile::tempdir().expect("a browser profile directory");
    let args = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-quic".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--window-size=1280,900".to_owned(),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    let caps = json!({ "browserName": "chrome", "goog:chromeOptions": { "binary": chromium, "args": args } });
    let caps = caps
        .as_object()
        .cloned()
        .expect("capabilities are an object");
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = String::new();
    for _ in 0..50 {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                let session = client.session_id().await.ok().flatten();
                return Some(Browser {
                    client,
                    driver: child,
                    port,
                    session,
                    _profile: profile,
                });
            }
            Err(e) => last_error = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("could not start Chromium through chromedriver: {last_error}");
}

impl Browser {
    /// Signs in through the sign-in page and waits for the inbox.
    pub async fn sign_in(&self, base: &str, username: &str, password: &str) {
        let c = &self.client;
        c.goto(&format!("{base}/login")).await.unwrap();
        c.find(Locator::Id("username"))
            .await
            .unwrap()
            .send_keys(username)
            .await
            .unwrap();
        c.find(Locator::Id("password"))
            .await
            .unwrap()
            .send_keys(password)
            .await
            .unwrap();
        c.find(Locator::Css("form.card button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.wait_for("ol.cases, p.empty").await;
    }

    /// Waits until an element matching `css` is on the page. A page that is
    /// still navigating answers with an error ("aborted by navigation"), so
    /// every error short of the deadline is a reason to look again.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) if std::time::Instant::now() >= deadline => {
                    panic!("waiting for {css}: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Waits until `script` (a function body returning a boolean) returns true.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = std::time::Instant::now() + PATIENCE;
        let mut last = String::from("false");
        while std::time::Instant::now() < deadline {
            // An error may be a page mid-navigation: look again, and report
            // the last answer if the wait runs out.
            match self.client.execute(script, vec![]).await {
                Ok(serde_json::Value::Bool(true)) => return,
                Ok(v) => last = v.to_string(),
                Err(e) => last = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for {what} (last answer: {last})");
    }

    /// Types `text` into the element `css` names.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Runs `script` (a function body) and returns what it returns.
    pub async fn run(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("running {script}: {e}"))
    }

    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("finding {css}: {e}"))
    }

    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("finding {css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    /// Sends the reply box, confirming when the check asks first, and waits for the reply in
    /// the conversation.
    pub async fn send_reply(&self) {
        self.click("#reply-form button[type=submit]").await;
        let asked = self
            .run("return !document.getElementById('revise-warning').hidden;")
            .await;
        if asked == json!(true) {
            self.click("#send-anyway").await;
        }
        self.wait_for(".msg.outbound").await;
    }

    /// Waits until the `.assignment` line names `who`.
    pub async fn wait_for_assignee(&self, who: &str) {
        let script =
            format!("return document.querySelector('.assignment').textContent.includes('{who}');");
        self.wait_until(&format!("the case assigned to {who}"), &script)
            .await;
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap().len()
    }

    /// Saves a PNG of the page as `<name>.png` in the screenshot directory.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        let path = screenshots().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

pub fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
