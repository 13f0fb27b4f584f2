//! Generic key commands, TTLs, sweeping, limits, server commands and the
//! command table.

use crate::support::{T, bulk, bulks};
use updash_keyspace::{
    Keyspace, Limits, Reply, allowed_for_read_only_token, command_info, is_read_only,
};

#[test]
fn ttl_family() {
    let mut t = T::new();
    t.ok("SET k v");
    t.int("TTL k", -1);
    t.int("TTL nokey", -2);
    t.int("EXPIRE k 100", 1);
    t.int("PTTL k", 100_000);
    t.int("EXPIRE k 50 GT", 0);
    t.int("EXPIRE k 50 LT", 1);
    t.int("EXPIRE k 10 NX", 0);
    t.err(
        "EXPIRE k 10 NX XX",
        "ERR NX and XX, GT or LT options at the same time are not compatible",
    );
    t.err(
        "EXPIRE k 10 GT LT",
        "ERR GT and LT options at the same time are not compatible",
    );
    t.err("EXPIRE k 10 FOO", "ERR Unsupported option FOO");
    t.err(
        "EXPIRE k 9223372036854775807",
        "ERR invalid expire time in 'expire' command",
    );
    let at = t.now / 1000 + 50;
    t.int("EXPIRETIME k", at as i64);
    t.int("PERSIST k", 1);
    t.int("PERSIST k", 0);
    t.int("EXPIRE k 10 GT", 0);
    t.int("PEXPIRE k 10", 1);
    t.advance(10);
    t.bulk("GET k", "v");
    t.advance(1);
    t.is("GET k", Reply::Nil);
    t.ok("SET e v");
    t.int("EXPIREAT e 1", 1);
    t.int("EXISTS e", 0);
}

#[test]
fn expired_keys_are_invisible_everywhere() {
    let mut t = T::new();
    for i in 0..50 {
        t.ok(&format!("SET live{i} v"));
        t.ok(&format!("SET dying{i} v PX 100"));
    }
    t.int("DBSIZE", 100);
    t.advance(101);
    t.int("DBSIZE", 50);
    match t.run("KEYS dying*") {
        Reply::Array(v) => assert!(v.is_empty()),
        other => panic!("{other:?}"),
    }
    match t.run("SCAN 0 COUNT 1000") {
        Reply::Array(parts) => assert_eq!(
            parts[1],
            t.run("SCAN 0 MATCH live* COUNT 1000").clone_items()
        ),
        other => panic!("{other:?}"),
    }
    let info = t.run("INFO keyspace");
    assert_eq!(
        info,
        bulk("# Keyspace\r\ndb0:keys=50,expires=0,avg_ttl=0\r\n")
    );
    // The sweep reclaims them in bounded steps.
    let removed = t.ks.sweep_with_budget(t.now, 20);
    assert_eq!(removed, 20);
    let rest = t.ks.sweep(t.now);
    assert_eq!(rest, 30);
    assert_eq!(t.ks.sweep(t.now), 0);
    t.int("DBSIZE", 50);
}

trait Items {
    fn clone_items(&self) -> Reply;
}

impl Items for Reply {
    fn clone_items(&self) -> Reply {
        match self {
            Reply::Array(p) => p[1].clone(),
            other => other.clone(),
        }
    }
}

#[test]
fn info_keyspace_and_server() {
    let mut t = T::new();
    t.is("INFO keyspace", bulk("# Keyspace\r\n"));
    t.ok("SET a 1 EX 100");
    t.ok("SET b 1");
    t.is(
        "INFO keyspace",
        bulk("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=100000\r\n"),
    );
    t.is("TIME", bulks(&["1700000000", "0"]));
    t.is("PING", Reply::Status("PONG".into()));
    t.bulk("ECHO hi", "hi");
    t.err("FLUSHDB FOO", "ERR syntax error");
    t.ok("FLUSHDB ASYNC");
    t.int("DBSIZE", 0);
}

#[test]
fn rename_copy_and_unlink() {
    let mut t = T::new();
    t.ok("SET a 1 EX 100");
    t.ok("RENAME a b");
    t.int("TTL b", 100);
    t.err("RENAME nokey x", "ERR no such key");
    t.int("COPY b c", 1);
    t.int("TTL c", 100);
    t.int("COPY b c", 0);
    t.int("COPY b c REPLACE", 1);
    t.err(
        "COPY b b",
        "ERR source and destination objects are the same",
    );
    t.err("COPY b d DB 1", "ERR DB index is out of range");
    t.int("RENAMENX b c", 0);
    // Upstash answers UNLINK without keys with 0 (Redis: arity error).
    t.int("UNLINK", 0);
    t.int("UNLINK b c nokey", 2);
    t.err("DEL", "ERR wrong number of arguments for 'del' command");
}

