//! The signatures each product puts on its deliveries, checked in constant time (`hmac`'s
//! `verify_slice`), and the timestamp that keeps an old delivery from being replayed.
//!
//! - Chatwoot (and our generic hook): `sha256=<hex>` HMAC-SHA256 of `{timestamp}.{body}`.
//! - Zendesk: base64 HMAC-SHA256 of `{timestamp}{body}`, the timestamp in RFC 3339.
//! - Zammad: `sha1=<hex>` HMAC-SHA1 of the body (Zammad sends no timestamp).

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::Sha256;

use super::{Delivery, HookError};

const ZENDESK_SIGNATURE: &str = "X-Zendesk-Webhook-Signature";
const ZENDESK_TIMESTAMP: &str = "X-Zendesk-Webhook-Signature-Timestamp";
const ZAMMAD_SIGNATURE: &str = "X-Hub-Signature";

/// `sha256=<hex>` over `{timestamp}.{body}`, the timestamp in unix seconds.
pub fn timestamped_hex(
    secret: &[u8],
    delivery: &Delivery<'_>,
    signature_header: &'static str,
    timestamp_header: &'static str,
) -> Result<(), HookError> {
    let signature = header(delivery, signature_header)?;
    let timestamp = header(delivery, timestamp_header)?;
    let seconds: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| HookError::Malformed(format!("{timestamp_header}: expected unix seconds")))?;
    let expected = hex_of(&signature, "sha256=")?;
    let mut mac = mac::<Hmac<Sha256>>(secret);
    mac.update(timestamp.trim().as_bytes());
    mac.update(b".");
    mac.update(delivery.body);
    mac.verify_slice(&expected)
        .map_err(|_| HookError::BadSignature)?;
    fresh(seconds, delivery)
}

/// Zendesk: base64 HMAC-SHA256 over the RFC 3339 timestamp followed by the body.
pub fn zendesk(secret: &[u8], delivery: &Delivery<'_>) -> Result<(), HookError> {
    let signature = header(delivery, ZENDESK_SIGNATURE)?;
    let timestamp = header(delivery, ZENDESK_TIMESTAMP)?;
    let at = chrono::DateTime::parse_from_rfc3339(timestamp.trim())
        .map_err(|_| HookError::Malformed(format!("{ZENDESK_TIMESTAMP}: expected RFC 3339")))?;
    let expected = base64::engine::general_purpose::STANDARD
        .decode(signature.trim())
        .map_err(|_| HookError::BadSignature)?;
    let mut mac = mac::<Hmac<Sha256>>(secret);
    mac.update(timestamp.trim().as_bytes());
    mac.update(delivery.body);
    mac.verify_slice(&expected)
        .map_err(|_| HookError::BadSignature)?;
    fresh(at.timestamp(), delivery)
}

/// Zammad: `sha1=<hex>` HMAC-SHA1 over the body.
pub fn zammad(secret: &[u8], delivery: &Delivery<'_>) -> Result<(), HookError> {
    let expected = hex_of(&header(delivery, ZAMMAD_SIGNATURE)?, "sha1=")?;
    let mut mac = mac::<Hmac<Sha1>>(secret);
    mac.update(delivery.body);
    mac.verify_slice(&expected)
        .map_err(|_| HookError::BadSignature)
}

/// The signatures a sender with `secret` puts on `body`: what tests and the documentation's
/// examples send.
pub mod sign {
    use super::*;

    pub fn timestamped_hex(secret: &[u8], timestamp: &str, body: &[u8]) -> String {
        let mut mac = mac::<Hmac<Sha256>>(secret);
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
    }

    pub fn zendesk(secret: &[u8], timestamp: &str, body: &[u8]) -> String {
        let mut mac = mac::<Hmac<Sha256>>(secret);
        mac.update(timestamp.as_bytes());
        mac.update(body);
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    pub fn zammad(secret: &[u8], body: &[u8]) -> String {
        let mut mac = mac::<Hmac<Sha1>>(secret);
        mac.update(body);
        format!("sha1={}", hex::encode(mac.finalize().into_bytes()))
    }
}

fn mac<M: Mac + hmac::digest::KeyInit>(secret: &[u8]) -> M {
    // HMAC takes a key of any length.
    <M as hmac::digest::KeyInit>::new_from_slice(secret).expect("HMAC accepts keys of any length")
}

fn header(delivery: &Delivery<'_>, name: &'static str) -> Result<String, HookError> {
    (delivery.header)(name)
        .filter(|v| !v.trim().is_empty())
        .ok_or(HookError::Missing(name))
}

fn hex_of(signature: &str, prefix: &str) -> Result<Vec<u8>, HookError> {
    let signature = signature.trim();
    let hex = signature.strip_prefix(prefix).unwrap_or(signature);
    hex::decode(hex).map_err(|_| HookError::BadSignature)
}

fn fresh(seconds: i64, delivery: &Delivery<'_>) -> Result<(), HookError> {
    let age = delivery.now - seconds;
    if age.abs() > delivery.max_age {
        return Err(HookError::Stale { age_seconds: age });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery<'a>(body: &'a [u8], header: &'a dyn Fn(&str) -> Option<String>) -> Delivery<'a> {
        Delivery {
            body,
            header,
            now: 1_000_000,
            max_age: 300,
        }
    }

    #[test]
    fn timestamped_hex_accepts_its_own_signature_only() {
        let body = br#"{"event":"message_created"}"#;
        let good = sign::timestamped_hex(b"s3cret", "1000000", body);
        let headers = |sig: String, ts: &'static str| {
            move |name: &str| match name {
                "X-Sig" => Some(sig.clone()),
                "X-Ts" => Some(ts.to_owned()),
                _ => None,
            }
        };
        let ok = headers(good.clone(), "1000000");
        assert_eq!(
            timestamped_hex(b"s3cret", &delivery(body, &ok), "X-Sig", "X-Ts"),
            Ok(())
        );
        assert_eq!(
            timestamped_hex(b"other", &delivery(body, &ok), "X-Sig", "X-Ts"),
            Err(HookError::BadSignature)
        );
        let stale_sig = sign::timestamped_hex(b"s3cret", "999000", body);
        let stale = headers(stale_sig, "999000");
        assert_eq!(
            timestamped_hex(b"s3cret", &delivery(body, &stale), "X-Sig", "X-Ts"),
            Err(HookError::Stale { age_seconds: 1000 })
        );
        let none = |_: &str| None;
        assert_eq!(
            timestamped_hex(b"s3cret", &delivery(body, &none), "X-Sig", "X-Ts"),
            Err(HookError::Missing("X-Sig"))
        );
    }

    #[test]
    fn zendesk_and_zammad_signatures_round_trip() {
        let body = b"{}";
        let ts = "1970-01-12T13:46:40Z";
        let sig = sign::zendesk(b"k", ts, body);
        let h = move |name: &str| match name {
            ZENDESK_SIGNATURE => Some(sig.clone()),
            ZENDESK_TIMESTAMP => Some(ts.to_owned()),
            _ => None,
        };
        assert_eq!(zendesk(b"k", &delivery(body, &h)), Ok(()));
        assert_eq!(
            zendesk(b"x", &delivery(body, &h)),
            Err(HookError::BadSignature)
        );
        let sig = sign::zammad(b"k", body);
        let h = move |name: &str| (name == ZAMMAD_SIGNATURE).then(|| sig.clone());
        assert_eq!(zammad(b"k", &delivery(body, &h)), Ok(()));
        assert_eq!(
            zammad(b"k", &delivery(b"{ }", &h)),
            Err(HookError::BadSignature)
        );
    }
}
