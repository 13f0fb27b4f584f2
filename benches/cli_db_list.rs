//! `updash db list --json` end to end: the built binary against a sandbox seeded with
//! 10,000 extra databases (process start, config, HTTP, decode, JSON output).
//!
//! Run: `cargo bench --bench cli_db_list -- --sample-size 10`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::{Command, Output, Stdio};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// Databases seeded on top of the six hand-made ones.
const SEED: usize = 10_000;

fn list_command(home: &std::path::Path, sandbox_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("UPDASH_SANDBOX_URL", sandbox_url)
        .env("UPSTASH_EMAIL", SEEDED_EMAIL)
        .env("UPSTASH_API_KEY", SEEDED_API_KEY)
        .args(["--sandbox", "db", "list", "--json"])
        .stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run updash: {e}"),
    };
    assert!(
        out.status.success(),
        "updash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn cli_db_list(c: &mut Criterion) {
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => panic!("runtime: {e}"),
    };
    let sandbox = match rt.block_on(Sandbox::start(Options {
        seed: SEED,
        ..Options::default()
    })) {
        Ok(s) => s,
        Err(e) => panic!("sandbox: {e}"),
    };
    let home = match tempfile::tempdir() {
        Ok(h) => h,
        Err(e) => panic!("temp dir: {e}"),
    };
    let mut cmd = list_command(home.path(), sandbox.url());
    // Check once that the whole list comes back before timing it.
    let first = run(&mut cmd);
    let listed: Vec<serde_json::Value> = match serde_json::from_slice(&first.stdout) {
        Ok(v) => v,
        Err(e) => panic!("not a JSON array: {e}"),
    };
    assert!(
        listed.len() > SEED,
        "only {} databases listed",
        listed.len()
    );

    c.bench_function("updash db list --json (10,006 databases)", |b| {
        b.iter(|| run(&mut cmd))
    });
    rt.block_on(sandbox.shutdown());
}

criterion_group!(benches, cli_db_list);
criterion_main!(benches);
