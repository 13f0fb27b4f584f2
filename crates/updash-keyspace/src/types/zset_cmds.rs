//! Sorted-set commands.

use crate::dfmt::format_double;
use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{float_arg, int_arg, is, parse_f64_loose};
use crate::reply::{CmdResult, Reply, errs, fail};
use crate::types::list::clamp_range;
use crate::types::zset::{LexBound, ScoreRange, ZSet};

fn score_reply(s: f64) -> Reply {
    Reply::Bulk(format_double(s).into_bytes())
}

/// Parses one `zslParseRange` bound: `(x` exclusive, else inclusive.
fn score_bound(s: &[u8]) -> Option<(f64, bool)> {
    let (ex, body) = match s.first() {
        Some(b'(') => (true, &s[1..]),
        _ => (false, s),
    };
    parse_f64_loose(body).map(|v| (v, ex))
}

fn score_range(min: &[u8], max: &[u8]) -> Result<ScoreRange, Reply> {
    match (score_bound(min), score_bound(max)) {
        (Some((min, min_ex)), Some((max, max_ex))) => Ok(ScoreRange {
            min,
            min_ex,
            max,
            max_ex,
        }),
        _ => fail("ERR min or max is not a float"),
    }
}

fn lex_range(min: &[u8], max: &[u8]) -> Result<(LexBound, LexBound), Reply> {
    match (LexBound::parse(min), LexBound::parse(max)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => fail("ERR min or max not valid string range item"),
    }
}

pub(crate) fn zadd(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let (mut nx, mut xx, mut ch, mut incr, mut gt, mut lt) =
        (false, false, false, false, false, false);
    let mut i = 2;
    while i < c.len() {
        let o = c.arg(i);
        if is(o, "NX") {
            nx = true;
        } else if is(o, "XX") {
            xx = true;
        } else if is(o, "CH") {
            ch = true;
        } else if is(o, "INCR") {
            incr = true;
        } else if is(o, "GT") {
            gt = true;
        } else if is(o, "LT") {
            lt = true;
        } else {
            break;
        }
        i += 1;
    }
    let rest = &c.args[i..];
    if rest.is_empty() || !rest.len().is_multiple_of(2) {
        return fail(errs::SYNTAX);
    }
    if nx && xx {
        return fail("ERR XX and NX options at the same time are not compatible");
    }
    if (nx && (gt || lt)) || (gt && lt) {
        return fail("ERR GT, LT, and/or NX options at the same time are not compatible");
    }
    if incr && rest.len() > 2 {
        return fail("ERR INCR option supports a single increment-element pair");
    }
    let pairs: Vec<(f64, &[u8])> = rest
        .chunks(2)
        .map(|p| float_arg(p[0]).map(|s| (s, p[1])))
        .collect::<Result<_, _>>()?;
    let key = c.arg(1);
    if ks.zset_ref(key)?.is_none() {
        if xx {
            return Ok(if incr { Reply::Nil } else { Reply::Int(0) });
        }
        ks.check_record(rest.iter().map(|a| a.len()).sum())?;
        ks.zset_create(key)?;
    }
    let Some(z) = ks.zset_mut(key)? else {
        return Ok(Reply::Nil);
    };
    let (mut added, mut updated) = (0, 0);
    let mut last: Option<f64> = None;
    for (score, m) in pairs {
        match z.score(m) {
            Some(cur) => {
                if nx {
                    continue;
                }
                let new = if incr { cur + score } else { score };
                if new.is_nan() {
                    ks.remove_if_empty(key);
                    return fail("ERR resulting score is not a number (NaN)");
                }
                if (lt && new >= cur) || (gt && new <= cur) {
                    continue;
                }
                last = Some(new);
                if new != cur {
                    z.insert(m, new);
                    updated += 1;
                }
            }
            None => {
                if xx {
                    continue;
                }
                z.insert(m, score);
                added += 1;
                last = Some(score);
            }
        }
    }
    ks.remove_if_empty(key);
    Ok(if incr {
        last.map_or(Reply::Nil, score_reply)
    } else {
        Reply::Int(if ch { added + updated } else { added })
    })
}

pub(crate) fn zincrby(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let by = float_arg(c.arg(2))?;
    let key = c.arg(1);
    ks.check_record(c.arg(3).len())?;
    let z = ks.zset_create(key)?;
    let new = z.score(c.arg(3)).map_or(by, |cur| cur + by);
    if new.is_nan() {
        ks.remove_if_empty(key);
        return fail("ERR resulting score is not a number (NaN)");
    }
    z.insert(c.arg(3), new);
    Ok(score_reply(new))
}

#[derive(Clone, Copy, PartialEq)]
enum RangeType {
    Auto,
    Rank,
    Score,
    Lex,
}