#[test]
fn unknown_commands_and_arity() {
    let mut t = T::new();
    t.err(
        "FOO a b",
        "ERR unknown command 'FOO', with args beginning with: 'a' 'b' ",
    );
    t.err(
        "foo",
        "ERR unknown command 'foo', with args beginning with: ",
    );
    t.err("GET", "ERR wrong number of arguments for 'get' command");
    t.err("get a b", "ERR wrong number of arguments for 'get' command");
    assert_eq!(
        t.ks.execute::<&[u8]>(&[], t.now),
        Reply::err("ERR empty command")
    );
}

#[test]
fn limits_are_enforced() {
    let mut ks = Keyspace::with_limits(Limits {
        max_key_bytes: 8,
        max_record_bytes: 16,
    });
    let now = 0;
    let r = ks.execute(&["SET", "123456789", "v"], now);
    assert_eq!(
        r,
        Reply::err("ERR max key size exceeded. Limit: 8 bytes, Actual: 9 bytes")
    );
    assert_eq!(ks.execute(&["GET", "123456789"], now), Reply::Nil);
    let r = ks.execute(&["SET", "k", "01234567890123456"], now);
    assert_eq!(r, Reply::err("ERR max single record size exceeded"));
    assert_eq!(ks.execute(&["SET", "k", "0123456789"], now), Reply::ok());
    let r = ks.execute(&["APPEND", "k", "0123456789"], now);
    assert_eq!(r, Reply::err("ERR max single record size exceeded"));
    assert_eq!(ks.execute(&["GET", "k"], now), bulk("0123456789"));
    let big = "x".repeat(32 * 1024 + 1);
    let r = Keyspace::new().execute(&["SET", big.as_str(), "v"], now);
    assert_eq!(
        r,
        Reply::err("ERR max key size exceeded. Limit: 32768 bytes, Actual: 32769 bytes")
    );
}

#[test]
fn command_table_drives_read_only_decisions() {
    assert!(is_read_only("GET"));
    assert!(is_read_only("scan"));
    assert!(!is_read_only("SET"));
    assert!(!is_read_only("NOSUCH"));
    assert!(allowed_for_read_only_token("hgetall"));
    assert!(!allowed_for_read_only_token("SCAN"));
    assert!(!allowed_for_read_only_token("KEYS"));
    assert!(!allowed_for_read_only_token("FLUSHDB"));
    assert!(!allowed_for_read_only_token("DEL"));
    let set = command_info("set").map(|c| (c.arity, c.is_write()));
    assert_eq!(set, Some((-3, true)));
    let mset = command_info("MSET").map(|c| c.key_positions(5));
    assert_eq!(mset, Some(vec![1, 3]));
}

#[test]
fn memory_usage_grows_with_the_value() {
    let mut t = T::new();
    t.ok("SET small v");
    t.ok(&format!("SET large {}", "x".repeat(10_000)));
    let size = |t: &mut T, k: &str| match t.run(&format!("MEMORY USAGE {k}")) {
        Reply::Int(n) => n,
        other => panic!("{other:?}"),
    };
    let (s, l) = (size(&mut t, "small"), size(&mut t, "large"));
    assert!(s > 0 && l > s + 9_000, "{s} {l}");
    assert_eq!(size(&mut t, "large"), l, "deterministic");
    t.is("MEMORY USAGE nokey", Reply::Nil);
    t.int("RPUSH l a b c", 3);
    assert!(size(&mut t, "l") > 0);
    t.err("MEMORY USAGE l SAMPLES -1", "ERR syntax error");
    t.err(
        "MEMORY FOO",
        "ERR unknown subcommand 'FOO'. Try MEMORY HELP.",
    );
    t.err(
        "MEMORY USAGE",
        "ERR wrong number of arguments for 'memory|usage' command",
    );
}

#[test]
fn randomkey_returns_a_live_key() {
    let mut t = T::new();
    t.is("RANDOMKEY", Reply::Nil);
    t.ok("SET a 1");
    t.ok("SET b 1 PX 1");
    t.advance(2);
    for _ in 0..20 {
        t.bulk("RANDOMKEY", "a");
    }
}
