//! Criterion benchmarks of the longest messages, built to be slow (see `adversarial`): every
//! one must be analysed in well under 50 ms, and masked (card numbers, IBANs, passwords) in far
//! less.

use criterion::{Criterion, criterion_group, criterion_main};
use defuse_core::secrets::mask_secrets;
use defuse_core::{Analyzer, Input};
use std::hint::black_box;

mod adversarial;

/// The allocator of the `defuse` binary, so the figures are what the server pays.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("analyze 100 KB");
    group.sample_size(10);
    for (name, unit) in adversarial::UNITS {
        let text = adversarial::repeated(unit, adversarial::SIZE);
        group.bench_function(*name, |b| {
            b.iter(|| analyzer.analyze(&Input::new(black_box(&text))))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("mask 100 KB");
    for (name, unit) in adversarial::UNITS.iter().chain(adversarial::SECRET_UNITS) {
        let text = adversarial::repeated(unit, adversarial::SIZE);
        group.bench_function(*name, |b| b.iter(|| mask_secrets(black_box(&text))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
