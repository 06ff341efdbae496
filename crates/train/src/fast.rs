//! Trains the fast tier: one multi-column linear model over hashed n-gram features.

use anyhow::Result;
use defuse_core::analyze::featurize;
use defuse_core::features::DIM;
use defuse_core::model::{Head, ModelSet, columns as col, sigmoid, softmax};
use rayon::prelude::*;
use std::path::Path;

use crate::calibrate;
use crate::data::{self, Example, Split};
use crate::sgd::{self, Row};

pub const CONFIG: sgd::Config = sgd::Config {
    epochs: 6,
    learning_rate: 0.15,
    l2: 1e-7,
    seed: 20_261_125,
};

/// Counts of what a training run used.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub train_rows: usize,
    pub calibration_rows: usize,
    pub held_out_rows: usize,
}

/// Featurises `texts` in parallel, keeping their order.
pub fn rows(texts: &[&str]) -> Vec<Row> {
    texts
        .par_iter()
        .map(|t| {
            let f = featurize(t);
            Row {
                index: f.index,
                value: f.value,
            }
        })
        .collect()
}

/// Trains, calibrates and returns the fast model set from the data in `dir`.
pub fn train(dir: &Path) -> Result<(ModelSet, Summary)> {
    let examples = data::load_training(dir)?;
    Ok(train_examples(&examples, None))
}

/// How much a teacher's score counts, against a label a person gave.
const TEACHER_WEIGHT: f32 = 0.3;

/// Trains on already loaded examples. With a `teacher` (calibrated scores of a stronger model
/// for every training example, in order), each example also learns, at a lower weight, the
/// teacher's view of the columns its data set does not label: GoEmotions comments learn whether
/// they complain, customer tweets learn what they feel.
pub fn train_examples(examples: &[Example], teacher: Option<&[Vec<f32>]>) -> (ModelSet, Summary) {
    let pick = |split: Split| examples.iter().filter(move |e| e.split == split);
    let train: Vec<&Example> = pick(Split::Train).collect();
    let calib: Vec<&Example> = pick(Split::Calibrate).collect();
    let train_rows = rows(&train.iter().map(|e| e.text.as_str()).collect::<Vec<_>>());
    let mut labels: Vec<[f32; col::COUNT]> = train.iter().map(|e| e.labels).collect();
    let mut weights: Vec<[f32; col::COUNT]> =
        train.iter().map(|e| [e.weight; col::COUNT]).collect();
    if let Some(scores) = teacher {
        for ((l, w), z) in labels.iter_mut().zip(&mut weights).zip(scores) {
            fill_from_teacher(l, w, z);
        }
    }
    let mut head = sgd::train(&train_rows, &labels, &weights, DIM, CONFIG);
    calibrate_on(&mut head, &calib);
    let mut set = ModelSet {
        version: String::new(),
        heads: vec![(col::FAST_HEAD.to_string(), head)],
    };
    set.version = crate::version_tag("fast", &set.to_bytes());
    let summary = Summary {
        train_rows: train.len(),
        calibration_rows: calib.len(),
        held_out_rows: examples.iter().filter(|e| e.split == Split::Dev).count(),
    };
    (set, summary)
}

/// The examples `train_examples` trains on, in the order it expects a teacher's scores.
pub fn training_texts(examples: &[Example]) -> Vec<&str> {
    examples
        .iter()
        .filter(|e| e.split == Split::Train)
        .map(|e| e.text.as_str())
        .collect()
}

/// Puts the teacher's probabilities (from calibrated scores `z`) into the unlabelled columns.
fn fill_from_teacher(labels: &mut [f32; col::COUNT], weights: &mut [f32; col::COUNT], z: &[f32]) {
    let s = col::SENTIMENT;
    let sentiment = softmax(&z[s..s + 3]);
    for c in 0..col::COUNT {
        if !labels[c].is_nan() {
            continue;
        }
        labels[c] = if (s..s + 3).contains(&c) {
            sentiment[c - s]
        } else {
            sigmoid(z[c])
        };
        weights[c] *= TEACHER_WEIGHT;
    }
}

fn calibrate_on(head: &mut Head, calib: &[&Example]) {
    let calib_rows = rows(&calib.iter().map(|e| e.text.as_str()).collect::<Vec<_>>());
    let z: Vec<Vec<f32>> = calib_rows
        .iter()
        .map(|r| head.logits_sparse(&r.index, &r.value))
        .collect();
    let labels: Vec<[f32; col::COUNT]> = calib.iter().map(|e| e.labels).collect();
    calibrate::fit(head, &z, &labels);
}
