//! A real IMAP server for the mailbox tests: Debian's Dovecot, started on a free loopback port
//! with its own configuration, a test user in a plaintext password file and Maildir folders
//! (which the tests fill by APPEND, as a mail client would), all in a temp dir, and stopped when
//! dropped. It runs unprivileged: as ourselves, or as Dovecot's own
//! `dovecot` account when the tests run as root (Dovecot refuses to serve logins as root).
//!
//! Without Dovecot the tests fail naming the package, unless `DEFUSE_SKIP_IMAP=1` is set.

use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use defuse_server::settings::{ImapSettings, ImapTls};

pub const USER: &str = "support";
pub const PASSWORD: &str = "imap-test-password";

pub struct Dovecot {
    /// IMAP in clear.
    pub port: u16,
    /// IMAP over TLS, with a certificate for `localhost` made for this server.
    pub tls_port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

impl Dovecot {
    /// A running server, or `None` when Dovecot is missing and `DEFUSE_SKIP_IMAP=1`.
    pub fn start() -> Option<Dovecot> {
        let Some(binary) = binary() else {
            if std::env::var("DEFUSE_SKIP_IMAP").as_deref() == Ok("1") {
                eprintln!("DEFUSE_SKIP_IMAP=1 and no dovecot: IMAP test skipped");
                return None;
            }
            panic!(
                "the IMAP tests need Dovecot: run `apt-get install -y dovecot-imapd` \
                 (scripts/test does as root), or set DEFUSE_SKIP_IMAP=1 to skip them"
            );
        };
        let dir = tempfile::tempdir().unwrap();
        let [port, tls_port] = free_ports();
        certificate(dir.path());
        let root = is_root(dir.path());
        let account = account(dir.path());
        let (uid, gid) = (account.1, account.2);
        std::fs::write(dir.path().join("users"), format!("{USER}:{PASSWORD}\n")).unwrap();
        std::fs::write(dir.path().join("password"), format!("{PASSWORD}\n")).unwrap();
        let config = dir.path().join("dovecot.conf");
        std::fs::write(
            &config,
            configuration(dir.path(), [port, tls_port], &account),
        )
        .unwrap();
        hand_over(dir.path(), uid, gid);
        let mut command = Command::new(binary);
        command
            .args(["-F", "-c"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if root {
            std::os::unix::process::CommandExt::uid(&mut command, uid);
            std::os::unix::process::CommandExt::gid(&mut command, gid);
        }
        let child = command.spawn().expect("dovecot starts");
        let dovecot = Dovecot {
            port,
            tls_port,
            child,
            dir,
        };
        dovecot.wait_until_ready();
        Some(dovecot)
    }

    /// Settings for reading `folder` of the test user, in clear on loopback; mail from
    /// `shop.test` is our agents'.
    pub fn mailbox(&self, folder: &str) -> ImapSettings {
        ImapSettings {
            host: "127.0.0.1".into(),
            port: Some(self.port),
            tls: ImapTls::None,
            ca_file: None,
            user: USER.into(),
            password_env: None,
            password_file: Some(self.dir.path().join("password")),
            folder: folder.into(),
            poll_seconds: 60,
            idle: true,
            agent_addresses: Vec::new(),
            agent_domains: vec!["shop.test".into()],
        }
    }

    /// The same folder over TLS, trusting the test certificate as a private authority's.
    pub fn tls_mailbox(&self, folder: &str) -> ImapSettings {
        ImapSettings {
            host: "localhost".into(),
            port: Some(self.tls_port),
            tls: ImapTls::Tls,
            ca_file: Some(self.dir.path().join("cert.pem")),
            ..self.mailbox(folder)
        }
    }

    /// The folder on the clear port, upgraded by STARTTLS before the login, trusting the test
    /// certificate (the clear listener offers STARTTLS with it).
    pub fn starttls_mailbox(&self, folder: &str) -> ImapSettings {
        ImapSettings {
            host: "localhost".into(),
            port: Some(self.port),
            tls: ImapTls::Starttls,
            ca_file: Some(self.dir.path().join("cert.pem")),
            ..self.mailbox(folder)
        }
    }

    /// A session of our own, to fill folders and look at flags as a mail client would.
    pub async fn client(&self) -> defuse_server::imap::Session {
        defuse_server::imap::open(&self.mailbox("INBOX"))
            .await
            .expect("the test user logs in")
    }

    /// Dovecot's log, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    fn wait_until_ready(&self) {
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "dovecot did not listen on {}: {}",
                self.port,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Dovecot {
    /// SIGTERM, so that Dovecot's master stops the processes it started too.
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let stopped = Command::new("kill").args(["-TERM", &pid]).status();
        if !stopped.is_ok_and(|s| s.success()) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

fn binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("dovecot"))
        .find(|candidate| candidate.is_file())
}

/// Two loopback ports free now (held together, so they differ).
fn free_ports() -> [u16; 2] {
    let held = [(); 2].map(|()| TcpListener::bind("127.0.0.1:0").unwrap());
    held.map(|l| l.local_addr().unwrap().port())
}

/// Whether we run as root: the owner of a directory we just made.
fn is_root(dir: &Path) -> bool {
    dir.metadata().unwrap().uid() == 0
}

/// Who Dovecot runs as (name, uid, gid): Dovecot's own account under root, else ourselves.
fn account(dir: &Path) -> (String, u32, u32) {
    let own = dir.metadata().unwrap().uid();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .filter(|fields| fields.len() > 3)
        .find(|fields| match own {
            0 => fields[0] == "dovecot",
            _ => fields[2] == own.to_string(),
        })
        .map(|f| {
            (
                f[0].to_owned(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
            )
        })
        .expect("the dovecot account that Debian's package makes, or our own")
}

/// Gives the temp dir and what is in it to the account Dovecot runs as.
fn hand_over(dir: &Path, uid: u32, gid: u32) {
    for entry in std::fs::read_dir(dir).unwrap() {
        std::os::unix::fs::chown(entry.unwrap().path(), Some(uid), Some(gid)).unwrap();
    }
    std::os::unix::fs::chown(dir, Some(uid), Some(gid)).unwrap();
}

/// A self-signed certificate for `localhost` (Debian's Dovecot depends on `openssl`).
fn certificate(dir: &Path) {
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "2", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost"])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .args(["-keyout", "key.pem", "-out", "cert.pem"])
        .current_dir(dir)
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(made.success(), "openssl made no certificate");
}

/// Dovecot's whole configuration: IMAP only, on loopback, in clear on one port and TLS on the
/// other, everything in `dir`.
fn configuration(dir: &Path, [port, tls_port]: [u16; 2], account: &(String, u32, u32)) -> String {
    let (user, uid, gid) = account;
    let dir = dir.display();
    format!(
        r#"protocols = imap
listen = 127.0.0.1
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
ssl = yes
ssl_cert = <{dir}/cert.pem
ssl_key = <{dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_login_user = {user}
first_valid_uid = 0
mail_location = maildir:{dir}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {dir}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={dir}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"#
    )
}
