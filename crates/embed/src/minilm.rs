//! all-MiniLM-L6-v2 as a [`defuse_core::Encoder`]: tokenise, run BERT, mean-pool, normalise.
//!
//! The lower layers run as the model shipped them ([`Bert`]); the top [`TUNED_LAYERS`] run with
//! the tuned weights shipped in `crates/embed/models/` when they were tuned from this very model
//! (their file names the model's own top layers by a fingerprint), else with the model's own.
//! A vector is two halves: the top layers' sentence vector, which tuning shapes, and the mean
//! of the states the lower layers hand up, which no tuning moves and which root causes compare
//! with their descriptions.
//!
//! The shipped `tokenizer.json` pads every text to 128 tokens and cuts at 128. Pooling over that
//! fixed padding would average in 100-odd pad positions, so [`MiniLm::load`] turns padding off and
//! pads each batch itself, only up to the longest text of that batch, with a mask that pooling
//! honours. Texts are sorted by length before batching so that short ones are not padded to the
//! length of a long neighbour.

use std::fs;
use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use defuse_core::Encoder;
use sha2::{Digest, Sha256};
use tokenizers::{Encoding, Tokenizer, TruncationParams};

use crate::EmbedError;
use crate::bert::{self, Bert, Config};
use crate::layer::BertLayer;
use crate::pooling::{l2_normalise, mean_pool};
use crate::weights;

/// The top layers as `defuse train --embeddings` tuned them, with the fingerprint of the layers
/// they started from under [`FINGERPRINT`].
const SHIPPED_TOP: &[u8] = include_bytes!("../models/top-layers.safetensors");

/// Name of the tensor in a tuned-layer file that holds the fingerprint of the layers it was tuned from.
const FINGERPRINT: &str = "base_fingerprint";

/// How many of the encoder's top layers are tuned (all of them in a model with fewer).
pub const TUNED_LAYERS: usize = 2;

/// Longest input in tokens, `[CLS]` and `[SEP]` included; the rest of a longer text is cut off.
pub const MAX_TOKENS: usize = 256;

/// Most texts run through the model in one forward pass.
const MAX_BATCH: usize = 64;

/// Most padded tokens (texts x longest length) in one forward pass; bounds the attention memory.
const MAX_BATCH_TOKENS: usize = 2048;

/// Texts up to this many tokens batch together whatever their lengths: padding them is cheap.
const SHORT_TEXT: usize = 16;

/// A loaded sentence-embedding model: BERT weights plus their WordPiece tokenizer.
pub struct MiniLm {
    /// The embeddings and every layer below the tuned ones.
    lower: Bert,
    lower_layers: usize,
    /// The top layers, lowest first: the tuned ones when they fit, else the model's own.
    top: Vec<BertLayer>,
    /// The model's own top layers and their fingerprint, where tuning starts from.
    base_top: Vec<BertLayer>,
    base_fingerprint: Vec<u8>,
    tuned: bool,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    pad_id: u32,
}

