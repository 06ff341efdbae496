//! `defuse train` and `defuse eval`: rebuild the models from the labeled data and measure them.

use anyhow::{Context, Result, bail};
use clap::Args;
use defuse_core::Analyzer;
use defuse_train::{coaching, data, eval, fast, reading, tune};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};

use crate::engine;

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Folder with the labeled data sets.
    #[arg(long = "data", default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where to write the model files (the crate compiles them in from there).
    #[arg(long, default_value = "crates/core/models")]
    pub out: PathBuf,
    /// Also tune the encoder's top layers and train the embedding tier (needs `defuse model
    /// install` first).
    #[arg(long)]
    pub embeddings: bool,
    /// Where to write the tuned top layers of the encoder (the embed crate compiles it in).
    #[arg(long, default_value = "crates/embed/models")]
    pub top_out: PathBuf,
    /// Where defuse keeps its data (installed models, the encoder states kept between runs).
    #[arg(long, env = "DEFUSE_DATA_DIR", default_value_os_t = engine::default_data_dir())]
    pub data_dir: PathBuf,
    /// Only the level and cause heads, over the fast tier compiled in (seconds, not minutes).
    #[arg(long, conflicts_with = "embeddings")]
    pub reading: bool,
    /// Chat conversations labelled from the customer_labels guide, whose client lines the
    /// level and want heads also learn from.
    #[arg(long, default_value = "crates/train/data/chat_conversations.jsonl")]
    pub chat: PathBuf,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folder with the labeled data sets.
    #[arg(long = "data", default_value = "../shared/data")]
    pub data: PathBuf,
    /// JSON written by `scripts/peers/run.sh --json`, to print the peers' figures alongside.
    #[arg(long)]
    pub peers: Option<PathBuf>,
    /// Only the reading and coaching on text written by others (customer_labels dev and
    /// coaching/), without the table of the models' tasks.
    #[arg(long)]
    pub coaching: bool,
    #[command(flatten)]
    pub engine: engine::EngineArgs,
}

fn bar(label: &str) -> ProgressBar {
    let pb = ProgressBar::new(0);
    pb.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
            .expect("valid template"),
    );
    pb.set_message(label.to_string());
    pb
}

/// File name of the tuned top layers in `--top-out`.
const TOP_FILE: &str = "top-layers.safetensors";

pub fn train(args: TrainArgs) -> Result<()> {
    if args.embeddings && !args.top_out.is_dir() {
        bail!(
            "{}: no such folder; run from the repository root or pass --top-out",
            args.top_out.display()
        );
    }
    if !args.out.is_dir() {
        bail!(
            "{}: no such folder; run from the repository root or pass --out",
            args.out.display()
        );
    }
    let fast_path = args.out.join("fast.bin");
    if args.reading {
        return train_reading(&args, Analyzer::unread());
    }
    if args.embeddings {
        let model = engine::encoder(&args.data_dir)?
            .context("the embedding model is not installed: run `defuse model install` first")?;
        // Named by depth: states from another cut of the model would be wrong here.
        let states_path = args
            .data_dir
            .join(format!("lower-states-{}.safetensors", model.lower_layers()));
        let mut states = tune::States::load(&states_path);
        eprintln!(
            "tuning the encoder's top layers on {}, then training both tiers over it (the fast tier twice, the second time taught by the embedding tier) ...",
            args.data.display()
        );
        let examples = data::load_training(&args.data)?;
        let pb = bar("training");
        let tuned = tune::train_tuned(&examples, model, &mut states, &mut |what, done, total| {
            pb.set_message(what.to_string());
            pb.set_length(total as u64);
            pb.set_position(done as u64);
        });
        pb.finish();
        // Kept even when training failed: computing them again takes the longest.
        states.save(&states_path)?;
        let tuned = tuned?;
        write_set(&fast_path, &tuned.fast)?;
        write_set(&args.out.join("embed.bin"), &tuned.embed)?;
        let top_path = args.top_out.join(TOP_FILE);
        defuse_embed::save_top(&tuned.top, &tuned.base_fingerprint, &top_path)
            .with_context(|| format!("writing {}", top_path.display()))?;
        eprintln!("wrote {}", top_path.display());
    } else {
        eprintln!("training the fast tier from {} ...", args.data.display());
        let (set, summary) = fast::train(&args.data)?;
        write_set(&fast_path, &set)?;
        eprintln!(
            "({} training rows, {} calibration rows, {} held out; the committed weights come from `--embeddings`, where the embedding tier also teaches the fast one)",
            summary.train_rows, summary.calibration_rows, summary.held_out_rows
        );
    }
    let fast = defuse_core::model::ModelSet::from_bytes(&std::fs::read(&fast_path)?)?;
    train_reading(&args, Analyzer::from_models(&fast)?)
}

