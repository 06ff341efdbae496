//! Integration tests of defuse-embed, run on a tiny random BERT model built on the spot,
//! plus one check of the real model when `DEFUSE_MINILM_DIR` points at it.

mod encoder;
mod fixture;
mod install;
mod real_model;
mod tuning;
