//! `defuse analyze`: one message for a person to read, or JSON lines for a program.

use anyhow::{Context, Result};
use clap::Args;
use defuse_core::{Analyzer, Input};
use defuse_wire::AnalysisDto;
use rayon::prelude::*;
use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::engine::{self, EngineArgs};

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// The client's message (`-` reads it from stdin). Omit it with --jsonl.
    pub text: Option<String>,
    /// Read JSON lines (`{"text": ..., "id": ..., "context": ...}`) from FILE, or standard input
    /// when FILE is `-` or absent, and print one JSON object per line, in input order.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
    pub jsonl: Option<PathBuf>,
    /// The agent's previous message, for context.
    #[arg(long)]
    pub context: Option<String>,
    /// Print JSON for a single message instead of the readable summary.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub engine: EngineArgs,
}

pub fn run(args: AnalyzeArgs) -> Result<ExitCode> {
    let analyzer = engine::load(&args.engine)?;
    if let Some(path) = &args.jsonl {
        return run_jsonl(&analyzer, path);
    }
    let mut text = args
        .text
        .context("give a message to analyse, or --jsonl FILE")?;
    if text == "-" {
        text = crate::cmd_coach::read_source("-")?;
    }
    let mut input = Input::new(&text);
    if let Some(c) = &args.context {
        input = input.with_context(c);
    }
    let analysis = analyzer.analyze(&input);
    let mut out = std::io::stdout().lock();
    if args.json {
        let dto = AnalysisDto::new(None, &text, &analysis);
        writeln!(out, "{}", serde_json::to_string_pretty(&dto)?)?;
    } else {
        write!(out, "{}", crate::report::summary(&text, &analysis))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One input line: either something to analyse or the reason it cannot be.
enum Line {
    Ok {
        id: Option<Value>,
        text: String,
        context: Option<String>,
    },
    Bad(String),
}

fn parse_line(bytes: &[u8]) -> Line {
    let Ok(s) = std::str::from_utf8(bytes) else {
        return Line::Bad("line is not valid UTF-8".into());
    };
    let v: Value = match serde_json::from_str(s) {
        Ok(v) => v,
        Err(e) => return Line::Bad(format!("not valid JSON: {e}")),
    };
    let Some(obj) = v.as_object() else {
        return Line::Bad("expected a JSON object with a `text` field".into());
    };
    let text = match obj.get("text") {
        Some(Value::String(t)) => t.clone(),
        Some(_) => return Line::Bad("field `text` must be a string".into()),
        None => return Line::Bad("missing field `text`".into()),
    };
    let context = match obj.get("context") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) => Some(c.clone()),
        Some(_) => return Line::Bad("field `context` must be a string".into()),
    };
    Line::Ok {
        id: obj.get("id").cloned(),
        text,
        context,
    }
}

/// The output line for one parsed input line, given its embedding when the tier is on, and
/// whether it is an error.
fn answer(
    analyzer: &Analyzer,
    number: usize,
    line: &Line,
    embedding: Option<&[f32]>,
) -> (String, bool) {
    let bad = |error: &str| serde_json::json!({"line": number, "error": error}).to_string();
    match line {
        Line::Ok { id, text, context } => {
            let mut input = Input::new(text);
            if let Some(c) = context {
                input = input.with_context(c);
            }
            let a = analyzer.analyze_embedded(&input, embedding);
            match serde_json::to_string(&AnalysisDto::new(id.clone(), text, &a)) {
                Ok(json) => (json, false),
                Err(e) => (bad(&format!("could not write the analysis: {e}")), true),
            }
        }
        Line::Bad(error) => (bad(error), true),
    }
}

/// The embedding of each good line, in one run of the encoder over them all (it uses every core
/// itself), so that the rest of the analysis can run line by line in parallel; `None` for a
/// bad line, and for every line when the embedding tier is off.
fn embed_lines(analyzer: &Analyzer, lines: &[Line]) -> Vec<Option<Vec<f32>>> {
    let texts: Vec<&str> = lines
        .iter()
        .filter_map(|l| match l {
            Line::Ok { text, .. } => Some(text.as_str()),
            Line::Bad(_) => None,
        })
        .collect();
    let mut vectors = analyzer.embed_batch(&texts).map(Vec::into_iter);
    lines
        .iter()
        .map(|l| match (l, &mut vectors) {
            (Line::Ok { .. }, Some(v)) => v.next(),
            _ => None,
        })
        .collect()
}

/// Lines read and answered per batch: large enough to keep both cores busy, small enough to stream.
const BATCH: usize = 8192;

fn run_jsonl(analyzer: &Analyzer, path: &PathBuf) -> Result<ExitCode> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    let mut number = 0usize;
    let mut lines = reader.split(b'\n');
    loop {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH);
        for line in lines.by_ref().take(BATCH) {
            let mut bytes = line.context("reading input")?;
            number += 1;
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            batch.push((number, bytes));
        }
        if batch.is_empty() {
            break;
        }
        let lines: Vec<Line> = batch.par_iter().map(|(_, b)| parse_line(b)).collect();
        let embeddings = embed_lines(analyzer, &lines);
        let answers: Vec<(String, bool)> = batch
            .par_iter()
            .zip(&lines)
            .zip(&embeddings)
            .map(|(((n, _), line), v)| answer(analyzer, *n, line, v.as_deref()))
            .collect();
        for (a, bad) in answers {
            failed += usize::from(bad);
            writeln!(out, "{a}")?;
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "defuse: {failed} input line(s) could not be analysed; see the objects with an \"error\" field"
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use defuse_core::Encoder;

    /// Vectors that name their text by its length, the width the shipped heads expect.
    struct Lengths;

    impl Encoder for Lengths {
        fn dim(&self) -> usize {
            768
        }

        fn embed(&self, text: &str) -> Vec<f32> {
            let mut v = vec![0.0; 768];
            v[0] = text.len() as f32;
            v
        }
    }

    #[test]
    fn each_good_line_gets_its_own_vector_and_bad_lines_none() {
        let lines: Vec<Line> = [
            &br#"{"text": "a"}"#[..],
            b"not json",
            br#"{"text": "three"}"#,
        ]
        .iter()
        .map(|b| parse_line(b))
        .collect();
        let fast = Analyzer::new();
        assert!(embed_lines(&fast, &lines).iter().all(Option::is_none));

        let with = Analyzer::new().with_encoder(Box::new(Lengths)).unwrap();
        let first = |v: &Option<Vec<f32>>| v.as_ref().map(|v| v[0]);
        let got: Vec<Option<f32>> = embed_lines(&with, &lines).iter().map(first).collect();
        assert_eq!(got, [Some(1.0), None, Some(5.0)]);
    }
}
