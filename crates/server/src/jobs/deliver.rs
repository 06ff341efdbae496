//! Deliveries of a notification beyond the console: by mail over SMTP (`notify.smtp`) to a
//! user who gave an address, and as a signed JSON post to the webhook (`notify.webhook`).
//! A channel that is not set up, or that the user turned off, makes its job a no-op; a
//! delivery that falls in the user's quiet hours waits for their end ([`super::Postponed`]).

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use defuse_storage::{Job, JobEffects, Notification, UserChannels};
use hmac::{Hmac, Mac};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sha2::Sha256;

use super::quiet::QuietHours;
use super::{Postponed, Worker, found, parse_time_zone, subject};
use crate::settings::{SmtpSettings, SmtpTls};

pub const EMAIL: &str = "notify.email";
pub const WEBHOOK: &str = "notify.webhook";

/// The header carrying `sha256=<hex>` of `{timestamp}.{body}`.
pub const SIGNATURE_HEADER: &str = "X-Defuse-Signature";
/// The header carrying the unix seconds the signature covers.
pub const TIMESTAMP_HEADER: &str = "X-Defuse-Timestamp";

/// An SMTP connection pool and the sender of every mail.
#[derive(Clone)]
pub(super) struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `None` when no host is set.
    pub(super) fn from_settings(smtp: &SmtpSettings) -> anyhow::Result<Option<Mailer>> {
        if smtp.host.trim().is_empty() {
            return Ok(None);
        }
        let host = smtp.host.trim();
        let builder = match smtp.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
        };
        let mut builder = builder
            .port(smtp.port)
            .timeout(Some(Duration::from_secs(10)));
        if !smtp.username.is_empty() {
            let credentials = Credentials::new(smtp.username.clone(), smtp.password.0.clone());
            builder = builder.credentials(credentials);
        }
        let from = smtp
            .from
            .parse()
            .with_context(|| format!("notify.smtp.from: {:?} is not a mail address", smtp.from))?;
        Ok(Some(Mailer {
            transport: builder.build(),
            from,
        }))
    }
}

/// The notification a delivery job is about, unless it is gone.
async fn notification(worker: &Worker, job: &Job) -> anyhow::Result<Option<Notification>> {
    found(worker.store.notification(subject(job)?)).await
}

/// Whether a delivery to a user by one channel goes now.
enum Gate {
    /// They turned the channel off.
    Skip,
    /// It goes, to the channels they set (`None`: all on, no quiet hours).
    Go(Option<UserChannels>),
}

/// Whether a delivery to `user_id` by the channel `wanted` picks goes at `now`; during their
/// quiet hours a [`Postponed`] error until they end.
async fn gate(
    worker: &Worker,
    user_id: i64,
    now: DateTime<Utc>,
    wanted: fn(&UserChannels) -> bool,
) -> anyhow::Result<Gate> {
    let Some(channels) = found(worker.store.user_channels(user_id)).await? else {
        return Ok(Gate::Go(None));
    };
    if !wanted(&channels) {
        return Ok(Gate::Skip);
    }
    let quiet = channels.quiet_hours.as_deref().map(QuietHours::parse);
    if let Some(Ok(quiet)) = quiet {
        let zone = parse_time_zone(&channels.time_zone).unwrap_or(chrono_tz::Tz::UTC);
        if let Some(end) = quiet.end_after(now, zone) {
            return Err(Postponed(end).into());
        }
    }
    Ok(Gate::Go(Some(channels)))
}

pub(super) async fn email(
    worker: &Worker,
    job: &Job,
    now: DateTime<Utc>,
) -> anyhow::Result<JobEffects> {
    let Some(mailer) = &worker.mailer else {
        return Ok(JobEffects::default());
    };
    let Some(note) = notification(worker, job).await? else {
        return Ok(JobEffects::default());
    };
    let Gate::Go(channels) = gate(worker, note.user_id, now, |c| c.by_email).await? else {
        return Ok(JobEffects::default());
    };
    let Some(address) = channels.and_then(|c| c.email) else {
        return Ok(JobEffects::default());
    };
    let to: Mailbox = address
        .parse()
        .with_context(|| format!("{address:?} is not a mail address"))?;
    let mail = lettre::Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject_line(&note.kind))
        .header(ContentType::TEXT_PLAIN)
        .body(note.text.clone())
        .context("cannot build the mail")?;
    mailer
        .transport
        .send(mail)
        .await
        .context("the SMTP server refused the mail")?;
    Ok(JobEffects::default())
}

fn subject_line(kind: &str) -> &'static str {
    match kind {
        super::reminders::SOON => "Reminder: a promise falls due soon",
        super::reminders::DUE => "Reminder: a promise is due now",
        super::reminders::MISSED => "A promise was missed",
        super::forgotten::ESCALATE => "A forgotten case was escalated to you",
        super::digest::SEND => "Your daily digest",
        _ => "A notice from defuse",
    }
}

pub(super) async fn webhook(
    worker: &Worker,
    job: &Job,
    now: DateTime<Utc>,
) -> anyhow::Result<JobEffects> {
    let hook = &worker.settings.notify.webhook;
    if hook.url.trim().is_empty() {
        return Ok(JobEffects::default());
    }
    let Some(note) = notification(worker, job).await? else {
        return Ok(JobEffects::default());
    };
    if let Gate::Skip = gate(worker, note.user_id, now, |c| c.by_webhook).await? {
        return Ok(JobEffects::default());
    }
    let user = worker.store.user(note.user_id).await?;
    let body = serde_json::to_vec(&serde_json::json!({
        "text": format!("@{}: {}", user.username, note.text),
        "kind": note.kind,
        "notification_id": note.id,
        "user": user.username,
        "case_id": note.case_id,
        "at": note.created_at,
    }))?;
    let timestamp = Utc::now().timestamp().to_string();
    let mut request = worker
        .http
        .post(hook.url.trim())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(TIMESTAMP_HEADER, &timestamp);
    if !hook.secret.0.is_empty() {
        request = request.header(SIGNATURE_HEADER, sign(&hook.secret.0, &timestamp, &body));
    }
    request
        .body(body)
        .send()
        .await
        .context("the webhook did not answer")?
        .error_for_status()
        .context("the webhook refused the post")?;
    Ok(JobEffects::default())
}

/// `sha256=<hex>` HMAC-SHA256 of `{timestamp}.{body}`, as our own generic hook checks it.
fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("sha256={hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_hmac_sha256_of_timestamp_dot_body() {
        // Computed with Python's hmac module.
        let expected = "sha256=02d9a7ef093aea6f69e86fdfeabddc90759f3d77b07f28b2fcece1aa9d3e07f3";
        assert_eq!(sign("key", "1767603600", br#"{"text":"hi"}"#), expected);
    }
}
