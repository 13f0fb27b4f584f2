//! Promises the README makes that had no test: `status` refreshes a token that expires
//! within 10 minutes, two real `updash` processes refreshing one account lose no sign-in,
//! and `updash regions`.

use crate::cli_login::{accounts, field, paste_login, run, sandbox};
use crate::support::cli::{Home, stderr, stdout};
use std::process::Stdio;

/// Sets the sandbox's faults (`POST /_sandbox/faults`).
async fn faults(base: &str, body: serde_json::Value) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/_sandbox/faults"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_refreshes_a_token_that_expires_within_ten_minutes() {
    let sb = sandbox().await;
    // Tokens for five minutes: inside status's ten-minute window.
    faults(sb.url(), serde_json::json!({"token_ttl_secs": 300})).await;
    let home = Home::new();
    let (ended, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let before = accounts(&home)[0].clone();
    let url = sb.url().to_string();
    let out = tokio::task::block_in_place(|| run(&home, &url, &["status"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("works (refreshed just now)"),
        "{}",
        stdout(&out)
    );
    let after = accounts(&home)[0].clone();
    assert_ne!(
        field(&before, "refresh_token"),
        field(&after, "refresh_token"),
        "the rotation was saved"
    );
    assert!(after.get("expires_at").is_some());
    assert_ne!(before.get("expires_at"), after.get("expires_at"));
    sb.shutdown().await;
}

/// Two `updash` processes refresh the same account at the same time, again and again: the
/// store's lock makes one refresh while the other uses its result, so no rotated refresh
/// token is lost (the sandbox revokes a whole grant when a used one comes back).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_refreshing_one_account_lose_no_sign_in() {
    let sb = sandbox().await;
    let home = Home::new();
    let (ended, _) = paste_login(&home, sb.url(), &[]).await;
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let url = sb.url().to_string();
    let h = &home;
    tokio::task::block_in_place(|| {
        for round in 0..5 {
            let children: Vec<_> = (0..2)
                .map(|_| {
                    crate::cli_login::updash(h, &url)
                        .args(["status", "--refresh"])
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for child in children {
                let out = child.wait_with_output().unwrap();
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "round {round}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        let out = run(h, &url, &["status", "--refresh"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    });
    sb.shutdown().await;
}

#[test]
fn regions_lists_filters_and_prints_json() {
    let home = Home::new();
    let all = home.run(&["regions"]);
    assert!(all.status.success(), "{}", stderr(&all));
    let text = stdout(&all);
    assert!(text.starts_with("REGION"), "{text}");
    assert!(
        text.contains("us-east-1") && text.contains("us-central1"),
        "{text}"
    );
    let aws = stdout(&home.run(&["regions", "--platform", "aws"]));
    assert!(aws.contains("eu-west-1") && !aws.contains("gcp"), "{aws}");
    let json = home.run(&["regions", "--json", "--platform", "gcp"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|r| r["platform"] == "gcp" && r["code"].is_string())
    );
    let bad = home.run(&["regions", "--platform", "azure"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}
