//! String commands: replies, options and error texts.

use crate::support::{T, bulks};
use updash_keyspace::Reply;

#[test]
fn set_options_and_errors() {
    let mut t = T::new();
    t.ok("SET k v");
    t.bulk("GET k", "v");
    t.is("SET k v2 NX", Reply::Nil);
    t.ok("SET k v2 XX");
    t.bulk("SET k v3 GET", "v2");
    t.is("SET fresh v GET", Reply::Nil);
    t.err("SET k v NX XX", "ERR syntax error");
    t.err("SET k v KEEPTTL EX 10", "ERR syntax error");
    t.err("SET k v EX 0", "ERR invalid expire time in 'set' command");
    t.err("SET k v PX -5", "ERR invalid expire time in 'set' command");
    t.err(
        "SET k v EX abc",
        "ERR value is not an integer or out of range",
    );
    t.err(
        "SET k v EX 9223372036854775",
        "ERR invalid expire time in 'set' command",
    );
    t.ok("SET k v EX 10 EX 20");
    t.int("TTL k", 20);
    t.ok("SET k v KEEPTTL");
    t.int("TTL k", 20);
    t.ok("SET k v");
    t.int("TTL k", -1);
    t.ok("SET k v PXAT 1");
    t.is("GET k", Reply::Nil);
    t.run("RPUSH l a");
    t.err(
        "SET l v GET",
        "WRONGTYPE Operation against a key holding the wrong kind of value",
    );
    t.err("SET k", "ERR wrong number of arguments for 'set' command");
}

#[test]
fn counters_overflow_and_floats() {
    let mut t = T::new();
    t.int("INCR n", 1);
    t.int("INCRBY n 10", 11);
    t.int("DECRBY n 12", -1);
    t.ok("SET n 9223372036854775807");
    t.err("INCR n", "ERR increment or decrement would overflow");
    t.err(
        "DECRBY n -9223372036854775808",
        "ERR decrement would overflow",
    );
    t.err(
        "INCRBY n 1.5",
        "ERR value is not an integer or out of range",
    );
    t.ok("SET s 01");
    t.err("INCR s", "ERR value is not an integer or out of range");
    t.ok("SET f 10.5");
    t.bulk("INCRBYFLOAT f 0.1", "10.6");
    t.bulk("INCRBYFLOAT g 1000.1", "1000.09999999999999998");
    t.err("INCRBYFLOAT g nan", "ERR value is not a valid float");
    t.err(
        "INCRBYFLOAT g inf",
        "ERR increment would produce NaN or Infinity",
    );
    t.err("INCRBYFLOAT g 1e5000", "ERR value is not a valid float");
    t.ok("SET ttl 5 EX 100");
    t.int("INCR ttl", 6);
    t.int("TTL ttl", 100);
}

#[test]
fn ranges_append_and_multi() {
    let mut t = T::new();
    t.int("APPEND a hello", 5);
    t.int("APPEND a \" world\"", 11);
    t.bulk("GETRANGE a 0 4", "hello");
    t.bulk("GETRANGE a -5 -1", "world");
    t.bulk("GETRANGE a 5 1", "");
    t.bulk("GETRANGE a -1 -5", "");
    t.int("SETRANGE b 3 x", 4);
    t.bulk("GET b", "\0\0\0x");
    t.err("SETRANGE b -1 x", "ERR offset is out of range");
    t.err(
        "SETRANGE b 536870912 x",
        "ERR string exceeds maximum allowed size (proto-max-bulk-len)",
    );
    t.int("SETRANGE nokey 0 \"\"", 0);
    t.int("EXISTS nokey", 0);
    t.ok("MSET x 1 y 2");
    t.is(
        "MGET x y z",
        Reply::Array(vec![
            crate::support::bulk("1"),
            crate::support::bulk("2"),
            Reply::Nil,
        ]),
    );
    t.err(
        "MSET x 1 y",
        "ERR wrong number of arguments for 'mset' command",
    );
    t.bulk("GETDEL x", "1");
    t.is("GETDEL x", Reply::Nil);
    t.bulk("GETSET y 3", "2");
    t.int("SETNX y 4", 0);
    t.int("STRLEN y", 1);
    t.is("MGET y", bulks(&["3"]));
}

#[test]
fn binary_values_round_trip() {
    let mut t = T::new();
    let v: Vec<u8> = (0..=255u8).collect();
    assert_eq!(
        t.ks.execute(&[b"SET".to_vec(), b"\xff\x00k".to_vec(), v.clone()], t.now),
        Reply::ok()
    );
    assert_eq!(
        t.ks.execute(&[b"GET".to_vec(), b"\xff\x00k".to_vec()], t.now),
        Reply::Bulk(v)
    );
}
