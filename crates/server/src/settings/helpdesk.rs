//! `[helpdesk.*]`: the notes defuse posts back to the helpdesk a client message came from
//! (Chatwoot, Zendesk, Zammad), and the Chatwoot that may show the console's case page in a
//! frame. Every note is off until an admin turns it on, and goes only to the `base_url`
//! written here: nothing in a payload chooses where defuse calls.

use serde::{Deserialize, Serialize};

use super::Secret;

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

impl ChatwootSettings {
    /// `scheme://host[:port]` of `base_url`, when the case page may be framed by it.
    pub fn frame_origin(&self) -> Option<String> {
        if !self.dashboard_app {
            return None;
        }
        let url = reqwest::Url::parse(self.base_url.trim()).ok()?;
        matches!(url.scheme(), "http" | "https").then(|| url.origin().ascii_serialization())
    }
}
