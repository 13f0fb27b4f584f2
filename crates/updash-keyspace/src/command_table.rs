//! The command table as data: name, arity, flags and key positions, used
//! for dispatch, arity errors and read-only-token decisions.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::keyspace::{Cmd, Keyspace};
use crate::reply::CmdResult;
use crate::types::{hash, hash_ttl, json, list, set, stream, string, zset_cmds};
use crate::{expiry, keys, scan, server};

/// A command handler.
pub(crate) type Handler = fn(&mut Keyspace, &Cmd) -> CmdResult;

/// The command reads data.
pub const READ: u16 = 1;
/// The command may modify data.
pub const WRITE: u16 = 1 << 1;
/// Upstash refuses it to a read-only token even though it only reads
/// ("some powerful read commands (e.g. SCAN, KEYS) are also restricted").
pub const DENY_READ_ONLY_TOKEN: u16 = 1 << 2;
/// Administrative or dangerous (wipes or reshapes the database).
pub const ADMIN: u16 = 1 << 3;
/// Not in Redis 7.0 (RedisJSON, Redis 7.4 hash-field TTLs).
pub const NOT_IN_REDIS_7_0: u16 = 1 << 4;

/// One command's static description.
pub struct CommandInfo {
    /// Lower-case name, as Redis prints it in errors (`memory|usage` style
    /// names are built by the handler for subcommands).
    pub name: &'static str,
    /// Redis arity: positive = exact argument count (name included),
    /// negative = at least that many.
    pub arity: i32,
    /// Bit set of `READ`, `WRITE`, `DENY_READ_ONLY_TOKEN`, `ADMIN`,
    /// `NOT_IN_REDIS_7_0`.
    pub flags: u16,
    /// First key argument index (0 = no keys).
    pub first_key: i32,
    /// Last key argument index; negative counts from the end.
    pub last_key: i32,
    /// Step between key arguments.
    pub key_step: i32,
    pub(crate) handler: Handler,
}

impl CommandInfo {
    /// True if the command may modify data.
    pub fn is_write(&self) -> bool {
        self.flags & WRITE != 0
    }

    /// True if the command never modifies data.
    pub fn is_read_only(&self) -> bool {
        self.flags & WRITE == 0
    }

    /// True if Upstash's read-only token may run it.
    pub fn allowed_for_read_only_token(&self) -> bool {
        self.is_read_only() && self.flags & (DENY_READ_ONLY_TOKEN | ADMIN) == 0
    }

    /// Argument indexes holding keys, for a call with `argc` arguments.
    pub fn key_positions(&self, argc: usize) -> Vec<usize> {
        if self.first_key <= 0 || argc <= self.first_key as usize {
            return Vec::new();
        }
        let last = if self.last_key < 0 {
            argc as i64 + self.last_key as i64
        } else {
            (self.last_key as i64).min(argc as i64 - 1)
        };
        let step = self.key_step.max(1) as usize;
        let first = self.first_key as usize;
        if last < first as i64 {
            return Vec::new();
        }
        (first..=last as usize).step_by(step).collect()
    }
}

impl std::fmt::Debug for CommandInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommandInfo")
            .field("name", &self.name)
            .field("arity", &self.arity)
            .field("flags", &self.flags)
            .finish()
    }
}

const fn c(
    name: &'static str,
    arity: i32,
    flags: u16,
    keys: (i32, i32, i32),
    handler: Handler,
) -> CommandInfo {
    CommandInfo {
        name,
        arity,
        flags,
        first_key: keys.0,
        last_key: keys.1,
        key_step: keys.2,
        handler,
    }
}

const R: u16 = READ;
const W: u16 = WRITE;
const RW: u16 = READ | WRITE;
const K1: (i32, i32, i32) = (1, 1, 1);
const ALL: (i32, i32, i32) = (1, -1, 1);
const NONE: (i32, i32, i32) = (0, 0, 0);
const X: u16 = NOT_IN_REDIS_7_0;

