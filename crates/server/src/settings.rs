//! Typed server settings, layered: defaults, then a TOML file, then `DEFUSE_*` environment
//! variables, then command-line flags (the later layer wins).
//!
//! Nested keys come from the environment with a double underscore:
//! `DEFUSE_SESSION__TTL_HOURS=8` sets `[session] ttl_hours`. `DATABASE_URL` is read as a
//! fallback for `database_url`, below `DEFUSE_DATABASE_URL`.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

mod helpdesk;
mod mail;

pub use helpdesk::{
    ChatwootSettings, HelpdeskSettings, Unusable, ZammadSettings, ZendeskSettings, base_url,
};
pub use mail::{ImapSettings, ImapTls, MailSettings, PasswordError};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Everything `defuse serve` needs to know before it opens its listener and its database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Where the HTTP server listens.
    pub listen: SocketAddr,
    /// The address people type to reach the server, if it differs from `listen` (behind a proxy).
    /// An `https://` address turns `Secure` cookies on when `session.secure_cookie` is `auto`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// Holds the SQLite database (unless `database_url` names another) and installed models.
    pub data_dir: PathBuf,
    /// `sqlite://...` or `postgres://...`; empty means `<data_dir>/defuse.db`.
    pub database_url: DatabaseUrl,
    pub session: SessionSettings,
    pub rate_limit: RateLimitSettings,
    pub analysis: AnalysisSettings,
    pub privacy: PrivacySettings,
    pub ingest: IngestSettings,
    pub hooks: HookSettings,
    pub helpdesk: HelpdeskSettings,
    pub idempotency: IdempotencySettings,
    pub mail: MailSettings,
    pub reminders: ReminderSettings,
    pub notify: NotifySettings,
}

/// Retries of creates (`Idempotency-Key`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdempotencySettings {
    /// A key whose first request has had no answer for this long was left by a process that
    /// died (killed mid-request): a retry takes it over and runs. Until then a retry gets 409.
    pub abandoned_after_seconds: u32,
}

/// Reminders of follow-ups, and the job queue that sends them on every instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderSettings {
    /// The owner of a follow-up is reminded this long before it is due, and again when it is.
    pub lead_minutes: u32,
    /// An open follow-up this long past due is missed: marked so, with its team's supervisors told.
    pub missed_after_hours: u32,
    /// How long an instance holds a job it claimed; past this another instance takes it over.
    pub lease_seconds: u32,
    /// How often each instance looks for due jobs.
    pub poll_millis: u64,
    /// The wait after a job's first failure; it doubles with each further one, up to the cap.
    pub retry_first_seconds: u32,
    pub retry_cap_seconds: u32,
    /// Tries before a job is left dead, for an admin to see and retry.
    pub attempts: i32,
    /// A client message unanswered this long flags its case forgotten, for a team that has not
    /// set its own target (`PUT /api/v1/teams/{id}/response`).
    pub response_target_hours: u32,
    /// A forgotten case is escalated to its team's supervisors this much later.
    pub escalate_after_hours: u32,
    /// The local hour (0 to 23) of a supervisor's daily digest, unless they chose their own.
    pub digest_hour: u32,
}

/// Where notifications go besides the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifySettings {
    pub smtp: SmtpSettings,
    pub webhook: WebhookSettings,
}

/// Mail to users who gave an address; an empty `host` sends none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// Empty: no login.
    pub username: String,
    pub password: Secret,
    /// The sender of every mail, such as `defuse <defuse@example.org>`.
    pub from: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same machine.
    None,
    /// Plain at first, then upgraded (port 587).
    Starttls,
    /// TLS from the start (port 465).
    Tls,
}

/// Every notification posted as JSON to one address (a Slack or Mattermost incoming webhook
/// reads its `text`); an empty `url` posts none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    pub url: String,
    /// Signs each post: `X-Defuse-Signature: sha256=<hex>` HMAC-SHA256 of `{timestamp}.{body}`,
    /// with the unix seconds in `X-Defuse-Timestamp`. Empty: unsigned.
    pub secret: Secret,
}

/// What happens to the personal data in clients' messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacySettings {
    /// Card numbers, IBANs and written-out passwords in a message are masked before it is stored.
    pub mask_secrets: bool,
    /// Message bodies in cases resolved or closed this many days ago are erased; 0 keeps them.
    pub retention_days: u32,
}

