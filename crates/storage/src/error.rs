//! `StoreError`: the few ways a storage call can fail, with database errors mapped onto them.

/// Why a `Store` call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist (or is not visible, for example an expired session).
    #[error("record not found")]
    NotFound,
    /// The write clashes with what is stored: a duplicate name, or a record still referred to.
    #[error("conflict: {0}")]
    Conflict(String),
    /// An argument is out of range or refers to a record that does not exist.
    #[error("invalid {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// Anything else: the database is unreachable, a migration failed, stored data is corrupt.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl StoreError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = error {
            return Self::NotFound;
        }
        if let sqlx::Error::Database(db) = &error {
            match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    return Self::Conflict("a record with the same key already exists".into());
                }
                sqlx::error::ErrorKind::ForeignKeyViolation => {
                    return Self::invalid("reference", "refers to a record that does not exist");
                }
                sqlx::error::ErrorKind::CheckViolation => {
                    return Self::invalid("value", db.message().to_owned());
                }
                _ => {}
            }
        }
        Self::Other(anyhow::Error::new(error).context("database call failed"))
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        Self::Other(anyhow::Error::new(error).context("database migration failed"))
    }
}
