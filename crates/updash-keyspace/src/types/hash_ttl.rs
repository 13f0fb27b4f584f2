//! Per-field hash TTLs with Redis 7.4's reply shapes: HEXPIRE, HPEXPIRE,
//! HEXPIREAT, HPEXPIREAT, HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME, HPERSIST.

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{int_arg, is, parse_i64};
use crate::reply::{CmdResult, Reply, fail};

/// Redis 7.4's largest field expiry (EB_EXPIRE_TIME_MAX, 2^48 - 1 ms).
const MAX_ABS_MS: i64 = (1 << 48) - 1;

const NO_FIELD: i64 = -2;
const CONDITION_NOT_MET: i64 = 0;
const SET: i64 = 1;
const DELETED: i64 = 2;

#[derive(Clone, Copy, PartialEq)]
enum Cond {
    None,
    Nx,
    Xx,
    Gt,
    Lt,
}

/// Reads `FIELDS numfields field…` starting at `at` (the FIELDS keyword);
/// `bad_count` is the error text for a non-positive count.
fn fields<'a>(c: &'a Cmd, at: usize, bad_count: &str) -> Result<&'a [&'a [u8]], Reply> {
    if !is(c.arg(at), "FIELDS") {
        return fail("ERR Mandatory argument FIELDS is missing or not at the right position");
    }
    let n = parse_i64(c.arg(at + 1)).filter(|&n| n >= 1);
    let Some(n) = n else {
        return Err(Reply::err(format!("ERR {bad_count}")));
    };
    if n as u64 != (c.len() - at - 2) as u64 {
        return fail("ERR The `numfields` parameter must match the number of arguments");
    }
    Ok(&c.args[at + 2..])
}

fn expire_generic(ks: &mut Keyspace, c: &Cmd, seconds: bool, absolute: bool) -> CmdResult {
    let key = c.arg(1);
    ks.hash_ref(key)?;
    let bad_time = || {
        Reply::err(format!(
            "ERR invalid expire time in '{}' command",
            c.info.name
        ))
    };
    let mut t = int_arg(c.arg(2))?;
    if t < 0 {
        return fail("ERR invalid expire time, must be >= 0");
    }
    if seconds {
        if t > MAX_ABS_MS / 1000 {
            return Err(bad_time());
        }
        t *= 1000;
    }
    let base = if absolute { 0 } else { c.now as i64 };
    if t > MAX_ABS_MS - base {
        return Err(bad_time());
    }
    let when = (t + base) as u64;
    let (cond, at) = match c.arg(3) {
        a if is(a, "NX") => (Cond::Nx, 4),
        a if is(a, "XX") => (Cond::Xx, 4),
        a if is(a, "GT") => (Cond::Gt, 4),
        a if is(a, "LT") => (Cond::Lt, 4),
        _ => (Cond::None, 3),
    };
    let names = fields(c, at, "Parameter `numFields` should be greater than 0")?;
    let Some(h) = ks.hash_mut(key)? else {
        return Ok(Reply::Array(
            names.iter().map(|_| Reply::Int(NO_FIELD)).collect(),
        ));
    };
    let mut out = Vec::with_capacity(names.len());
    let mut set_any = false;
    for f in names {
        let Some(prev) = h.field(f).map(|f| f.expire_at) else {
            out.push(Reply::Int(NO_FIELD));
            continue;
        };
        let blocked = match (cond, prev) {
            (Cond::None, _) => false,
            // A field without TTL counts as "never expires": LT passes.
            (Cond::Xx | Cond::Gt, 0) => true,
            (Cond::Nx | Cond::Lt, 0) => false,
            (Cond::Nx, _) => true,
            (Cond::Xx, _) => false,
            (Cond::Gt, p) => p >= when,
            (Cond::Lt, p) => p <= when,
        };
        if blocked {
            out.push(Reply::Int(CONDITION_NOT_MET));
        } else if when <= c.now {
            h.remove(f);
            out.push(Reply::Int(DELETED));
        } else {
            h.set_field_expire(f, when);
            set_any = true;
            out.push(Reply::Int(SET));
        }
    }
    if set_any {
        ks.hint_hash_fields(key);
    }
    ks.remove_if_empty(key);
    Ok(Reply::Array(out))
}

pub(crate) fn hexpire(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, true, false)
}

pub(crate) fn hpexpire(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, false, false)
}

pub(crate) fn hexpireat(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, true, true)
}

pub(crate) fn hpexpireat(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, false, true)
}

/// HTTL and friends: -2 no field, -1 no TTL, else the time left (seconds
/// round up, as Redis 7.4 does) or the absolute expiry.
fn ttl_generic(ks: &mut Keyspace, c: &Cmd, seconds: bool, absolute: bool) -> CmdResult {
    let h = ks.hash_ref(c.arg(1))?;
    let names = fields(c, 2, "Number of fields must be a positive integer")?;
    let Some(h) = h else {
        return Ok(Reply::Array(
            names.iter().map(|_| Reply::Int(NO_FIELD)).collect(),
        ));
    };
    let base = if absolute { 0 } else { c.now as i64 };
    let out = names
        .iter()
        .map(|f| match h.field(f).map(|f| f.expire_at) {
            None => Reply::Int(NO_FIELD),
            Some(0) => Reply::Int(-1),
            Some(when) if seconds => Reply::Int((when as i64 + 999 - base) / 1000),
            Some(when) => Reply::Int(when as i64 - base),
        })
        .collect();
    Ok(Reply::Array(out))
}

pub(crate) fn httl(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, true, false)
}

pub(crate) fn hpttl(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, false, false)
}

pub(crate) fn hexpiretime(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, true, true)
}

pub(crate) fn hpexpiretime(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, false, true)
}

/// HPERSIST: -2 no field, -1 no TTL, 1 TTL removed.
pub(crate) fn hpersist(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ks.hash_ref(c.arg(1))?;
    let names = fields(c, 2, "Number of fields must be a positive integer")?;
    let Some(h) = ks.hash_mut(c.arg(1))? else {
        return Ok(Reply::Array(
            names.iter().map(|_| Reply::Int(NO_FIELD)).collect(),
        ));
    };
    let out = names
        .iter()
        .map(|f| match h.field(f).map(|f| f.expire_at) {
            None => Reply::Int(NO_FIELD),
            Some(0) => Reply::Int(-1),
            Some(_) => {
                h.set_field_expire(f, 0);
                Reply::Int(1)
            }
        })
        .collect();
    Ok(Reply::Array(out))
}
