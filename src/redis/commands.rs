//! Which commands only read: the allow-list behind read-only mode. Anything not listed is
//! treated as a write, so a command updash does not know can never slip through.

/// Commands that never change data.
const READS: &[&str] = &[
    "BITCOUNT",
    "BITPOS",
    "DBSIZE",
    "DUMP",
    "ECHO",
    "EXISTS",
    "EXPIRETIME",
    "GEODIST",
    "GEOHASH",
    "GEOPOS",
    "GEORADIUS_RO",
    "GEORADIUSBYMEMBER_RO",
    "GEOSEARCH",
    "GET",
    "GETBIT",
    "GETRANGE",
    "HEXISTS",
    "HEXPIRETIME",
    "HGET",
    "HGETALL",
    "HKEYS",
    "HLEN",
    "HMGET",
    "HPEXPIRETIME",
    "HPTTL",
    "HRANDFIELD",
    "HSCAN",
    "HSTRLEN",
    "HTTL",
    "HVALS",
    "INFO",
    "JSON.ARRINDEX",
    "JSON.ARRLEN",
    "JSON.GET",
    "JSON.MGET",
    "JSON.OBJKEYS",
    "JSON.OBJLEN",
    "JSON.RESP",
    "JSON.STRLEN",
    "JSON.TYPE",
    "KEYS",
    "LCS",
    "LINDEX",
    "LLEN",
    "LOLWUT",
    "LPOS",
    "LRANGE",
    "MGET",
    "PEXPIRETIME",
    "PFCOUNT",
    "PING",
    "PTTL",
    "RANDOMKEY",
    "SCAN",
    "SCARD",
    "SDIFF",
    "SINTER",
    "SINTERCARD",
    "SISMEMBER",
    "SMEMBERS",
    "SMISMEMBER",
    "SORT_RO",
    "SRANDMEMBER",
    "SSCAN",
    "STRLEN",
    "SUBSTR",
    "SUNION",
    "TIME",
    "TOUCH",
    "TTL",
    "TYPE",
    "XINFO",
    "XLEN",
    "XPENDING",
    "XRANGE",
    "XREVRANGE",
    "ZCARD",
    "ZCOUNT",
    "ZDIFF",
    "ZINTER",
    "ZINTERCARD",
    "ZLEXCOUNT",
    "ZMSCORE",
    "ZRANDMEMBER",
    "ZRANGE",
    "ZRANGEBYLEX",
    "ZRANGEBYSCORE",
    "ZRANK",
    "ZREVRANGE",
    "ZREVRANGEBYLEX",
    "ZREVRANGEBYSCORE",
    "ZREVRANK",
    "ZSCAN",
    "ZSCORE",
    "ZUNION",
];

/// Container commands whose reading subcommands are listed here.
const READ_SUBCOMMANDS: &[(&str, &[&str])] = &[
    ("MEMORY", &["USAGE", "STATS", "DOCTOR", "HELP"]),
    (
        "OBJECT",
        &["ENCODING", "FREQ", "IDLETIME", "REFCOUNT", "HELP"],
    ),
];

/// Whether `args` (a command and its arguments) only reads. `ZRANGE … STORE`-style
/// variants are separate commands in Redis (`ZRANGESTORE`), so the name decides, except
/// for containers like `MEMORY USAGE`.
pub fn is_read<S: AsRef<str>>(args: &[S]) -> bool {
    let Some(name) = args.first().map(|a| a.as_ref().to_ascii_uppercase()) else {
        return false;
    };
    if let Some((_, subs)) = READ_SUBCOMMANDS.iter().find(|(n, _)| *n == name) {
        return args
            .get(1)
            .is_some_and(|s| subs.contains(&s.as_ref().to_ascii_uppercase().as_str()));
    }
    READS.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::is_read;

    #[test]
    fn reads_pass_and_everything_else_is_a_write() {
        assert!(is_read(&["get", "k"]));
        assert!(is_read(&["SCAN", "0", "MATCH", "a*"]));
        assert!(is_read(&["memory", "usage", "k"]));
        assert!(!is_read(&["MEMORY", "PURGE"]));
        assert!(!is_read(&["SET", "k", "v"]));
        assert!(!is_read(&["FLUSHDB"]));
        assert!(!is_read(&["NOSUCHCOMMAND"]));
        assert!(!is_read::<&str>(&[]));
    }
}
