//! Strings: SET and its options, GET family, counters, APPEND, GETRANGE, STRLEN, binary
//! values and base64.

use super::*;
use serde_json::json;

pub fn groups() -> Vec<Group> {
    vec![
        Group {
            name: "strings",
            steps: vec![
                c(json!(["SET", "k", "v"]), ok()),
                c(json!(["GET", "k"]), is(json!("v"))),
                c(json!(["GET", "missing"]), nil()),
                c(json!(["SET", "k", "v2", "NX"]), nil()),
                c(json!(["SET", "k", "v2", "XX"]), ok()),
                c(json!(["SET", "fresh", "v", "XX"]), nil()),
                c(json!(["SET", "k", "v3", "GET"]), is(json!("v2"))),
                c(json!(["SET", "k", "v4", "NX", "GET"]), is(json!("v3"))),
                c(json!(["SET", "k", "v", "EX", 100]), ok()),
                c(json!(["TTL", "k"]), int(100)),
                c(json!(["SET", "k", "w", "KEEPTTL"]), ok()),
                c(json!(["TTL", "k"]), int(100)),
                c(json!(["SET", "k", "v", "PX", 5000]), ok()),
                c(json!(["SET", "k", "v"]), ok()),
                c(json!(["TTL", "k"]), int(-1)),
                c(
                    json!(["SET", "k", "v", "EX", 0]),
                    err("ERR invalid expire time in 'set' command"),
                ),
                c(json!(["SET", "k", "v", "EX", "abc"]), err(NOT_INT)),
                c(json!(["SET", "k", "v", "NX", "XX"]), err(SYNTAX)),
                c(json!(["SET", "k", "v", "BOGUS"]), err(SYNTAX)),
                c(json!(["SETNX", "k", "x"]), int(0)),
                c(json!(["SETEX", "e", 50, "x"]), ok()),
                c(json!(["TTL", "e"]), int(50)),
                c(json!(["MSET", "a", 1, "b", 2]), ok()),
                c(
                    json!(["MGET", "a", "b", "nope"]),
                    is(json!(["1", "2", null])),
                ),
                c(json!(["GETDEL", "a"]), is(json!("1"))),
                c(json!(["GET", "a"]), nil()),
                c(json!(["GETSET", "b", 3]), is(json!("2"))),
            ],
        },
        Group {
            name: "counters",
            steps: vec![
                c(json!(["INCR", "n"]), int(1)),
                c(json!(["INCRBY", "n", 10]), int(11)),
                c(json!(["DECR", "n"]), int(10)),
                c(json!(["DECRBY", "n", 3]), int(7)),
                c(json!(["INCRBYFLOAT", "n", "1.5"]), is(json!("8.5"))),
                c(json!(["INCR", "n"]), err(NOT_INT)),
                c(json!(["INCRBYFLOAT", "f", "0.1"]), is(json!("0.1"))),
                c(json!(["INCRBYFLOAT", "f", "0.2"]), is(json!("0.3"))),
                c(json!(["SET", "max", "9223372036854775807"]), ok()),
                c(
                    json!(["INCR", "max"]),
                    err("ERR increment or decrement would overflow"),
                ),
                c(json!(["INCRBY", "n2", "x"]), err(NOT_INT)),
                c(json!(["SET", "s", "text"]), ok()),
                c(json!(["INCR", "s"]), err(NOT_INT)),
                c(
                    json!(["INCRBYFLOAT", "s", 1]),
                    err("ERR value is not a valid float"),
                ),
                c(
                    json!(["INCRBY", "big", 12345678901234567_i64]),
                    int(12345678901234567),
                ),
            ],
        },
        Group {
            name: "append getrange strlen",
            steps: vec![
                c(json!(["APPEND", "s", "hello"]), int(5)),
                c(json!(["APPEND", "s", " world"]), int(11)),
                c(json!(["GETRANGE", "s", 0, 4]), is(json!("hello"))),
                c(json!(["GETRANGE", "s", -5, -1]), is(json!("world"))),
                c(json!(["GETRANGE", "s", 5, 2]), is(json!(""))),
                c(json!(["GETRANGE", "s", 0, 100]), is(json!("hello world"))),
                c(json!(["GETRANGE", "none", 0, 1]), is(json!(""))),
                c(json!(["STRLEN", "s"]), int(11)),
                c(json!(["STRLEN", "none"]), int(0)),
                c(json!(["SETRANGE", "s", 6, "there"]), int(11)),
                c(json!(["GET", "s"]), is(json!("hello there"))),
                c(json!(["LPUSH", "l", "x"]), int(1)),
                c(json!(["APPEND", "l", "x"]), err(WRONGTYPE)),
                c(json!(["STRLEN", "l"]), err(WRONGTYPE)),
                c(json!(["GET", "l"]), err(WRONGTYPE)),
            ],
        },
        Group {
            name: "binary and base64",
            steps: vec![
                c(json!(["SET", "u", "é✓\u{0}x"]), ok()),
                c(json!(["GET", "u"]), is(json!("é✓\u{0}x"))),
                Step::Base64(json!(["GET", "u"]), is(json!("w6ninJMAeA=="))),
                // One byte of a two-byte character: invalid UTF-8.
                c(json!(["GETRANGE", "u", 0, 0]), is(json!("\u{fffd}"))),
                Step::Base64(json!(["GETRANGE", "u", 0, 0]), is(json!("ww=="))),
                Step::Base64(json!(["SET", "ok", "OK"]), ok()),
                Step::Base64(json!(["GET", "ok"]), is(json!("T0s="))),
                Step::Base64(
                    json!(["MGET", "u", "none"]),
                    is(json!(["w6ninJMAeA==", null])),
                ),
                Step::Base64(json!(["STRLEN", "u"]), int(7)),
                Step::Base64(json!(["PING"]), is(json!("UE9ORw=="))),
                Step::Base64(
                    json!(["GET", "u", "extra"]),
                    err("ERR wrong number of arguments for 'get' command"),
                ),
            ],
        },
    ]
}
