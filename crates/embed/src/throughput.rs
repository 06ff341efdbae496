//! How many messages per second an encoder embeds, timed on short support messages.

use std::time::{Duration, Instant};

use defuse_core::Encoder;

/// Short client messages, the typical input, used when a caller has none of its own.
pub const SAMPLE_MESSAGES: &[&str] = &[
    "Where is my refund? I asked three times already.",
    "This is the worst service I have ever had.",
    "Thanks, that fixed it.",
    "Why was I charged twice this month?",
    "I want to talk to a manager right now.",
    "The app keeps logging me out every few minutes.",
    "You people never answer your emails.",
    "Can you change the delivery address on my order?",
    "I am done waiting, cancel everything.",
    "Nobody told me the price would go up.",
    "ok",
    "My parcel shows delivered but it is not here.",
    "If this is not sorted today I will post about it everywhere.",
    "Is there a discount for annual plans?",
    "I have been a customer for ten years and this is how you treat me?",
    "The replacement part is broken too.",
];

/// The outcome of [`measure_throughput`].
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    /// Messages embedded during the timed run.
    pub messages: usize,
    /// Wall time of the timed run.
    pub elapsed: Duration,
}

impl Throughput {
    /// Messages per second; zero if nothing was timed.
    pub fn per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.messages as f64 / seconds
        } else {
            0.0
        }
    }
}

/// Embeds `total` messages drawn in turn from `messages` (or [`SAMPLE_MESSAGES`] when empty),
/// `batch_size` per [`Encoder::embed_batch`] call, after one untimed warm-up batch.
pub fn measure_throughput(
    encoder: &dyn Encoder,
    messages: &[&str],
    total: usize,
    batch_size: usize,
) -> Throughput {
    let pool = if messages.is_empty() {
        SAMPLE_MESSAGES
    } else {
        messages
    };
    let texts: Vec<&str> = pool.iter().copied().cycle().take(total).collect();
    let batch_size = batch_size.max(1);
    if let Some(warm_up) = texts.chunks(batch_size).next() {
        encoder.embed_batch(warm_up);
    }
    let started = Instant::now();
    for batch in texts.chunks(batch_size) {
        encoder.embed_batch(batch);
    }
    Throughput {
        messages: texts.len(),
        elapsed: started.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts what it is asked to embed.
    struct Counting(std::sync::atomic::AtomicUsize);

    impl Encoder for Counting {
        fn dim(&self) -> usize {
            1
        }
        fn embed(&self, _: &str) -> Vec<f32> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            vec![1.0]
        }
    }

    #[test]
    fn measures_the_requested_number_of_messages_after_a_warm_up() {
        let encoder = Counting(0.into());
        let run = measure_throughput(&encoder, &[], 10, 4);
        assert_eq!(run.messages, 10);
        assert_eq!(encoder.0.into_inner(), 14, "4 warm-up plus 10 timed");
        assert!(run.per_second() > 0.0);
    }

    #[test]
    fn nothing_timed_is_zero_per_second() {
        let run = Throughput {
            messages: 0,
            elapsed: Duration::ZERO,
        };
        assert_eq!(run.per_second(), 0.0);
    }
}
