//! Server and database-wide commands: PING, ECHO, INFO, TIME, DBSIZE,
//! FLUSHDB, MEMORY USAGE, RANDOMKEY.

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::{int_arg, is};
use crate::reply::{CmdResult, Reply, errs, fail};

pub(crate) fn ping(_: &mut Keyspace, c: &Cmd) -> CmdResult {
    match c.len() {
        1 => Ok(Reply::Status("PONG".into())),
        2 => Ok(Reply::bulk(c.arg(1))),
        _ => Err(c.arity_error()),
    }
}

pub(crate) fn echo(_: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::bulk(c.arg(1)))
}

pub(crate) fn time(_: &mut Keyspace, c: &Cmd) -> CmdResult {
    let secs = c.now / 1000;
    let micros = (c.now % 1000) * 1000;
    Ok(Reply::bulks([secs.to_string(), micros.to_string()]))
}

pub(crate) fn dbsize(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(ks.dbsize(c.now) as i64))
}

pub(crate) fn flushdb(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if c.len() > 2 || (c.len() == 2 && !is(c.arg(1), "ASYNC") && !is(c.arg(1), "SYNC")) {
        return fail(errs::SYNTAX);
    }
    ks.clear();
    Ok(Reply::ok())
}

pub(crate) fn randomkey(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    // Like Redis, retry a bounded number of times when the pick expired.
    for _ in 0..100 {
        let r = ks.next_random();
        let Some((k, e)) = ks.map.random(r) else {
            return Ok(Reply::Nil);
        };
        if Keyspace::is_live(e, c.now) {
            return Ok(Reply::bulk(k));
        }
        let k = k.to_vec();
        ks.expire_if_needed(&k, c.now);
    }
    Ok(Reply::Nil)
}

pub(crate) fn memory(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if !is(c.arg(1), "USAGE") {
        if is(c.arg(1), "HELP") && c.len() == 2 {
            return Ok(Reply::bulks([
                "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all).",
                "HELP",
                "    Print this help.",
            ]));
        }
        return Err(Reply::err(format!(
            "ERR unknown subcommand '{}'. Try MEMORY HELP.",
            String::from_utf8_lossy(&c.arg(1)[..c.arg(1).len().min(128)])
        )));
    }
    if c.len() < 3 {
        return fail("ERR wrong number of arguments for 'memory|usage' command");
    }
    let mut samples = 5usize;
    let mut j = 3;
    while j < c.len() {
        if is(c.arg(j), "SAMPLES") && j + 1 < c.len() {
            let n = int_arg(c.arg(j + 1))?;
            if n < 0 {
                return fail(errs::SYNTAX);
            }
            samples = if n == 0 { 0 } else { n as usize };
            j += 2;
        } else {
            return fail(errs::SYNTAX);
        }
    }
    let key = c.arg(2);
    let Some(v) = ks.value(key) else {
        return Ok(Reply::Nil);
    };
    // Key bytes + sds header, the dict entry, then the value.
    Ok(Reply::Int(
        (key.len() + 16 + 24 + v.estimate_bytes(samples)) as i64,
    ))
}

pub(crate) fn info(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let wanted: Vec<String> = c.args[1..]
        .iter()
        .map(|a| String::from_utf8_lossy(a).to_ascii_lowercase())
        .collect();
    let all = wanted.is_empty()
        || wanted
            .iter()
            .any(|w| w == "all" || w == "everything" || w == "default");
    let want = |s: &str| all || wanted.iter().any(|w| w == s);
    let mut sections: Vec<String> = Vec::new();
    if want("server") {
        sections.push(format!(
            "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nupdash_keyspace:{}\r\nuptime_in_seconds:0\r\n",
            env!("CARGO_PKG_VERSION")
        ));
    }
    if want("memory") {
        sections.push(format!(
            "# Memory\r\nused_memory:{}\r\n",
            ks.estimate_total_bytes()
        ));
    }
    if want("keyspace") {
        sections.push(ks.keyspace_info(c.now));
    }
    Ok(Reply::Bulk(sections.join("\r\n").into_bytes()))
}

impl Keyspace {
    /// Visible keys right now (DBSIZE): expired keys are not counted.
    pub fn dbsize(&mut self, now_ms: u64) -> usize {
        self.purge_due_field_hints(now_ms, usize::MAX);
        self.map.len() - self.pending_expired(now_ms).0
    }

    /// INFO's keyspace section; an empty database prints only the header.
    pub(crate) fn keyspace_info(&mut self, now: u64) -> String {
        let keys = self.dbsize(now);
        let mut s = String::from("# Keyspace\r\n");
        if keys > 0 {
            let (pending, pending_sum) = self.pending_expired(now);
            let expires = self.expire_count - pending;
            let avg_ttl = if expires == 0 {
                0
            } else {
                let sum = self.expire_sum - pending_sum;
                (sum / expires as u128).saturating_sub(now as u128)
            };
            s.push_str(&format!(
                "db0:keys={keys},expires={expires},avg_ttl={avg_ttl}\r\n"
            ));
        }
        s
    }

    fn estimate_total_bytes(&self) -> usize {
        self.map
            .iter()
            .map(|(k, e)| k.len() + 40 + e.value.estimate_bytes(5))
            .sum()
    }
}
