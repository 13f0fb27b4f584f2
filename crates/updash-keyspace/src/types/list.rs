//! List commands (no blocking variants, as at Upstash).

use std::collections::VecDeque;

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{int_arg, is, parse_i64};
use crate::reply::{CmdResult, Reply, errs, fail};

type List = VecDeque<Vec<u8>>;

fn push(ks: &mut Keyspace, c: &Cmd, left: bool, only_existing: bool) -> CmdResult {
    let key = c.arg(1);
    if only_existing && ks.list_ref(key)?.is_none() {
        return Ok(Reply::Int(0));
    }
    ks.check_record(c.args[2..].iter().map(|a| a.len()).sum())?;
    let l = ks.list_create(key)?;
    for v in &c.args[2..] {
        if left {
            l.push_front(v.to_vec());
        } else {
            l.push_back(v.to_vec());
        }
    }
    Ok(Reply::Int(l.len() as i64))
}

pub(crate) fn lpush(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    push(ks, c, true, false)
}

pub(crate) fn rpush(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    push(ks, c, false, false)
}

pub(crate) fn lpushx(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    push(ks, c, true, true)
}

pub(crate) fn rpushx(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    push(ks, c, false, true)
}

fn pop(ks: &mut Keyspace, c: &Cmd, left: bool) -> CmdResult {
    if c.len() > 3 {
        return Err(c.arity_error());
    }
    let count = if c.len() == 3 {
        Some(
            parse_i64(c.arg(2))
                .filter(|&n| n >= 0)
                .ok_or_else(|| Reply::err(errs::MUST_BE_POSITIVE))?,
        )
    } else {
        None
    };
    let key = c.arg(1);
    let Some(l) = ks.list_mut(key)? else {
        return Ok(if count.is_some() {
            Reply::NilArray
        } else {
            Reply::Nil
        });
    };
    let take_one = |l: &mut List| if left { l.pop_front() } else { l.pop_back() };
    let reply = match count {
        None => take_one(l).map_or(Reply::Nil, Reply::Bulk),
        Some(n) => {
            let n = (n as u64).min(l.len() as u64) as usize;
            Reply::Array(
                (0..n)
                    .filter_map(|_| take_one(l))
                    .map(Reply::Bulk)
                    .collect(),
            )
        }
    };
    ks.remove_if_empty(key);
    Ok(reply)
}

pub(crate) fn lpop(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    pop(ks, c, true)
}

pub(crate) fn rpop(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    pop(ks, c, false)
}

/// Normalizes a [start, stop] index pair as LRANGE/LTRIM do; None = empty.
pub(crate) fn clamp_range(start: i64, stop: i64, len: usize) -> Option<(usize, usize)> {
    let len = len as i64;
    let mut start = if start < 0 {
        start.saturating_add(len)
    } else {
        start
    };
    let mut stop = if stop < 0 {
        stop.saturating_add(len)
    } else {
        stop
    };
    if start < 0 {
        start = 0;
    }
    if start > stop || start >= len {
        return None;
    }
    if stop >= len {
        stop = len - 1;
    }
    Some((start as usize, stop as usize))
}

pub(crate) fn lrange(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let start = int_arg(c.arg(2))?;
    let stop = int_arg(c.arg(3))?;
    let Some(l) = ks.list_ref(c.arg(1))? else {
        return Ok(Reply::Array(vec![]));
    };
    Ok(match clamp_range(start, stop, l.len()) {
        None => Reply::Array(vec![]),
        Some((a, b)) => Reply::bulks(l.range(a..=b)),
    })
}

/// Resolves a possibly negative list index.
fn index_of(index: i64, len: usize) -> Option<usize> {
    let i = if index < 0 {
        index.checked_add(len as i64)?
    } else {
        index
    };
    (i >= 0 && (i as u64) < len as u64).then_some(i as usize)
}

pub(crate) fn lset(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if ks.list_ref(c.arg(1))?.is_none() {
        return fail(errs::NO_SUCH_KEY);
    }
    let index = int_arg(c.arg(2))?;
    ks.check_record(c.arg(3).len())?;
    let Some(l) = ks.list_mut(c.arg(1))? else {
        return fail(errs::NO_SUCH_KEY);
    };
    let Some(i) = index_of(index, l.len()) else {
        return fail(errs::OUT_OF_RANGE);
    };
    l[i] = c.arg(3).to_vec();
    Ok(Reply::ok())
}

