//! Sorted sets and streams.

use super::*;
use serde_json::json;

pub fn groups() -> Vec<Group> {
    vec![zsets(), streams()]
}

fn zsets() -> Group {
    Group {
        name: "sorted sets",
        steps: vec![
            c(json!(["ZADD", "z", 1, "a", 2, "b", 3, "c"]), int(3)),
            c(json!(["ZADD", "z", "NX", 5, "a", 4, "d"]), int(1)),
            c(json!(["ZADD", "z", "XX", "CH", 10, "a"]), int(1)),
            c(json!(["ZADD", "z", "GT", 5, "a"]), int(0)),
            c(json!(["ZADD", "z", "LT", 5, "a"]), int(0)),
            c(json!(["ZADD", "z", "INCR", 2, "b"]), is(json!("4"))),
            c(
                json!(["ZADD", "z", "NX", "XX", 1, "a"]),
                err("ERR XX and NX options at the same time are not compatible"),
            ),
            c(
                json!(["ZADD", "z", "x", "a"]),
                err("ERR value is not a valid float"),
            ),
            c(
                json!(["ZADD", "z", 1]),
                err("ERR wrong number of arguments for 'zadd' command"),
            ),
            c(
                json!(["ZRANGE", "z", 0, -1, "WITHSCORES"]),
                is(json!(["c", "3", "b", "4", "d", "4", "a", "5"])),
            ),
            c(json!(["ZRANGE", "z", 0, 1, "REV"]), is(json!(["a", "d"]))),
            c(
                json!(["ZRANGE", "z", 2, 4, "BYSCORE"]),
                is(json!(["c", "b", "d"])),
            ),
            c(
                json!(["ZRANGE", "z", "(3", "+inf", "BYSCORE", "LIMIT", 1, 2]),
                is(json!(["d", "a"])),
            ),
            c(
                json!([
                    "ZRANGE",
                    "z",
                    "+inf",
                    "-inf",
                    "BYSCORE",
                    "REV",
                    "WITHSCORES"
                ]),
                is(json!(["a", "5", "d", "4", "b", "4", "c", "3"])),
            ),
            c(json!(["ZRANGE", "none", 0, -1]), is(json!([]))),
            c(json!(["ZREM", "z", "a", "zz"]), int(1)),
            c(json!(["ZCARD", "z"]), int(3)),
            c(json!(["ZSCORE", "z", "b"]), is(json!("4"))),
            c(json!(["ZSCORE", "z", "zz"]), nil()),
            c(json!(["ZINCRBY", "z", "1.5", "c"]), is(json!("4.5"))),
            c(
                json!(["ZINCRBY", "z", "x", "c"]),
                err("ERR value is not a valid float"),
            ),
            c(json!(["ZADD", "z", "1.5", "e", "inf", "f"]), int(2)),
            c(json!(["ZSCORE", "z", "f"]), is(json!("inf"))),
            c(
                json!(["ZRANGE", "z", 0, -1, "WITHSCORES"]),
                is(json!([
                    "e", "1.5", "b", "4", "d", "4", "c", "4.5", "f", "inf"
                ])),
            ),
            Step::ScanAll(
                json!(["ZSCAN", "z"]),
                json!(["MATCH", "[bc]"]),
                Expect::Pairs(json!(["b", "4", "c", "4.5"])),
            ),
            c(json!(["SET", "str", "x"]), ok()),
            c(json!(["ZADD", "str", 1, "x"]), err(WRONGTYPE)),
        ],
    }
}

fn streams() -> Group {
    Group {
        name: "streams",
        steps: vec![
            c(json!(["XADD", "s", "1-1", "f", "v"]), is(json!("1-1"))),
            c(
                json!(["XADD", "s", "1-0", "f", "v"]),
                err(
                    "ERR The ID specified in XADD is equal or smaller than the target stream top item",
                ),
            ),
            c(
                json!(["XADD", "s", "2-*", "a", 1, "b", 2]),
                is(json!("2-0")),
            ),
            c(json!(["XADD", "s", "2-*", "c", 3]), is(json!("2-1"))),
            c(
                json!(["XADD", "s", "0-0", "f", "v"]),
                err("ERR The ID specified in XADD must be greater than 0-0"),
            ),
            c(
                json!(["XADD", "s", 5, "f"]),
                err("ERR wrong number of arguments for 'xadd' command"),
            ),
            c(json!(["XLEN", "s"]), int(3)),
            c(
                json!(["XRANGE", "s", "-", "+"]),
                is(json!([
                    ["1-1", ["f", "v"]],
                    ["2-0", ["a", "1", "b", "2"]],
                    ["2-1", ["c", "3"]]
                ])),
            ),
            c(
                json!(["XRANGE", "s", 2, "+", "COUNT", 1]),
                is(json!([["2-0", ["a", "1", "b", "2"]]])),
            ),
            c(
                json!(["XREVRANGE", "s", "+", "-", "COUNT", 2]),
                is(json!([["2-1", ["c", "3"]], ["2-0", ["a", "1", "b", "2"]]])),
            ),
            c(json!(["XDEL", "s", "1-1", "9-9"]), int(1)),
            c(json!(["XLEN", "s"]), int(2)),
            c(json!(["XADD", "nos", "NOMKSTREAM", "1-1", "a", "b"]), nil()),
            c(json!(["XRANGE", "nos", "-", "+"]), is(json!([]))),
            c(
                json!(["XADD", "s", "MAXLEN", 1, "10-1", "x", "y"]),
                is(json!("10-1")),
            ),
            c(json!(["XLEN", "s"]), int(1)),
            c(
                json!(["XRANGE", "s", "x", "+"]),
                err("ERR Invalid stream ID specified as stream command argument"),
            ),
            c(json!(["TYPE", "s"]), is(json!("stream"))),
        ],
    }
}
