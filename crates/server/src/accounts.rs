//! Account operations shared by the API and the `defuse user` commands: adding users, setting
//! passwords, issuing tokens, and the first admin of an empty database.

use chrono::{DateTime, Utc};
use defuse_storage::{ApiToken, NewApiToken, NewPassword, NewUser, Role, Store, User};

use crate::auth::{password, secret};
use crate::error::{AppError, AppResult};

/// Name of the admin created on first start.
pub const FIRST_ADMIN: &str = "admin";

/// A login name: 1 to 64 of lowercase ASCII letters, digits, `.`, `_` and `-`.
/// Names are lowercased on the way in, so `Ana` and `ana` are the same account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> AppResult<Username> {
        let name = raw.trim().to_lowercase();
        let ok_char =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        if name.is_empty() || name.len() > 64 || !name.chars().all(ok_char) {
            return Err(AppError::invalid(
                "username",
                "use 1 to 64 letters, digits, '.', '_' or '-'",
            ));
        }
        Ok(Username(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new user and, when no password was chosen, the generated one to show once.
#[derive(Debug)]
pub struct Added {
    pub user: User,
    pub generated_password: Option<String>,
}

/// Adds a user; without `chosen_password` one is generated and returned.
pub async fn add_user(
    store: &dyn Store,
    username: &Username,
    display_name: &str,
    role: Role,
    chosen_password: Option<&str>,
) -> AppResult<Added> {
    let (plain, generated) = pick_password(chosen_password)?;
    let new = NewUser {
        username: username.as_str().to_owned(),
        display_name: if display_name.trim().is_empty() {
            username.as_str().to_owned()
        } else {
            display_name.trim().to_owned()
        },
        role,
        password_hash: password::hash_off_workers(plain).await?,
    };
    let user = store.create_user(new).await.map_err(|e| match e {
        defuse_storage::StoreError::Conflict(_) => {
            AppError::Conflict(format!("the username {} is taken", username.as_str()))
        }
        other => other.into(),
    })?;
    Ok(Added {
        user,
        generated_password: generated,
    })
}

/// Sets a new password, ends every session of the user but `keep_session` (the id hash of the
/// session that made the change) and revokes their API tokens. Returns the generated password,
/// if any.
pub async fn set_password(
    store: &dyn Store,
    user_id: i64,
    chosen_password: Option<&str>,
    keep_session: Option<String>,
) -> AppResult<Option<String>> {
    let (plain, generated) = pick_password(chosen_password)?;
    let change = NewPassword {
        user_id,
        password_hash: password::hash_off_workers(plain).await?,
        keep_session,
        at: chrono::Utc::now(),
    };
    store.set_password_hash(change).await?;
    Ok(generated)
}

/// Issues an API token for `user_id`: the stored record and the secret, shown once.
pub async fn issue_token(
    store: &dyn Store,
    user_id: i64,
    name: &str,
    expires_at: Option<DateTime<Utc>>,
) -> AppResult<(ApiToken, String)> {
    if name.trim().is_empty() {
        return Err(AppError::invalid(
            "name",
            "name the token after what will use it",
        ));
    }
    let plain = secret::api_token();
    let token = store
        .create_api_token(NewApiToken {
            user_id,
            name: name.trim().to_owned(),
            token_hash: secret::digest(&plain),
            expires_at,
        })
        .await?;
    Ok((token, plain))
}

/// On an empty user table, creates the `admin` user and returns its one-time password.
///
/// Instances starting together on one empty database may all find it empty; the unique
/// username lets exactly one of them create the admin, and the others carry on without.
pub async fn ensure_first_admin(store: &dyn Store) -> AppResult<Option<String>> {
    if store.count_users().await? > 0 {
        return Ok(None);
    }
    let name = Username::parse(FIRST_ADMIN)?;
    match add_user(store, &name, "Administrator", Role::Admin, None).await {
        Ok(added) => Ok(added.generated_password),
        Err(AppError::Conflict(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

fn pick_password(chosen: Option<&str>) -> AppResult<(String, Option<String>)> {
    match chosen {
        Some(p) => {
            password::check_strength("password", p)?;
            Ok((p.to_owned(), None))
        }
        None => {
            let p = password::generate();
            Ok((p.clone(), Some(p)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(Username::parse("  Ana.B ").unwrap().as_str(), "ana.b");
        for bad in ["", "a b", "ana@x", "<script>", &"x".repeat(65)] {
            assert!(Username::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
