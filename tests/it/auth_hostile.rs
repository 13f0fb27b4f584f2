//! Hostile callers: garbage, oversized heads, wrong methods and paths, wrong states and
//! stalled clients hit the listener while a sign-in waits; each gets the answer its kind
//! deserves (or none, for a request that never finishes), and the real callback still wins.

use crate::auth_listener::start_waiting;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use updash::auth::LoginOptions;

/// Sends `bytes` and returns the status of the answer, `None` when the server closed the
/// connection without one or none came in time (a stalled client gives up after 200 ms).
async fn poke(addr: String, bytes: Vec<u8>, stall: bool) -> Option<u16> {
    let Ok(Ok(mut stream)) =
        tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(&addr)).await
    else {
        panic!("the listener refused a connection");
    };
    let _ = stream.write_all(&bytes).await;
    let wait = if stall {
        Duration::from_millis(200)
    } else {
        Duration::from_secs(5)
    };
    let mut answer = Vec::new();
    let mut buf = vec![0u8; 4096];
    let _ = tokio::time::timeout(wait, async {
        while let Ok(n) = stream.read(&mut buf).await {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
        }
    })
    .await;
    let text = String::from_utf8_lossy(&answer);
    text.strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
}

/// What a hostile request must get.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// This status.
    Status(u16),
    /// A 400, or the connection closed without an answer (garbage that is not HTTP).
    BadOrClosed,
    /// No answer: the request never finished.
    Nothing,
}

impl Expect {
    fn allows(self, got: Option<u16>) -> bool {
        match self {
            Expect::Status(s) => got == Some(s),
            Expect::BadOrClosed => matches!(got, None | Some(400)),
            Expect::Nothing => got.is_none(),
        }
    }
}

/// The `i`th hostile request: its bytes, whether it stalls, and what it must get.
fn bad_request(i: usize, path: &str, host: &str) -> (Vec<u8>, bool, Expect) {
    let (bytes, stall) = bad_bytes(i, path, host);
    let expect = match i % 8 {
        0 => Expect::BadOrClosed,
        1 => Expect::Status(431),
        2 | 6 => Expect::Status(405),
        3 => Expect::Status(404),
        4 | 7 => Expect::Status(400),
        _ => Expect::Nothing,
    };
    (bytes, stall, expect)
}

fn bad_bytes(i: usize, path: &str, host: &str) -> (Vec<u8>, bool) {
    match i % 8 {
        0 => (
            (0..512).map(|j| ((i * 31 + j * 7) % 256) as u8).collect(),
            false,
        ),
        1 => {
            let big = "a".repeat(20_000);
            (
                format!("GET {path}?code=x HTTP/1.1\r\nHost: {host}\r\nX-Big: {big}\r\n\r\n")
                    .into_bytes(),
                false,
            )
        }
        2 => (
            format!("DELETE {path}?code=x&state=y HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
            false,
        ),
        3 => (
            format!("GET /favicon.ico HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
            false,
        ),
        4 => (
            format!("GET {path}?code=stolen&state=guess{i} HTTP/1.1\r\nHost: {host}\r\n\r\n")
                .into_bytes(),
            false,
        ),
        5 => (
            format!("GET {path}?code=x&sta").into_bytes(),
            true, // partial request line, then stall
        ),
        6 => (
            format!("POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 100000\r\n\r\nabc")
                .into_bytes(),
            true,
        ),
        _ => (
            format!(
                "GET {path}?error=access_denied&state=forged{i} HTTP/1.1\r\nHost: {host}\r\n\r\n"
            )
            .into_bytes(),
            false,
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_bad_requests_do_not_stop_the_real_callback() {
    let started = Instant::now();
    let (redirect, state, _tx, _cancel, wait) = start_waiting(LoginOptions::default()).await;
    let url = url::Url::parse(&redirect).unwrap();
    let host = format!("127.0.0.1:{}", url.port().unwrap());
    let path = url.path().to_string();
    let limit = Arc::new(Semaphore::new(50));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..1000 {
        let permit = limit.clone().acquire_owned().await.unwrap();
        let (bytes, stall, expect) = bad_request(i, &path, &host);
        let addr = host.clone();
        tasks.spawn(async move {
            let got = poke(addr, bytes, stall).await;
            drop(permit);
            (i, expect, got)
        });
    }
    while let Some(done) = tasks.join_next().await {
        let (i, expect, got) = done.unwrap();
        assert!(
            expect.allows(got),
            "request {i}: wanted {expect:?}, got {got:?}"
        );
    }
    assert!(!wait.is_finished(), "a bad request ended the wait");
    let real = format!(
        "GET {path}?code=the-real-code&state={} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
        url::form_urlencoded::byte_serialize(state.as_bytes()).collect::<String>()
    );
    let mut stream = TcpStream::connect(&host).await.unwrap();
    stream.write_all(real.as_bytes()).await.unwrap();
    let mut code = tokio::time::timeout(Duration::from_secs(5), wait)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(code.code().expose(), "the-real-code");
    code.take_reply().connected().await;
    let mut response = String::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut response))
        .await
        .unwrap()
        .unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}
