//! Streams: XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM (no consumer
//! groups, no blocking reads).
//!
//! Entries are grouped into "nodes" the way Redis packs them into listpacks
//! (a node takes up to 100 entries, counting deleted ones, or ~4096 bytes),
//! because approximate trimming (`~`) only ever drops whole nodes.

use std::collections::BTreeMap;

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{int_arg, is, parse_i64};
use crate::reply::{CmdResult, Reply, errs, fail};

const NODE_MAX_ENTRIES: u32 = 100;
const NODE_MAX_BYTES: usize = 4096;
const INVALID_ID: &str = "ERR Invalid stream ID specified as stream command argument";

/// A stream entry ID.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct StreamId {
    pub ms: u64,
    pub seq: u64,
}

impl StreamId {
    const MAX: StreamId = StreamId {
        ms: u64::MAX,
        seq: u64::MAX,
    };

    fn incr(self) -> Option<StreamId> {
        if self.seq < u64::MAX {
            Some(StreamId {
                ms: self.ms,
                seq: self.seq + 1,
            })
        } else if self.ms < u64::MAX {
            Some(StreamId {
                ms: self.ms + 1,
                seq: 0,
            })
        } else {
            None
        }
    }

    fn decr(self) -> Option<StreamId> {
        if self.seq > 0 {
            Some(StreamId {
                ms: self.ms,
                seq: self.seq - 1,
            })
        } else if self.ms > 0 {
            Some(StreamId {
                ms: self.ms - 1,
                seq: u64::MAX,
            })
        } else {
            None
        }
    }

    pub fn to_bytes(self) -> Vec<u8> {
        format!("{}-{}", self.ms, self.seq).into_bytes()
    }
}

/// One listpack-like node: its entry count (live + deleted), live count
/// and approximate size.
#[derive(Clone, Debug, Default)]
pub(crate) struct Node {
    pub total: u32,
    pub live: u32,
    pub bytes: usize,
}

/// A stream value.
#[derive(Clone, Default)]
pub(crate) struct Stream {
    pub entries: BTreeMap<StreamId, Vec<Vec<u8>>>,
    /// Nodes keyed by their first (master) ID.
    pub nodes: BTreeMap<StreamId, Node>,
    pub last_id: StreamId,
}

fn entry_bytes(fields: &[Vec<u8>]) -> usize {
    10 + fields.iter().map(|f| f.len() + 2).sum::<usize>()
}

impl Stream {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Appends with an already validated ID.
    pub fn append(&mut self, id: StreamId, fields: Vec<Vec<u8>>) {
        let bytes = entry_bytes(&fields);
        let mut joined = false;
        if let Some(mut last) = self.nodes.last_entry() {
            let n = last.get_mut();
            if n.total < NODE_MAX_ENTRIES && n.bytes + bytes < NODE_MAX_BYTES {
                n.total += 1;
                n.live += 1;
                n.bytes += bytes;
                joined = true;
            }
        }
        if !joined {
            self.nodes.insert(
                id,
                Node {
                    total: 1,
                    live: 1,
                    bytes: 20 + bytes,
                },
            );
        }
        self.entries.insert(id, fields);
        self.last_id = id;
    }

    fn node_of(&self, id: StreamId) -> Option<StreamId> {
        self.nodes.range(..=id).next_back().map(|(k, _)| *k)
    }

    /// Deletes one entry; true if it existed.
    pub fn delete(&mut self, id: StreamId) -> bool {
        if self.entries.remove(&id).is_none() {
            return false;
        }
        if let Some(k) = self.node_of(id)
            && let Some(n) = self.nodes.get_mut(&k)
        {
            n.live = n.live.saturating_sub(1);
            if n.live == 0 {
                self.nodes.remove(&k);
            }
        }
        true
    }

