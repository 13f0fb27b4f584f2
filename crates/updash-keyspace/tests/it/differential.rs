//! Replays command scripts against the engine and a real redis-server 7.0
//! and requires identical replies (after normalizing what Redis leaves
//! unordered or random). Needs `redis-server` on PATH.

use crate::support::scripts::SCRIPTS;
use crate::support::{Conn, RedisServer, now_ms, split};
use updash_keyspace::{Keyspace, NOT_IN_REDIS_7_0, Reply, commands};

fn upper(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_ascii_uppercase()
}

/// Keeps only a reply's shape: errors and nils stay, values blur.
fn shape(r: Reply) -> Reply {
    match r {
        Reply::Bulk(_) => Reply::Bulk(b"?".to_vec()),
        Reply::Int(_) => Reply::Int(0),
        Reply::Array(v) => Reply::Array(v.into_iter().map(shape).collect()),
        other => other,
    }
}

fn sorted(r: Reply, pairs: bool) -> Reply {
    let Reply::Array(v) = r else { return r };
    if !pairs {
        let mut v = v;
        v.sort_by_key(|x| format!("{x:?}"));
        return Reply::Array(v);
    }
    let mut chunks: Vec<Vec<Reply>> = v.chunks(2).map(<[Reply]>::to_vec).collect();
    chunks.sort_by_key(|c| format!("{c:?}"));
    Reply::Array(chunks.into_iter().flatten().collect())
}

fn normalize(args: &[Vec<u8>], r: Reply) -> Reply {
    let name = upper(&args[0]);
    match name.as_str() {
        "SMEMBERS" | "SINTER" | "SUNION" | "SDIFF" | "KEYS" | "HKEYS" | "HVALS" => sorted(r, false),
        "HGETALL" => sorted(r, true),
        "SPOP" | "SRANDMEMBER" | "RANDOMKEY" | "HRANDFIELD" | "MEMORY" => shape(r),
        "XADD" if args.iter().any(|a| a == b"*") => shape(r),
        "PTTL" | "PEXPIRETIME" => match r {
            Reply::Int(n) if n >= 0 => Reply::Int((n + 500) / 1000),
            other => other,
        },
        _ => r,
    }
}

/// Runs a SCAN-family command from cursor 0 to the end and returns the
/// sorted, de-duplicated items (pairs for HSCAN/ZSCAN).
fn full_scan(mut exec: impl FnMut(&[Vec<u8>]) -> Reply, args: &[Vec<u8>]) -> Reply {
    let name = upper(&args[0]);
    let cursor_at = if name == "SCAN" { 1 } else { 2 };
    let pairs = name == "HSCAN" || name == "ZSCAN";
    let mut args = args.to_vec();
    let mut items: Vec<Vec<Reply>> = Vec::new();
    for _ in 0..100_000 {
        let r = exec(&args);
        let Reply::Array(parts) = r else { return r };
        let [Reply::Bulk(cursor), Reply::Array(found)] = parts.as_slice() else {
            return Reply::Array(parts);
        };
        let step = if pairs { 2 } else { 1 };
        items.extend(found.chunks(step).map(<[Reply]>::to_vec));
        if cursor == b"0" {
            break;
        }
        args[cursor_at] = cursor.clone();
    }
    items.sort_by_key(|c| format!("{c:?}"));
    items.dedup();
    Reply::Array(items.into_iter().flatten().collect())
}

fn is_full_scan(args: &[Vec<u8>]) -> bool {
    let name = upper(&args[0]);
    match name.as_str() {
        "SCAN" => args.get(1).is_some_and(|c| c == b"0"),
        "HSCAN" | "SSCAN" | "ZSCAN" => args.get(2).is_some_and(|c| c == b"0"),
        _ => false,
    }
}

struct Pair {
    ks: Keyspace,
    conn: Conn,
}

impl Pair {
    fn both(&mut self, args: &[Vec<u8>]) -> (Reply, Reply) {
        if is_full_scan(args) {
            let ks = &mut self.ks;
            let mine = full_scan(|a| ks.execute(a, now_ms()), args);
            let conn = &mut self.conn;
            let theirs = full_scan(|a| conn.cmd(a), args);
            return (mine, theirs);
        }
        let mine = normalize(args, self.ks.execute(args, now_ms()));
        let theirs = normalize(args, self.conn.cmd(args));
        (mine, theirs)
    }
}

#[test]
#[ignore = "needs redis-server"]
fn engine_matches_redis_7_0() {
    let mut server = RedisServer::start().expect("start redis-server (is it installed?)");
    let conn = server.connect().expect("connect to redis-server");
    let mut pair = Pair {
        ks: Keyspace::new(),
        conn,
    };
    let mut failures = Vec::new();
    let mut compared = 0;
    for (n, script) in SCRIPTS.iter().enumerate() {
        pair.ks = Keyspace::new();
        pair.conn.cmd(&split("FLUSHALL"));
        for line in script.iter() {
            let args = split(line);
            if upper(&args[0]) == "SLEEP" {
                let ms = String::from_utf8_lossy(&args[1]).parse().unwrap_or(0);
                std::thread::sleep(std::time::Duration::from_millis(ms));
                continue;
            }
            let (mine, theirs) = pair.both(&args);
            compared += 1;
            if mine != theirs {
                failures.push(format!(
                    "script {n}: {line}\n  engine: {mine:?}\n  redis:  {theirs:?}"
                ));
            }
        }
    }
    // Arity errors for every command the table shares with Redis 7.0.
    for info in commands() {
        if info.flags & NOT_IN_REDIS_7_0 != 0 || info.name == "unlink" {
            continue;
        }
        let arity = info.arity.unsigned_abs() as usize;
        let mut counts = vec![arity.saturating_sub(1)];
        if info.arity > 0 {
            counts.push(arity + 1);
        }
        for argc in counts.into_iter().filter(|&n| n >= 1) {
            let mut args = vec![info.name.as_bytes().to_vec()];
            args.extend((1..argc).map(|i| format!("x{i}").into_bytes()));
            pair.ks = Keyspace::new();
            pair.conn.cmd(&split("FLUSHALL"));
            let (mine, theirs) = pair.both(&args);
            compared += 1;
            if mine != theirs {
                failures.push(format!(
                    "arity {args:?}\n  engine: {mine:?}\n  redis:  {theirs:?}"
                ));
            }
        }
    }
    println!(
        "differential: {compared} replies compared, {} differ",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {compared} replies differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
