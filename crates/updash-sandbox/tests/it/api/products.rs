//! Vector, Search and QStash over real HTTP: the OpenAPI shapes (field names and JSON
//! types, "OK" bodies, error bodies), refusals, and persistence across restarts.

use super::{Env, Key, error_text, send};
use reqwest::Method;
use serde_json::{Value, json};
use updash_sandbox::Options;
use updash_sandbox::api::SEEDED_TEAM_ID;

/// The fields of `VectorIndex` in the OpenAPI document, and the JSON type of each.
const VECTOR_FIELDS: &[(&str, &str)] = &[
    ("customer_id", "string"),
    ("id", "string"),
    ("name", "string"),
    ("similarity_function", "string"),
    ("dimension_count", "number"),
    ("endpoint", "string"),
    ("token", "string"),
    ("read_only_token", "string"),
    ("type", "string"),
    ("region", "string"),
    ("max_vector_count", "number"),
    ("max_daily_updates", "number"),
    ("max_daily_queries", "number"),
    ("max_monthly_bandwidth", "number"),
    ("max_writes_per_second", "number"),
    ("max_query_per_second", "number"),
    ("max_reads_per_request", "number"),
    ("max_writes_per_request", "number"),
    ("max_total_metadata_size", "number"),
    ("reserved_price", "number"),
    ("creation_time", "number"),
    ("index_type", "string"),
    ("throughput_vector", "array"),
];

/// Optional `VectorIndex` fields (sent only for indexes with managed embeddings).
const VECTOR_OPTIONAL: &[&str] = &["embedding_model", "sparse_embedding_model"];

const SEARCH_FIELDS: &[(&str, &str)] = &[
    ("customer_id", "string"),
    ("id", "string"),
    ("name", "string"),
    ("endpoint", "string"),
    ("type", "string"),
    ("region", "string"),
    ("vercel_email", "string"),
    ("token", "string"),
    ("read_only_token", "string"),
    ("max_vector_count", "number"),
    ("max_monthly_reranks", "number"),
    ("max_daily_updates", "number"),
    ("max_daily_queries", "number"),
    ("max_monthly_bandwidth", "number"),
    ("max_writes_per_second", "number"),
    ("max_query_per_second", "number"),
    ("max_reads_per_request", "number"),
    ("max_writes_per_request", "number"),
    ("creation_time", "number"),
    ("input_enrichment_enabled", "boolean"),
    ("throughput_vector", "array"),
];

const QSTASH_FIELDS: &[(&str, &str)] = &[
    ("customer_id", "string"),
    ("id", "string"),
    ("token", "string"),
    ("read_only_token", "string"),
    ("active", "boolean"),
    ("state", "string"),
    ("last_plan_upgrade_time", "number"),
    ("max_message_size", "number"),
    ("max_requests_per_day", "number"),
    ("max_requests_per_day_hard", "number"),
    ("max_endpoints_per_topic", "number"),
    ("max_requests_per_second", "number"),
    ("max_dlq_size", "number"),
    ("max_retries", "number"),
    ("max_topics", "number"),
    ("max_schedules", "number"),
    ("max_events_size", "number"),
    ("max_dlq_retention_time_milis", "number"),
    ("max_delay", "number"),
    ("max_parallelism", "number"),
    ("max_global_parallelism", "number"),
    ("max_queues", "number"),
    ("max_bandwidth_per_second", "number"),
    ("prod_pack_enabled", "boolean"),
    ("prometheus_enabled", "string"),
    ("timeout", "number"),
    ("type", "string"),
    ("region", "string"),
    ("reserved_type", "string"),
    ("reserved_price", "number"),
    ("created_by", "string"),
    ("creation_time", "number"),
    ("deletion_time", "number"),
    ("budget", "number"),
];

const GLOBAL_STATS_FIELDS: &[(&str, &str)] = &[
    ("record_count", "number"),
    ("request", "number"),
    ("bandwidth", "number"),
    ("storage", "number"),
    ("billing", "number"),
    ("rerank_count", "number"),
];

fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Asserts `record` has exactly the schema's fields (plus `optional` ones) with its types.
#[track_caller]
fn assert_shape(record: &Value, fields: &[(&str, &str)], optional: &[&str]) {
    let obj = record.as_object().expect("an object");
    for (name, ty) in fields {
        let value = obj
            .get(*name)
            .unwrap_or_else(|| panic!("{name} missing: {record}"));
        assert_eq!(type_of(value), *ty, "{name}: {value}");
    }
    for key in obj.keys() {
        assert!(
            fields.iter().any(|(n, _)| n == key) || optional.contains(&key.as_str()),
            "{key} is not in the schema"
        );
    }
}

async fn list(env: &Env, path: &str, key: Key) -> Vec<Value> {
    let (status, body) = env.get(path, key).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().cloned().expect("array")
}

#[tokio::test]
async fn records_have_the_openapi_shapes() {
    let env = Env::start().await;
    let vectors = list(&env, "/v2/vector/index", Key::Personal).await;
    assert_eq!(vectors.len(), 3);
    for v in &vectors {
        assert_shape(v, VECTOR_FIELDS, VECTOR_OPTIONAL);
    }
    assert_eq!(vectors[0]["max_monthly_bandwidth"], -1, "unlimited is -1");
    for s in list(&env, "/v2/search", Key::Personal).await {
        assert_shape(&s, SEARCH_FIELDS, &[]);
    }
    let qstash = list(&env, "/v2/qstash/users", Key::Personal).await;
    assert_eq!(qstash.len(), 2);
    for q in &qstash {
        assert_shape(q, QSTASH_FIELDS, &[]);
    }
    for path in ["/v2/vector/index/stats", "/v2/search/stats"] {
        let (status, body) = env.get(path, Key::Personal).await;
        assert_eq!(status, 200);
        assert_shape(&body, GLOBAL_STATS_FIELDS, &[]);
    }
    let id = vectors[0]["id"].as_str().expect("id");
    let (_, stats) = env
        .get(
            &format!("/v2/vector/index/{id}/stats?period=3h"),
            Key::Personal,
        )
        .await;
    for series in ["query_throughput", "vector_count", "daily_query_requests"] {
        let points = stats[series].as_array().expect(series);
        assert!(
            points
                .iter()
                .all(|p| p["x"].is_string() && p["y"].is_number())
        );
    }
    assert!(stats["monthly_cost"].is_number() && stats["days"].is_array());
    let qid = qstash[0]["id"].as_str().expect("id");
    let (_, stats) = env
        .get(&format!("/v2/qstash/stats/{qid}"), Key::Personal)
        .await;
    assert!(stats["daily_requests"][0]["workflow_run"].is_number());
    assert!(stats["daily_qstash_messages"][0]["data_points"].is_array());
    assert!(stats["total_monthly_billing"].is_number());
    // No sign-in needed for the public address list.
    let (status, ips) = send(env.http.get(env.url("/v2/qstash/ipv4"))).await;
    assert_eq!(status, 200);
    assert!(
        ips.as_array()
            .is_some_and(|a| a.iter().all(Value::is_string))
    );
    env.stop().await;
}

