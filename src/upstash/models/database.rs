//! A Redis database as the Developer API describes it (current, credential and legacy fields).

use super::lenient::{opt_bool, opt_i64, opt_secret, opt_string, opt_u64, string_list};
use super::limit::{Limit, opt_limit};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

/// A Redis database. Only `database_id` and `database_name` are required; every other field
/// may be missing in older or newer API versions, and unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Database {
    /// The database ID (a UUID).
    pub database_id: String,
    /// The database name (`name` in some older responses).
    #[serde(alias = "name")]
    pub database_name: String,
    /// `"global"` for current databases; a region code for legacy regional ones.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub region: Option<String>,
    /// TCP port for Redis clients.
    #[serde(
        default,
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub port: Option<u64>,
    /// Creation time, Unix seconds.
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_time: Option<i64>,
    /// `active`, `suspended`, `passive` (older: `deleted`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<String>,
    /// Hostname, or a bare slug without the domain (see `connection::host`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint: Option<String>,
    /// Whether TLS is on.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub tls: Option<bool>,
    /// The plan: `free`, `payg`, `pro`, `paid` (JSON field `type`).
    #[serde(
        rename = "type",
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub plan: Option<String>,
    /// Monthly budget (unit unconfirmed: shown raw).
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub budget: Option<Limit>,
    /// The primary region code.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub primary_region: Option<String>,
    /// Read region codes.
    #[serde(default, deserialize_with = "string_list")]
    pub read_regions: Vec<String>,
    /// Primary regions of the cluster.
    #[serde(default, deserialize_with = "string_list")]
    pub primary_members: Vec<String>,
    /// All regions of the cluster.
    #[serde(default, deserialize_with = "string_list")]
    pub all_members: Vec<String>,
    /// Whether eviction is on.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub eviction: Option<bool>,
    /// Whether automatic plan upgrade is on.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub auto_upgrade: Option<bool>,
    /// Strong consistency (deprecated, always false).
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub consistent: Option<bool>,
    /// Non-empty while a change is in progress.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub modifying_state: Option<String>,
    /// Max concurrent clients.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_max_clients: Option<Limit>,
    /// Max request size, bytes.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_max_request_size: Option<Limit>,
    /// Disk limit, bytes.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_disk_threshold: Option<Limit>,
    /// Max entry size, bytes.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_max_entry_size: Option<Limit>,
    /// Memory limit, bytes.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_memory_threshold: Option<Limit>,
    /// Max commands per second.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_max_commands_per_second: Option<Limit>,
    /// Total command limit (int64 max means unlimited).
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_request_limit: Option<Limit>,
    /// Daily bandwidth limit (legacy).
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_daily_bandwidth_limit: Option<Limit>,
    /// Lua credits per minute.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_lua_credits_per_min: Option<Limit>,
    /// Max load operations per second.
    #[serde(
        default,
        deserialize_with = "opt_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_max_loads_per_sec: Option<Limit>,
    /// Resource tier: `S` … `3XL`.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_resource_size: Option<String>,
    /// Storage engine: `bolt`, `badger`, `pebble`.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_type: Option<String>,
    /// Connection idle timeout, nanoseconds.
    #[serde(
        default,
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_conn_idle_timeout: Option<u64>,
    /// Lua script timeout, nanoseconds.
    #[serde(
        default,
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_lua_timeout: Option<u64>,
    /// Store idle timeout, nanoseconds.
    #[serde(
        default,
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_store_max_idle: Option<u64>,
    /// ACL enabled (sent as the string `"true"`/`"false"`).
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_acl_enabled: Option<bool>,
    /// ACL default user status (sent as a string).
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_acl_default_user_status: Option<bool>,
    /// Database-level eviction flag.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_eviction: Option<bool>,
    /// Last plan upgrade, Unix seconds (0 if never).
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_plan_upgrade_time: Option<i64>,
    /// Replica factor.
    #[serde(
        default,
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub replicas: Option<u64>,
    /// Owner: an email, or a team ID.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_id: Option<String>,
    /// Whether daily backup is on.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub daily_backup_enabled: Option<bool>,
    /// Security add-ons (camelCase in JSON).
    #[serde(
        rename = "securityAddons",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub security_addons: Option<SecurityAddons>,
    /// Prometheus integration (sent as a string).
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub prometheus_enabled: Option<bool>,
    /// Production pack.
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub prod_pack_enabled: Option<bool>,
    /// The Redis password. Secret; absent with `credentials=hide`.
    #[serde(
        default,
        deserialize_with = "opt_secret",
        skip_serializing_if = "Option::is_none"
    )]
    pub password: Option<Secret>,
    /// The database's Redis REST URL as its provider forms it; set by the client that read
    /// the database, never part of the API's answer.
    #[serde(skip)]
    pub rest_url: Option<String>,
    /// The REST token. Secret.
    #[serde(
        default,
        deserialize_with = "opt_secret",
        skip_serializing_if = "Option::is_none"
    )]
    pub rest_token: Option<Secret>,
    /// The read-only REST token. Secret.
    #[serde(
        default,
        deserialize_with = "opt_secret",
        skip_serializing_if = "Option::is_none"
    )]
    pub read_only_rest_token: Option<Secret>,
    /// Legacy plan label: `Free`, `Pay as You Go`, `Enterprise`.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub database_type: Option<String>,
    /// Legacy owner field (older equivalent of `customer_id`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_email: Option<String>,
    /// Multi-zone replication (deprecated).
    #[serde(
        default,
        deserialize_with = "opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub multizone: Option<bool>,
    /// IP allowlist (CIDRs).
    #[serde(default, deserialize_with = "string_list")]
    pub allowed_ip_ranges: Vec<String>,
}

/// Security add-ons of a database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityAddons {
    /// IP allowlisting.
    #[serde(default, deserialize_with = "opt_bool")]
    pub ip_whitelisting: Option<bool>,
    /// VPC peering.
    #[serde(default, deserialize_with = "opt_bool")]
    pub vpc_peering: Option<bool>,
    /// Private link.
    #[serde(default, deserialize_with = "opt_bool")]
    pub private_link: Option<bool>,
    /// Mutual TLS.
    #[serde(default, deserialize_with = "opt_bool")]
    pub tls_mutual_auth: Option<bool>,
    /// Encryption at rest.
    #[serde(default, deserialize_with = "opt_bool")]
    pub encryption_at_rest: Option<bool>,
}

impl Database {
    /// The region to show for this database: the primary region, else `region`.
    pub fn display_region(&self) -> &str {
        self.primary_region
            .as_deref()
            .filter(|r| !r.is_empty())
            .or(self.region.as_deref())
            .unwrap_or("")
    }

    /// The owner: `customer_id`, else the legacy `user_email`.
    pub fn owner(&self) -> Option<&str> {
        self.customer_id.as_deref().or(self.user_email.as_deref())
    }

    /// Whether the response carried any credential.
    pub fn has_credentials(&self) -> bool {
        self.password.is_some() || self.rest_token.is_some() || self.read_only_rest_token.is_some()
    }

    /// A copy with the password and tokens removed (for JSON output without secrets).
    pub fn without_credentials(&self) -> Self {
        Self {
            password: None,
            rest_token: None,
            read_only_rest_token: None,
            ..self.clone()
        }
    }
}