/// Trains the level and cause heads over `base` and writes them beside the other models.
fn train_reading(args: &TrainArgs, base: Analyzer) -> Result<()> {
    eprintln!(
        "training the level, cause, want and story heads on customer_labels (train split) and {} ...",
        args.chat.display()
    );
    let (set, r) = reading::train(&args.data, &args.chat, &base)?;
    write_set(&args.out.join("reading.bin"), &set)?;
    for h in &r.heads {
        eprintln!(
            "({}: {} rows, classes balanced {}, penalty {}, cross-validated accuracy {:.3})",
            h.name, h.rows, h.balancing, h.l2, h.accuracy
        );
    }
    let f = &r.floors;
    let pair = |a: [f64; 3]| {
        format!(
            "{:.3} customer ({:.3} with a cause), {:.3} chat",
            a[0], a[1], a[2]
        )
    };
    eprintln!(
        "level read across the folds, with the floors: {}",
        pair(f.all)
    );
    eprintln!("  with no floor: {}", pair(f.none));
    for c in &f.each {
        eprintln!(
            "  {} ({}, holds on {}): one level lower {}; without it {}",
            c.name,
            c.level.as_str(),
            c.holds,
            pair(c.lower),
            pair(c.without)
        );
    }
    let s = &r.in_story;
    let what = format!(
        "the level of the {} chat lines after a client's first",
        s.lines
    );
    print_ways(&what, &s.read);
    let c = &r.story_causes;
    let what = format!(
        "the main cause of the {} chat conversations",
        c.conversations
    );
    print_ways(&what, &c.read);
    eprintln!(
        "  the story rules by label (rows) and reading (columns): {}",
        c.causes.join(", ")
    );
    for (name, row) in c.causes.iter().zip(&c.confusion) {
        let counts: Vec<String> = row.iter().map(|n| format!("{n:>4}")).collect();
        eprintln!("  {name:>20} {}", counts.join(""));
    }
    eprintln!("rebuild (cargo build --release) to compile the new weights in");
    Ok(())
}

/// The share each way of reading gets right, across the folds.
fn print_ways(what: &str, ways: &[(&str, f64)]) {
    eprintln!("{what}, across the folds:");
    for (way, share) in ways {
        eprintln!("  {way}: {share:.3}");
    }
}

fn write_set(path: &Path, set: &defuse_core::model::ModelSet) -> Result<()> {
    std::fs::write(path, set.to_bytes()).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {} ({})", path.display(), set.version);
    Ok(())
}

/// Peer figures from the peers script's JSON, in the order of the evaluation table.
fn peer_columns(path: &Path, rows: &[eval::Score]) -> Result<Vec<(String, Vec<Option<f64>>)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: not valid JSON", path.display()))?;
    let results = v["results"]
        .as_array()
        .with_context(|| format!("{}: expected an array field `results`", path.display()))?;
    let names: Vec<String> = v["packages"]
        .as_object()
        .map(|p| {
            p.keys()
                .filter(|k| results.iter().any(|r| r.get(k.as_str()).is_some()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Ok(names
        .into_iter()
        .map(|name| {
            let col = rows
                .iter()
                .map(|s| {
                    let hit = results
                        .iter()
                        .find(|r| r["file"] == s.file && r["metric"] == s.metric)?;
                    hit[name.as_str()].as_f64()
                })
                .collect();
            (name, col)
        })
        .collect())
}

pub fn evaluate(args: EvalArgs) -> Result<()> {
    let tiers = analyzers(&args)?;
    if !args.coaching {
        let mut scores = Vec::new();
        for (name, analyzer) in &tiers {
            scores.push((*name, eval::evaluate(&args.data, analyzer)?));
        }
        let peers = match &args.peers {
            Some(p) => peer_columns(p, &scores[0].1)?,
            None => Vec::new(),
        };
        crate::out::to_stdout(&format!("{}\n", eval::table(&scores, &peers)))?;
    }
    for (name, analyzer) in &tiers {
        let table = coaching::table(&coaching::evaluate(&args.data, analyzer)?);
        crate::out::to_stdout(&format!("Reading and coaching, {name} tier:\n\n{table}\n"))?;
    }
    Ok(())
}

/// The fast tier, and the embedding tier too when its model is installed and not `--fast`.
fn analyzers(args: &EvalArgs) -> Result<Vec<(&'static str, Analyzer)>> {
    let mut tiers = vec![("fast", Analyzer::new())];
    if !args.engine.fast {
        if let Some(enc) = engine::encoder(&args.engine.data_dir)? {
            eprintln!("evaluating with embeddings too (this takes a few minutes) ...");
            tiers.push((
                "fast+embedding",
                Analyzer::new().with_encoder(Box::new(enc))?,
            ));
        } else {
            eprintln!(
                "embedding model not installed: showing the fast tier only (see `defuse model install`)"
            );
        }
    }
    Ok(tiers)
}
