//! The seam between the pure core and a sentence-embedding model.
//!
//! The core never loads weights or touches files. A caller that has an embedding model (the
//! `defuse-embed` crate) hands it in through [`Encoder`]; the core only does arithmetic on the
//! vectors it gets back.

/// Turns text into a fixed-size sentence embedding.
pub trait Encoder: Send + Sync {
    /// Length of every vector [`Encoder::embed`] returns.
    fn dim(&self) -> usize;
    /// A mean-pooled, L2-normalised embedding of `text`.
    fn embed(&self, text: &str) -> Vec<f32>;
    /// Embeddings of several texts; the default calls [`Encoder::embed`] for each.
    fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts.iter().map(|t| self.embed(t)).collect()
    }
}