    /// Trims by MAXLEN or MINID; `approx` only drops whole nodes; `limit`
    /// bounds the entries removed (0 = no bound). Returns entries removed.
    fn trim(&mut self, strategy: &Trim, approx: bool, limit: u64) -> u64 {
        let mut deleted = 0u64;
        while let Some((&master, node)) = self.nodes.first_key_value() {
            let live = node.live as u64;
            if limit > 0 && deleted + live > limit {
                break;
            }
            let next_master = self.nodes.range(master..).nth(1).map(|(k, _)| *k);
            let node_ids: Vec<StreamId> = match next_master {
                Some(n) => self.entries.range(master..n).map(|(k, _)| *k).collect(),
                None => self.entries.range(master..).map(|(k, _)| *k).collect(),
            };
            let remove_node = match strategy {
                Trim::MaxLen(max) => (self.len() as u64).saturating_sub(live) >= *max,
                Trim::MinId(min) => node_ids.last().is_some_and(|last| last < min),
            };
            if remove_node {
                for id in &node_ids {
                    self.entries.remove(id);
                }
                self.nodes.remove(&master);
                deleted += live;
                continue;
            }
            if approx {
                break;
            }
            for id in node_ids {
                let stop = match strategy {
                    Trim::MaxLen(max) => self.len() as u64 <= *max,
                    Trim::MinId(min) => id >= *min,
                };
                if stop {
                    break;
                }
                self.delete(id);
                deleted += 1;
            }
            break;
        }
        deleted
    }

    pub fn estimate_bytes(&self) -> usize {
        self.nodes.values().map(|n| n.bytes).sum::<usize>() + 16 * self.nodes.len()
    }
}

enum Trim {
    MaxLen(u64),
    MinId(StreamId),
}

/// Redis's `string2ull`: a non-negative `string2ll` number, else whatever
/// `strtoull` takes whole (leading spaces, a sign).
fn parse_u64(s: &[u8]) -> Option<u64> {
    if let Some(v) = parse_i64(s) {
        return u64::try_from(v).ok();
    }
    let t = s.trim_ascii_start();
    let (neg, digits) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: u64 = 0;
    for &d in digits {
        v = v.checked_mul(10)?.checked_add((d - b'0') as u64)?;
    }
    Some(if neg { v.wrapping_neg() } else { v })
}

/// Parses `ms-seq`, `ms` (seq = `missing_seq`) and, when `strict` is false,
/// `-` / `+`. Returns the ID and whether the sequence was given (false for
/// the `ms-*` form, which only XADD accepts).
fn parse_id(
    s: &[u8],
    strict: bool,
    missing_seq: u64,
    allow_star: bool,
) -> Result<(StreamId, bool), Reply> {
    let bad = || Reply::err(INVALID_ID);
    if s.len() > 127 {
        return Err(bad());
    }
    if !strict && s == b"-" {
        return Ok((StreamId::default(), true));
    }
    if !strict && s == b"+" {
        return Ok((StreamId::MAX, true));
    }
    let (ms_part, seq_part) = match s.iter().position(|&c| c == b'-') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let ms = parse_u64(ms_part).ok_or_else(bad)?;
    match seq_part {
        None => Ok((
            StreamId {
                ms,
                seq: missing_seq,
            },
            true,
        )),
        Some(b"*") if allow_star => Ok((StreamId { ms, seq: 0 }, false)),
        Some(seq) => Ok((
            StreamId {
                ms,
                seq: parse_u64(seq).ok_or_else(bad)?,
            },
            true,
        )),
    }
}

/// XADD/XTRIM options: trimming, the ID's argument index, NOMKSTREAM and
/// the parsed ID (with whether its sequence was given).
type ParsedAddArgs = (TrimArgs, usize, bool, Option<(StreamId, bool)>);

struct TrimArgs {
    strategy: Option<Trim>,
    approx: bool,
    limit: u64,
}

