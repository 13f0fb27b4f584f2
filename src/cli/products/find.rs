//! Finding one index or QStash from what the operator typed: an ID, else a unique name
//! (for QStash: its region).

use crate::cli::exit::CliError;
use crate::upstash::IndexKind;

/// What an index is found by.
pub struct Found {
    /// The ID.
    pub id: String,
    /// The name.
    pub name: String,
}

/// The index whose ID is `query`, else the only one named `query`; `(id, name, region)`
/// of each index. An unknown or ambiguous query is the operator's to fix (exit 2).
pub fn index(
    kind: IndexKind,
    all: &[(String, String, String)],
    query: &str,
) -> Result<Found, CliError> {
    let query = query.trim();
    let found = |(id, name, _): &(String, String, String)| Found {
        id: id.clone(),
        name: name.clone(),
    };
    if let Some(one) = all.iter().find(|(id, _, _)| id == query) {
        return Ok(found(one));
    }
    let named: Vec<_> = all.iter().filter(|(_, name, _)| name == query).collect();
    let command = kind.label().to_lowercase();
    match named.as_slice() {
        [one] => Ok(found(one)),
        [] => Err(CliError::usage(format!(
            "no {} index has the ID or name {query:?}; `updash {command} list` shows them",
            kind.label()
        ))),
        many => Err(CliError::usage(format!(
            "{} {} indexes are named {query:?}; use an ID instead: {}",
            many.len(),
            kind.label(),
            many.iter()
                .map(|(id, _, region)| format!("{id} ({region})"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The QStash whose ID or region is `query`; `(id, region)` of each.
pub fn qstash(all: &[(String, String)], query: &str) -> Result<String, CliError> {
    let query = query.trim();
    all.iter()
        .find(|(id, region)| id == query || region == query)
        .map(|(id, _)| id.clone())
        .ok_or_else(|| {
            let regions: Vec<&str> = all.iter().map(|(_, r)| r.as_str()).collect();
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
