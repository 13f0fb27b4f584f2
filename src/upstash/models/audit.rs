//! Audit log entries (`GET /auditlogs`).

use super::lenient::{opt_i64, string_or_empty};
use serde::{Deserialize, Serialize};

/// One entry of an account's audit log. Every field is optional on the wire: a missing or
/// null text reads as empty, a missing number as `None`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AuditLog {
    /// The entry's id.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub log_id: String,
    /// The account: an email or a team id.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub customer_id: String,
    /// Who did it.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub actor: String,
    /// When, in Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub timestamp: Option<i64>,
    /// The numeric action id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub action: Option<i64>,
    /// The action in words ("Delete Database").
    #[serde(default, deserialize_with = "string_or_empty")]
    pub action_string: String,
    /// How it was done ("API_KEY - <key name>").
    #[serde(default, deserialize_with = "string_or_empty")]
    pub source: String,
    /// What it was done to.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub entity: String,
    /// A second thing it touched; "" or "NA" when none.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub secondary_entity: String,
    /// A third; "" or "NA" when none.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub third_entity: String,
    /// A sentence for display.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub readable_format: String,
    /// The address the request came from.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub ip: String,
    /// When the entry expires, in Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub ttl: Option<i64>,
    /// The reason given, if any.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub reason: String,
    /// Notes, if any.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub notes: String,
}

impl AuditLog {
    /// When it happened, as `2026-12-02 04:55:08` (UTC); `None` without a valid time.
    pub fn time_utc(&self) -> Option<String> {
        let format =
            time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
        let at = time::OffsetDateTime::from_unix_timestamp(self.timestamp?).ok()?;
        at.format(&format).ok()
    }

    /// The secondary and third entities that say something ("NA" and "" say nothing).
    pub fn other_entities(&self) -> impl Iterator<Item = &str> {
        [self.secondary_entity.as_str(), self.third_entity.as_str()]
            .into_iter()
            .filter(|e| !e.is_empty() && !e.eq_ignore_ascii_case("NA"))
    }
}

/// Decodes a `GET /auditlogs` body.
pub fn decode_audit_logs(body: &[u8]) -> Result<Vec<AuditLog>, serde_json::Error> {
    serde_json::from_slice(body)
}
