//! `updash sandbox` on the built binary: the banner contract, serving, SIGTERM with a saved
//! state, data directories and their lock, seeding, fault flags and bad flags.

use crate::support::cli::{Home, stderr};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL, SEEDED_PASSWORD};

/// How long a sandbox may take to print its banner (seeding 10,000 databases included).
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a sandbox may take to stop after SIGTERM.
const STOP_TIMEOUT: Duration = Duration::from_secs(15);
const BANNER_PREFIX: &str = "updash sandbox listening on ";

/// A running `updash sandbox` process; killed when dropped, so a failed assertion leaves
/// nothing behind.
struct Running {
    child: Child,
    /// The base URL read from the first line.
    url: String,
    /// The banner's lines, the first one included.
    banner: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl Running {
    /// Starts `updash sandbox --port 0 args...` in `home` and waits for its banner.
    fn start(home: &Home, args: &[&str]) -> Self {
        let mut child = home
            .updash()
            .args(["sandbox", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn updash sandbox");
        // From here on the guard owns the child: any panic below kills it.
        let stdout = child.stdout.take();
        let err_pipe = child.stderr.take();
        let mut running = Self {
            child,
            url: String::new(),
            banner: Vec::new(),
            stderr: Arc::new(Mutex::new(String::new())),
        };
        let sink = running.stderr.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = err_pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            if let Ok(mut s) = sink.lock() {
                s.push_str(&text);
            }
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let Some(stdout) = stdout else { return };
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // The banner has six lines; the first is the contract.
        for _ in 0..6 {
            match rx.recv_timeout(START_TIMEOUT) {
                Ok(line) => running.banner.push(line),
                Err(_) => panic!(
                    "no banner from updash sandbox {args:?}; got {:?}; stderr: {}",
                    running.banner,
                    running.stderr_text()
                ),
            }
        }
        let first = &running.banner[0];
        let url = first
            .strip_prefix(BANNER_PREFIX)
            .unwrap_or_else(|| panic!("first line is not the contract: {first:?}"));
        running.url = url.to_string();
        running
    }

    fn stderr_text(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Sends SIGTERM and waits for the exit.
    fn terminate(&mut self) -> ExitStatus {
        let pid = libc::pid_t::try_from(self.child.id()).expect("pid fits");
        // SAFETY: signalling our own, not yet reaped child by its pid; no memory is involved.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0, "kill -TERM");
        self.wait(STOP_TIMEOUT)
            .unwrap_or_else(|| panic!("still running {STOP_TIMEOUT:?} after SIGTERM"))
    }

    /// The exit status, waiting at most `limit`.
    fn wait(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A client that opens a new connection per request, so no keep-alive outlives a test.
fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("http client")
}

/// GET with the seeded personal key; returns status and JSON body.
async fn get_v2(sandbox: &Running, path: &str) -> (u16, Value) {
    let resp = http()
        .get(sandbox.url(path))
        .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
        .send()
        .await
        .expect("GET");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Creates a personal database named `name`.
async fn create_database(sandbox: &Running, name: &str) {
    let resp = http()
        .post(sandbox.url("/v2/redis/database"))
        .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
        .json(&json!({"database_name": name, "platform": "aws", "primary_region": "eu-west-1"}))
        .send()
        .await
        .expect("POST /v2/redis/database");
    assert_eq!(resp.status(), 200, "{:?}", resp.text().await);
}

/// The personal account's database names.
async fn database_names(sandbox: &Running) -> Vec<String> {
    let (status, body) = get_v2(sandbox, "/v2/redis/databases").await;
    assert_eq!(status, 200, "{body}");
    body.as_array()
        .expect("a JSON array")
        .iter()
        .filter_map(|d| d["database_name"].as_str().map(str::to_string))
        .collect()
}

/// Every file under `dir` (none when it does not exist).
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[tokio::test]
async fn banner_serving_sigterm_and_state_that_survives_a_restart() {
    let home = Home::new();
    let mut first = Running::start(&home, &[]);

    // The first line is exactly the contract, with a real port.
    let port: u16 = first
        .url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("not a loopback URL: {}", first.url));
    assert_ne!(port, 0);
    assert_eq!(
        first.banner[0],
        format!("{BANNER_PREFIX}http://127.0.0.1:{port}")
    );
    assert!(
        first.banner[1].contains(SEEDED_EMAIL) && first.banner[1].contains(SEEDED_PASSWORD),
        "second line names the seeded user: {:?}",
        first.banner[1]
    );
    let data_dir = home.root().join("data/updash/sandbox");
    assert!(
        first
            .banner
            .iter()
            .any(|l| l.contains(&data_dir.display().to_string())),
        "{:?}",
        first.banner
    );

    let resp = http()
        .get(first.url("/.well-known/oauth-authorization-server"))
        .send()
        .await
        .expect("GET metadata");
    assert_eq!(resp.status(), 200);
    let meta: Value = resp.json().await.expect("metadata JSON");
    assert_eq!(meta["issuer"], first.url.as_str());

    create_database(&first, "made-in-the-first-run").await;
    let status = first.terminate();
    assert_eq!(status.code(), Some(0), "stderr: {}", first.stderr_text());
    let saved = std::fs::read_to_string(data_dir.join("state.json")).expect("state.json saved");
    let _: Value = serde_json::from_str(&saved).expect("state.json is JSON");
    assert!(saved.contains("made-in-the-first-run"));
    assert!(!saved.contains(SEEDED_API_KEY), "keys are stored hashed");
    let log = home.log_text();
    assert!(
        log.contains("database created"),
        "the run logged at trace: {log}"
    );
    assert!(!log.contains(SEEDED_API_KEY), "the log holds the API key");

    let mut second = Running::start(&home, &[]);
    let names = database_names(&second).await;
    assert!(
        names.iter().any(|n| n == "made-in-the-first-run"),
        "{names:?}"
    );
    assert_eq!(second.terminate().code(), Some(0));
}

#[tokio::test]
async fn ephemeral_writes_nothing_under_the_data_home() {
    let home = Home::new();
    let mut sandbox = Running::start(&home, &["--ephemeral"]);
    assert!(
        sandbox.banner.iter().any(|l| l.contains("ephemeral")),
        "{:?}",
        sandbox.banner
    );
    create_database(&sandbox, "gone-after-exit").await;
    assert_eq!(sandbox.terminate().code(), Some(0));
    let written = files_under(&home.root().join("data"));
    assert!(written.is_empty(), "{written:?}");
}

#[tokio::test]
async fn data_dir_flag_is_used_and_one_sandbox_holds_it() {
    let home = Home::new();
    let dir = home.root().join("elsewhere");
    let dir_arg = dir.display().to_string();
    let mut sandbox = Running::start(&home, &["--data-dir", &dir_arg]);
    assert!(
        dir.join("state.json").is_file(),
        "seeded state saved at start"
    );

    let second = home.run(&["sandbox", "--port", "0", "--data-dir", &dir_arg]);
    assert_ne!(second.status.code(), Some(0));
    let message = stderr(&second);
    assert!(message.contains("another sandbox is using"), "{message}");
    assert!(message.contains(&dir_arg), "{message}");

    // The first one is unharmed and saves into DIR, not the default place.
    create_database(&sandbox, "in-elsewhere").await;
    assert_eq!(sandbox.terminate().code(), Some(0));
    let saved = std::fs::read_to_string(dir.join("state.json")).expect("state.json");
    assert!(saved.contains("in-elsewhere"));
    assert!(files_under(&home.root().join("data")).is_empty());
}

#[tokio::test]
async fn seed_ten_thousand_lists_10006_databases() {
    let home = Home::new();
    let mut sandbox = Running::start(&home, &["--ephemeral", "--seed", "10000"]);
    let names = database_names(&sandbox).await;
    assert_eq!(names.len(), 10_006);
    assert_eq!(sandbox.terminate().code(), Some(0));
}

#[tokio::test]
async fn latency_flag_delays_every_request() {
    let home = Home::new();
    let mut sandbox = Running::start(&home, &["--ephemeral", "--latency-ms", "200"]);
    let started = Instant::now();
    let resp = http()
        .get(sandbox.url("/.well-known/oauth-authorization-server"))
        .send()
        .await
        .expect("GET");
    assert_eq!(resp.status(), 200);
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.terminate().code(), Some(0));
}

#[tokio::test]
async fn fail_rate_one_fails_every_request() {
    let home = Home::new();
    let mut sandbox = Running::start(&home, &["--ephemeral", "--fail-rate", "1"]);
    for path in [
        "/.well-known/oauth-authorization-server",
        "/v2/redis/databases",
    ] {
        let (status, body) = get_v2(&sandbox, path).await;
        assert_eq!(status, 500, "{path}: {body}");
    }
    assert_eq!(sandbox.terminate().code(), Some(0));
}

#[tokio::test]
async fn rate_limit_one_answers_429_with_retry_after() {
    let home = Home::new();
    let mut sandbox = Running::start(&home, &["--ephemeral", "--rate-limit", "1"]);
    let client = http();
    let url = sandbox.url("/.well-known/oauth-authorization-server");
    let first = client.get(&url).send().await.expect("first");
    assert_eq!(first.status(), 200);
    let second = client.get(&url).send().await.expect("second");
    assert_eq!(second.status(), 429);
    let retry_after = second
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert!(matches!(retry_after, Some(1..=60)), "{retry_after:?}");
    assert_eq!(sandbox.terminate().code(), Some(0));
}

#[test]
fn bad_flags_exit_2_with_a_clear_message() {
    let home = Home::new();
    let elsewhere = home.root().join("elsewhere").display().to_string();
    let cases: [(&[&str], &str); 5] = [
        (&["--fail-rate", "2"], "--fail-rate"),
        (&["--fail-rate=-0.5"], "--fail-rate"),
        (&["--fail-rate", "often"], "--fail-rate"),
        (&["--token-ttl", "0"], "--token-ttl"),
        (&["--ephemeral", "--data-dir", &elsewhere], "--data-dir"),
    ];
    for (args, named) in cases {
        let out = home
            .updash()
            .arg("sandbox")
            .args(args)
            .output()
            .expect("run updash sandbox");
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains(named), "{args:?}: {message}");
        assert!(out.stdout.is_empty(), "{args:?} must not start a sandbox");
    }
    let out = home.run(&["sandbox", "--fail-rate", "2"]);
    assert!(
        stderr(&out).contains("between 0.0 and 1.0"),
        "{}",
        stderr(&out)
    );
    assert!(files_under(&home.root().join("data")).is_empty());
}
