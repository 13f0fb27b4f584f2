//! SCAN, KEYS, HSCAN, SSCAN and ZSCAN.
//!
//! Cursors are positions in the hash order of `ScanMap`, so a key present
//! for the whole iteration is returned at least once however the keyspace
//! changes, and a call costs what it examines. A call examines at most
//! `SCAN_CAP` entries whatever COUNT says (Upstash's cap).

use crate::dfmt::format_double;
use crate::glob::glob_match;
use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{int_arg, is, parse_cursor, parse_i64};
use crate::reply::{CmdResult, Reply, errs, fail};
use crate::value::Value;

/// Most entries one SCAN-family call examines (Upstash: about 1,000).
pub const SCAN_CAP: usize = 1000;

/// Redis's listpack limits: a hash or sorted set this small is scanned in
/// one call whatever COUNT says, as Redis does for compact encodings.
const COMPACT_MAX_LEN: usize = 128;
const COMPACT_MAX_VALUE: usize = 64;
/// Redis's intset limit: a set of at most this many integers is compact.
const INTSET_MAX_LEN: usize = 512;

struct ScanOpts<'a> {
    count: usize,
    pattern: Option<&'a [u8]>,
    type_filter: Option<&'a [u8]>,
    with_type: bool,
}

fn parse_opts<'a>(c: &'a Cmd, from: usize, keyspace: bool) -> Result<ScanOpts<'a>, Reply> {
    let mut o = ScanOpts {
        count: 10,
        pattern: None,
        type_filter: None,
        with_type: false,
    };
    let mut i = from;
    while i < c.len() {
        let left = c.len() - i;
        let a = c.arg(i);
        if is(a, "COUNT") && left >= 2 {
            let n = int_arg(c.arg(i + 1))?;
            if n < 1 {
                return fail(errs::SYNTAX);
            }
            o.count = n.min(SCAN_CAP as i64) as usize;
            i += 2;
        } else if is(a, "MATCH") && left >= 2 {
            let p = c.arg(i + 1);
            o.pattern = (p != b"*").then_some(p);
            i += 2;
        } else if keyspace && is(a, "TYPE") && left >= 2 {
            o.type_filter = Some(c.arg(i + 1));
            i += 2;
        } else if keyspace && is(a, "WITHTYPE") {
            // Upstash extension: the key array alternates key, type.
            o.with_type = true;
            i += 1;
        } else {
            return fail(errs::SYNTAX);
        }
    }
    Ok(o)
}

fn matches(pattern: Option<&[u8]>, s: &[u8]) -> bool {
    pattern.is_none_or(|p| glob_match(p, s))
}

/// True if a value's type satisfies a SCAN TYPE filter (case-insensitive;
/// the console's `json` also selects RedisJSON's `ReJSON-RL`).
fn type_matches(filter: &[u8], v: &Value) -> bool {
    let name = v.type_name();
    filter.eq_ignore_ascii_case(name.as_bytes())
        || (matches!(v, Value::Json(_)) && filter.eq_ignore_ascii_case(b"json"))
}

fn scan_reply(cursor: u64, items: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(cursor.to_string().into_bytes()),
        Reply::Array(items),
    ])
}

pub(crate) fn scan(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let cursor = parse_cursor(c.arg(1))?;
    let o = parse_opts(c, 2, true)?;
    let now = c.now;
    let mut items = Vec::new();
    let next = ks.map.scan(cursor, o.count, |k, e| {
        if !Keyspace::is_live(e, now) || !matches(o.pattern, k) {
            return;
        }
        if o.type_filter.is_some_and(|t| !type_matches(t, &e.value)) {
            return;
        }
        items.push(Reply::bulk(k));
        if o.with_type {
            items.push(Reply::bulk(e.value.type_name()));
        }
    });
    Ok(scan_reply(next, items))
}

pub(crate) fn keys(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let pattern = Some(c.arg(1)).filter(|p| *p != b"*");
    let now = c.now;
    Ok(Reply::bulks(
        ks.map
            .iter()
            .filter(|(k, e)| Keyspace::is_live(e, now) && matches(pattern, k))
            .map(|(k, _)| k),
    ))
}

/// The shared shape of HSCAN/SSCAN/ZSCAN: cursor first, then the key, then
/// options (Redis checks them in that order).
fn collection_scan(
    ks: &mut Keyspace,
    c: &Cmd,
    run: impl FnOnce(&Keyspace, u64, &ScanOpts) -> Result<Option<(u64, Vec<Reply>)>, Reply>,
) -> CmdResult {
    let cursor = parse_cursor(c.arg(2))?;
    if ks.value(c.arg(1)).is_none() {
        return Ok(scan_reply(0, vec![]));
    }
    let o = parse_opts(c, 3, false)?;
    match run(ks, cursor, &o)? {
        None => Ok(scan_reply(0, vec![])),
        Some((next, items)) => Ok(scan_reply(next, items)),
    }
}

pub(crate) fn hscan(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    collection_scan(ks, c, |ks, cursor, o| {
        let Some(h) = ks.hash_ref(c.arg(1))? else {
            return Ok(None);
        };
        let compact = h.len() <= COMPACT_MAX_LEN
            && h.iter()
                .all(|(k, v)| k.len() <= COMPACT_MAX_VALUE && v.len() <= COMPACT_MAX_VALUE);
        let mut items = Vec::new();
        let mut push = |k: &[u8], v: &[u8]| {
            if matches(o.pattern, k) {
                items.push(Reply::bulk(k));
                items.push(Reply::bulk(v));
            }
        };
        let next = if compact {
            h.iter().for_each(|(k, v)| push(k, v));
            0
        } else {
            h.scan(cursor, o.count, push)
        };
        Ok(Some((next, items)))
    })
}

pub(crate) fn sscan(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    collection_scan(ks, c, |ks, cursor, o| {
        let Some(s) = ks.set_ref(c.arg(1))? else {
            return Ok(None);
        };
        let compact = s.len() <= INTSET_MAX_LEN && s.iter().all(|(k, _)| parse_i64(k).is_some());
        let mut items = Vec::new();
        let mut push = |k: &[u8], _: &()| {
            if matches(o.pattern, k) {
                items.push(Reply::bulk(k));
            }
        };
        let next = if compact {
            s.iter().for_each(|(k, v)| push(k, v));
            0
        } else {
            s.scan(cursor, o.count, push)
        };
        Ok(Some((next, items)))
    })
}

pub(crate) fn zscan(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    collection_scan(ks, c, |ks, cursor, o| {
        let Some(z) = ks.zset_ref(c.arg(1))? else {
            return Ok(None);
        };
        let compact =
            z.len() <= COMPACT_MAX_LEN && z.iter_asc().all(|(m, _)| m.len() <= COMPACT_MAX_VALUE);
        let mut items = Vec::new();
        let mut push = |m: &[u8], s: f64| {
            if matches(o.pattern, m) {
                items.push(Reply::bulk(m));
                items.push(Reply::Bulk(format_double(s).into_bytes()));
            }
        };
        let next = if compact {
            z.iter_asc().for_each(|(m, s)| push(m, s));
            0
        } else {
            z.scan(cursor, o.count, |m, s| push(m, *s))
        };
        Ok(Some((next, items)))
    })
}
