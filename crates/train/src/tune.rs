//! Fine-tunes the encoder's top layers on the labelled rows, every column at once.
//!
//! A frozen sentence encoder caps what a linear head over its vectors can learn: its vectors
//! were made for similarity, not for telling an insult from banter. Tuning the top
//! [`defuse_embed::TUNED_LAYERS`] of its six layers lets the vectors move toward our columns at a
//! fraction of the cost of tuning them all. The lower layers are run once per text and their
//! states kept ([`States`]); each step then runs only the top layers, mean-pools, scores every
//! column with a throwaway linear head and takes the gradient of the same loss [`sgd`] uses.
//! The tuned layers ship in `crates/embed/models/`; the embedding tier's real head is trained
//! afterwards, as before, on vectors from the tuned encoder.

use anyhow::{Context, Result};
use candle_core::{DType, Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use defuse_core::Encoder;
use defuse_core::model::{ModelSet, columns as col};
use defuse_embed::{BertLayer, MiniLm};
use std::collections::HashMap;
use std::path::Path;

use crate::data::Example;
use crate::embedded::{self, Cache};
use crate::sgd::{self, Rng};

/// Gets (what is being done, done, total).
pub type Progress<'a> = &'a mut dyn FnMut(&str, usize, usize);

/// What [`train_tuned`] returns: the tuned top layers, the fast set and the embedding set.
pub struct Tuned {
    pub top: Vec<BertLayer>,
    /// Names the layers tuning started from; saved with `top`.
    pub base_fingerprint: Vec<u8>,
    pub fast: ModelSet,
    pub embed: ModelSet,
}

/// Tunes `model`'s top layers, then trains both tiers over the tuned encoder (see
/// [`embedded::train_both`]). `states` holds lower-layer states from earlier runs and gains the
/// ones this run computes.
pub fn train_tuned(
    examples: &[Example],
    model: MiniLm,
    states: &mut States,
    progress: Progress,
) -> Result<Tuned> {
    let texts = embedded::texts_to_embed(examples);
    states.fill(&model, &texts, &mut |d, t| progress("lower layers", d, t))?;
    let rows = embedded::tuning_rows(examples);
    let row_states: Vec<Tensor> = rows
        .iter()
        .map(|e| states.get(&e.text))
        .collect::<Result<_>>()?;
    let top = tune(
        &rows,
        &row_states,
        model.base_top().0,
        model.hidden_size(),
        CONFIG,
        &mut |d, t| progress("tuning the top layers", d, t),
    )?;
    let base_fingerprint = model.base_top().1.to_vec();
    let model = model.with_top(top.clone());
    let encoder = FromStates {
        model: &model,
        states,
    };
    let mut cache = Cache::default();
    let (fast, embed) = embedded::train_both(examples, &encoder, &mut cache, &mut |d, t| {
        progress("embedding training texts", d, t)
    })?;
    Ok(Tuned {
        top,
        base_fingerprint,
        fast,
        embed,
    })
}

/// The tuned encoder, fed from kept lower-layer states where it has them: only the top layers run.
struct FromStates<'a> {
    model: &'a MiniLm,
    states: &'a States,
}

impl Encoder for FromStates<'_> {
    fn dim(&self) -> usize {
        self.model.dim()
    }

    fn similarity_range(&self) -> std::ops::Range<usize> {
        self.model.similarity_range()
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_batch(&[text]).pop().unwrap_or_default()
    }

    fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let kept: Option<Vec<&Tensor>> = texts
            .iter()
            .map(|t| self.states.by_text.get(&key(t)))
            .collect();
        match kept.map(|s| self.model.embed_states(&s)) {
            Some(Ok(vectors)) => vectors,
            _ => self.model.embed_batch(texts),
        }
    }
}

/// The schedule of a tuning run.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub epochs: usize,
    /// Texts per step.
    pub batch: usize,
    /// Peak learning rate of the layers; the head learns [`HEAD_LR_FACTOR`] times faster.
    pub learning_rate: f64,
    pub seed: u64,
}

pub const CONFIG: Config = Config {
    epochs: 2,
    batch: 32,
    learning_rate: 1e-4,
    seed: 20_261_125,
};

/// The head starts from zero and must keep up with layers that start from good weights.
const HEAD_LR_FACTOR: f64 = 30.0;

/// Steps over which the learning rate climbs from zero to its peak; it then falls linearly to zero.
const WARMUP_STEPS: usize = 100;

/// Lower-layer token states by text, kept between runs in a file (f16, a few KB a text).
pub struct States {
    by_text: HashMap<u64, Tensor>,
}

impl States {
    /// Loads the states saved at `path`; none when the file is missing or unreadable.
    pub fn load(path: &Path) -> States {
        let by_text = candle_core::safetensors::load(path, &Device::Cpu)
            .map(|m| {
                m.into_iter()
                    .filter_map(|(k, v)| Some((u64::from_str_radix(&k, 16).ok()?, v)))
                    .collect()
            })
            .unwrap_or_default();
        States { by_text }
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let named: HashMap<String, Tensor> = self
            .by_text
            .iter()
            .map(|(k, v)| (format!("{k:016x}"), v.clone()))
            .collect();
        candle_core::safetensors::save(&named, path)
            .with_context(|| format!("writing {}", path.display()))
    }

