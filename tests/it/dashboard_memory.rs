//! The real dashboard's memory with 10,006 databases: the built binary in a pty, its account
//! stored, listing a sandbox seeded with 10,000 extra databases over HTTP, and its peak
//! resident memory (VmHWM) read from /proc. The bound here is generous (a debug build, a
//! shared machine); the release build's figure is reported, and held under the 40 MB the
//! product promises, by `cargo bench --bench dashboard_memory`.

use crate::support::cli::Home;
use crate::support::pty::Pty;
use portable_pty::CommandBuilder;
use std::time::Duration;
use updash::secret::Secret;
use updash::store::Account;
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

const LONG: Duration = Duration::from_secs(60);
/// Peak resident memory allowed to a debug build of the dashboard, in KiB.
const DEBUG_PEAK_BOUND_KIB: u64 = 80 * 1024;

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

#[test]
fn the_dashboard_lists_ten_thousand_databases_in_bounded_memory() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sandbox = rt
        .block_on(Sandbox::start(Options {
            seed: 10_000,
            ..Options::default()
        }))
        .expect("sandbox");
    let home = Home::new();
    let mut account = Account::new("sandbox", "scale", time::OffsetDateTime::now_utc());
    account.email = Some(SEEDED_EMAIL.to_string());
    account.api_key = Some(Secret::new(SEEDED_API_KEY));
    home.store()
        .update(|creds| creds.add_account(account))
        .expect("account stored");

    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home.root());
    cmd.env("XDG_CONFIG_HOME", home.root().join("config"));
    cmd.env("XDG_STATE_HOME", home.root().join("state"));
    cmd.env("XDG_DATA_HOME", home.root().join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("UPDASH_SANDBOX_URL", sandbox.url());
    cmd.args(["--sandbox"]);
    let mut pty = Pty::spawn(cmd, 120, 40);
    let pid = pty.pid().expect("pid");
    // A usable account: the dashboard opens on its databases.
    pty.wait_for("of 10006", LONG);
    // A few cursor moves and a filter over all rows, as an operator would.
    pty.send("jjjj/sess");
    pty.wait_for("sessions-prod", LONG);
    pty.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    let peak = status_kib(pid, "VmHWM");
    let now = status_kib(pid, "VmRSS");
    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0));
    rt.block_on(sandbox.shutdown());
    println!(
        "dashboard (debug build) with 10,006 databases: peak resident {} KiB, resident {} KiB",
        peak, now
    );
    assert!(peak > 0, "could not read /proc/{pid}/status");
    assert!(
        peak < DEBUG_PEAK_BOUND_KIB,
        "peak resident memory {peak} KiB over {DEBUG_PEAK_BOUND_KIB} KiB"
    );
}
