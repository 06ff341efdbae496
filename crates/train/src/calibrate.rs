//! Calibration of raw model scores on rows held out from training.
//!
//! Each logistic column gets Platt scaling (a fitted `a * z + b` before the sigmoid), then its
//! shift is moved so that 0.5 falls where macro-F1 on the held-out rows is best: scores stay
//! ordered and close to calibrated, and 0.5 is the decision point users are promised. The
//! sentiment columns get one shared temperature and a shift per class.

use defuse_core::model::{Head, columns as col, logit, sigmoid, softmax};

use crate::metrics::binary_macro_f1;

/// Fits the calibration of every column of `head` from raw scores `z` and labels of held-out rows.
pub fn fit(head: &mut Head, z: &[Vec<f32>], labels: &[[f32; col::COUNT]]) {
    for c in 0..col::COUNT {
        if (col::SENTIMENT..col::SENTIMENT + 3).contains(&c) {
            continue;
        }
        let pairs: Vec<(f32, f32)> = z
            .iter()
            .zip(labels)
            .filter(|(_, l)| !l[c].is_nan())
            .map(|(z, l)| (z[c], l[c]))
            .collect();
        if pairs.len() < 20 {
            continue;
        }
        let (a, b) = platt(&pairs);
        let scores: Vec<(f32, bool)> = pairs
            .iter()
            .map(|(z, y)| (sigmoid(a * z + b), *y > 0.5))
            .collect();
        let t = best_threshold(&scores);
        head.calib[c] = (a, b - logit(t));
    }
    fit_sentiment(head, z, labels);
}

/// Fits `sigmoid(a * z + b)` by gradient descent on log-loss.
fn platt(pairs: &[(f32, f32)]) -> (f32, f32) {
    let (mut a, mut b) = (1.0f32, 0.0f32);
    let n = pairs.len() as f32;
    for _ in 0..500 {
        let (mut ga, mut gb) = (0.0, 0.0);
        for &(z, y) in pairs {
            let d = sigmoid(a * z + b) - y;
            ga += d * z;
            gb += d;
        }
        a -= 0.5 * ga / n;
        b -= 0.5 * gb / n;
    }
    (a, b)
}

/// The threshold on calibrated probabilities that maximises macro-F1.
fn best_threshold(scores: &[(f32, bool)]) -> f32 {
    (5..=95)
        .map(|k| k as f32 / 100.0)
        .map(|t| {
            let pred: Vec<(bool, bool)> = scores.iter().map(|(p, y)| (*p >= t, *y)).collect();
            (t, binary_macro_f1(&pred))
        })
        .fold(
            (0.5, -1.0),
            |best, cur| if cur.1 > best.1 + 1e-6 { cur } else { best },
        )
        .0
}

fn fit_sentiment(head: &mut Head, z: &[Vec<f32>], labels: &[[f32; col::COUNT]]) {
    let s = col::SENTIMENT;
    let rows: Vec<(&[f32], usize)> = z
        .iter()
        .zip(labels)
        .filter(|(_, l)| !l[s].is_nan())
        .map(|(z, l)| (&z[s..s + 3], (0..3).find(|&k| l[s + k] > 0.5).unwrap_or(1)))
        .collect();
    if rows.len() < 20 {
        return;
    }
    let mut t = 1.0f32;
    let mut shift = [0f32; 3];
    let n = rows.len() as f32;
    for _ in 0..300 {
        let mut gt = 0.0;
        let mut gs = [0f32; 3];
        for (zs, y) in &rows {
            let scaled: Vec<f32> = (0..3).map(|k| t * zs[k] + shift[k]).collect();
            let p = softmax(&scaled);
            for k in 0..3 {
                let d = p[k] - if k == *y { 1.0 } else { 0.0 };
                gt += d * zs[k];
                gs[k] += d;
            }
        }
        t -= 0.5 * gt / n;
        for (sh, g) in shift.iter_mut().zip(gs) {
            *sh -= 0.5 * g / n;
        }
    }
    for (k, sh) in shift.into_iter().enumerate() {
        head.calib[s + k] = (t, sh);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platt_recovers_a_known_scaling() {
        // Labels drawn so that P(y=1 | z) = sigmoid(2z - 1), in expectation.
        let pairs: Vec<(f32, f32)> = (0..2000)
            .map(|i| {
                let z = (i % 100) as f32 / 25.0 - 2.0;
                let p = sigmoid(2.0 * z - 1.0);
                let y = if ((i * 7919) % 1000) as f32 / 1000.0 < p {
                    1.0
                } else {
                    0.0
                };
                (z, y)
            })
            .collect();
        let (a, b) = platt(&pairs);
        assert!(
            (a - 2.0).abs() < 0.6 && (b + 1.0).abs() < 0.5,
            "a={a} b={b}"
        );
    }

    #[test]
    fn threshold_moves_toward_a_rare_class() {
        let mut scores: Vec<(f32, bool)> = (0..90).map(|i| (i as f32 / 300.0, false)).collect();
        scores.extend((0..10).map(|i| (0.32 + i as f32 / 100.0, true)));
        assert!(best_threshold(&scores) < 0.45);
    }
}
