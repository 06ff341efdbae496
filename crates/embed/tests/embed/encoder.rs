//! `MiniLm` on the tiny model: shape, unit length, independence from padding, truncation.

use std::path::Path;

use candle_core::{D, DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use defuse_core::Encoder;
use defuse_embed::{MAX_TOKENS, MiniLm, TUNED_LAYERS};
use tempfile::TempDir;
use tokenizers::{PaddingStrategy, Tokenizer};

use crate::fixture::{HIDDEN, LAYERS, words, write_tiny_model};

fn tiny() -> (TempDir, MiniLm) {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path());
    let model = MiniLm::load(dir.path()).unwrap();
    (dir, model)
}

fn max_difference(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

/// What the model's lowest `layers` layers give for `text` with no padding at all: plain BERT,
/// mean over every token, unit length.
fn unpadded_reference(dir: &Path, text: &str, layers: usize) -> Vec<f32> {
    let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json")).unwrap();
    tokenizer.with_padding(None);
    let ids = tokenizer.encode(text, true).unwrap().get_ids().to_vec();
    let mut config: Config =
        serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).unwrap()).unwrap();
    config.num_hidden_layers = layers;
    let weights = std::fs::read(dir.join("model.safetensors")).unwrap();
    let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &Device::Cpu).unwrap();
    let model = BertModel::load(vb, &config).unwrap();
    let ids = Tensor::new(ids.as_slice(), &Device::Cpu)
        .unwrap()
        .unsqueeze(0)
        .unwrap();
    let hidden = model
        .forward(&ids, &ids.zeros_like().unwrap(), None)
        .unwrap();
    let mean = hidden.mean(1).unwrap();
    let norms = mean
        .sqr()
        .unwrap()
        .sum_keepdim(D::Minus1)
        .unwrap()
        .sqrt()
        .unwrap();
    mean.broadcast_div(&norms)
        .unwrap()
        .squeeze(0)
        .unwrap()
        .to_vec1()
        .unwrap()
}

#[test]
fn vectors_are_two_unit_length_halves() {
    let (_dir, model) = tiny();
    assert!(!model.is_tuned());
    assert_eq!(model.dim(), 2 * HIDDEN);
    assert_eq!(model.similarity_range(), HIDDEN..2 * HIDDEN);
    for vector in model.embed_batch(&["my order never arrived", "thanks", "", &words(300)]) {
        assert_eq!(vector.len(), 2 * HIDDEN);
        let (tuned, own) = vector.split_at(HIDDEN);
        for half in [tuned, own] {
            assert!((norm(half) - 1.0).abs() < 1e-5, "norm {}", norm(half));
        }
    }
}

#[test]
fn the_fixture_tokenizer_pads_like_the_shipped_one() {
    let (dir, _model) = tiny();
    let tokenizer = Tokenizer::from_file(dir.path().join("tokenizer.json")).unwrap();
    let padding = tokenizer
        .get_padding()
        .expect("fixed padding is set in the file");
    assert!(matches!(padding.strategy, PaddingStrategy::Fixed(128)));
    assert_eq!(
        tokenizer.encode("thanks", true).unwrap().get_ids().len(),
        128
    );
}

#[test]
fn a_text_embeds_as_if_it_were_never_padded() {
    let (dir, model) = tiny();
    let text = "my order never arrived";
    // Untuned, the first half is the model's own sentence vector; the second is the mean of the
    // states below the top layers.
    let whole = unpadded_reference(dir.path(), text, LAYERS);
    let lower = unpadded_reference(dir.path(), text, LAYERS.saturating_sub(TUNED_LAYERS));
    assert!(max_difference(&model.embed(text), &[whole, lower].concat()) < 1e-5);
}

#[test]
fn a_text_alone_equals_the_same_text_batched_with_a_much_longer_one() {
    let (_dir, model) = tiny();
    let long = words(200);
    let short = "my order never arrived";
    let batch = model.embed_batch(&[&long, short, "thanks"]);
    assert_eq!(batch.len(), 3);
    assert!(max_difference(&model.embed(short), &batch[1]) < 1e-5);
    assert!(max_difference(&model.embed(&long), &batch[0]) < 1e-5);
    assert!(max_difference(&model.embed("thanks"), &batch[2]) < 1e-5);
}

#[test]
fn different_texts_give_different_vectors() {
    let (_dir, model) = tiny();
    let vectors = model.embed_batch(&["my order never arrived", "what a lovely sunny day"]);
    assert!(max_difference(&vectors[0], &vectors[1]) > 1e-2);
}

#[test]
fn long_texts_are_cut_at_max_tokens_not_at_the_files_128() {
    let (_dir, model) = tiny();
    let room = MAX_TOKENS - 2; // [CLS] and [SEP] take two places.
    let cut = model.embed(&words(room));
    assert!(max_difference(&model.embed(&words(room + 50)), &cut) < 1e-5);
    assert!(max_difference(&model.embed(&words(126)), &cut) > 1e-3);
}

#[test]
fn an_empty_batch_gives_no_vectors() {
    let (_dir, model) = tiny();
    assert!(model.embed_batch(&[]).is_empty());
}

#[test]
fn load_names_what_is_missing_or_broken() {
    let empty = tempfile::tempdir().unwrap();
    let error = MiniLm::load(empty.path()).err().unwrap().to_string();
    assert!(error.contains("config.json"), "{error}");

    let (dir, _model) = tiny();
    std::fs::write(dir.path().join("model.safetensors"), b"not weights").unwrap();
    let error = MiniLm::load(dir.path()).err().unwrap().to_string();
    assert!(error.contains("model.safetensors"), "{error}");
}

#[test]
fn a_failing_model_gives_zero_vectors_through_the_trait_and_an_error_directly() {
    // Cut the model's vocabulary below the tokenizer's, so most word ids have no embedding row.
    let (dir, _model) = tiny();
    let weights_path = dir.path().join("model.safetensors");
    let mut weights = candle_core::safetensors::load(&weights_path, &Device::Cpu).unwrap();
    let name = "embeddings.word_embeddings.weight";
    let cut = weights[name].narrow(0, 0, 5).unwrap();
    weights.insert(name.to_owned(), cut);
    candle_core::safetensors::save(&weights, &weights_path).unwrap();
    let config_path = dir.path().join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config_path).unwrap()).unwrap();
    config["vocab_size"] = 5.into();
    std::fs::write(&config_path, config.to_string()).unwrap();

    let model = MiniLm::load(dir.path()).unwrap();
    assert!(model.try_embed_batch(&["my order never arrived"]).is_err());
    let vectors = model.embed_batch(&["my order never arrived", "thanks"]);
    assert_eq!(vectors, vec![vec![0.0; 2 * HIDDEN]; 2]);
    assert_eq!(model.embed("thanks"), vec![0.0; 2 * HIDDEN]);
}