#[tokio::test]
async fn changes_answer_ok_and_errors_answer_like_redis() {
    let env = Env::start().await;
    let vectors = list(&env, "/v2/vector/index", Key::Personal).await;
    let id = vectors[1]["id"].as_str().expect("id");
    for (path, body) in [
        (
            format!("/v2/vector/index/{id}/rename"),
            json!({"name": "renamed"}),
        ),
        (format!("/v2/vector/index/{id}/reset-password"), json!({})),
        (
            format!("/v2/vector/index/{id}/setplan"),
            json!({"target_plan": "payg"}),
        ),
    ] {
        let (status, answer) = env.post(&path, body).await;
        assert_eq!((status, answer), (200, json!("OK")), "{path}");
    }
    // Unknown ids, other accounts' records: 404 with an error object.
    let team = list(&env, "/v2/vector/index", Key::Team).await;
    let team_id = team[0]["id"].as_str().expect("id");
    for path in [
        format!("/v2/vector/index/{team_id}"),
        "/v2/vector/index/no-such-id".to_owned(),
        "/v2/search/no-such-id".to_owned(),
        "/v2/qstash/user/no-such-id".to_owned(),
    ] {
        let (status, body) = env.get(&path, Key::Personal).await;
        assert_eq!(status, 404, "{path}");
        assert!(error_text(&body).ends_with("not found"), "{body}");
    }
    // Bad bodies: 400 with the rule.
    for (path, body, says) in [
        (
            "/v2/vector/index",
            json!({"name": "a"}),
            "region is required",
        ),
        (
            "/v2/vector/index",
            json!({"name": "a", "region": "us-east-1", "similarity_function": "COSINE", "dimension_count": 1.5}),
            "dimension_count must be a whole number",
        ),
        (
            "/v2/vector/index",
            json!({"name": "a", "region": "us-east-1", "similarity_function": "COSINE", "dimension_count": 8, "index_type": "SPARSE"}),
            "a SPARSE index has no dimension",
        ),
        (
            "/v2/search",
            json!({"name": "a", "region": "eu-west-1"}),
            "type is required",
        ),
        ("/v2/qstash/move-to-team", json!({}), "invalid JSON body"),
    ] {
        let (status, answer) = env.post(path, body).await;
        assert_eq!(status, 400, "{path}: {answer}");
        assert!(error_text(&answer).contains(says), "{answer}");
    }
    let (status, body) = send(
        env.req(Method::POST, "/v2/vector/index", Key::Personal)
            .body("{not json"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(error_text(&body).starts_with("invalid JSON body"), "{body}");
    let (status, _) = send(env.http.get(env.url("/v2/vector/index"))).await;
    assert_eq!(status, 401);
    let (status, body) = send(env.req(
        Method::DELETE,
        &format!("/v2/vector/index/{id}"),
        Key::ReadOnly,
    ))
    .await;
    assert_eq!(status, 403);
    assert!(error_text(&body).contains("Readonly API key"));
    let (status, answer) = send(env.req(
        Method::DELETE,
        &format!("/v2/vector/index/{id}"),
        Key::Personal,
    ))
    .await;
    assert_eq!((status, answer), (200, json!("OK")));
    env.stop().await;
}

#[tokio::test]
async fn products_persist_and_older_state_files_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = Options {
        data_dir: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let env = Env::with(opts.clone()).await;
    let (status, made) = env
        .post(
            "/v2/vector/index",
            json!({"name": "kept", "region": "us-central1", "similarity_function": "EUCLIDEAN", "dimension_count": 12}),
        )
        .await;
    assert_eq!(status, 200, "{made}");
    let qstash = list(&env, "/v2/qstash/users", Key::Personal).await;
    let qid = qstash[0]["id"].as_str().expect("id").to_owned();
    let (status, rotated) = env
        .post(&format!("/v2/qstash/rotate-token/{qid}"), json!({}))
        .await;
    assert_eq!(status, 200);
    assert_ne!(rotated["token"], qstash[0]["token"]);
    env.stop().await;

    let env = Env::with(opts.clone()).await;
    let id = made["id"].as_str().expect("id");
    let (status, again) = env
        .get(&format!("/v2/vector/index/{id}"), Key::Personal)
        .await;
    assert_eq!(status, 200);
    assert_eq!(again["token"], made["token"]);
    let (_, user) = env
        .get(&format!("/v2/qstash/user/{qid}"), Key::Personal)
        .await;
    assert_eq!(user["token"], rotated["token"]);
    env.stop().await;

    // A state file from before the products: they load empty; QStash appears on listing.
    let path = dir.path().join("state.json");
    let mut saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("state")).expect("json");
    let api = saved
        .get_mut("api")
        .and_then(Value::as_object_mut)
        .expect("api");
    for key in ["vector_indexes", "search_indexes", "qstash"] {
        assert!(api.remove(key).is_some(), "{key} saved");
    }
    std::fs::write(&path, serde_json::to_vec(&saved).expect("json")).expect("write");
    let env = Env::with(opts).await;
    assert!(
        list(&env, "/v2/vector/index", Key::Personal)
            .await
            .is_empty()
    );
    assert!(list(&env, "/v2/search", Key::Personal).await.is_empty());
    assert_eq!(list(&env, "/v2/qstash/users", Key::Personal).await.len(), 2);
    assert_eq!(
        env.list(Key::Personal).await.len(),
        6,
        "databases untouched"
    );
    env.stop().await;
}

#[tokio::test]
async fn vector_and_search_indexes_rename_rotate_move_and_delete_alike() {
    let env = Env::start().await;
    let taken = |name: &str| format!("an index named \"{name}\" already exists in this account");
    for (base, kind, new) in [
        (
            "/v2/vector/index",
            "vector index",
            json!({"name": "alike", "region": "us-east-1", "similarity_function": "COSINE", "dimension_count": 8}),
        ),
        (
            "/v2/search",
            "search index",
            json!({"name": "alike", "region": "eu-west-1", "type": "payg"}),
        ),
    ] {
        let (status, made) = env.post(base, new.clone()).await;
        assert_eq!(status, 200, "{made}");
        let id = made["id"].as_str().expect("id").to_owned();
        let at = format!("{base}/{id}");
        let (status, again) = env.post(base, new.clone()).await;
        assert_eq!(status, 400, "{base}");
        assert!(error_text(&again).starts_with(&taken("alike")), "{again}");
        let (status, body) = env.get(&format!("{base}/no-such-id"), Key::Personal).await;
        assert_eq!(
            (status, error_text(&body)),
            (404, format!("{kind} not found"))
        );

        let (status, ok) = env
            .post(&format!("{at}/rename"), json!({"name": "alike-2"}))
            .await;
        assert_eq!((status, ok), (200, json!("OK")), "{base}");
        let (status, ok) = env.post(&format!("{at}/reset-password"), json!({})).await;
        assert_eq!((status, ok), (200, json!("OK")), "{base}");
        let (_, now) = env.get(&at, Key::Personal).await;
        assert_eq!(now["name"], "alike-2");
        assert_ne!(now["token"], made["token"], "{base}");
        assert_ne!(now["read_only_token"], made["read_only_token"], "{base}");
        let (status, stats) = env
            .get(&format!("{at}/stats?period=1h"), Key::Personal)
            .await;
        assert_eq!(status, 200, "{stats}");
        let (status, totals) = env.get(&format!("{base}/stats"), Key::Personal).await;
        assert_eq!(status, 200, "{totals}");

        // The team already has an index of that name: the move is refused, nothing moves.
        let mut clash = new.clone();
        clash["name"] = json!("alike-2");
        let (status, body) = send(
            env.req(Method::POST, base, Key::Team)
                .body(clash.to_string()),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let team_copy = body["id"].as_str().expect("id").to_owned();
        let to_team = json!({"target_account": SEEDED_TEAM_ID});
        let (status, body) = env.post(&format!("{at}/transfer"), to_team.clone()).await;
        assert_eq!(status, 400, "{base}");
        assert!(error_text(&body).starts_with(&taken("alike-2")), "{body}");
        let (status, ok) =
            send(env.req(Method::DELETE, &format!("{base}/{team_copy}"), Key::Team)).await;
        assert_eq!((status, ok), (200, json!("OK")), "{base}");

        let (status, ok) = env.post(&format!("{at}/transfer"), to_team).await;
        assert_eq!((status, ok), (200, json!("OK")), "{base}");
        let (status, _) = env.get(&at, Key::Personal).await;
        assert_eq!(status, 404, "{base}: gone from the personal account");
        let (status, moved) = env.get(&at, Key::Team).await;
        assert_eq!(
            (status, &moved["customer_id"]),
            (200, &json!(SEEDED_TEAM_ID))
        );
        let (status, ok) = send(env.req(Method::DELETE, &at, Key::Team)).await;
        assert_eq!((status, ok), (200, json!("OK")), "{base}");
        let (status, _) = env.get(&at, Key::Team).await;
        assert_eq!(status, 404, "{base}: deleted");
    }
    env.stop().await;
}
