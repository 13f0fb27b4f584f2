//! Reading and creating databases: the wire shape, `?credentials=hide`, create bodies and rules.

use super::{Env, Key, error_text, send};
use reqwest::Method;
use serde_json::{Value, json};
use updash_sandbox::SEEDED_EMAIL;

fn is_hex32(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit()))
}

#[tokio::test]
async fn databases_have_the_real_shape_and_quirks() {
    let env = Env::start().await;
    let all = env.list(Key::Personal).await;
    // Two databases share a name, as the real service allows.
    assert_eq!(
        all.iter().filter(|d| d["database_name"] == "cache").count(),
        2
    );
    let platforms: Vec<_> = all
        .iter()
        .map(|d| d["primary_region"].as_str().unwrap_or(""))
        .collect();
    assert!(platforms.contains(&"us-central1") && platforms.contains(&"us-east-1"));
    for plan in ["free", "payg", "paid"] {
        assert!(all.iter().any(|d| d["type"] == plan), "{plan}");
    }
    let db = all
        .iter()
        .find(|d| d["database_name"] == "sessions-prod")
        .expect("seeded");
    assert_eq!(db["region"], "global");
    assert_eq!(db["port"], 6379);
    assert_eq!(db["state"], "active");
    assert_eq!(db["tls"], true);
    assert_eq!(db["type"], "payg");
    assert_eq!(db["budget"], 360);
    assert_eq!(db["primary_region"], "us-east-1");
    assert_eq!(db["read_regions"], json!(["us-west-2", "eu-west-1"]));
    assert_eq!(db["primary_members"], json!(["us-east-1"]));
    assert_eq!(
        db["all_members"],
        json!(["us-east-1", "us-west-2", "eu-west-1"])
    );
    assert_eq!(db["consistent"], false);
    assert_eq!(db["modifying_state"], "");
    assert_eq!(db["db_request_limit"].as_i64(), Some(i64::MAX));
    assert_eq!(db["db_acl_enabled"], "false");
    assert_eq!(db["prometheus_enabled"], "false");
    assert_eq!(db["securityAddons"]["ipWhitelisting"], false);
    assert_eq!(db["customer_id"], SEEDED_EMAIL);
    assert!(is_hex32(&db["password"]));
    assert!(
        db["rest_token"]
            .as_str()
            .is_some_and(|t| t.starts_with('A') && t.len() > 40)
    );
    assert!(db["read_only_rest_token"].is_string());
    let endpoint = db["endpoint"].as_str().expect("endpoint");
    let host = endpoint
        .strip_suffix(".upstash.io")
        .expect("upstash.io host");
    let (name, digits) = host.rsplit_once('-').expect("name-digits");
    assert_eq!((name, digits.len()), ("sessions-prod", 5));
    assert!(db["database_id"].as_str().is_some_and(|id| id.len() == 36));
    assert!(
        db["creation_time"]
            .as_i64()
            .is_some_and(|t| t > 1_600_000_000)
    );
    let free = all.iter().find(|d| d["type"] == "free").expect("free db");
    assert!(
        free["db_request_limit"]
            .as_i64()
            .is_some_and(|n| n < i64::MAX)
    );
    env.stop().await;
}

#[tokio::test]
async fn get_one_with_and_without_credentials() {
    let env = Env::start().await;
    let id = env.id_of("rate-limiter", Key::Personal).await;
    let (status, full) = env
        .get(&format!("/v2/redis/database/{id}"), Key::Personal)
        .await;
    assert_eq!(status, 200);
    assert!(is_hex32(&full["password"]));
    let (status, hidden) = env
        .get(
            &format!("/v2/redis/database/{id}?credentials=hide"),
            Key::Personal,
        )
        .await;
    assert_eq!(status, 200);
    for field in ["password", "rest_token", "read_only_rest_token"] {
        assert!(hidden.get(field).is_none(), "{field} leaked");
    }
    assert_eq!(hidden["database_name"], "rate-limiter");
    assert_eq!(hidden["primary_region"], "us-central1");
    let (status, body) = env.get("/v2/redis/database/nope", Key::Personal).await;
    assert_eq!(status, 404);
    assert_eq!(body, json!({"error": "database not found"}));
    env.stop().await;
}

