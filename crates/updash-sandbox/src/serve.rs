//! The HTTP/1 accept loop with the sandbox's limits: head size and time, open connections,
//! and the time one request may take. Body limits are a middleware ([`crate::bounded`]).

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// The largest request body the OAuth and Developer API routes accept.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The largest request head (request line + headers).
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long a client may take to send its request head.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once per listener; more wait in the kernel's backlog.
pub const MAX_CONNECTIONS: usize = 512;
/// The longest one request may take, body and answer included: above the largest injected
/// latency (ten minutes), so a latency fault never turns into a timeout.
const REQUEST_TIME_LIMIT: Duration = Duration::from_secs(11 * 60);

/// Serves `router` on `listener` until `stop` turns true, then lets open requests finish.
pub async fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = stopped(&mut stop) => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    tracing::debug!("sandbox: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = stopped(&mut stop) => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(remote));
            let call = router.clone().oneshot(req);
            async move {
                match tokio::time::timeout(REQUEST_TIME_LIMIT, call).await {
                    Ok(answer) => answer,
                    Err(_) => Ok(crate::bounded::error(
                        axum::http::StatusCode::SERVICE_UNAVAILABLE,
                        "the request took too long",
                    )),
                }
            }
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .max_buf_size(MAX_HEAD_BYTES.max(8192));
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!("sandbox: connection from {remote} ended: {e}");
            }
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
}

/// Resolves once `stop` turns true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    // The borrow guard is dropped here, so the accept loop's future stays `Send`.
    let _ = stop.wait_for(|s| *s).await.map(|_| ());
}
