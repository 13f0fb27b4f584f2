//! What the Developer API stores: databases (in the wire shape), teams and API keys.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use updash_common::secret::Secret;

/// The "unlimited" sentinel the real service sends for limits (int64 max).
pub const UNLIMITED: i64 = i64::MAX;

/// A Redis database, field for field as the Developer API returns it (notes §4.1).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Database {
    /// UUID-like id.
    pub database_id: String,
    /// Name; not unique (the real service allows two databases with one name).
    pub database_name: String,
    /// Always `"global"` for databases created today.
    pub region: String,
    /// 6379.
    pub port: u16,
    /// Unix seconds.
    pub creation_time: i64,
    /// `active`.
    pub state: String,
    /// `<name>-<5 digits>.upstash.io`.
    pub endpoint: String,
    /// Always true.
    pub tls: bool,
    /// Plan type: `free`, `payg` or `paid` (every `fixed_*` plan reports `paid`).
    #[serde(rename = "type")]
    pub db_plan_type: String,
    /// Monthly budget (unit unconfirmed; shown raw).
    pub budget: i64,
    /// Primary region code.
    pub primary_region: String,
    /// Read region codes.
    pub read_regions: Vec<String>,
    /// `[primary_region]`.
    pub primary_members: Vec<String>,
    /// Primary then read regions.
    pub all_members: Vec<String>,
    /// Entry eviction on.
    pub eviction: bool,
    /// Automatic plan upgrade on.
    pub auto_upgrade: bool,
    /// Deprecated, always false.
    pub consistent: bool,
    /// `""` unless a change is in progress.
    pub modifying_state: String,
    /// Plan limit.
    pub db_max_clients: i64,
    /// Plan limit, bytes.
    pub db_max_request_size: i64,
    /// Plan limit, bytes.
    pub db_disk_threshold: i64,
    /// Plan limit, bytes.
    pub db_max_entry_size: i64,
    /// Plan limit, bytes.
    pub db_memory_threshold: i64,
    /// Plan limit.
    pub db_max_commands_per_second: i64,
    /// Plan limit; [`UNLIMITED`] on paid plans.
    pub db_request_limit: i64,
    /// `S` .. `3XL`.
    pub db_resource_size: String,
    /// Storage engine.
    pub db_type: String,
    /// Nanoseconds.
    pub db_conn_idle_timeout: i64,
    /// Nanoseconds.
    pub db_lua_timeout: i64,
    /// Credits.
    pub db_lua_credits_per_min: i64,
    /// Nanoseconds.
    pub db_store_max_idle: i64,
    /// Loads per second.
    pub db_max_loads_per_sec: i64,
    /// A string boolean, as the real service sends it.
    pub db_acl_enabled: String,
    /// A string boolean.
    pub db_acl_default_user_status: String,
    /// A real boolean (mirrors `eviction`).
    pub db_eviction: bool,
    /// Unix seconds; 0 if never.
    pub last_plan_upgrade_time: i64,
    /// Replica factor.
    pub replicas: i64,
    /// The owning account: an email (personal) or a team id.
    pub customer_id: String,
    /// Daily backups on.
    pub daily_backup_enabled: bool,
    /// Security add-ons (camelCase keys on the wire).
    #[serde(rename = "securityAddons")]
    pub security_addons: SecurityAddons,
    /// A string boolean.
    pub prometheus_enabled: String,
    /// Production pack on.
    pub prod_pack_enabled: bool,
    /// Redis password (32 hex digits).
    pub password: Secret,
    /// REST token.
    pub rest_token: Secret,
    /// Read-only REST token.
    pub read_only_rest_token: Secret,
}

/// The JSON keys dropped by `?credentials=hide`.
pub const CREDENTIAL_FIELDS: [&str; 3] = ["password", "rest_token", "read_only_rest_token"];

/// The `securityAddons` object.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityAddons {
    /// IP allow-listing.
    pub ip_whitelisting: bool,
    /// VPC peering.
    pub vpc_peering: bool,
    /// Private link.
    pub private_link: bool,
    /// Mutual TLS.
    pub tls_mutual_auth: bool,
    /// Encryption at rest.
    pub encryption_at_rest: bool,
}

/// A team account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Team {
    /// UUID-like id; the `customer_id` of its databases.
    pub team_id: String,
    /// Display name.
    pub team_name: String,
    /// Whether the owner's card was copied to the team.
    pub copy_cc: bool,
    /// Members with their roles.
    pub members: Vec<Member>,
}

/// A member of a team.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// The member's account email.
    pub email: String,
    /// `owner`, `admin`, `dev` or `finance`.
    pub role: String,
}

/// A Developer API key. Only its SHA-256 is kept, so the state file holds no usable key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiKey {
    /// Unique per user.
    pub name: String,
    /// The email of the user who owns it (the Basic username).
    pub email: String,
    /// The account it acts on: the owner's email (personal) or a team id.
    pub customer_id: String,
    /// Hex SHA-256 of the key.
    pub key_sha256: String,
    /// Read-only keys cannot change anything.
    pub read_only: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// Databases in creation order with an id index, so list, get and delete stay cheap at 10,000.
#[derive(Debug, Clone, Default)]
pub struct DatabaseTable {
    rows: Vec<Database>,
    by_id: HashMap<String, usize>,
}

impl DatabaseTable {
    /// Adds a database at the end.
    pub fn push(&mut self, db: Database) {
        self.by_id.insert(db.database_id.clone(), self.rows.len());
        self.rows.push(db);
    }

    /// The database with this id.
    pub fn get(&self, id: &str) -> Option<&Database> {
        self.by_id.get(id).map(|&i| &self.rows[i])
    }

    /// The database with this id, to change it.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Database> {
        self.by_id.get(id).map(|&i| &mut self.rows[i])
    }

    /// Removes a database; O(n) because later rows shift, which deletes keep rare enough.
    pub fn remove(&mut self, id: &str) -> Option<Database> {
        let i = self.by_id.remove(id)?;
        let db = self.rows.remove(i);
        for row in &self.rows[i..] {
            if let Some(slot) = self.by_id.get_mut(&row.database_id) {
                *slot -= 1;
            }
        }
        Some(db)
    }

    /// Every database in creation order.
    pub fn iter(&self) -> impl Iterator<Item = &Database> {
        self.rows.iter()
    }

    /// How many databases there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl Serialize for DatabaseTable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DatabaseTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rows = Vec::<Database>::deserialize(deserializer)?;
        let mut table = Self::default();
        for db in rows {
            table.push(db);
        }
        Ok(table)
    }
}
