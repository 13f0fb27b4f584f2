//! String commands.

use crate::keyspace::{Cmd, Keyspace};
use crate::longdouble;
use crate::parse::{int_arg, is, parse_i64};
use crate::reply::{CmdResult, Reply, errs, fail};
use crate::value::Value;

/// Redis's proto-max-bulk-len: the longest string SETRANGE/APPEND build.
const MAX_STRING: usize = 512 * 1024 * 1024;

impl Keyspace {
    /// The string at `key`: Ok(None) when missing, WRONGTYPE otherwise.
    pub(crate) fn str_ref(&self, key: &[u8]) -> Result<Option<&Vec<u8>>, Reply> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s)),
            Some(_) => Err(Reply::err(errs::WRONGTYPE)),
        }
    }

    fn put_str(&mut self, key: &[u8], v: Vec<u8>, keep_ttl: bool) -> Result<(), Reply> {
        self.check_record(v.len())?;
        self.set_value(key, Value::Str(v), keep_ttl);
        Ok(())
    }
}

pub(crate) fn get(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(ks.str_ref(c.arg(1))?.map_or(Reply::Nil, Reply::bulk))
}

/// Turns an EX/PX/EXAT/PXAT argument into absolute ms like Redis 7.0's
/// `getExpireMillisecondsOrReply`.
pub(crate) fn expire_arg(
    c: &Cmd,
    raw: &[u8],
    seconds: bool,
    absolute: bool,
    name: &str,
) -> Result<u64, Reply> {
    let bad = || Reply::err(format!("ERR invalid expire time in '{name}' command"));
    let mut ms = int_arg(raw)?;
    if ms <= 0 || (seconds && ms > i64::MAX / 1000) {
        return Err(bad());
    }
    if seconds {
        ms *= 1000;
    }
    if !absolute {
        ms = ms.checked_add(c.now as i64).ok_or_else(bad)?;
    }
    Ok(ms as u64)
}

pub(crate) fn set(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let (key, val) = (c.arg(1), c.arg(2));
    let (mut nx, mut xx, mut get, mut keepttl) = (false, false, false, false);
    // (arg index, seconds, absolute). Redis lets the same unit repeat (the
    // last wins) but refuses two different units or one with KEEPTTL.
    let mut expire: Option<(usize, bool, bool)> = None;
    let mut i = 3;
    while i < c.len() {
        let a = c.arg(i);
        let has_next = i + 1 < c.len();
        let unit = if is(a, "EX") {
            Some((true, false))
        } else if is(a, "PX") {
            Some((false, false))
        } else if is(a, "EXAT") {
            Some((true, true))
        } else if is(a, "PXAT") {
            Some((false, true))
        } else {
            None
        };
        let unit_ok =
            |u: (bool, bool)| !keepttl && expire.is_none_or(|(_, s, a)| (s, a) == u) && has_next;
        if is(a, "NX") && !xx {
            nx = true;
        } else if is(a, "XX") && !nx {
            xx = true;
        } else if is(a, "GET") {
            get = true;
        } else if is(a, "KEEPTTL") && expire.is_none() {
            keepttl = true;
        } else if let Some(u) = unit.filter(|&u| unit_ok(u)) {
            expire = Some((i + 1, u.0, u.1));
            i += 1;
        } else {
            return fail(errs::SYNTAX);
        }
        i += 1;
    }
    let when = match expire {
        Some((idx, secs, abs)) => Some(expire_arg(c, c.arg(idx), secs, abs, "set")?),
        None => None,
    };
    let old = if get { ks.str_ref(key)?.cloned() } else { None };
    let exists = ks.exists(key);
    if (nx && exists) || (xx && !exists) {
        return Ok(if get {
            old.map_or(Reply::Nil, Reply::Bulk)
        } else {
            Reply::Nil
        });
    }
    ks.put_str(key, val.to_vec(), keepttl)?;
    if let Some(w) = when {
        ks.set_expire(key, w);
    }
    Ok(if get {
        old.map_or(Reply::Nil, Reply::Bulk)
    } else {
        Reply::ok()
    })
}

