//! Hostile text in every field a provider sends for Vector, Search and QStash never reaches
//! the terminal raw (tables, details, stats, errors), and `--json` stays exact JSON.

use crate::cli_hostile::{assert_clean, hostile};
use crate::support::cli::{Home, stderr, stdout};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::{Value, json};
use tokio::net::TcpListener;

fn index() -> Value {
    let h = hostile();
    json!({
        "id": "idx-1", "name": h, "region": h, "type": h, "similarity_function": h,
        "endpoint": h, "customer_id": h, "index_type": h, "embedding_model": h,
        "dimension_count": 8, "token": "tok", "read_only_token": "ro",
        "throughput_vector": [{"x": h, "y": 1}],
    })
}

fn qstash() -> Value {
    let h = hostile();
    json!({
        "id": "q-1", "region": h, "type": h, "state": h, "reserved_type": h,
        "customer_id": h, "token": "tok", "read_only_token": "ro", "budget": 0,
    })
}

fn stats() -> Value {
    let h = hostile();
    json!({
        "current_vector_count": 3, "days": [h], "query_latency_mean": [{"x": h, "y": 1.0}],
        "daily_qstash_messages": [{"id": h, "data_points": [{"x": h, "y": 2}]}],
    })
}

/// A Developer API whose every string is hostile and whose creates answer 400 echoing it.
async fn hostile_api() -> String {
    let refuse = || async {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": hostile()})),
        )
    };
    let router = Router::new()
        .route(
            "/v2/vector/index",
            get(|| async { axum::Json(json!([index()])) }).post(refuse),
        )
        .route(
            "/v2/vector/index/{id}",
            get(|| async { axum::Json(index()) }),
        )
        .route(
            "/v2/vector/index/{id}/stats",
            get(|| async { axum::Json(stats()) }),
        )
        .route("/v2/search", get(|| async { axum::Json(json!([index()])) }))
        .route("/v2/search/{id}", get(|| async { axum::Json(index()) }))
        .route(
            "/v2/qstash/users",
            get(|| async { axum::Json(json!([qstash()])) }),
        )
        .route(
            "/v2/qstash/user/{id}",
            get(|| async { axum::Json(qstash()) }),
        )
        .route(
            "/v2/qstash/stats/{id}",
            get(|| async { axum::Json(stats()) }),
        );
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

fn run(home: &Home, args: &[&str]) -> std::process::Output {
    home.updash()
        .env("UPSTASH_EMAIL", "ops@example.com")
        .env("UPSTASH_API_KEY", "key-1234")
        .env("UPDASH_HTTP_TIMEOUT_SECS", "5")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_product_text_is_escaped_everywhere() {
    let api = hostile_api().await;
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        home.config_dir().join("config.toml"),
        format!("[providers.upstash]\nkind = \"upstash\"\napi_base_url = \"{api}\"\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let cases: &[&[&str]] = &[
        &["vector", "list"],
        &["vector", "get", "idx-1", "--show-secrets"],
        &["vector", "stats", "idx-1"],
        &["vector", "env", "idx-1"],
        &["search", "list"],
        &["search", "get", "idx-1"],
        &["qstash", "list"],
        &["qstash", "get", "q-1"],
        &["qstash", "stats", "q-1"],
        &[
            "vector",
            "create",
            "--name",
            "ok",
            "--region",
            "us-east-1",
            "--similarity",
            "COSINE",
            "--dimensions",
            "3",
        ],
    ];
    for args in cases {
        let out = tokio::task::block_in_place(|| run(&home, args));
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let list = tokio::task::block_in_place(|| run(&home, &["vector", "list"]));
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(
        stdout(&list).contains("\\x1b]0;PWNED\\a"),
        "{}",
        stdout(&list)
    );
    let create = tokio::task::block_in_place(|| run(&home, cases[cases.len() - 1]));
    assert_eq!(create.status.code(), Some(1), "{}", stderr(&create));
    assert!(
        stderr(&create).contains("\\x1b]0;PWNED\\a"),
        "{}",
        stderr(&create)
    );
    for args in [
        &["vector", "list", "--json"][..],
        &["qstash", "get", "q-1", "--json"][..],
    ] {
        let out = tokio::task::block_in_place(|| run(&home, args));
        assert!(out.status.success(), "{}", stderr(&out));
        assert_clean(&format!("{args:?}"), &out.stdout);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let record = if v.is_array() { &v[0] } else { &v };
        assert_eq!(record["region"], hostile(), "the exact value survives");
        assert_eq!(record["token"], "********");
    }
}
