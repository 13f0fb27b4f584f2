//! Typed, lenient models of the Developer API's JSON.

pub mod audit;
pub mod backup;
pub mod database;
pub mod index_stats;
pub mod lenient;
pub mod limit;
pub mod qstash;
pub mod search;
pub mod stats;
pub mod team;
pub mod vector;

pub use audit::{AuditLog, decode_audit_logs};
pub use backup::{Backup, decode_backups};
pub use database::{Database, SecurityAddons};
pub use index_stats::{IndexStats, IndexTotals, ProductPeriod};
pub use limit::{Limit, UNLIMITED_SENTINEL};
pub use qstash::{NamedSeries, QStashDay, QStashStats, QStashUser};
pub use search::SearchIndex;
pub use stats::{CommandCount, DatabaseStats, StatsPeriod, TimePoint};
pub use team::{Team, TeamMember};
pub use vector::VectorIndex;

/// Decodes a `GET /v2/redis/databases` body (also used by the decode benchmark).
pub fn decode_databases(body: &[u8]) -> Result<Vec<Database>, serde_json::Error> {
    serde_json::from_slice(body)
}

/// Decodes a `GET /v2/redis/databases` body as it is read.
pub fn read_databases(body: &mut dyn std::io::Read) -> Result<Vec<Database>, serde_json::Error> {
    serde_json::from_reader(body)
}

/// Decodes one database.
pub fn decode_database(body: &[u8]) -> Result<Database, serde_json::Error> {
    serde_json::from_slice(body)
}

/// Decodes a `GET /v2/teams` body.
pub fn decode_teams(body: &[u8]) -> Result<Vec<Team>, serde_json::Error> {
    serde_json::from_slice(body)
}

/// Decodes a `GET /v2/teams/{team_id}` body.
pub fn decode_team_members(body: &[u8]) -> Result<Vec<TeamMember>, serde_json::Error> {
    serde_json::from_slice(body)
}

/// Decodes a stats body.
pub fn decode_stats(body: &[u8]) -> Result<DatabaseStats, serde_json::Error> {
    serde_json::from_slice(body)
}

/// Whether a success body is a bare acknowledgement (`"OK"`, `OK`, `{}` or empty) rather
/// than an object with data.
pub fn is_acknowledgement(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    matches!(text.trim(), "" | "\"OK\"" | "OK" | "{}" | "null" | "\"\"")
}
