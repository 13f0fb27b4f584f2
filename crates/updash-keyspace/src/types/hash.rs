//! Hashes: the value type and the HSET family.

use std::collections::BTreeSet;

use crate::keyspace::{Cmd, Keyspace};
use crate::longdouble;
use crate::parse::{int_arg, is, parse_i64};
use crate::reply::{CmdResult, Reply, errs, fail};
use crate::scanmap::ScanMap;

/// A hash field: its value and absolute expiry in ms (0 = none).
pub(crate) struct Field {
    pub value: Vec<u8>,
    pub expire_at: u64,
}

/// A hash with optional per-field TTLs (Redis 7.4).
#[derive(Default)]
pub(crate) struct HashVal {
    fields: ScanMap<Field>,
    /// (expire_at, field) for every field with a TTL, soonest first.
    ttls: BTreeSet<(u64, Box<[u8]>)>,
}

impl HashVal {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn get(&self, field: &[u8]) -> Option<&Vec<u8>> {
        self.fields.get(field).map(|f| &f.value)
    }

    pub fn field(&self, field: &[u8]) -> Option<&Field> {
        self.fields.get(field)
    }

    /// Sets a field (clearing its TTL, as HSET does); true if it was new.
    pub fn set(&mut self, field: &[u8], value: Vec<u8>) -> bool {
        match self.fields.get_mut(field) {
            Some(f) => {
                f.value = value;
                let old = std::mem::replace(&mut f.expire_at, 0);
                if old != 0 {
                    self.ttls.remove(&(old, field.into()));
                }
                false
            }
            None => {
                self.fields.insert(
                    field,
                    Field {
                        value,
                        expire_at: 0,
                    },
                );
                true
            }
        }
    }

    /// Replaces a field's value but keeps its TTL (HINCRBY and friends).
    pub fn set_keep_ttl(&mut self, field: &[u8], value: Vec<u8>) {
        match self.fields.get_mut(field) {
            Some(f) => f.value = value,
            None => {
                self.fields.insert(
                    field,
                    Field {
                        value,
                        expire_at: 0,
                    },
                );
            }
        }
    }

    pub fn remove(&mut self, field: &[u8]) -> bool {
        match self.fields.remove(field) {
            Some(f) => {
                if f.expire_at != 0 {
                    self.ttls.remove(&(f.expire_at, field.into()));
                }
                true
            }
            None => false,
        }
    }

    /// Sets (or with 0 clears) a field's TTL; false if no such field.
    pub fn set_field_expire(&mut self, field: &[u8], when: u64) -> bool {
        let Some(f) = self.fields.get_mut(field) else {
            return false;
        };
        let old = std::mem::replace(&mut f.expire_at, when);
        if old != 0 {
            self.ttls.remove(&(old, field.into()));
        }
        if when != 0 {
            self.ttls.insert((when, field.into()));
        }
        true
    }

    /// Drops fields whose TTL passed; true if any was dropped.
    pub fn purge_expired(&mut self, now: u64) -> bool {
        let mut any = false;
        while let Some((when, _)) = self.ttls.first() {
            if *when >= now {
                break;
            }
            if let Some((_, field)) = self.ttls.pop_first() {
                self.fields.remove(&field);
                any = true;
            }
        }
        any
    }

    /// True if every field has a TTL that passed (the hash is logically
    /// gone even before a purge).
    pub fn all_expired(&self, now: u64) -> bool {
        self.ttls.len() == self.fields.len()
            && self.ttls.last().is_some_and(|(when, _)| *when < now)
    }

    pub fn has_field_ttls(&self) -> bool {
        !self.ttls.is_empty()
    }

