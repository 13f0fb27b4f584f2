//! Seeding a real Redis with the embedded engine's demo and bulk data: the engine fills a
//! keyspace in memory, and each of its keys is replayed as Redis writes.

use super::backend::Seed;
use super::request::Command;
use updash_keyspace::{Keyspace, Reply};

/// Writes per round trip to Redis.
pub const CHUNK: usize = 1000;

/// The engine's data for `seed`, as Redis commands, in chunks of at most [`CHUNK`].
/// JSON documents and hash-field TTLs are left out: Redis 7.0 has neither.
pub fn commands(seed: Seed, now_ms: u64) -> Vec<Vec<Command>> {
    let mut keys = Keyspace::new();
    match seed {
        Seed::Demo => keys.seed_demo(now_ms),
        Seed::Bulk(n) => keys.seed_bulk(n, now_ms),
    };
    let mut chunks = vec![Vec::new()];
    let mut cursor = b"0".to_vec();
    loop {
        let page = run(&mut keys, &[b"SCAN", &cursor, b"COUNT", b"1000"], now_ms);
        let Reply::Array(mut parts) = page else { break };
        let found = match parts.pop() {
            Some(Reply::Array(found)) => found,
            _ => Vec::new(),
        };
        cursor = match parts.pop() {
            Some(Reply::Bulk(c)) => c,
            _ => b"0".to_vec(),
        };
        for key in found {
            if let Reply::Bulk(key) = key {
                for cmd in recreate(&mut keys, &key, now_ms) {
                    if chunks.last().is_some_and(|c| c.len() >= CHUNK) {
                        chunks.push(Vec::new());
                    }
                    if let Some(chunk) = chunks.last_mut() {
                        chunk.push(cmd);
                    }
                }
            }
        }
        if cursor == b"0" {
            break;
        }
    }
    chunks.retain(|c| !c.is_empty());
    chunks
}

fn run(keys: &mut Keyspace, args: &[&[u8]], now_ms: u64) -> Reply {
    keys.execute(args, now_ms)
}

/// The bulk strings of an array reply.
fn strings(reply: Reply) -> Vec<Vec<u8>> {
    match reply {
        Reply::Array(items) => items
            .into_iter()
            .filter_map(|i| match i {
                Reply::Bulk(b) => Some(b),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The writes that recreate `key`, its TTL included.
fn recreate(keys: &mut Keyspace, key: &[u8], now_ms: u64) -> Vec<Command> {
    let kind = match run(keys, &[b"TYPE", key], now_ms) {
        Reply::Status(t) => t,
        _ => return Vec::new(),
    };
    let with = |name: &[u8], rest: Vec<Vec<u8>>| -> Command {
        let mut cmd = vec![name.to_vec(), key.to_vec()];
        cmd.extend(rest);
        cmd
    };
    let mut out = match kind.as_str() {
        "string" => match run(keys, &[b"GET", key], now_ms) {
            Reply::Bulk(v) => vec![with(b"SET", vec![v])],
            _ => Vec::new(),
        },
        "hash" => vec![with(
            b"HSET",
            strings(run(keys, &[b"HGETALL", key], now_ms)),
        )],
        "list" => vec![with(
            b"RPUSH",
            strings(run(keys, &[b"LRANGE", key, b"0", b"-1"], now_ms)),
        )],
        "set" => vec![with(
            b"SADD",
            strings(run(keys, &[b"SMEMBERS", key], now_ms)),
        )],
        "zset" => {
            let flat = strings(run(
                keys,
                &[b"ZRANGE", key, b"0", b"-1", b"WITHSCORES"],
                now_ms,
            ));
            let swapped = flat
                .chunks(2)
                .flat_map(|p| p.iter().rev().cloned())
                .collect();
            vec![with(b"ZADD", swapped)]
        }
        "stream" => match run(keys, &[b"XRANGE", key, b"-", b"+"], now_ms) {
            Reply::Array(entries) => entries
                .into_iter()
                .filter_map(|e| match e {
                    Reply::Array(mut parts) if parts.len() == 2 => {
                        let fields = strings(parts.pop()?);
                        let id = match parts.pop()? {
                            Reply::Bulk(id) => id,
                            _ => return None,
                        };
                        let mut rest = vec![id];
                        rest.extend(fields);
                        Some(with(b"XADD", rest))
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    if out.iter().any(|c| c.len() <= 2) {
        return Vec::new(); // an empty collection: nothing to write
    }
    if let Reply::Int(ms) = run(keys, &[b"PTTL", key], now_ms)
        && ms > 0
        && !out.is_empty()
    {
        out.push(with(b"PEXPIRE", vec![ms.to_string().into_bytes()]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_keys_become_one_write_each_in_chunks() {
        let chunks = commands(Seed::Bulk(2500), 1_700_000_000_000);
        let total: usize = chunks.iter().map(Vec::len).sum();
        assert!(total >= 2500, "{total}");
        assert!(chunks.iter().all(|c| c.len() <= CHUNK));
    }

    #[test]
    fn demo_data_covers_every_redis_type() {
        let chunks = commands(Seed::Demo, 1_700_000_000_000);
        let names: std::collections::BTreeSet<Vec<u8>> =
            chunks.iter().flatten().map(|c| c[0].clone()).collect();
        for name in ["SET", "HSET", "RPUSH", "SADD", "ZADD", "XADD", "PEXPIRE"] {
            assert!(names.contains(name.as_bytes()), "no {name}");
        }
    }
}
