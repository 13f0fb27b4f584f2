//! A bounded server: 100 connections that send their bodies one byte per TCP segment keep
//! the sandbox's resident memory under a stated bound, and it keeps serving meanwhile.
//!
//! The sandbox runs in a child process (this test binary re-run for one test), so its
//! memory is measured alone, from /proc.

use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Names the child's role; unset in a normal test run.
const CHILD_ROLE: &str = "UPDASH_SANDBOX_TEST_CHILD";
/// Slow connections, half on each listener.
const CONNECTIONS: usize = 100;
/// One-byte segments each connection sends while being measured.
const SEGMENTS: usize = 4000;
/// The most the sandbox's resident memory may grow under the slow connections.
const GROWTH_BOUND_MIB: u64 = 48;

/// VmRSS of process `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Opens a connection, sends a head announcing `length` bytes, then one byte per segment.
async fn slow_body(addr: std::net::SocketAddr, head: String) {
    let Ok(mut tcp) = tokio::net::TcpStream::connect(addr).await else {
        return;
    };
    let _ = tcp.set_nodelay(true);
    if tcp.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    for i in 0..SEGMENTS {
        if tcp.write_all(b"x").await.is_err() {
            return;
        }
        if i % 50 == 0 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await; // held open while measured
}

#[tokio::test]
async fn a_hundred_slow_bodies_keep_memory_bounded_and_the_sandbox_serving() {
    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args(["--exact", "data::slow_clients::server_child", "--nocapture"])
        .env(CHILD_ROLE, "server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run the child");
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let line = lines
        .find_map(|l| l.ok().filter(|l| l.starts_with("SANDBOX ")))
        .expect("the child's addresses");
    let parts: Vec<&str> = line.split_whitespace().collect();
    let (main, data, db, token) = (parts[1], parts[2], parts[3], parts[4]);
    let main_addr: std::net::SocketAddr = main.parse().expect("addr");
    let data_addr: std::net::SocketAddr = data.parse().expect("addr");
    let http = reqwest::Client::new();
    let rest_url = format!("http://{data}/{db}");
    let ping = || {
        http.post(&rest_url)
            .bearer_auth(token)
            .json(&json!(["PING"]))
            .send()
    };
    assert_eq!(ping().await.expect("ping").status(), 200);
    let baseline = rss_kib(pid);
    let mut slow = Vec::new();
    for i in 0..CONNECTIONS {
        let (addr, head) = if i % 2 == 0 {
            let head = "POST /v2/redis/database HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 65000\r\n\r\n".to_string();
            (main_addr, head)
        } else {
            let head = format!(
                "POST /{db} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {token}\r\ncontent-length: 10000000\r\n\r\n"
            );
            (data_addr, head)
        };
        slow.push(tokio::spawn(slow_body(addr, head)));
    }
    let mut peak = baseline;
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        peak = peak.max(rss_kib(pid));
        let answer = tokio::time::timeout(Duration::from_secs(5), ping()).await;
        assert!(
            answer.is_ok_and(|r| r.is_ok_and(|r| r.status() == 200)),
            "the sandbox stopped serving under slow clients"
        );
    }
    for task in slow {
        let _ = task.await;
    }
    peak = peak.max(rss_kib(pid));
    drop(child.stdin.take());
    let _ = child.wait();
    let growth_mib = peak.saturating_sub(baseline) / 1024;
    println!(
        "resident memory: baseline {} MiB, peak {} MiB, growth {growth_mib} MiB",
        baseline / 1024,
        peak / 1024
    );
    assert!(baseline > 0, "could not read /proc/{pid}/status");
    assert!(
        growth_mib < GROWTH_BOUND_MIB,
        "{CONNECTIONS} slow bodies grew the sandbox by {growth_mib} MiB (bound {GROWTH_BOUND_MIB} MiB)"
    );
}

/// The child's body: an ephemeral sandbox that prints its addresses and runs until its
/// stdin closes; a no-op in a normal run.
#[test]
fn server_child() {
    if std::env::var(CHILD_ROLE).as_deref() != Ok("server") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let env = super::DataEnv::embedded().await;
        println!(
            "SANDBOX {} {} {} {}",
            env.sandbox.addr(),
            env.sandbox.data_addr(),
            env.db_id,
            env.token
        );
        let stdin_closed = tokio::task::spawn_blocking(|| {
            let mut sink = String::new();
            while std::io::stdin().read_line(&mut sink).is_ok_and(|n| n > 0) {}
        });
        let _ = tokio::time::timeout(Duration::from_secs(120), stdin_closed).await;
        env.stop().await;
    });
}
