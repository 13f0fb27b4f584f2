//! Key TTLs: the EXPIRE family, TTL/PTTL/EXPIRETIME, PERSIST, and the
//! incremental active-expiry `sweep`.

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{int_arg, is};
use crate::reply::{CmdResult, Reply, fail};

/// Entries a single `sweep` call may remove (keys and hash-field hints
/// each), like Redis's bounded active expire cycle.
pub const SWEEP_BUDGET: usize = 1000;

impl Keyspace {
    /// Removes expired keys and hash fields, at most `SWEEP_BUDGET` of each
    /// per call, soonest-expiring first; returns how many keys it removed.
    /// Call it periodically; lazy expiry keeps every command exact anyway.
    pub fn sweep(&mut self, now_ms: u64) -> usize {
        self.sweep_with_budget(now_ms, SWEEP_BUDGET)
    }

    /// `sweep` with an explicit per-call budget.
    pub fn sweep_with_budget(&mut self, now_ms: u64, budget: usize) -> usize {
        let mut removed = 0;
        while removed < budget {
            let Some((&(when, pos), _)) = self.expires.first_key_value() else {
                break;
            };
            if when >= now_ms {
                break;
            }
            let due: Vec<Box<[u8]>> = self
                .map
                .at_position(pos)
                .filter(|(_, e)| e.expire_at != 0 && e.expire_at < now_ms)
                .map(|(k, _)| k.into())
                .collect();
            if due.is_empty() {
                // Defensive: an index entry with no matching key.
                self.expires.remove(&(when, pos));
                continue;
            }
            for k in due {
                self.remove(&k);
                removed += 1;
            }
        }
        self.purge_due_field_hints(now_ms, budget);
        removed
    }
}

fn ttl_generic(ks: &mut Keyspace, c: &Cmd, ms: bool, absolute: bool) -> CmdResult {
    let Some(e) = ks.entry(c.arg(1)) else {
        return Ok(Reply::Int(-2));
    };
    if e.expire_at == 0 {
        return Ok(Reply::Int(-1));
    }
    let t = if absolute {
        e.expire_at as i64
    } else {
        (e.expire_at as i64 - c.now as i64).max(0)
    };
    Ok(Reply::Int(if ms { t } else { (t + 500) / 1000 }))
}

pub(crate) fn ttl(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, false, false)
}

pub(crate) fn pttl(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, true, false)
}

pub(crate) fn expiretime(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, false, true)
}

pub(crate) fn pexpiretime(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ttl_generic(ks, c, true, true)
}

/// Redis 7.0's `expireGenericCommand`.
fn expire_generic(ks: &mut Keyspace, c: &Cmd, seconds: bool, absolute: bool) -> CmdResult {
    let (mut nx, mut xx, mut gt, mut lt) = (false, false, false, false);
    for opt in &c.args[3..] {
        if is(opt, "NX") {
            nx = true;
        } else if is(opt, "XX") {
            xx = true;
        } else if is(opt, "GT") {
            gt = true;
        } else if is(opt, "LT") {
            lt = true;
        } else {
            return fail(&format!(
                "ERR Unsupported option {}",
                String::from_utf8_lossy(opt)
            ));
        }
    }
    if nx && (xx || gt || lt) {
        return fail("ERR NX and XX, GT or LT options at the same time are not compatible");
    }
    if gt && lt {
        return fail("ERR GT and LT options at the same time are not compatible");
    }
    let bad = || {
        Reply::err(format!(
            "ERR invalid expire time in '{}' command",
            c.info.name
        ))
    };
    let mut when = int_arg(c.arg(2))?;
    if seconds {
        if !(i64::MIN / 1000..=i64::MAX / 1000).contains(&when) {
            return Err(bad());
        }
        when *= 1000;
    }
    let base = if absolute { 0 } else { c.now as i64 };
    if when > i64::MAX - base {
        return Err(bad());
    }
    when += base;
    let key = c.arg(1);
    let Some(e) = ks.entry(key) else {
        return Ok(Reply::Int(0));
    };
    let cur = if e.expire_at == 0 {
        None
    } else {
        Some(e.expire_at as i64)
    };
    let blocked = (nx && cur.is_some())
        || (xx && cur.is_none())
        || (gt && cur.is_none_or(|cur| when <= cur))
        || (lt && cur.is_some_and(|cur| when >= cur));
    if blocked {
        return Ok(Reply::Int(0));
    }
    if when <= c.now as i64 {
        ks.remove(key);
    } else {
        ks.set_expire(key, when as u64);
    }
    Ok(Reply::Int(1))
}

pub(crate) fn expire(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, true, false)
}

pub(crate) fn pexpire(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, false, false)
}

pub(crate) fn expireat(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, true, true)
}

pub(crate) fn pexpireat(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    expire_generic(ks, c, false, true)
}

pub(crate) fn persist(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let has_ttl = ks.entry(c.arg(1)).is_some_and(|e| e.expire_at != 0);
    if has_ttl {
        ks.set_expire(c.arg(1), 0);
    }
    Ok(Reply::Int(has_ttl as i64))
}
