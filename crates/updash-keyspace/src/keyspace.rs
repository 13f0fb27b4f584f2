//! The keyspace: one logical Redis database, its entries and their TTLs.

use std::collections::{BTreeMap, BTreeSet};

use crate::command_table::{self, CommandInfo};
use crate::reply::{Reply, errs};
use crate::scanmap::{ScanMap, position};
use crate::value::Value;

/// Size limits Upstash enforces on keys and values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest key in bytes (Upstash: 32 KB, hard-coded).
    pub max_key_bytes: usize,
    /// Largest single record (value) in bytes (Upstash: 100 MB).
    pub max_record_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_key_bytes: 32 * 1024,
            max_record_bytes: 100 * 1024 * 1024,
        }
    }
}

/// A key's value and absolute expiry in ms (0 = no TTL).
pub(crate) struct Entry {
    pub value: Value,
    pub expire_at: u64,
}

/// One logical Redis database with Redis 7.0 command semantics.
pub struct Keyspace {
    pub(crate) map: ScanMap<Entry>,
    /// (expire_at, position) → number of keys there; exact, so DBSIZE and
    /// INFO can discount expired keys and `sweep` finds them in order.
    pub(crate) expires: BTreeMap<(u64, u64), u32>,
    pub(crate) expire_count: usize,
    pub(crate) expire_sum: u128,
    /// (field expire_at, key position): hints that a hash there has a field
    /// due then. Stale hints are harmless: sweeping one only re-checks.
    pub(crate) field_hints: BTreeSet<(u64, u64)>,
    pub(crate) limits: Limits,
    rng: u64,
}

impl Default for Keyspace {
    fn default() -> Self {
        Keyspace::new()
    }
}

/// One command being run: its arguments and the caller's clock.
pub(crate) struct Cmd<'a> {
    pub args: &'a [&'a [u8]],
    pub now: u64,
    pub info: &'static CommandInfo,
}

impl Cmd<'_> {
    /// Argument `i` (0 is the command name). Callers check arity first.
    pub fn arg(&self, i: usize) -> &[u8] {
        self.args.get(i).copied().unwrap_or(b"")
    }

    pub fn len(&self) -> usize {
        self.args.len()
    }

    /// Redis's "wrong number of arguments" error for this command.
    pub fn arity_error(&self) -> Reply {
        Reply::err(format!(
            "ERR wrong number of arguments for '{}' command",
            self.info.name
        ))
    }
}

impl Keyspace {
    /// An empty database with the default (Upstash) limits.
    pub fn new() -> Keyspace {
        Keyspace::with_limits(Limits::default())
    }

