//! Helpdesk webhook deliveries: check the signature each product sends, then map its payload to
//! an [`Incoming`] (or say which event was ignored). Products: our own [`generic`] JSON,
//! [`chatwoot`], [`zendesk`] and [`zammad`].
//!
//! Nothing here calls out: ids and addresses in a payload are data to store, never places to
//! send anything.

pub mod chatwoot;
pub mod generic;
mod json;
pub mod signature;
pub mod zammad;
pub mod zendesk;

use std::fmt;

use crate::Incoming;

/// Deliveries older (or further in the future) than this are refused, unless configured.
pub const MAX_AGE_SECONDS: i64 = 300;

/// Which product sends the deliveries of an integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Product {
    Generic,
    Chatwoot,
    Zendesk,
    Zammad,
}

impl Product {
    pub const ALL: [Product; 4] = [
        Product::Generic,
        Product::Chatwoot,
        Product::Zendesk,
        Product::Zammad,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Product::Generic => "generic",
            Product::Chatwoot => "chatwoot",
            Product::Zendesk => "zendesk",
            Product::Zammad => "zammad",
        }
    }

    pub fn parse(name: &str) -> Option<Product> {
        Product::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

/// A delivery as received: its raw body and a way to read its headers.
pub struct Delivery<'a> {
    pub body: &'a [u8],
    pub header: &'a dyn Fn(&str) -> Option<String>,
    /// Unix seconds now, for refusing stale deliveries.
    pub now: i64,
    pub max_age: i64,
}

/// What a delivery says.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Message(Box<Incoming>),
    /// An event that carries no client or agent message (a status change, a private note, a
    /// system message): acknowledged and dropped. Says what it was.
    Ignored(String),
}

/// Why a delivery was refused; each names what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookError {
    /// A header the product always sends is missing.
    Missing(&'static str),
    /// The signature does not match the body and the integration's secret.
    BadSignature,
    /// The timestamp is further than the allowed age from now.
    Stale { age_seconds: i64 },
    /// The body is not the product's payload: what is wrong, naming the field.
    Malformed(String),
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HookError::Missing(header) => write!(f, "missing header {header}"),
            HookError::BadSignature => {
                f.write_str("the signature does not match the body and the integration's secret")
            }
            HookError::Stale { age_seconds } => write!(
                f,
                "the timestamp is {age_seconds} seconds from now (at most {MAX_AGE_SECONDS} allowed)"
            ),
            HookError::Malformed(what) => write!(f, "malformed payload: {what}"),
        }
    }
}

impl std::error::Error for HookError {}

/// Checks a delivery's signature with `secret`, then reads it.
pub fn receive(
    product: Product,
    secret: &[u8],
    delivery: &Delivery<'_>,
) -> Result<Event, HookError> {
    match product {
        Product::Generic => {
            signature::timestamped_hex(secret, delivery, generic::SIGNATURE, generic::TIMESTAMP)?;
            generic::read(delivery.body)
        }
        Product::Chatwoot => {
            signature::timestamped_hex(secret, delivery, chatwoot::SIGNATURE, chatwoot::TIMESTAMP)?;
            chatwoot::read(delivery.body)
        }
        Product::Zendesk => {
            signature::zendesk(secret, delivery)?;
            zendesk::read(delivery.body)
        }
        Product::Zammad => {
            signature::zammad(secret, delivery)?;
            zammad::read(delivery.body)
        }
    }
}