pub(crate) fn lrem(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let count = int_arg(c.arg(2))?;
    let elem = c.arg(3);
    let Some(l) = ks.list_mut(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    let limit = if count == 0 {
        u64::MAX
    } else {
        count.unsigned_abs()
    };
    let mut removed = 0u64;
    if count >= 0 {
        let mut i = 0;
        while i < l.len() && removed < limit {
            if l[i] == elem {
                l.remove(i);
                removed += 1;
            } else {
                i += 1;
            }
        }
    } else {
        let mut i = l.len();
        while i > 0 && removed < limit {
            i -= 1;
            if l[i] == elem {
                l.remove(i);
                removed += 1;
            }
        }
    }
    ks.remove_if_empty(c.arg(1));
    Ok(Reply::Int(removed as i64))
}

pub(crate) fn ltrim(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let start = int_arg(c.arg(2))?;
    let stop = int_arg(c.arg(3))?;
    let Some(l) = ks.list_mut(c.arg(1))? else {
        return Ok(Reply::ok());
    };
    match clamp_range(start, stop, l.len()) {
        None => l.clear(),
        Some((a, b)) => {
            l.truncate(b + 1);
            l.drain(..a);
        }
    }
    ks.remove_if_empty(c.arg(1));
    Ok(Reply::ok())
}

pub(crate) fn llen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(
        ks.list_ref(c.arg(1))?.map_or(0, VecDeque::len) as i64
    ))
}

pub(crate) fn lindex(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let Some(l) = ks.list_ref(c.arg(1))? else {
        return Ok(Reply::Nil);
    };
    let index = int_arg(c.arg(2))?;
    Ok(index_of(index, l.len()).map_or(Reply::Nil, |i| Reply::bulk(&l[i])))
}

pub(crate) fn linsert(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let after = if is(c.arg(2), "AFTER") {
        true
    } else if is(c.arg(2), "BEFORE") {
        false
    } else {
        return fail(errs::SYNTAX);
    };
    let Some(l) = ks.list_mut(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    let Some(at) = l.iter().position(|e| e == c.arg(3)) else {
        return Ok(Reply::Int(-1));
    };
    l.insert(if after { at + 1 } else { at }, c.arg(4).to_vec());
    Ok(Reply::Int(l.len() as i64))
}

pub(crate) fn lpos(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let (mut rank, mut count, mut maxlen) = (1i64, None::<i64>, 0i64);
    let mut j = 3;
    while j < c.len() {
        let more = j + 1 < c.len();
        let opt = c.arg(j);
        if is(opt, "RANK") && more {
            j += 1;
            rank = int_arg(c.arg(j))?;
            if rank == 0 {
                return fail(
                    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
                );
            }
        } else if is(opt, "COUNT") && more {
            j += 1;
            count = Some(
                parse_i64(c.arg(j))
                    .filter(|&n| n >= 0)
                    .ok_or_else(|| Reply::err("ERR COUNT can't be negative"))?,
            );
        } else if is(opt, "MAXLEN") && more {
            j += 1;
            maxlen = parse_i64(c.arg(j))
                .filter(|&n| n >= 0)
                .ok_or_else(|| Reply::err("ERR MAXLEN can't be negative"))?;
        } else {
            return fail(errs::SYNTAX);
        }
        j += 1;
    }
    let Some(l) = ks.list_ref(c.arg(1))? else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let elem = c.arg(2);
    let want = match count {
        None => 1,
        Some(0) => u64::MAX,
        Some(n) => n as u64,
    };
    let mut skip = rank.unsigned_abs() - 1;
    let mut found = Vec::new();
    let len = l.len();
    let limit = if maxlen == 0 {
        len
    } else {
        (maxlen as u64).min(len as u64) as usize
    };
    for step in 0..limit {
        let i = if rank > 0 { step } else { len - 1 - step };
        if l[i] == elem {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            found.push(Reply::Int(i as i64));
            if found.len() as u64 >= want {
                break;
            }
        }
    }
    Ok(match count {
        Some(_) => Reply::Array(found),
        None => found.pop().unwrap_or(Reply::Nil),
    })
}
