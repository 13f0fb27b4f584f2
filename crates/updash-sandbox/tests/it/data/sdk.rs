//! The official `@upstash/redis` SDK, installed from npm and unmodified, against a sandbox
//! database's REST URL and token: strings, a binary value, hashes, sorted sets, a pipeline,
//! a transaction, SCAN with and without WITHTYPE, and an error.

use super::DataEnv;
use std::process::Command;

/// The script the SDK runs (asserts with node's `assert`, prints "sdk ok").
const SCRIPT: &str = include_str!("sdk/check.mjs");

#[tokio::test]
#[ignore = "needs node + npm (@upstash/redis)"]
async fn the_official_sdk_works_unmodified_against_the_sandbox() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"type":"module","private":true}"#,
    )
    .expect("package.json");
    std::fs::write(dir.path().join("check.mjs"), SCRIPT).expect("script");
    let install = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--silent",
            "@upstash/redis",
        ])
        .current_dir(dir.path())
        .output()
        .expect("npm runs (install node and npm)");
    assert!(
        install.status.success(),
        "npm install @upstash/redis failed:\n{}",
        String::from_utf8_lossy(&install.stderr)
    );
    let env = DataEnv::embedded().await;
    let (status, _) = env.cmd(serde_json::json!(["FLUSHDB"])).await;
    assert_eq!(status, 200);
    let (url, token) = (env.rest_url.clone(), env.token.clone());
    let dir_path = dir.path().to_path_buf();
    let run = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg("check.mjs")
            .env("URL", url)
            .env("TOKEN", token)
            .current_dir(dir_path)
            .output()
    })
    .await
    .expect("join")
    .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success() && stdout.contains("sdk ok"),
        "the SDK script failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    env.stop().await;
}