    /// Computes the states of every text in `texts` not kept yet; `progress` gets (done, total)
    /// over those.
    pub fn fill(
        &mut self,
        model: &MiniLm,
        texts: &[&str],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        let mut missing: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| !self.by_text.contains_key(&key(t)))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let mut done = 0;
        for chunk in missing.chunks(256) {
            for (t, s) in chunk.iter().zip(model.lower_states(chunk)?) {
                self.by_text.insert(key(t), s);
            }
            done += chunk.len();
            progress(done, missing.len());
        }
        Ok(())
    }

    fn get(&self, text: &str) -> Result<Tensor> {
        self.by_text
            .get(&key(text))
            .cloned()
            .context("a text's lower-layer states were not computed")
    }
}

fn key(text: &str) -> u64 {
    crate::fnv1a(text.as_bytes())
}

/// Tunes `base` (top layers, lowest first) on `examples`, whose lower-layer states are `states`
/// (same order). `progress` gets (steps done, steps in all).
pub fn tune(
    examples: &[&Example],
    states: &[Tensor],
    base: &[BertLayer],
    dim: usize,
    cfg: Config,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<BertLayer>> {
    let (layers, layer_vars) = BertLayer::trainable_stack(base)?;
    let w = Var::zeros((dim, col::COUNT), DType::F32, &Device::Cpu)?;
    let b = Var::zeros(col::COUNT, DType::F32, &Device::Cpu)?;
    let params = |lr| ParamsAdamW {
        lr,
        weight_decay: 0.01,
        ..ParamsAdamW::default()
    };
    let mut layer_opt = AdamW::new(layer_vars, params(0.0))?;
    let mut head_opt = AdamW::new(vec![w.clone(), b.clone()], params(0.0))?;

    let batches = batches(examples, states, cfg);
    let total = batches.len() * cfg.epochs;
    let mut g = [0f32; col::COUNT];
    for step in 0..total {
        let batch = &batches[step % batches.len()];
        let lr = cfg.learning_rate * schedule(step, total);
        layer_opt.set_learning_rate(lr);
        head_opt.set_learning_rate(lr * HEAD_LR_FACTOR);

        let refs: Vec<&Tensor> = batch.iter().map(|&i| &states[i]).collect();
        let pooled = MiniLm::pool(&layers, &refs)?;
        let z = pooled.matmul(w.as_tensor())?.broadcast_add(b.as_tensor())?;
        // The loss's gradient with respect to the scores, from the same code the linear heads
        // learn with; the sum of scores times those constants has that very gradient.
        let mut dz = Vec::with_capacity(batch.len() * col::COUNT);
        for (&i, zi) in batch.iter().zip(z.to_vec2::<f32>()?) {
            sgd::gradient(&zi, &examples[i].labels, &mut g);
            dz.extend(
                g.iter()
                    .map(|x| x * examples[i].weight / batch.len() as f32),
            );
        }
        let dz = Tensor::from_vec(dz, (batch.len(), col::COUNT), &Device::Cpu)?;
        let grads = (z * dz)?.sum_all()?.backward()?;
        layer_opt.step(&grads)?;
        head_opt.step(&grads)?;
        progress(step + 1, total);
    }
    Ok(layers)
}

/// Linear warm-up to 1, then linear decay to 0 at `total`.
fn schedule(step: usize, total: usize) -> f64 {
    let warm = (step + 1) as f64 / WARMUP_STEPS as f64;
    let left = (total - step) as f64 / total.max(1) as f64;
    warm.min(1.0).min(left)
}

/// Seeded batches of example indices; each batch holds texts of similar length, so little of
/// a step is padding, and batches come in shuffled order.
fn batches(examples: &[&Example], states: &[Tensor], cfg: Config) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    rng.shuffle(&mut order);
    let mut out: Vec<Vec<usize>> = Vec::new();
    for window in order.chunks_mut(cfg.batch * 50) {
        window.sort_by_key(|&i| states[i].dim(0).unwrap_or(0));
        out.extend(window.chunks(cfg.batch).map(<[usize]>::to_vec));
    }
    rng.shuffle(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_warms_up_then_decays_to_zero() {
        assert!(schedule(0, 1000) < 0.02);
        // At the end of the warm-up the rate is at its peak, less what the decay has taken.
        assert!(schedule(WARMUP_STEPS - 1, 1_000_000) > 0.999);
        assert!(schedule(WARMUP_STEPS / 2, 1_000_000) < 0.52);
        assert!(schedule(999, 1000) <= 0.001 + f64::EPSILON);
        assert!(schedule(500, 1000) > schedule(800, 1000));
    }
}
