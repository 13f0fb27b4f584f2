//! Save/load round trips and damaged input.

use crate::support::T;
use updash_keyspace::{Keyspace, LoadError, Reply};

fn every_type() -> T {
    let mut t = T::new();
    for line in [
        "SET s \"bin\\x00\\xffary\" EX 100",
        "HSET h a 1 b 2 c 3",
        "HEXPIRE h 50 FIELDS 1 b",
        "RPUSH l x y z",
        "SADD set m1 m2",
        "ZADD z 1.5 a -inf b 1e20 c",
        "XADD x 1-1 f v",
        "XADD x 2-5 g w h u",
        "XDEL x 1-1",
        "JSON.SET j $ \"{\\\"a\\\":[1,2,{\\\"b\\\":null}]}\"",
        "SET gone v PX 1",
    ] {
        assert!(!t.run(line).is_error(), "{line}");
    }
    t
}

const PROBES: &[&str] = &[
    "GET s",
    "PTTL s",
    "HGETALL h",
    "HPTTL h FIELDS 3 a b c",
    "LRANGE l 0 -1",
    "SMEMBERS set",
    "ZRANGE z 0 -1 WITHSCORES",
    "XRANGE x - +",
    "XADD x 2-5 q q",
    "JSON.GET j",
    "TYPE j",
    "DBSIZE",
    "EXISTS gone",
];

#[test]
fn round_trip_keeps_every_type_and_ttl() {
    let mut t = every_type();
    let mut buf = Vec::new();
    t.ks.save(&mut buf).expect("save");
    let mut loaded = T {
        ks: Keyspace::load(&buf[..]).expect("load"),
        now: t.now,
    };
    t.advance(2);
    loaded.advance(2);
    for p in PROBES {
        let (a, b) = (t.run(p), loaded.run(p));
        assert_eq!(a, b, "{p}");
    }
    let mut again = Vec::new();
    loaded.ks.save(&mut again).expect("save again");
    assert_eq!(Keyspace::load(&again[..]).map(|_| ()).ok(), Some(()));
}

#[test]
fn damaged_input_is_an_error_never_a_panic() {
    let t = every_type();
    let mut buf = Vec::new();
    t.ks.save(&mut buf).expect("save");
    assert!(matches!(
        Keyspace::load(&b"NOTAKEYSPACE"[..]),
        Err(LoadError::BadMagic)
    ));
    assert!(matches!(
        Keyspace::load(&b""[..]),
        Err(LoadError::Truncated)
    ));
    let mut wrong_version = buf.clone();
    wrong_version[6] = 9;
    assert!(matches!(
        Keyspace::load(&wrong_version[..]),
        Err(LoadError::UnsupportedVersion(9))
    ));
    for cut in 0..buf.len() {
        assert!(
            Keyspace::load(&buf[..cut]).is_err(),
            "truncated at {cut} loaded"
        );
    }
    for i in 8..buf.len() {
        let mut bad = buf.clone();
        bad[i] ^= 0x5a;
        assert!(Keyspace::load(&bad[..]).is_err(), "flipped byte {i} loaded");
    }
}

/// A body with a valid checksum but hostile lengths must fail cleanly.
#[test]
fn hostile_lengths_fail_without_allocating() {
    let mut body = b"UPDKS\0\x01\x00".to_vec();
    // One key claiming a 2^62-byte name.
    body.push(1);
    body.push(1);
    body.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f]);
    let sum = checksum_like_engine(&body);
    body.extend_from_slice(&sum.to_le_bytes());
    match Keyspace::load(&body[..]) {
        Err(LoadError::Truncated) | Err(LoadError::Corrupt(_)) | Err(LoadError::Checksum) => {}
        other => panic!("{:?}", other.map(|_| ())),
    }
    // A huge element count.
    let mut ks = Keyspace::new();
    assert_eq!(ks.execute(&["RPUSH", "l", "a"], 0), Reply::Int(1));
    let mut buf = Vec::new();
    ks.save(&mut buf).expect("save");
    assert!(Keyspace::load(&buf[..]).is_ok());
}

// Mirrors the engine's checksum so the test can forge a "valid" file.
fn checksum_like_engine(data: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = data.len() as u64 ^ 0x5851_F42D_4C95_7F2D;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(31);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(K).rotate_left(31);
    }
    h ^ (h >> 29)
}
