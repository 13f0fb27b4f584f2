//! Keys (SCAN with Upstash's WITHTYPE, TYPE, EXISTS, DEL, UNLINK, RENAME, TTLs, DBSIZE,
//! MEMORY USAGE, FLUSHDB), server commands, JSON, hash-field TTLs and expiry by the clock.

use super::*;
use serde_json::json;

pub fn groups() -> Vec<Group> {
    vec![
        keys(),
        ttls(),
        server(),
        json_group(),
        hash_field_ttl(),
        memory_usage(),
        clock(),
    ]
}

fn keys() -> Group {
    Group {
        name: "keys",
        steps: vec![
            c(json!(["MSET", "a", 1, "b", 2, "c", 3]), ok()),
            c(json!(["HSET", "user:1", "name", "ann"]), int(1)),
            c(json!(["RPUSH", "queue", "x"]), int(1)),
            c(json!(["TYPE", "a"]), is(json!("string"))),
            c(json!(["TYPE", "user:1"]), is(json!("hash"))),
            c(json!(["TYPE", "none"]), is(json!("none"))),
            Step::ScanAll(
                json!(["SCAN"]),
                json!([]),
                Expect::Sorted(json!(["a", "b", "c", "queue", "user:1"])),
            ),
            Step::ScanAll(
                json!(["SCAN"]),
                json!(["MATCH", "user:*", "COUNT", 100]),
                Expect::Sorted(json!(["user:1"])),
            ),
            Step::ScanAll(
                json!(["SCAN"]),
                json!(["TYPE", "list"]),
                Expect::Sorted(json!(["queue"])),
            ),
            Step::ScanAll(
                json!(["SCAN"]),
                json!(["COUNT", 1000, "WITHTYPE"]),
                Expect::Pairs(json!([
                    "a", "string", "b", "string", "c", "string", "queue", "list", "user:1", "hash"
                ])),
            ),
            Step::ScanAll(
                json!(["SCAN"]),
                json!(["MATCH", "[ab]", "WITHTYPE"]),
                Expect::Pairs(json!(["a", "string", "b", "string"])),
            ),
            c(json!(["SCAN", 0, "COUNT", 0]), err(SYNTAX)),
            c(json!(["SCAN", "x"]), err("ERR invalid cursor")),
            c(json!(["EXISTS", "a", "b", "zz", "a"]), int(3)),
            c(json!(["DEL", "a", "zz"]), int(1)),
            c(json!(["UNLINK", "b"]), int(1)),
            // Upstash answers UNLINK with no keys with 0 (Redis: wrong number of arguments).
            c(json!(["UNLINK"]), int(0)),
            c(json!(["RENAME", "c", "d"]), ok()),
            c(json!(["RENAME", "zz", "y"]), err("ERR no such key")),
            c(json!(["GET", "d"]), is(json!("3"))),
            c(json!(["DBSIZE"]), int(3)),
            c(json!(["FLUSHDB"]), ok()),
            c(json!(["DBSIZE"]), int(0)),
            c(json!(["FLUSHDB", "ASYNC"]), ok()),
            c(json!(["FLUSHDB", "x"]), err(SYNTAX)),
        ],
    }
}

fn ttls() -> Group {
    Group {
        name: "ttls",
        steps: vec![
            c(json!(["SET", "d", "v"]), ok()),
            c(json!(["EXPIRE", "d", 100]), int(1)),
            c(json!(["TTL", "d"]), int(100)),
            c(json!(["EXPIRE", "d", 100, "NX"]), int(0)),
            c(json!(["EXPIRE", "d", 200, "XX"]), int(1)),
            c(json!(["EXPIRE", "d", 50, "GT"]), int(0)),
            c(json!(["EXPIRE", "zz", 10]), int(0)),
            c(json!(["TTL", "zz"]), int(-2)),
            c(json!(["PTTL", "zz"]), int(-2)),
            c(json!(["PERSIST", "d"]), int(1)),
            c(json!(["PERSIST", "d"]), int(0)),
            c(json!(["TTL", "d"]), int(-1)),
            c(json!(["PTTL", "d"]), int(-1)),
            c(json!(["PEXPIRE", "d", 100000]), int(1)),
            c(json!(["TTL", "d"]), int(100)),
            c(json!(["EXPIRE", "d", "x"]), err(NOT_INT)),
            c(json!(["EXPIRE", "d", -1]), int(1)),
            c(json!(["EXISTS", "d"]), int(0)),
        ],
    }
}

