//! Finding one index or QStash from what the operator typed: an ID, else a unique name
//! (for QStash: its region).

use super::view::IndexView;
use crate::cli::exit::CliError;
use crate::upstash::{IndexKind, QStashUser};

/// The index whose ID is `query`, else the only one named `query`. An unknown or ambiguous
/// query is the operator's to fix (exit 2).
pub fn index(kind: IndexKind, all: Vec<IndexView>, query: &str) -> Result<IndexView, CliError> {
    let query = query.trim();
    let mut named = Vec::new();
    for view in all {
        if view.id == query {
            return Ok(view);
        }
        if view.name == query {
            named.push(view);
        }
    }
    let command = kind.label().to_lowercase();
    match named.len() {
        1 => Ok(named.swap_remove(0)),
        0 => Err(CliError::usage(format!(
            "no {} index has the ID or name {query:?}; `updash {command} list` shows them",
            kind.label()
        ))),
        many => Err(CliError::usage(format!(
            "{many} {} indexes are named {query:?}; use an ID instead: {}",
            kind.label(),
            named
                .iter()
                .map(|v| format!("{} ({})", v.id, v.region))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The QStash whose ID or region is `query`.
pub fn qstash(all: Vec<QStashUser>, query: &str) -> Result<QStashUser, CliError> {
    let query = query.trim();
    let region = |u: &QStashUser| u.region.clone().unwrap_or_default();
    let regions: Vec<String> = all.iter().map(region).collect();
    all.into_iter()
        .find(|u| u.id == query || region(u) == query)
        .ok_or_else(|| {
            CliError::usage(format!(
                "no QStash has the ID or region {query:?}; this account has QStash in: {}",
                if regions.is_empty() {
                    "no region".to_owned()
                } else {
                    regions.join(", ")
                }
            ))
        })
}
