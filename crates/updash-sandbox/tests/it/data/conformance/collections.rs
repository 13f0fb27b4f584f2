//! Hashes, lists and sets.

use super::*;
use serde_json::json;

pub fn groups() -> Vec<Group> {
    vec![hashes(), lists(), sets()]
}

fn hashes() -> Group {
    Group {
        name: "hashes",
        steps: vec![
            c(json!(["HSET", "h", "a", 1, "b", 2]), int(2)),
            c(json!(["HSET", "h", "a", 3]), int(0)),
            c(json!(["HGET", "h", "a"]), is(json!("3"))),
            c(json!(["HGET", "h", "zz"]), nil()),
            c(
                json!(["HGETALL", "h"]),
                Expect::Pairs(json!(["a", "3", "b", "2"])),
            ),
            c(json!(["HGETALL", "none"]), is(json!([]))),
            c(json!(["HLEN", "h"]), int(2)),
            c(json!(["HINCRBY", "h", "a", 5]), int(8)),
            c(json!(["HINCRBY", "h", "b", "x"]), err(NOT_INT)),
            c(json!(["HINCRBYFLOAT", "h", "c", "1.5"]), is(json!("1.5"))),
            c(json!(["HDEL", "h", "a", "nope"]), int(1)),
            c(json!(["HEXISTS", "h", "b"]), int(1)),
            c(json!(["HMGET", "h", "b", "z"]), is(json!(["2", null]))),
            c(json!(["HKEYS", "h"]), Expect::Sorted(json!(["b", "c"]))),
            c(json!(["HVALS", "h"]), Expect::Sorted(json!(["1.5", "2"]))),
            Step::ScanAll(
                json!(["HSCAN", "h"]),
                json!([]),
                Expect::Pairs(json!(["b", "2", "c", "1.5"])),
            ),
            Step::ScanAll(
                json!(["HSCAN", "h"]),
                json!(["MATCH", "c*", "COUNT", "100"]),
                Expect::Pairs(json!(["c", "1.5"])),
            ),
            c(
                json!(["HSET", "h", "a"]),
                err("ERR wrong number of arguments for 'hset' command"),
            ),
            c(
                json!(["HSET", "h", "a", 1, "b"]),
                err("ERR wrong number of arguments for 'hset' command"),
            ),
            c(json!(["SET", "str", "x"]), ok()),
            c(json!(["HGET", "str", "a"]), err(WRONGTYPE)),
            c(json!(["HDEL", "h", "b", "c"]), int(2)),
            c(json!(["EXISTS", "h"]), int(0)),
        ],
    }
}

fn lists() -> Group {
    Group {
        name: "lists",
        steps: vec![
            c(json!(["RPUSH", "l", "a", "b", "c"]), int(3)),
            c(json!(["LPUSH", "l", "z"]), int(4)),
            c(
                json!(["LRANGE", "l", 0, -1]),
                is(json!(["z", "a", "b", "c"])),
            ),
            c(json!(["LRANGE", "l", -2, 100]), is(json!(["b", "c"]))),
            c(json!(["LRANGE", "none", 0, -1]), is(json!([]))),
            c(json!(["LSET", "l", 0, "y"]), ok()),
            c(json!(["LSET", "l", 10, "y"]), err("ERR index out of range")),
            c(json!(["LSET", "nol", 0, "x"]), err("ERR no such key")),
            c(json!(["LREM", "l", 0, "b"]), int(1)),
            c(json!(["RPUSH", "l", "a", "a"]), int(5)),
            c(json!(["LREM", "l", -1, "a"]), int(1)),
            c(
                json!(["LRANGE", "l", 0, -1]),
                is(json!(["y", "a", "c", "a"])),
            ),
            c(json!(["LTRIM", "l", 0, 1]), ok()),
            c(json!(["LRANGE", "l", 0, -1]), is(json!(["y", "a"]))),
            c(json!(["LLEN", "l"]), int(2)),
            c(json!(["LLEN", "none"]), int(0)),
            c(json!(["LINDEX", "l", -1]), is(json!("a"))),
            c(json!(["LINDEX", "l", 9]), nil()),
            c(json!(["LINDEX", "l", "x"]), err(NOT_INT)),
            c(json!(["LPOP", "l"]), is(json!("y"))),
            c(json!(["RPOP", "l", 5]), is(json!(["a"]))),
            c(json!(["EXISTS", "l"]), int(0)),
            c(json!(["LPOP", "l"]), nil()),
            c(json!(["SET", "str", "x"]), ok()),
            c(json!(["LPUSH", "str", "x"]), err(WRONGTYPE)),
            c(json!(["LRANGE", "str", 0, 1]), err(WRONGTYPE)),
        ],
    }
}

fn sets() -> Group {
    Group {
        name: "sets",
        steps: vec![
            c(json!(["SADD", "s", "a", "b", "c", "a"]), int(3)),
            c(json!(["SREM", "s", "a", "z"]), int(1)),
            c(json!(["SMEMBERS", "s"]), Expect::Sorted(json!(["b", "c"]))),
            c(json!(["SMEMBERS", "none"]), is(json!([]))),
            c(json!(["SCARD", "s"]), int(2)),
            c(json!(["SISMEMBER", "s", "b"]), int(1)),
            c(json!(["SISMEMBER", "s", "z"]), int(0)),
            Step::ScanAll(
                json!(["SSCAN", "s"]),
                json!([]),
                Expect::Sorted(json!(["b", "c"])),
            ),
            Step::ScanAll(
                json!(["SSCAN", "s"]),
                json!(["MATCH", "b*"]),
                Expect::Sorted(json!(["b"])),
            ),
            c(json!(["SADD", "n", 3, 1, 2]), int(3)),
            c(
                json!(["SMEMBERS", "n"]),
                Expect::Sorted(json!(["1", "2", "3"])),
            ),
            c(json!(["SREM", "s", "b", "c"]), int(2)),
            c(json!(["EXISTS", "s"]), int(0)),
            c(json!(["SET", "str", "x"]), ok()),
            c(json!(["SADD", "str", "x"]), err(WRONGTYPE)),
            c(json!(["SCARD", "str"]), err(WRONGTYPE)),
        ],
    }
}
