//! A tiny random BERT model in the real model's file layout: `config.json`, `model.safetensors`
//! with the same tensor names, and a WordPiece `tokenizer.json` that, like the shipped one,
//! pads every text to 128 tokens.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use candle_core::{DType, Device, Tensor};
use sha2::{Digest, Sha256};

pub const HIDDEN: usize = 32;
pub const LAYERS: usize = 2;
const INTERMEDIATE: usize = 64;
const MAX_POSITIONS: usize = 512;

/// Special tokens first, at the ids BERT vocabularies give them relative to each other.
const VOCAB: &[&str] = &[
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[MASK]",
    "my",
    "order",
    "never",
    "arrived",
    "the",
    "package",
    "was",
    "not",
    "delivered",
    "what",
    "a",
    "lovely",
    "sunny",
    "day",
    "i",
    "want",
    "refund",
    "now",
    "you",
    "are",
    "useless",
    "thanks",
    "for",
    "help",
    "please",
    "call",
    "me",
    "back",
    "today",
    "late",
    "again",
    "broken",
    "item",
    "price",
    "too",
    "high",
    "manager",
    "wait",
    "##s",
    "##ed",
    "##ing",
    ".",
    "!",
    "?",
    ",",
];

/// Writes the three model files into `dir`.
pub fn write_tiny_model(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("config.json"), config_json()).unwrap();
    candle_core::safetensors::save(&weights(), dir.join("model.safetensors")).unwrap();
    fs::write(dir.join("tokenizer.json"), tokenizer_json()).unwrap();
}

/// The sha256 of each file [`write_tiny_model`] wrote, as install pins.
pub fn pins_of(dir: &Path) -> defuse_embed::Pins {
    let [model, tokenizer, config] = ["model.safetensors", "tokenizer.json", "config.json"]
        .map(|name| sha256_of(&dir.join(name)));
    defuse_embed::Pins::new(&model, &tokenizer, &config)
}

pub fn sha256_of(path: &Path) -> String {
    format!("{:x}", Sha256::digest(fs::read(path).unwrap()))
}

/// A text of `words` vocabulary words, each one token.
pub fn words(count: usize) -> String {
    VOCAB[5..43]
        .iter()
        .cycle()
        .take(count)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn config_json() -> String {
    serde_json::json!({
        "architectures": ["BertModel"],
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": HIDDEN,
        "initializer_range": 0.02,
        "intermediate_size": INTERMEDIATE,
        "layer_norm_eps": 1e-12,
        "max_position_embeddings": MAX_POSITIONS,
        "model_type": "bert",
        "num_attention_heads": 2,
        "num_hidden_layers": LAYERS,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "type_vocab_size": 2,
        "vocab_size": VOCAB.len(),
    })
    .to_string()
}

fn weights() -> HashMap<String, Tensor> {
    let mut shapes: Vec<(String, Vec<usize>)> = vec![
        (
            "embeddings.word_embeddings.weight".into(),
            vec![VOCAB.len(), HIDDEN],
        ),
        (
            "embeddings.position_embeddings.weight".into(),
            vec![MAX_POSITIONS, HIDDEN],
        ),
        (
            "embeddings.token_type_embeddings.weight".into(),
            vec![2, HIDDEN],
        ),
    ];
    let mut layer_norm = vec!["embeddings.LayerNorm".to_owned()];
    for layer in 0..LAYERS {
        let p = format!("encoder.layer.{layer}");
        for (name, out, inp) in [
            ("attention.self.query", HIDDEN, HIDDEN),
            ("attention.self.key", HIDDEN, HIDDEN),
            ("attention.self.value", HIDDEN, HIDDEN),
            ("attention.output.dense", HIDDEN, HIDDEN),
            ("intermediate.dense", INTERMEDIATE, HIDDEN),
            ("output.dense", HIDDEN, INTERMEDIATE),
        ] {
            shapes.push((format!("{p}.{name}.weight"), vec![out, inp]));
            shapes.push((format!("{p}.{name}.bias"), vec![out]));
        }
        layer_norm.push(format!("{p}.attention.output.LayerNorm"));
        layer_norm.push(format!("{p}.output.LayerNorm"));
    }
    let mut tensors: HashMap<String, Tensor> = shapes
        .into_iter()
        .map(|(name, shape)| (name, random(&shape, 0.3)))
        .collect();
    for prefix in layer_norm {
        let ones = Tensor::ones(HIDDEN, DType::F32, &Device::Cpu).unwrap();
        tensors.insert(
            format!("{prefix}.weight"),
            (ones + random(&[HIDDEN], 0.1)).unwrap(),
        );
        tensors.insert(format!("{prefix}.bias"), random(&[HIDDEN], 0.1));
    }
    tensors
}

fn random(shape: &[usize], std: f32) -> Tensor {
    Tensor::randn(0f32, std, shape, &Device::Cpu).unwrap()
}

/// The same pipeline as the shipped `tokenizer.json` (BERT normaliser and pre-tokeniser,
/// WordPiece, `[CLS] $A [SEP]`), fixed padding to 128 included.
fn tokenizer_json() -> String {
    let vocab: serde_json::Map<String, serde_json::Value> = VOCAB
        .iter()
        .enumerate()
        .map(|(id, word)| (word.to_string(), id.into()))
        .collect();
    let special = |token: &str| serde_json::json!({"SpecialToken": {"id": token, "type_id": 0}});
    serde_json::json!({
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": 128, "strategy": "LongestFirst", "stride": 0},
        "padding": {
            "strategy": {"Fixed": 128}, "direction": "Right", "pad_to_multiple_of": null,
            "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"
        },
        "added_tokens": [],
        "normalizer": {
            "type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
            "strip_accents": null, "lowercase": true
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]")],
            "pair": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]")],
            "special_tokens": {
                "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}
            }
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
        "model": {
            "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100, "vocab": vocab
        }
    })
    .to_string()
}
