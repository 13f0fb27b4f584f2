//! `updash data DB bigkeys`: the largest keys by MEMORY USAGE, from a SCAN sample, with the
//! memory per type; progress on stderr.

use super::redis_error;
use super::scan::{Found, keys};
use crate::cli::db::output::{print_json, print_text};
use crate::cli::exit::CliResult;
use crate::cli::table;
use crate::output::sanitize_bytes;
use crate::redis::RestClient;
use clap::Args;
use serde_json::json;
use std::collections::BTreeMap;

/// How many of the largest keys are listed.
const TOP: usize = 20;

/// Flags of `updash data bigkeys`.
#[derive(Debug, Args)]
pub struct BigkeysArgs {
    /// How many keys to sample.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    sample: usize,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
}

/// Runs `updash data bigkeys`.
pub async fn bigkeys(client: &RestClient, args: &BigkeysArgs) -> CliResult {
    let found = keys(client, "*", None, args.sample, |seen| {
        crate::output::term::progress(&format!("scanning: {seen} keys examined"));
    })
    .await?;
    crate::output::term::progress(&format!("sampled {} keys; measuring...\n", found.len()));
    let sizes = sizes(client, &found).await?;
    let mut sized: Vec<(&Found, i64)> = found.iter().zip(sizes).collect();
    sized.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
    let mut per_type: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for (f, size) in &sized {
        let entry = per_type.entry(f.kind.as_str()).or_default();
        entry.0 += 1;
        entry.1 += size;
    }
    if args.json {
        return print_json(&json!({
            "sampled": found.len(),
            "biggest": sized.iter().take(TOP).map(|(f, s)| json!({
                "key": String::from_utf8_lossy(&f.key), "type": f.kind, "bytes": s,
            })).collect::<Vec<_>>(),
            "by_type": per_type.iter().map(|(t, (n, b))| json!({"type": t, "keys": n, "bytes": b})).collect::<Vec<_>>(),
        }));
    }
    let top: Vec<Vec<String>> = sized
        .iter()
        .take(TOP)
        .map(|(f, s)| {
            vec![
                s.to_string(),
                f.kind.clone(),
                sanitize_bytes(&f.key).into_owned(),
            ]
        })
        .collect();
    let types: Vec<Vec<String>> = per_type
        .iter()
        .map(|(t, (n, b))| vec![t.to_string(), n.to_string(), b.to_string()])
        .collect();
    print_text(&format!(
        "{}\n{}",
        table::render(&["BYTES", "TYPE", "KEY"], &top),
        table::render(&["TYPE", "KEYS", "BYTES"], &types)
    ))
}

/// MEMORY USAGE of each key, one pipeline a page; a key gone meanwhile counts 0.
async fn sizes(
    client: &RestClient,
    keys: &[Found],
) -> Result<Vec<i64>, crate::cli::exit::CliError> {
    let mut out = Vec::with_capacity(keys.len());
    for page in keys.chunks(500) {
        let commands: Vec<Vec<String>> = page
            .iter()
            .map(|f| {
                vec![
                    "MEMORY".into(),
                    "USAGE".into(),
                    String::from_utf8_lossy(&f.key).into_owned(),
                ]
            })
            .collect();
        let replies = client.pipeline(&commands).await.map_err(redis_error)?;
        out.extend(
            replies
                .into_iter()
                .map(|r| r.ok().and_then(|r| r.as_int()).unwrap_or(0)),
        );
    }
    Ok(out)
}
