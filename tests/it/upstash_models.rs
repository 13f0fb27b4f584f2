//! The Developer API models against recorded-style fixtures (tests/fixtures/upstash/).

use updash::upstash::error_body::service_message;
use updash::upstash::models::{
    self, Limit, decode_database, decode_databases, decode_stats, decode_team_members,
    decode_teams, is_acknowledgement,
};
use updash::upstash::{NewApiKey, connection};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/upstash/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn database_with_credentials_decodes_every_typed_field() {
    let db = ok(decode_database(&fixture("database_with_credentials.json")));
    assert_eq!(db.database_id, "96ad0856-03b1-4ee7-9666-e81abd0349e1");
    assert_eq!(db.database_name, "MyRedis");
    assert_eq!(db.region.as_deref(), Some("global"));
    assert_eq!(db.port, Some(6379));
    assert_eq!(db.creation_time, Some(1_752_649_602));
    assert_eq!(db.plan.as_deref(), Some("paid"));
    assert_eq!(db.budget, Some(Limit::Value(360)));
    assert_eq!(db.read_regions, vec!["us-east-2"]);
    assert_eq!(db.all_members, vec!["us-east-1", "us-east-2"]);
    assert_eq!(
        db.db_request_limit,
        Some(Limit::Value(8_024_278_031_528_736_858))
    );
    assert_eq!(db.db_disk_threshold, Some(Limit::Value(107_374_182_400)));
    assert_eq!(db.db_conn_idle_timeout, Some(21_600_000_000_000));
    assert_eq!(db.db_acl_enabled, Some(false));
    assert_eq!(db.db_acl_default_user_status, Some(true));
    assert_eq!(db.prometheus_enabled, Some(false));
    assert_eq!(db.tls, Some(true));
    assert_eq!(
        db.security_addons.as_ref().and_then(|s| s.private_link),
        Some(true)
    );
    assert_eq!(db.owner(), Some("example@upstash.com"));
    assert_eq!(db.display_region(), "us-east-1");
    assert!(db.has_credentials());
    assert_eq!(
        db.password.as_ref().map(|p| p.expose()),
        Some("MARKER-password-0f9e8d7c6b5a49382716")
    );
    assert_eq!(
        db.rest_token.as_ref().map(|p| p.expose()),
        Some("AXXXMARKER-rest-token")
    );
    // Debug output of the whole model never shows a credential.
    assert!(!format!("{db:?}").contains("MARKER"));
    assert!(!format!("{:?}", db.without_credentials()).contains("MARKER"));
    let json = ok(serde_json::to_string(&db.without_credentials()));
    assert!(!json.contains("MARKER"));
}

#[test]
fn database_without_credentials_and_with_odd_encodings() {
    let db = ok(decode_database(&fixture(
        "database_hidden_credentials.json",
    )));
    assert!(
        !db.has_credentials(),
        "empty and null credentials read as absent"
    );
    assert!(db.read_regions.is_empty(), "null list reads as empty");
    assert_eq!(db.db_request_limit, Some(Limit::Unlimited));
    assert_eq!(
        db.db_acl_enabled,
        Some(true),
        "real boolean where a string is usual"
    );
    assert_eq!(db.prometheus_enabled, Some(true), "string boolean");
    assert_eq!(
        connection::host(&db).as_deref(),
        Ok("witty-otter-12345.upstash.io")
    );
    assert_eq!(
        connection::redis_url(&db),
        Err(connection::ConnectionError::NoPassword)
    );
}

#[test]
fn legacy_database_fields_are_kept() {
    let db = ok(decode_database(&fixture("database_legacy.json")));
    assert_eq!(db.database_type.as_deref(), Some("Pay as You Go"));
    assert_eq!(db.user_email.as_deref(), Some("owner@example.com"));
    assert_eq!(db.owner(), Some("owner@example.com"));
    assert_eq!(db.region.as_deref(), Some("eu-west-1"));
    assert_eq!(db.display_region(), "eu-west-1");
    assert_eq!(db.tls, Some(true));
    assert_eq!(db.port, Some(30143));
    assert_eq!(db.db_daily_bandwidth_limit, Some(Limit::Unlimited));
    assert_eq!(db.budget, Some(Limit::Unlimited));
    assert_eq!(db.db_max_clients, Some(Limit::Value(1000)));
    assert_eq!(db.db_max_commands_per_second, Some(Limit::Value(1000)));
    assert_eq!(db.multizone, Some(false));
    assert_eq!(db.allowed_ip_ranges, vec!["10.0.0.0/8"]);
    assert_eq!(
        connection::redis_url(&db).as_deref(),
        Ok("rediss://default:MARKER-legacy-password@eu1-legacy-30143.upstash.io:30143")
    );
}

#[test]
fn database_list_with_int64_max_and_beyond() {
    let dbs = ok(decode_databases(&fixture("databases_list.json")));
    assert_eq!(dbs.len(), 3);
    assert_eq!(dbs[0].db_request_limit, Some(Limit::Unlimited));
    assert_eq!(
        dbs[0].db_disk_threshold,
        Some(Limit::Unlimited),
        "int64 max + 1"
    );
    assert_eq!(
        dbs[0].db_memory_threshold,
        Some(Limit::Unlimited),
        "float beyond u64"
    );
    assert_eq!(dbs[0].eviction, Some(false));
    assert_eq!(dbs[0].tls, Some(true));
    assert_eq!(dbs[0].creation_time, Some(1_752_649_602));
    assert_eq!(dbs[1].database_name, "named-the-old-way");
    assert_eq!(dbs[1].port, Some(6379));
    assert_eq!(dbs[1].db_request_limit, Some(Limit::Value(10_000)));
    assert_eq!(dbs[2].database_name, "minimal");
    assert_eq!(dbs[2].plan, None);
    assert!(dbs[2].read_regions.is_empty());
}

