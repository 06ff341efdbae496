//! Linear model heads and their compact binary format.
//!
//! A [`ModelSet`] is a named collection of [`Head`]s. A head scores several columns at once (the
//! fast tier keeps every task in one feature-major matrix, so one pass over a message's features
//! touches one cache line per feature), and each column has a calibration step so that the
//! probabilities built from it mean what they say. The
//! training crate writes model sets with [`ModelSet::to_bytes`]; the core reads the ones compiled
//! into it with [`ModelSet::from_bytes`]. Hashed heads are stored as 8-bit weights with one scale.

use std::fmt;

/// One linear model.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub dim: usize,
    /// Number of output columns.
    pub classes: usize,
    /// Feature-major: the weight of feature `i` for class `c` is at `i * classes + c`.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// Per column: raw score `z` is calibrated to `scale * z + shift` (Platt scaling).
    pub calib: Vec<(f32, f32)>,
}

impl Head {
    pub fn new(dim: usize, classes: usize) -> Head {
        Head {
            dim,
            classes,
            weights: vec![0.0; dim * classes],
            bias: vec![0.0; classes],
            calib: vec![(1.0, 0.0); classes],
        }
    }

    pub fn weight(&self, feature: u32, class: usize) -> f32 {
        self.weights[feature as usize * self.classes + class]
    }

    /// Raw scores for sparse input, before calibration.
    pub fn logits_sparse(&self, index: &[u32], value: &[f32]) -> Vec<f32> {
        let mut z = self.bias.clone();
        for (&i, &v) in index.iter().zip(value) {
            let row = &self.weights[i as usize * self.classes..][..self.classes];
            for (zc, w) in z.iter_mut().zip(row) {
                *zc += w * v;
            }
        }
        z
    }

    /// Raw scores for a dense input of length `dim`.
    pub fn logits_dense(&self, x: &[f32]) -> Vec<f32> {
        let mut z = self.bias.clone();
        for (i, &v) in x.iter().enumerate() {
            let row = &self.weights[i * self.classes..][..self.classes];
            for (zc, w) in z.iter_mut().zip(row) {
                *zc += w * v;
            }
        }
        z
    }

    /// Calibrated scores from raw ones, column by column; apply [`sigmoid`] or [`softmax`] after.
    pub fn calibrate(&self, logits: &[f32]) -> Vec<f32> {
        logits
            .iter()
            .zip(&self.calib)
            .map(|(z, (a, b))| a * z + b)
            .collect()
    }
}

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

pub fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

pub fn softmax(z: &[f32]) -> Vec<f32> {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = z.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = e.iter().sum();
    e.into_iter().map(|v| v / sum).collect()
}

/// Named heads with the version of the training run that made them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelSet {
    pub version: String,
    pub heads: Vec<(String, Head)>,
}

/// A model file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "model file: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

const MAGIC: &[u8; 4] = b"DFM1";

impl ModelSet {
    pub fn head(&self, name: &str) -> Option<&Head> {
        self.heads.iter().find(|(n, _)| n == name).map(|(_, h)| h)
    }

