//! Multi-column logistic regression trained with AdaGrad over sparse rows.
//!
//! Each row teaches only the columns it has labels for (the others are NaN and skipped), so one
//! matrix learns every task at once from data sets that each label a few. The sentiment columns
//! are trained together through a softmax. Deterministic: a seeded shuffle and one thread.

use defuse_core::model::{Head, columns as col, sigmoid, softmax};

/// A sparse input row: feature indices and values.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub index: Vec<u32>,
    pub value: Vec<f32>,
}

#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
}

/// SplitMix64: a small, seeded generator so every run shuffles the same way.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Gradient of the loss with respect to each column's raw score, for one row.
pub fn gradient(z: &[f32], labels: &[f32; col::COUNT], g: &mut [f32; col::COUNT]) {
    for c in 0..col::COUNT {
        let sentiment = (col::SENTIMENT..col::SENTIMENT + 3).contains(&c);
        g[c] = if labels[c].is_nan() || sentiment {
            0.0
        } else {
            sigmoid(z[c]) - labels[c]
        };
    }
    let s = col::SENTIMENT;
    if !labels[s].is_nan() {
        let p = softmax(&z[s..s + 3]);
        for k in 0..3 {
            g[s + k] = p[k] - labels[s + k];
        }
    }
}

/// Trains a head of `dim` inputs over every column; `weights` say how much each row counts for
/// each column.
pub fn train(
    rows: &[Row],
    labels: &[[f32; col::COUNT]],
    weights: &[[f32; col::COUNT]],
    dim: usize,
    cfg: Config,
) -> Head {
    let mut head = Head::new(dim, col::COUNT);
    let mut acc = vec![1e-6f32; dim * col::COUNT];
    let mut bias_acc = [1e-6f32; col::COUNT];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut g = [0f32; col::COUNT];
    for _ in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &r in &order {
            let row = &rows[r];
            let z = head.logits_sparse(&row.index, &row.value);
            gradient(&z, &labels[r], &mut g);
            let w = weights[r];
            for (&i, &v) in row.index.iter().zip(&row.value) {
                let base = i as usize * col::COUNT;
                for c in 0..col::COUNT {
                    if labels[r][c].is_nan() {
                        continue;
                    }
                    let k = base + c;
                    let grad = w[c] * g[c] * v + cfg.l2 * head.weights[k];
                    acc[k] += grad * grad;
                    head.weights[k] -= cfg.learning_rate * grad / acc[k].sqrt();
                }
            }
            for c in 0..col::COUNT {
                if !labels[r][c].is_nan() {
                    let grad = w[c] * g[c];
                    bias_acc[c] += grad * grad;
                    head.bias[c] -= cfg.learning_rate * grad / bias_acc[c].sqrt();
                }
            }
        }
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_column_and_leaves_unlabelled_ones_alone() {
        let rows: Vec<Row> = (0..200)
            .map(|i| Row {
                index: vec![(i % 2) as u32, 2],
                value: vec![1.0, 1.0],
            })
            .collect();
        let labels: Vec<[f32; col::COUNT]> = (0..200)
            .map(|i| {
                let mut l = [f32::NAN; col::COUNT];
                l[col::ABUSIVE] = (i % 2) as f32;
                l
            })
            .collect();
        let cfg = Config {
            epochs: 5,
            learning_rate: 0.5,
            l2: 0.0,
            seed: 7,
        };
        let weights = vec![[1.0; col::COUNT]; 200];
        let head = train(&rows, &labels, &weights, 3, cfg);
        assert!(head.weight(1, col::ABUSIVE) > head.weight(0, col::ABUSIVE) + 1.0);
        assert_eq!(head.weight(1, col::OFFENSIVE), 0.0);
        let again = train(&rows, &labels, &weights, 3, cfg);
        assert_eq!(head, again, "training is deterministic");
    }
}
