//! `updash db ...` and `updash team ...` on the built binary against a sandbox over HTTP.

mod accounts;
mod backups;
mod changes;
mod create;
mod data;
mod data_hostile;
mod error_format;
mod faults;
mod json_shapes;
mod read;
mod teams;

use crate::support::cli::{Home, stderr, stdout};
use serde_json::Value;
use std::process::{Command, Output};
use updash::secret::Secret;
use updash::store::{Account, AccountId};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// A sandbox running in this test (on its own runtime) and a private home for updash.
pub struct Env {
    pub home: Home,
    rt: tokio::runtime::Runtime,
    sandbox: Option<Sandbox>,
    url: String,
    http: reqwest::Client,
}

impl Env {
    /// A fresh ephemeral sandbox with the default seed.
    pub fn start() -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let sandbox = rt
            .block_on(Sandbox::start(Options::default()))
            .expect("sandbox starts");
        Self {
            home: Home::new(),
            url: sandbox.url().to_string(),
            sandbox: Some(sandbox),
            rt,
            http: reqwest::Client::new(),
        }
    }

    /// The sandbox's base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `updash` pointed at the sandbox, without credentials.
    pub fn bare(&self) -> Command {
        let mut cmd = self.home.updash();
        cmd.env("UPDASH_SANDBOX_URL", &self.url);
        cmd
    }

    /// `updash --sandbox ARGS` with the seeded personal key in UPSTASH_EMAIL/UPSTASH_API_KEY.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_key(SEEDED_API_KEY, args)
    }

    /// `updash --sandbox ARGS` with this key in the environment.
    pub fn run_with_key(&self, key: &str, args: &[&str]) -> Output {
        self.bare()
            .env("UPSTASH_EMAIL", SEEDED_EMAIL)
            .env("UPSTASH_API_KEY", key)
            .arg("--sandbox")
            .args(args)
            .output()
            .expect("run updash")
    }

    /// `updash ARGS` using the stored accounts only (no environment credentials).
    pub fn run_stored(&self, args: &[&str]) -> Output {
        self.bare().args(args).output().expect("run updash")
    }

    /// Stores a sandbox account with this label and key; returns its id.
    pub fn add_account(&self, label: &str, key: &str) -> AccountId {
        let mut account = Account::new("sandbox", label, time::OffsetDateTime::now_utc());
        account.email = Some(SEEDED_EMAIL.to_string());
        account.api_key = Some(Secret::new(key));
        self.home
            .store()
            .update(|creds| creds.add_account(account))
            .expect("account stored")
    }

    /// The stored account `id`.
    pub fn account(&self, id: &AccountId) -> Account {
        let loaded = self.home.store().load().expect("load");
        loaded.credentials.get(id).cloned().expect("account")
    }

    /// A proxy in front of the sandbox that counts requests and connections; point a
    /// command at it with `UPDASH_SANDBOX_URL`.
    pub fn counting_proxy(&self) -> crate::support::counting_proxy::CountingProxy {
        let addr = self
            .url
            .trim_start_matches("http://")
            .parse()
            .expect("address");
        self.rt
            .block_on(crate::support::counting_proxy::CountingProxy::start(addr))
    }

    /// Sets sandbox faults (`POST /_sandbox/faults`).
    pub fn faults(&self, body: Value) {
        let resp = self
            .rt
            .block_on(
                self.http
                    .post(format!("{}/_sandbox/faults", self.url))
                    .json(&body)
                    .send(),
            )
            .expect("faults set");
        assert!(resp.status().is_success(), "faults refused: {body}");
    }

    /// The status of a GET with the seeded personal key, straight to the sandbox.
    pub fn api_status(&self, path: &str) -> u16 {
        self.rt.block_on(async {
            self.http
                .get(format!("{}{path}", self.url))
                .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
                .send()
                .await
                .expect("request")
                .status()
                .as_u16()
        })
    }

    /// GET with the seeded personal key, straight to the sandbox (no faults expected).
    pub fn api_get(&self, path: &str) -> Value {
        self.rt.block_on(async {
            let resp = self
                .http
                .get(format!("{}{path}", self.url))
                .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY))
                .send()
                .await
                .expect("request");
            assert!(resp.status().is_success(), "{path}: {}", resp.status());
            resp.json().await.expect("json")
        })
    }

    /// POSTs `body` to `url` with a bearer token and base64 replies (a Redis REST call).
    pub fn post_json(&self, url: &str, token: &str, body: &Value) -> Value {
        self.rt.block_on(async {
            let resp = self
                .http
                .post(url)
                .bearer_auth(token)
                .header("Upstash-Encoding", "base64")
                .json(body)
                .send()
                .await
                .expect("request");
            resp.json().await.expect("json")
        })
    }

    /// The personal account's databases, as the sandbox lists them.
    pub fn databases(&self) -> Vec<Value> {
        self.api_get("/v2/redis/databases")
            .as_array()
            .cloned()
            .expect("array")
    }

    /// The ids of the databases named `name`.
    pub fn ids_named(&self, name: &str) -> Vec<String> {
        self.databases()
            .iter()
            .filter(|d| d["database_name"] == name)
            .filter_map(|d| d["database_id"].as_str().map(str::to_owned))
            .collect()
    }

    /// The one database named `name`, with its credentials.
    pub fn database(&self, name: &str) -> Value {
        let ids = self.ids_named(name);
        assert_eq!(ids.len(), 1, "{name}: {ids:?}");
        self.api_get(&format!("/v2/redis/database/{}", ids[0]))
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.rt.block_on(sandbox.shutdown());
        }
    }
}

/// The exit code (-1 when killed by a signal).
pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Asserts success and returns stdout.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {}: {}{}",
        code(out),
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

/// Asserts success and parses stdout as JSON.
pub fn ok_json(out: &Output) -> Value {
    let text = ok(out);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts exit code `want` and returns stderr.
pub fn fails(out: &Output, want: i32) -> String {
    assert_eq!(
        code(out),
        want,
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
    stderr(out)
}

/// Asserts that none of `secrets` appears in any of `texts`.
pub fn assert_no_secrets(texts: &[&str], secrets: &[&str]) {
    for text in texts {
        for secret in secrets {
            assert!(
                secret.is_empty() || !text.contains(secret),
                "a secret leaked: {text}"
            );
        }
    }
}

/// The password and tokens of a database as the API returns them.
pub fn secrets_of(db: &Value) -> Vec<String> {
    ["password", "rest_token", "read_only_rest_token"]
        .iter()
        .filter_map(|k| db[*k].as_str().map(str::to_owned))
        .collect()
}
