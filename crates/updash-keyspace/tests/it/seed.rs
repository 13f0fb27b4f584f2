//! Seeding helpers: deterministic, valid, and what the browser needs.

use std::io::Read;

use updash_keyspace::{Keyspace, Reply};

fn get(ks: &mut Keyspace, key: &[u8], now: u64) -> Reply {
    ks.execute(&[b"GET".to_vec(), key.to_vec()], now)
}

#[test]
fn demo_is_deterministic_and_browsable() {
    let now = 1_700_000_000_000;
    let (mut a, mut b) = (Keyspace::new(), Keyspace::new());
    let n = a.seed_demo(now);
    assert_eq!(b.seed_demo(now), n);
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    a.save(&mut sa).expect("save");
    b.save(&mut sb).expect("save");
    assert!(sa == sb, "seed_demo is not deterministic");
    assert!(n >= 150, "{n} keys");
    let types = |ks: &mut Keyspace, k: &str| ks.execute(&["TYPE", k], now);
    assert_eq!(types(&mut a, "queue:emails"), Reply::Status("list".into()));
    assert_eq!(
        types(&mut a, "leaderboard:global"),
        Reply::Status("zset".into())
    );
    assert_eq!(
        types(&mut a, "events:orders"),
        Reply::Status("stream".into())
    );
    assert_eq!(
        types(&mut a, "config:app"),
        Reply::Status("ReJSON-RL".into())
    );
    assert_eq!(types(&mut a, "tags:post:1"), Reply::Status("set".into()));
    match get(&mut a, b"blob:big-5mb", now) {
        Reply::Bulk(v) => assert_eq!(v.len(), 5 * 1024 * 1024),
        other => panic!("{other:?}"),
    }
    match get(&mut a, b"blob:report.json.gz", now) {
        Reply::Bulk(v) => {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&v[..])
                .read_to_string(&mut text)
                .expect("gzip");
            assert!(text.starts_with("[{\"row\":0"));
        }
        other => panic!("{other:?}"),
    }
    for k in [
        "evil:\x1b[31mred\x1b[0m",
        "evil:zero\u{200B}width",
        "evil:\u{202E}gnp.exe",
        "user:josé",
    ] {
        assert!(
            matches!(get(&mut a, k.as_bytes(), now), Reply::Bulk(_)),
            "{k:?}"
        );
    }
    let sessions = a.execute(&["KEYS", "session:*"], now);
    let Reply::Array(sessions) = sessions else {
        panic!()
    };
    assert_eq!(sessions.len(), 50);
    // Short TTLs really expire.
    assert!(a.dbsize(now + 61_000) < n);
}

#[test]
fn bulk_is_deterministic_and_mixed() {
    let (mut a, mut b) = (Keyspace::new(), Keyspace::new());
    assert_eq!(a.seed_bulk(10_000, 5), 10_000);
    b.seed_bulk(10_000, 5);
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    a.save(&mut sa).expect("save");
    b.save(&mut sb).expect("save");
    assert!(sa == sb);
    for (t, min) in [
        ("string", 5000),
        ("hash", 1500),
        ("list", 500),
        ("set", 200),
        ("zset", 200),
    ] {
        let Reply::Array(parts) = a.execute(&["SCAN", "0", "TYPE", t, "COUNT", "1000"], 5) else {
            panic!()
        };
        let _ = parts;
        let n = count_type(&mut a, t);
        assert!(n >= min, "{t}: {n}");
    }
    let info = a.execute(&["INFO", "keyspace"], 5);
    let Reply::Bulk(info) = info else { panic!() };
    let info = String::from_utf8_lossy(&info).into_owned();
    assert!(info.contains("db0:keys=10000,expires=2"), "{info}");
}

fn count_type(ks: &mut Keyspace, t: &str) -> usize {
    let mut cursor = "0".to_string();
    let mut n = 0;
    loop {
        let r = ks.execute(&["SCAN", cursor.as_str(), "TYPE", t, "COUNT", "1000"], 5);
        let Reply::Array(parts) = r else { panic!() };
        let (Reply::Bulk(c), Reply::Array(items)) = (&parts[0], &parts[1]) else {
            panic!()
        };
        n += items.len();
        cursor = String::from_utf8_lossy(c).into_owned();
        if cursor == "0" {
            return n;
        }
    }
}
