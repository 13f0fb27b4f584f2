//! Many databases shaped like the sandbox's (credentials, limits, read regions), generated
//! deterministically for scale tests and `benches/tui_databases.rs` (which includes this
//! file by path).

use updash::secret::Secret;
use updash::upstash::Database;
use updash::upstash::regions::REGIONS;

const WORDS: [&str; 8] = [
    "cache",
    "sessions",
    "queue",
    "ratelimit",
    "events",
    "search",
    "feature-flags",
    "leaderboard",
];
const PLANS: [&str; 3] = ["payg", "free", "paid"];

/// `n` databases with distinct ids and names.
pub fn generated_databases(n: usize) -> Vec<Database> {
    let base: Database = match serde_json::from_value(serde_json::json!({
        "database_id": "", "database_name": "", "region": "global", "port": 6379,
        "state": "active", "tls": true, "budget": 360, "eviction": false,
        "customer_id": "operator@example.com", "db_max_clients": 10000,
        "db_max_request_size": 104_857_600, "db_disk_threshold": 107_374_182_400_i64,
        "db_max_entry_size": 104_857_600, "db_memory_threshold": 3_221_225_472_i64,
        "db_max_commands_per_second": 10000, "db_request_limit": 9_223_372_036_854_775_807_i64,
        "db_resource_size": "L", "db_type": "pebble", "db_acl_enabled": "false",
    })) {
        Ok(db) => db,
        Err(e) => panic!("base database: {e}"),
    };
    (0..n)
        .map(|i| {
            let primary = &REGIONS[i % REGIONS.len()];
            let reads: Vec<String> = REGIONS
                .iter()
                .filter(|r| r.platform == primary.platform && r.code != primary.code)
                .take(i % 3)
                .map(|r| r.code.to_string())
                .collect();
            let name = format!("{}-{i:05}", WORDS[i % WORDS.len()]);
            let mut db = base.clone();
            db.database_id = format!(
                "{:08x}-7d1e-4c0a-9f3b-{:012x}",
                i * 2_654_435_761 % (1 << 32),
                i
            );
            db.endpoint = Some(format!("{name}-{:05}.upstash.io", i * 7919 % 100_000));
            db.database_name = name;
            db.primary_region = Some(primary.code.to_string());
            db.primary_members = vec![primary.code.to_string()];
            db.all_members = std::iter::once(primary.code.to_string())
                .chain(reads.iter().cloned())
                .collect();
            db.read_regions = reads;
            db.plan = Some(PLANS[i % PLANS.len()].to_string());
            db.creation_time = Some(1_735_689_600 + (i as i64) * 3_600);
            db.password = Some(Secret::new(format!(
                "{:032x}",
                i as u128 * 0x9e37_79b9_7f4a_7c15
            )));
            db.rest_token = Some(Secret::new(format!(
                "AX{:058x}",
                i as u128 * 0x1234_5678_9abc
            )));
            db.read_only_rest_token = Some(Secret::new(format!(
                "Ah{:058x}",
                i as u128 * 0x0fed_cba9_8765
            )));
            db
        })
        .collect()
}
