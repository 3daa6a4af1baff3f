//! How long extraction takes on a long article (1 MB) and on a typical one.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use factdesk_core::extract::extract;

const SAMPLE: &str = "Harbour Authority chief executive Dr. Miriam Okonjo said on Tuesday that cargo volumes rose 12% to 4.1 million tonnes in 2023, the highest since 1998.\n\
“We handled more ships than in any year since the port opened,” Okonjo told reporters. “That is not luck. It is the result of a £40m investment in the container terminal.”\n\
She added that the authority would hire 150 more dock workers, though union leader Tomasz Wójcik said the figure was “far too low for a port of this size.”\n\
Critics argue the expansion should never have been approved. Is it worth it? Some residents think not.\n";

fn article(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + SAMPLE.len());
    while s.len() < bytes {
        s.push_str(SAMPLE);
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("extract");
    let small = article(8 * 1024);
    g.throughput(Throughput::Bytes(small.len() as u64));
    g.bench_function("8 KB article", |b| b.iter(|| extract(black_box(&small))));
    let big = article(1024 * 1024);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    g.bench_function("1 MB article", |b| b.iter(|| extract(black_box(&big))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
