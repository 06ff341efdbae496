//! `[[mail.imap]]`: the mailboxes the server reads by itself. Each block names a server, an
//! account, where its password is kept (an environment variable or a file, never the settings
//! file) and one folder.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Secret;

/// Mail the server fetches by itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// One block per mailbox folder polled; none by default.
    pub imap: Vec<ImapSettings>,
}

/// One IMAP folder: read only (EXAMINE and `BODY.PEEK`), so nothing is marked or moved. It
/// holds no password, only where to find one, so it may be logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapSettings {
    pub host: String,
    /// Default: 993 with TLS, 143 without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// `true` (or `"tls"`): TLS from the first byte (port 993). `"starttls"`: in clear at
    /// first, then upgraded with STARTTLS before the login (port 143); a server that will not
    /// upgrade is refused, never logged into in clear. `false` (or `"none"`): only for a server
    /// on this machine or a trusted network, as the password then travels in clear.
    #[serde(default)]
    pub tls: ImapTls,
    /// A PEM file of certificates trusted beside the public roots, for a server whose
    /// certificate a private authority signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    pub user: String,
    /// The environment variable that holds the password ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// ... or the file whose first line is the password (one of the two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
    #[serde(default = "inbox")]
    pub folder: String,
    /// How often the folder is read again when the server does not announce new mail (IDLE).
    #[serde(default = "every_minute")]
    pub poll_seconds: u64,
    /// Wait for the server's word of new mail (IDLE) where it offers it.
    #[serde(default = "yes")]
    pub idle: bool,
    /// Our own people's addresses and domains for this mailbox, beside `ingest.agent_*`.
    #[serde(default)]
    pub agent_addresses: Vec<String>,
    #[serde(default)]
    pub agent_domains: Vec<String>,
}

/// How the connection to an IMAP server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "TlsText")]
pub enum ImapTls {
    #[default]
    Tls,
    Starttls,
    None,
}

/// `tls` as written: a flag (the older form) or a name.
#[derive(Deserialize)]
#[serde(untagged)]
enum TlsText {
    Flag(bool),
    Name(String),
}

impl TryFrom<TlsText> for ImapTls {
    type Error = String;

    fn try_from(text: TlsText) -> Result<ImapTls, String> {
        match text {
            TlsText::Flag(true) => Ok(ImapTls::Tls),
            TlsText::Flag(false) => Ok(ImapTls::None),
            TlsText::Name(name) => match name.as_str() {
                "tls" => Ok(ImapTls::Tls),
                "starttls" => Ok(ImapTls::Starttls),
                "none" => Ok(ImapTls::None),
                other => Err(format!(
                    "tls = {other:?}: expected true, false, \"tls\", \"starttls\" or \"none\""
                )),
            },
        }
    }
}

/// Why a mailbox's password cannot be had, naming the setting.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("mail.imap for {0}: set password_env or password_file (one of them)")]
    Neither(String),
    #[error("mail.imap for {0}: set only one of password_env and password_file")]
    Both(String),
    #[error("mail.imap for {mailbox}: password_env names {variable}, which is not set")]
    Unset { mailbox: String, variable: String },
    #[error("mail.imap for {mailbox}: reading password_file {path}: {cause}")]
    Unreadable {
        mailbox: String,
        path: String,
        cause: std::io::Error,
    },
}

