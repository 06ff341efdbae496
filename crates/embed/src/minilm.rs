//! all-MiniLM-L6-v2 as a [`defuse_core::Encoder`]: tokenise, run BERT, mean-pool, normalise.
//!
//! The shipped `tokenizer.json` pads every text to 128 tokens and cuts at 128. Pooling over that
//! fixed padding would average in 100-odd pad positions, so [`MiniLm::load`] turns padding off and
//! pads each batch itself, only up to the longest text of that batch, with a mask that pooling
//! honours. Texts are sorted by length before batching so that short ones are not padded to the
//! length of a long neighbour.

use std::fs;
use std::path::Path;

use candle_core::{Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config, DTYPE};
use defuse_core::Encoder;
use tokenizers::{Encoding, Tokenizer, TruncationParams};

use crate::EmbedError;
use crate::pooling::{l2_normalise, mean_pool};

/// Longest input in tokens, `[CLS]` and `[SEP]` included; the rest of a longer text is cut off.
pub const MAX_TOKENS: usize = 256;

/// Most texts run through the model in one forward pass.
const MAX_BATCH: usize = 64;

/// Most padded tokens (texts x longest length) in one forward pass; bounds the attention memory.
const MAX_BATCH_TOKENS: usize = 4096;

/// Texts up to this many tokens batch together whatever their lengths: padding them is cheap.
const SHORT_TEXT: usize = 16;

/// A loaded sentence-embedding model: BERT weights plus their WordPiece tokenizer.
pub struct MiniLm {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    pad_id: u32,
}

impl MiniLm {
    /// Loads `model.safetensors`, `tokenizer.json` and `config.json` from `dir`.
    ///
    /// Works for any BERT-style model with those three files (the tests use a tiny random one).
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
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
        let weights = fs::read(&weights_path).map_err(EmbedError::io("reading", &weights_path))?;
        let model = VarBuilder::from_buffered_safetensors(weights, DTYPE, &device)
            .and_then(|vb| BertModel::load(vb, &config))
            .map_err(|source| EmbedError::Weights {
                path: weights_path,
                source,
            })?;

        let max_tokens = MAX_TOKENS.min(config.max_position_embeddings);
        let (tokenizer, pad_id) = load_tokenizer(&dir.join("tokenizer.json"), max_tokens)?;
        Ok(Self {
            model,
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
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| EmbedError::Tokenize(e.to_string()))?;
        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&i| encodings[i].len());

        let mut vectors = vec![Vec::new(); encodings.len()];
        for batch in batches(&order, |i| encodings[i].len()) {
            let batch_encodings: Vec<&Encoding> = batch.iter().map(|&i| &encodings[i]).collect();
            for (&i, vector) in batch.iter().zip(self.forward(&batch_encodings)?) {
                vectors[i] = vector;
            }
        }
        Ok(vectors)
    }

    /// One forward pass over texts padded to the longest of them.
    fn forward(&self, encodings: &[&Encoding]) -> Result<Vec<Vec<f32>>, EmbedError> {
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
        let token_types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &token_types, Some(&mask))?;
        let pooled = l2_normalise(&mean_pool(&hidden, &mask)?)?;
        Ok(pooled.to_vec2::<f32>()?)
    }
}

impl Encoder for MiniLm {
    fn dim(&self) -> usize {
        self.dim
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_batch(&[text])
            .pop()
            .unwrap_or_else(|| vec![0.0; self.dim])
    }

    /// Zero vectors for every text if the model fails; such a vector is similar to nothing.
    fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.try_embed_batch(texts)
            .unwrap_or_else(|_| vec![vec![0.0; self.dim]; texts.len()])
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
        // 4096 / 256 = 16 texts of the longest width fit in one pass.
        assert_eq!(sizes(&[256; 20]), vec![16, 4]);
        // Short texts go together; a text over twice the shortest starts a new pass.
        assert_eq!(sizes(&[3, 8, 16, 32, 33, 64, 67, 200]), vec![4, 2, 1, 1]);
    }
}
