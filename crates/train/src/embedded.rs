//! Trains the embedding tier: a linear head over MiniLM sentence embeddings, and a stack head
//! that blends its calibrated scores with the fast tier's, column by column.
//!
//! Embeddings are slow to compute (milliseconds each), so training uses an even sample of each
//! data set; vectors computed once in a run are kept for the rest of it.

use anyhow::{Context, Result};
use defuse_core::analyze::blend;
use defuse_core::model::{Head, ModelSet, columns as col};
use defuse_core::{Analyzer, Encoder};
use rayon::prelude::*;
use std::collections::HashMap;

use crate::data::{Example, Split};
use crate::sgd::{self, Row};
use crate::{calibrate, fast};

const CONFIG: sgd::Config = sgd::Config {
    epochs: 8,
    learning_rate: 0.1,
    l2: 1e-6,
    seed: 20_261_126,
};
/// Rows per data set the embedding head learns from: every training row (the largest set,
/// GoEmotions, has about 39,000); the vectors are computed for the teacher anyway.
const TRAIN_PER_SET: usize = 40000;
/// Rows per data set that calibrate the embedding head and fit the stack.
const CALIBRATE_PER_SET: usize = 3000;
/// Rows per data set the encoder's top layers are tuned on: a tuning step costs far more than a
/// head's, so the biggest set (GoEmotions) gives only part of its rows.
const TUNE_PER_SET: usize = 15000;

/// Vectors already computed in this run, keyed by a hash of the text.
#[derive(Default)]
pub struct Cache {
    vectors: HashMap<u64, Vec<f32>>,
}

fn text_key(text: &str) -> u64 {
    crate::fnv1a(text.as_bytes())
}

impl Cache {
    /// Embeds every text, computing only those not cached, `batch` at a time; `progress` gets (done, total).
    pub fn embed_all(
        &mut self,
        encoder: &dyn Encoder,
        texts: &[&str],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Vec<Vec<f32>> {
        let missing: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| !self.vectors.contains_key(&text_key(t)))
            .collect();
        for (k, chunk) in missing.chunks(64).enumerate() {
            for (t, v) in chunk.iter().zip(encoder.embed_batch(chunk)) {
                self.vectors.insert(text_key(t), v);
            }
            progress((k * 64 + chunk.len()).min(missing.len()), missing.len());
        }
        texts
            .iter()
            .map(|t| self.vectors[&text_key(t)].clone())
            .collect()
    }
}

fn dense_row(v: &[f32]) -> Row {
    Row {
        index: (0..v.len() as u32).collect(),
        value: v.to_vec(),
    }
}

/// Every `n`-th example of each set so that at most `cap` of `split` are taken per set.
fn sample(examples: &[Example], split: Split, cap: usize) -> Vec<&Example> {
    let mut by_set: Vec<(&str, Vec<&Example>)> = Vec::new();
    for e in examples.iter().filter(|e| e.split == split) {
        match by_set.iter_mut().find(|(s, _)| *s == e.set) {
            Some((_, v)) => v.push(e),
            None => by_set.push((e.set, vec![e])),
        }
    }
    by_set
        .into_iter()
        .flat_map(|(_, v)| {
            let step = v.len().div_ceil(cap).max(1);
            v.into_iter().step_by(step).collect::<Vec<_>>()
        })
        .collect()
}

