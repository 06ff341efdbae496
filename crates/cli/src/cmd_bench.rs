//! `defuse bench`: throughput, latency and memory of the analysis over a JSON-lines file.

use anyhow::{Context, Result};
use clap::Args;
use defuse_core::Input;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

use crate::engine::{self, EngineArgs};

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// JSON lines with a `text` field, as for `analyze --jsonl`.
    pub jsonl: PathBuf,
    /// Passes over the file for the throughput figure.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    #[command(flatten)]
    pub engine: EngineArgs,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Peak resident memory of this process, from the kernel, in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

pub fn run(args: BenchArgs) -> Result<()> {
    let analyzer = engine::load(&args.engine)?;
    let raw = std::fs::read_to_string(&args.jsonl)
        .with_context(|| format!("reading {}", args.jsonl.display()))?;
    let texts: Vec<String> = raw
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l)
                .with_context(|| format!("line {}: not valid JSON", i + 1))?;
            v["text"]
                .as_str()
                .map(str::to_string)
                .with_context(|| format!("line {}: missing field `text`", i + 1))
        })
        .collect::<Result<_>>()?;
    let mean_len = texts.iter().map(String::len).sum::<usize>() as f64 / texts.len().max(1) as f64;
    // Warm up (lexicons load on first use).
    analyzer.analyze(&Input::new("warm up"));
    let start = Instant::now();
    let mut n = 0usize;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    for _ in 0..args.repeat {
        // As `analyze --jsonl` does: the encoder over the whole set, then the rest in parallel.
        let vectors = analyzer.embed_batch(&refs);
        n += refs
            .par_iter()
            .enumerate()
            .map(|(i, t)| {
                let v = vectors.as_ref().map(|v| v[i].as_slice());
                std::hint::black_box(analyzer.analyze_embedded(&Input::new(t), v));
            })
            .count();
    }
    let secs = start.elapsed().as_secs_f64();
    let mut lat: Vec<f64> = texts
        .iter()
        .map(|t| {
            let s = Instant::now();
            std::hint::black_box(analyzer.analyze(&Input::new(t)));
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    lat.sort_by(f64::total_cmp);
    println!(
        "messages: {} (mean {:.0} bytes), tier {}, threads {}",
        texts.len(),
        mean_len,
        analyzer.tier().as_str(),
        rayon::current_num_threads()
    );
    println!(
        "throughput: {:.0} messages/s over {n} analyses",
        n as f64 / secs
    );
    println!(
        "latency one at a time: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        percentile(&lat, 1.0)
    );
    if let Some(mib) = peak_rss_mib() {
        println!("peak memory: {mib:.0} MiB");
    }
    Ok(())
}
