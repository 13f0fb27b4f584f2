//! The real-Redis backend's own duties: one logical database per sandbox database, freed
//! and emptied on delete, a clear error when the server has too few, seeding, the SCAN cap,
//! and no password in any error.

use super::redis_server::{RedisServer, free_port};
use super::{DataEnv, send};
use serde_json::json;
use updash_common::secret::Secret;
use updash_sandbox::data::DataBackend;
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// DBSIZE of logical database `index`, asked of Redis directly.
async fn raw_dbsize(url: &str, index: u32) -> i64 {
    let client = redis::Client::open(format!("{url}/{index}")).expect("client");
    let mut conn = client
        .get_multiplexed_async_connection()
        .await
        .expect("connect");
    redis::cmd("DBSIZE")
        .query_async(&mut conn)
        .await
        .expect("dbsize")
}

#[tokio::test]
#[ignore = "needs redis-server"]
async fn each_database_has_its_own_logical_database_emptied_when_deleted() {
    let server = RedisServer::start(16);
    let mut first = DataEnv::redis(&server.url()).await;
    assert!(
        first.result(json!(["DBSIZE"])).await.as_i64() > Some(0),
        "demo data seeded"
    );
    assert_eq!(
        first.result(json!(["TYPE", "leaderboard:global"])).await,
        "zset"
    );
    let slots = first.sandbox.shared().state().data.redis_slots.clone();
    assert_eq!(slots.len(), updash_sandbox::api::SEEDED_DATABASES);
    let slot = slots[&first.db_id];
    first.cmd(json!(["FLUSHDB"])).await;
    assert_eq!(first.result(json!(["SET", "only-here", 1])).await, "OK");
    assert_eq!(raw_dbsize(&server.url(), slot).await, 1);
    first.use_database(1);
    assert_ne!(slots[&first.db_id], slot);
    assert_eq!(first.result(json!(["EXISTS", "only-here"])).await, 0);
    first.use_database(2);
    let victim = first.db_id.clone();
    let victim_slot = first.sandbox.shared().state().data.redis_slots[&victim];
    assert!(raw_dbsize(&server.url(), victim_slot).await > 0);
    let delete = first
        .http
        .delete(format!(
            "{}/v2/redis/database/{victim}",
            first.sandbox.url()
        ))
        .basic_auth(SEEDED_EMAIL, Some(SEEDED_API_KEY));
    assert_eq!(send(delete).await.0, 200);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        raw_dbsize(&server.url(), victim_slot).await,
        0,
        "emptied on delete"
    );
    assert!(
        !first
            .sandbox
            .shared()
            .state()
            .data
            .redis_slots
            .contains_key(&victim)
    );
    first.stop().await;
}

#[tokio::test]
#[ignore = "needs redis-server"]
async fn too_few_logical_databases_is_a_clear_error() {
    let server = RedisServer::start(4);
    let err = Sandbox::start(Options {
        data_backend: DataBackend::Redis(Secret::new(server.url())),
        ..Options::default()
    })
    .await
    .err()
    .expect("refused");
    let text = err.to_string();
    assert!(
        text.contains("4 logical databases") && text.contains("--databases"),
        "{text}"
    );
}

#[tokio::test]
#[ignore = "needs redis-server"]
async fn one_scan_call_examines_about_a_thousand_keys_on_redis_too() {
    let server = RedisServer::start(16);
    let env = DataEnv::with(Options {
        data_backend: DataBackend::Redis(Secret::new(server.url())),
        seed_keys: 5000,
        ..Options::default()
    })
    .await;
    let page = env
        .result(json!(["SCAN", 0, "COUNT", 5000, "WITHTYPE"]))
        .await;
    let items = page[1].as_array().map_or(0, Vec::len) / 2;
    assert!((900..=1100).contains(&items), "{items} keys in one call");
    assert_ne!(page[0], "0");
    env.stop().await;
}

#[tokio::test]
async fn an_unreachable_redis_is_named_without_its_password() {
    let port = free_port();
    let url = format!("redis://:hunter2-secret@127.0.0.1:{port}");
    let err = Sandbox::start(Options {
        data_backend: DataBackend::Redis(Secret::new(url)),
        ..Options::default()
    })
    .await
    .err()
    .expect("refused");
    let text = format!("{err:#} {err:?}");
    assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}
