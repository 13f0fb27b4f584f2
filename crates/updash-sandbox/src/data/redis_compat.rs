//! Upstash behaviours a real Redis lacks, emulated around it so both backends answer alike:
//! `SCAN … WITHTYPE`, the ~1,000-keys cap per SCAN call, `UNLINK` with no keys, `FLUSHALL`
//! limited to the database, and `INFO keyspace` naming the database `db0`.

use super::reply::Reply;
use super::request::Command;

/// The most keys one SCAN call examines (Upstash caps COUNT at about this).
pub const SCAN_COUNT_CAP: u64 = 1000;

/// What to send to Redis for one command, and what to do with its answer.
pub struct Plan {
    /// The command to send, or `None` when the answer is known without Redis.
    pub send: Option<Command>,
    /// What the answer needs afterwards.
    pub after: After,
}

/// The work left once Redis answered.
#[derive(Clone)]
pub enum After {
    /// Nothing.
    AsIs,
    /// Answer this instead (the command was not sent).
    Fixed(Reply),
    /// Interleave each key with its type.
    WithType,
    /// Keep only this database's keyspace line, named `db0`.
    InfoKeyspace,
}

/// An answer, or a SCAN answer waiting for its keys' types.
pub enum Finished {
    /// The final answer.
    Done(Reply),
    /// The keys and the cursor of a `SCAN … WITHTYPE`.
    NeedTypes(Vec<Vec<u8>>, Reply),
}

fn is(arg: &[u8], word: &str) -> bool {
    arg.eq_ignore_ascii_case(word.as_bytes())
}

/// How to run `cmd` on Redis.
pub fn plan(cmd: Command) -> Plan {
    let name = cmd.first().cloned().unwrap_or_default();
    if is(&name, "scan") {
        return plan_scan(cmd);
    }
    if is(&name, "unlink") && cmd.len() == 1 {
        return Plan {
            send: None,
            after: After::Fixed(Reply::Int(0)),
        };
    }
    if is(&name, "flushall") {
        // FLUSHALL would empty every sandbox database sharing the server.
        let mut cmd = cmd;
        cmd[0] = b"FLUSHDB".to_vec();
        return Plan {
            send: Some(cmd),
            after: After::AsIs,
        };
    }
    let after = if is(&name, "info") {
        After::InfoKeyspace
    } else {
        After::AsIs
    };
    Plan {
        send: Some(cmd),
        after,
    }
}

/// SCAN without WITHTYPE (remembered) and with COUNT capped.
fn plan_scan(cmd: Command) -> Plan {
    let mut out: Command = cmd.iter().take(2).cloned().collect();
    let mut with_type = false;
    let mut i = 2;
    while i < cmd.len() {
        let arg = &cmd[i];
        if is(arg, "withtype") {
            with_type = true;
            i += 1;
            continue;
        }
        if (is(arg, "match") || is(arg, "count") || is(arg, "type")) && i + 1 < cmd.len() {
            let mut value = cmd[i + 1].clone();
            if is(arg, "count")
                && let Some(n) = std::str::from_utf8(&value)
                    .ok()
                    .and_then(|v| v.parse::<u64>().ok())
                && n > SCAN_COUNT_CAP
            {
                value = SCAN_COUNT_CAP.to_string().into_bytes();
            }
            out.push(arg.clone());
            out.push(value);
            i += 2;
            continue;
        }
        out.push(arg.clone());
        i += 1;
    }
    Plan {
        send: Some(out),
        after: if with_type {
            After::WithType
        } else {
            After::AsIs
        },
    }
}

/// Applies `after` to Redis's answer for the database in logical database `slot`.
pub fn finish(after: &After, raw: Reply, slot: u32) -> Finished {
    match (after, raw) {
        (After::Fixed(r), _) => Finished::Done(r.clone()),
        (After::WithType, Reply::Array(mut parts)) if parts.len() == 2 => {
            let keys = match parts.pop() {
                Some(Reply::Array(keys)) => keys,
                _ => Vec::new(),
            };
            let cursor = parts.pop().unwrap_or(Reply::Nil);
            let keys = keys
                .into_iter()
                .filter_map(|k| match k {
                    Reply::Bulk(b) => Some(b),
                    _ => None,
                })
                .collect();
            Finished::NeedTypes(keys, cursor)
        }
        (After::InfoKeyspace, Reply::Bulk(text)) => {
            Finished::Done(Reply::Bulk(own_keyspace(&text, slot)))
        }
        (_, raw) => Finished::Done(raw),
    }
}

/// One `TYPE key` per key.
pub fn type_queries(keys: &[Vec<u8>]) -> Vec<Command> {
    keys.iter()
        .map(|k| vec![b"TYPE".to_vec(), k.clone()])
        .collect()
}

/// `[cursor, [key, type, key, type, …]]`; a key deleted since the SCAN is left out.
pub fn with_types(cursor: Reply, keys: Vec<Vec<u8>>, types: Vec<Reply>) -> Reply {
    let mut flat = Vec::with_capacity(keys.len() * 2);
    for (key, ty) in keys.into_iter().zip(types) {
        let ty = match ty {
            Reply::Status(t) if t != "none" => t,
            _ => continue,
        };
        flat.push(Reply::Bulk(key));
        flat.push(Reply::Bulk(ty.into_bytes()));
    }
    Reply::Array(vec![cursor, Reply::Array(flat)])
}

/// INFO text with other databases' keyspace lines dropped and this one's named `db0`.
fn own_keyspace(text: &[u8], slot: u32) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let own = format!("db{slot}:");
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let is_db_line = line.starts_with("db")
            && line[2..].chars().next().is_some_and(|c| c.is_ascii_digit())
            && line.contains(':');
        if !is_db_line {
            out.push_str(line);
        } else if let Some(rest) = line.strip_prefix(&own) {
            out.push_str("db0:");
            out.push_str(rest);
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(parts: &[&str]) -> Command {
        parts.iter().map(|p| p.as_bytes().to_vec()).collect()
    }

    #[test]
    fn scan_loses_withtype_and_keeps_count_under_the_cap() {
        let p = plan(cmd(&[
            "scan", "0", "MATCH", "withtype", "WITHTYPE", "COUNT", "5000",
        ]));
        assert_eq!(
            p.send,
            Some(cmd(&["scan", "0", "MATCH", "withtype", "COUNT", "1000"]))
        );
        assert!(matches!(p.after, After::WithType));
    }

    #[test]
    fn types_interleave_and_vanished_keys_drop() {
        let r = with_types(
            Reply::Bulk(b"0".to_vec()),
            vec![b"a".to_vec(), b"b".to_vec()],
            vec![Reply::Status("hash".into()), Reply::Status("none".into())],
        );
        assert_eq!(
            r,
            Reply::Array(vec![
                Reply::Bulk(b"0".to_vec()),
                Reply::Array(vec![
                    Reply::Bulk(b"a".to_vec()),
                    Reply::Bulk(b"hash".to_vec())
                ])
            ])
        );
    }

    #[test]
    fn info_shows_only_this_database_as_db0() {
        let text =
            b"# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\ndb3:keys=2,expires=0,avg_ttl=0\r\n";
        assert_eq!(
            own_keyspace(text, 3),
            b"# Keyspace\r\ndb0:keys=2,expires=0,avg_ttl=0\r\n".to_vec()
        );
    }
}
