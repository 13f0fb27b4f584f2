//! Generic key commands: TYPE, EXISTS, DEL/UNLINK, RENAME, RENAMENX, COPY.

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{int_arg, is};
use crate::reply::{CmdResult, Reply, errs, fail};

pub(crate) fn type_(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Status(
        ks.value(c.arg(1)).map_or("none", |v| v.type_name()).into(),
    ))
}

pub(crate) fn exists(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(
        c.args[1..].iter().filter(|k| ks.exists(k)).count() as i64,
    ))
}

/// DEL and UNLINK (UNLINK with no keys answers 0, as Upstash does).
pub(crate) fn del(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(
        c.args[1..]
            .iter()
            .filter(|k| ks.remove(k).is_some())
            .count() as i64,
    ))
}

fn rename_generic(ks: &mut Keyspace, c: &Cmd, nx: bool) -> CmdResult {
    let (src, dst) = (c.arg(1), c.arg(2));
    if !ks.exists(src) {
        return fail(errs::NO_SUCH_KEY);
    }
    if src == dst {
        return Ok(if nx { Reply::Int(0) } else { Reply::ok() });
    }
    if nx && ks.exists(dst) {
        return Ok(Reply::Int(0));
    }
    let Some(entry) = ks.remove(src) else {
        return fail(errs::NO_SUCH_KEY);
    };
    ks.remove(dst);
    let expire = entry.expire_at;
    ks.set_value(dst, entry.value, false);
    if expire != 0 {
        ks.set_expire(dst, expire);
    }
    Ok(if nx { Reply::Int(1) } else { Reply::ok() })
}

pub(crate) fn rename(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    rename_generic(ks, c, false)
}

pub(crate) fn renamenx(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    rename_generic(ks, c, true)
}

/// COPY source destination [DB db] [REPLACE]. There is one database, so
/// only `DB 0` is accepted.
pub(crate) fn copy(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let mut replace = false;
    let mut j = 3;
    while j < c.len() {
        if is(c.arg(j), "REPLACE") {
            replace = true;
        } else if is(c.arg(j), "DB") && j + 1 < c.len() {
            let db = int_arg(c.arg(j + 1))?;
            if db != 0 {
                return fail("ERR DB index is out of range");
            }
            j += 1;
        } else {
            return fail(errs::SYNTAX);
        }
        j += 1;
    }
    let (src, dst) = (c.arg(1), c.arg(2));
    if src == dst {
        return fail("ERR source and destination objects are the same");
    }
    let Some(entry) = ks.entry(src) else {
        return Ok(Reply::Int(0));
    };
    let (value, expire) = (entry.value.duplicate(), entry.expire_at);
    if ks.exists(dst) {
        if !replace {
            return Ok(Reply::Int(0));
        }
        ks.remove(dst);
    }
    ks.set_value(dst, value, false);
    if expire != 0 {
        ks.set_expire(dst, expire);
    }
    Ok(Reply::Int(1))
}
