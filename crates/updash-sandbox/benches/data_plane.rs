//! The data plane over HTTP with 1,000,000 keys in the database: one `SCAN … COUNT 1000`
//! round trip and one 1,000-command pipeline, on the embedded keyspace and, side by side,
//! on a local `redis-server` (skipped with a note when it is not installed). Ends with the
//! medians and their ratio.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;
use updash_common::secret::Secret;
use updash_sandbox::data::DataBackend;
use updash_sandbox::{Options, Sandbox};

const KEYS: usize = 1_000_000;
/// Samples behind each printed median.
const MEDIAN_SAMPLES: usize = 40;

/// A sandbox with a million keys in its first database, and how to reach that database.
struct Target {
    name: &'static str,
    sandbox: Sandbox,
    http: reqwest::Client,
    url: String,
    token: String,
}

impl Target {
    fn start(rt: &Runtime, name: &'static str, backend: DataBackend) -> Self {
        rt.block_on(async {
            let started = Instant::now();
            let sandbox = Sandbox::start(Options {
                data_backend: backend,
                seed_keys: KEYS,
                ..Options::default()
            })
            .await
            .expect("sandbox starts");
            eprintln!("{name}: {KEYS} keys seeded in {:?}", started.elapsed());
            let (id, token) = {
                let state = sandbox.shared().state();
                let db = state.api.databases.iter().next().expect("a database");
                (db.database_id.clone(), db.rest_token.expose().to_string())
            };
            let url = sandbox.endpoints().rest_url(&id).expect("data plane");
            Self {
                name,
                sandbox,
                http: reqwest::Client::new(),
                url,
                token,
            }
        })
    }

    async fn post(&self, path: &str, body: &Value) -> Value {
        let resp = self
            .http
            .post(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .expect("request");
        assert!(resp.status().is_success(), "{}", resp.status());
        resp.json().await.expect("JSON")
    }

    /// One SCAN page, continuing from `cursor`; returns the next cursor.
    async fn scan(&self, cursor: &str) -> String {
        let page = self.post("", &json!(["SCAN", cursor, "COUNT", 1000])).await;
        page["result"][0].as_str().unwrap_or("0").to_string()
    }

    /// 500 SETs and 500 GETs in one pipeline.
    async fn pipeline(&self, body: &Value) {
        let replies = self.post("/pipeline", body).await;
        assert_eq!(replies.as_array().map(Vec::len), Some(1000));
    }
}

fn pipeline_body() -> Value {
    let cmds: Vec<Value> = (0..1000)
        .map(|i| {
            if i % 2 == 0 {
                json!(["SET", format!("bench:{i}"), "value"])
            } else {
                json!(["GET", format!("cache:item:{}", i * 997)])
            }
        })
        .collect();
    Value::Array(cmds)
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

fn median(rt: &Runtime, mut run: impl FnMut() -> Duration) -> Duration {
    let _ = rt;
    let mut samples: Vec<Duration> = (0..MEDIAN_SAMPLES).map(|_| run()).collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn data_plane(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut targets = vec![Target::start(&rt, "embedded", DataBackend::Embedded)];
    let server = redis_server();
    match &server {
        Some((_, port)) => targets.push(Target::start(
            &rt,
            "redis",
            DataBackend::Redis(Secret::new(format!("redis://127.0.0.1:{port}"))),
        )),
        None => eprintln!("note: redis-server is not installed; the --redis-url half is skipped"),
    }
    let body = pipeline_body();
    let mut group = c.benchmark_group("data_plane_1m_keys");
    group.sample_size(30);
    for t in &targets {
        let mut cursor = "0".to_string();
        group.bench_function(format!("{}/scan_count_1000", t.name), |b| {
            b.iter(|| cursor = rt.block_on(t.scan(&cursor)))
        });
        group.bench_function(format!("{}/pipeline_1000", t.name), |b| {
            b.iter(|| rt.block_on(t.pipeline(&body)))
        });
    }
    group.finish();

    let mut medians = Vec::new();
    for t in &targets {
        let mut cursor = "0".to_string();
        let scan = median(&rt, || {
            let start = Instant::now();
            cursor = rt.block_on(t.scan(&cursor));
            start.elapsed()
        });
        let pipe = median(&rt, || {
            let start = Instant::now();
            rt.block_on(t.pipeline(&body));
            start.elapsed()
        });
        println!(
            "{}: median SCAN COUNT 1000 {scan:?}, median 1000-command pipeline {pipe:?}",
            t.name
        );
        medians.push((scan, pipe));
    }
    if let [(es, ep), (rs, rp)] = medians[..] {
        println!(
            "ratio embedded/redis: SCAN {:.2}, pipeline {:.2}",
            es.as_secs_f64() / rs.as_secs_f64(),
            ep.as_secs_f64() / rp.as_secs_f64()
        );
    }
    for t in targets {
        rt.block_on(t.sandbox.shutdown());
    }
    if let Some((mut child, _)) = server {
        let _ = child.kill();
        let _ = child.wait();
    }
}

criterion_group!(benches, data_plane);
criterion_main!(benches);
