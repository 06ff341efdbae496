//! `helpdesk.note`: posts a client message's note (see `crate::helpdesk`) to the conversation
//! or ticket it came from, at the integration's configured `base_url` and nowhere else:
//! a Chatwoot private note, a Zendesk internal comment, a Zammad internal note article.
//! A failure (no answer, a refusal, a 5xx) is retried by the queue with its backoff; an
//! integration turned off since the note was written posts nothing.

use std::sync::LazyLock;
use std::time::Duration;

use anyhow::Context;
use defuse_storage::{HelpdeskNote, Job, JobEffects};
use reqwest::{RequestBuilder, Url};
use serde_json::json;

use super::{Worker, found, subject};
use crate::helpdesk::number;
use crate::settings::{ChatwootSettings, ZammadSettings, ZendeskSettings, base_url};

pub const NOTE: &str = "helpdesk.note";

/// The client notes go out with: a bounded wait, and no redirect followed, so a call reaches
/// the configured address or nothing (a 3xx answer is a failure, like a 5xx).
static HTTP: LazyLock<reqwest::Client> = LazyLock::new(|| {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client with rustls builds")
});

pub(super) async fn post(worker: &Worker, job: &Job) -> anyhow::Result<JobEffects> {
    let Some(note) = found(worker.store.helpdesk_note(subject(job)?)).await? else {
        return Ok(JobEffects::default());
    };
    let target = number(&note.target)
        .with_context(|| format!("the note's target {:?} is not a number", note.target))?;
    let settings = &worker.settings.helpdesk;
    let request = match note.product.as_str() {
        "chatwoot" if settings.chatwoot.note => chatwoot(&settings.chatwoot, target, &note),
        "zendesk" if settings.zendesk.note => zendesk(&settings.zendesk, target, &note),
        "zammad" if settings.zammad.note => zammad(&settings.zammad, target, &note),
        _ => return Ok(JobEffects::default()),
    }?;
    let product = &note.product;
    let status = request
        .send()
        .await
        .with_context(|| format!("{product} did not answer"))?
        .status();
    anyhow::ensure!(
        status.is_success(),
        "{product} answered {status} to the note"
    );
    Ok(JobEffects::default())
}

/// `POST {base}/api/v1/accounts/{account}/conversations/{id}/messages`, a private message.
fn chatwoot(
    settings: &ChatwootSettings,
    conversation: u64,
    note: &HelpdeskNote,
) -> anyhow::Result<RequestBuilder> {
    let account = settings.account_id.to_string();
    let id = conversation.to_string();
    let path = [
        "api",
        "v1",
        "accounts",
        account.as_str(),
        "conversations",
        id.as_str(),
    ];
    let url = endpoint(
        "helpdesk.chatwoot.base_url",
        &settings.base_url,
        &path,
        "messages",
    )?;
    Ok(HTTP
        .post(url)
        .header("api_access_token", &settings.api_token.0)
        .json(&json!({"content": note.text, "message_type": "outgoing", "private": true})))
}

/// `PUT {base}/api/v2/tickets/{id}.json` with a comment that is not public.
fn zendesk(
    settings: &ZendeskSettings,
    ticket: u64,
    note: &HelpdeskNote,
) -> anyhow::Result<RequestBuilder> {
    let file = format!("{ticket}.json");
    let url = endpoint(
        "helpdesk.zendesk.base_url",
        &settings.base_url,
        &["api", "v2", "tickets"],
        &file,
    )?;
    Ok(HTTP
        .put(url)
        .basic_auth(
            format!("{}/token", settings.email),
            Some(&settings.api_token.0),
        )
        .json(&json!({"ticket": {"comment": {"body": note.text, "public": false}}})))
}

/// `POST {base}/api/v1/ticket_articles`, an internal note article on the ticket.
fn zammad(
    settings: &ZammadSettings,
    ticket: u64,
    note: &HelpdeskNote,
) -> anyhow::Result<RequestBuilder> {
    let url = endpoint(
        "helpdesk.zammad.base_url",
        &settings.base_url,
        &["api", "v1"],
        "ticket_articles",
    )?;
    let body = json!({
        "ticket_id": ticket, "body": note.text, "content_type": "text/plain",
        "type": "note", "internal": true,
    });
    Ok(HTTP
        .post(url)
        .header(
            reqwest::header::AUTHORIZATION,
            format!("Token token={}", settings.api_token.0),
        )
        .json(&body))
}

/// The configured `base` with `path` and `last` appended as segments (each escaped, so no
/// value can leave the base). Fails, naming `setting`, when `base` is not an http(s) address.
fn endpoint(setting: &'static str, base: &str, path: &[&str], last: &str) -> anyhow::Result<Url> {
    let mut url = base_url(setting, base)?;
    url.set_query(None);
    url.set_fragment(None);
    url.path_segments_mut()
        .map_err(|()| anyhow::anyhow!("{setting}: {base:?} cannot take a path"))?
        .pop_if_empty()
        .extend(path)
        .push(last);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_stay_under_the_configured_base() {
        let url = |base: &str, last: &str| {
            endpoint("s", base, &["api", "v1"], last).map(|u| u.to_string())
        };
        assert_eq!(
            url("https://chat.example.com", "x").unwrap(),
            "https://chat.example.com/api/v1/x"
        );
        assert_eq!(
            url("https://example.com/chatwoot/?q=1#f", "x").unwrap(),
            "https://example.com/chatwoot/api/v1/x"
        );
        assert_eq!(
            url("https://example.com", "../../../evil").unwrap(),
            "https://example.com/api/v1/..%2F..%2F..%2Fevil"
        );
        let wrong = url("ftp://example.com", "x").unwrap_err().to_string();
        assert!(wrong.starts_with("s: \"ftp://example.com\""), "{wrong}");
        assert!(url("", "x").is_err());
    }
}
