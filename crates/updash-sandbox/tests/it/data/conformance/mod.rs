//! The REST conformance suite as data: groups of steps, each a command and the reply it
//! must get. The runner plays it against the embedded backend, and against a real Redis
//! asserting the same replies; what Redis 7.0 lacks is listed once, in [`REDIS_7_0_LACKS`].

mod collections;
mod keys_server;
mod strings;
mod transport;
mod zsets_streams;

use serde_json::Value;

/// What a step's reply must be.
#[derive(Debug, Clone)]
pub enum Expect {
    /// This result, exactly.
    Is(Value),
    /// An array with these items in any order.
    Sorted(Value),
    /// A flat array of (field, value) pairs, pairs in any order.
    Pairs(Value),
    /// An error with exactly this text (HTTP 400).
    Err(&'static str),
    /// An error starting with this text (HTTP 400).
    ErrStarts(&'static str),
    /// Any integer (e.g. MEMORY USAGE).
    AnyInt,
}

/// One step of a group.
#[derive(Debug, Clone)]
pub enum Step {
    /// Send a command (as the JSON array body) and check the reply.
    Cmd(Value, Expect),
    /// The same command, with `Upstash-Encoding: base64`.
    Base64(Value, Expect),
    /// SCAN-family iteration to cursor 0: the command's first arguments (before the
    /// cursor) and options (after it); the union of keys (or WITHTYPE pairs) sorted.
    ScanAll(Value, Value, Expect),
    /// Move the sandbox clock forward (embedded only: Redis keeps its own clock).
    Clock(i64),
    /// The same command with the read-only token.
    ReadOnly(Value, Expect),
    /// `POST /pipeline` with these commands: the whole answer body (HTTP 200).
    Pipeline(Value, Value),
    /// `POST /multi-exec` with these commands: the whole answer body (200, or 400 with
    /// one error when the transaction is discarded).
    MultiExec(Value, Value),
}

/// A named group of steps, run in an emptied database.
pub struct Group {
    /// The command group.
    pub name: &'static str,
    /// The steps.
    pub steps: Vec<Step>,
}

/// Groups a real Redis 7.0 cannot answer like Upstash, with the reason; the differential
/// run skips exactly these.
pub const REDIS_7_0_LACKS: &[(&str, &str)] = &[
    ("json", "RedisJSON is a module, not in Redis 7.0"),
    (
        "hash field ttl",
        "HEXPIRE/HTTL/HPERSIST arrived in Redis 7.4",
    ),
    (
        "memory usage",
        "MEMORY USAGE numbers depend on Redis's allocator and encodings",
    ),
    (
        "expiry by the sandbox clock",
        "Redis expires keys by its own clock, which POST /_sandbox/clock cannot move",
    ),
];

/// Every group.
pub fn groups() -> Vec<Group> {
    let mut all = Vec::new();
    all.extend(strings::groups());
    all.extend(collections::groups());
    all.extend(zsets_streams::groups());
    all.extend(keys_server::groups());
    all.extend(transport::groups());
    all
}

/// A command step.
pub fn c(cmd: Value, expect: Expect) -> Step {
    Step::Cmd(cmd, expect)
}

/// `Expect::Is`.
pub fn is(v: Value) -> Expect {
    Expect::Is(v)
}

/// `Expect::Is("OK")`.
pub fn ok() -> Expect {
    Expect::Is(Value::from("OK"))
}

/// `Expect::Is(n)`.
pub fn int(n: i64) -> Expect {
    Expect::Is(Value::from(n))
}

/// `Expect::Is(null)`.
pub fn nil() -> Expect {
    Expect::Is(Value::Null)
}

/// `Expect::Err`.
pub fn err(text: &'static str) -> Expect {
    Expect::Err(text)
}

/// Redis's WRONGTYPE error.
pub const WRONGTYPE: &str = "WRONGTYPE Operation against a key holding the wrong kind of value";
/// Redis's "not an integer" error.
pub const NOT_INT: &str = "ERR value is not an integer or out of range";
/// Redis's syntax error.
pub const SYNTAX: &str = "ERR syntax error";
