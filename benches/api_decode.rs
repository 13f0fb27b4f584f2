//! Decoding a list of 10,000 databases, the largest response the dashboard reads.

// The generated database object is one large `json!` literal.
#![recursion_limit = "256"]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use updash::upstash::models::decode_databases;

/// A `GET /v2/redis/databases` body with `count` full database objects.
fn databases_json(count: usize) -> Vec<u8> {
    let regions = ["us-east-1", "eu-west-1", "ap-southeast-1", "us-central1"];
    let items: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let region = regions[i % regions.len()];
            serde_json::json!({
                "database_id": format!("00000000-0000-4000-8000-{i:012}"),
                "database_name": format!("db-{i}"),
                "region": "global",
                "port": 6379,
                "creation_time": 1_752_649_602 + i as u64,
                "state": "active",
                "endpoint": format!("db-{i}-{}.upstash.io", 10_000 + i),
                "tls": true,
                "type": if i % 3 == 0 { "free" } else { "payg" },
                "budget": 360,
                "primary_region": region,
                "read_regions": ["us-east-2"],
                "primary_members": [region],
                "all_members": [region, "us-east-2"],
                "eviction": i % 2 == 0,
                "auto_upgrade": false,
                "consistent": false,
                "modifying_state": "",
                "db_max_clients": 10_000,
                "db_max_request_size": 10_485_760,
                "db_disk_threshold": 107_374_182_400u64,
                "db_max_entry_size": 104_857_600,
                "db_memory_threshold": 3_221_225_472u64,
                "db_max_commands_per_second": 10_000,
                "db_request_limit": 9_223_372_036_854_775_807u64,
                "db_resource_size": "L",
                "db_type": "pebble",
                "db_conn_idle_timeout": 21_600_000_000_000u64,
                "db_lua_timeout": 250_000_000,
                "db_lua_credits_per_min": 10_000_000_000u64,
                "db_store_max_idle": 900_000_000_000u64,
                "db_max_loads_per_sec": 1_000_000,
                "db_acl_enabled": "false",
                "db_acl_default_user_status": "true",
                "db_eviction": false,
                "last_plan_upgrade_time": 0,
                "replicas": 5,
                "customer_id": "ops@example.com",
                "daily_backup_enabled": false,
                "securityAddons": {"ipWhitelisting": false, "vpcPeering": false,
                    "privateLink": false, "tlsMutualAuth": false, "encryptionAtRest": false},
                "prometheus_enabled": "false",
                "prod_pack_enabled": false,
                "password": format!("{i:032x}"),
                "rest_token": format!("AX{i:060}"),
                "read_only_rest_token": format!("An{i:060}"),
            })
        })
        .collect();
    serde_json::to_vec(&items).unwrap_or_default()
}

fn decode_10k(c: &mut Criterion) {
    let body = databases_json(10_000);
    // Benchmark a decode that works, not a fast failure.
    assert_eq!(decode_databases(&body).map(|d| d.len()).ok(), Some(10_000));
    let mut group = c.benchmark_group("api_decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(20);
    group.bench_function("decode 10,000 databases", |b| {
        b.iter(|| {
            let dbs = decode_databases(black_box(&body));
            black_box(dbs.map(|d| d.len()).unwrap_or(0))
        })
    });
    group.finish();
}

criterion_group!(benches, decode_10k);
criterion_main!(benches);
