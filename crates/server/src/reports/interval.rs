//! How sure a share is: the 95% Wilson score interval of `k` successes in `n` tries, which
//! stays inside 0..1 and stays wide on a handful of cases (where a bare percentage misleads).

/// The normal quantile of a two-sided 95% interval.
const Z: f64 = 1.959_964;

/// A share with its interval, all in 0..1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub successes: u32,
    pub tries: u32,
    pub low: f64,
    pub high: f64,
}

/// The Wilson interval of `successes` in `tries`; `None` for no tries.
pub fn wilson(successes: u32, tries: u32) -> Option<Share> {
    if tries == 0 {
        return None;
    }
    let n = f64::from(tries);
    let p = f64::from(successes.min(tries)) / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some(Share {
        successes,
        tries,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

impl Share {
    /// "7 of 9 (45–94%)": the counts first, the interval after, never a bare percentage.
    pub fn describe(&self) -> String {
        format!(
            "{} of {} ({:.0}–{:.0}%)",
            self.successes,
            self.tries,
            self.low * 100.0,
            self.high * 100.0
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rounded(s: Share) -> (f64, f64) {
        (
            (s.low * 1000.0).round() / 1000.0,
            (s.high * 1000.0).round() / 1000.0,
        )
    }

    #[test]
    fn matches_published_wilson_intervals() {
        // Reference values of the Wilson score interval (Newcombe 1998, table I: 81 of 263,
        // 15 of 148, 0 of 20, 1 of 29).
        assert_eq!(rounded(wilson(81, 263).unwrap()), (0.255, 0.366));
        assert_eq!(rounded(wilson(15, 148).unwrap()), (0.062, 0.160));
        assert_eq!(rounded(wilson(0, 20).unwrap()), (0.0, 0.161));
        assert_eq!(rounded(wilson(1, 29).unwrap()), (0.006, 0.172));
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn says_the_counts_before_the_interval() {
        assert_eq!(wilson(7, 9).unwrap().describe(), "7 of 9 (45–94%)");
    }
}
