//! Lists, sets, sorted sets and streams.

use crate::support::{T, bulk, bulks};
use updash_keyspace::Reply;

#[test]
fn lists() {
    let mut t = T::new();
    t.int("RPUSH l a b c", 3);
    t.int("LPUSH l z", 4);
    t.is("LRANGE l 0 -1", bulks(&["z", "a", "b", "c"]));
    t.is("LRANGE l -100 100", bulks(&["z", "a", "b", "c"]));
    t.is("LPOP l 2", bulks(&["z", "a"]));
    t.is("LPOP nokey 2", Reply::NilArray);
    t.is("LPOP l 0", Reply::Array(vec![]));
    t.err("LPOP l -1", "ERR value is out of range, must be positive");
    t.err("LSET nokey 0 x", "ERR no such key");
    t.err("LSET l 9 x", "ERR index out of range");
    t.int("LINSERT l BEFORE c x", 3);
    t.int("LINSERT l AFTER zz x", -1);
    t.err("LINSERT l MIDDLE c x", "ERR syntax error");
    t.int("RPUSH p a b a c a", 5);
    t.is(
        "LPOS p a RANK -1 COUNT 2",
        Reply::Array(vec![Reply::Int(4), Reply::Int(2)]),
    );
    t.err("LPOS p a RANK 0", "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
    t.int("LREM p -2 a", 2);
    t.is("LRANGE p 0 -1", bulks(&["a", "b", "c"]));
    t.ok("LTRIM p 5 1");
    t.int("EXISTS p", 0);
    t.is("LINDEX l -1", bulk("c"));
    t.is("LINDEX l 99", Reply::Nil);
    t.err("LINDEX l x", "ERR value is not an integer or out of range");
}

#[test]
fn sets() {
    let mut t = T::new();
    t.int("SADD s a b c", 3);
    t.int("SADD t b c d", 3);
    let mut inter = match t.run("SINTER s t") {
        Reply::Array(v) => v,
        other => panic!("{other:?}"),
    };
    inter.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(inter, vec![bulk("b"), bulk("c")]);
    t.is("SDIFF s t", bulks(&["a"]));
    t.is(
        "SMISMEMBER s a d",
        Reply::Array(vec![Reply::Int(1), Reply::Int(0)]),
    );
    t.is("SPOP nokey 2", Reply::Array(vec![]));
    t.err("SPOP s -1", "ERR value is out of range, must be positive");
    t.err("SRANDMEMBER s 1 2", "ERR syntax error");
    match t.run("SRANDMEMBER s -10") {
        Reply::Array(v) => assert_eq!(v.len(), 10),
        other => panic!("{other:?}"),
    }
    match t.run("SRANDMEMBER s 2") {
        Reply::Array(mut v) => {
            v.dedup();
            assert_eq!(v.len(), 2);
        }
        other => panic!("{other:?}"),
    }
    match t.run("SPOP s 10") {
        Reply::Array(v) => assert_eq!(v.len(), 3),
        other => panic!("{other:?}"),
    }
    t.int("EXISTS s", 0);
}

#[test]
fn sorted_sets_and_score_formatting() {
    let mut t = T::new();
    t.int("ZADD z 0.1 a 1e20 b 3.0000000000000004 c inf d -inf e", 5);
    t.is(
        "ZRANGE z 0 -1 WITHSCORES",
        bulks(&[
            "e",
            "-inf",
            "a",
            "0.10000000000000001",
            "c",
            "3.0000000000000004",
            "b",
            "1e+20",
            "d",
            "inf",
        ]),
    );
    t.err(
        "ZADD z NX XX 1 a",
        "ERR XX and NX options at the same time are not compatible",
    );
    t.err(
        "ZADD z GT LT 1 a",
        "ERR GT, LT, and/or NX options at the same time are not compatible",
    );
    t.err(
        "ZADD z INCR 1 a 2 b",
        "ERR INCR option supports a single increment-element pair",
    );
    t.err("ZADD z nan a", "ERR value is not a valid float");
    t.err(
        "ZINCRBY z -inf d",
        "ERR resulting score is not a number (NaN)",
    );
    t.bulk("ZINCRBY z 1 new", "1");
    t.is("ZADD z INCR XX 1 zz", Reply::Nil);
    t.int("ZADD z CH GT 0 a 5 c", 1);
    t.err(
        "ZRANGE z 0 -1 LIMIT 0 1",
        "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
    );
    t.err(
        "ZRANGE z - + BYLEX WITHSCORES",
        "ERR syntax error, WITHSCORES not supported in combination with BYLEX",
    );
    t.is("ZRANGE z (1 5 BYSCORE", bulks(&["c"]));
    t.is(
        "ZRANGE z +inf -inf BYSCORE REV LIMIT 0 2",
        bulks(&["d", "b"]),
    );
    t.err("ZRANGEBYSCORE z (1 abc", "ERR min or max is not a float");
    t.err(
        "ZRANGE z a b BYLEX",
        "ERR min or max not valid string range item",
    );
    t.int("ZRANK z a", 1);
    t.int("ZREVRANK z a", 4);
    t.int("ZCOUNT z -inf +inf", 6);
    t.int("ZREM z a b c d e new", 6);
    t.int("EXISTS z", 0);
    t.int("ZADD l 0 a 0 b 0 c", 3);
    t.is("ZRANGEBYLEX l (a +", bulks(&["b", "c"]));
    t.is("ZRANGE l [c - BYLEX REV", bulks(&["c", "b", "a"]));
}

#[test]
fn streams() {
    let mut t = T::new();
    t.bulk("XADD s 1-1 a 1", "1-1");
    t.err(
        "XADD s 1-1 a 1",
        "ERR The ID specified in XADD is equal or smaller than the target stream top item",
    );
    t.err(
        "XADD s 0-0 a 1",
        "ERR The ID specified in XADD must be greater than 0-0",
    );
    t.err(
        "XADD s abc a 1",
        "ERR Invalid stream ID specified as stream command argument",
    );
    t.bulk("XADD s 1-* b 2", "1-2");
    let now = t.now;
    t.bulk("XADD s * c 3", &format!("{now}-0"));
    t.bulk("XADD s * c 3", &format!("{now}-1"));
    t.int("XLEN s", 4);
    t.is(
        "XRANGE s (1-1 + COUNT 1",
        Reply::Array(vec![Reply::Array(vec![bulk("1-2"), bulks(&["b", "2"])])]),
    );
    t.is("XRANGE s - + COUNT 0", Reply::NilArray);
    t.int("XDEL s 1-1 9-9", 1);
    t.int("XTRIM s MAXLEN 1", 2);
    t.err(
        "XTRIM s MAXLEN 10 LIMIT 5",
        "ERR syntax error, LIMIT cannot be used without the special ~ option",
    );
    t.err(
        "XTRIM s",
        "ERR wrong number of arguments for 'xtrim' command",
    );
    t.is("XADD nokey NOMKSTREAM 1-1 a b", Reply::Nil);
    for i in 1..=250 {
        t.run(&format!("XADD big {i}-1 f v"));
    }
    // Approximate trimming only drops whole 100-entry nodes.
    t.int("XTRIM big MAXLEN ~ 120", 100);
    t.int("XLEN big", 150);
}
