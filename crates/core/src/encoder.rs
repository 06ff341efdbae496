//! The seam between the pure core and a sentence-embedding model.
//!
//! The core never loads weights or touches files. A caller that has an embedding model (the
//! `defuse-embed` crate) hands it in through [`Encoder`]; the core only does arithmetic on the
//! vectors it gets back.

/// Turns text into a fixed-size sentence embedding.
pub trait Encoder: Send + Sync {
    /// Length of every vector [`Encoder::embed`] returns.
    fn dim(&self) -> usize;
    /// A mean-pooled embedding of `text`; its [`Encoder::similarity_range`] has unit length.
    fn embed(&self, text: &str) -> Vec<f32>;
    /// The part of every vector whose cosine similarity tracks meaning, which the causes compare
    /// with their descriptions; the whole vector unless the encoder says otherwise. (A vector may
    /// also hold parts tuned to the model's columns, whose similarities say little about meaning.)
    fn similarity_range(&self) -> std::ops::Range<usize> {
        0..self.dim()
    }
    /// Embeddings of several texts; the default calls [`Encoder::embed`] for each.
    fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts.iter().map(|t| self.embed(t)).collect()
    }
}
