//! `updash login`, `logout` and `status` on the built binary, against a sandbox started in
//! the test (`UPDASH_SANDBOX_URL`): the sandbox's forms are driven like a browser, and the
//! address it redirects to is pasted on the child's stdin.

mod accounts;
mod failures;
mod lifecycle;
mod paste;
mod secrets;
mod status_states;

use crate::support::cli::Home;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};
use updash_sandbox::test_browser as ob;
use updash_sandbox::{Options, Sandbox};

/// A sandbox for one test.
pub async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default()).await.unwrap()
}

/// `updash` in `home`, talking to the sandbox at `url`.
pub fn updash(home: &Home, url: &str) -> Command {
    let mut cmd = home.updash();
    cmd.env("UPDASH_SANDBOX_URL", url);
    cmd
}

/// A running `updash ... login`, with its stdout lines and stderr collected.
pub struct LoginChild {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    /// The threads reading stdout and stderr; they end when the child's pipes close.
    readers: Vec<std::thread::JoinHandle<()>>,
}

/// How a child ended.
#[derive(Debug)]
pub struct Ended {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Everything on stdout.
    pub stdout: String,
    /// Everything on stderr.
    pub stderr: String,
    /// How long it took from the call to `finish`.
    pub took: Duration,
}

fn collect(
    stream: impl std::io::Read + Send + 'static,
    all: Arc<Mutex<String>>,
    lines: Option<mpsc::Sender<String>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            all.lock().unwrap().push_str(&format!("{line}\n"));
            if let Some(tx) = &lines {
                let _ = tx.send(line);
            }
        }
    })
}

impl LoginChild {
    /// Starts `updash <args>` with piped stdio.
    pub fn spawn(mut cmd: Command, args: &[&str]) -> Self {
        let mut child = cmd
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn updash");
        let (tx, lines) = mpsc::channel();
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let readers = vec![
            collect(child.stdout.take().unwrap(), stdout.clone(), Some(tx)),
            collect(child.stderr.take().unwrap(), stderr.clone(), None),
        ];
        Self {
            stdin: child.stdin.take(),
            child,
            lines,
            stdout,
            stderr,
            readers,
        }
    }

    /// `updash --sandbox login --no-browser <extra>` against the sandbox at `url`.
    pub fn no_browser(home: &Home, url: &str, extra: &[&str]) -> Self {
        let mut args = vec!["--sandbox", "login", "--no-browser"];
        args.extend_from_slice(extra);
        Self::spawn(updash(home, url), &args)
    }

    /// The next stdout line (the authorize URL with --no-browser).
    pub fn next_line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no stdout line; stderr: {}", self.stderr_now()))
    }

    /// What stderr has said so far.
    pub fn stderr_now(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle`.
    pub fn wait_stderr(&self, needle: &str) {
        let start = Instant::now();
        while !self.stderr_now().contains(needle) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "stderr never said {needle:?}: {}",
                self.stderr_now()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Writes one line on the child's stdin.
    pub fn paste(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{text}").unwrap();
        stdin.flush().unwrap();
    }

    /// The child's process id.
    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Waits for the end (killing it after 60 s) and collects the output.
    pub fn finish(mut self) -> Ended {
        drop(self.stdin.take());
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = self.child.kill();
                break self.child.wait().unwrap();
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let took = start.elapsed();
        // Every byte the child wrote is read once both pipes are at end of file; no sleep
        // can promise that on a loaded machine.
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        Ended {
            code: status.code(),
            stdout: self.stdout.lock().unwrap().clone(),
            stderr: self.stderr.lock().unwrap().clone(),
            took,
        }
    }
}

impl Drop for LoginChild {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The origin (`http://127.0.0.1:PORT`) of a URL.
pub fn origin(url: &str) -> String {
    url::Url::parse(url).unwrap().origin().ascii_serialization()
}

/// Opens `authorize_url` like a browser, signs the seeded user in, answers consent with
/// `decision`, and returns where the provider redirects (the address to paste).
pub async fn approve(authorize_url: &str, decision: &str) -> String {
    let base = origin(authorize_url);
    let browser = ob::browser();
    let page = browser.get(authorize_url).send().await.unwrap();
    assert_eq!(page.status(), 200, "the sign-in page");
    let html = page.text().await.unwrap();
    let consent = ob::sign_in_to_consent(&browser, &base, &html).await;
    let resp = ob::submit_consent(&browser, &base, &consent, decision).await;
    ob::location(&resp).expect("redirect back to updash")
}

/// Runs a whole paste login (allow) and returns how it ended and the pasted address.
pub async fn paste_login(home: &Home, url: &str, extra: &[&str]) -> (Ended, String) {
    let mut child = LoginChild::no_browser(home, url, extra);
    let authorize = child.next_line();
    let back = approve(&authorize, "allow").await;
    child.paste(&back);
    let ended = tokio::task::spawn_blocking(move || child.finish())
        .await
        .unwrap();
    (ended, back)
}

/// Runs `updash args...` against the sandbox to the end.
pub fn run(home: &Home, url: &str, args: &[&str]) -> std::process::Output {
    updash(home, url).args(args).output().expect("run updash")
}

/// The credentials file as TOML, its sealed secrets opened.
pub fn credentials(home: &Home) -> toml::Table {
    let loaded = home.store().load().unwrap();
    toml::Table::try_from(&loaded.credentials).unwrap()
}

/// The accounts table of the credentials file.
pub fn accounts(home: &Home) -> Vec<toml::Table> {
    credentials(home)
        .get("accounts")
        .and_then(|a| a.as_table())
        .map(|t| t.values().filter_map(|v| v.as_table().cloned()).collect())
        .unwrap_or_default()
}

/// A string field of an account.
pub fn field<'a>(account: &'a toml::Table, name: &str) -> Option<&'a str> {
    account.get(name).and_then(|v| v.as_str())
}

/// The sandbox's API keys minted by updash (names starting `UPDASH_API_KEY_`).
pub fn minted_keys(sb: &Sandbox) -> Vec<String> {
    sb.shared()
        .state()
        .api
        .api_keys
        .iter()
        .filter(|k| k.name.starts_with("UPDASH_API_KEY_"))
        .map(|k| k.name.clone())
        .collect()
}

/// After a successful OAuth login: the credentials file is private (0600), holds exactly one
/// account for the seeded user, the sandbox minted exactly one key, and that key works.
/// Returns the account for further checks.
pub async fn assert_one_private_account_with_a_working_key(
    home: &Home,
    sb: &Sandbox,
) -> toml::Table {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(home.credentials())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let accounts = accounts(home);
    assert_eq!(accounts.len(), 1);
    let a = accounts[0].clone();
    assert_eq!(field(&a, "email"), Some(updash_sandbox::SEEDED_EMAIL));
    assert_eq!(minted_keys(sb).len(), 1);
    let key = updash::secret::Secret::new(field(&a, "api_key").unwrap());
    let client = updash::upstash::Client::new(
        &updash::upstash::ClientConfig::new(sb.url()).unwrap(),
        updash::upstash::ApiCredentials::new(updash_sandbox::SEEDED_EMAIL, key),
    )
    .unwrap();
    client.list_databases().await.unwrap();
    a
}
