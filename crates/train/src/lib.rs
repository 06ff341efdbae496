//! defuse-train: rebuilds defuse's models from the labeled data sets and measures them.
//!
//! Only this crate (through `defuse train` and `defuse eval`) reads the data directory; the
//! product itself runs on the weights that training writes into `crates/core/models/`.
//!
//! - [`data`]: the data sets, their labels and the fixed splits.
//! - [`sgd`] and [`calibrate`]: the multi-column linear learner and its calibration.
//! - [`fast`] and [`embedded`]: training runs for the fast tier and the embedding tier.
//! - [`reading`]: the level and cause heads, learned from real customer messages.
//! - [`tune`]: fine-tuning the encoder's top layers before the embedding tier is trained.
//! - [`eval`] and [`metrics`]: the evaluation table.
//! - [`coaching`]: the reading and coaching on text written by others (`defuse eval --coaching`).

pub mod calibrate;
pub mod coaching;
pub mod data;
pub mod embedded;
pub mod eval;
pub mod fast;
pub mod metrics;
pub mod reading;
pub mod sgd;
pub mod tune;

/// FNV-1a, 64-bit: a stable hash for version tags and cache keys.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A short, deterministic version tag for a trained model set: a hash of its weights.
pub fn version_tag(prefix: &str, bytes: &[u8]) -> String {
    format!("{prefix}-{:08x}", fnv1a(bytes) as u32)
}