fn server() -> Group {
    Group {
        name: "server",
        steps: vec![
            c(json!(["PING"]), is(json!("PONG"))),
            c(json!(["PING", "hi"]), is(json!("hi"))),
            c(json!(["ECHO", "hello"]), is(json!("hello"))),
            c(json!(["SET", "k", "v"]), ok()),
            c(
                json!(["INFO", "keyspace"]),
                is(json!("# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n")),
            ),
            c(json!(["DBSIZE"]), int(1)),
        ],
    }
}

fn json_group() -> Group {
    Group {
        name: "json",
        steps: vec![
            c(
                json!(["JSON.SET", "j", "$", r#"{"a":{"b":1},"c":[1,2]}"#]),
                ok(),
            ),
            c(
                json!(["JSON.GET", "j"]),
                is(json!(r#"{"a":{"b":1},"c":[1,2]}"#)),
            ),
            c(
                json!(["JSON.GET", "j", "$"]),
                is(json!(r#"[{"a":{"b":1},"c":[1,2]}]"#)),
            ),
            c(json!(["JSON.GET", "j", "$.a.b"]), is(json!("[1]"))),
            c(json!(["JSON.SET", "j", "$.a.b", "2"]), ok()),
            c(json!(["JSON.GET", "j", "$.a.b"]), is(json!("[2]"))),
            c(json!(["JSON.SET", "j", "$.a.x", r#""new""#]), ok()),
            c(
                json!(["JSON.GET", "j", "$.a"]),
                is(json!(r#"[{"b":2,"x":"new"}]"#)),
            ),
            c(json!(["JSON.DEL", "j", "$.a.b"]), int(1)),
            c(json!(["JSON.GET", "j", "$.a.b"]), is(json!("[]"))),
            c(json!(["JSON.DEL", "j", "$.nope"]), int(0)),
            c(json!(["TYPE", "j"]), is(json!("ReJSON-RL"))),
            c(json!(["JSON.DEL", "j", "$"]), int(1)),
            c(json!(["EXISTS", "j"]), int(0)),
            c(json!(["JSON.GET", "j"]), nil()),
            c(
                json!(["JSON.SET", "j", "$", "{bad"]),
                Expect::ErrStarts("ERR"),
            ),
        ],
    }
}

fn hash_field_ttl() -> Group {
    Group {
        name: "hash field ttl",
        steps: vec![
            c(json!(["HSET", "h", "a", 1, "b", 2]), int(2)),
            c(
                json!(["HEXPIRE", "h", 100, "FIELDS", 1, "a"]),
                is(json!([1])),
            ),
            c(
                json!(["HTTL", "h", "FIELDS", 2, "a", "b"]),
                is(json!([100, -1])),
            ),
            c(json!(["HPERSIST", "h", "FIELDS", 1, "a"]), is(json!([1]))),
            c(
                json!(["HTTL", "h", "FIELDS", 2, "a", "zz"]),
                is(json!([-1, -2])),
            ),
            c(
                json!(["HEXPIRE", "h", 10, "FIELDS", 1, "a"]),
                is(json!([1])),
            ),
            Step::Clock(11),
            c(json!(["HGETALL", "h"]), is(json!(["b", "2"]))),
        ],
    }
}

fn memory_usage() -> Group {
    Group {
        name: "memory usage",
        steps: vec![
            c(json!(["SET", "k", "value"]), ok()),
            c(json!(["MEMORY", "USAGE", "k"]), Expect::AnyInt),
            c(json!(["MEMORY", "USAGE", "none"]), nil()),
        ],
    }
}

fn clock() -> Group {
    Group {
        name: "expiry by the sandbox clock",
        steps: vec![
            c(json!(["SET", "short", "v", "EX", 10]), ok()),
            c(json!(["SET", "long", "v", "EX", 1000]), ok()),
            c(json!(["SET", "forever", "v"]), ok()),
            Step::Clock(11),
            c(json!(["GET", "short"]), nil()),
            c(json!(["TTL", "short"]), int(-2)),
            c(json!(["TTL", "long"]), int(989)),
            c(json!(["DBSIZE"]), int(2)),
            Step::Clock(1000),
            c(json!(["DBSIZE"]), int(1)),
            Step::ScanAll(
                json!(["SCAN"]),
                json!([]),
                Expect::Sorted(json!(["forever"])),
            ),
        ],
    }
}