    /// Serialises; heads with more than 4096 weights are quantised to 8 bits.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put_str(&mut out, &self.version);
        put_u32(&mut out, self.heads.len() as u32);
        for (name, h) in &self.heads {
            put_str(&mut out, name);
            put_u32(&mut out, h.dim as u32);
            put_u32(&mut out, h.classes as u32);
            let calib = h.calib.iter().flat_map(|(a, b)| [a, b]);
            for v in h.bias.iter().chain(calib) {
                out.extend_from_slice(&v.to_le_bytes());
            }
            let quantise = h.weights.len() > 4096;
            out.push(u8::from(quantise));
            if quantise {
                let scale = h
                    .weights
                    .iter()
                    .fold(0f32, |m, w| m.max(w.abs()))
                    .max(1e-12)
                    / 127.0;
                out.extend_from_slice(&scale.to_le_bytes());
                out.extend(
                    h.weights
                        .iter()
                        .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8),
                );
            } else {
                h.weights
                    .iter()
                    .for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<ModelSet, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(ModelError("not a defuse model set (bad magic)".into()));
        }
        let version = r.string()?;
        let n = r.u32()? as usize;
        let mut heads = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.string()?;
            let dim = r.u32()? as usize;
            let classes = r.u32()? as usize;
            if classes == 0
                || dim
                    .checked_mul(classes)
                    .is_none_or(|len| len > bytes.len() * 4)
            {
                return Err(ModelError(format!(
                    "head {name}: bad shape {dim}x{classes}"
                )));
            }
            let bias = (0..classes)
                .map(|_| r.f32())
                .collect::<Result<Vec<_>, _>>()?;
            let calib = (0..classes)
                .map(|_| Ok((r.f32()?, r.f32()?)))
                .collect::<Result<Vec<_>, ModelError>>()?;
            let weights = if r.take(1)?[0] == 1 {
                let scale = r.f32()?;
                r.take(dim * classes)?
                    .iter()
                    .map(|&b| f32::from(b as i8) * scale)
                    .collect()
            } else {
                (0..dim * classes)
                    .map(|_| r.f32())
                    .collect::<Result<Vec<_>, _>>()?
            };
            heads.push((
                name,
                Head {
                    dim,
                    classes,
                    weights,
                    bias,
                    calib,
                },
            ));
        }
        if r.pos != bytes.len() {
            return Err(ModelError(format!(
                "{} trailing bytes",
                bytes.len() - r.pos
            )));
        }
        Ok(ModelSet { version, heads })
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| ModelError(format!("truncated at byte {}", self.pos)))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| ModelError("name is not UTF-8".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_small_and_quantised_heads() {
        let mut small = Head::new(3, 2);
        small.weights = vec![0.5, -0.25, 1.0, 2.0, -3.0, 0.0];
        small.calib[1] = (0.8, -0.1);
        let mut big = Head::new(5000, 1);
        big.weights[42] = 1.27;
        big.weights[7] = -0.5;
        let set = ModelSet {
            version: "t1".into(),
            heads: vec![("a".into(), small.clone()), ("b".into(), big)],
        };
        let back = ModelSet::from_bytes(&set.to_bytes()).unwrap();
        assert_eq!(back.head("a"), Some(&small));
        let b = back.head("b").unwrap();
        assert!((b.weights[42] - 1.27).abs() < 0.01 && (b.weights[7] + 0.5).abs() < 0.01);
    }

    #[test]
    fn rejects_damaged_files() {
        assert!(ModelSet::from_bytes(b"nope").is_err());
        let set = ModelSet {
            version: "x".into(),
            heads: vec![("a".into(), Head::new(2, 1))],
        };
        let bytes = set.to_bytes();
        assert!(ModelSet::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn softmax_probabilities_sum_to_one() {
        let h = Head::new(1, 3);
        let p = softmax(&h.calibrate(&[1.0, 0.0, -1.0]));
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6 && p[0] > p[2]);
    }
}

/// Where each task lives among the columns of the fast and embedding heads.
pub mod columns {
    pub const OFFENSIVE: usize = 0;
    pub const ABUSIVE: usize = 1;
    pub const COMPLAINT: usize = 2;
    /// Three columns (negative, neutral, positive) read together through a softmax.
    pub const SENTIMENT: usize = 3;
    /// Six columns, one logistic per emotion in `Emotion::ALL` order.
    pub const EMOTIONS: usize = 6;
    pub const COUNT: usize = 12;
    /// Name of each column, for reports.
    pub const NAMES: [&str; COUNT] = [
        "offensive",
        "abusive",
        "complaint",
        "sentiment.negative",
        "sentiment.neutral",
        "sentiment.positive",
        "anger",
        "frustration",
        "anxiety",
        "sadness",
        "confusion",
        "satisfaction",
    ];
    /// Name of the hashed n-gram head in the fast model set.
    pub const FAST_HEAD: &str = "fast";
    /// Name of the head over sentence embeddings.
    pub const EMBED_HEAD: &str = "embed";
    /// Name of the head that blends the two: a two-feature (fast, embedding) head per column.
    pub const STACK_HEAD: &str = "stack";
}
