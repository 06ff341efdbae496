//! The rate limit of the webhooks in, per integration: a token bucket for each product, in
//! memory. A delivery over the limit is answered 429 with `Retry-After` before its signature is
//! checked or anything stored, so a flood costs little, and the helpdesk delivers it again later.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use defuse_ingest::hooks::Product;

/// How many deliveries an integration may make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Deliveries a second, on average.
    pub per_second: f64,
    /// Deliveries at once after a quiet spell.
    pub burst: f64,
}

/// One bucket per product.
#[derive(Debug)]
pub struct Throttle {
    rate: Rate,
    buckets: Mutex<HashMap<Product, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Throttle {
    pub fn new(rate: Rate) -> Throttle {
        Throttle {
            rate,
            buckets: Mutex::default(),
        }
    }

    /// Takes one delivery of `product` at `now`; when none is left, how long until one is.
    pub fn take(&self, product: Product, now: Instant) -> Result<(), Duration> {
        let Rate { per_second, burst } = self.rate;
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let bucket = buckets.entry(product).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let refilled = now.saturating_duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + refilled).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Ok(());
        }
        Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_deliveries_wait_for_the_rate_each_product_on_its_own() {
        let throttle = Throttle::new(Rate {
            per_second: 2.0,
            burst: 3.0,
        });
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(throttle.take(Product::Chatwoot, start), Ok(()));
        }
        let wait = throttle.take(Product::Chatwoot, start).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        assert_eq!(
            throttle.take(Product::Zendesk, start),
            Ok(()),
            "its own bucket"
        );
        let later = start + Duration::from_millis(500);
        assert_eq!(throttle.take(Product::Chatwoot, later), Ok(()));
        assert!(throttle.take(Product::Chatwoot, later).is_err());
        let long_after = start + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(throttle.take(Product::Chatwoot, long_after), Ok(()));
        }
        assert!(
            throttle.take(Product::Chatwoot, long_after).is_err(),
            "never above the burst"
        );
    }
}