#[tokio::test]
async fn create_with_the_current_and_the_older_body() {
    let env = Env::start().await;
    let (status, db) = env
        .post(
            "/v2/redis/database",
            json!({"database_name": "orders", "platform": "aws", "primary_region": "eu-west-1",
                   "read_regions": ["eu-central-1", "us-east-1"], "plan": "fixed_10gb",
                   "eviction": true, "budget": 0, "tls": true}),
        )
        .await;
    assert_eq!(status, 200, "{db}");
    assert_eq!(db["database_name"], "orders");
    assert_eq!(db["type"], "paid");
    assert_eq!(db["eviction"], true);
    assert_eq!(
        db["all_members"],
        json!(["eu-west-1", "eu-central-1", "us-east-1"])
    );
    assert_eq!(db["customer_id"], SEEDED_EMAIL);
    assert!(is_hex32(&db["password"]));
    let (status, older) = env
        .post(
            "/v2/redis/database",
            json!({"name": "orders", "region": "global", "primary_region": "us-central1"}),
        )
        .await;
    assert_eq!(status, 200, "{older}");
    assert_eq!(older["type"], "payg");
    assert_eq!(older["primary_region"], "us-central1");
    let (status, _) = env
        .post(
            "/v2/redis/database",
            json!({"database_name": "x1", "region": "global", "primary_region": "us-east-1"}),
        )
        .await;
    assert_eq!(status, 200);
    let all = env.list(Key::Personal).await;
    assert_eq!(all.len(), 9);
    assert_eq!(
        all.iter()
            .filter(|d| d["database_name"] == "orders")
            .count(),
        2
    );
    // A team key creates in the team.
    let (status, team_db) = send(
        env.req(Method::POST, "/v2/redis/database", Key::Team)
            .json(&json!({"database_name": "t", "platform": "gcp", "primary_region": "us-east4"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(team_db["customer_id"], updash_sandbox::api::SEEDED_TEAM_ID);
    assert_eq!(env.list(Key::Team).await.len(), 3);
    env.stop().await;
}

#[tokio::test]
async fn regional_create_answers_a_bare_json_string() {
    let env = Env::start().await;
    let resp = env
        .req(Method::POST, "/v2/redis/database", Key::Personal)
        .json(&json!({"name": "old", "region": "eu-west-1"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status(), 400);
    assert_eq!(
        resp.text().await.expect("body"),
        "\"regional db creation is deprecated\""
    );
    env.stop().await;
}

#[tokio::test]
async fn create_validation_errors_are_clear_400s() {
    let env = Env::start().await;
    let ok = json!({"database_name": "ok", "platform": "aws", "primary_region": "us-east-1"});
    let with = |k: &str, v: Value| {
        let mut b = ok.clone();
        b[k] = v;
        b
    };
    let cases = [
        (
            json!({"platform": "aws", "primary_region": "us-east-1"}),
            "database_name is required",
        ),
        (
            with("database_name", json!("bad name!")),
            "letter, digit, '-' or '_'",
        ),
        (with("database_name", json!("x".repeat(65))), "1 to 64"),
        (
            with("platform", json!("azure")),
            "must be \"aws\" or \"gcp\"",
        ),
        (
            json!({"database_name": "a", "primary_region": "us-east-1"}),
            "platform is required",
        ),
        (
            json!({"database_name": "a", "platform": "aws"}),
            "primary_region is required",
        ),
        (
            with("primary_region", json!("mars-1")),
            "not a region Upstash offers",
        ),
        (
            with("primary_region", json!("us-central1")),
            "is a gcp region, but platform is \"aws\"",
        ),
        (
            with("read_regions", json!(["us-central1"])),
            "must be on the primary region's platform",
        ),
        (
            with("read_regions", json!(["us-east-1"])),
            "cannot also be a read region",
        ),
        (
            with("read_regions", json!(["eu-west-1", "eu-west-1"])),
            "listed twice",
        ),
        (
            with("read_regions", json!(["nowhere-9"])),
            "not a region Upstash offers",
        ),
        (
            json!({"database_name": "f", "platform": "aws", "primary_region": "us-east-1",
                   "plan": "free", "read_regions": ["eu-west-1", "us-west-2"]}),
            "at most one read region",
        ),
        (
            with("plan", json!("enterprise")),
            "invalid plan \"enterprise\": must be one of free, payg",
        ),
        (with("budget", json!(-1)), "must be zero or more"),
        (with("budget", json!("lots")), "invalid JSON body"),
        (
            with("read_regions", json!("eu-west-1")),
            "invalid JSON body",
        ),
        (json!([1, 2]), "invalid JSON body"),
    ];
    for (body, words) in cases {
        let (status, answer) = env.post("/v2/redis/database", body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert!(error_text(&answer).contains(words), "{body} -> {answer}");
    }
    for raw in ["{not json", ""] {
        let (status, answer) = send(
            env.req(Method::POST, "/v2/redis/database", Key::Personal)
                .header("content-type", "application/json")
                .body(raw),
        )
        .await;
        assert_eq!(status, 400, "{raw:?}");
        assert!(!error_text(&answer).is_empty(), "{answer}");
    }
    let huge = format!("{{\"database_name\": \"{}\"}}", "x".repeat(100_000));
    let (status, answer) = send(
        env.req(Method::POST, "/v2/redis/database", Key::Personal)
            .body(huge),
    )
    .await;
    assert_eq!(status, 413);
    assert!(error_text(&answer).contains("too large"), "{answer}");
    assert_eq!(
        env.list(Key::Personal).await.len(),
        6,
        "nothing was created"
    );
    env.stop().await;
}

#[tokio::test]
async fn wrong_methods_and_paths() {
    let env = Env::start().await;
    let (status, _) = env.get("/v2/redis/database", Key::Personal).await;
    assert_eq!(status, 405);
    let (status, _) = send(env.req(Method::POST, "/v2/redis/update-budget/x", Key::Personal)).await;
    assert_eq!(status, 405);
    let (status, _) = env.get("/v2/redis/nothing-here", Key::Personal).await;
    assert_eq!(status, 404);
    env.stop().await;
}
