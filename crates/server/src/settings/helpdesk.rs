//! `[helpdesk.*]`: the notes defuse posts back to the helpdesk a client message came from
//! (Chatwoot, Zendesk, Zammad), and the Chatwoot that may show the console's case page in a
//! frame. Every note is off until an admin turns it on, and goes only to the `base_url`
//! written here: nothing in a payload chooses where defuse calls.

use reqwest::Url;
use serde::{Deserialize, Serialize};

use super::Secret;

/// A helpdesk setting that cannot work, named.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{setting}: {problem}")]
pub struct Unusable {
    pub setting: &'static str,
    pub problem: String,
}

/// The helpdesks notes go back to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpdeskSettings {
    pub chatwoot: ChatwootSettings,
    pub zendesk: ZendeskSettings,
    pub zammad: ZammadSettings,
}

/// A private note on the Chatwoot conversation, with an agent's or bot's access token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatwootSettings {
    pub note: bool,
    /// Such as `https://chat.example.com`: where notes go, and the one origin allowed to frame
    /// the case page when `dashboard_app` is on.
    pub base_url: String,
    /// The account the conversations belong to; a delivery from another account gets no note.
    pub account_id: u64,
    pub api_token: Secret,
    /// Lets `base_url`'s origin (and only it) show the case page in a frame.
    pub dashboard_app: bool,
}

/// An internal comment on the Zendesk ticket, as the agent `email` with an API token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZendeskSettings {
    pub note: bool,
    /// Such as `https://example.zendesk.com`.
    pub base_url: String,
    pub email: String,
    pub api_token: Secret,
}

/// An internal note article on the Zammad ticket, with an agent's token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZammadSettings {
    pub note: bool,
    /// Such as `https://zammad.example.com`.
    pub base_url: String,
    pub api_token: Secret,
}

impl HelpdeskSettings {
    /// Refuses, at start, a helpdesk turned on that could never be called: a `base_url` that is
    /// not an http(s) address, a missing token, account or agent.
    pub fn check(&self) -> Result<(), Unusable> {
        let (chatwoot, zendesk, zammad) = (&self.chatwoot, &self.zendesk, &self.zammad);
        if chatwoot.note || chatwoot.dashboard_app {
            base_url("helpdesk.chatwoot.base_url", &chatwoot.base_url)?;
        }
        if chatwoot.note {
            needed("helpdesk.chatwoot.api_token", &chatwoot.api_token.0)?;
            if chatwoot.account_id == 0 {
                return Err(unusable(
                    "helpdesk.chatwoot.account_id",
                    "set the account's number",
                ));
            }
        }
        if zendesk.note {
            base_url("helpdesk.zendesk.base_url", &zendesk.base_url)?;
            needed("helpdesk.zendesk.email", &zendesk.email)?;
            needed("helpdesk.zendesk.api_token", &zendesk.api_token.0)?;
        }
        if zammad.note {
            base_url("helpdesk.zammad.base_url", &zammad.base_url)?;
            needed("helpdesk.zammad.api_token", &zammad.api_token.0)?;
        }
        Ok(())
    }
}

impl ChatwootSettings {
    /// `scheme://host[:port]` of `base_url`, when the case page may be framed by it.
    pub fn frame_origin(&self) -> Option<String> {
        if !self.dashboard_app {
            return None;
        }
        let url = base_url("helpdesk.chatwoot.base_url", &self.base_url).ok()?;
        Some(url.origin().ascii_serialization())
    }
}

/// `text` (the value of `setting`) as the address calls go to: http or https, with a host.
pub fn base_url(setting: &'static str, text: &str) -> Result<Url, Unusable> {
    Url::parse(text.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| unusable(setting, &format!("{text:?} is not an http(s) address")))
}

fn needed(setting: &'static str, value: &str) -> Result<(), Unusable> {
    match value.trim() {
        "" => Err(unusable(setting, "must be set when the note is on")),
        _ => Ok(()),
    }
}

fn unusable(setting: &'static str, problem: &str) -> Unusable {
    Unusable {
        setting,
        problem: problem.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::Settings;

    #[test]
    fn a_helpdesk_turned_on_must_be_callable_and_off_is_always_fine() {
        let mut settings = Settings::default().helpdesk;
        assert_eq!(settings.check(), Ok(()));
        settings.chatwoot.note = true;
        let unset = settings.check().unwrap_err();
        assert_eq!(unset.setting, "helpdesk.chatwoot.base_url");
        settings.chatwoot.base_url = "ftp://chat.example.com".into();
        assert!(
            settings
                .check()
                .unwrap_err()
                .to_string()
                .contains("not an http(s) address")
        );
        settings.chatwoot.base_url = "https://chat.example.com".into();
        assert_eq!(
            settings.check().unwrap_err().setting,
            "helpdesk.chatwoot.api_token"
        );
        settings.chatwoot.api_token.0 = "t".into();
        assert_eq!(
            settings.check().unwrap_err().setting,
            "helpdesk.chatwoot.account_id"
        );
        settings.chatwoot.account_id = 1;
        assert_eq!(settings.check(), Ok(()));
        settings.zendesk.note = true;
        settings.zendesk.base_url = "https://example.zendesk.com".into();
        assert_eq!(
            settings.check().unwrap_err().setting,
            "helpdesk.zendesk.email"
        );
    }
}
