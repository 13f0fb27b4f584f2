//! The sandbox's authorization server over real HTTP: browser forms, token grants, device
//! flow, revocation, metadata and userinfo.

mod browser_flow;
mod device_flow;
mod issuer_and_client_auth;
mod revocation_and_discovery;
mod token_grants;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::StatusCode;
pub(super) use updash_sandbox::test_browser::*;
use updash_sandbox::{
    CONFIDENTIAL_CLIENT_ID, CONFIDENTIAL_CLIENT_SECRET, Options, PUBLIC_CLIENT_ID, SEEDED_EMAIL,
    Sandbox,
};

pub(super) async fn start() -> Sandbox {
    Sandbox::start(Options::default())
        .await
        .expect("start the sandbox")
}

pub(super) async fn get_authorize(browser: &reqwest::Client, url: &str) -> reqwest::Response {
    browser.get(url).send().await.expect("get /authorize")
}

pub(super) fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

pub(super) async fn userinfo(base: &str, access_token: &str) -> (StatusCode, serde_json::Value) {
    let resp = reqwest::Client::new()
        .get(format!("{base}/userinfo"))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("get /userinfo");
    let status = resp.status();
    (status, resp.json().await.unwrap_or_default())
}