/// Messages that come in by themselves: mail imports and webhooks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestSettings {
    /// Mail from these addresses is our agents' replies: stored as outbound and checked.
    pub agent_addresses: Vec<String>,
    /// Mail from any address at these domains is our agents' too.
    pub agent_domains: Vec<String>,
    /// The team cases from outside open in; created when missing.
    pub team: String,
    /// The account recorded as storing messages from outside (and as the author of agents'
    /// mail, whose senders are addresses rather than accounts).
    pub user: String,
}

/// Webhooks in: `POST /api/v1/hooks/{generic,chatwoot,zendesk,zammad}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HookSettings {
    /// A delivery whose signed timestamp is further than this from now is refused (replays).
    pub max_age_seconds: i64,
    /// Largest body read; a larger one is refused with 413.
    pub body_limit: usize,
    /// Deliveries a second each integration may make on average; more are answered 429.
    pub per_second: f64,
    /// Deliveries each integration may make at once after a quiet spell.
    pub burst: u32,
    /// The secret shared with each product; an empty one turns that hook off (404). They
    /// stay recoverable (verifying an HMAC needs the secret itself), so they live here or in
    /// the environment, never in the database.
    pub generic_secret: Secret,
    pub chatwoot_secret: Secret,
    pub zendesk_secret: Secret,
    pub zammad_secret: Secret,
}

/// A secret whose `Debug` never shows it, so settings can be logged. The environment layer reads
/// a value of digits as a number, so one is taken back as its digits.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "SecretText")]
pub struct Secret(pub String);

#[derive(Deserialize)]
#[serde(untagged)]
enum SecretText {
    Text(String),
    Number(u64),
}

impl From<SecretText> for Secret {
    fn from(raw: SecretText) -> Secret {
        match raw {
            SecretText::Text(text) => Secret(text),
            SecretText::Number(n) => Secret(n.to_string()),
        }
    }
}

/// The pool that analysis and coaching run in, off the async workers (see `compute`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisSettings {
    /// Analyses at once; 0 means one per core.
    pub workers: usize,
    /// Analyses waiting for a worker; one more is refused with 503 and `Retry-After`.
    pub queue: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSettings {
    /// A console session ends this long after login, at logout, or when the password is changed
    /// from another session or reset.
    pub ttl_hours: u32,
    /// `auto` (Secure only when `public_url` is https), `always` or `never`.
    /// Browsers drop Secure cookies on plain http, so `auto` keeps localhost usable.
    pub secure_cookie: CookieSecurity,
    /// `lax` lets a link from another site open the console signed in; `strict` does not.
    pub same_site: SameSitePolicy,
}

/// Wrong passwords (at sign-in and as the current password of a change) allowed before
/// signing in is refused for a while with 429 and `Retry-After`. They are counted in the
/// database, so instances sharing one count together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Wrong passwords for one account from one address before that pair must wait; other
    /// addresses sign in to the account as before, and a success clears the count.
    pub login_per_account_and_address: u32,
    /// Wrong passwords from one address, whatever the accounts, before it must wait.
    pub login_per_address: u32,
    /// The first wait once an account's budget at an address is spent; it doubles with every
    /// further wrong password, up to `window_seconds`.
    pub first_delay_seconds: u64,
    /// How long a wrong password counts.
    pub window_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CookieSecurity {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SameSitePolicy {
    Lax,
    Strict,
}

/// A database URL whose `Debug` hides the password, so settings can be logged.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(pub String);

/// Values given as command-line flags; `None` leaves the lower layers alone.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid settings: {0}")]
pub struct SettingsError(#[from] Box<figment::Error>);

/// The top-level keys, so that unrelated `DEFUSE_*` variables (such as `DEFUSE_CONFIG`) are not
/// mistaken for settings.
const KEYS: [&str; 15] = [
    "listen",
    "public_url",
    "data_dir",
    "database_url",
    "session",
    "rate_limit",
    "analysis",
    "privacy",
    "ingest",
    "hooks",
    "helpdesk",
    "idempotency",
    "mail",
    "reminders",
    "notify",
];

const DEFAULT_TOML: &str = include_str!("default_settings.toml");

impl Settings {
    /// The documented defaults, as `defuse config print-default` prints them.
    pub fn default_toml() -> &'static str {
        DEFAULT_TOML
    }

    /// Layers defaults, the TOML `file` (which must exist when given), the environment and `flags`.
    pub fn load(file: Option<&Path>, flags: &Overrides) -> Result<Settings, SettingsError> {
        let mut figment = Figment::from(Toml::string(DEFAULT_TOML))
            .join(Serialized::default("data_dir", default_data_dir()));
        if let Some(path) = file {
            figment = figment.merge(Toml::file_exact(path));
        }
        let known = |key: &figment::value::UncasedStr| {
            let top = key.as_str().split('.').next().unwrap_or_default();
            KEYS.iter().any(|k| k.eq_ignore_ascii_case(top))
        };
        let from_env = Env::prefixed("DEFUSE_").split("__").filter(known);
        figment
            .merge(Env::raw().only(&["database_url"]))
            .merge(from_env)
            .merge(Serialized::defaults(flags))
            .extract()
            .map_err(|e| SettingsError(Box::new(e)))
    }

    /// The URL the store connects to: `database_url`, or SQLite in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.0.is_empty() {
            defuse_storage::sqlite_url(&self.data_dir)
        } else {
            self.database_url.0.clone()
        }
    }

    /// Whether the session cookie carries `Secure`.
    pub fn cookie_secure(&self) -> bool {
        match self.session.secure_cookie {
            CookieSecurity::Always => true,
            CookieSecurity::Never => false,
            CookieSecurity::Auto => self
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
        }
    }
}

