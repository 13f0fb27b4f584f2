//! A TCP proxy in front of a server that counts what passes: the connections opened and
//! the HTTP/1.1 request lines sent, so a test can say how many requests (and over how many
//! connections) a client made.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy saw.
#[derive(Debug, Default)]
struct Seen {
    connections: usize,
    requests: Vec<String>,
    partial: Vec<u8>,
}

/// A running proxy; it stops with the runtime it was started on.
#[derive(Clone)]
pub struct CountingProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Seen>>,
}

impl CountingProxy {
    /// Listens on a free loopback port and forwards every connection to `upstream`.
    pub async fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let addr = listener.local_addr().expect("proxy address");
        let seen = Arc::new(Mutex::new(Seen::default()));
        let task_seen = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                task_seen.lock().unwrap().connections += 1;
                let seen = Arc::clone(&task_seen);
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(upstream).await {
                        relay(client, server, seen).await;
                    }
                });
            }
        });
        Self { addr, seen }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.seen.lock().unwrap().connections
    }

    /// Request lines seen so far, e.g. `GET /v2/redis/databases`.
    pub fn requests(&self) -> Vec<String> {
        self.seen.lock().unwrap().requests.clone()
    }

    /// The Developer API's request lines seen so far (`/v2/…`), leaving out what only the
    /// sandbox is asked (where its data plane listens).
    pub fn api_requests(&self) -> Vec<String> {
        let mut requests = self.requests();
        requests.retain(|r| r.split(' ').nth(1).is_some_and(|p| p.starts_with("/v2/")));
        requests
    }
}

async fn relay(client: TcpStream, server: TcpStream, seen: Arc<Mutex<Seen>>) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let upstream = async {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n) = client_read.read(&mut buf).await {
            if n == 0 {
                break;
            }
            note_requests(&seen, &buf[..n]);
            if server_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
        let _ = server_write.shutdown().await;
    };
    let downstream = async {
        let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
        let _ = client_write.shutdown().await;
    };
    tokio::join!(upstream, downstream);
}

/// Records every line ending in ` HTTP/1.1` (a request line; bodies here are JSON).
fn note_requests(seen: &Mutex<Seen>, bytes: &[u8]) {
    let mut seen = seen.lock().unwrap();
    seen.partial.extend_from_slice(bytes);
    while let Some(end) = seen.partial.windows(2).position(|w| w == b"\r\n") {
        let line: Vec<u8> = seen.partial.drain(..end + 2).collect();
        let line = String::from_utf8_lossy(&line[..end]).into_owned();
        if let Some(request) = line.strip_suffix(" HTTP/1.1") {
            // A body without a line break can precede the next request line.
            let start = ["GET ", "POST ", "PATCH ", "PUT ", "DELETE "]
                .iter()
                .filter_map(|m| request.rfind(m))
                .max()
                .unwrap_or(0);
            seen.requests.push(request[start..].to_string());
        }
    }
}
