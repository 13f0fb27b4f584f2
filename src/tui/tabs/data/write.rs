//! Writes: nothing is sent until the operator saw the exact commands and said yes, and only
//! in write mode. Each write is a [`Review`]: a title, the commands as `redis-cli` would
//! print them, whether they go as one transaction, and what to refresh once they ran.

use super::keys::KeyType;
use crate::output::quoted;
use crate::redis::is_read;

/// Arguments longer than this are shortened on the review screen (their length is said).
const SHOWN_ARG_CHARS: usize = 160;

/// What to refresh once a write ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The value of this key changed.
    Value(Vec<u8>),
    /// The time to live of this key changed.
    Ttl(Vec<u8>),
    /// A key was renamed.
    Rename {
        /// The old name.
        from: Vec<u8>,
        /// The new name.
        to: Vec<u8>,
    },
    /// A key was added.
    AddKey {
        /// Its name.
        key: Vec<u8>,
        /// Its type.
        kind: KeyType,
    },
    /// A key was deleted.
    DeleteKey(Vec<u8>),
    /// A command typed on the command line.
    Console(String),
}

/// A write waiting for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// What it does, in words.
    pub title: String,
    /// The commands, each a name and its arguments.
    pub commands: Vec<Vec<String>>,
    /// Sent as one transaction (`/multi-exec`).
    pub atomic: bool,
    /// What to refresh after.
    pub purpose: Purpose,
    /// First line shown (long lists scroll).
    pub scroll: usize,
}

impl Review {
    /// One write of `commands`, not atomic.
    pub fn new(title: impl Into<String>, commands: Vec<Vec<String>>, purpose: Purpose) -> Self {
        Self {
            title: title.into(),
            commands,
            atomic: false,
            purpose,
            scroll: 0,
        }
    }

    /// The same write as one transaction.
    pub fn atomic(mut self) -> Self {
        self.atomic = self.commands.len() > 1;
        self
    }

    /// Whether any command changes data (a console line may only read).
    pub fn writes(&self) -> bool {
        self.commands.iter().any(|c| !is_read(c))
    }

    /// The commands as `redis-cli` prints them, long arguments shortened.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.commands.iter().map(|c| command_line(c)).collect();
        if self.atomic {
            out.insert(0, "MULTI".into());
            out.push("EXEC".into());
        }
        out
    }
}

/// One command as `redis-cli` shows it: the name bare, every argument quoted.
pub fn command_line(args: &[String]) -> String {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == 0 {
            out.push_str(&crate::output::sanitize(arg));
            continue;
        }
        let chars = arg.chars().count();
        if chars > SHOWN_ARG_CHARS {
            let head: String = arg.chars().take(SHOWN_ARG_CHARS).collect();
            let mut q = quoted(head.as_bytes());
            q.pop();
            out.push_str(&format!("{q}…\" ({} bytes)", arg.len()));
        } else {
            out.push_str(&quoted(arg.as_bytes()));
        }
    }
    out
}