/// Parses XADD's or XTRIM's options from `start`; for XADD returns the
/// index of the ID argument.
fn parse_trim_args(c: &Cmd, start: usize, xadd: bool) -> Result<ParsedAddArgs, Reply> {
    let mut t = TrimArgs {
        strategy: None,
        approx: false,
        limit: 0,
    };
    let mut limit_given = None;
    let mut nomkstream = false;
    let mut id = None;
    let mut i = start;
    while i < c.len() {
        let more = c.len() - 1 - i;
        let opt = c.arg(i);
        if xadd && opt == b"*" {
            break;
        } else if (is(opt, "MAXLEN") || is(opt, "MINID")) && more > 0 {
            if t.strategy.is_some() {
                return fail(
                    "ERR syntax error, MAXLEN and MINID options at the same time are not compatible",
                );
            }
            t.approx = false;
            let next = c.arg(i + 1);
            if more >= 2 && next == b"~" {
                t.approx = true;
                i += 1;
            } else if more >= 2 && next == b"=" {
                i += 1;
            }
            let v = c.arg(i + 1);
            t.strategy = Some(if is(opt, "MAXLEN") {
                let n = int_arg(v)?;
                if n < 0 {
                    return fail("ERR The MAXLEN argument must be >= 0.");
                }
                Trim::MaxLen(n as u64)
            } else {
                Trim::MinId(parse_id(v, true, 0, false)?.0)
            });
            i += 1;
        } else if is(opt, "LIMIT") && more > 0 {
            let n = int_arg(c.arg(i + 1))?;
            if n < 0 {
                return fail("ERR The LIMIT argument must be >= 0.");
            }
            limit_given = Some(n as u64);
            i += 1;
        } else if xadd && is(opt, "NOMKSTREAM") {
            nomkstream = true;
        } else if xadd {
            id = Some(parse_id(opt, true, 0, true)?);
            break;
        } else {
            return fail(errs::SYNTAX);
        }
        i += 1;
    }
    if limit_given.is_some_and(|l| l > 0) && t.strategy.is_none() {
        return fail(
            "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy",
        );
    }
    if !xadd && t.strategy.is_none() {
        return fail("ERR syntax error, XTRIM must be called with a trimming strategy");
    }
    match limit_given {
        Some(_) if !t.approx => {
            return fail("ERR syntax error, LIMIT cannot be used without the special ~ option");
        }
        Some(l) => t.limit = l,
        None => {
            t.limit = if t.approx {
                100 * NODE_MAX_ENTRIES as u64
            } else {
                0
            }
        }
    }
    Ok((t, i, nomkstream, id))
}

pub(crate) fn xadd(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let (trim, id_at, nomkstream, id) = parse_trim_args(c, 2, true)?;
    let field_pos = id_at + 1;
    if c.len() < field_pos + 2 || (c.len() - field_pos) % 2 == 1 {
        return Err(c.arity_error());
    }
    if let Some((StreamId { ms: 0, seq: 0 }, true)) = id {
        return fail("ERR The ID specified in XADD must be greater than 0-0");
    }
    let key = c.arg(1);
    if ks.stream_ref(key)?.is_none() {
        if nomkstream {
            return Ok(Reply::Nil);
        }
        ks.check_record(c.args[field_pos..].iter().map(|a| a.len()).sum())?;
    }
    let now = c.now;
    let fields: Vec<Vec<u8>> = c.args[field_pos..].iter().map(|a| a.to_vec()).collect();
    let s = ks.stream_create(key)?;
    if s.last_id == StreamId::MAX {
        return fail("ERR The stream has exhausted the last possible ID, unable to add more items");
    }
    let too_small =
        "ERR The ID specified in XADD is equal or smaller than the target stream top item";
    let new_id = match id {
        Some((id, true)) => id,
        Some((id, false)) => {
            if s.last_id.ms == id.ms {
                if s.last_id.seq == u64::MAX {
                    return fail(too_small);
                }
                StreamId {
                    ms: id.ms,
                    seq: s.last_id.seq + 1,
                }
            } else {
                id
            }
        }
        None if now > s.last_id.ms => StreamId { ms: now, seq: 0 },
        None => s.last_id.incr().unwrap_or(StreamId::MAX),
    };
    if new_id <= s.last_id {
        return fail(too_small);
    }
    s.append(new_id, fields);
    if let Some(strategy) = &trim.strategy {
        s.trim(strategy, trim.approx, trim.limit);
    }
    Ok(Reply::Bulk(new_id.to_bytes()))
}

