//! Real receivers on loopback for what the server sends out: an SMTP server (Python's, see
//! `smtp_sink.py`) that keeps every mail, and an HTTP listener that keeps every webhook post.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use bytes::Bytes;

/// An SMTP server on loopback, stopped when dropped.
pub struct MailSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Child,
}

impl MailSink {
    pub fn start() -> MailSink {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/api/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(port.to_string())
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs the SMTP sink (scripts/test installs it)");
        let mut ready = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(ready.trim(), "ready", "the SMTP sink started");
        MailSink { port, dir, child }
    }

    /// Every mail received so far, in order.
    pub fn mails(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort_by_key(|path| {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            stem.parse::<u32>().unwrap()
        });
        files
            .iter()
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect()
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One webhook post as received.
#[derive(Clone)]
pub struct Post {
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// An HTTP listener on loopback keeping what is posted to it; it answers 500 while
/// `refusing` is set.
#[derive(Clone, Default)]
pub struct HookSink {
    pub posts: Arc<Mutex<Vec<Post>>>,
    pub refusing: Arc<Mutex<bool>>,
}

impl HookSink {
    /// Starts listening; returns the URL to post to.
    pub async fn start(&self) -> String {
        let sink = self.clone();
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| async move {
                if *sink.refusing.lock().unwrap() {
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                sink.posts.lock().unwrap().push(Post { headers, body });
                StatusCode::OK
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        url
    }

    pub fn taken(&self) -> Vec<Post> {
        std::mem::take(&mut *self.posts.lock().unwrap())
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
