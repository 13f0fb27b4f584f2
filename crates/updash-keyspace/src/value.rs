//! The value types a key can hold.

use std::collections::VecDeque;

use crate::scanmap::ScanMap;
use crate::types::hash::HashVal;
use crate::types::stream::Stream;
use crate::types::zset::ZSet;

/// One key's value. Big variants are boxed so an entry stays small.
pub(crate) enum Value {
    Str(Vec<u8>),
    Hash(Box<HashVal>),
    // Boxed anyway: it keeps `Value` (and so every entry) 8 bytes smaller.
    #[allow(clippy::box_collection)]
    List(Box<VecDeque<Vec<u8>>>),
    Set(Box<ScanMap<()>>),
    ZSet(Box<ZSet>),
    Stream(Box<Stream>),
    Json(Box<serde_json::Value>),
}

impl Value {
    /// The name TYPE prints (RedisJSON registers its type as `ReJSON-RL`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Hash(_) => "hash",
            Value::List(_) => "list",
            Value::Set(_) => "set",
            Value::ZSet(_) => "zset",
            Value::Stream(_) => "stream",
            Value::Json(_) => "ReJSON-RL",
        }
    }

    /// A deep copy (for COPY).
    pub fn duplicate(&self) -> Value {
        match self {
            Value::Str(s) => Value::Str(s.clone()),
            Value::Hash(h) => Value::Hash(Box::new(h.duplicate())),
            Value::List(l) => Value::List(l.clone()),
            Value::Set(s) => {
                let mut out = ScanMap::default();
                for (k, _) in s.iter() {
                    out.insert(k, ());
                }
                Value::Set(Box::new(out))
            }
            Value::ZSet(z) => Value::ZSet(Box::new(z.duplicate())),
            Value::Stream(s) => Value::Stream(s.clone()),
            Value::Json(j) => Value::Json(j.clone()),
        }
    }

    /// True for a collection left with no elements (Redis deletes those).
    pub fn is_empty_collection(&self) -> bool {
        match self {
            Value::Hash(h) => h.len() == 0,
            Value::List(l) => l.is_empty(),
            Value::Set(s) => s.is_empty(),
            Value::ZSet(z) => z.len() == 0,
            Value::Str(_) | Value::Stream(_) | Value::Json(_) => false,
        }
    }

    /// A deterministic size estimate in bytes, for MEMORY USAGE and the
    /// record-size limit. `samples` bounds how many elements of a collection
    /// are measured (0 = all), extrapolated like Redis does.
    pub fn estimate_bytes(&self, samples: usize) -> usize {
        fn sampled<I: Iterator<Item = usize>>(len: usize, it: I, samples: usize) -> usize {
            let take = if samples == 0 { len } else { samples.min(len) };
            if take == 0 {
                return 0;
            }
            let sum: usize = it.take(take).sum();
            sum / take * len
        }
        match self {
            Value::Str(s) => s.len() + 16,
            Value::Hash(h) => {
                64 + sampled(
                    h.len(),
                    h.iter_all().map(|(k, f)| k.len() + f.value.len() + 48),
                    samples,
                )
            }
            Value::List(l) => 64 + sampled(l.len(), l.iter().map(|e| e.len() + 24), samples),
            Value::Set(s) => 64 + sampled(s.len(), s.iter().map(|(k, _)| k.len() + 40), samples),
            Value::ZSet(z) => {
                64 + sampled(
                    z.len(),
                    z.iter_asc().map(|(m, _)| 2 * m.len() + 72),
                    samples,
                )
            }
            Value::Stream(s) => 128 + s.estimate_bytes(),
            Value::Json(j) => 32 + crate::types::json::estimate_bytes(j),
        }
    }
}
