//! `db list`, `db get`, `db stats`, `db env`: text and JSON, masking, names.

use super::{Env, assert_no_secrets, fails, ok, ok_json, secrets_of};

#[test]
fn list_text_and_json_without_secrets() {
    let env = Env::start();
    let all_secrets: Vec<String> = env
        .databases()
        .iter()
        .flat_map(|d| {
            let id = d["database_id"].as_str().unwrap_or_default().to_owned();
            secrets_of(&env.api_get(&format!("/v2/redis/database/{id}")))
        })
        .collect();
    assert!(!all_secrets.is_empty());
    let secrets: Vec<&str> = all_secrets.iter().map(String::as_str).collect();

    let text = ok(&env.run(&["db", "list"]));
    assert!(text.starts_with("ID "), "{text}");
    assert!(text.contains("NAME") && text.contains("REGION"), "{text}");
    assert!(
        text.contains("sessions-prod") && text.contains("us-east-1"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 7, "header and 6 databases: {text}");

    let json = ok_json(&env.run(&["db", "list", "--json"]));
    let dbs = json.as_array().expect("array");
    assert_eq!(dbs.len(), 6);
    assert!(dbs.iter().all(|d| d["password"] == "********"));
    let raw = serde_json::to_string(&json).unwrap_or_default();
    assert_no_secrets(&[&text, &raw, &env.home.log_text()], &secrets);
}

/// `--json` is the records as the API sent them: the same fields with the
/// same types (string booleans stay strings, fields updash does not know stay), secrets
/// masked unless --show-secrets.
#[test]
fn json_is_what_the_api_sent() {
    let env = Env::start();
    let sent = env.api_get("/v2/redis/databases");
    let shown = ok(&env.run(&["db", "list", "--json", "--show-secrets"]));
    let shown: serde_json::Value = serde_json::from_str(&shown).expect("JSON");
    assert_eq!(shown, sent);
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v[0].as_object().expect("object").keys().cloned().collect()
    };
    let masked = ok_json(&env.run(&["db", "list", "--json"]));
    assert_eq!(keys(&masked), keys(&sent), "every field the API sent");
    for (m, s) in masked
        .as_array()
        .expect("array")
        .iter()
        .zip(sent.as_array().expect("array"))
    {
        for (key, value) in s.as_object().expect("object") {
            if ["password", "rest_token", "read_only_rest_token"].contains(&key.as_str()) {
                assert_eq!(m[key], "********", "{key}");
            } else {
                assert_eq!(&m[key], value, "{key}");
            }
        }
    }
    let id = sent[0]["database_id"].as_str().expect("id");
    let one = env.api_get(&format!("/v2/redis/database/{id}"));
    let got = ok_json(&env.run(&["db", "get", id, "--json", "--show-secrets"]));
    assert_eq!(got, one);
    let teams = env.api_get("/v2/teams");
    assert_eq!(ok_json(&env.run(&["team", "list", "--json"])), teams);
}

#[test]
fn get_masks_secrets_unless_asked() {
    let env = Env::start();
    let db = env.database("sessions-prod");
    let id = db["database_id"].as_str().expect("id");
    let secrets = secrets_of(&db);
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    assert!(!secrets.is_empty());

    let text = ok(&env.run(&["db", "get", "sessions-prod"]));
    assert!(text.contains(id) && text.contains("us-east-1"), "{text}");
    assert!(text.contains("********"), "{text}");
    let json = ok_json(&env.run(&["db", "get", id, "--json"]));
    assert_eq!(json["database_name"], "sessions-prod");
    assert!(json.get("password").is_none() && json.get("rest_token").is_none());
    assert_no_secrets(&[&text, &json.to_string(), &env.home.log_text()], &secrets);

    let shown = ok(&env.run(&["db", "get", "sessions-prod", "--show-secrets"]));
    assert!(
        shown.contains(db["password"].as_str().expect("pw")),
        "{shown}"
    );
    assert!(shown.contains("rediss://default:"), "{shown}");
    let shown = ok_json(&env.run(&["db", "get", id, "--show-secrets", "--json"]));
    assert_eq!(shown["password"], db["password"]);
    assert_eq!(shown["rest_token"], db["rest_token"]);
    // Asked-for secrets go to stdout only, never to the log.
    assert_no_secrets(&[&env.home.log_text()], &secrets);
}

#[test]
fn ambiguous_and_unknown_names_are_usage_errors() {
    let env = Env::start();
    let ids = env.ids_named("cache");
    assert_eq!(ids.len(), 2);
    let err = fails(&env.run(&["db", "get", "cache"]), 2);
    for id in &ids {
        assert!(err.contains(id), "{err}");
    }
    assert!(
        err.contains("eu-central-1") && err.contains("ap-northeast-1"),
        "{err}"
    );
    assert!(err.contains("use an ID"), "{err}");
    // The ID picks one of them.
    let json = ok_json(&env.run(&["db", "get", &ids[1], "--json"]));
    assert_eq!(json["database_id"], ids[1].as_str());

    let err = fails(&env.run(&["db", "stats", "no-such-db"]), 2);
    assert!(
        err.contains("no database has the ID or name \"no-such-db\""),
        "{err}"
    );
}