/// Trains the embedding and stack heads; `fast` is the already trained fast tier.
fn train(
    examples: &[Example],
    encoder: &dyn Encoder,
    fast: &Analyzer,
    cache: &mut Cache,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ModelSet> {
    let train = sample(examples, Split::Train, TRAIN_PER_SET);
    let calib = sample(examples, Split::Calibrate, CALIBRATE_PER_SET);
    let texts: Vec<&str> = train
        .iter()
        .chain(&calib)
        .map(|e| e.text.as_str())
        .collect();
    let vectors = cache.embed_all(encoder, &texts, progress);
    let (train_v, calib_v) = vectors.split_at(train.len());
    let labels = |set: &[&Example]| set.iter().map(|e| e.labels).collect::<Vec<_>>();
    let weights: Vec<[f32; col::COUNT]> = train.iter().map(|e| [e.weight; col::COUNT]).collect();
    let rows: Vec<Row> = train_v.iter().map(|v| dense_row(v)).collect();
    let mut head = sgd::train(&rows, &labels(&train), &weights, encoder.dim(), CONFIG);
    let calib_labels = labels(&calib);
    let emb_z: Vec<Vec<f32>> = calib_v.iter().map(|v| head.logits_dense(v)).collect();
    calibrate::fit(&mut head, &emb_z, &calib_labels);
    // The stack learns, per column, how much to trust each tier, from held-out rows.
    let stack_rows: Vec<Row> = calib
        .iter()
        .zip(&emb_z)
        .map(|(e, ez)| {
            let f = fast.fast_scores(&e.text);
            let h = head.calibrate(ez);
            let mut row = Row::default();
            for c in 0..col::COUNT {
                row.index.push(0);
                row.value.push(f[c]);
                row.index.push(1);
                row.value.push(h[c]);
            }
            row
        })
        .collect();
    let stack = train_stack(&stack_rows, &calib_labels);
    let mut set = ModelSet {
        version: String::new(),
        heads: vec![
            (col::EMBED_HEAD.to_string(), head),
            (col::STACK_HEAD.to_string(), stack),
        ],
    };
    set.version = crate::version_tag("embed", &set.to_bytes());
    Ok(set)
}

/// Trains both tiers, the fast one twice: first from the labels alone, then, once an embedding
/// tier has been trained on top of it, with that tier's scores as a teacher for the columns a
/// data set does not label (see [`fast::train_examples`]). Returns the fast and embedding sets.
pub fn train_both(
    examples: &[Example],
    encoder: &dyn Encoder,
    cache: &mut Cache,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(ModelSet, ModelSet)> {
    let (first, _) = fast::train_examples(examples, None);
    let first_analyzer = Analyzer::from_models(&first)?;
    let teacher_set = train(examples, encoder, &first_analyzer, cache, progress)?;
    let head = teacher_set
        .head(col::EMBED_HEAD)
        .context("embedding head")?;
    let stack = teacher_set.head(col::STACK_HEAD).context("stack head")?;
    let texts = fast::training_texts(examples);
    let vectors = cache.embed_all(encoder, &texts, progress);
    let teacher: Vec<Vec<f32>> = texts
        .par_iter()
        .zip(&vectors)
        .map(|(t, v)| blend(head, stack, &first_analyzer.fast_scores(t), v))
        .collect();
    let (fast_set, _) = fast::train_examples(examples, Some(&teacher));
    let embed_set = train(
        examples,
        encoder,
        &Analyzer::from_models(&fast_set)?,
        cache,
        progress,
    )?;
    Ok((fast_set, embed_set))
}

/// Every text [`train_both`] embeds: the training rows, then the calibration sample.
pub fn texts_to_embed(examples: &[Example]) -> Vec<&str> {
    let mut texts = fast::training_texts(examples);
    texts.extend(
        sample(examples, Split::Calibrate, CALIBRATE_PER_SET)
            .iter()
            .map(|e| e.text.as_str()),
    );
    texts
}

/// The rows the encoder's top layers are tuned on: up to [`TUNE_PER_SET`] of each set.
pub fn tuning_rows(examples: &[Example]) -> Vec<&Example> {
    sample(examples, Split::Train, TUNE_PER_SET)
}

/// A per-column blend `b + w0 * fast + w1 * embedding`, fitted by gradient descent and then calibrated.
fn train_stack(rows: &[Row], labels: &[[f32; col::COUNT]]) -> Head {
    let mut stack = Head::new(2, col::COUNT);
    for c in 0..col::COUNT {
        stack.weights[c] = 0.5;
        stack.weights[col::COUNT + c] = 0.5;
    }
    let z_of = |stack: &Head, r: &Row| -> Vec<f32> {
        (0..col::COUNT)
            .map(|c| {
                stack.bias[c]
                    + stack.weight(0, c) * r.value[2 * c]
                    + stack.weight(1, c) * r.value[2 * c + 1]
            })
            .collect()
    };
    let n = rows.len().max(1) as f32;
    let mut g = [0f32; col::COUNT];
    for _ in 0..300 {
        let mut grad = [0f32; 3 * col::COUNT];
        for (r, l) in rows.iter().zip(labels) {
            sgd::gradient(&z_of(&stack, r), l, &mut g);
            for c in 0..col::COUNT {
                grad[c] += g[c] * r.value[2 * c];
                grad[col::COUNT + c] += g[c] * r.value[2 * c + 1];
                grad[2 * col::COUNT + c] += g[c];
            }
        }
        for c in 0..col::COUNT {
            stack.weights[c] -= 0.5 * grad[c] / n;
            stack.weights[col::COUNT + c] -= 0.5 * grad[col::COUNT + c] / n;
            stack.bias[c] -= 0.5 * grad[2 * col::COUNT + c] / n;
        }
    }
    let z: Vec<Vec<f32>> = rows.iter().map(|r| z_of(&stack, r)).collect();
    calibrate::fit(&mut stack, &z, labels);
    stack
}
