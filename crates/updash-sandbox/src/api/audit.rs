//! `GET /auditlogs`: what was done on an account through the API, newest first.
//!
//! Every write endpoint calls [`record`] once its change has been made, with one of the
//! [`AuditAction`] constants; the list keeps the newest [`MAX_AUDIT_ENTRIES`] per account.

use super::ApiState;
use super::auth::{Caller, caller};
use super::reply::ApiResult;
use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};

/// How many entries one account keeps; older ones are dropped as new ones arrive.
pub const MAX_AUDIT_ENTRIES: usize = 500;

/// How long the real service keeps an entry (its `ttl` is the time it expires).
const RETENTION_SECS: i64 = 182 * 86_400;

/// One audit log entry, with the fields of the API's `AuditLog` schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    /// Unique id.
    pub log_id: String,
    /// The account: an email (personal) or a team id.
    pub customer_id: String,
    /// Who did it (the key's user).
    pub actor: String,
    /// Unix seconds.
    pub timestamp: i64,
    /// Numeric action id.
    pub action: i64,
    /// The action in words, e.g. "Delete Database".
    pub action_string: String,
    /// How it was done, e.g. "API_KEY - sandbox-personal".
    pub source: String,
    /// The thing acted on (a name).
    pub entity: String,
    /// A second thing acted on (an id), or "NA".
    pub secondary_entity: String,
    /// A third, or "".
    pub third_entity: String,
    /// A sentence for display.
    pub readable_format: String,
    /// Where the request came from.
    pub ip: String,
    /// Unix seconds when the entry expires.
    pub ttl: i64,
    /// Why, when given.
    pub reason: String,
    /// Notes, when given.
    pub notes: String,
}

/// An action kind: the numeric id and the words the API uses for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditAction {
    /// Numeric id.
    pub code: i64,
    /// Words, e.g. "Create Database".
    pub text: &'static str,
}

impl AuditAction {
    const fn new(code: i64, text: &'static str) -> Self {
        Self { code, text }
    }

