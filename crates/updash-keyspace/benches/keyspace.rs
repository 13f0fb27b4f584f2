//! Benchmarks: SCAN on 1,000,000 keys, a mixed 1,000-command batch,
//! seed_bulk(1,000,000), and save/load of 1,000,000 keys.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use updash_keyspace::{Keyspace, Reply};

const N: usize = 1_000_000;
const NOW: u64 = 1_700_000_000_000;

fn million() -> Keyspace {
    let mut ks = Keyspace::new();
    ks.seed_bulk(N, NOW);
    ks
}

fn cursor_of(r: &Reply) -> Vec<u8> {
    match r {
        Reply::Array(parts) => match parts.first() {
            Some(Reply::Bulk(c)) => c.clone(),
            _ => b"0".to_vec(),
        },
        _ => b"0".to_vec(),
    }
}

fn scan(c: &mut Criterion) {
    let mut ks = million();
    let mut cursor = b"0".to_vec();
    c.bench_function("scan_count_1000_page_on_1m", |b| {
        b.iter(|| {
            let r = ks.execute(
                &[
                    b"SCAN".to_vec(),
                    cursor.clone(),
                    b"COUNT".to_vec(),
                    b"1000".to_vec(),
                ],
                NOW,
            );
            cursor = cursor_of(&r);
            black_box(r)
        })
    });
    let mut g = c.benchmark_group("slow");
    g.sample_size(10);
    g.bench_function("scan_full_iteration_1m", |b| {
        b.iter(|| {
            let mut cursor = b"0".to_vec();
            let mut pages = 0;
            loop {
                let r = ks.execute(
                    &[
                        b"SCAN".to_vec(),
                        cursor,
                        b"COUNT".to_vec(),
                        b"1000".to_vec(),
                    ],
                    NOW,
                );
                cursor = cursor_of(&r);
                pages += 1;
                if cursor == b"0" {
                    break;
                }
            }
            black_box(pages)
        })
    });
    g.finish();
}

fn batch(c: &mut Criterion) {
    let mut ks = Keyspace::new();
    ks.seed_bulk(100_000, NOW);
    let mut cmds: Vec<Vec<Vec<u8>>> = Vec::with_capacity(1000);
    for i in 0..1000u64 {
        let k = format!("cache:item:{}", (i * 7919) % 100_000);
        let line: Vec<String> = match i % 10 {
            0..=3 => vec!["GET".into(), k],
            4 => vec![
                "SET".into(),
                k,
                format!("value-{i}"),
                "EX".into(),
                "60".into(),
            ],
            5 => vec!["INCR".into(), format!("counter:{}", i % 50)],
            6 => vec![
                "HSET".into(),
                format!("session:{:x}", i % 500),
                "seen".into(),
                i.to_string(),
            ],
            7 => vec![
                "HGETALL".into(),
                format!("session:{:x}", (i * 13) % 100_000),
            ],
            8 => vec![
                "ZADD".into(),
                "board".into(),
                i.to_string(),
                format!("p{}", i % 200),
            ],
            _ => vec!["TTL".into(), k],
        };
        cmds.push(line.into_iter().map(String::into_bytes).collect());
    }
    c.bench_function("batch_1000_mixed_commands", |b| {
        b.iter(|| {
            for cmd in &cmds {
                black_box(ks.execute(cmd, NOW));
            }
        })
    });
}

fn seed_and_persist(c: &mut Criterion) {
    let mut g = c.benchmark_group("slow");
    g.sample_size(10);
    g.bench_function("seed_bulk_1m", |b| {
        b.iter_batched(
            Keyspace::new,
            |mut ks| black_box(ks.seed_bulk(N, NOW)),
            BatchSize::PerIteration,
        )
    });
    let ks = million();
    let mut saved = Vec::new();
    ks.save(&mut saved).expect("save");
    g.bench_function("save_1m", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(saved.len());
            ks.save(&mut out).expect("save");
            black_box(out.len())
        })
    });
    g.bench_function("load_1m", |b| {
        b.iter(|| black_box(Keyspace::load(&saved[..]).map(|_| ()).is_ok()))
    });
    g.finish();
}

criterion_group!(benches, scan, batch, seed_and_persist);
criterion_main!(benches);
