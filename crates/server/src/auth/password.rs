//! Password hashing with argon2id, the policy a chosen password must meet, and the one-time
//! passwords the server hands out.
//!
//! Hashing and verifying cost tens of milliseconds of CPU each, so the server calls them through
//! [`hash_off_workers`] and [`verify_off_workers`], which run them on tokio's blocking threads
//! and never on an async worker.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::AppError;

/// Shortest password accepted when a person chooses one.
pub const MIN_PASSWORD_LEN: usize = 10;
/// Longest password accepted, in bytes: more adds nothing to its strength and costs hashing time.
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Fewest different characters in a chosen password ("          " and "aaaaaaaaaa" have one).
const MIN_DISTINCT_CHARS: usize = 5;
/// Passwords and the words they are built on that guessing tools try first (compiled in).
const COMMON: &str = include_str!("common_passwords.txt");

/// A hash checked when the username is unknown, so a wrong name costs as long as a wrong password.
static DECOY: LazyLock<String> =
    LazyLock::new(|| hash("decoy password never used").expect("hashing works"));

/// The PHC string (`$argon2id$v=19$...`) of `password` with a fresh random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Whether `password` matches `phc`; a malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Refuses passwords that would not resist guessing, and ones too long to be worth hashing.
pub fn check_strength(field: &str, password: &str) -> Result<(), AppError> {
    let refuse = |why: String| Err(AppError::invalid(field, why));
    if password.len() > MAX_PASSWORD_BYTES {
        return refuse(format!(
            "choose a password of at most {MAX_PASSWORD_BYTES} bytes"
        ));
    }
    if password.chars().count() < MIN_PASSWORD_LEN {
        return refuse(format!(
            "choose a password of at least {MIN_PASSWORD_LEN} characters"
        ));
    }
    let mut distinct: Vec<char> = password.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT_CHARS {
        return refuse(format!(
            "choose a password with at least {MIN_DISTINCT_CHARS} different characters"
        ));
    }
    if is_common(password) {
        return refuse(
            "this password is among the first that guessing tools try; choose another".into(),
        );
    }
    Ok(())
}

/// Whether `password`, in lower case, whole or without leading and trailing digits and
/// symbols, is on the list of common passwords.
fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    COMMON
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .any(|common| common == lower || common == core)
}

/// [`hash`] on a blocking thread.
pub async fn hash_off_workers(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

/// [`verify`] on a blocking thread; with no stored hash, the time of one verification is spent
/// against a decoy (so an unknown username costs as long as a wrong password) and it fails.
pub async fn verify_off_workers(password: String, phc: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match phc {
        Some(phc) => verify(&password, &phc),
        None => {
            let _ = verify(&password, &DECOY);
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// A random password to show once (the first admin, `user add` without `--password`).
pub fn generate() -> String {
    super::secret::random_token(18)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let phc = hash("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("correct horse batterx", &phc));
        assert!(!verify("correct horse battery", "not a hash"));
        assert_ne!(phc, hash("correct horse battery").unwrap(), "salts differ");
    }

    #[test]
    fn weak_and_oversized_passwords_are_refused_naming_the_field() {
        for weak in [
            "short",
            "          ",
            "aaaaaaaaaaaa",
            "password12",
            "Password2024!",
            "1234567890",
            "qwertyuiop",
            "!!Summer!!2026",
        ] {
            let refused = check_strength("new_password", weak).unwrap_err();
            assert!(
                matches!(&refused, AppError::Invalid { field: Some(f), .. } if f == "new_password"),
                "{weak:?}: {refused:?}"
            );
        }
        let long = "x1y2z3".repeat(200);
        let refused = check_strength("password", &long).unwrap_err().to_string();
        assert!(refused.contains("1024 bytes"), "{refused}");
        for fine in [
            "long enough now",
            "correct horse battery",
            &"a1b2c3".repeat(170),
        ] {
            assert!(check_strength("password", fine).is_ok(), "{fine:?}");
        }
        assert!(check_strength("password", &generate()).is_ok());
    }

    #[test]
    fn the_common_list_is_lower_case_without_blanks() {
        for line in COMMON.lines().filter(|l| !l.starts_with('#')) {
            assert!(
                !line.trim().is_empty() && line == line.trim().to_lowercase(),
                "{line:?}"
            );
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn hashing_runs_beside_the_async_worker() {
        // On a runtime with one worker, a task keeps running while two hashes are made.
        let ticks = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let counter = std::sync::Arc::clone(&ticks);
        let ticker = tokio::spawn(async move {
            loop {
                counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                tokio::task::yield_now().await;
            }
        });
        let phc = hash_off_workers("correct horse battery".into())
            .await
            .unwrap();
        assert!(verify_off_workers("correct horse battery".into(), Some(phc)).await);
        assert!(!verify_off_workers("anything at all".into(), None).await);
        ticker.abort();
        assert!(ticks.load(std::sync::atomic::Ordering::Relaxed) > 10);
    }
}