    /// Delete Team (the one id the API document gives: 13).
    pub const DELETE_TEAM: Self = Self::new(13, "Delete Team");
    /// Create Database.
    pub const CREATE_DATABASE: Self = Self::new(1, "Create Database");
    /// Delete Database.
    pub const DELETE_DATABASE: Self = Self::new(2, "Delete Database");
    /// Rename Database.
    pub const RENAME_DATABASE: Self = Self::new(3, "Rename Database");
    /// Reset Password.
    pub const RESET_PASSWORD: Self = Self::new(4, "Reset Password");
    /// Update Regions.
    pub const UPDATE_REGIONS: Self = Self::new(5, "Update Regions");
    /// Enable Eviction.
    pub const ENABLE_EVICTION: Self = Self::new(6, "Enable Eviction");
    /// Disable Eviction.
    pub const DISABLE_EVICTION: Self = Self::new(7, "Disable Eviction");
    /// Enable Auto Upgrade.
    pub const ENABLE_AUTOUPGRADE: Self = Self::new(8, "Enable Auto Upgrade");
    /// Disable Auto Upgrade.
    pub const DISABLE_AUTOUPGRADE: Self = Self::new(9, "Disable Auto Upgrade");
    /// Enable TLS.
    pub const ENABLE_TLS: Self = Self::new(10, "Enable TLS");
    /// Update Budget.
    pub const UPDATE_BUDGET: Self = Self::new(11, "Update Budget");
    /// Create API Key.
    pub const CREATE_API_KEY: Self = Self::new(12, "Create API Key");
    /// Create Backup.
    pub const CREATE_BACKUP: Self = Self::new(14, "Create Backup");
    /// Restore Backup.
    pub const RESTORE_BACKUP: Self = Self::new(15, "Restore Backup");
    /// Delete Backup.
    pub const DELETE_BACKUP: Self = Self::new(16, "Delete Backup");
    /// Enable Daily Backup.
    pub const ENABLE_DAILY_BACKUP: Self = Self::new(17, "Enable Daily Backup");
    /// Disable Daily Backup.
    pub const DISABLE_DAILY_BACKUP: Self = Self::new(18, "Disable Daily Backup");
    /// Change Plan.
    pub const CHANGE_PLAN: Self = Self::new(19, "Change Plan");
    /// Move To Team.
    pub const MOVE_TO_TEAM: Self = Self::new(20, "Move To Team");
    /// Create Vector Index.
    pub const CREATE_VECTOR_INDEX: Self = Self::new(21, "Create Vector Index");
    /// Delete Vector Index.
    pub const DELETE_VECTOR_INDEX: Self = Self::new(22, "Delete Vector Index");
    /// Rename Vector Index.
    pub const RENAME_VECTOR_INDEX: Self = Self::new(23, "Rename Vector Index");
    /// Reset Vector Index Password.
    pub const RESET_VECTOR_INDEX_PASSWORD: Self = Self::new(24, "Reset Vector Index Password");
    /// Transfer Vector Index.
    pub const TRANSFER_VECTOR_INDEX: Self = Self::new(25, "Transfer Vector Index");
    /// Set Vector Index Plan.
    pub const SET_VECTOR_INDEX_PLAN: Self = Self::new(26, "Set Vector Index Plan");
    /// Create Search Index.
    pub const CREATE_SEARCH_INDEX: Self = Self::new(27, "Create Search Index");
    /// Delete Search Index.
    pub const DELETE_SEARCH_INDEX: Self = Self::new(28, "Delete Search Index");
    /// Rename Search Index.
    pub const RENAME_SEARCH_INDEX: Self = Self::new(29, "Rename Search Index");
    /// Reset Search Index Password.
    pub const RESET_SEARCH_INDEX_PASSWORD: Self = Self::new(30, "Reset Search Index Password");
    /// Transfer Search Index.
    pub const TRANSFER_SEARCH_INDEX: Self = Self::new(31, "Transfer Search Index");
    /// Rotate QStash Token.
    pub const ROTATE_QSTASH_TOKEN: Self = Self::new(32, "Rotate QStash Token");
    /// Set QStash Plan.
    pub const SET_QSTASH_PLAN: Self = Self::new(33, "Set QStash Plan");
    /// Update QStash Budget.
    pub const UPDATE_QSTASH_BUDGET: Self = Self::new(34, "Update QStash Budget");
    /// Enable QStash Prod Pack.
    pub const ENABLE_QSTASH_PROD_PACK: Self = Self::new(35, "Enable QStash Prod Pack");
    /// Disable QStash Prod Pack.
    pub const DISABLE_QSTASH_PROD_PACK: Self = Self::new(36, "Disable QStash Prod Pack");
    /// Move QStash To Team.
    pub const MOVE_QSTASH_TO_TEAM: Self = Self::new(37, "Move QStash To Team");
}

/// What an entry is about: the entity (a name) and, when there is one, its id.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subject<'a> {
    /// The thing acted on, by name.
    pub name: &'a str,
    /// Its id ("NA" when empty).
    pub id: &'a str,
    /// A detail such as a new name or budget ("" when none).
    pub detail: &'a str,
}

impl<'a> Subject<'a> {
    /// A thing by name and id.
    pub fn new(name: &'a str, id: &'a str) -> Self {
        Self {
            name,
            id,
            detail: "",
        }
    }

    /// The same, with a detail (new name, new budget, regions...).
    pub fn detail(self, detail: &'a str) -> Self {
        Self { detail, ..self }
    }
}

/// Records that `who` did `action` on `subject` at `now` through an API key.
pub fn record(
    state: &mut ApiState,
    who: &Caller,
    action: AuditAction,
    subject: Subject<'_>,
    now: i64,
) {
    let source = format!("API_KEY - {}", who.key_name);
    record_as(
        state,
        &who.customer_id,
        &who.email,
        &source,
        action,
        subject,
        now,
    );
}

