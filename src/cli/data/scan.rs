//! `updash data DB scan`: keys with their type and time to live, by SCAN (never KEYS).

use super::redis_error;
use crate::cli::db::output::{print_json, print_text};
use crate::cli::exit::{CliError, CliResult};
use crate::cli::table;
use crate::output::sanitize_bytes;
use crate::redis::{Reply, RestClient};
use clap::Args;
use serde_json::json;

/// The types `--type` takes.
const TYPES: [&str; 7] = ["string", "hash", "list", "set", "zset", "stream", "json"];

/// Flags of `updash data scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Only keys matching this glob (sent as SCAN's MATCH, so the server filters).
    #[arg(long = "match", value_name = "GLOB", default_value = "*")]
    pattern: String,
    /// Only keys of this type: string, hash, list, set, zset, stream, json.
    #[arg(long = "type", value_name = "TYPE", value_parser = TYPES)]
    key_type: Option<String>,
    /// Stop after this many keys.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// A key found by SCAN.
pub struct Found {
    /// The key's bytes.
    pub key: Vec<u8>,
    /// Its type.
    pub kind: String,
}

/// Scans until `limit` keys match or the iteration ends; `progress` hears the cursor's
/// progress (keys examined so far).
pub async fn keys(
    client: &RestClient,
    pattern: &str,
    key_type: Option<&str>,
    limit: usize,
    mut progress: impl FnMut(usize),
) -> Result<Vec<Found>, CliError> {
    let mut found = Vec::new();
    let mut cursor = "0".to_string();
    let mut calls = 0usize;
    loop {
        let mut command = vec!["SCAN".to_string(), cursor.clone(), "MATCH".into()];
        command.push(pattern.to_string());
        command.extend(["COUNT".into(), "1000".into()]);
        match key_type {
            // The console's name for RedisJSON keys.
            Some(t) => command.extend(["TYPE".into(), t.to_string()]),
            None => command.push("WITHTYPE".into()),
        }
        let reply = client.command(&command).await.map_err(redis_error)?;
        let (next, items) = scan_page(&reply)
            .ok_or_else(|| CliError::service("SCAN answered something that is not a page"))?;
        match key_type {
            Some(t) => found.extend(items.iter().filter_map(Reply::as_bytes).map(|k| Found {
                key: k.to_vec(),
                kind: t.to_string(),
            })),
            None => found.extend(items.chunks(2).filter_map(|pair| {
                Some(Found {
                    key: pair.first()?.as_bytes()?.to_vec(),
                    kind: pair.get(1)?.as_text()?,
                })
            })),
        }
        calls += 1;
        progress(calls * 1000);
        cursor = next;
        if cursor == "0" || found.len() >= limit {
            break;
        }
    }
    found.truncate(limit);
    Ok(found)
}

/// The next cursor and the page's items of a SCAN reply.
fn scan_page(reply: &Reply) -> Option<(String, &[Reply])> {
    let parts = reply.as_array()?;
    let cursor = parts.first()?.as_text()?;
    Some((cursor, parts.get(1)?.as_array()?))
}

/// The time to live of each key in milliseconds (-1 none, -2 gone), one pipeline a page.
pub async fn ttls(client: &RestClient, keys: &[Found]) -> Result<Vec<i64>, CliError> {
    let mut out = Vec::with_capacity(keys.len());
    for page in keys.chunks(500) {
        let commands: Vec<Vec<String>> = page
            .iter()
            .map(|f| vec!["PTTL".into(), String::from_utf8_lossy(&f.key).into_owned()])
            .collect();
        let replies = client.pipeline(&commands).await.map_err(redis_error)?;
        out.extend(
            replies
                .into_iter()
                .map(|r| r.ok().and_then(|r| r.as_int()).unwrap_or(-2)),
        );
    }
    Ok(out)
}

/// Milliseconds to live as people read them: `-` for none, `42s`, `5m 3s`, `2h 10m`, `3d 4h`.
pub fn ttl_text(ms: i64) -> String {
    if ms < 0 {
        return if ms == -2 { "gone".into() } else { "-".into() };
    }
    let s = ms / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {}s", s / 60, s % 60),
        3600..86_400 => format!("{}h {}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d {}h", s / 86_400, s % 86_400 / 3600),
    }
}

/// Runs `updash data scan`.
pub async fn scan(client: &RestClient, args: &ScanArgs) -> CliResult {
    let kind = args
        .key_type
        .as_deref()
        .map(|t| if t == "json" { "ReJSON-RL" } else { t });
    let found = keys(client, &args.pattern, kind, args.limit, |_| {}).await?;
    let ttls = ttls(client, &found).await?;
    if args.json {
        let rows: Vec<_> = found
            .iter()
            .zip(&ttls)
            .map(|(f, ttl)| {
                json!({"key": String::from_utf8_lossy(&f.key), "type": f.kind, "ttl_ms": ttl})
            })
            .collect();
        return print_json(&rows);
    }
    if found.is_empty() {
        return print_text("no keys\n");
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .zip(&ttls)
        .map(|(f, ttl)| {
            vec![
                sanitize_bytes(&f.key).into_owned(),
                f.kind.clone(),
                ttl_text(*ttl),
            ]
        })
        .collect();
    print_text(&table::render(&["KEY", "TYPE", "TTL"], &rows))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ttls_read_like_people_say_them() {
        assert_eq!(super::ttl_text(-1), "-");
        assert_eq!(super::ttl_text(59_999), "59s");
        assert_eq!(super::ttl_text(61_000), "1m 1s");
        assert_eq!(super::ttl_text(7_260_000), "2h 1m");
        assert_eq!(super::ttl_text(90_000_000), "1d 1h");
    }
}
