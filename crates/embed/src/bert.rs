//! The BERT encoder that all-MiniLM-L6-v2 is: its configuration, its embeddings, and the stack
//! of [`BertLayer`]s below the tuned ones.
//!
//! Written here, on candle's tensors, so that the product compiles no crate of a hundred models
//! to run one. The embeddings add a word's, its position's and the single token type's vectors
//! and normalise them, as BERT does; every layer is a [`BertLayer`], the same code the tuned top
//! layers run.

use std::ops::Range;

use candle_core::{Result, Tensor};
use candle_nn::VarBuilder;
use serde::Deserialize;

use crate::layer::BertLayer;

/// The activation inside each layer's feed-forward part, as `config.json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum HiddenAct {
    #[serde(rename = "gelu")]
    Gelu,
    #[serde(
        rename = "gelu_new",
        alias = "gelu_pytorch_tanh",
        alias = "geluapproximate"
    )]
    GeluApproximate,
    #[serde(rename = "relu")]
    Relu,
}

/// What the encoder needs of a BERT `config.json` (other fields are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub hidden_act: HiddenAct,
    pub max_position_embeddings: usize,
    pub type_vocab_size: usize,
    pub layer_norm_eps: f64,
    pub model_type: Option<String>,
}

impl Config {
    /// Where a checkpoint may keep its part `part` ("embeddings", "encoder.layer.3"): at the
    /// top, under "bert.", or under the model type's name.
    pub fn prefixes(&self, part: &str) -> Vec<String> {
        let mut names = vec![part.to_string(), format!("bert.{part}")];
        if let Some(model_type) = &self.model_type {
            names.push(format!("{model_type}.{part}"));
        }
        names
    }
}

/// The input embeddings: word, position and token type, summed and normalised.
struct Embeddings {
    words: Tensor,
    positions: Tensor,
    /// The vector of token type 0, the only type a single text has.
    token_type: Tensor,
    norm_weight: Tensor,
    norm_bias: Tensor,
    eps: f32,
}

impl Embeddings {
    fn load(vb: &VarBuilder, c: &Config) -> Result<Self> {
        let table = |name: &str, rows: usize| vb.pp(name).get((rows, c.hidden_size), "weight");
        let norm = vb.pp("LayerNorm");
        Ok(Self {
            words: table("word_embeddings", c.vocab_size)?,
            positions: table("position_embeddings", c.max_position_embeddings)?,
            token_type: table("token_type_embeddings", c.type_vocab_size)?.get(0)?,
            norm_weight: norm.get(c.hidden_size, "weight")?,
            norm_bias: norm.get(c.hidden_size, "bias")?,
            eps: c.layer_norm_eps as f32,
        })
    }

    /// Token ids (texts x tokens) to their input states (texts x tokens x hidden).
    fn forward(&self, ids: &Tensor) -> Result<Tensor> {
        let (texts, tokens) = ids.dims2()?;
        let words =
            self.words
                .index_select(&ids.flatten_all()?, 0)?
                .reshape((texts, tokens, ()))?;
        let summed = words
            .broadcast_add(&self.token_type)?
            .broadcast_add(&self.positions.narrow(0, 0, tokens)?)?;
        candle_nn::ops::layer_norm(&summed, &self.norm_weight, &self.norm_bias, self.eps)
    }
}

/// The embeddings and a run of the encoder's layers, lowest first.
pub struct Bert {
    embeddings: Embeddings,
    layers: Vec<BertLayer>,
}

impl Bert {
    /// The embeddings and the layers numbered `layers` from the weights in `vb`.
    pub fn load(vb: &VarBuilder, config: &Config, layers: Range<usize>) -> Result<Self> {
        let embeddings = first_ok(config.prefixes("embeddings"), |p| {
            Embeddings::load(&vb.pp(p), config)
        })?;
        let layers = layers
            .map(|n| layer(vb, config, n))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self { embeddings, layers })
    }

    /// The states the layers hand up for token ids (texts x tokens) and their mask (1 for a
    /// real token, 0 for padding).
    pub fn forward(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let mut states = self.embeddings.forward(ids)?;
        for layer in &self.layers {
            states = layer.forward(&states, mask)?;
        }
        Ok(states)
    }
}

/// The encoder's layer number `n` from the weights in `vb`.
pub fn layer(vb: &VarBuilder, config: &Config, n: usize) -> Result<BertLayer> {
    first_ok(config.prefixes(&format!("encoder.layer.{n}")), |p| {
        BertLayer::load(&vb.pp(p), config)
    })
}

/// The first of `prefixes` under which `load` succeeds, or the error of the first.
fn first_ok<T>(prefixes: Vec<String>, load: impl Fn(&str) -> Result<T>) -> Result<T> {
    let mut first_error = None;
    for p in &prefixes {
        match load(p) {
            Ok(found) => return Ok(found),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| candle_core::Error::Msg("no place to look".into())))
}
