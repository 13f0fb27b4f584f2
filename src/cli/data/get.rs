//! `updash data DB get KEY`: a key's value, whatever its type, with its type and time to
//! live; `--raw` writes a string's bytes to stdout unchanged.

use super::redis_error;
use super::scan::ttl_text;
use crate::cli::db::output::{print_json, print_text};
use crate::cli::exit::{CliError, CliResult};
use crate::output::{quoted, sanitize};
use crate::redis::{Reply, RestClient};
use base64::Engine;
use clap::Args;
use serde_json::{Value, json};
use std::io::Write;

/// Flags of `updash data get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The key.
    key: String,
    /// Write a string's bytes to stdout exactly as stored (no quoting, no newline).
    #[arg(long, conflicts_with = "json")]
    raw: bool,
    /// At most this many items of a hash, list, set, sorted set or stream.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    limit: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Field/value (or member/score) pairs.
type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// A value read for printing.
enum Shown {
    /// A string's bytes.
    Bytes(Vec<u8>),
    /// Pairs (hash fields and values, zset members and scores).
    Pairs(Pairs),
    /// Items (list elements, set members).
    Items(Vec<Vec<u8>>),
    /// Stream entries: id and field/value pairs.
    Entries(Vec<(String, Pairs)>),
    /// A JSON document.
    Json(Value),
}

/// Runs `updash data get`.
pub async fn get(client: &RestClient, args: &GetArgs) -> CliResult {
    let key = args.key.as_str();
    let head = client
        .pipeline(&[vec!["TYPE", key], vec!["PTTL", key]])
        .await
        .map_err(redis_error)?;
    let mut head = head.into_iter();
    let kind = head
        .next()
        .and_then(|r| r.ok())
        .and_then(|r| r.as_text())
        .unwrap_or_default();
    let ttl = head
        .next()
        .and_then(|r| r.ok())
        .and_then(|r| r.as_int())
        .unwrap_or(-1);
    if kind == "none" || kind.is_empty() {
        return Err(CliError::service(format!(
            "no key {}",
            quoted(key.as_bytes())
        )));
    }
    if args.raw && kind != "string" {
        return Err(CliError::usage(format!(
            "--raw writes strings only; {} is a {kind}",
            quoted(key.as_bytes())
        )));
    }
    let n = args.limit.saturating_sub(1).to_string();
    let value = match kind.as_str() {
        "string" => Shown::Bytes(bytes(one(client, &["GET", key]).await?)),
        "hash" => Shown::Pairs(pairs(one(client, &["HGETALL", key]).await?, args.limit)),
        "list" => Shown::Items(items(one(client, &["LRANGE", key, "0", &n]).await?)),
        "set" => Shown::Items(
            items(one(client, &["SMEMBERS", key]).await?)
                .into_iter()
                .take(args.limit)
                .collect(),
        ),
        "zset" => Shown::Pairs(pairs(
            one(client, &["ZRANGE", key, "0", &n, "REV", "WITHSCORES"]).await?,
            args.limit,
        )),
        "stream" => {
            let count = args.limit.to_string();
            Shown::Entries(entries(
                one(client, &["XRANGE", key, "-", "+", "COUNT", &count]).await?,
            ))
        }
        "ReJSON-RL" | "json" => {
            let text = bytes(one(client, &["JSON.GET", key, "$"]).await?);
            let doc: Value = serde_json::from_slice(&text).unwrap_or(Value::Null);
            // `$` answers an array of matches; the document is its only element.
            Shown::Json(doc.get(0).cloned().unwrap_or(doc))
        }
        other => {
            return Err(CliError::service(format!(
                "{} is a {}, which updash does not show yet",
                quoted(key.as_bytes()),
                sanitize(other)
            )));
        }
    };
    if let (true, Shown::Bytes(b)) = (args.raw, &value) {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(b)
            .and_then(|()| out.flush())
            .map_err(|e| CliError::service(format!("cannot write output: {e}")));
    }
    if args.json {
        return print_json(&as_json(key, &kind, ttl, &value));
    }
    print_text(&as_text(&kind, ttl, &value))
}

