//! Hash commands, including Redis 7.4 per-field TTLs.

use crate::support::{T, bulks};
use updash_keyspace::Reply;

fn ints(v: &[i64]) -> Reply {
    Reply::Array(v.iter().map(|&n| Reply::Int(n)).collect())
}

#[test]
fn basic_hash_commands() {
    let mut t = T::new();
    t.int("HSET h a 1 b 2", 2);
    t.int("HSET h a 10 c 3", 1);
    t.bulk("HGET h a", "10");
    t.is(
        "HMGET h a zz",
        Reply::Array(vec![crate::support::bulk("10"), Reply::Nil]),
    );
    t.int("HLEN h", 3);
    t.int("HDEL h a zz", 1);
    t.int("HEXISTS h a", 0);
    t.int("HSETNX h b 9", 0);
    t.int("HSTRLEN h b", 1);
    t.err(
        "HSET h x",
        "ERR wrong number of arguments for 'hset' command",
    );
    t.int("HINCRBY h n 5", 5);
    t.err(
        "HINCRBY h b x",
        "ERR value is not an integer or out of range",
    );
    t.run("HSET h s str");
    t.err("HINCRBY h s 1", "ERR hash value is not an integer");
    t.err("HINCRBYFLOAT h s 1", "ERR hash value is not a float");
    t.err("HINCRBYFLOAT h s inf", "ERR value is NaN or Infinity");
    t.bulk("HINCRBYFLOAT h f 0.1", "0.1");
    t.ok("HMSET h p 1");
    t.int("HDEL h b c n s f p", 6);
    t.int("EXISTS h", 0);
    t.is("HGETALL h", Reply::Array(vec![]));
}

#[test]
fn field_ttls_follow_redis_7_4() {
    let mut t = T::new();
    t.int("HSET h a 1 b 2 c 3", 3);
    t.is("HEXPIRE h 100 FIELDS 2 a zz", ints(&[1, -2]));
    t.is("HTTL h FIELDS 3 a b zz", ints(&[100, -1, -2]));
    t.is("HPTTL h FIELDS 1 a", ints(&[100_000]));
    t.is("HEXPIRE h 50 NX FIELDS 2 a b", ints(&[0, 1]));
    t.is("HEXPIRE h 200 XX FIELDS 2 a c", ints(&[1, 0]));
    t.is("HEXPIRE h 10 GT FIELDS 1 a", ints(&[0]));
    t.is("HEXPIRE h 10 LT FIELDS 2 a c", ints(&[1, 1]));
    t.is(
        "HEXPIRETIME h FIELDS 1 a",
        ints(&[(t.now / 1000) as i64 + 10]),
    );
    t.is("HPERSIST h FIELDS 3 a c zz", ints(&[1, 1, -2]));
    t.is("HPERSIST h FIELDS 1 a", ints(&[-1]));
    t.is("HEXPIRE h 0 FIELDS 1 c", ints(&[2]));
    t.int("HEXISTS h c", 0);
    t.is("HEXPIRE nokey 10 FIELDS 2 a b", ints(&[-2, -2]));
    t.is("HTTL nokey FIELDS 1 a", ints(&[-2]));
    t.err(
        "HEXPIRE h 10 FIELDS 0 a",
        "ERR Parameter `numFields` should be greater than 0",
    );
    t.err(
        "HEXPIRE h 10 FIELDS 2 a",
        "ERR The `numfields` parameter must match the number of arguments",
    );
    t.err(
        "HEXPIRE h 10 FOO 1 a",
        "ERR Mandatory argument FIELDS is missing or not at the right position",
    );
    t.err(
        "HEXPIRE h -1 FIELDS 1 a",
        "ERR invalid expire time, must be >= 0",
    );
    t.err(
        "HTTL h FIELDS 0 a",
        "ERR Number of fields must be a positive integer",
    );
    t.err(
        "HEXPIRE h 10 FIELDS",
        "ERR wrong number of arguments for 'hexpire' command",
    );
    t.run("SET s v");
    t.err(
        "HTTL s FIELDS 1 a",
        "WRONGTYPE Operation against a key holding the wrong kind of value",
    );
}

#[test]
fn expired_fields_disappear_and_take_the_hash_with_them() {
    let mut t = T::new();
    t.int("HSET h a 1 b 2", 2);
    t.is("HPEXPIRE h 100 FIELDS 1 a", ints(&[1]));
    t.advance(101);
    t.is("HGETALL h", bulks(&["b", "2"]));
    t.int("HLEN h", 1);
    t.is("HPEXPIRE h 100 FIELDS 1 b", ints(&[1]));
    t.int("HSET h2 x 1", 1);
    t.is("HPEXPIRE h2 50 FIELDS 1 x", ints(&[1]));
    t.advance(101);
    // Not touched yet: SCAN, DBSIZE and EXISTS must still not see them.
    t.is(
        "SCAN 0 COUNT 100",
        Reply::Array(vec![crate::support::bulk("0"), Reply::Array(vec![])]),
    );
    t.int("DBSIZE", 0);
    t.int("EXISTS h h2", 0);
    t.is("TYPE h", Reply::Status("none".into()));
}

#[test]
fn hset_clears_a_field_ttl_but_hincrby_keeps_it() {
    let mut t = T::new();
    t.int("HSET h a 1 n 1", 2);
    t.is("HEXPIRE h 100 FIELDS 2 a n", ints(&[1, 1]));
    t.int("HSET h a 2", 0);
    t.int("HINCRBY h n 1", 2);
    t.is("HTTL h FIELDS 2 a n", ints(&[-1, 100]));
}
