//! The sandbox's Developer API over real HTTP on 127.0.0.1.

mod apikey_flow;
mod audit;
mod auth;
mod backups;
mod databases;
mod mutations;
mod operations;
mod products;

use serde_json::Value;
use updash_sandbox::api::{SEEDED_READONLY_API_KEY, SEEDED_TEAM_ID};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, SEEDED_TEAM_API_KEY, Sandbox};

/// Which seeded key a request uses.
#[derive(Clone, Copy)]
pub enum Key {
    Personal,
    Team,
    ReadOnly,
}

/// A running ephemeral sandbox and a client for it.
pub struct Env {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

impl Env {
    /// A fresh ephemeral sandbox with the default seed.
    pub async fn start() -> Self {
        Self::with(Options::default()).await
    }

    /// A sandbox with these options.
    pub async fn with(opts: Options) -> Self {
        let sandbox = Sandbox::start(opts).await.expect("sandbox starts");
        Self {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.url())
    }

    /// A request with the seeded user's email and `key`.
    pub fn req(&self, method: reqwest::Method, path: &str, key: Key) -> reqwest::RequestBuilder {
        let secret = match key {
            Key::Personal => SEEDED_API_KEY,
            Key::Team => SEEDED_TEAM_API_KEY,
            Key::ReadOnly => SEEDED_READONLY_API_KEY,
        };
        self.http
            .request(method, self.url(path))
            .basic_auth(SEEDED_EMAIL, Some(secret))
    }

    /// GET with the personal key; returns status and JSON body.
    pub async fn get(&self, path: &str, key: Key) -> (u16, Value) {
        send(self.req(reqwest::Method::GET, path, key)).await
    }

    /// POST `body` with the personal key; returns status and JSON body.
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        send(
            self.req(reqwest::Method::POST, path, Key::Personal)
                .json(&body),
        )
        .await
    }

    /// The personal account's databases.
    pub async fn list(&self, key: Key) -> Vec<Value> {
        let (status, body) = self.get("/v2/redis/databases", key).await;
        assert_eq!(status, 200, "{body}");
        body.as_array().cloned().expect("a JSON array")
    }

    /// The id of the first database named `name` visible to `key`.
    pub async fn id_of(&self, name: &str, key: Key) -> String {
        self.list(key)
            .await
            .iter()
            .find(|d| d["database_name"] == name)
            .and_then(|d| d["database_id"].as_str())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no database named {name}"))
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

/// The text of an error body: `error` of an object, or the bare string.
pub fn error_text(body: &Value) -> String {
    body.get("error")
        .and_then(Value::as_str)
        .or_else(|| body.as_str())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn personal_and_team_keys_see_only_their_account() {
    let env = Env::start().await;
    let personal = env.list(Key::Personal).await;
    assert_eq!(personal.len(), 6);
    assert!(personal.iter().all(|d| d["customer_id"] == SEEDED_EMAIL));
    let team = env.list(Key::Team).await;
    assert_eq!(team.len(), 2);
    assert!(team.iter().all(|d| d["customer_id"] == SEEDED_TEAM_ID));
    // The other account's databases do not exist for a key.
    let team_db = team[0]["database_id"].as_str().expect("id");
    let (status, body) = env
        .get(&format!("/v2/redis/database/{team_db}"), Key::Personal)
        .await;
    assert_eq!(
        (status, error_text(&body).as_str()),
        (404, "database not found")
    );
    let personal_db = personal[0]["database_id"].as_str().expect("id");
    let (status, _) = send(env.req(
        reqwest::Method::DELETE,
        &format!("/v2/redis/database/{personal_db}"),
        Key::Team,
    ))
    .await;
    assert_eq!(status, 404);
    assert_eq!(env.list(Key::Personal).await.len(), 6);
    env.stop().await;
}

#[tokio::test]
async fn ten_thousand_seeded_databases_are_listed() {
    let env = Env::with(Options {
        seed: 10_000,
        ..Options::default()
    })
    .await;
    let started = std::time::Instant::now();
    let all = env.list(Key::Personal).await;
    assert_eq!(all.len(), 10_006);
    assert_eq!(all[6]["database_name"], "load-000000");
    assert_eq!(all[10_005]["database_name"], "load-009999");
    // A generous bound against a list gone wrong; the figure is in benches/seed_and_list.rs.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "listing took {:?}",
        started.elapsed()
    );
    // A single get stays cheap too.
    let id = all[9_000]["database_id"].as_str().expect("id");
    let (status, body) = env
        .get(&format!("/v2/redis/database/{id}"), Key::Personal)
        .await;
    assert_eq!(
        (status, &body["database_name"]),
        (200, &all[9_000]["database_name"])
    );
    env.stop().await;
}
