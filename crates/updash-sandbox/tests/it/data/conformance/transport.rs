//! What wraps commands: pipelines, transactions, the read-only token and Upstash's limits.

use super::*;
use serde_json::json;

pub fn groups() -> Vec<Group> {
    let long_key = "k".repeat(32 * 1024 + 1);
    let max_key = "k".repeat(32 * 1024);
    vec![
        Group {
            name: "pipeline and multi-exec",
            steps: vec![
                Step::Pipeline(
                    json!([
                        ["SET", "a", 1],
                        ["INCR", "a"],
                        ["HSET", "a", "f", "v"],
                        ["GET", "a"],
                        ["NOPE"]
                    ]),
                    json!([
                        {"result": "OK"},
                        {"result": 2},
                        {"error": WRONGTYPE},
                        {"result": "2"},
                        {"error": "ERR unknown command 'NOPE', with args beginning with: "}
                    ]),
                ),
                Step::MultiExec(
                    json!([["INCR", "a"], ["LPUSH", "a", "x"], ["GET", "a"]]),
                    json!([{"result": 3}, {"error": WRONGTYPE}, {"result": "3"}]),
                ),
                Step::MultiExec(
                    json!([["INCR", "a"], ["GET"]]),
                    json!({"error": "ERR wrong number of arguments for 'get' command"}),
                ),
                Step::MultiExec(
                    json!([["INCR", "a"], ["NOPE", "x"]]),
                    json!({"error": "ERR unknown command 'NOPE', with args beginning with: 'x' "}),
                ),
                c(json!(["GET", "a"]), is(json!("3"))),
            ],
        },
        Group {
            name: "read-only token",
            steps: vec![
                c(json!(["SET", "k", "v"]), ok()),
                Step::ReadOnly(json!(["GET", "k"]), is(json!("v"))),
                Step::ReadOnly(json!(["TTL", "k"]), int(-1)),
                Step::ReadOnly(json!(["TYPE", "k"]), is(json!("string"))),
                Step::ReadOnly(
                    json!(["SET", "k", "w"]),
                    err("NOPERM this user has no permissions to run the 'set' command"),
                ),
                Step::ReadOnly(
                    json!(["SCAN", 0]),
                    err("NOPERM this user has no permissions to run the 'scan' command"),
                ),
                Step::ReadOnly(
                    json!(["KEYS", "*"]),
                    err("NOPERM this user has no permissions to run the 'keys' command"),
                ),
                Step::ReadOnly(
                    json!(["FLUSHDB"]),
                    err("NOPERM this user has no permissions to run the 'flushdb' command"),
                ),
                c(json!(["GET", "k"]), is(json!("v"))),
            ],
        },
        Group {
            name: "limits",
            steps: vec![
                c(json!(["SET", max_key, "v"]), ok()),
                c(
                    json!(["SET", long_key, "v"]),
                    err("ERR max key size exceeded. Limit: 32768 bytes, Actual: 32769 bytes"),
                ),
                c(
                    json!(["HSET", long_key, "f", "v"]),
                    err("ERR max key size exceeded. Limit: 32768 bytes, Actual: 32769 bytes"),
                ),
                c(json!(["GET", long_key]), nil()),
                c(json!(["DBSIZE"]), int(1)),
            ],
        },
    ]
}
