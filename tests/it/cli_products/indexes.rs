//! `vector` and `search`: list, get, create, rename, stats, env, set-plan, transfer and
//! delete; text and JSON; tokens masked; names; bad input.

use super::{id_named, records, tokens};
use crate::cli_db::{Env, assert_no_secrets, fails, ok, ok_json};

#[test]
fn list_and_get_mask_tokens_in_text_and_json() {
    let env = Env::start();
    let secrets = tokens(&env, "/v2/vector/index");
    assert_eq!(secrets.len(), 6, "three indexes, two tokens each");
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();

    let text = ok(&env.run(&["vector", "list"]));
    assert!(text.starts_with("ID "), "{text}");
    assert_eq!(text.lines().count(), 4, "header and three indexes: {text}");
    assert!(text.contains("docs-embeddings") && text.contains("us-east-1"));

    let json = ok_json(&env.run(&["vector", "list", "--json"]));
    let list = json.as_array().expect("array");
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|i| i["token"] == "********"));
    assert_eq!(list[0]["dimension_count"], 1536, "numbers stay numbers");
    assert!(
        list[0]["throughput_vector"].is_array(),
        "every field as sent"
    );

    let detail = ok(&env.run(&["vector", "get", "docs-embeddings"]));
    for want in [
        "similarity",
        "COSINE",
        "dimension",
        "1536",
        "rest url",
        "--show-secrets",
    ] {
        assert!(detail.contains(want), "{want}: {detail}");
    }
    let one = ok_json(&env.run(&["vector", "get", "docs-embeddings", "--json"]));
    assert_eq!(one["name"], "docs-embeddings");
    assert_eq!(one["read_only_token"], "********");
    let raw = serde_json::to_string(&json).unwrap_or_default();
    let one_raw = serde_json::to_string(&one).unwrap_or_default();
    assert_no_secrets(
        &[&text, &raw, &detail, &one_raw, &env.home.log_text()],
        &secrets,
    );

    let shown = ok_json(&env.run(&["vector", "list", "--json", "--show-secrets"]));
    let shown = serde_json::to_string(&shown).unwrap_or_default();
    assert!(
        secrets.iter().all(|s| shown.contains(s)),
        "--show-secrets shows"
    );

    // The same for Search, and the personal key never sees the team's index.
    let search = ok(&env.run(&["search", "list"]));
    assert!(search.contains("blog-search") && search.contains("catalog"));
    assert!(!search.contains("team-knowledge"), "{search}");
    let team = ok(&env.run_with_key(updash_sandbox::SEEDED_TEAM_API_KEY, &["search", "list"]));
    assert!(team.contains("team-knowledge"), "{team}");
}

#[test]
fn create_rename_set_plan_stats_env_and_delete_a_vector_index() {
    let env = Env::start();
    let dry = ok(&env.run(&[
        "vector",
        "create",
        "--name",
        "kb",
        "--region",
        "eu-west-1",
        "--similarity",
        "DOT_PRODUCT",
        "--dimensions",
        "256",
        "--plan",
        "payg",
        "--dry-run",
    ]));
    assert_eq!(
        dry.trim(),
        r#"POST /v2/vector/index {"dimension_count":256,"name":"kb","region":"eu-west-1","similarity_function":"DOT_PRODUCT","type":"payg"}"#
    );
    assert_eq!(
        records(&env, "/v2/vector/index").len(),
        3,
        "dry run sends nothing"
    );

    let made = ok_json(&env.run(&[
        "vector",
        "create",
        "--name",
        "kb",
        "--region",
        "eu-west-1",
        "--similarity",
        "DOT_PRODUCT",
        "--dimensions",
        "256",
        "--plan",
        "payg",
        "--json",
    ]));
    assert_eq!(made["name"], "kb");
    assert_eq!(made["dimension_count"], 256);
    assert_eq!(made["token"], "********");
    let id = made["id"].as_str().expect("id").to_owned();

    let renamed = ok(&env.run(&["vector", "rename", "kb", "kb-2"]));
    assert!(renamed.contains("from \"kb\" to \"kb-2\""), "{renamed}");
    ok(&env.run(&["vector", "set-plan", "kb-2", "fixed"]));
    let now = env.api_get(&format!("/v2/vector/index/{id}"));
    assert_eq!(now["type"], "fixed");
    assert_eq!(now["name"], "kb-2");

    let stats = ok(&env.run(&["vector", "stats", "kb-2", "--period", "7d"]));
    assert!(
        stats.contains("last 7d") && stats.contains("vectors"),
        "{stats}"
    );
    let stats = ok_json(&env.run(&["vector", "stats", &id, "--json"]));
    assert_eq!(stats["query_throughput"].as_array().map(Vec::len), Some(60));
    let totals = ok_json(&env.run(&["vector", "stats", "--json"]));
    assert!(totals["record_count"].as_i64().is_some_and(|n| n > 0));

    let snippet = ok(&env.run(&["vector", "env", "kb-2"]));
    let token = now["token"].as_str().expect("token");
    assert!(
        snippet.contains(&format!("UPSTASH_VECTOR_REST_TOKEN={token}")),
        "{snippet}"
    );
    // The endpoint keeps the name the index was created with.
    assert!(
        snippet.starts_with("UPSTASH_VECTOR_REST_URL=https://kb-"),
        "{snippet}"
    );

    let gone = ok_json(&env.run(&["vector", "delete", "kb-2", "--yes", "--json"]));
    assert_eq!(gone["deleted"], true);
    assert_eq!(env.api_status(&format!("/v2/vector/index/{id}")), 404);
}

