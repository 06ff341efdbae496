//! Password hashing with argon2id, and the one-time passwords the server hands out.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::AppError;

/// Shortest password accepted when a person chooses one.
pub const MIN_PASSWORD_LEN: usize = 10;

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

/// Spends the time of one verification, for unknown usernames.
pub fn verify_decoy(password: &str) {
    let _ = verify(password, &DECOY);
}

/// Refuses passwords too short to resist guessing.
pub fn check_strength(field: &str, password: &str) -> Result<(), AppError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            field,
            format!("choose a password of at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    Ok(())
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
    fn short_passwords_are_refused() {
        assert!(check_strength("password", "short").is_err());
        assert!(check_strength("password", "long enough now").is_ok());
        assert!(generate().len() >= MIN_PASSWORD_LEN);
    }
}
