//! The staging folder an install fills, and the marker and renames that make it the model.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::Pins;
use super::files::Copied;
use crate::EmbedError;

/// Names of staging and replaced folders under `models/`; leftovers of a killed install.
const LEFTOVER_PREFIX: &str = ".partial-";

/// Written last into a verified folder: one `sha256 size name` line per file.
const MARKER: &str = "VERIFIED";

/// A folder beside the target that becomes the model folder on [`Stage::commit`], or is
/// removed when dropped.
pub(super) struct Stage {
    dir: TempDir,
}

impl Stage {
    /// Creates a fresh staging folder in `models`, first removing leftovers of killed installs
    /// (so two installs into the same data dir must not run at once).
    pub(super) fn new(models: &Path) -> Result<Self, EmbedError> {
        remove_leftovers(models);
        let dir = tempfile::Builder::new()
            .prefix(LEFTOVER_PREFIX)
            .tempdir_in(models)
            .map_err(EmbedError::io("creating a staging folder in", models))?;
        Ok(Self { dir })
    }

    pub(super) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes the marker for the `verified` files, then moves the staging folder to `target`,
    /// replacing what was there.
    pub(super) fn commit(
        self,
        verified: &[(&str, Copied)],
        target: &Path,
    ) -> Result<PathBuf, EmbedError> {
        let marker: String = verified
            .iter()
            .map(|(name, copied)| format!("{} {} {name}\n", copied.sha256, copied.size))
            .collect();
        write_synced(&self.path().join(MARKER), marker.as_bytes())?;
        sync_dir(self.path())?;
        let staged = self.dir.keep();
        replace(&staged, target).inspect_err(|_| {
            // Best effort: the leftover sweep of the next install removes it otherwise.
            let _ = fs::remove_dir_all(&staged);
        })?;
        Ok(target.to_owned())
    }
}

/// Whether `dir` holds a finished install of the files `pins` names, sizes unchanged.
pub(super) fn marker_matches(dir: &Path, pins: &Pins) -> bool {
    let Ok(marker) = fs::read_to_string(dir.join(MARKER)) else {
        return false;
    };
    let recorded: HashMap<&str, (&str, u64)> = marker
        .lines()
        .filter_map(|line| {
            let mut fields = line.splitn(3, ' ');
            let sha256 = fields.next()?;
            let size = fields.next()?.parse().ok()?;
            Some((fields.next()?, (sha256, size)))
        })
        .collect();
    pins.files().all(|(name, pin)| {
        recorded.get(name).is_some_and(|&(sha256, size)| {
            sha256 == pin && fs::metadata(dir.join(name)).is_ok_and(|m| m.len() == size)
        })
    })
}

/// Renames `staged` to `target`; an existing `target` is first moved aside, then deleted.
fn replace(staged: &Path, target: &Path) -> Result<(), EmbedError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    if target.exists() {
        let aside = parent.join(format!("{LEFTOVER_PREFIX}replaced"));
        fs::rename(target, &aside).map_err(EmbedError::io("moving aside", target))?;
        fs::rename(staged, target).map_err(EmbedError::io("renaming into place", staged))?;
        // The new model is in place; if this fails the next install's sweep removes it.
        let _ = fs::remove_dir_all(&aside);
    } else {
        fs::rename(staged, target).map_err(EmbedError::io("renaming into place", staged))?;
    }
    sync_dir(parent)
}

fn remove_leftovers(models: &Path) {
    let Ok(entries) = fs::read_dir(models) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(LEFTOVER_PREFIX)
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), EmbedError> {
    let mut file = File::create(path).map_err(EmbedError::io("creating", path))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(EmbedError::io("writing", path))
}

/// Flushes a folder's entries (new names, renames) to disk.
fn sync_dir(dir: &Path) -> Result<(), EmbedError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(EmbedError::io("syncing", dir))
}