    pub fn field_expiries(&self) -> impl Iterator<Item = u64> + '_ {
        self.ttls.iter().map(|(w, _)| *w)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Vec<u8>)> {
        self.fields.iter().map(|(k, f)| (k, &f.value))
    }

    pub fn iter_all(&self) -> impl Iterator<Item = (&[u8], &Field)> {
        self.fields.iter()
    }

    pub fn scan(&self, cursor: u64, budget: usize, mut visit: impl FnMut(&[u8], &[u8])) -> u64 {
        self.fields.scan(cursor, budget, |k, f| visit(k, &f.value))
    }

    pub fn random(&self, r: u64) -> Option<(&[u8], &Vec<u8>)> {
        self.fields.random(r).map(|(k, f)| (k, &f.value))
    }

    pub fn duplicate(&self) -> HashVal {
        let mut out = HashVal::default();
        for (k, f) in self.fields.iter() {
            out.fields.insert(
                k,
                Field {
                    value: f.value.clone(),
                    expire_at: f.expire_at,
                },
            );
        }
        out.ttls = self.ttls.clone();
        out
    }

    /// Inserts a field with a TTL as stored (used by `load`).
    pub fn insert_raw(&mut self, field: &[u8], value: Vec<u8>, expire_at: u64) {
        self.set(field, value);
        if expire_at != 0 {
            self.set_field_expire(field, expire_at);
        }
    }
}

fn pairs_size(args: &[&[u8]]) -> usize {
    args.iter().map(|a| a.len()).sum()
}

pub(crate) fn hset(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if !c.len().is_multiple_of(2) {
        return Err(c.arity_error());
    }
    ks.check_record(pairs_size(&c.args[2..]))?;
    let h = ks.hash_create(c.arg(1))?;
    let mut added = 0;
    for pair in c.args[2..].chunks(2) {
        added += h.set(pair[0], pair[1].to_vec()) as i64;
    }
    Ok(Reply::Int(added))
}

pub(crate) fn hmset(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    hset(ks, c).map(|_| Reply::ok())
}

pub(crate) fn hsetnx(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ks.check_record(pairs_size(&c.args[2..]))?;
    let h = ks.hash_create(c.arg(1))?;
    if h.get(c.arg(2)).is_some() {
        return Ok(Reply::Int(0));
    }
    h.set(c.arg(2), c.arg(3).to_vec());
    Ok(Reply::Int(1))
}

pub(crate) fn hget(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let h = ks.hash_ref(c.arg(1))?;
    Ok(h.and_then(|h| h.get(c.arg(2)))
        .map_or(Reply::Nil, Reply::bulk))
}

pub(crate) fn hmget(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let h = ks.hash_ref(c.arg(1))?;
    Ok(Reply::Array(
        c.args[2..]
            .iter()
            .map(|f| h.and_then(|h| h.get(f)).map_or(Reply::Nil, Reply::bulk))
            .collect(),
    ))
}

pub(crate) fn hgetall(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let Some(h) = ks.hash_ref(c.arg(1))? else {
        return Ok(Reply::Array(vec![]));
    };
    let mut out = Vec::with_capacity(h.len() * 2);
    for (k, v) in h.iter() {
        out.push(Reply::bulk(k));
        out.push(Reply::bulk(v));
    }
    Ok(Reply::Array(out))
}

pub(crate) fn hdel(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let Some(h) = ks.hash_mut(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    let removed = c.args[2..].iter().filter(|f| h.remove(f)).count();
    ks.remove_if_empty(c.arg(1));
    Ok(Reply::Int(removed as i64))
}

pub(crate) fn hexists(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let h = ks.hash_ref(c.arg(1))?;
    Ok(Reply::Int(
        h.is_some_and(|h| h.get(c.arg(2)).is_some()) as i64
    ))
}

pub(crate) fn hlen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(
        ks.hash_ref(c.arg(1))?.map_or(0, HashVal::len) as i64
    ))
}

pub(crate) fn hkeys(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let h = ks.hash_ref(c.arg(1))?;
    Ok(Reply::bulks(
        h.into_iter().flat_map(|h| h.iter().map(|(k, _)| k)),
    ))
}

pub(crate) fn hvals(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let h = ks.hash_ref(c.arg(1))?;
    Ok(Reply::bulks(
        h.into_iter().flat_map(|h| h.iter().map(|(_, v)| v)),
    ))
}

