//! Bad input to the data plane: each gets a clear error, the sandbox keeps serving, and
//! nothing else in the keyspace changes (DBSIZE and a digest of the keys stay the same).

use super::{DataEnv, send};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::time::Duration;

/// DBSIZE and the values of a few keys of every type.
async fn digest(env: &DataEnv) -> Value {
    let (_, answer) = env
        .post_as(
            "/pipeline",
            &json!([
                ["DBSIZE"],
                ["GET", "s"],
                ["HGETALL", "h"],
                ["LRANGE", "l", 0, -1],
                ["ZRANGE", "z", 0, -1, "WITHSCORES"],
                ["EXPIRETIME", "s"]
            ]),
            &env.token,
        )
        .await;
    answer
}

async fn filled() -> DataEnv {
    let env = DataEnv::embedded().await;
    env.cmd(json!(["FLUSHDB"])).await;
    let (status, _) = env
        .post_as(
            "/pipeline",
            &json!([
                ["SET", "s", "v", "EX", 500],
                ["HSET", "h", "a", 1],
                ["RPUSH", "l", "x", "y"],
                ["ZADD", "z", 1, "m"]
            ]),
            &env.token,
        )
        .await;
    assert_eq!(status, 200);
    env
}

#[tokio::test]
async fn broken_commands_get_clear_errors_and_change_nothing() {
    let env = filled().await;
    let before = digest(&env).await;
    let key = "k".repeat(32 * 1024 + 1);
    let cases: Vec<(&str, reqwest::RequestBuilder, &str)> = vec![
        (
            "malformed JSON",
            env.http.post(&env.rest_url).body("[\"SET\",\"s\""),
            "ERR failed to parse command",
        ),
        (
            "an object",
            env.http.post(&env.rest_url).body("{\"cmd\":\"GET\"}"),
            "ERR failed to parse command",
        ),
        (
            "a null argument",
            env.http.post(&env.rest_url).body("[\"SET\",\"s\",null]"),
            "ERR failed to parse command",
        ),
        (
            "an empty command",
            env.http.post(&env.rest_url).body("[]"),
            "ERR empty command",
        ),
        (
            "wrong arity",
            env.http.post(&env.rest_url).json(&json!(["SET", "s"])),
            "ERR wrong number of arguments for 'set' command",
        ),
        (
            "an unknown command",
            env.http
                .post(&env.rest_url)
                .json(&json!(["FLUSHEVERYTHING"])),
            "ERR unknown command 'FLUSHEVERYTHING'",
        ),
        (
            "a command Redis has but the sandbox refuses",
            env.http
                .post(&env.rest_url)
                .json(&json!(["CONFIG", "SET", "x", "y"])),
            "ERR unknown command 'CONFIG'",
        ),
        (
            "a key over 32 KB",
            env.http.post(&env.rest_url).json(&json!(["SET", key, "v"])),
            "ERR max key size exceeded. Limit: 32768 bytes, Actual: 32769 bytes",
        ),
        (
            "a value over 100 MB",
            env.http
                .post(&env.rest_url)
                .json(&json!(["SETRANGE", "s", 200_000_000, "x"])),
            "ERR max single record size exceeded",
        ),
        (
            "malformed pipeline",
            env.http
                .post(format!("{}/pipeline", env.rest_url))
                .body("[[\"GET\"],"),
            "ERR failed to parse pipeline request",
        ),
        (
            "a transaction with a bad command",
            env.http
                .post(format!("{}/multi-exec", env.rest_url))
                .json(&json!([["DEL", "s"], ["GET"]])),
            "ERR wrong number of arguments for 'get' command",
        ),
        (
            "a wrong token",
            env.http.post(&env.rest_url).json(&json!(["DEL", "s"])),
            "Unauthorized",
        ),
        (
            "the read-only token writing",
            env.http.post(&env.rest_url).json(&json!(["DEL", "s"])),
            "NOPERM",
        ),
    ];
    for (what, req, words) in cases {
        let token = match what {
            "a wrong token" => "wrong".to_string(),
            "the read-only token writing" => env.read_only_token.clone(),
            _ => env.token.clone(),
        };
        let (status, body) = send(req.bearer_auth(token)).await;
        let error = body["error"].as_str().unwrap_or_default();
        assert!(matches!(status, 400 | 401), "{what}: {status} {body}");
        assert!(error.starts_with(words), "{what}: {body}");
        assert_eq!(digest(&env).await, before, "{what} changed the keyspace");
    }
    env.stop().await;
}

#[tokio::test]
async fn a_body_over_ten_megabytes_is_refused_as_upstash_does() {
    let env = filled().await;
    let before = digest(&env).await;
    let big = "x".repeat(10 * 1024 * 1024);
    let (status, body) = env.cmd(json!(["SET", "s", big])).await;
    assert_eq!(
        (status, body),
        (400, json!({"error": "ERR max request size exceeded"}))
    );
    let half = "x".repeat(6 * 1024 * 1024);
    let (status, body) = env
        .post_as(
            "/pipeline",
            &json!([["SET", "a", half], ["SET", "b", half]]),
            &env.token,
        )
        .await;
    assert_eq!(
        (status, body),
        (400, json!({"error": "ERR max request size exceeded"})),
        "a whole pipeline counts"
    );
    assert_eq!(digest(&env).await, before);
    env.stop().await;
}

#[tokio::test]
async fn a_slow_body_times_out_and_the_sandbox_keeps_serving() {
    let env = filled().await;
    let before = digest(&env).await;
    let addr = env.sandbox.data_addr();
    let path = format!("/{}", env.db_id);
    let token = env.token.clone();
    let slow = tokio::task::spawn_blocking(move || {
        let mut tcp = std::net::TcpStream::connect(addr).expect("connect");
        let head = format!(
            "POST {path} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {token}\r\ncontent-length: 100\r\n\r\n[\"DEL\","
        );
        tcp.write_all(head.as_bytes()).expect("head");
        tcp.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        let mut answer = Vec::new();
        let _ = tcp.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        env.result(json!(["GET", "s"])).await,
        "v",
        "served while a body stalls"
    );
    let answer = slow.await.expect("slow client");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("did not arrive in time"), "{answer}");
    assert_eq!(digest(&env).await, before);
    env.stop().await;
}
