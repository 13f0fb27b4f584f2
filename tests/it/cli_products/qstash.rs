//! `qstash`: list, get, stats, rotate-token, set-plan, budget, prod-pack, env, ipv4 and
//! move-to-team; regions as names; tokens masked.

use super::{records, tokens};
use crate::cli_db::{Env, assert_no_secrets, fails, ok, ok_json};

#[test]
fn list_get_env_and_ipv4() {
    let env = Env::start();
    let secrets = tokens(&env, "/v2/qstash/users");
    assert_eq!(secrets.len(), 4, "two regions, two tokens each");
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let text = ok(&env.run(&["qstash", "list"]));
    assert!(
        text.contains("eu-central-1") && text.contains("us-east-1"),
        "{text}"
    );
    assert!(text.contains("$100/month"), "{text}");
    let json = ok_json(&env.run(&["qstash", "list", "--json"]));
    assert_eq!(json.as_array().map(Vec::len), Some(2));
    assert_eq!(json[0]["token"], "********");
    assert_eq!(
        json[0]["prometheus_enabled"], "false",
        "string booleans stay strings"
    );
    let detail = ok(&env.run(&["qstash", "get", "us-east-1"]));
    assert!(
        detail.contains("https://qstash-us-east-1.upstash.io"),
        "{detail}"
    );
    assert!(
        detail.contains("prod pack") && detail.contains("on"),
        "{detail}"
    );
    let raw = serde_json::to_string(&json).unwrap_or_default();
    assert_no_secrets(&[&text, &raw, &detail, &env.home.log_text()], &secrets);

    let eu = records(&env, "/v2/qstash/users")
        .into_iter()
        .find(|u| u["region"] == "eu-central-1")
        .expect("eu");
    let snippet = ok(&env.run(&["qstash", "env", "eu-central-1"]));
    assert_eq!(
        snippet,
        format!(
            "QSTASH_URL=https://qstash.upstash.io\nQSTASH_TOKEN={}\n",
            eu["token"].as_str().unwrap_or_default()
        )
    );
    let by_id = ok_json(&env.run(&[
        "qstash",
        "env",
        eu["id"].as_str().unwrap_or_default(),
        "--json",
    ]));
    assert_eq!(by_id["QSTASH_URL"], "https://qstash.upstash.io");

    let ips = ok_json(&env.run(&["qstash", "ipv4", "--json"]));
    assert_eq!(ips.as_array().map(Vec::len), Some(3));

    let err = fails(&env.run(&["qstash", "get", "ap-south-1"]), 2);
    assert!(
        err.contains("no QStash has the ID or region \"ap-south-1\"")
            && err.contains("eu-central-1, us-east-1"),
        "{err}"
    );
}

#[test]
fn plan_budget_prod_pack_and_stats() {
    let env = Env::start();
    // A free QStash: the service refuses a budget and the production pack (exit 1).
    let err = fails(&env.run(&["qstash", "budget", "eu-central-1", "50"]), 1);
    assert!(err.contains("set a paid plan first"), "{err}");
    let err = fails(&env.run(&["qstash", "budget", "eu-central-1", "5"]), 2);
    assert!(err.contains("0 for no limit, or 20 to 10000"), "{err}");
    let err = fails(&env.run(&["qstash", "set-plan", "eu-central-1", "gold"]), 2);
    assert!(err.contains("qstash_fixed_1m"), "{err}");

    let dry = ok(&env.run(&[
        "qstash",
        "set-plan",
        "eu-central-1",
        "qstash_fixed_10m",
        "--dry-run",
    ]));
    assert!(dry.starts_with("POST /v2/qstash/set-plan/") && dry.contains("qstash_fixed_10m"));
    ok(&env.run(&["qstash", "set-plan", "eu-central-1", "qstash_fixed_10m"]));
    let said = ok(&env.run(&["qstash", "budget", "eu-central-1", "300"]));
    assert!(said.contains("$300 a month"), "{said}");
    ok(&env.run(&["qstash", "prod-pack", "eu-central-1", "on"]));
    let eu = records(&env, "/v2/qstash/users")
        .into_iter()
        .find(|u| u["region"] == "eu-central-1")
        .expect("eu");
    assert_eq!(eu["reserved_type"], "qstash_fixed_10m");
    assert_eq!(eu["budget"], 300);
    assert_eq!(eu["prod_pack_enabled"], true);
    ok(&env.run(&["qstash", "prod-pack", "eu-central-1", "off"]));

    let stats = ok(&env.run(&["qstash", "stats", "eu-central-1", "--period", "1d"]));
    assert!(
        stats.contains("last 1d") && stats.contains("dead letter queue"),
        "{stats}"
    );
    let stats = ok_json(&env.run(&["qstash", "stats", "us-east-1", "--period", "30d", "--json"]));
    assert_eq!(stats["daily_used"].as_array().map(Vec::len), Some(240));
}

#[test]
fn rotate_token_with_yes_and_refusal_without_a_terminal() {
    let env = Env::start();
    let before = records(&env, "/v2/qstash/users");
    // No terminal and no --yes: refused before anything is sent (exit 2).
    let err = fails(&env.run(&["qstash", "rotate-token", "us-east-1"]), 2);
    assert!(err.contains("pass --yes"), "{err}");
    assert_eq!(records(&env, "/v2/qstash/users"), before, "nothing changed");
    let rotated = ok_json(&env.run(&["qstash", "rotate-token", "us-east-1", "--yes", "--json"]));
    assert_eq!(rotated["token"], "********");
    let after = records(&env, "/v2/qstash/users");
    assert_ne!(before[1]["token"], after[1]["token"]);
    assert_eq!(
        before[0]["token"], after[0]["token"],
        "the other region keeps its token"
    );
    let err = fails(
        &env.run(&[
            "qstash",
            "move-to-team",
            "us-east-1",
            "Platform team",
            "--yes",
        ]),
        1,
    );
    assert!(err.contains("already has a QStash in us-east-1"), "{err}");
}