/// The shared body of ZRANGE and its older forms, after Redis 7.0's
/// `zrangeGenericCommand`: `first` is the index of the first range argument.
fn zrange_generic(
    ks: &mut Keyspace,
    c: &Cmd,
    mut kind: RangeType,
    rev_fixed: Option<bool>,
) -> CmdResult {
    let (mut withscores, mut offset, mut limit) = (false, 0i64, -1i64);
    let mut rev = rev_fixed;
    let mut j = 4;
    while j < c.len() {
        let o = c.arg(j);
        let left = c.len() - j - 1;
        if is(o, "WITHSCORES") {
            withscores = true;
        } else if is(o, "LIMIT") && left >= 2 {
            offset = int_arg(c.arg(j + 1))?;
            limit = int_arg(c.arg(j + 2))?;
            j += 2;
        } else if rev.is_none() && is(o, "REV") {
            rev = Some(true);
        } else if kind == RangeType::Auto && is(o, "BYLEX") {
            kind = RangeType::Lex;
        } else if kind == RangeType::Auto && is(o, "BYSCORE") {
            kind = RangeType::Score;
        } else {
            return fail(errs::SYNTAX);
        }
        j += 1;
    }
    let rev = rev.unwrap_or(false);
    if kind == RangeType::Auto {
        kind = RangeType::Rank;
    }
    if limit != -1 && kind == RangeType::Rank {
        return fail(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
        );
    }
    if withscores && kind == RangeType::Lex {
        return fail("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
    }
    let (mut a, mut b) = (c.arg(2), c.arg(3));
    if rev && kind != RangeType::Rank {
        std::mem::swap(&mut a, &mut b);
    }
    enum Parsed {
        Rank(i64, i64),
        Score(ScoreRange),
        Lex(LexBound, LexBound),
    }
    let parsed = match kind {
        RangeType::Score => Parsed::Score(score_range(a, b)?),
        RangeType::Lex => {
            let (x, y) = lex_range(a, b)?;
            Parsed::Lex(x, y)
        }
        _ => Parsed::Rank(int_arg(a)?, int_arg(b)?),
    };
    let Some(z) = ks.zset_ref(c.arg(1))? else {
        return Ok(Reply::Array(vec![]));
    };
    let items: Vec<(&[u8], f64)> = match &parsed {
        Parsed::Rank(start, stop) => match clamp_range(*start, *stop, z.len()) {
            None => vec![],
            Some((s, e)) => {
                if rev {
                    z.iter_asc().rev().skip(s).take(e - s + 1).collect()
                } else {
                    z.iter_asc().skip(s).take(e - s + 1).collect()
                }
            }
        },
        Parsed::Score(r) => limited(z.by_score(*r, rev), offset, limit, z),
        Parsed::Lex(x, y) => limited(z.by_lex(x, y, rev), offset, limit, z),
    };
    let mut out = Vec::with_capacity(items.len() * if withscores { 2 } else { 1 });
    for (m, s) in items {
        out.push(Reply::bulk(m));
        if withscores {
            out.push(score_reply(s));
        }
    }
    Ok(Reply::Array(out))
}

/// LIMIT as Redis applies it: a negative offset (or one past the end)
/// yields nothing, a negative count means all.
fn limited<'a>(
    it: Box<dyn Iterator<Item = (&'a [u8], f64)> + 'a>,
    offset: i64,
    limit: i64,
    z: &ZSet,
) -> Vec<(&'a [u8], f64)> {
    if offset < 0 || (offset > 0 && offset as u64 >= z.len() as u64) {
        return vec![];
    }
    let it = it.skip(offset as usize);
    if limit < 0 {
        it.collect()
    } else {
        it.take(limit as usize).collect()
    }
}

pub(crate) fn zrange(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    zrange_generic(ks, c, RangeType::Auto, None)
}

pub(crate) fn zrevrange(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    zrange_generic(ks, c, RangeType::Rank, Some(true))
}

pub(crate) fn zrangebyscore(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    zrange_generic(ks, c, RangeType::Score, Some(false))
}

pub(crate) fn zrevrangebyscore(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    zrange_generic(ks, c, RangeType::Score, Some(true))
}

pub(crate) fn zrangebylex(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    zrange_generic(ks, c, RangeType::Lex, Some(false))
}

pub(crate) fn zrem(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let Some(z) = ks.zset_mut(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    let n = c.args[2..].iter().filter(|m| z.remove(m)).count();
    ks.remove_if_empty(c.arg(1));
    Ok(Reply::Int(n as i64))
}

pub(crate) fn zcard(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(
        ks.zset_ref(c.arg(1))?.map_or(0, ZSet::len) as i64
    ))
}

pub(crate) fn zscore(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let z = ks.zset_ref(c.arg(1))?;
    Ok(z.and_then(|z| z.score(c.arg(2)))
        .map_or(Reply::Nil, score_reply))
}

pub(crate) fn zmscore(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let z = ks.zset_ref(c.arg(1))?;
    Ok(Reply::Array(
        c.args[2..]
            .iter()
            .map(|m| z.and_then(|z| z.score(m)).map_or(Reply::Nil, score_reply))
            .collect(),
    ))
}

fn rank_generic(ks: &mut Keyspace, c: &Cmd, rev: bool) -> CmdResult {
    let Some(z) = ks.zset_ref(c.arg(1))? else {
        return Ok(Reply::Nil);
    };
    Ok(match z.rank(c.arg(2)) {
        None => Reply::Nil,
        Some(r) if rev => Reply::Int((z.len() - 1 - r) as i64),
        Some(r) => Reply::Int(r as i64),
    })
}

pub(crate) fn zrank(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    rank_generic(ks, c, false)
}

pub(crate) fn zrevrank(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    rank_generic(ks, c, true)
}

pub(crate) fn zcount(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let r = score_range(c.arg(2), c.arg(3))?;
    let Some(z) = ks.zset_ref(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    Ok(Reply::Int(z.by_score(r, false).count() as i64))
}