/// Every command the engine runs.
pub static COMMANDS: &[CommandInfo] = &[
    // strings
    c("get", 2, R, K1, string::get),
    c("set", -3, RW, K1, string::set),
    c("setnx", 3, W, K1, string::setnx),
    c("setex", 4, W, K1, string::setex),
    c("psetex", 4, W, K1, string::psetex),
    c("getset", 3, RW, K1, string::getset),
    c("getdel", 2, RW, K1, string::getdel),
    c("getex", -2, RW, K1, string::getex),
    c("mget", -2, R, ALL, string::mget),
    c("mset", -3, W, (1, -1, 2), string::mset),
    c("msetnx", -3, W, (1, -1, 2), string::msetnx),
    c("incr", 2, RW, K1, string::incr),
    c("incrby", 3, RW, K1, string::incrby),
    c("incrbyfloat", 3, RW, K1, string::incrbyfloat),
    c("decr", 2, RW, K1, string::decr),
    c("decrby", 3, RW, K1, string::decrby),
    c("append", 3, RW, K1, string::append),
    c("getrange", 4, R, K1, string::getrange),
    c("substr", 4, R, K1, string::getrange),
    c("setrange", 4, RW, K1, string::setrange),
    c("strlen", 2, R, K1, string::strlen),
    // hashes
    c("hset", -4, RW, K1, hash::hset),
    c("hmset", -4, RW, K1, hash::hmset),
    c("hsetnx", 4, RW, K1, hash::hsetnx),
    c("hget", 3, R, K1, hash::hget),
    c("hmget", -3, R, K1, hash::hmget),
    c("hgetall", 2, R, K1, hash::hgetall),
    c("hdel", -3, RW, K1, hash::hdel),
    c("hexists", 3, R, K1, hash::hexists),
    c("hlen", 2, R, K1, hash::hlen),
    c("hkeys", 2, R, K1, hash::hkeys),
    c("hvals", 2, R, K1, hash::hvals),
    c("hincrby", 4, RW, K1, hash::hincrby),
    c("hincrbyfloat", 4, RW, K1, hash::hincrbyfloat),
    c("hstrlen", 3, R, K1, hash::hstrlen),
    c("hrandfield", -2, R, K1, hash::hrandfield),
    c("hscan", -3, R, K1, scan::hscan),
    c("hexpire", -6, RW | X, K1, hash_ttl::hexpire),
    c("hpexpire", -6, RW | X, K1, hash_ttl::hpexpire),
    c("hexpireat", -6, RW | X, K1, hash_ttl::hexpireat),
    c("hpexpireat", -6, RW | X, K1, hash_ttl::hpexpireat),
    c("httl", -5, R | X, K1, hash_ttl::httl),
    c("hpttl", -5, R | X, K1, hash_ttl::hpttl),
    c("hexpiretime", -5, R | X, K1, hash_ttl::hexpiretime),
    c("hpexpiretime", -5, R | X, K1, hash_ttl::hpexpiretime),
    c("hpersist", -5, RW | X, K1, hash_ttl::hpersist),
    // lists
    c("lpush", -3, RW, K1, list::lpush),
    c("rpush", -3, RW, K1, list::rpush),
    c("lpushx", -3, RW, K1, list::lpushx),
    c("rpushx", -3, RW, K1, list::rpushx),
    c("lpop", -2, RW, K1, list::lpop),
    c("rpop", -2, RW, K1, list::rpop),
    c("lrange", 4, R, K1, list::lrange),
    c("lset", 4, RW, K1, list::lset),
    c("lrem", 4, RW, K1, list::lrem),
    c("ltrim", 4, RW, K1, list::ltrim),
    c("llen", 2, R, K1, list::llen),
    c("lindex", 3, R, K1, list::lindex),
    c("linsert", 5, RW, K1, list::linsert),
    c("lpos", -3, R, K1, list::lpos),
    // sets
    c("sadd", -3, RW, K1, set::sadd),
    c("srem", -3, RW, K1, set::srem),
    c("smembers", 2, R, K1, set::smembers),
    c("sscan", -3, R, K1, scan::sscan),
    c("scard", 2, R, K1, set::scard),
    c("sismember", 3, R, K1, set::sismember),
    c("smismember", -3, R, K1, set::smismember),
    c("spop", -2, RW, K1, set::spop),
    c("srandmember", -2, R, K1, set::srandmember),
    c("sinter", -2, R, ALL, set::sinter),
    c("sunion", -2, R, ALL, set::sunion),
    c("sdiff", -2, R, ALL, set::sdiff),
    // sorted sets
    c("zadd", -4, RW, K1, zset_cmds::zadd),
    c("zrange", -4, R, K1, zset_cmds::zrange),
    c("zrevrange", -4, R, K1, zset_cmds::zrevrange),
    c("zrangebyscore", -4, R, K1, zset_cmds::zrangebyscore),
    c("zrevrangebyscore", -4, R, K1, zset_cmds::zrevrangebyscore),
    c("zrangebylex", -4, R, K1, zset_cmds::zrangebylex),
    c("zrem", -3, RW, K1, zset_cmds::zrem),
    c("zcard", 2, R, K1, zset_cmds::zcard),
    c("zscore", 3, R, K1, zset_cmds::zscore),
    c("zmscore", -3, R, K1, zset_cmds::zmscore),
    c("zincrby", 4, RW, K1, zset_cmds::zincrby),
    c("zrank", 3, R, K1, zset_cmds::zrank),
    c("zrevrank", 3, R, K1, zset_cmds::zrevrank),
    c("zcount", 4, R, K1, zset_cmds::zcount),
    c("zscan", -3, R, K1, scan::zscan),
    // streams
    c("xadd", -5, RW, K1, stream::xadd),
    c("xrange", -4, R, K1, stream::xrange),
    c("xrevrange", -4, R, K1, stream::xrevrange),
    c("xlen", 2, R, K1, stream::xlen),
    c("xdel", -3, RW, K1, stream::xdel),
    c("xtrim", -4, RW, K1, stream::xtrim),
    // JSON (RedisJSON)
    c("json.set", -4, RW | X, K1, json::set),
    c("json.get", -2, R | X, K1, json::get),
    c("json.del", -2, RW | X, K1, json::del),
    c("json.forget", -2, RW | X, K1, json::del),
    c("json.type", -2, R | X, K1, json::type_),
    c("json.strlen", -2, R | X, K1, json::strlen),
    c("json.arrlen", -2, R | X, K1, json::arrlen),
    c("json.objlen", -2, R | X, K1, json::objlen),
    // keys
    c("scan", -2, R | DENY_READ_ONLY_TOKEN, NONE, scan::scan),
    c("keys", 2, R | DENY_READ_ONLY_TOKEN, NONE, scan::keys),
    c("type", 2, R, K1, keys::type_),
    c("exists", -2, R, ALL, keys::exists),
    c("del", -2, W, ALL, keys::del),
    // Upstash answers UNLINK with no keys with 0; Redis says "wrong number
    // of arguments". Arity -1 follows Upstash.
    c("unlink", -1, W, ALL, keys::del),
    c("rename", 3, W, (1, 2, 1), keys::rename),
    c("renamenx", 3, W, (1, 2, 1), keys::renamenx),
    c("copy", -3, W, (1, 2, 1), keys::copy),
    c("ttl", 2, R, K1, expiry::ttl),
    c("pttl", 2, R, K1, expiry::pttl),
    c("expiretime", 2, R, K1, expiry::expiretime),
    c("pexpiretime", 2, R, K1, expiry::pexpiretime),
    c("expire", -3, W, K1, expiry::expire),
    c("pexpire", -3, W, K1, expiry::pexpire),
    c("expireat", -3, W, K1, expiry::expireat),
    c("pexpireat", -3, W, K1, expiry::pexpireat),
    c("persist", 2, W, K1, expiry::persist),
    c("dbsize", 1, R, NONE, server::dbsize),
    c("memory", -2, R, (2, 2, 1), server::memory),
    c("randomkey", 1, R, NONE, server::randomkey),
    c("flushdb", -1, W | ADMIN, NONE, server::flushdb),
    c("flushall", -1, W | ADMIN, NONE, server::flushdb),
    // server
    c("ping", -1, 0, NONE, server::ping),
    c("echo", 2, 0, NONE, server::echo),
    c("info", -1, 0, NONE, server::info),
    c("time", 1, 0, NONE, server::time),
];