impl AnalysisSettings {
    /// `workers`, with 0 read as the number of cores.
    pub fn worker_count(&self) -> usize {
        match self.workers {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        }
    }
}

impl ReminderSettings {
    pub fn lead(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.lead_minutes))
    }

    pub fn missed_after(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.missed_after_hours))
    }

    pub fn response_target(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.response_target_hours))
    }

    pub fn escalate_after(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.escalate_after_hours))
    }

    /// The default digest hour, read as 23 when set past the last hour of a day.
    pub fn digest_hour(&self) -> u32 {
        self.digest_hour.min(23)
    }

    pub fn lease(&self) -> chrono::Duration {
        chrono::Duration::seconds(i64::from(self.lease_seconds))
    }

    pub fn backoff(&self) -> defuse_storage::Backoff {
        defuse_storage::Backoff {
            first: chrono::Duration::seconds(i64::from(self.retry_first_seconds)),
            cap: chrono::Duration::seconds(i64::from(self.retry_cap_seconds)),
            attempts: self.attempts,
        }
    }
}

impl PrivacySettings {
    /// How long the bodies of a finished case's messages are kept; `None` when for ever.
    pub fn retention(&self) -> Option<chrono::Duration> {
        (self.retention_days > 0).then(|| chrono::Duration::days(i64::from(self.retention_days)))
    }
}

/// `$XDG_DATA_HOME/defuse`, else `~/.local/share/defuse`, else `./.defuse`.
pub fn default_data_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return PathBuf::from(x).join("defuse");
    }
    match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        Some(h) => PathBuf::from(h).join(".local/share/defuse"),
        None => PathBuf::from(".defuse"),
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::load(None, &Overrides::default()).expect("the default settings parse")
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.0;
        // scheme://user:password@host -> scheme://user:***@host
        let redacted = match (url.find("://"), url.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => match url[scheme + 3..at].find(':') {
                Some(colon) => format!("{}:***{}", &url[..scheme + 3 + colon], &url[at..]),
                None => url.clone(),
            },
            _ => url.clone(),
        };
        f.debug_tuple("DatabaseUrl").field(&redacted).finish()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = if self.0.is_empty() { "" } else { "***" };
        f.debug_tuple("Secret").field(&shown).finish()
    }
}

impl HookSettings {
    /// The rate each integration is held to.
    pub fn rate(&self) -> crate::throttle::Rate {
        crate::throttle::Rate {
            per_second: self.per_second.max(f64::MIN_POSITIVE),
            burst: f64::from(self.burst.max(1)),
        }
    }