impl ImapSettings {
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.tls {
            ImapTls::Tls => 993,
            ImapTls::Starttls | ImapTls::None => 143,
        })
    }

    /// `user@host:port`: the key the folder's position is stored under.
    pub fn mailbox(&self) -> String {
        format!("{}@{}:{}", self.user, self.host, self.port())
    }

    /// The password, read now from the variable or the file (so a changed one is picked up at
    /// the next connection).
    pub fn password(&self) -> Result<Secret, PasswordError> {
        let mailbox = self.mailbox();
        match (&self.password_env, &self.password_file) {
            (None, None) => Err(PasswordError::Neither(mailbox)),
            (Some(_), Some(_)) => Err(PasswordError::Both(mailbox)),
            (Some(variable), None) => {
                std::env::var(variable)
                    .map(Secret)
                    .map_err(|_| PasswordError::Unset {
                        mailbox,
                        variable: variable.clone(),
                    })
            }
            (None, Some(path)) => match std::fs::read_to_string(path) {
                Ok(text) => Ok(Secret(text.lines().next().unwrap_or_default().to_owned())),
                Err(cause) => Err(PasswordError::Unreadable {
                    mailbox,
                    path: path.display().to_string(),
                    cause,
                }),
            },
        }
    }
}

fn yes() -> bool {
    true
}

fn inbox() -> String {
    "INBOX".to_owned()
}

fn every_minute() -> u64 {
    60
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use figment::Jail;

    use super::{ImapTls, PasswordError};
    use crate::settings::{Overrides, Settings};

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail closures return its own error type"
    )]
    fn mailboxes_come_from_blocks_with_defaults_and_passwords_from_outside() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "d.toml",
                "[[mail.imap]]\nhost = \"imap.shop.test\"\nuser = \"help@shop.test\"\n\
                 password_env = \"SHOP_IMAP\"\n\
                 [[mail.imap]]\nhost = \"127.0.0.1\"\ntls = false\nuser = \"a\"\n\
                 password_file = \"secret\"\nfolder = \"Support\"\n\
                 [[mail.imap]]\nhost = \"h\"\nuser = \"b\"\n\
                 [[mail.imap]]\nhost = \"h\"\ntls = \"starttls\"\nuser = \"c\"\n",
            )?;
            jail.create_file("secret", "hunter22\nsecond line\n")?;
            jail.set_env("SHOP_IMAP", "from-env");
            let s = Settings::load(Some(Path::new("d.toml")), &Overrides::default()).unwrap();
            let [tls, plain, none, upgraded] = &s.mail.imap[..] else {
                panic!("four mailboxes: {:?}", s.mail.imap);
            };
            assert_eq!((upgraded.tls, upgraded.port()), (ImapTls::Starttls, 143));
            assert_eq!((tls.tls, plain.tls), (ImapTls::Tls, ImapTls::None));
            assert_eq!(
                (tls.port(), &tls.folder[..], tls.idle),
                (993, "INBOX", true)
            );
            assert_eq!(tls.mailbox(), "help@shop.test@imap.shop.test:993");
            assert_eq!(tls.password().unwrap().0, "from-env");
            assert_eq!((plain.port(), &plain.folder[..]), (143, "Support"));
            assert_eq!(plain.password().unwrap().0, "hunter22", "the first line");
            assert!(matches!(none.password(), Err(PasswordError::Neither(_))));
            assert!(!format!("{s:?}").contains("from-env"));
            Ok(())
        });
    }

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail closures return its own error type"
    )]
    fn a_password_that_cannot_be_had_names_where_it_was_looked_for() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "d.toml",
                "[[mail.imap]]\nhost = \"h\"\nuser = \"u\"\npassword_env = \"NOT_SET_ANYWHERE\"\n\
                 [[mail.imap]]\nhost = \"h\"\nuser = \"v\"\npassword_file = \"missing\"\n\
                 [[mail.imap]]\nhost = \"h\"\nuser = \"w\"\npassword_file = \"f\"\n\
                 password_env = \"E\"\n",
            )?;
            let s = Settings::load(Some(Path::new("d.toml")), &Overrides::default()).unwrap();
            let errors: Vec<String> = s
                .mail
                .imap
                .iter()
                .map(|m| m.password().unwrap_err().to_string())
                .collect();
            assert!(errors[0].contains("NOT_SET_ANYWHERE"), "{}", errors[0]);
            assert!(errors[1].contains("password_file missing"), "{}", errors[1]);
            assert!(errors[2].contains("only one"), "{}", errors[2]);
            Ok(())
        });
    }
}
