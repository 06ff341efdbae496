//! One transformer layer of the encoder, written out with differentiable operations so that the
//! top ones can be fine-tuned.
//!
//! candle's fused layer norm and softmax kernels are fast but have no backward pass. A
//! [`BertLayer`] made by [`BertLayer::trainable`] computes the same layer from plain tensor
//! operations, so gradients reach its weights; otherwise it uses the fused kernels.
//! [`crate::MiniLm`] runs every layer with this: the lower ones as the model shipped them, the
//! top ones either so or with the weights `defuse train --embeddings` tuned.

use std::collections::HashMap;

use crate::bert::{Config, HiddenAct};
use candle_core::{D, DType, Result, Tensor, Var};
use candle_nn::VarBuilder;

/// The layer's weights by name, relative to the layer (`attention.self.query.weight`, ...), as in
/// a BERT checkpoint under `encoder.layer.N`.
const LINEARS: [&str; 6] = [
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
];
const NORMS: [&str; 2] = ["attention.output.LayerNorm", "output.LayerNorm"];

/// One BERT layer whose forward pass has a backward pass.
#[derive(Clone)]
pub struct BertLayer {
    weights: HashMap<String, Tensor>,
    heads: usize,
    act: HiddenAct,
    eps: f64,
    /// Whether gradients must flow: then layer norm and softmax run as plain operations, else
    /// as candle's faster fused kernels.
    trainable: bool,
}

impl BertLayer {
    /// Loads the layer's weights from `vb`, which points at the layer (`encoder.layer.N`) or at a
    /// file of tuned weights saved by [`BertLayer::tensors`].
    pub fn load(vb: &VarBuilder, config: &Config) -> Result<Self> {
        let (h, i) = (config.hidden_size, config.intermediate_size);
        let mut weights = HashMap::new();
        for name in LINEARS {
            let (out, inp) = match name {
                "intermediate.dense" => (i, h),
                "output.dense" => (h, i),
                _ => (h, h),
            };
            let layer = vb.pp(name);
            weights.insert(format!("{name}.weight"), layer.get((out, inp), "weight")?);
            weights.insert(format!("{name}.bias"), layer.get(out, "bias")?);
        }
        for name in NORMS {
            let layer = vb.pp(name);
            weights.insert(format!("{name}.weight"), layer.get(h, "weight")?);
            weights.insert(format!("{name}.bias"), layer.get(h, "bias")?);
        }
        Ok(Self {
            weights,
            heads: config.num_attention_heads,
            act: config.hidden_act,
            eps: config.layer_norm_eps,
            trainable: false,
        })
    }

    /// The layer's weights by name, in a fixed order, for saving.
    pub fn tensors(&self) -> Vec<(String, Tensor)> {
        let mut named: Vec<(String, Tensor)> = self
            .weights
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        named
    }

    /// A copy of the layer whose weights are fresh variables, and those variables, for an optimiser.
    pub fn trainable(&self) -> Result<(Self, Vec<Var>)> {
        let mut vars = Vec::new();
        let mut weights = HashMap::new();
        for (name, tensor) in self.tensors() {
            let var = Var::from_tensor(&tensor.to_dtype(DType::F32)?)?;
            weights.insert(name, var.as_tensor().clone());
            vars.push(var);
        }
        Ok((
            Self {
                weights,
                trainable: true,
                ..self.clone()
            },
            vars,
        ))
    }

    /// Trainable copies of a stack of layers (lowest first), and all their variables.
    pub fn trainable_stack(layers: &[BertLayer]) -> Result<(Vec<Self>, Vec<Var>)> {
        let mut copies = Vec::with_capacity(layers.len());
        let mut vars = Vec::new();
        for layer in layers {
            let (copy, v) = layer.trainable()?;
            copies.push(copy);
            vars.extend(v);
        }
        Ok((copies, vars))
    }

    /// Runs the layer over `hidden` (texts x tokens x dim); `mask` (texts x tokens) is 1 for real
    /// tokens and 0 for padding, which no token attends to.
    pub fn forward(&self, hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let (texts, tokens, dim) = hidden.dims3()?;
        let head_dim = dim / self.heads;
        let split = |x: Tensor| {
            x.reshape((texts, tokens, self.heads, head_dim))?
                .transpose(1, 2)?
                .contiguous()
        };
        let q = split(self.linear(hidden, "attention.self.query")?)?;
        let k = split(self.linear(hidden, "attention.self.key")?)?;
        let v = split(self.linear(hidden, "attention.self.value")?)?;
        // Padding gets a large negative score, so softmax gives it no weight.
        let blocked =
            ((mask.to_dtype(DType::F32)? - 1.0)? * 10_000.0)?.reshape((texts, 1, 1, tokens))?;
        let scores = (q.matmul(&k.t()?)? / (head_dim as f64).sqrt())?.broadcast_add(&blocked)?;
        let probs = if self.trainable {
            candle_nn::ops::softmax(&scores, D::Minus1)?
        } else {
            candle_nn::ops::softmax_last_dim(&scores)?
        };
        let context = probs
            .matmul(&v)?
            .transpose(1, 2)?
            .contiguous()?
            .reshape((texts, tokens, dim))?;
        let attended = self.norm(
            &(self.linear(&context, "attention.output.dense")? + hidden)?,
            "attention.output.LayerNorm",
        )?;
        let inner = self.linear(&attended, "intermediate.dense")?;
        let inner = match self.act {
            HiddenAct::Gelu => inner.gelu_erf()?,
            HiddenAct::GeluApproximate => inner.gelu()?,
            HiddenAct::Relu => inner.relu()?,
        };
        self.norm(
            &(self.linear(&inner, "output.dense")? + &attended)?,
            "output.LayerNorm",
        )
    }

    fn weight(&self, name: &str) -> Result<&Tensor> {
        self.weights
            .get(name)
            .ok_or_else(|| candle_core::Error::Msg(format!("layer has no {name}")))
    }

    fn linear(&self, x: &Tensor, name: &str) -> Result<Tensor> {
        let w = self.weight(&format!("{name}.weight"))?;
        let b = self.weight(&format!("{name}.bias"))?;
        // One large product over every token beats one small product per text.
        let (texts, tokens, width) = x.dims3()?;
        x.reshape((texts * tokens, width))?
            .matmul(&w.t()?)?
            .broadcast_add(b)?
            .reshape((texts, tokens, ()))
    }

    fn norm(&self, x: &Tensor, name: &str) -> Result<Tensor> {
        let w = self.weight(&format!("{name}.weight"))?;
        let b = self.weight(&format!("{name}.bias"))?;
        if !self.trainable {
            return candle_nn::ops::layer_norm(&x.contiguous()?, w, b, self.eps as f32);
        }
        let centred = x.broadcast_sub(&x.mean_keepdim(D::Minus1)?)?;
        let spread = (centred.sqr()?.mean_keepdim(D::Minus1)? + self.eps)?.sqrt()?;
        centred
            .broadcast_div(&spread)?
            .broadcast_mul(w)?
            .broadcast_add(b)
    }
}