pub(crate) fn setnx(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if ks.exists(c.arg(1)) {
        return Ok(Reply::Int(0));
    }
    ks.put_str(c.arg(1), c.arg(2).to_vec(), false)?;
    Ok(Reply::Int(1))
}

fn setex_generic(ks: &mut Keyspace, c: &Cmd, seconds: bool) -> CmdResult {
    let when = expire_arg(c, c.arg(2), seconds, false, c.info.name)?;
    ks.put_str(c.arg(1), c.arg(3).to_vec(), false)?;
    ks.set_expire(c.arg(1), when);
    Ok(Reply::ok())
}

pub(crate) fn setex(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    setex_generic(ks, c, true)
}

pub(crate) fn psetex(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    setex_generic(ks, c, false)
}

pub(crate) fn getset(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let old = ks.str_ref(c.arg(1))?.cloned();
    ks.put_str(c.arg(1), c.arg(2).to_vec(), false)?;
    Ok(old.map_or(Reply::Nil, Reply::Bulk))
}

pub(crate) fn getdel(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let old = ks.str_ref(c.arg(1))?.cloned();
    if old.is_some() {
        ks.remove(c.arg(1));
    }
    Ok(old.map_or(Reply::Nil, Reply::Bulk))
}

pub(crate) fn getex(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let key = c.arg(1);
    let mut when: Option<u64> = None;
    let mut persist = false;
    let mut i = 2;
    while i < c.len() {
        let a = c.arg(i);
        let has_next = i + 1 < c.len();
        let unit = if is(a, "EX") {
            Some((true, false))
        } else if is(a, "PX") {
            Some((false, false))
        } else if is(a, "EXAT") {
            Some((true, true))
        } else if is(a, "PXAT") {
            Some((false, true))
        } else {
            None
        };
        match unit {
            Some((secs, abs)) if has_next && when.is_none() && !persist => {
                when = Some(expire_arg(c, c.arg(i + 1), secs, abs, "getex")?);
                i += 1;
            }
            None if is(a, "PERSIST") && when.is_none() => persist = true,
            _ => return fail(errs::SYNTAX),
        }
        i += 1;
    }
    let Some(v) = ks.str_ref(key)?.cloned() else {
        return Ok(Reply::Nil);
    };
    if let Some(w) = when {
        if w <= c.now {
            ks.remove(key);
        } else {
            ks.set_expire(key, w);
        }
    } else if persist {
        ks.set_expire(key, 0);
    }
    Ok(Reply::Bulk(v))
}

pub(crate) fn mget(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Array(
        c.args[1..]
            .iter()
            .map(|k| match ks.value(k) {
                Some(Value::Str(s)) => Reply::bulk(s),
                _ => Reply::Nil,
            })
            .collect(),
    ))
}

pub(crate) fn mset(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if c.len().is_multiple_of(2) {
        return Err(c.arity_error());
    }
    for pair in c.args[1..].chunks(2) {
        ks.check_record(pair[1].len())?;
    }
    for pair in c.args[1..].chunks(2) {
        ks.put_str(pair[0], pair[1].to_vec(), false)?;
    }
    Ok(Reply::ok())
}

pub(crate) fn msetnx(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if c.len().is_multiple_of(2) {
        return Err(c.arity_error());
    }
    if c.args[1..].chunks(2).any(|p| ks.exists(p[0])) {
        return Ok(Reply::Int(0));
    }
    mset(ks, c)?;
    Ok(Reply::Int(1))
}