pub(crate) fn hincrby(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let by = int_arg(c.arg(3))?;
    let h = ks.hash_create(c.arg(1))?;
    let cur = match h.get(c.arg(2)) {
        None => 0,
        Some(v) => parse_i64(v).ok_or_else(|| Reply::err("ERR hash value is not an integer"))?,
    };
    let new = cur
        .checked_add(by)
        .ok_or_else(|| Reply::err(errs::OVERFLOW))?;
    h.set_keep_ttl(c.arg(2), new.to_string().into_bytes());
    Ok(Reply::Int(new))
}

pub(crate) fn hincrbyfloat(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    match longdouble::LongDouble::parse(c.arg(3)) {
        None => return fail(errs::NOT_FLOAT),
        Some(longdouble::Parsed::Infinite) => return fail("ERR value is NaN or Infinity"),
        Some(longdouble::Parsed::Finite(_)) => {}
    }
    let h = ks.hash_create(c.arg(1))?;
    let cur = h.get(c.arg(2)).cloned().unwrap_or_else(|| b"0".to_vec());
    match longdouble::incr_by_float(&cur, c.arg(3)) {
        Ok(s) => {
            h.set_keep_ttl(c.arg(2), s.clone().into_bytes());
            Ok(Reply::Bulk(s.into_bytes()))
        }
        Err(true) => fail("ERR hash value is not a float"),
        Err(false) => fail(errs::NAN_INF),
    }
}

pub(crate) fn hstrlen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let h = ks.hash_ref(c.arg(1))?;
    Ok(Reply::Int(
        h.and_then(|h| h.get(c.arg(2))).map_or(0, Vec::len) as i64,
    ))
}

pub(crate) fn hrandfield(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let with_values = match c.len() {
        2 | 3 => false,
        4 if is(c.arg(3), "WITHVALUES") => true,
        _ => return fail(errs::SYNTAX),
    };
    let count = if c.len() >= 3 {
        Some(int_arg(c.arg(2))?)
    } else {
        None
    };
    let Some(len) = ks.hash_ref(c.arg(1))?.map(HashVal::len) else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let picks = pick_count(count, len);
    let rnd: Vec<u64> = (0..picks).map(|_| ks.next_random()).collect();
    let Some(h) = ks.hash_ref(c.arg(1))? else {
        return Ok(Reply::Nil);
    };
    let chosen = choose(&rnd, count, h.len(), |r| h.random(r), || h.iter());
    if count.is_none() {
        return Ok(chosen.first().map_or(Reply::Nil, |(k, _)| Reply::bulk(k)));
    }
    let mut out = Vec::new();
    for (k, v) in chosen {
        out.push(Reply::bulk(k));
        if with_values {
            out.push(Reply::bulk(v));
        }
    }
    Ok(Reply::Array(out))
}

/// How many random draws a count argument asks for (negative: repeats
/// allowed, capped so a huge count cannot exhaust memory).
pub(crate) fn pick_count(count: Option<i64>, len: usize) -> usize {
    match count {
        None => 1,
        Some(n) if n >= 0 => (n.unsigned_abs() as usize).min(len),
        Some(n) => n.unsigned_abs().min(1 << 24) as usize,
    }
}

/// Picks elements for SRANDMEMBER/HRANDFIELD-style commands: with a
/// negative count each draw stands (repeats allowed); otherwise distinct
/// elements, topped up in iteration order when draws collide.
pub(crate) fn choose<'a, V: 'a, I>(
    rnd: &[u64],
    count: Option<i64>,
    len: usize,
    random: impl Fn(u64) -> Option<(&'a [u8], V)>,
    all: impl FnOnce() -> I,
) -> Vec<(&'a [u8], V)>
where
    I: Iterator<Item = (&'a [u8], V)>,
{
    if count.is_some_and(|n| n < 0) || count.is_none() {
        return rnd.iter().filter_map(|&r| random(r)).collect();
    }
    let want = rnd.len();
    if want >= len {
        return all().collect();
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(want);
    for &r in rnd {
        if let Some((k, v)) = random(r)
            && seen.insert(k)
        {
            out.push((k, v));
        }
    }
    for (k, v) in all() {
        if out.len() >= want {
            break;
        }
        if seen.insert(k) {
            out.push((k, v));
        }
    }
    out
}
