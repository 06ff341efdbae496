//! Criterion benchmarks of the fast tier: a short client message and a 2 KB one.

use criterion::{Criterion, criterion_group, criterion_main};
use defuse_core::{Analyzer, Input};
use std::hint::black_box;

const SHORT: &str =
    "This is the third time I've called and my refund STILL hasn't arrived!! Sort it out today.";

fn long_message() -> String {
    let parts = [
        "I ordered the standing desk on the 3rd and paid for express delivery. ",
        "Nobody told me it would be split into two parcels, and only one of them came. ",
        "I have called four times, been transferred around, and every time I'm told to wait another day. ",
        "My manager needs the office set up by Monday and I can't keep making excuses. ",
        "If this isn't fixed by Friday I want a full refund and I will leave a review. ",
    ];
    parts.iter().cycle().take(28).copied().collect::<String>()[..2048].to_string()
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let long = long_message();
    c.bench_function("analyze short message", |b| {
        b.iter(|| analyzer.analyze(&Input::new(black_box(SHORT))))
    });
    c.bench_function("analyze 2 KB message", |b| {
        b.iter(|| analyzer.analyze(&Input::new(black_box(&long))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