/// Records an action whose actor is not an API key (the OAuth key exchange, seeding).
pub fn record_as(
    state: &mut ApiState,
    customer_id: &str,
    actor: &str,
    source: &str,
    action: AuditAction,
    subject: Subject<'_>,
    now: i64,
) {
    let secondary = if subject.id.is_empty() {
        "NA"
    } else {
        subject.id
    };
    let readable = if subject.detail.is_empty() {
        format!("{} {}", action.text, subject.name)
    } else {
        format!("{} {}: {}", action.text, subject.name, subject.detail)
    };
    state.audit_logs.push(AuditLog {
        log_id: super::record::uuid(&mut rand::rng()),
        customer_id: customer_id.to_string(),
        actor: actor.to_string(),
        timestamp: now,
        action: action.code,
        action_string: action.text.to_string(),
        source: source.to_string(),
        entity: subject.name.to_string(),
        secondary_entity: secondary.to_string(),
        third_entity: subject.detail.to_string(),
        readable_format: readable,
        ip: "127.0.0.1".into(),
        ttl: now + RETENTION_SECS,
        reason: String::new(),
        notes: String::new(),
    });
    trim(&mut state.audit_logs, customer_id);
}

/// Drops the account's oldest entries past the cap (entries are kept in the order made).
fn trim(logs: &mut Vec<AuditLog>, customer_id: &str) {
    let mine = logs.iter().filter(|l| l.customer_id == customer_id).count();
    let mut excess = mine.saturating_sub(MAX_AUDIT_ENTRIES);
    if excess == 0 {
        return;
    }
    logs.retain(|l| {
        if excess > 0 && l.customer_id == customer_id {
            excess -= 1;
            false
        } else {
            true
        }
    });
}

/// `GET /auditlogs` (and `/v2/auditlogs`): the key's account's entries, newest first.
pub async fn list(State(shared): State<AppState>, headers: HeaderMap) -> ApiResult {
    let guard = shared.state();
    let who = caller(&guard.api, &headers)?;
    let mine: Vec<&AuditLog> = guard
        .api
        .audit_logs
        .iter()
        .rev()
        .filter(|l| l.customer_id == who.customer_id)
        .collect();
    let value = serde_json::to_value(&mine).map_err(|_| {
        super::reply::ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "encoding")
    })?;
    drop(guard);
    Ok(Json(value).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(account: &str) -> Caller {
        Caller {
            email: "a@b.c".into(),
            customer_id: account.into(),
            read_only: false,
            key_name: "k1".into(),
        }
    }

    #[test]
    fn an_entry_has_the_schema_fields() {
        let mut state = ApiState::default();
        record(
            &mut state,
            &who("a@b.c"),
            AuditAction::RENAME_DATABASE,
            Subject::new("cache", "id-1").detail("cache-2"),
            100,
        );
        let entry = &state.audit_logs[0];
        assert_eq!(entry.source, "API_KEY - k1");
        assert_eq!(entry.action_string, "Rename Database");
        assert_eq!(entry.secondary_entity, "id-1");
        assert_eq!(entry.third_entity, "cache-2");
        assert_eq!(entry.ttl, 100 + RETENTION_SECS);
        assert_eq!(entry.readable_format, "Rename Database cache: cache-2");
        let value = serde_json::to_value(entry).expect("json");
        assert_eq!(value.as_object().map(|o| o.len()), Some(15));
    }

    #[test]
    fn each_account_keeps_its_newest_entries() {
        let mut state = ApiState::default();
        record(
            &mut state,
            &who("team"),
            AuditAction::ENABLE_TLS,
            Subject::new("t", ""),
            1,
        );
        for i in 0..MAX_AUDIT_ENTRIES + 3 {
            record(
                &mut state,
                &who("me"),
                AuditAction::ENABLE_TLS,
                Subject::new(&format!("db{i}"), ""),
                i as i64,
            );
        }
        let mine: Vec<_> = state
            .audit_logs
            .iter()
            .filter(|l| l.customer_id == "me")
            .collect();
        assert_eq!(mine.len(), MAX_AUDIT_ENTRIES);
        assert_eq!(mine[0].entity, "db3");
        assert!(state.audit_logs.iter().any(|l| l.customer_id == "team"));
    }
}