async fn one(client: &RestClient, command: &[&str]) -> Result<Reply, CliError> {
    client.command(command).await.map_err(redis_error)
}

fn bytes(reply: Reply) -> Vec<u8> {
    reply.as_bytes().map(<[u8]>::to_vec).unwrap_or_default()
}

fn items(reply: Reply) -> Vec<Vec<u8>> {
    reply
        .as_array()
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.as_bytes().map(<[u8]>::to_vec))
        .collect()
}

fn pairs(reply: Reply, limit: usize) -> Pairs {
    items(reply)
        .chunks(2)
        .filter_map(|p| Some((p.first()?.clone(), p.get(1)?.clone())))
        .take(limit)
        .collect()
}

fn entries(reply: Reply) -> Vec<(String, Pairs)> {
    reply
        .as_array()
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            let parts = entry.as_array()?;
            let id = parts.first()?.as_text()?;
            Some((id, pairs(parts.get(1)?.clone(), usize::MAX)))
        })
        .collect()
}

fn as_text(kind: &str, ttl: i64, value: &Shown) -> String {
    let mut out = format!("type: {kind}\nttl: {}\n", ttl_text(ttl));
    match value {
        Shown::Bytes(b) => out.push_str(&format!("{}\n", quoted(b))),
        Shown::Pairs(pairs) => {
            for (a, b) in pairs {
                out.push_str(&format!("{}  {}\n", quoted(a), quoted(b)));
            }
        }
        Shown::Items(items) => {
            for (i, item) in items.iter().enumerate() {
                out.push_str(&format!("{i}) {}\n", quoted(item)));
            }
        }
        Shown::Entries(entries) => {
            for (id, fields) in entries {
                out.push_str(&format!("{}\n", sanitize(id)));
                for (f, v) in fields {
                    out.push_str(&format!("  {}  {}\n", quoted(f), quoted(v)));
                }
            }
        }
        Shown::Json(doc) => {
            let pretty = serde_json::to_string_pretty(doc).unwrap_or_default();
            out.push_str(&sanitize(&pretty));
            out.push('\n');
        }
    }
    out
}

/// A value for JSON output: text when it is UTF-8, else `{"base64": …}`.
fn json_bytes(b: &[u8]) -> Value {
    match std::str::from_utf8(b) {
        Ok(text) => Value::from(text),
        Err(_) => json!({"base64": base64::engine::general_purpose::STANDARD.encode(b)}),
    }
}

fn as_json(key: &str, kind: &str, ttl: i64, value: &Shown) -> Value {
    let value = match value {
        Shown::Bytes(b) => json_bytes(b),
        Shown::Pairs(pairs) => Value::Array(
            pairs
                .iter()
                .map(|(a, b)| json!([json_bytes(a), json_bytes(b)]))
                .collect(),
        ),
        Shown::Items(items) => Value::Array(items.iter().map(|i| json_bytes(i)).collect()),
        Shown::Entries(entries) => Value::Array(
            entries
                .iter()
                .map(|(id, fields)| {
                    json!({"id": id, "fields": fields.iter().map(|(f, v)| json!([json_bytes(f), json_bytes(v)])).collect::<Vec<_>>()})
                })
                .collect(),
        ),
        Shown::Json(doc) => doc.clone(),
    };
    json!({"key": key, "type": kind, "ttl_ms": ttl, "value": value})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_every_value() {
        let text = as_text(
            "hash",
            -1,
            &Shown::Pairs(vec![(b"f\x1b".to_vec(), b"\xff".to_vec())]),
        );
        assert_eq!(text, "type: hash\nttl: -\n\"f\\x1b\"  \"\\xff\"\n");
        assert_eq!(
            as_json("k", "string", 5, &Shown::Bytes(vec![0xff]))["value"],
            json!({"base64": "/w=="})
        );
    }
}