#[test]
fn search_create_reset_transfer_and_delete() {
    let env = Env::start();
    let made = ok(&env.run(&[
        "search",
        "create",
        "--name",
        "docs",
        "--region",
        "us-central1",
        "--plan",
        "free",
    ]));
    assert!(made.contains("created Search index \"docs\""), "{made}");
    assert!(
        !made.contains(&tokens(&env, "/v2/search")[0]),
        "tokens masked"
    );
    let id = id_named(&env, "/v2/search", "docs");
    let before = env.api_get(&format!("/v2/search/{id}"));

    let reset = ok(&env.run(&[
        "search",
        "reset-password",
        "docs",
        "--yes",
        "--show-secrets",
    ]));
    let after = env.api_get(&format!("/v2/search/{id}"));
    assert_ne!(before["token"], after["token"]);
    let new_token = after["token"].as_str().expect("token");
    assert!(reset.contains(new_token), "asked for: {reset}");

    let dry = ok(&env.run(&["search", "transfer", "docs", "Platform team", "--dry-run"]));
    assert_eq!(
        dry.trim(),
        format!(
            r#"POST /v2/search/{id}/transfer {{"target_account":"{}"}}"#,
            updash_sandbox::api::SEEDED_TEAM_ID
        )
    );
    let moved = ok(&env.run(&["search", "transfer", "docs", "Platform team", "--yes"]));
    assert!(moved.contains("to team \"Platform team\""), "{moved}");
    assert_eq!(
        env.api_status(&format!("/v2/search/{id}")),
        404,
        "left the account"
    );
}

#[test]
fn bad_input_gets_clear_errors_and_exit_codes() {
    let env = Env::start();
    // Unknown names are the operator's to fix (2); nothing is sent.
    let err = fails(&env.run(&["vector", "get", "nope"]), 2);
    assert!(
        err.contains("no Vector index has the ID or name \"nope\"")
            && err.contains("updash vector list"),
        "{err}"
    );
    let err = fails(&env.run(&["search", "delete", "nope", "--yes"]), 2);
    assert!(err.contains("no Search index"), "{err}");
    // What clap can check is checked before anything is sent.
    let err = fails(
        &env.run(&[
            "vector",
            "create",
            "--name",
            "x",
            "--region",
            "mars-1",
            "--similarity",
            "COSINE",
            "--dimensions",
            "3",
        ]),
        2,
    );
    assert!(err.contains("mars-1"), "{err}");
    let err = fails(
        &env.run(&["vector", "rename", "product-search", "bad name!"]),
        2,
    );
    assert!(err.contains("bad name!"), "{err}");
    let err = fails(
        &env.run(&["vector", "stats", "product-search", "--period", "2w"]),
        2,
    );
    assert!(err.contains("use 1h, 3h, 12h, 1d, 3d, 7d or 30d"), "{err}");
    // What only the service knows comes back as its words (exit 1).
    let err = fails(
        &env.run(&[
            "vector",
            "create",
            "--name",
            "product-search",
            "--region",
            "us-east-1",
            "--similarity",
            "COSINE",
            "--dimensions",
            "3",
        ]),
        1,
    );
    assert!(
        err.starts_with("updash: creating Vector index \"product-search\"")
            && err.contains("already exists"),
        "{err}"
    );
    let err = fails(
        &env.run(&[
            "vector",
            "create",
            "--name",
            "y",
            "--region",
            "us-east-1",
            "--similarity",
            "COSINE",
            "--dimensions",
            "4096",
        ]),
        1,
    );
    assert!(
        err.contains("dimension_count 4096 is out of range"),
        "{err}"
    );
    let err = fails(
        &env.run(&["vector", "transfer", "product-search", "Nobody", "--yes"]),
        2,
    );
    assert!(
        err.contains("no team has the ID or name \"Nobody\""),
        "{err}"
    );
    // A read-only key: the service refuses the change (exit 1), nothing changes.
    let err = fails(
        &env.run_with_key(
            updash_sandbox::api::SEEDED_READONLY_API_KEY,
            &["vector", "rename", "product-search", "other"],
        ),
        1,
    );
    assert!(err.contains("Readonly API key"), "{err}");
    assert_eq!(
        records(&env, "/v2/vector/index")[1]["name"],
        "product-search"
    );
    // A wrong key needs sign-in (3).
    fails(&env.run_with_key("wrong-key", &["vector", "list"]), 3);
}

#[test]
fn a_lost_create_answer_creates_once_and_prints_the_index() {
    let env = Env::start();
    // The sandbox creates the index, then answers 502 instead of the result.
    env.faults(serde_json::json!({"lose_response_rate": 1.0}));
    let out = env.run(&[
        "search",
        "create",
        "--name",
        "lost-once",
        "--region",
        "eu-west-1",
        "--plan",
        "payg",
        "--json",
    ]);
    env.faults(serde_json::json!({"lose_response_rate": 0.0}));
    let json = ok_json(&out);
    assert_eq!(json["name"], "lost-once");
    assert_eq!(json["token"], "********");
    let named: Vec<_> = records(&env, "/v2/search")
        .into_iter()
        .filter(|i| i["name"] == "lost-once")
        .collect();
    assert_eq!(named.len(), 1, "created once");
    assert_eq!(json["id"], named[0]["id"]);
}
