//! Random secrets (session ids, API tokens, CSRF tokens) and the digests the database keeps of them.
//!
//! The database never holds a usable session id or token: only its SHA-256, so a leaked backup
//! cannot be replayed. The secrets are 256 bits from the OS, so a fast digest is enough.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

/// Prefix of API tokens, so a leaked one is easy to recognise in logs and secret scanners.
pub const TOKEN_PREFIX: &str = "dfs_";

/// `bytes` random bytes from the OS, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A new API token, shown to its owner once.
pub fn api_token() -> String {
    format!("{TOKEN_PREFIX}{}", random_token(32))
}

/// The lowercase hex SHA-256 of `secret`, as stored.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_prefixed() {
        let a = api_token();
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 43);
        assert_ne!(a, api_token());
    }

    #[test]
    fn digest_is_stable_hex() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(digest("abc"), digest("abd"));
    }

    #[test]
    fn same_compares_whole_strings() {
        assert!(same("token", "token"));
        assert!(!same("token", "tokem"));
        assert!(!same("token", "token2"));
    }
}