    /// An empty database with the given limits.
    pub fn with_limits(limits: Limits) -> Keyspace {
        Keyspace {
            map: ScanMap::default(),
            expires: BTreeMap::new(),
            expire_count: 0,
            expire_sum: 0,
            field_hints: BTreeSet::new(),
            limits,
            rng: 0x2545_F491_4F6C_DD1D,
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Replaces the limits (existing data is not re-checked).
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// Runs one command (name case-insensitive) at time `now_ms`.
    pub fn execute<A: AsRef<[u8]>>(&mut self, args: &[A], now_ms: u64) -> Reply {
        let argv: Vec<&[u8]> = args.iter().map(AsRef::as_ref).collect();
        let Some(name) = argv.first() else {
            return Reply::err("ERR empty command");
        };
        let Some(info) = command_table::lookup(name) else {
            return unknown_command(&argv);
        };
        let argc = argv.len() as i64;
        let arity = info.arity as i64;
        if (arity > 0 && argc != arity) || (arity < 0 && argc < -arity) {
            return Reply::err(format!(
                "ERR wrong number of arguments for '{}' command",
                info.name
            ));
        }
        let keys = info.key_positions(argv.len());
        if info.is_write() {
            for &i in &keys {
                let len = argv[i].len();
                if len > self.limits.max_key_bytes {
                    return Reply::err(format!(
                        "ERR max key size exceeded. Limit: {} bytes, Actual: {} bytes",
                        self.limits.max_key_bytes, len
                    ));
                }
            }
        }
        for &i in &keys {
            self.expire_if_needed(argv[i], now_ms);
        }
        let cmd = Cmd {
            args: &argv,
            now: now_ms,
            info,
        };
        match (info.handler)(self, &cmd) {
            Ok(r) | Err(r) => r,
        }
    }

    /// Next pseudo-random number (xorshift64*, fixed seed: deterministic).
    pub(crate) fn next_random(&mut self) -> u64 {
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    // ---- lookups (callers rely on `execute` having expired named keys) ----

    pub(crate) fn entry(&self, key: &[u8]) -> Option<&Entry> {
        self.map.get(key)
    }

    pub(crate) fn value(&self, key: &[u8]) -> Option<&Value> {
        self.map.get(key).map(|e| &e.value)
    }

    pub(crate) fn value_mut(&mut self, key: &[u8]) -> Option<&mut Value> {
        self.map.get_mut(key).map(|e| &mut e.value)
    }

    pub(crate) fn exists(&self, key: &[u8]) -> bool {
        self.map.contains_key(key)
    }

    /// The visible entry, treating a logically expired one as absent (for
    /// code paths that were not pre-expired, such as SCAN).
    pub(crate) fn is_live(entry: &Entry, now: u64) -> bool {
        if entry.expire_at != 0 && now > entry.expire_at {
            return false;
        }
        match &entry.value {
            Value::Hash(h) => !h.all_expired(now),
            _ => true,
        }
    }

    // ---- mutations that keep the expiry index exact ----

    /// Stores a value; the TTL is cleared unless `keep_ttl`.
    pub(crate) fn set_value(&mut self, key: &[u8], value: Value, keep_ttl: bool) {
        let pos = position(key);
        let had_hints = matches!(&value, Value::Hash(h) if h.has_field_ttls());
        let old = self.map.insert_at(
            pos,
            key,
            Entry {
                value,
                expire_at: 0,
            },
        );
        if let Some(old) = old {
            if keep_ttl && old.expire_at != 0 {
                if let Some(e) = self.map.get_mut(key) {
                    e.expire_at = old.expire_at;
                }
            } else {
                self.unindex(old.expire_at, pos);
            }
        }
        if had_hints {
            self.hint_hash_fields(key);
        }
    }

    /// Removes a key; returns its entry.
    pub(crate) fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        let pos = position(key);
        let old = self.map.remove(key)?;
        self.unindex(old.expire_at, pos);
        Some(old)
    }

    /// Deletes the key if its collection became empty.
    pub(crate) fn remove_if_empty(&mut self, key: &[u8]) {
        if self.value(key).is_some_and(Value::is_empty_collection) {
            self.remove(key);
        }
    }

    /// Sets (or with 0 clears) a key's absolute expiry; false if no key.
    pub(crate) fn set_expire(&mut self, key: &[u8], when: u64) -> bool {
        let pos = position(key);
        let Some(e) = self.map.get_mut(key) else {
            return false;
        };
        let old = std::mem::replace(&mut e.expire_at, when);
        self.unindex(old, pos);
        if when != 0 {
            *self.expires.entry((when, pos)).or_insert(0) += 1;
            self.expire_count += 1;
            self.expire_sum += when as u128;
        }
        true
    }

    fn unindex(&mut self, when: u64, pos: u64) {
        if when == 0 {
            return;
        }
        if let Some(n) = self.expires.get_mut(&(when, pos)) {
            *n -= 1;
            if *n == 0 {
                self.expires.remove(&(when, pos));
            }
            self.expire_count -= 1;
            self.expire_sum -= when as u128;
        }
    }

    /// Registers sweep hints for every field TTL of the hash at `key`.
    pub(crate) fn hint_hash_fields(&mut self, key: &[u8]) {
        let pos = position(key);
        if let Some(Value::Hash(h)) = self.value(key) {
            let whens: Vec<u64> = h.field_expiries().collect();
            for w in whens {
                self.field_hints.insert((w, pos));
            }
        }
    }

    /// Lazy expiry: drops the key if its TTL passed, and a hash's fields
    /// whose TTL passed (the hash too if that empties it).
    pub(crate) fn expire_if_needed(&mut self, key: &[u8], now: u64) {
        let Some(e) = self.map.get_mut(key) else {
            return;
        };
        if e.expire_at != 0 && now > e.expire_at {
            self.remove(key);
            return;
        }
        if let Value::Hash(h) = &mut e.value
            && h.purge_expired(now)
            && h.len() == 0
        {
            self.remove(key);
        }
    }

    /// Number of keys with a TTL that has passed but are not yet removed.
    pub(crate) fn pending_expired(&self, now: u64) -> (usize, u128) {
        let mut n = 0usize;
        let mut sum = 0u128;
        for (&(when, _), &c) in self.expires.range(..(now, 0)) {
            n += c as usize;
            sum += when as u128 * c as u128;
        }
        (n, sum)
    }

    /// Processes due hash-field hints; returns how many were handled.
    pub(crate) fn purge_due_field_hints(&mut self, now: u64, budget: usize) -> usize {
        let mut done = 0;
        while done < budget {
            let Some(&(when, pos)) = self.field_hints.first() else {
                break;
            };
            if when >= now {
                break;
            }
            self.field_hints.remove(&(when, pos));
            let keys: Vec<Box<[u8]>> = self.map.at_position(pos).map(|(k, _)| k.into()).collect();
            for k in keys {
                self.expire_if_needed(&k, now);
            }
            done += 1;
        }
        done
    }

    /// Removes every key at once (FLUSHDB).
    pub(crate) fn clear(&mut self) {
        self.map.clear();
        self.expires.clear();
        self.expire_count = 0;
        self.expire_sum = 0;
        self.field_hints.clear();
    }

    /// The value-size check Upstash applies to a single record.
    pub(crate) fn check_record(&self, bytes: usize) -> Result<(), Reply> {
        if bytes > self.limits.max_record_bytes {
            return Err(Reply::err("ERR max single record size exceeded"));
        }
        Ok(())
    }
}

/// Redis 7.0's reply to an unknown command, including its quirks: each
/// argument is cut at a NUL byte (C strings), at most 128 bytes of argument
/// text are quoted, and CR/LF become spaces.
fn unknown_command(argv: &[&[u8]]) -> Reply {
    fn c_str(b: &[u8]) -> &[u8] {
        b.iter().position(|&c| c == 0).map_or(b, |n| &b[..n])
    }
    let name = c_str(argv[0]);
    let name = &name[..name.len().min(128)];
    let mut args: Vec<u8> = Vec::new();
    for a in &argv[1..] {
        if args.len() >= 128 {
            break;
        }
        let a = c_str(a);
        let room = 128 - args.len();
        args.push(b'\'');
        args.extend_from_slice(&a[..a.len().min(room)]);
        args.extend_from_slice(b"' ");
    }
    let mut text = b"ERR unknown command '".to_vec();
    text.extend_from_slice(name);
    text.extend_from_slice(b"', with args beginning with: ");
    text.extend_from_slice(&args);
    for c in &mut text {
        if *c == b'\r' || *c == b'\n' {
            *c = b' ';
        }
    }
    Reply::Error(String::from_utf8_lossy(&text).into_owned())
}

/// Typed access: `Ok(None)` when missing, WRONGTYPE when another type.
macro_rules! typed_access {
    ($get:ident, $get_mut:ident, $create:ident, $variant:ident, $ty:ty) => {
        impl Keyspace {
            #[allow(dead_code)]
            pub(crate) fn $get(&self, key: &[u8]) -> Result<Option<&$ty>, Reply> {
                match self.value(key) {
                    None => Ok(None),
                    Some(Value::$variant(v)) => Ok(Some(v)),
                    Some(_) => Err(Reply::err(errs::WRONGTYPE)),
                }
            }

            #[allow(dead_code)]
            pub(crate) fn $get_mut(&mut self, key: &[u8]) -> Result<Option<&mut $ty>, Reply> {
                match self.value_mut(key) {
                    None => Ok(None),
                    Some(Value::$variant(v)) => Ok(Some(v)),
                    Some(_) => Err(Reply::err(errs::WRONGTYPE)),
                }
            }

            /// Creates an empty value of this type when the key is missing.
            #[allow(dead_code)]
            pub(crate) fn $create(&mut self, key: &[u8]) -> Result<&mut $ty, Reply> {
                if self.value(key).is_none() {
                    self.set_value(key, Value::$variant(Default::default()), false);
                }
                match self.value_mut(key) {
                    Some(Value::$variant(v)) => Ok(v),
                    _ => Err(Reply::err(errs::WRONGTYPE)),
                }
            }
        }
    };
}

typed_access!(
    hash_ref,
    hash_mut,
    hash_create,
    Hash,
    crate::types::hash::HashVal
);
typed_access!(
    list_ref,
    list_mut,
    list_create,
    List,
    std::collections::VecDeque<Vec<u8>>
);
typed_access!(set_ref, set_mut, set_create, Set, ScanMap<()>);
typed_access!(
    zset_ref,
    zset_mut,
    zset_create,
    ZSet,
    crate::types::zset::ZSet
);
typed_access!(
    stream_ref,
    stream_mut,
    stream_create,
    Stream,
    crate::types::stream::Stream
);
typed_access!(json_ref, json_mut, json_create, Json, serde_json::Value);