fn incr_generic(ks: &mut Keyspace, key: &[u8], by: i64) -> CmdResult {
    let cur = match ks.str_ref(key)? {
        None => 0,
        Some(s) => parse_i64(s).ok_or_else(|| Reply::err(errs::NOT_INT))?,
    };
    let new = cur
        .checked_add(by)
        .ok_or_else(|| Reply::err(errs::OVERFLOW))?;
    ks.put_str(key, new.to_string().into_bytes(), true)?;
    Ok(Reply::Int(new))
}

pub(crate) fn incr(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    incr_generic(ks, c.arg(1), 1)
}

pub(crate) fn decr(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    incr_generic(ks, c.arg(1), -1)
}

pub(crate) fn incrby(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let by = int_arg(c.arg(2))?;
    incr_generic(ks, c.arg(1), by)
}

pub(crate) fn decrby(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let by = int_arg(c.arg(2))?;
    if by == i64::MIN {
        return fail("ERR decrement would overflow");
    }
    incr_generic(ks, c.arg(1), -by)
}

pub(crate) fn incrbyfloat(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let key = c.arg(1);
    let cur = ks.str_ref(key)?.cloned().unwrap_or_else(|| b"0".to_vec());
    match longdouble::incr_by_float(&cur, c.arg(2)) {
        Ok(s) => {
            ks.put_str(key, s.clone().into_bytes(), true)?;
            Ok(Reply::Bulk(s.into_bytes()))
        }
        Err(true) => fail(errs::NOT_FLOAT),
        Err(false) => fail(errs::NAN_INF),
    }
}

pub(crate) fn append(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let key = c.arg(1);
    let add = c.arg(2);
    let cur_len = ks.str_ref(key)?.map_or(0, Vec::len);
    if cur_len + add.len() > MAX_STRING {
        return fail("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    }
    ks.check_record(cur_len + add.len())?;
    match ks.value_mut(key) {
        Some(Value::Str(s)) => {
            s.extend_from_slice(add);
            Ok(Reply::Int(s.len() as i64))
        }
        _ => {
            ks.put_str(key, add.to_vec(), false)?;
            Ok(Reply::Int(add.len() as i64))
        }
    }
}

pub(crate) fn getrange(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let start = int_arg(c.arg(2))?;
    let end = int_arg(c.arg(3))?;
    let Some(s) = ks.str_ref(c.arg(1))? else {
        return Ok(Reply::bulk(b""));
    };
    Ok(Reply::bulk(substring(s, start, end)))
}

/// GETRANGE's index rules (Redis 7.0 `getrangeCommand`).
fn substring(s: &[u8], mut start: i64, mut end: i64) -> &[u8] {
    let len = s.len() as i64;
    if start < 0 && end < 0 && start > end {
        return b"";
    }
    if start < 0 {
        start += len;
    }
    if end < 0 {
        end += len;
    }
    start = start.max(0);
    end = end.max(0);
    if end >= len {
        end = len - 1;
    }
    if start > end || len == 0 {
        return b"";
    }
    &s[start as usize..=end as usize]
}

pub(crate) fn setrange(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let key = c.arg(1);
    let offset = int_arg(c.arg(2))?;
    let val = c.arg(3);
    if offset < 0 {
        return fail("ERR offset is out of range");
    }
    let cur_len = ks.str_ref(key)?.map_or(0, Vec::len);
    if val.is_empty() {
        return Ok(Reply::Int(cur_len as i64));
    }
    let offset = offset as usize;
    let needed = offset.saturating_add(val.len());
    if needed > MAX_STRING {
        return fail("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    }
    ks.check_record(needed.max(cur_len))?;
    if !ks.exists(key) {
        ks.put_str(key, Vec::new(), false)?;
    }
    let Some(Value::Str(s)) = ks.value_mut(key) else {
        return fail(errs::WRONGTYPE);
    };
    if s.len() < needed {
        s.resize(needed, 0);
    }
    s[offset..needed].copy_from_slice(val);
    Ok(Reply::Int(s.len() as i64))
}

pub(crate) fn strlen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(ks.str_ref(c.arg(1))?.map_or(0, Vec::len) as i64))
}
