//! `updash vector …`, `updash search …` and `updash qstash …` on the built binary against a
//! sandbox over HTTP (the harness of `cli_db`).

mod confirm;
mod hostile;
mod indexes;
mod qstash;

use crate::cli_db::Env;
use serde_json::Value;

/// The personal account's records at `path` (a list), as the sandbox sends them.
fn records(env: &Env, path: &str) -> Vec<Value> {
    env.api_get(path).as_array().cloned().expect("array")
}

/// The tokens of every record at `path`.
fn tokens(env: &Env, path: &str) -> Vec<String> {
    records(env, path)
        .iter()
        .flat_map(|r| {
            ["token", "read_only_token"]
                .iter()
                .filter_map(|k| r[*k].as_str().map(str::to_owned))
                .collect::<Vec<_>>()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The ID of the record named `name` (field `name`) at `path`.
fn id_named(env: &Env, path: &str, name: &str) -> String {
    records(env, path)
        .iter()
        .find(|r| r["name"] == name)
        .and_then(|r| r["id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no {name} at {path}"))
}
