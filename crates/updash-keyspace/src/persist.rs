//! Save/load in a compact versioned binary format.
//!
//! Layout: magic `UPDKS\0`, version (u16 LE), then the body: a varint key
//! count and one record per key (type tag, key, absolute expiry in ms or 0,
//! payload), and finally a 64-bit checksum of everything before it. Every
//! length is a LEB128 varint and is checked against the bytes left, so a
//! damaged or hostile file is an error, never a panic or a huge allocation.

use std::collections::VecDeque;
use std::fmt;
use std::io::{Read, Write};

use crate::keyspace::Keyspace;
use crate::scanmap::ScanMap;
use crate::types::hash::HashVal;
use crate::types::stream::{Stream, StreamId};
use crate::types::zset::ZSet;
use crate::value::Value;

const MAGIC: &[u8; 6] = b"UPDKS\0";
const VERSION: u16 = 1;

const T_STR: u8 = 1;
const T_HASH: u8 = 2;
const T_LIST: u8 = 3;
const T_SET: u8 = 4;
const T_ZSET: u8 = 5;
const T_STREAM: u8 = 6;
const T_JSON: u8 = 7;

/// Why a saved database could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// Reading the input failed.
    Io(std::io::Error),
    /// The input does not start with the format's magic bytes.
    BadMagic,
    /// The format version is not one this build reads.
    UnsupportedVersion(u16),
    /// The input ends early.
    Truncated,
    /// The checksum does not match: the file is damaged.
    Checksum,
    /// The content is malformed (what was wrong).
    Corrupt(&'static str),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "reading the saved keyspace failed: {e}"),
            LoadError::BadMagic => write!(f, "not a saved keyspace (bad magic)"),
            LoadError::UnsupportedVersion(v) => {
                write!(f, "unsupported keyspace format version {v}")
            }
            LoadError::Truncated => write!(f, "the saved keyspace is truncated"),
            LoadError::Checksum => write!(f, "the saved keyspace is damaged (checksum mismatch)"),
            LoadError::Corrupt(what) => write!(f, "the saved keyspace is corrupt: {what}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// A 64-bit checksum over whole 8-byte words (fast, not cryptographic).
fn checksum(data: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = data.len() as u64 ^ 0x5851_F42D_4C95_7F2D;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(31);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(K).rotate_left(31);
    }
    h ^ (h >> 29)
}

struct Out(Vec<u8>);

impl Out {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    fn id(&mut self, id: StreamId) {
        self.varint(id.ms);
        self.varint(id.seq);
    }
}

struct In<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> In<'a> {
    fn left(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn u8(&mut self) -> Result<u8, LoadError> {
        let b = *self.buf.get(self.pos).ok_or(LoadError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, LoadError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(LoadError::Corrupt("varint too long"))
    }

    /// A count of items that each take at least one byte: never more than
    /// what is left, so it is safe to preallocate.
    fn count(&mut self) -> Result<usize, LoadError> {
        let n = self.varint()?;
        if n > self.left() as u64 {
            return Err(LoadError::Corrupt("count larger than the input"));
        }
        Ok(n as usize)
    }

    fn bytes(&mut self) -> Result<&'a [u8], LoadError> {
        let n = self.varint()?;
        if n > self.left() as u64 {
            return Err(LoadError::Truncated);
        }
        let s = &self.buf[self.pos..self.pos + n as usize];
        self.pos += n as usize;
        Ok(s)
    }

    fn f64(&mut self) -> Result<f64, LoadError> {
        if self.left() < 8 {
            return Err(LoadError::Truncated);
        }
        let b = &self.buf[self.pos..self.pos + 8];
        self.pos += 8;
        Ok(f64::from_le_bytes([
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
        ]))
    }

    fn id(&mut self) -> Result<StreamId, LoadError> {
        Ok(StreamId {
            ms: self.varint()?,
            seq: self.varint()?,
        })
    }
}

fn write_value(o: &mut Out, v: &Value) {
    match v {
        Value::Str(s) => o.bytes(s),
        Value::Hash(h) => {
            o.varint(h.len() as u64);
            for (k, f) in h.iter_all() {
                o.bytes(k);
                o.bytes(&f.value);
                o.varint(f.expire_at);
            }
        }
        Value::List(l) => {
            o.varint(l.len() as u64);
            l.iter().for_each(|e| o.bytes(e));
        }
        Value::Set(s) => {
            o.varint(s.len() as u64);
            s.iter().for_each(|(m, _)| o.bytes(m));
        }
        Value::ZSet(z) => {
            o.varint(z.len() as u64);
            for (m, s) in z.iter_asc() {
                o.bytes(m);
                o.0.extend_from_slice(&s.to_le_bytes());
            }
        }
        Value::Stream(s) => {
            o.id(s.last_id);
            o.varint(s.entries.len() as u64);
            for (id, fields) in &s.entries {
                o.id(*id);
                o.varint(fields.len() as u64);
                fields.iter().for_each(|f| o.bytes(f));
            }
        }
        Value::Json(j) => o.bytes(&serde_json::to_vec(j).unwrap_or_default()),
    }
}

fn tag(v: &Value) -> u8 {
    match v {
        Value::Str(_) => T_STR,
        Value::Hash(_) => T_HASH,
        Value::List(_) => T_LIST,
        Value::Set(_) => T_SET,
        Value::ZSet(_) => T_ZSET,
        Value::Stream(_) => T_STREAM,
        Value::Json(_) => T_JSON,
    }
}

fn read_value(i: &mut In, tag: u8) -> Result<Value, LoadError> {
    Ok(match tag {
        T_STR => Value::Str(i.bytes()?.to_vec()),
        T_HASH => {
            let mut h = HashVal::default();
            for _ in 0..i.count()? {
                let (k, v, exp) = (i.bytes()?, i.bytes()?, i.varint()?);
                h.insert_raw(k, v.to_vec(), exp);
            }
            Value::Hash(Box::new(h))
        }
        T_LIST => {
            let n = i.count()?;
            let mut l = VecDeque::with_capacity(n);
            for _ in 0..n {
                l.push_back(i.bytes()?.to_vec());
            }
            Value::List(Box::new(l))
        }
        T_SET => {
            let mut s = ScanMap::default();
            for _ in 0..i.count()? {
                s.insert(i.bytes()?, ());
            }
            Value::Set(Box::new(s))
        }
        T_ZSET => {
            let mut z = ZSet::default();
            for _ in 0..i.count()? {
                let m = i.bytes()?;
                let s = i.f64()?;
                if s.is_nan() {
                    return Err(LoadError::Corrupt("NaN score"));
                }
                z.insert(m, s);
            }
            Value::ZSet(Box::new(z))
        }
        T_STREAM => {
            let last = i.id()?;
            let mut s = Stream::default();
            for _ in 0..i.count()? {
                let id = i.id()?;
                let n = i.count()?;
                let mut fields = Vec::with_capacity(n);
                for _ in 0..n {
                    fields.push(i.bytes()?.to_vec());
                }
                if id <= s.last_id && !s.entries.is_empty() {
                    return Err(LoadError::Corrupt("stream IDs out of order"));
                }
                // Nodes are rebuilt by appending in order.
                s.append(id, fields);
            }
            if last < s.last_id {
                return Err(LoadError::Corrupt("stream last ID below its entries"));
            }
            s.last_id = last;
            Value::Stream(Box::new(s))
        }
        T_JSON => Value::Json(Box::new(
            serde_json::from_slice(i.bytes()?)
                .map_err(|_| LoadError::Corrupt("bad JSON document"))?,
        )),
        _ => return Err(LoadError::Corrupt("unknown value type")),
    })
}

impl Keyspace {
    /// Writes every key (expired ones included: they stay expired on load).
    pub fn save(&self, mut w: impl Write) -> std::io::Result<()> {
        let mut o = Out(Vec::with_capacity(64 + self.map.len() * 32));
        o.0.extend_from_slice(MAGIC);
        o.0.extend_from_slice(&VERSION.to_le_bytes());
        o.varint(self.map.len() as u64);
        for (k, e) in self.map.iter() {
            o.0.push(tag(&e.value));
            o.bytes(k);
            o.varint(e.expire_at);
            write_value(&mut o, &e.value);
        }
        let sum = checksum(&o.0);
        o.0.extend_from_slice(&sum.to_le_bytes());
        w.write_all(&o.0)?;
        w.flush()
    }

    /// Reads a database written by `save` (default limits).
    pub fn load(mut r: impl Read) -> Result<Keyspace, LoadError> {
        let mut buf = Vec::new();
        r.read_to_end(&mut buf).map_err(LoadError::Io)?;
        if buf.len() < MAGIC.len() {
            return Err(if MAGIC.starts_with(&buf) {
                LoadError::Truncated
            } else {
                LoadError::BadMagic
            });
        }
        if &buf[..MAGIC.len()] != MAGIC {
            return Err(LoadError::BadMagic);
        }
        if buf.len() < MAGIC.len() + 2 + 8 {
            return Err(LoadError::Truncated);
        }
        let version = u16::from_le_bytes([buf[6], buf[7]]);
        if version != VERSION {
            return Err(LoadError::UnsupportedVersion(version));
        }
        let (body, tail) = buf.split_at(buf.len() - 8);
        let stored = u64::from_le_bytes([
            tail[0], tail[1], tail[2], tail[3], tail[4], tail[5], tail[6], tail[7],
        ]);
        if checksum(body) != stored {
            return Err(LoadError::Checksum);
        }
        let mut i = In {
            buf: body,
            pos: MAGIC.len() + 2,
        };
        let mut ks = Keyspace::new();
        for _ in 0..i.count()? {
            let t = i.u8()?;
            let key = i.bytes()?;
            let expire = i.varint()?;
            let value = read_value(&mut i, t)?;
            ks.set_value(key, value, false);
            if expire != 0 {
                ks.set_expire(key, expire);
            }
        }
        if i.left() != 0 {
            return Err(LoadError::Corrupt("trailing bytes"));
        }
        Ok(ks)
    }
}
