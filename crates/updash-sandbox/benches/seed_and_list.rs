//! The sandbox at scale: seeding 10,000 extra databases, and listing the 10,006 databases of
//! the personal account over HTTP. The tests hold these to generous bounds only; the
//! figures are here.

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use tokio::runtime::Runtime;
use updash_sandbox::state::State;
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("sandbox_scale");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("seed 10,000 databases", |b| {
        b.iter(|| State::seeded(10_000));
    });
    let rt = Runtime::new().expect("runtime");
    let sandbox = rt
        .block_on(Sandbox::start(Options {
            seed: 10_000,
            ..Options::default()
        }))
        .expect("sandbox starts");
    let http = reqwest::Client::new();
    let url = format!("{}/v2/redis/databases", sandbox.url());
    group.bench_function("list 10,006 databases over HTTP", |b| {
        b.iter(|| {
            rt.block_on(async {
                let body = http
                    .get(&url)
                    .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
                    .send()
                    .await
                    .expect("list")
                    .bytes()
                    .await
                    .expect("body");
                assert!(body.len() > 1_000_000);
            })
        });
    });
    group.finish();
    rt.block_on(sandbox.shutdown());
}

criterion_group!(benches, bench);
criterion_main!(benches);
