//! A check of the real all-MiniLM-L6-v2, run only when `DEFUSE_MINILM_DIR` names its folder.

use defuse_core::Encoder;
use defuse_embed::MiniLm;

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    // Both vectors have unit length, so the dot product is the cosine.
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[test]
fn related_complaints_are_closer_than_small_talk() {
    let Some(dir) = std::env::var_os("DEFUSE_MINILM_DIR") else {
        eprintln!("DEFUSE_MINILM_DIR is not set: real-model check not run");
        return;
    };
    let model = MiniLm::load(dir.as_ref()).unwrap();
    assert!(
        model.is_tuned(),
        "the shipped tuned layers were made from this model"
    );
    assert_eq!(model.dim(), 768);
    let meaning = model.similarity_range();
    let v = model.embed_batch(&[
        "my order never arrived",
        "the package was not delivered",
        "what a lovely sunny day",
    ]);
    let part = |k: usize| &v[k][meaning.clone()];
    let related = cosine(part(0), part(1));
    let unrelated = cosine(part(0), part(2));
    assert!(
        related > unrelated + 0.2,
        "related {related}, unrelated {unrelated}"
    );
}
