//! Loads the analyser: the fast tier always, the embedding tier when its model is installed.

use anyhow::{Context, Result};
use clap::Args;
use defuse_core::Analyzer;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone)]
pub struct EngineArgs {
    /// Where defuse keeps its data (database, installed models).
    #[arg(long, env = "DEFUSE_DATA_DIR", default_value_os_t = default_data_dir())]
    pub data_dir: PathBuf,
    /// Use the fast tier only, even when the embedding model is installed.
    #[arg(long)]
    pub fast: bool,
}

/// The data folder used when none is given: the server's default, so every command agrees.
pub fn default_data_dir() -> PathBuf {
    defuse_server::settings::default_data_dir()
}

/// The analyser for these arguments.
pub fn load(args: &EngineArgs) -> Result<Analyzer> {
    let analyzer = Analyzer::new();
    if args.fast {
        return Ok(analyzer);
    }
    match encoder(&args.data_dir)? {
        Some(enc) => analyzer
            .with_encoder(Box::new(enc))
            .context("loading the embedding heads"),
        None => Ok(analyzer),
    }
}

/// The installed embedding model, if any.
pub fn encoder(data_dir: &Path) -> Result<Option<defuse_embed::MiniLm>> {
    match defuse_embed::installed_dir(data_dir) {
        Some(dir) => {
            let m = defuse_embed::MiniLm::load(&dir)
                .with_context(|| format!("loading the embedding model from {}", dir.display()))?;
            Ok(Some(m))
        }
        None => Ok(None),
    }
}
