//! Deterministic seed data for the sandbox: a demo database worth opening in
//! a browser, and a bulk filler for load tests.

use std::collections::VecDeque;
use std::io::Write;

use crate::keyspace::Keyspace;
use crate::scanmap::ScanMap;
use crate::types::hash::HashVal;
use crate::types::zset::ZSet;
use crate::value::Value;

/// splitmix64: a fixed, well-mixed sequence from a counter.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const FIRST: &[&str] = &[
    "ada", "alan", "grace", "linus", "margaret", "ken", "barbara", "dennis", "radia", "edsger",
];
const CITIES: &[&str] = &[
    "Berlin", "Lisbon", "Osaka", "Lagos", "Lima", "Oslo", "Pune", "Quito",
];

fn pick<'a>(list: &[&'a str], n: u64) -> &'a str {
    list[(n % list.len() as u64) as usize]
}

impl Keyspace {
    fn demo(&mut self, args: &[&[u8]], now: u64) {
        // Seed commands are fixed and valid; a failure would be a bug in
        // this file, caught by the seed tests.
        let r = self.execute(args, now);
        debug_assert!(!r.is_error(), "seed command {:?} failed: {r:?}", args);
    }

    /// Fills the database with a deterministic demo data set: sessions
    /// (hashes with TTLs and field TTLs), cached JSON strings, rate-limit
    /// counters, a job queue, a leaderboard, an event stream, tag sets, a
    /// JSON document, a gzip blob, a 5 MB value, and keys whose names hold
    /// unicode and control characters. Returns the number of keys written.
    pub fn seed_demo(&mut self, now_ms: u64) -> usize {
        let before = self.map.len();
        let now = now_ms;
        for i in 0..50u64 {
            let id = format!("{:016x}", mix(i));
            let key = format!("session:{id}");
            let user = format!("{}", 1000 + i);
            let ip = format!("10.0.{}.{}", i / 5, i * 7 % 250);
            let created = (now / 1000 - i * 300).to_string();
            self.demo(
                &[
                    b"HSET",
                    key.as_bytes(),
                    b"user_id",
                    user.as_bytes(),
                    b"ip",
                    ip.as_bytes(),
                    b"user_agent",
                    b"Mozilla/5.0 (X11; Linux x86_64)",
                    b"created_at",
                    created.as_bytes(),
                    b"csrf",
                    &id.as_bytes()[..8],
                ],
                now,
            );
            let ttl = (1800 + i * 60).to_string();
            self.demo(&[b"EXPIRE", key.as_bytes(), ttl.as_bytes()], now);
            if i % 3 == 0 {
                self.demo(
                    &[b"HEXPIRE", key.as_bytes(), b"600", b"FIELDS", b"1", b"csrf"],
                    now,
                );
            }
        }
        for i in 0..40u64 {
            let key = format!("cache:user:{}", 1000 + i);
            let json = format!(
                r#"{{"id":{},"name":"{}","city":"{}","plan":"{}","visits":{}}}"#,
                1000 + i,
                pick(FIRST, i),
                pick(CITIES, i),
                if i % 4 == 0 { "pro" } else { "free" },
                mix(i) % 500
            );
            self.demo(&[b"SET", key.as_bytes(), json.as_bytes()], now);
            if i % 2 == 0 {
                self.demo(&[b"EXPIRE", key.as_bytes(), b"3600"], now);
            }
            let key = format!("cache:product:{}", 1 + i);
            let json = format!(
                r#"{{"sku":"SKU-{:04}","price":{}.{:02},"stock":{}}}"#,
                i,
                5 + i * 3,
                i * 7 % 100,
                mix(i + 99) % 80
            );
            self.demo(
                &[b"SET", key.as_bytes(), json.as_bytes(), b"EX", b"900"],
                now,
            );
        }
        for i in 0..10u64 {
            let key = format!("ratelimit:api:192.168.1.{}", 10 + i);
            let hits = (mix(i + 7) % 90 + 1).to_string();
            self.demo(
                &[b"SET", key.as_bytes(), hits.as_bytes(), b"EX", b"60"],
                now,
            );
        }
        for i in 0..25u64 {
            let job = format!(
                r#"{{"to":"{}@example.com","template":"welcome","attempt":{}}}"#,
                pick(FIRST, i),
                i % 3
            );
            self.demo(&[b"RPUSH", b"queue:emails", job.as_bytes()], now);
        }
        let mut z = ZSet::default();
        for i in 0..1000u64 {
            z.insert(
                format!("player:{}:{}", pick(FIRST, i), i).as_bytes(),
                (mix(i) % 100_000) as f64,
            );
        }
        self.set_value(b"leaderboard:global", Value::ZSet(Box::new(z)), false);
        let start = now.saturating_sub(50 * 60_000);
        for i in 0..50u64 {
            let id = format!("{}-0", start + i * 60_000);
            let amount = format!("{}.{:02}", mix(i) % 200, i % 100);
            self.demo(
                &[
                    b"XADD",
                    b"events:orders",
                    id.as_bytes(),
                    b"order",
                    format!("ord-{i:05}").as_bytes(),
                    b"amount",
                    amount.as_bytes(),
                    b"status",
                    if i % 5 == 0 { b"refunded" } else { b"paid" },
                ],
                now,
            );
        }
        for i in 0..10u64 {
            let key = format!("tags:post:{}", i + 1);
            for t in ["rust", "redis", "tui", "ssh", "upstash", "serverless"]
                .iter()
                .skip((i % 3) as usize)
                .step_by(2)
            {
                self.demo(&[b"SADD", key.as_bytes(), t.as_bytes()], now);
            }
        }
        self.demo(&[b"JSON.SET", b"config:app", b"$", br#"{"name":"updash demo","version":3,"features":{"browser":true,"cli":true,"monitor":false},"regions":["eu-west-1","us-east-1"],"limits":{"max_keys":1000000,"ratio":0.75}}"#], now);
        let report: String = (0..200)
            .map(|i| format!(r#"{{"row":{i},"ok":{}}},"#, i % 7 != 0))
            .collect();
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::default());
        let _ = gz.write_all(format!("[{}{{}}]", report).as_bytes());
        let blob = gz.finish().unwrap_or_default();
        self.set_value(b"blob:report.json.gz", Value::Str(blob), false);
        let line = b"The quick brown fox jumps over the lazy dog. 0123456789\n";
        let big: Vec<u8> = line.iter().copied().cycle().take(5 * 1024 * 1024).collect();
        self.set_value(b"blob:big-5mb", Value::Str(big), false);
        self.demo(&[b"SET", b"stats:visits", b"48213"], now);
        for (k, v) in [
            ("user:josé", "unicode latin"),
            ("ключ:пример", "cyrillic"),
            ("キー:テスト", "japanese"),
            ("emoji:🚀:launch", "emoji"),
            ("evil:\x1b[31mred\x1b[0m", "ANSI escape in the name"),
            ("evil:zero\u{200B}width", "zero-width space in the name"),
            ("evil:\u{202E}gnp.exe", "right-to-left override in the name"),
            ("evil:tab\there", "tab in the name"),
        ] {
            self.demo(&[b"SET", k.as_bytes(), v.as_bytes()], now);
        }
        self.map.len() - before
    }

    /// Adds `n` keys of mixed types quickly and deterministically: mostly
    /// strings and small hashes under `session:`, `user:`, `cache:` and
    /// friends, some lists/sets/sorted sets, a quarter with TTLs between
    /// one minute and one day. Returns the number of keys written.
    pub fn seed_bulk(&mut self, n: usize, now_ms: u64) -> usize {
        let before = self.map.len();
        for i in 0..n as u64 {
            let r = mix(i);
            let (key, value) = match i % 10 {
                0..=2 => (
                    format!("cache:item:{i}"),
                    Value::Str(format!("{{\"id\":{i},\"v\":{}}}", r % 1000).into_bytes()),
                ),
                3..=4 => (
                    format!("user:{i}:name"),
                    Value::Str(pick(FIRST, r).as_bytes().to_vec()),
                ),
                5 => (
                    format!("ratelimit:{i}"),
                    Value::Str((r % 100).to_string().into_bytes()),
                ),
                6..=7 => {
                    let mut h = HashVal::default();
                    h.set(b"user", pick(FIRST, r).as_bytes().to_vec());
                    h.set(b"city", pick(CITIES, r >> 8).as_bytes().to_vec());
                    h.set(b"seen", (r % 100_000).to_string().into_bytes());
                    (format!("session:{i:x}"), Value::Hash(Box::new(h)))
                }
                8 => {
                    let l: VecDeque<Vec<u8>> = (0..3)
                        .map(|j| format!("job-{i}-{j}").into_bytes())
                        .collect();
                    (format!("queue:{i}"), Value::List(Box::new(l)))
                }
                _ if i % 20 == 9 => {
                    let mut s = ScanMap::default();
                    for t in 0..3 {
                        s.insert(pick(FIRST, r >> (t * 8)).as_bytes(), ());
                    }
                    (format!("tags:{i}"), Value::Set(Box::new(s)))
                }
                _ => {
                    let mut z = ZSet::default();
                    for t in 0..3u64 {
                        z.insert(
                            pick(FIRST, r >> (t * 8)).as_bytes(),
                            ((r >> (t * 4)) % 1000) as f64,
                        );
                    }
                    (format!("scores:{i}"), Value::ZSet(Box::new(z)))
                }
            };
            self.set_value(key.as_bytes(), value, false);
            if r.is_multiple_of(4) {
                let ttl = 60_000 + (r >> 16) % 86_340_000;
                self.set_expire(key.as_bytes(), now_ms + ttl);
            }
        }
        self.map.len() - before
    }
}
