//! SCAN's guarantees, Upstash's WITHTYPE and cap, and glob matching.

use std::collections::HashSet;

use crate::support::{T, bulk};
use updash_keyspace::{Keyspace, Reply, glob_match};

fn page(r: Reply) -> (Vec<u8>, Vec<Reply>) {
    match r {
        Reply::Array(mut parts) if parts.len() == 2 => {
            let items = match parts.pop() {
                Some(Reply::Array(v)) => v,
                other => panic!("{other:?}"),
            };
            match parts.pop() {
                Some(Reply::Bulk(c)) => (c, items),
                other => panic!("{other:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn keys_present_throughout_are_returned_despite_churn() {
    let mut ks = Keyspace::new();
    let now = 1;
    for i in 0..5000 {
        ks.execute(&["SET".to_string(), format!("stable:{i}"), "v".into()], now);
    }
    let mut seen: HashSet<Vec<u8>> = HashSet::new();
    let mut cursor = b"0".to_vec();
    let mut calls = 0;
    loop {
        let r = ks.execute(
            &[
                b"SCAN".to_vec(),
                cursor.clone(),
                b"COUNT".to_vec(),
                b"100".to_vec(),
            ],
            now,
        );
        let (next, items) = page(r);
        for it in items {
            if let Reply::Bulk(k) = it {
                seen.insert(k);
            }
        }
        // Churn between calls: add keys, delete others (never stable ones).
        for j in 0..50 {
            ks.execute(
                &["SET".to_string(), format!("churn:{calls}:{j}"), "v".into()],
                now,
            );
            if calls > 0 {
                ks.execute(
                    &["DEL".to_string(), format!("churn:{}:{j}", calls - 1)],
                    now,
                );
            }
        }
        calls += 1;
        assert!(calls < 10_000, "SCAN did not terminate");
        if next == b"0" {
            break;
        }
        cursor = next;
    }
    for i in 0..5000 {
        assert!(
            seen.contains(format!("stable:{i}").as_bytes()),
            "stable:{i} missed"
        );
    }
}

#[test]
fn count_is_capped_and_cursor_zero_ends() {
    let mut ks = Keyspace::new();
    ks.seed_bulk(5000, 0);
    let (cursor, items) = page(ks.execute(&["SCAN", "0", "COUNT", "1000000"], 0));
    assert!(items.len() <= 1000 + 8, "examined {} keys", items.len());
    assert_ne!(cursor, b"0");
    let (_, items) = page(ks.execute(&["SCAN", "0", "COUNT", "5"], 0));
    assert!(items.len() <= 5 + 8);
    assert_eq!(
        ks.execute(&["SCAN", "x"], 0),
        Reply::err("ERR invalid cursor")
    );
    assert_eq!(
        ks.execute(&["SCAN", "0", "COUNT", "0"], 0),
        Reply::err("ERR syntax error")
    );
}

#[test]
fn withtype_and_type_filter() {
    let mut t = T::new();
    t.run("SET s v");
    t.run("RPUSH l a");
    t.run("JSON.SET j $ 1");
    let (_, items) = page(t.run("SCAN 0 MATCH s WITHTYPE"));
    assert_eq!(items, vec![bulk("s"), bulk("string")]);
    let (_, items) = page(t.run("SCAN 0 TYPE list COUNT 100"));
    assert_eq!(items, vec![bulk("l")]);
    let (_, items) = page(t.run("SCAN 0 TYPE json COUNT 100 WITHTYPE"));
    assert_eq!(items, vec![bulk("j"), bulk("ReJSON-RL")]);
}

#[test]
fn collection_scans_page_large_values() {
    let mut t = T::new();
    for i in 0..3000 {
        t.run(&format!("HSET h f{i} {i}"));
    }
    let mut cursor = "0".to_string();
    let mut fields = HashSet::new();
    loop {
        let (next, items) = page(t.run(&format!("HSCAN h {cursor} COUNT 500")));
        assert!(items.len() <= 2 * 510);
        for pair in items.chunks(2) {
            fields.insert(format!("{:?}", pair[0]));
        }
        cursor = String::from_utf8_lossy(&next).into_owned();
        if cursor == "0" {
            break;
        }
    }
    assert_eq!(fields.len(), 3000);
    let (cursor, items) = page(t.run("HSCAN h 0 MATCH f1?? COUNT 1000"));
    assert_ne!(cursor, b"0");
    assert!(items.len() <= 200);
}

#[test]
fn glob_is_redis_stringmatchlen() {
    assert!(glob_match(b"h?llo", b"hello"));
    assert!(glob_match(b"h*llo", b"hllo"));
    assert!(glob_match(b"h[^e]llo", b"hallo"));
    assert!(!glob_match(b"h[^e]llo", b"hello"));
    assert!(glob_match(b"h[a-b]llo", b"hbllo"));
    assert!(glob_match(b"\\*", b"*"));
    // Odd patterns, checked with KEYS on redis-server 7.0.15 against the
    // keys x, ab, ], \\, a-, x[.
    let keys: [&[u8]; 6] = [b"x", b"ab", b"]", b"\\", b"a-", b"x["];
    let cases: [(&[u8], &[&[u8]]); 10] = [
        (b"[", &[]),
        (b"*[", &[]),
        (b"[]]", &[]),
        (b"[a-", &[]),
        (b"x[", &[]),
        (b"[\\", &[b"\\"]),
        (b"[^", &[b"x", b"]", b"\\"]),
        (b"a[-]", &[b"a-"]),
        (b"[]", &[]),
        (b"\\", &[b"\\"]),
    ];
    for (pattern, want) in cases {
        let got: Vec<&[u8]> = keys
            .iter()
            .copied()
            .filter(|k| glob_match(pattern, k))
            .collect();
        assert_eq!(
            got,
            want.to_vec(),
            "pattern {:?}",
            pattern.escape_ascii().to_string()
        );
    }
}
