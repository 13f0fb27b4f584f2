//! `updash --sandbox login` under 100 slow clients: half send the embedded sandbox request
//! bodies one byte per TCP segment, half hold the login listener with heads that trickle in
//! (slowloris) or bodies that do. The updash process's resident memory stays under a stated
//! bound, the sandbox keeps answering, and the listener still takes the browser's callback.

use crate::cli_login::{LoginChild, approve};
use crate::support::cli::Home;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Slow connections in all.
const CONNECTIONS: usize = 100;
/// The most updash's resident memory may grow while they are open.
const GROWTH_BOUND_MIB: u64 = 48;

/// VmRSS of process `pid`, in KiB (0 when unreadable).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Sends `head`, then `trickle` one byte per segment, then holds the connection a while.
async fn slow(addr: SocketAddr, head: String, trickle: Vec<u8>, pause: Duration) {
    let Ok(mut tcp) = tokio::net::TcpStream::connect(addr).await else {
        return;
    };
    let _ = tcp.set_nodelay(true);
    if tcp.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    for b in trickle {
        if tcp.write_all(&[b]).await.is_err() {
            return;
        }
        tokio::time::sleep(pause).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
}

fn port_of(url: &str) -> u16 {
    url::Url::parse(url).unwrap().port().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_slow_clients_keep_login_and_its_sandbox_bounded_and_answering() {
    let home = Home::new();
    // The embedded sandbox: no UPDASH_SANDBOX_URL.
    let child = LoginChild::spawn(home.updash(), &["--sandbox", "login", "--no-browser"]);
    let authorize = child.next_line();
    child.wait_stderr("Waiting for the sign-in");
    let pid = child.pid() as u32;
    let sandbox: SocketAddr = ([127, 0, 0, 1], port_of(&authorize)).into();
    let redirect = url::Url::parse(&authorize)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let listener: SocketAddr = ([127, 0, 0, 1], port_of(&redirect)).into();
    let http = reqwest::Client::new();
    let alive = || {
        http.get(format!(
            "http://{sandbox}/.well-known/oauth-authorization-server"
        ))
        .send()
    };
    assert_eq!(alive().await.unwrap().status(), 200);
    // The embedded sandbox seeds its demo keys in the background after it starts serving:
    // the baseline is the settled process (two readings 300 ms apart within 1 MiB).
    let mut baseline = rss_kib(pid);
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = rss_kib(pid);
        let settled = now.abs_diff(baseline) < 1024;
        baseline = now;
        if settled {
            break;
        }
    }

    let mut tasks = Vec::new();
    for i in 0..CONNECTIONS {
        let (addr, head, trickle, pause) = match i % 4 {
            // The sandbox's API: a 65,000-byte body, a byte at a time.
            0 | 1 => (
                sandbox,
                "POST /v2/redis/database HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
                 content-length: 65000\r\n\r\n"
                    .to_string(),
                vec![b'x'; 3000],
                Duration::from_millis(1),
            ),
            // The listener: a head that never ends (slowloris).
            2 => (
                listener,
                "GET /callback?code=x&state=y HTTP/1.1\r\n".to_string(),
                b"x-slow: ".iter().copied().chain([b'a'; 400]).collect(),
                Duration::from_millis(10),
            ),
            // The listener: a body announced and sent a byte at a time.
            _ => (
                listener,
                "POST /callback HTTP/1.1\r\nhost: x\r\ncontent-length: 1000000\r\n\r\n".to_string(),
                vec![b'y'; 3000],
                Duration::from_millis(1),
            ),
        };
        tasks.push(tokio::spawn(slow(addr, head, trickle, pause)));
    }
    let mut peak = baseline;
    for _ in 0..15 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        peak = peak.max(rss_kib(pid));
        let answer = tokio::time::timeout(Duration::from_secs(5), alive()).await;
        assert!(
            answer.is_ok_and(|r| r.is_ok_and(|r| r.status() == 200)),
            "the sandbox stopped answering under slow clients"
        );
    }
    // The browser's callback still reaches the listener through the slow crowd.
    let back = approve(&authorize, "allow").await;
    let page = tokio::time::timeout(Duration::from_secs(10), http.get(&back).send())
        .await
        .expect("the listener answered in time")
        .expect("the listener answered");
    assert_eq!(page.status(), 200);
    peak = peak.max(rss_kib(pid));
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    for task in tasks {
        task.abort();
    }
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let growth_mib = peak.saturating_sub(baseline) / 1024;
    println!(
        "updash resident memory: baseline {} MiB, peak {} MiB, growth {growth_mib} MiB",
        baseline / 1024,
        peak / 1024
    );
    assert!(baseline > 0, "could not read /proc/{pid}/status");
    assert!(
        growth_mib < GROWTH_BOUND_MIB,
        "{CONNECTIONS} slow clients grew updash by {growth_mib} MiB (bound {GROWTH_BOUND_MIB} MiB)"
    );
}
