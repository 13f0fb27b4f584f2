//! The real dashboard with 10,006 databases: the built binary in a pty, its account stored,
//! listing a sandbox seeded with 10,000 extra databases over HTTP. Reports the process's
//! peak resident memory (VmHWM from /proc) over three runs and holds it under 40 MB, then
//! times the dashboard from its start to the table drawn (it opens on a usable account's
//! databases).
//!
//! Run: `cargo bench --bench dashboard_memory`.

// Shared with the integration tests, which use more of them than this bench does.
#[allow(dead_code)]
#[path = "../tests/it/support/cli.rs"]
mod cli;
#[allow(dead_code)]
#[path = "../tests/it/support/pty.rs"]
mod pty;

use criterion::Criterion;
use portable_pty::CommandBuilder;
use std::time::{Duration, Instant};
use updash::secret::Secret;
use updash::store::Account;
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// The peak resident memory the dashboard may reach with 10,006 databases.
const PEAK_LIMIT_KIB: u64 = 40 * 1024;
const LONG: Duration = Duration::from_secs(60);

/// A `name:` field of /proc/PID/status, in KiB.
fn status_kib(pid: u32, name: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|v| {
            v.trim_start_matches(':')
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// A home with the seeded account stored.
fn home() -> cli::Home {
    let home = cli::Home::new();
    let mut account = Account::new("sandbox", "scale", time::OffsetDateTime::now_utc());
    account.email = Some(SEEDED_EMAIL.to_string());
    account.api_key = Some(Secret::new(SEEDED_API_KEY));
    if let Err(e) = home.store().update(|creds| creds.add_account(account)) {
        panic!("account stored: {e}");
    }
    home
}

/// The dashboard in `home` against `url`, started.
fn dashboard(home: &cli::Home, url: &str) -> pty::Pty {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home.root());
    cmd.env("XDG_CONFIG_HOME", home.root().join("config"));
    cmd.env("XDG_STATE_HOME", home.root().join("state"));
    cmd.env("XDG_DATA_HOME", home.root().join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("UPDASH_SANDBOX_URL", url);
    cmd.args(["--sandbox"]);
    pty::Pty::spawn(cmd, 120, 40)
}

/// One run: the list shown, a filter over every row; returns the peak resident KiB.
fn peak_of_one_run(url: &str) -> u64 {
    let home = home();
    let mut pty = dashboard(&home, url);
    let pid = pty.pid().unwrap_or(0);
    pty.wait_for("of 10006", LONG);
    pty.send("jjjj/sess");
    pty.wait_for("sessions-prod", LONG);
    pty.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    let peak = status_kib(pid, "VmHWM");
    pty.send("q");
    pty.wait_exit(LONG);
    peak
}

fn report_memory(url: &str) {
    let peaks: Vec<u64> = (0..3).map(|_| peak_of_one_run(url)).collect();
    let worst = peaks.iter().copied().max().unwrap_or(0);
    println!(
        "dashboard with 10,006 databases: peak resident memory {} KiB (runs: {peaks:?} KiB; \
         limit {PEAK_LIMIT_KIB} KiB)",
        worst
    );
    assert!(worst > 0, "could not read the dashboard's /proc status");
    assert!(
        worst < PEAK_LIMIT_KIB,
        "peak resident memory {worst} KiB over {PEAK_LIMIT_KIB} KiB"
    );
}

fn bench_list(c: &mut Criterion, url: &str) {
    let mut group = c.benchmark_group("dashboard");
    group.sample_size(10);
    group.bench_function("10,006 databases: start to table drawn", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let home = home();
                let start = Instant::now();
                let mut pty = dashboard(&home, url);
                pty.wait_for("of 10006", LONG);
                total += start.elapsed();
                pty.send("q");
                pty.wait_exit(LONG);
            }
            total
        })
    });
    group.finish();
}

fn main() {
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => panic!("runtime: {e}"),
    };
    let sandbox = match rt.block_on(Sandbox::start(Options {
        seed: 10_000,
        ..Options::default()
    })) {
        Ok(s) => s,
        Err(e) => panic!("sandbox: {e}"),
    };
    let url = sandbox.url().to_string();
    report_memory(&url);
    let mut criterion = Criterion::default().configure_from_args();
    bench_list(&mut criterion, &url);
    criterion.final_summary();
    rt.block_on(sandbox.shutdown());
}
