//! The Redis REST data plane over real HTTP: conformance (embedded and, differentially,
//! real Redis), bad input, tokens, persistence, bounded serving and the official SDK.

mod bad_input;
mod conformance;
mod on_redis;
mod persistence;
pub mod redis_server;
mod runner;
mod sdk;
mod slow_clients;
mod suite;
mod tokens;

use serde_json::Value;
use updash_common::secret::Secret;
use updash_sandbox::data::DataBackend;
use updash_sandbox::{Options, Sandbox};

/// A sandbox, an HTTP client and one of its databases with both tokens.
pub struct DataEnv {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
    pub db_id: String,
    pub rest_url: String,
    pub token: String,
    pub read_only_token: String,
}

impl DataEnv {
    /// An ephemeral embedded sandbox, on its first seeded database.
    pub async fn embedded() -> Self {
        Self::with(Options::default()).await
    }

    /// An ephemeral sandbox on a real Redis.
    pub async fn redis(url: &str) -> Self {
        Self::with(Options {
            data_backend: DataBackend::Redis(Secret::new(url)),
            ..Options::default()
        })
        .await
    }

    /// A sandbox with these options, on its first seeded database.
    pub async fn with(opts: Options) -> Self {
        let sandbox = Sandbox::start(opts).await.expect("sandbox starts");
        let (db_id, token, read_only_token) = {
            let state = sandbox.shared().state();
            let db = state
                .api
                .databases
                .iter()
                .next()
                .expect("a seeded database");
            (
                db.database_id.clone(),
                db.rest_token.expose().to_string(),
                db.read_only_rest_token.expose().to_string(),
            )
        };
        let rest_url = sandbox
            .endpoints()
            .rest_url(&db_id)
            .expect("data plane known");
        Self {
            sandbox,
            http: reqwest::Client::new(),
            db_id,
            rest_url,
            token,
            read_only_token,
        }
    }

    /// Uses database number `index` (in creation order) from now on.
    pub fn use_database(&mut self, index: usize) {
        let state = self.sandbox.shared().state();
        let db = state.api.databases.iter().nth(index).expect("database");
        self.db_id = db.database_id.clone();
        self.token = db.rest_token.expose().to_string();
        self.read_only_token = db.read_only_rest_token.expose().to_string();
        self.rest_url = format!("{}/{}", self.sandbox.data_url(), self.db_id);
    }

    /// POSTs `body` to `{rest_url}{path}` with `token`; returns status and JSON.
    pub async fn post_as(&self, path: &str, body: &Value, token: &str) -> (u16, Value) {
        send(
            self.http
                .post(format!("{}{path}", self.rest_url))
                .bearer_auth(token)
                .json(body),
        )
        .await
    }

    /// One command with the full token: status and JSON.
    pub async fn cmd(&self, body: Value) -> (u16, Value) {
        self.post_as("", &body, &self.token).await
    }

    /// One command's `result` (panics on an error answer).
    pub async fn result(&self, body: Value) -> Value {
        let (status, answer) = self.cmd(body.clone()).await;
        assert_eq!(status, 200, "{body} → {answer}");
        answer["result"].clone()
    }

    /// Stops the sandbox.
    pub async fn stop(self) {
        self.sandbox.shutdown().await;
    }
}

/// Sends a request; returns status and the body parsed as JSON (Null when it is not JSON).
pub async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let resp = req.send().await.expect("request sent");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("body read");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}