#[test]
fn a_database_without_an_id_is_a_decode_error_without_values() {
    let err = match decode_databases(br#"[{"database_name":"x","password":"MARKER"}]"#) {
        Err(e) => e,
        Ok(_) => panic!("an ID is required"),
    };
    assert!(err.to_string().contains("database_id"));
    let api = updash::upstash::ApiError::Decode {
        action: "x".into(),
        detail: err.to_string(),
    };
    assert!(!api.to_string().contains("MARKER"));
}

#[test]
fn teams_and_members() {
    let teams = ok(decode_teams(&fixture("teams.json")));
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0].team_name, "test_team_name");
    assert_eq!(teams[0].copy_cc, Some(true));
    assert_eq!(teams[1].copy_cc, Some(false));
    assert_eq!(teams[1].member_role.as_deref(), Some("owner"));
    let members = ok(decode_team_members(&fixture("team_members.json")));
    assert_eq!(members.len(), 3);
    assert_eq!(members[0].member_role, "owner");
    assert_eq!(members[1].member_email, "dev@example.com");
    assert_eq!(members[1].copy_cc, None);
    assert_eq!(
        members[2].member_role, "Readonly",
        "unknown roles are kept as text"
    );
}

#[test]
fn stats_series_and_scalars() {
    let s = ok(decode_stats(&fixture("stats.json")));
    assert_eq!(s.daily_net_commands, Some(7));
    assert_eq!(s.dailybandwidth, Some(50_444_740_913));
    assert_eq!(s.total_monthly_billing, Some(0.42));
    assert_eq!(s.current_storage, Some(1024));
    assert_eq!(s.monitor_count.len(), 1);
    assert_eq!(
        s.keyspace.iter().map(|p| p.y).collect::<Vec<_>>(),
        vec![10.0, 12.0]
    );
    assert_eq!(s.throughput[0].y, 0.25);
    assert!(s.latency_99.is_empty());
    assert_eq!(s.read_latency_99[0].y, 0.0, "null point reads 0");
    assert_eq!(s.dailybilling[1].y, 1.333);
    assert_eq!(s.days.len(), 5);
    assert_eq!(s.command_counts[0].metric_identifier, "EXISTS");
    assert_eq!(s.command_counts[0].data_points[0].y, 3.0);
    assert_eq!(s.queue_optimized, Some(false));
    // An empty object is valid stats too.
    assert_eq!(ok(decode_stats(b"{}")), models::DatabaseStats::default());
}

#[test]
fn error_bodies_of_every_shape() {
    assert_eq!(
        service_message(&fixture("error_object.json")).as_deref(),
        Some("Unauthorized")
    );
    assert_eq!(
        service_message(&fixture("error_message.json")).as_deref(),
        Some("database not found")
    );
    assert_eq!(
        service_message(&fixture("error_string.json")).as_deref(),
        Some("regional db creation is deprecated")
    );
    assert_eq!(
        service_message(&fixture("error_plain.txt")).as_deref(),
        Some("upstream connect error or disconnect/reset before headers")
    );
    assert_eq!(service_message(&fixture("empty.json")), None);
}

#[test]
fn ok_and_empty_success_bodies_are_acknowledgements() {
    assert!(is_acknowledgement(&fixture("ok.json")));
    assert!(is_acknowledgement(&fixture("empty.json")));
    assert!(is_acknowledgement(b"OK"));
    assert!(!is_acknowledgement(&fixture("database_legacy.json")));
}

#[test]
fn api_key_response() {
    let key: NewApiKey = ok(serde_json::from_slice(&fixture("apikey.json")));
    assert_eq!(key.api_key.expose(), "MARKER-minted-key");
    assert_eq!(key.name.as_deref(), Some("UPDASH_API_KEY_1760000000"));
    assert!(!format!("{key:?}").contains("MARKER"));
}

#[test]
fn backups_decode_string_and_real_booleans_and_ignore_unknown_fields() {
    let backups = ok(models::decode_backups(&fixture("backups.json")));
    assert_eq!(backups.len(), 2);
    let first = &backups[0];
    assert_eq!(first.backup_id, "1d62p45b-c567-1239-b23e-449ads33a62e");
    assert_eq!(first.name, "test");
    assert_eq!(first.creation_time, Some(1_757_000_716));
    assert_eq!(first.state.as_deref(), Some("completed"));
    assert_eq!(first.backup_size, Some(48_213));
    assert_eq!(first.daily_backup, Some(false));
    assert_eq!(first.hourly_backup, Some(false));
    // The older `backup_name`, a numeric string time, a real boolean, no size.
    let second = &backups[1];
    assert_eq!(second.name, "nightly");
    assert_eq!(second.creation_time, Some(1_757_087_116));
    assert_eq!(second.daily_backup, Some(true));
    assert_eq!(second.backup_size, None);
    assert!(models::decode_backups(b"{\"error\":\"x\"}").is_err());
}
