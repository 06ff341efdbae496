//! The figures `defuse eval` reports: macro-F1 and macro-recall.

/// F1 of one class from counts; 0 when it is undefined.
pub fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    let d = 2 * tp + fp + fn_;
    if d == 0 {
        0.0
    } else {
        2.0 * tp as f64 / d as f64
    }
}

/// Mean F1 of the two classes, from (predicted, actual) pairs.
pub fn binary_macro_f1(pairs: &[(bool, bool)]) -> f64 {
    let count = |p: bool, a: bool| pairs.iter().filter(|x| **x == (p, a)).count();
    let (tp, fp, fn_, tn) = (
        count(true, true),
        count(true, false),
        count(false, true),
        count(false, false),
    );
    (f1(tp, fp, fn_) + f1(tn, fn_, fp)) / 2.0
}

/// F1 of the positive class only.
pub fn positive_f1(pairs: &[(bool, bool)]) -> f64 {
    let count = |p: bool, a: bool| pairs.iter().filter(|x| **x == (p, a)).count();
    f1(count(true, true), count(true, false), count(false, true))
}

/// Macro-recall and macro-F1 over `k` classes, from (predicted, actual) class indices.
pub fn multiclass(pairs: &[(usize, usize)], k: usize) -> (f64, f64) {
    let (mut recall, mut f) = (0.0, 0.0);
    for c in 0..k {
        let tp = pairs.iter().filter(|(p, a)| *p == c && *a == c).count();
        let fp = pairs.iter().filter(|(p, a)| *p == c && *a != c).count();
        let fn_ = pairs.iter().filter(|(p, a)| *p != c && *a == c).count();
        recall += if tp + fn_ == 0 {
            0.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        f += f1(tp, fp, fn_);
    }
    (recall / k as f64, f / k as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_f1_of_known_cases() {
        assert_eq!(binary_macro_f1(&[(true, true), (false, false)]), 1.0);
        let half = binary_macro_f1(&[(true, true), (true, false), (false, false), (false, true)]);
        assert!((half - 0.5).abs() < 1e-9);
        assert_eq!(positive_f1(&[(false, false)]), 0.0);
    }

    #[test]
    fn multiclass_recall_averages_classes() {
        let (r, _) = multiclass(&[(0, 0), (0, 1), (1, 1), (2, 2)], 3);
        assert!((r - (1.0 + 0.5 + 1.0) / 3.0).abs() < 1e-9);
    }
}
