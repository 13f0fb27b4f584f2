//! A Redis database's backup (`GET /v2/redis/list-backup/{id}`).

use super::lenient::{opt_bool, opt_i64, opt_string, opt_u64, string_or_empty};
use serde::{Deserialize, Serialize};

/// One backup. Flags arrive as strings (`"true"`) in the spec and as booleans elsewhere, so
/// both are read; unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Backup {
    /// The backup's id (what restore and delete take).
    pub backup_id: String,
    /// The database it was taken of.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub database_id: String,
    /// The name given at creation (older clients call it `backup_name`).
    #[serde(default, alias = "backup_name", deserialize_with = "string_or_empty")]
    pub name: String,
    /// Unix seconds.
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<i64>,
    /// `pending`, `completed` or `failed` (kept as text: new states need no code change).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<String>,
    /// Size in bytes, when given.
    #[serde(
        default,
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub backup_size: Option<u64>,
    /// Whether the daily schedule took it.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub daily_backup: Option<bool>,
    /// Whether an hourly schedule took it.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub hourly_backup: Option<bool>,
}

/// Decodes a `GET /v2/redis/list-backup/{id}` body.
pub fn decode_backups(body: &[u8]) -> Result<Vec<Backup>, serde_json::Error> {
    serde_json::from_slice(body)
}