impl MiniLm {
    /// Loads `model.safetensors`, `tokenizer.json` and `config.json` from `dir`, with the shipped
    /// tuned top layers when they were tuned from this model's own.
    ///
    /// Works for any BERT-style model with those three files (the tests use a tiny random one).
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        Self::load_tuned(dir, SHIPPED_TOP)
    }

    /// [`MiniLm::load`] with the tuned-layer file `top` (as [`save_top`] writes it) in place of
    /// the shipped one; a `top` tuned from other layers is ignored.
    pub fn load_tuned(dir: &Path, top: &[u8]) -> Result<Self, EmbedError> {
        let device = Device::Cpu;
        let config_path = dir.join("config.json");
        let config_text =
            fs::read_to_string(&config_path).map_err(EmbedError::io("reading", &config_path))?;
        let config: Config =
            serde_json::from_str(&config_text).map_err(|source| EmbedError::Config {
                path: config_path.clone(),
                source,
            })?;

        let weights_path = dir.join("model.safetensors");
        let weights_error = |source| EmbedError::Weights {
            path: weights_path.clone(),
            source,
        };
        let tensors = weights::read(&weights_path, &device).map_err(weights_error)?;
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
        let lower_layers = config.num_hidden_layers.saturating_sub(TUNED_LAYERS);
        let lower = Bert::load(&vb, &config, 0..lower_layers).map_err(weights_error)?;
        let base_top = (lower_layers..config.num_hidden_layers)
            .map(|n| bert::layer(&vb, &config, n))
            .collect::<Result<Vec<_>, _>>()
            .map_err(weights_error)?;
        let base_fingerprint = fingerprint(&base_top)?;
        let (top, tuned) = match tuned_top(top, &base_fingerprint, base_top.len(), &config) {
            Some(top) => (top, true),
            None => (base_top.clone(), false),
        };

        let max_tokens = MAX_TOKENS.min(config.max_position_embeddings);
        let (tokenizer, pad_id) = load_tokenizer(&dir.join("tokenizer.json"), max_tokens)?;
        Ok(Self {
            lower,
            lower_layers,
            top,
            base_top,
            base_fingerprint,
            tuned,
            tokenizer,
            device,
            dim: config.hidden_size,
            pad_id,
        })
    }

    /// Embeds `texts`, in their order, or says why it could not.
    ///
    /// [`Encoder::embed_batch`] calls this and turns an error into zero vectors.
    pub fn try_embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        self.in_batches(texts, |encodings| {
            let (hidden, mask) = self.lower_forward(encodings)?;
            Ok(self.both_halves(&hidden, &mask)?)
        })
    }

    /// The token states that enter the top layers, one `tokens x dim` tensor (f16, to halve the
    /// memory a training run holds) per text, in order. [`MiniLm::pool`] finishes the job.
    pub fn lower_states(&self, texts: &[&str]) -> Result<Vec<Tensor>, EmbedError> {
        self.in_batches(texts, |encodings| {
            let (hidden, _) = self.lower_forward(encodings)?;
            let hidden = hidden.to_dtype(DType::F16)?;
            let states = encodings
                .iter()
                .enumerate()
                .map(|(k, e)| hidden.get(k)?.narrow(0, 0, e.len())?.contiguous())
                .collect::<candle_core::Result<Vec<_>>>()?;
            Ok(states)
        })
    }

    /// What [`Encoder::embed_batch`] gives, from states that [`MiniLm::lower_states`] returned.
    pub fn embed_states(&self, states: &[&Tensor]) -> candle_core::Result<Vec<Vec<f32>>> {
        let (hidden, mask) = pad(states)?;
        self.both_halves(&hidden, &mask)
    }

    /// The top layers' sentence vectors beside the mean of the states they start from.
    fn both_halves(&self, hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Vec<Vec<f32>>> {
        let tuned = pool(&self.top, hidden, mask)?;
        let meaning = l2_normalise(&mean_pool(hidden, mask)?)?;
        Tensor::cat(&[tuned, meaning], 1)?.to_vec2::<f32>()
    }

    /// Sentence vectors (texts x hidden size) from states that [`MiniLm::lower_states`]
    /// returned, run through `top` (lowest layer first); differentiable, so a trainer can tune
    /// `top` through it.
    pub fn pool(top: &[BertLayer], states: &[&Tensor]) -> candle_core::Result<Tensor> {
        let (hidden, mask) = pad(states)?;
        pool(top, &hidden, &mask)
    }

    /// The hidden size: how wide each of the two halves of a vector is.
    pub fn hidden_size(&self) -> usize {
        self.dim
    }

    /// How many layers run below the top ones: the depth of [`MiniLm::lower_states`].
    pub fn lower_layers(&self) -> usize {
        self.lower_layers
    }

    /// The model's own top layers, where tuning starts, and their fingerprint.
    pub fn base_top(&self) -> (&[BertLayer], &[u8]) {
        (&self.base_top, &self.base_fingerprint)
    }

    /// Whether the top layers run with the shipped tuned weights.
    pub fn is_tuned(&self) -> bool {
        self.tuned
    }

    /// The same model with `top` as its top layers.
    pub fn with_top(self, top: Vec<BertLayer>) -> Self {
        Self {
            top,
            tuned: true,
            ..self
        }
    }

    /// Tokenises `texts` and runs `run` on length-sorted batches; returns its outputs in input order.
    fn in_batches<T>(
        &self,
        texts: &[&str],
        mut run: impl FnMut(&[&Encoding]) -> Result<Vec<T>, EmbedError>,
    ) -> Result<Vec<T>, EmbedError> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| EmbedError::Tokenize(e.to_string()))?;
        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&i| encodings[i].len());

        let mut out: Vec<Option<T>> = std::iter::repeat_with(|| None)
            .take(encodings.len())
            .collect();
        for batch in batches(&order, |i| encodings[i].len()) {
            let batch_encodings: Vec<&Encoding> = batch.iter().map(|&i| &encodings[i]).collect();
            for (&i, item) in batch.iter().zip(run(&batch_encodings)?) {
                out[i] = Some(item);
            }
        }
        // The batches cover every index once, so every slot is filled.
        Ok(out.into_iter().flatten().collect())
    }

    /// Every layer below the top ones over texts padded to the longest of them: (states, mask).
    fn lower_forward(&self, encodings: &[&Encoding]) -> Result<(Tensor, Tensor), EmbedError> {
        let width = encodings.iter().map(|e| e.len()).max().unwrap_or(0);
        let mut ids = Vec::with_capacity(encodings.len() * width);
        let mut mask = Vec::with_capacity(encodings.len() * width);
        for encoding in encodings {
            let real = encoding.get_ids();
            ids.extend_from_slice(real);
            ids.resize(ids.len() + width - real.len(), self.pad_id);
            mask.extend(std::iter::repeat_n(1u32, real.len()));
            mask.resize(mask.len() + width - real.len(), 0);
        }
        let shape = (encodings.len(), width);
        let ids = Tensor::from_vec(ids, shape, &self.device)?;
        let mask = Tensor::from_vec(mask, shape, &self.device)?;
        let hidden = self.lower.forward(&ids, &mask)?;
        Ok((hidden, mask))
    }
}