#[test]
fn stats_summary_and_json() {
    let env = Env::start();
    let text = ok(&env.run(&["db", "stats", "sessions-prod"]));
    for word in [
        "requests",
        "bandwidth",
        "storage",
        "latency",
        "keys",
        "last 1h",
    ] {
        assert!(text.contains(word), "{word}: {text}");
    }
    assert!(text.contains(" ms"), "{text}");
    let text = ok(&env.run(&["db", "stats", "sessions-prod", "--period", "7d"]));
    assert!(text.contains("last 7d"), "{text}");
    let json = ok_json(&env.run(&["db", "stats", "sessions-prod", "--period", "1d", "--json"]));
    assert!(
        json["latencymean"]
            .as_array()
            .is_some_and(|a| !a.is_empty()),
        "{json}"
    );
    assert!(json["keyspace"].is_array(), "{json}");
    let err = fails(
        &env.run(&["db", "stats", "sessions-prod", "--period", "2h"]),
        2,
    );
    assert!(err.contains("1h, 3h, 12h, 1d, 3d, 7d"), "{err}");
}

#[test]
fn env_prints_the_dotenv_snippet() {
    let env = Env::start();
    let db = env.database("rate-limiter");
    let text = ok(&env.run(&["db", "env", "rate-limiter"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // A sandbox database's REST URL is the sandbox's own data plane, so the snippet works.
    let id = db["database_id"].as_str().expect("id");
    assert!(
        lines[0].starts_with("UPSTASH_REDIS_REST_URL=\"http://127.0.0.1:")
            && lines[0].ends_with(&format!("/{id}\"")),
        "{text}"
    );
    assert_eq!(
        lines[1],
        format!(
            "UPSTASH_REDIS_REST_TOKEN=\"{}\"",
            db["rest_token"].as_str().expect("token")
        )
    );
    assert!(
        lines[2].starts_with("REDIS_URL=\"rediss://default:"),
        "{text}"
    );
    let json = ok_json(&env.run(&["db", "env", "rate-limiter", "--json"]));
    assert_eq!(json["UPSTASH_REDIS_REST_TOKEN"], db["rest_token"]);
    assert!(
        json["REDIS_URL"]
            .as_str()
            .is_some_and(|u| u.starts_with("rediss://"))
    );
    let secrets = secrets_of(&db);
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    assert_no_secrets(&[&env.home.log_text()], &secrets);
}

#[test]
fn help_lists_the_commands_and_the_timeout_override() {
    let home = crate::support::cli::Home::new();
    let help = ok(&home.run(&["db", "--help"]));
    for word in [
        "list",
        "get",
        "create",
        "rename",
        "reset-password",
        "delete",
        "stats",
        "env",
        "update-regions",
        "eviction",
        "budget",
        "UPDASH_HTTP_TIMEOUT_SECS",
        "Exit codes",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
    let help = ok(&home.run(&["team", "--help"]));
    assert!(help.contains("members"), "{help}");
}

#[test]
fn an_id_shaped_name_is_found_by_name() {
    let env = Env::start();
    let name = "00000000-0000-0000-0000-00000000cafe";
    ok(&env.run(&["db", "create", "--name", name, "--region", "us-east-1"]));
    let json = ok_json(&env.run(&["db", "get", name, "--json"]));
    assert_eq!(json["database_name"], name);
    assert_ne!(json["database_id"], name);
}

#[test]
fn get_by_id_and_by_name_sends_one_request_each() {
    let env = Env::start();
    let proxy = env.counting_proxy();
    let id = env.ids_named("sessions-prod").remove(0);
    for (query, expected) in [
        (id.as_str(), format!("GET /v2/redis/database/{id}")),
        ("sessions-prod", "GET /v2/redis/databases".to_string()),
    ] {
        let before = proxy.api_requests().len();
        let out = env
            .bare()
            .env("UPDASH_SANDBOX_URL", proxy.url())
            .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
            .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
            .args(["--sandbox", "db", "get", query, "--show-secrets", "--json"])
            .output()
            .expect("run updash");
        let json = ok_json(&out);
        assert_eq!(json["database_id"], id.as_str());
        assert!(json["password"].as_str().is_some_and(|p| !p.is_empty()));
        assert_eq!(proxy.api_requests()[before..], [expected], "{query}");
    }
}

#[test]
fn consecutive_calls_reuse_one_connection() {
    let env = Env::start();
    let proxy = env.counting_proxy();
    let out = env
        .bare()
        .env("UPDASH_SANDBOX_URL", proxy.url())
        .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
        .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
        .args(["--sandbox", "db", "stats", "sessions-prod", "--json"])
        .output()
        .expect("run updash");
    ok_json(&out);
    let api = proxy.api_requests();
    assert_eq!(api.len(), 2, "the list, then the stats: {api:?}");
    // Discovery, the list and the stats, one after the other, share a kept-alive connection.
    // hyper's pool may still open one more when a request leaves before the last answer's
    // connection is back in the pool (it races a new connect against the idle one), so the
    // check is that calls are reused, not that a race never happens.
    let all = proxy.requests();
    assert!(
        proxy.connections() < all.len() && proxy.connections() <= 2,
        "{} connections for {all:?}",
        proxy.connections()
    );
}