fn args(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

/// The key as it is written in titles.
pub fn shown_key(key: &[u8]) -> String {
    crate::output::sanitize_bytes(key).into_owned()
}

/// Replaces a string, keeping its time to live.
pub fn set_string(key: &str, value: &str) -> Review {
    Review::new(
        format!("Set the value of {}", shown_key(key.as_bytes())),
        vec![args(&["SET", key, value, "KEEPTTL"])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Replaces a JSON document.
pub fn set_json(key: &str, doc: &str) -> Review {
    Review::new(
        format!("Set the document of {}", shown_key(key.as_bytes())),
        vec![args(&["JSON.SET", key, "$", doc])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Sets a hash field.
pub fn hash_set(key: &str, field: &str, value: &str) -> Review {
    Review::new(
        format!(
            "Set field {} of {}",
            shown_key(field.as_bytes()),
            shown_key(key.as_bytes())
        ),
        vec![args(&["HSET", key, field, value])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Removes a hash field.
pub fn hash_delete(key: &str, field: &str) -> Review {
    Review::new(
        format!(
            "Remove field {} of {}",
            shown_key(field.as_bytes()),
            shown_key(key.as_bytes())
        ),
        vec![args(&["HDEL", key, field])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Appends a list element.
pub fn list_push(key: &str, value: &str) -> Review {
    Review::new(
        format!("Append to {}", shown_key(key.as_bytes())),
        vec![args(&["RPUSH", key, value])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Replaces the list element at `index`.
pub fn list_set(key: &str, index: u64, value: &str) -> Review {
    Review::new(
        format!("Set element {index} of {}", shown_key(key.as_bytes())),
        vec![args(&["LSET", key, &index.to_string(), value])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Removes the list element at `index`: set it to a marker no other element holds, then
/// remove the marker (Redis has no "remove at index").
pub fn list_remove(key: &str, index: u64, marker: &str) -> Review {
    Review::new(
        format!("Remove element {index} of {}", shown_key(key.as_bytes())),
        vec![
            args(&["LSET", key, &index.to_string(), marker]),
            args(&["LREM", key, "1", marker]),
        ],
        Purpose::Value(key.as_bytes().to_vec()),
    )
    .atomic()
}

/// Adds a set member.
pub fn set_add(key: &str, member: &str) -> Review {
    Review::new(
        format!("Add a member to {}", shown_key(key.as_bytes())),
        vec![args(&["SADD", key, member])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Replaces a set member.
pub fn set_replace(key: &str, old: &str, new: &str) -> Review {
    Review::new(
        format!("Replace a member of {}", shown_key(key.as_bytes())),
        vec![args(&["SREM", key, old]), args(&["SADD", key, new])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
    .atomic()
}

/// Removes a set member.
pub fn set_remove(key: &str, member: &str) -> Review {
    Review::new(
        format!("Remove a member of {}", shown_key(key.as_bytes())),
        vec![args(&["SREM", key, member])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Adds a sorted set member or changes its score.
pub fn zset_add(key: &str, member: &str, score: &str) -> Review {
    Review::new(
        format!(
            "Set the score of {} in {}",
            shown_key(member.as_bytes()),
            shown_key(key.as_bytes())
        ),
        vec![args(&["ZADD", key, score, member])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Renames a sorted set member (and sets its score).
pub fn zset_replace(key: &str, old: &str, new: &str, score: &str) -> Review {
    Review::new(
        format!(
            "Rename {} in {}",
            shown_key(old.as_bytes()),
            shown_key(key.as_bytes())
        ),
        vec![args(&["ZREM", key, old]), args(&["ZADD", key, score, new])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
    .atomic()
}

/// Removes a sorted set member.
pub fn zset_remove(key: &str, member: &str) -> Review {
    Review::new(
        format!(
            "Remove {} from {}",
            shown_key(member.as_bytes()),
            shown_key(key.as_bytes())
        ),
        vec![args(&["ZREM", key, member])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Adds a stream entry with these fields.
pub fn stream_add(key: &str, fields: &[String]) -> Review {
    let mut command = args(&["XADD", key, "*"]);
    command.extend(fields.iter().cloned());
    Review::new(
        format!("Add an entry to {}", shown_key(key.as_bytes())),
        vec![command],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Removes a stream entry.
pub fn stream_delete(key: &str, id: &str) -> Review {
    Review::new(
        format!("Remove entry {id} of {}", shown_key(key.as_bytes())),
        vec![args(&["XDEL", key, id])],
        Purpose::Value(key.as_bytes().to_vec()),
    )
}

/// Sets a time to live in seconds, or persists the key (`None`).
pub fn ttl(key: &str, seconds: Option<u64>) -> Review {
    let shown = shown_key(key.as_bytes());
    let (title, command) = match seconds {
        Some(s) => (
            format!(
                "Expire {shown} in {}",
                super::format::time_left(s as i64 * 1000)
            ),
            args(&["EXPIRE", key, &s.to_string()]),
        ),
        None => (format!("Keep {shown} for good"), args(&["PERSIST", key])),
    };
    Review::new(title, vec![command], Purpose::Ttl(key.as_bytes().to_vec()))
}

/// Renames a key; an existing name is refused (`RENAMENX`).
pub fn rename(from: &str, to: &str) -> Review {
    Review::new(
        format!(
            "Rename {} to {}",
            shown_key(from.as_bytes()),
            shown_key(to.as_bytes())
        ),
        vec![args(&["RENAMENX", from, to])],
        Purpose::Rename {
            from: from.as_bytes().to_vec(),
            to: to.as_bytes().to_vec(),
        },
    )
}

/// Deletes a key.
pub fn delete_key(key: &str) -> Review {
    Review::new(
        format!("Delete {}", shown_key(key.as_bytes())),
        vec![args(&["DEL", key])],
        Purpose::DeleteKey(key.as_bytes().to_vec()),
    )
}

/// Adds a key of `kind` with its first content (`values`, by type: value; field, value;
/// element; member; member, score; field, value; document).
pub fn add_key(kind: KeyType, key: &str, values: &[String]) -> Option<Review> {
    let v = |i: usize| values.get(i).map(String::as_str).unwrap_or_default();
    let command = match kind {
        KeyType::String => args(&["SET", key, v(0), "NX"]),
        KeyType::Hash => args(&["HSET", key, v(0), v(1)]),
        KeyType::List => args(&["RPUSH", key, v(0)]),
        KeyType::Set => args(&["SADD", key, v(0)]),
        KeyType::ZSet => args(&["ZADD", key, v(1), v(0)]),
        KeyType::Stream => args(&["XADD", key, "*", v(0), v(1)]),
        KeyType::Json => args(&["JSON.SET", key, "$", v(0), "NX"]),
        KeyType::Unknown | KeyType::Other => return None,
    };
    Some(Review::new(
        format!("Add the {} {}", kind.label(), shown_key(key.as_bytes())),
        vec![command],
        Purpose::AddKey {
            key: key.as_bytes().to_vec(),
            kind,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_show_as_redis_cli_prints_them() {
        let review = list_remove("queue:emails", 3, "__updash_removed_1__");
        assert_eq!(
            review.lines(),
            [
                "MULTI",
                "LSET \"queue:emails\" \"3\" \"__updash_removed_1__\"",
                "LREM \"queue:emails\" \"1\" \"__updash_removed_1__\"",
                "EXEC"
            ]
        );
        let long = "x".repeat(1000);
        let line = command_line(&["SET".into(), "k\u{1b}".into(), long]);
        assert_eq!(
            line,
            format!(
                "SET \"k\\x1b\" \"{}…\" (1000 bytes)",
                "x".repeat(SHOWN_ARG_CHARS)
            )
        );
        assert!(ttl("k", None).writes());
        assert_eq!(ttl("k", Some(5400)).title, "Expire k in 1h 30m");
    }
}
