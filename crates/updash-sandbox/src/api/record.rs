//! Making new records: ids, credentials, endpoints and a full database from validated choices.

use super::model::{Database, SecurityAddons};
use super::plans::Plan;
use base64::Engine;
use rand::Rng;
use updash_common::secret::Secret;

/// A random UUID v4 string.
pub fn uuid(rng: &mut impl Rng) -> String {
    let mut b: [u8; 16] = rng.random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    s
}

/// A Redis password: 32 hex digits, as in the real service's examples.
pub fn password(rng: &mut impl Rng) -> Secret {
    let b: [u8; 16] = rng.random();
    Secret::new(hex(&b))
}

/// A REST token: base64-like and starting with `A`, like the real ones.
pub fn rest_token(rng: &mut impl Rng) -> Secret {
    let b: [u8; 45] = std::array::from_fn(|_| rng.random());
    Secret::new(format!(
        "A{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
    ))
}

/// A new Developer API key (UUID-shaped, like the console's).
pub fn api_key(rng: &mut impl Rng) -> Secret {
    Secret::new(uuid(rng))
}

/// `<name>-<5 digits>.upstash.io`, with the name made hostname-safe.
pub fn endpoint(name: &str, rng: &mut impl Rng) -> String {
    let slug: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "db" } else { slug };
    format!("{slug}-{:05}.upstash.io", rng.random_range(10_000..100_000))
}

/// The choices a new database is made from, already validated.
#[derive(Debug, Clone)]
pub struct NewDatabase<'a> {
    /// Database name.
    pub name: &'a str,
    /// Primary region code.
    pub primary_region: &'a str,
    /// Read region codes.
    pub read_regions: Vec<String>,
    /// The plan.
    pub plan: &'static Plan,
    /// Monthly budget.
    pub budget: i64,
    /// Eviction on.
    pub eviction: bool,
    /// The owning account (email or team id).
    pub customer_id: &'a str,
}

/// A full database record with fresh id, endpoint and credentials.
pub fn database(new: NewDatabase<'_>, now: i64, rng: &mut impl Rng) -> Database {
    let mut all_members = vec![new.primary_region.to_string()];
    all_members.extend(new.read_regions.iter().cloned());
    let plan = new.plan;
    // Each region runs a primary and two replicas in the real service's multi-zone layout.
    let replicas = 3 * all_members.len() as i64;
    Database {
        database_id: uuid(rng),
        database_name: new.name.to_string(),
        region: "global".into(),
        port: 6379,
        creation_time: now,
        state: "active".into(),
        endpoint: endpoint(new.name, rng),
        tls: true,
        db_plan_type: plan.db_type.into(),
        budget: new.budget,
        primary_region: new.primary_region.to_string(),
        read_regions: new.read_regions,
        primary_members: vec![new.primary_region.to_string()],
        all_members,
        eviction: new.eviction,
        auto_upgrade: false,
        consistent: false,
        modifying_state: String::new(),
        db_max_clients: plan.max_clients,
        db_max_request_size: 10 * 1024 * 1024,
        db_disk_threshold: plan.size_bytes,
        db_max_entry_size: 100 * 1024 * 1024,
        db_memory_threshold: plan.size_bytes,
        db_max_commands_per_second: plan.commands_per_second,
        db_request_limit: plan.request_limit,
        db_resource_size: plan.resource_size.into(),
        db_type: "pebble".into(),
        db_conn_idle_timeout: 21_600_000_000_000,
        db_lua_timeout: 250_000_000,
        db_lua_credits_per_min: 10_000_000_000,
        db_store_max_idle: 900_000_000_000,
        db_max_loads_per_sec: 1_000_000,
        db_acl_enabled: "false".into(),
        db_acl_default_user_status: "true".into(),
        db_eviction: new.eviction,
        last_plan_upgrade_time: 0,
        replicas,
        customer_id: new.customer_id.to_string(),
        daily_backup_enabled: plan.db_type != "free",
        security_addons: SecurityAddons::default(),
        prometheus_enabled: "false".into(),
        prod_pack_enabled: false,
        password: password(rng),
        rest_token: rest_token(rng),
        read_only_rest_token: rest_token(rng),
    }
}