/// Stacks states of different lengths into one zero-padded batch: (states, mask).
fn pad(states: &[&Tensor]) -> candle_core::Result<(Tensor, Tensor)> {
    let width = states.iter().map(|s| s.dims()[0]).max().unwrap_or(0);
    let device = states.first().map_or(Device::Cpu, |s| s.device().clone());
    let mut padded = Vec::with_capacity(states.len());
    let mut mask = Vec::with_capacity(states.len() * width);
    for s in states {
        let (len, dim) = s.dims2()?;
        let s = s.to_dtype(DType::F32)?;
        padded.push(if len < width {
            Tensor::cat(
                &[&s, &Tensor::zeros((width - len, dim), DType::F32, &device)?],
                0,
            )?
        } else {
            s
        });
        mask.extend(std::iter::repeat_n(1u32, len));
        mask.resize(mask.len() + width - len, 0);
    }
    let hidden = Tensor::stack(&padded, 0)?;
    let mask = Tensor::from_vec(mask, (states.len(), width), &device)?;
    Ok((hidden, mask))
}

/// The top layers, then the masked mean, then unit length.
fn pool(top: &[BertLayer], hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let mut states = hidden.clone();
    for layer in top {
        states = layer.forward(&states, mask)?;
    }
    l2_normalise(&mean_pool(&states, mask)?)
}

/// The tensors of a stack of top layers, each name led by `layer.K.`, lowest layer first.
fn stack_tensors(top: &[BertLayer]) -> impl Iterator<Item = (String, Tensor)> + '_ {
    top.iter().enumerate().flat_map(|(k, layer)| {
        layer
            .tensors()
            .into_iter()
            .map(move |(name, t)| (format!("layer.{k}.{name}"), t))
    })
}

/// sha256 over the layers' weights, in name order: names the layers tuned ones started from.
fn fingerprint(top: &[BertLayer]) -> Result<Vec<u8>, EmbedError> {
    let mut hash = Sha256::new();
    for (name, tensor) in stack_tensors(top) {
        hash.update(name.as_bytes());
        for x in tensor
            .flatten_all()?
            .to_dtype(DType::F32)?
            .to_vec1::<f32>()?
        {
            hash.update(x.to_le_bytes());
        }
    }
    Ok(hash.finalize().to_vec())
}

/// The `layers` tuned layers in `bytes`, if they were tuned from those whose fingerprint is `base`.
fn tuned_top(bytes: &[u8], base: &[u8], layers: usize, config: &Config) -> Option<Vec<BertLayer>> {
    let tensors = candle_core::safetensors::load_buffer(bytes, &Device::Cpu).ok()?;
    let stored = tensors.get(FINGERPRINT)?.to_vec1::<u8>().ok()?;
    if stored != base {
        return None;
    }
    let vb = VarBuilder::from_tensors(tensors, DType::F32, &Device::Cpu);
    (0..layers)
        .map(|k| BertLayer::load(&vb.pp(format!("layer.{k}")), config).ok())
        .collect()
}