fn index() -> &'static HashMap<&'static str, &'static CommandInfo> {
    static INDEX: OnceLock<HashMap<&'static str, &'static CommandInfo>> = OnceLock::new();
    INDEX.get_or_init(|| COMMANDS.iter().map(|c| (c.name, c)).collect())
}

/// Looks a command up by name, ignoring ASCII case.
pub(crate) fn lookup(name: &[u8]) -> Option<&'static CommandInfo> {
    if name.len() > 32 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    index().get(std::str::from_utf8(&lower).ok()?).copied()
}

/// The table entry for a command name (case-insensitive), if the engine
/// knows it.
pub fn command_info(name: &str) -> Option<&'static CommandInfo> {
    lookup(name.as_bytes())
}

/// True if the engine knows the command and it never modifies data.
pub fn is_read_only(name: &str) -> bool {
    command_info(name).is_some_and(CommandInfo::is_read_only)
}

/// True if Upstash's read-only token may run the command: it must be
/// read-only and neither restricted (SCAN, KEYS) nor administrative.
pub fn allowed_for_read_only_token(name: &str) -> bool {
    command_info(name).is_some_and(CommandInfo::allowed_for_read_only_token)
}

/// All commands, in table order.
pub fn commands() -> &'static [CommandInfo] {
    COMMANDS
}
