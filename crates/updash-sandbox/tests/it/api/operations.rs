//! Stats, switchable faults and persistence across restarts.

use super::{Env, Key, error_text, send};
use serde_json::json;
use std::time::{Duration, Instant};
use updash_sandbox::Options;

#[tokio::test]
async fn stats_are_plausible_and_deterministic() {
    let env = Env::start().await;
    let id = env.id_of("sessions-prod", Key::Personal).await;
    let (status, a) = env
        .get(&format!("/v2/redis/stats/{id}"), Key::Personal)
        .await;
    assert_eq!(status, 200, "{a}");
    for series in [
        "keyspace",
        "throughput",
        "diskusage",
        "read_latency_mean",
        "hits",
        "write",
    ] {
        let points = a[series].as_array().expect(series);
        assert_eq!(points.len(), 60, "{series}");
        assert!(points.iter().all(
            |p| p["x"].as_str().is_some_and(|x| x.ends_with("+0000 UTC"))
                && p["y"].as_f64().is_some_and(|y| y >= 0.0)
        ));
    }
    assert_eq!(a["days"].as_array().map(Vec::len), Some(7));
    assert_eq!(a["dailyrequests"].as_array().map(Vec::len), Some(7));
    assert!(a["command_counts"][0]["metric_identifier"].is_string());
    assert!(a["total_monthly_billing"].is_f64());
    assert!(a["daily_net_commands"].as_i64().is_some_and(|n| n > 0));
    let (_, b) = env
        .get(&format!("/v2/redis/stats/{id}?period=1h"), Key::Personal)
        .await;
    let ys = |v: &serde_json::Value| {
        v["keyspace"]
            .as_array()
            .map(|p| p.iter().map(|q| q["y"].clone()).collect::<Vec<_>>())
    };
    assert_eq!(ys(&a), ys(&b), "same database and period, same values");
    let (status, week) = env
        .get(&format!("/v2/redis/stats/{id}?period=7d"), Key::Personal)
        .await;
    assert_eq!(status, 200);
    assert_ne!(ys(&a), ys(&week));
    let (status, answer) = env
        .get(&format!("/v2/redis/stats/{id}?period=2w"), Key::Personal)
        .await;
    assert_eq!(status, 400);
    assert!(error_text(&answer).contains("1h, 3h, 12h, 1d, 3d, 7d"));
    let (status, _) = env.get("/v2/redis/stats/missing", Key::Personal).await;
    assert_eq!(status, 404);
    env.stop().await;
}

async fn set_faults(env: &Env, body: serde_json::Value) -> (u16, serde_json::Value) {
    send(env.http.post(env.url("/_sandbox/faults")).json(&body)).await
}

#[tokio::test]
async fn fault_switches_apply_to_the_api() {
    let env = Env::start().await;
    // Latency.
    assert_eq!(set_faults(&env, json!({"latency_ms": 300})).await.0, 200);
    let started = Instant::now();
    assert_eq!(env.get("/v2/redis/databases", Key::Personal).await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    // Every request fails.
    assert_eq!(
        set_faults(&env, json!({"latency_ms": 0, "fail_rate": 1.0}))
            .await
            .0,
        200
    );
    for _ in 0..3 {
        let (status, body) = env.get("/v2/redis/databases", Key::Personal).await;
        assert_eq!(status, 500);
        assert!(!error_text(&body).is_empty());
    }
    // Rate limit: one request a second, the next one gets 429 with Retry-After.
    assert_eq!(
        set_faults(&env, json!({"fail_rate": 0.0, "rate_limit": 1}))
            .await
            .0,
        200
    );
    let first = env
        .req(reqwest::Method::GET, "/v2/redis/databases", Key::Personal)
        .send()
        .await
        .expect("sent");
    let second = env
        .req(reqwest::Method::GET, "/v2/redis/databases", Key::Personal)
        .send()
        .await
        .expect("sent");
    let statuses = [first.status().as_u16(), second.status().as_u16()];
    let limited = if statuses[1] == 429 { second } else { first };
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(
        limited
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    // Bad control input is refused and changes nothing.
    for bad in [
        json!({"fail_rate": 2.0}),
        json!({"nonsense": 1}),
        json!({"latency_ms": "slow"}),
        json!([1]),
    ] {
        let (status, body) = set_faults(&env, bad.clone()).await;
        assert_eq!(status, 400, "{bad}");
        assert!(!error_text(&body).is_empty());
    }
    let (status, now) = send(env.http.get(env.url("/_sandbox/faults"))).await;
    assert_eq!((status, &now["rate_limit"]), (200, &json!(1)));
    assert_eq!(set_faults(&env, json!({"rate_limit": 0})).await.0, 200);
    assert_eq!(env.get("/v2/redis/databases", Key::Personal).await.0, 200);
    env.stop().await;
}

#[tokio::test]
async fn state_persists_across_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = Options {
        data_dir: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let env = Env::with(opts.clone()).await;
    let (status, db) = env
        .post(
            "/v2/redis/database",
            json!({"database_name": "survivor", "platform": "aws", "primary_region": "eu-west-2"}),
        )
        .await;
    assert_eq!(status, 200);
    let deleted = env.id_of("scratch", Key::Personal).await;
    let (status, _) = send(env.req(
        reqwest::Method::DELETE,
        &format!("/v2/redis/database/{deleted}"),
        Key::Personal,
    ))
    .await;
    assert_eq!(status, 200);
    env.stop().await;

    let env = Env::with(opts).await;
    let (status, again) = env
        .get(
            &format!(
                "/v2/redis/database/{}",
                db["database_id"].as_str().expect("id")
            ),
            Key::Personal,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(again["database_name"], "survivor");
    assert_eq!(again["password"], db["password"]);
    let (status, _) = env
        .get(&format!("/v2/redis/database/{deleted}"), Key::Personal)
        .await;
    assert_eq!(status, 404);
    assert_eq!(env.list(Key::Personal).await.len(), 6);
    // The state file holds no API key in the clear.
    let saved = std::fs::read_to_string(dir.path().join("state.json")).expect("state file");
    assert!(!saved.contains(updash_sandbox::SEEDED_API_KEY));
    env.stop().await;
}
