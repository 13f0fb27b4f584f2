//! Finding one database from what an operator typed: an ID or a name.

use super::models::Database;

/// Why a database could not be picked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing has that ID or name.
    #[error("no database has the ID or name {query:?}")]
    NotFound {
        /// What was typed.
        query: String,
    },
    /// Several databases share the name.
    #[error("{} databases are named {name:?}; use an ID instead: {}", .matches.len(), list(.matches))]
    Ambiguous {
        /// The name.
        name: String,
        /// `(database ID, region)` of each match.
        matches: Vec<(String, String)>,
    },
}

fn list(matches: &[(String, String)]) -> String {
    matches
        .iter()
        .map(|(id, region)| {
            if region.is_empty() {
                id.clone()
            } else {
                format!("{id} ({region})")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The database whose ID is `query` exactly, else the only one named `query` exactly.
pub fn resolve<'a>(databases: &'a [Database], query: &str) -> Result<&'a Database, ResolveError> {
    let query = query.trim();
    if let Some(db) = databases.iter().find(|d| d.database_id == query) {
        return Ok(db);
    }
    let named: Vec<&Database> = databases
        .iter()
        .filter(|d| d.database_name == query)
        .collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => Err(ResolveError::NotFound {
            query: query.to_owned(),
        }),
        many => Err(ResolveError::Ambiguous {
            name: query.to_owned(),
            matches: many
                .iter()
                .map(|d| (d.database_id.clone(), d.display_region().to_owned()))
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(id: &str, name: &str, region: &str) -> Database {
        let json = serde_json::json!({
            "database_id": id, "database_name": name, "primary_region": region,
            "password": "MARKER-pw"
        });
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn id_first_then_name() {
        let dbs = vec![db("1", "2", "eu-west-1"), db("2", "cache", "us-east-1")];
        assert_eq!(
            resolve(&dbs, "2").map(|d| d.database_name.as_str()),
            Ok("cache")
        );
        assert_eq!(
            resolve(&dbs, " cache ").map(|d| d.database_id.as_str()),
            Ok("2")
        );
    }

    #[test]
    fn ambiguous_lists_ids_and_regions_only() {
        let dbs = vec![db("a1", "x", "eu-west-1"), db("b2", "x", "us-central1")];
        let err = match resolve(&dbs, "x") {
            Err(e) => e,
            Ok(_) => panic!("should be ambiguous"),
        };
        let text = err.to_string();
        assert_eq!(
            text,
            "2 databases are named \"x\"; use an ID instead: a1 (eu-west-1), b2 (us-central1)"
        );
        assert!(!text.contains("MARKER"));
    }

    #[test]
    fn not_found() {
        let dbs = vec![db("a1", "x", "eu-west-1")];
        assert_eq!(
            resolve(&dbs, "nope").map_err(|e| e.to_string()),
            Err("no database has the ID or name \"nope\"".to_owned())
        );
    }
}