    /// The secret of `product`'s hook; `None` when it is off.
    pub fn secret(&self, product: defuse_ingest::hooks::Product) -> Option<&str> {
        use defuse_ingest::hooks::Product;
        let secret = match product {
            Product::Generic => &self.generic_secret,
            Product::Chatwoot => &self.chatwoot_secret,
            Product::Zendesk => &self.zendesk_secret,
            Product::Zammad => &self.zammad_secret,
        };
        Some(secret.0.as_str()).filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail closures return its own error type"
    )]
    fn default_toml_documents_every_key_and_parses() {
        // In a jail: the other tests here set DEFUSE_ variables in the process while they run,
        // and the jail keeps them out until they are done.
        let mut s = None;
        Jail::expect_with(|_| {
            s = Some(Settings::default());
            Ok(())
        });
        let s = s.expect("the jail ran");
        assert_eq!(s.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(s.database_url.0, "");
        assert!(!s.cookie_secure());
        for key in [
            "listen",
            "data_dir",
            "database_url",
            "ttl_hours",
            "secure_cookie",
            "same_site",
            "login_per_account_and_address",
            "first_delay_seconds",
            "workers",
            "mask_secrets",
            "retention_days",
            "queue",
        ] {
            assert!(Settings::default_toml().contains(key), "{key} undocumented");
        }
    }

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail closures return its own error type"
    )]
    fn layers_file_then_env_then_flags() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "d.toml",
                "listen = \"0.0.0.0:1\"\ndata_dir = \"/from/file\"\n[session]\nttl_hours = 3\n",
            )?;
            jail.set_env("DEFUSE_DATA_DIR", "/from/env");
            jail.set_env("DEFUSE_SESSION__SAME_SITE", "strict");
            jail.set_env("DEFUSE_CONFIG", "ignored.toml");
            let flags = Overrides {
                listen: Some("127.0.0.1:9".parse().unwrap()),
                ..Overrides::default()
            };
            let s = Settings::load(Some(Path::new("d.toml")), &flags).unwrap();
            assert_eq!(s.listen, "127.0.0.1:9".parse().unwrap(), "flag beats file");
            assert_eq!(s.data_dir, PathBuf::from("/from/env"), "env beats file");
            assert_eq!(s.session.ttl_hours, 3, "file beats default");
            assert_eq!(s.session.same_site, SameSitePolicy::Strict);
            assert_eq!(s.rate_limit, Settings::default().rate_limit);
            Ok(())
        });
    }

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail closures return its own error type"
    )]
    fn database_url_fallback_and_precedence() {
        Jail::expect_with(|jail| {
            jail.set_env("DATABASE_URL", "postgres://a@h/one");
            let s = Settings::load(None, &Overrides::default()).unwrap();
            assert_eq!(s.database_url(), "postgres://a@h/one");
            jail.set_env("DEFUSE_DATABASE_URL", "postgres://a@h/two");
            let s = Settings::load(None, &Overrides::default()).unwrap();
            assert_eq!(s.database_url(), "postgres://a@h/two");
            Ok(())
        });
    }

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail closures return its own error type"
    )]
    fn unknown_keys_and_missing_files_are_refused() {
        Jail::expect_with(|jail| {
            jail.create_file("bad.toml", "[session]\nttl = 3\n")?;
            let err = Settings::load(Some(Path::new("bad.toml")), &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("ttl"), "{err}");
            assert!(
                Settings::load(Some(Path::new("missing.toml")), &Overrides::default()).is_err()
            );
            Ok(())
        });
    }

    #[test]
    fn secure_cookie_follows_public_url_when_auto() {
        let mut s = Settings {
            public_url: Some("https://defuse.example".into()),
            ..Settings::default()
        };
        assert!(s.cookie_secure());
        s.session.secure_cookie = CookieSecurity::Never;
        assert!(!s.cookie_secure());
        s.public_url = None;
        s.session.secure_cookie = CookieSecurity::Always;
        assert!(s.cookie_secure());
    }

    #[test]
    fn debug_hides_the_database_password() {
        let url = DatabaseUrl("postgres://app:hunter2@db:5432/defuse".into());
        let shown = format!("{url:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(
            shown.contains("postgres://app:***@db:5432/defuse"),
            "{shown}"
        );
        assert_eq!(
            format!("{:?}", DatabaseUrl("sqlite:///x.db".into())),
            "DatabaseUrl(\"sqlite:///x.db\")"
        );
    }

    #[test]
    #[allow(
        clippy::result_large_err,
        reason = "figment's Jail closures return its own error type"
    )]
    fn hook_secrets_come_from_the_environment_and_never_show() {
        Jail::expect_with(|jail| {
            jail.set_env("DEFUSE_HOOKS__CHATWOOT_SECRET", "s3cr3t-value");
            jail.set_env("DEFUSE_HOOKS__ZAMMAD_SECRET", "12345");
            let s = Settings::load(None, &Overrides::default()).expect("the settings load");
            use defuse_ingest::hooks::Product;
            assert_eq!(s.hooks.secret(Product::Chatwoot), Some("s3cr3t-value"));
            assert_eq!(s.hooks.secret(Product::Zammad), Some("12345"));
            assert_eq!(s.hooks.secret(Product::Zendesk), None, "empty is off");
            let shown = format!("{s:?}");
            assert!(
                !shown.contains("s3cr3t") && !shown.contains("12345"),
                "{shown}"
            );
            Ok(())
        });
    }

    #[test]
    fn sqlite_is_the_default_store_in_the_data_dir() {
        let s = Settings {
            data_dir: PathBuf::from("/srv/defuse"),
            ..Settings::default()
        };
        assert_eq!(s.database_url(), "sqlite:///srv/defuse/defuse.db");
    }
}
