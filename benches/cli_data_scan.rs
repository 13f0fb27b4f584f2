//! `updash data DB scan --match 'session:*' --limit 1000` end to end (process start, the
//! database's details and token from the Developer API, SCAN pages over the REST API, PTTL
//! pipelines, the table) against a sandbox database holding 1,000,000 keys: on the embedded
//! keyspace and, side by side, on a local `redis-server` behind the same REST front
//! (skipped with a note when redis-server is not installed).
//!
//! Run: `cargo bench --bench cli_data_scan -- --sample-size 10`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use updash::secret::Secret;
use updash_sandbox::data::DataBackend;
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// Keys in the scanned database.
const KEYS: usize = 1_000_000;

fn scan_command(home: &std::path::Path, sandbox_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("UPDASH_SANDBOX_URL", sandbox_url)
        .env("UPSTASH_EMAIL", SEEDED_EMAIL)
        .env("UPSTASH_API_KEY", SEEDED_API_KEY)
        .args(["--sandbox", "data", "sessions-prod", "scan"])
        .args(["--match", "session:*", "--limit", "1000"])
        .stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run updash");
    assert!(
        out.status.success(),
        "updash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A redis-server on a free port, when the program exists.
fn redis_server() -> Option<(Child, u16)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .ok()?
        .port();
    let child = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Some((child, port))
}

fn cli_data_scan(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let home = tempfile::tempdir().expect("temp dir");
    let server = redis_server();
    let mut backends = vec![("embedded", DataBackend::Embedded)];
    match &server {
        Some((_, port)) => backends.push((
            "redis",
            DataBackend::Redis(Secret::new(format!("redis://127.0.0.1:{port}"))),
        )),
        None => eprintln!("note: redis-server is not installed; the --redis-url half is skipped"),
    }
    let mut group = c.benchmark_group("updash data scan (1,000,000 keys)");
    group.sample_size(10);
    for (name, backend) in backends {
        let sandbox = rt
            .block_on(Sandbox::start(Options {
                data_backend: backend,
                seed_keys: KEYS,
                ..Options::default()
            }))
            .expect("sandbox starts");
        let mut cmd = scan_command(home.path(), sandbox.url());
        let first = run(&mut cmd);
        let rows = String::from_utf8_lossy(&first.stdout).lines().count();
        assert!(rows > 1000, "a header and 1,000 keys: {rows} lines");
        group.bench_function(name, |b| b.iter(|| run(&mut cmd)));
        rt.block_on(sandbox.shutdown());
    }
    group.finish();
    if let Some((mut child, _)) = server {
        let _ = child.kill();
        let _ = child.wait();
    }
}

criterion_group!(benches, cli_data_scan);
criterion_main!(benches);