/// Writes `top` as a tuned-layer file (weights in f16) that names `base_fingerprint` as its start.
pub fn save_top(top: &[BertLayer], base_fingerprint: &[u8], path: &Path) -> Result<(), EmbedError> {
    let mut tensors = std::collections::HashMap::new();
    for (name, tensor) in stack_tensors(top) {
        tensors.insert(name, tensor.to_dtype(DType::F16)?);
    }
    tensors.insert(
        FINGERPRINT.to_string(),
        Tensor::new(base_fingerprint, &Device::Cpu)?,
    );
    candle_core::safetensors::save(&tensors, path)?;
    Ok(())
}

/// A vector is the top layers' sentence vector, then the mean of the states below them: the
/// first half is what tuning shapes, the second keeps similarities that track meaning.
impl Encoder for MiniLm {
    fn dim(&self) -> usize {
        2 * self.dim
    }

    fn similarity_range(&self) -> std::ops::Range<usize> {
        self.dim..2 * self.dim
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_batch(&[text])
            .pop()
            .unwrap_or_else(|| vec![0.0; self.dim()])
    }

    /// Zero vectors for every text if the model fails; such a vector is similar to nothing.
    fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.try_embed_batch(texts)
            .unwrap_or_else(|_| vec![vec![0.0; self.dim()]; texts.len()])
    }
}

/// Reads the tokenizer, drops its fixed padding and caps its truncation at `max_tokens`.
/// Returns the pad id the file asked for, so batches pad with the same token.
fn load_tokenizer(path: &Path, max_tokens: usize) -> Result<(Tokenizer, u32), EmbedError> {
    let error = |message: String| EmbedError::Tokenizer {
        path: path.to_owned(),
        message,
    };
    let mut tokenizer = Tokenizer::from_file(path).map_err(|e| error(e.to_string()))?;
    let pad_id = tokenizer.get_padding().map_or(0, |p| p.pad_id);
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: max_tokens,
            ..TruncationParams::default()
        }))
        .map_err(|e| error(e.to_string()))?;
    Ok((tokenizer, pad_id))
}

/// Cuts length-sorted indices into runs for one forward pass each.
///
/// A run ends before it would exceed [`MAX_BATCH`] texts or [`MAX_BATCH_TOKENS`] padded tokens,
/// or before its longest text would be more than twice its shortest (at least [`SHORT_TEXT`]
/// tokens), which keeps the padding below half of what runs through the model.
fn batches(sorted: &[usize], len: impl Fn(usize) -> usize) -> Vec<&[usize]> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..sorted.len() {
        let count = end - start + 1;
        // Sorted ascending, so the newcomer is the longest and sets the padded width.
        let width = len(sorted[end]);
        let too_uneven = width > 2 * len(sorted[start]).max(SHORT_TEXT);
        if count > MAX_BATCH || count * width > MAX_BATCH_TOKENS || too_uneven {
            out.push(&sorted[start..end]);
            start = end;
        }
    }
    if start < sorted.len() {
        out.push(&sorted[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(lens: &[usize]) -> Vec<usize> {
        let order: Vec<usize> = (0..lens.len()).collect();
        batches(&order, |i| lens[i])
            .iter()
            .map(|b| b.len())
            .collect()
    }

    #[test]
    fn batches_split_on_count_and_on_padded_tokens() {
        assert_eq!(sizes(&[]), Vec::<usize>::new());
        assert_eq!(sizes(&[5; 10]), vec![10]);
        assert_eq!(sizes(&[5; 130]), vec![64, 64, 2]);
        // MAX_BATCH_TOKENS / 256 texts of the longest width fit in one pass.
        let per_pass = MAX_BATCH_TOKENS / 256;
        let expected: Vec<usize> = (0..20)
            .step_by(per_pass)
            .map(|s| per_pass.min(20 - s))
            .collect();
        assert!(expected.len() > 1);
        assert_eq!(sizes(&[256; 20]), expected);
        // Short texts go together; a text over twice the shortest starts a new pass.
        assert_eq!(sizes(&[3, 8, 16, 32, 33, 64, 67, 200]), vec![4, 2, 1, 1]);
    }
}
