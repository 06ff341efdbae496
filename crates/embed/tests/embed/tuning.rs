//! The trainable top layers on the tiny model: gradients reach every weight, tuned layers
//! round-trip through their file, and layers tuned from another model are ignored.

use candle_core::{DType, Device, Tensor};
use defuse_core::Encoder;
use defuse_embed::{BertLayer, MiniLm, save_top};

use crate::fixture::write_tiny_model;

const TEXTS: [&str; 2] = ["my order never arrived", "what a lovely sunny day"];

/// The tiny model (in a folder that must outlive it) and the lower-layer states of [`TEXTS`].
fn tiny_with_states() -> (tempfile::TempDir, MiniLm, Vec<Tensor>) {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path());
    let model = MiniLm::load(dir.path()).unwrap();
    let states = model.lower_states(&TEXTS).unwrap();
    (dir, model, states)
}

#[test]
fn pooling_kept_states_through_the_top_equals_embedding_the_text() {
    let (_dir, model, states) = tiny_with_states();
    let refs: Vec<&Tensor> = states.iter().collect();
    let pooled = model.embed_states(&refs).unwrap();
    for (text, vector) in TEXTS.iter().zip(&pooled) {
        let direct = model.embed(text);
        // The states are kept in f16, so allow for its rounding.
        let gap = direct
            .iter()
            .zip(vector)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max);
        assert!(gap < 1e-2, "{text}: {gap}");
    }
}

#[test]
fn every_weight_of_the_trainable_layers_gets_a_gradient() {
    let (_dir, model, states) = tiny_with_states();
    let refs: Vec<&Tensor> = states.iter().collect();
    let (layers, vars) = BertLayer::trainable_stack(model.base_top().0).unwrap();
    assert_eq!(layers.len(), defuse_embed::TUNED_LAYERS);
    let pooled = MiniLm::pool(&layers, &refs).unwrap();
    let target = Tensor::ones(pooled.shape(), DType::F32, &Device::Cpu).unwrap();
    let loss = (pooled * target).unwrap().sum_all().unwrap();
    let grads = loss.backward().unwrap();
    assert_eq!(vars.len(), 16 * layers.len());
    for (k, var) in vars.iter().enumerate() {
        let g = grads
            .get(var.as_tensor())
            .unwrap_or_else(|| panic!("no gradient for weight {k} of shape {:?}", var.shape()));
        let size = g
            .abs()
            .unwrap()
            .sum_all()
            .unwrap()
            .to_scalar::<f32>()
            .unwrap();
        assert!(
            size > 0.0,
            "a weight of shape {:?} got a zero gradient",
            var.shape()
        );
    }
}

#[test]
fn tuned_layers_are_used_only_with_the_model_they_were_tuned_from() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path());
    let model = MiniLm::load(dir.path()).unwrap();
    assert!(!model.is_tuned());
    let before = model.embed(TEXTS[0]);

    // "Tune" by nudging every weight, then save with the base's fingerprint.
    let (layers, vars) = BertLayer::trainable_stack(model.base_top().0).unwrap();
    for var in &vars {
        var.set(&(var.as_tensor() * 1.5).unwrap()).unwrap();
    }
    let file = dir.path().join("top.safetensors");
    let (_, fingerprint) = model.base_top();
    save_top(&layers, fingerprint, &file).unwrap();
    let bytes = std::fs::read(&file).unwrap();

    let tuned = MiniLm::load_tuned(dir.path(), &bytes).unwrap();
    assert!(tuned.is_tuned());
    let after = tuned.embed(TEXTS[0]);
    // The tuned half moves; the half kept for similarity does not.
    let meaning = tuned.similarity_range();
    let (tuned_half, own_half) = after.split_at(meaning.start);
    assert!(
        tuned_half
            .iter()
            .zip(&before)
            .any(|(a, b)| (a - b).abs() > 1e-3)
    );
    assert_eq!(own_half, &before[meaning]);

    let mut stranger = fingerprint.to_vec();
    stranger[0] ^= 1;
    save_top(&layers, &stranger, &file).unwrap();
    let other = MiniLm::load_tuned(dir.path(), &std::fs::read(&file).unwrap()).unwrap();
    assert!(!other.is_tuned());
    assert_eq!(other.embed(TEXTS[0]), before);
}