/// Parses an XRANGE bound: `(id` is exclusive (not `-`/`+`).
fn interval_id(s: &[u8], missing_seq: u64) -> Result<(StreamId, bool), Reply> {
    if s.len() > 1 && s[0] == b'(' {
        return Ok((parse_id(&s[1..], true, missing_seq, false)?.0, true));
    }
    Ok((parse_id(s, false, missing_seq, false)?.0, false))
}

fn entry_reply(id: &StreamId, fields: &[Vec<u8>]) -> Reply {
    Reply::Array(vec![Reply::Bulk(id.to_bytes()), Reply::bulks(fields)])
}

fn range_generic(ks: &mut Keyspace, c: &Cmd, rev: bool) -> CmdResult {
    let (start_arg, end_arg) = if rev {
        (c.arg(3), c.arg(2))
    } else {
        (c.arg(2), c.arg(3))
    };
    let (mut start, start_ex) = interval_id(start_arg, 0)?;
    if start_ex {
        start = start
            .incr()
            .ok_or_else(|| Reply::err("ERR invalid start ID for the interval"))?;
    }
    let (mut end, end_ex) = interval_id(end_arg, u64::MAX)?;
    if end_ex {
        end = end
            .decr()
            .ok_or_else(|| Reply::err("ERR invalid end ID for the interval"))?;
    }
    let mut count: i64 = -1;
    let mut j = 4;
    while j < c.len() {
        if is(c.arg(j), "COUNT") && j + 1 < c.len() {
            count = int_arg(c.arg(j + 1))?.max(0);
            j += 2;
        } else {
            return fail(errs::SYNTAX);
        }
    }
    let Some(s) = ks.stream_ref(c.arg(1))? else {
        return Ok(Reply::Array(vec![]));
    };
    if count == 0 {
        return Ok(Reply::NilArray);
    }
    if start > end {
        return Ok(Reply::Array(vec![]));
    }
    let take = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let range = s.entries.range(start..=end);
    let out: Vec<Reply> = if rev {
        range
            .rev()
            .take(take)
            .map(|(id, f)| entry_reply(id, f))
            .collect()
    } else {
        range.take(take).map(|(id, f)| entry_reply(id, f)).collect()
    };
    Ok(Reply::Array(out))
}

pub(crate) fn xrange(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    range_generic(ks, c, false)
}

pub(crate) fn xrevrange(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    range_generic(ks, c, true)
}

pub(crate) fn xlen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(
        ks.stream_ref(c.arg(1))?.map_or(0, Stream::len) as i64
    ))
}

pub(crate) fn xdel(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let ids: Vec<StreamId> = c.args[2..]
        .iter()
        .map(|a| parse_id(a, true, 0, false).map(|(id, _)| id))
        .collect::<Result<_, _>>()?;
    let Some(s) = ks.stream_mut(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    Ok(Reply::Int(
        ids.iter().filter(|id| s.delete(**id)).count() as i64
    ))
}

pub(crate) fn xtrim(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let (trim, _, _, _) = parse_trim_args(c, 2, false)?;
    let Some(s) = ks.stream_mut(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    let Some(strategy) = &trim.strategy else {
        return Ok(Reply::Int(0));
    };
    Ok(Reply::Int(s.trim(strategy, trim.approx, trim.limit) as i64))
}
