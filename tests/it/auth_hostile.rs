//! Hostile callers: garbage, oversized heads, wrong methods and paths, wrong states and
//! stalled clients hit the listener while a sign-in waits; the real callback still wins.

use crate::auth_listener::start_waiting;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use updash::auth::LoginOptions;

/// Sends `bytes` and reads until the server closes (or a short deadline passes).
async fn poke(addr: String, bytes: Vec<u8>, stall: bool) {
    let Ok(Ok(mut stream)) =
        tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(&addr)).await
    else {
        return;
    };
    let _ = stream.write_all(&bytes).await;
    if stall {
        // A slow client: half a request, then nothing, then give up.
        tokio::time::sleep(Duration::from_millis(200)).await;
        return;
    }
    let mut buf = vec![0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        while let Ok(n) = stream.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
}

fn bad_request(i: usize, path: &str, host: &str) -> (Vec<u8>, bool) {
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
        let (bytes, stall) = bad_request(i, &path, &host);
        let addr = host.clone();
        tasks.spawn(async move {
            poke(addr, bytes, stall).await;
            drop(permit);
        });
    }
    while tasks.join_next().await.is_some() {}
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
