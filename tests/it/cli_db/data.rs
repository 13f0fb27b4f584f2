//! `updash data DB ...` on the built binary against the sandbox's Redis REST data plane:
//! reads, the read-only rule, writes with --write, --url without an account, escaping.

use super::{Env, fails, ok, ok_json};
use crate::support::cli::{stderr, stdout};
use base64::Engine;
use std::io::Write;
use std::process::Stdio;

/// The `.env` of `sessions-prod`: its REST URL and token.
fn rest_of(env: &Env) -> (String, String) {
    let text = ok(&env.run(&["db", "env", "sessions-prod"]));
    let value = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=\"")))
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{name} in {text}"))
            .to_string()
    };
    (
        value("UPSTASH_REDIS_REST_URL"),
        value("UPSTASH_REDIS_REST_TOKEN"),
    )
}

/// One command straight to the REST endpoint, for checking what a command did.
fn rest(env: &Env, url: &str, token: &str, command: &[&str]) -> serde_json::Value {
    env.post_json(url, token, &serde_json::json!(command))
}

fn text_of(value: &serde_json::Value) -> Vec<u8> {
    let b64 = value["result"].as_str().expect("a string result");
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64")
}

#[test]
fn db_env_gives_a_rest_url_that_works() {
    let env = Env::start();
    let (url, token) = rest_of(&env);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(text_of(&rest(&env, &url, &token, &["PING"])), b"PONG");
}

#[test]
fn scan_lists_keys_with_types_and_escapes_names() {
    let env = Env::start();
    let all = ok(&env.run(&["data", "sessions-prod", "scan", "--limit", "5000"]));
    assert!(all.starts_with("KEY"), "{all}");
    assert!(
        all.contains("leaderboard:global") && all.contains("zset"),
        "{all}"
    );
    assert!(all.contains("evil:\\x1b[31mred"), "escaped: {all}");
    assert!(all.contains("\\u{200b}"), "zero-width shown: {all}");
    assert!(!all.bytes().any(|b| b == 0x1b), "no raw escape in stdout");

    let sessions = ok_json(&env.run(&[
        "data",
        "sessions-prod",
        "scan",
        "--match",
        "session:*",
        "--json",
    ]));
    let rows = sessions.as_array().expect("array");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(
        |r| r["key"].as_str().is_some_and(|k| k.starts_with("session:"))
            && r["type"] == "hash"
            && r["ttl_ms"].as_i64().is_some_and(|t| t > 0)
    ));

    let hashes = ok_json(&env.run(&["data", "sessions-prod", "scan", "--type", "hash", "--json"]));
    assert!(
        hashes
            .as_array()
            .expect("array")
            .iter()
            .all(|r| r["type"] == "hash")
    );
    let two = ok_json(&env.run(&["data", "sessions-prod", "scan", "--limit", "2", "--json"]));
    assert_eq!(two.as_array().map(Vec::len), Some(2));
}

#[test]
fn get_shows_each_type_and_raw_writes_the_exact_bytes() {
    let env = Env::start();
    let zset = ok(&env.run(&["data", "sessions-prod", "get", "leaderboard:global"]));
    assert!(zset.starts_with("type: zset\n"), "{zset}");
    let list = ok_json(&env.run(&["data", "sessions-prod", "get", "queue:emails", "--json"]));
    assert_eq!(list["type"], "list");
    assert!(list["value"].as_array().is_some_and(|v| !v.is_empty()));
    let stream = ok(&env.run(&["data", "sessions-prod", "get", "events:orders"]));
    assert!(stream.starts_with("type: stream\n"), "{stream}");
    let json = ok_json(&env.run(&["data", "sessions-prod", "get", "config:app", "--json"]));
    assert!(json["value"].is_object(), "{json}");

    let (url, token) = rest_of(&env);
    let stored = text_of(&rest(&env, &url, &token, &["GET", "blob:report.json.gz"]));
    let out = env.run(&[
        "data",
        "sessions-prod",
        "get",
        "blob:report.json.gz",
        "--raw",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, stored, "--raw writes the stored bytes");
    assert_eq!(&stored[..2], &[0x1f, 0x8b], "a gzip value");

    let missing = fails(
        &env.run(&["data", "sessions-prod", "get", "no:such:key"]),
        1,
    );
    assert!(missing.contains("no key"), "{missing}");
}

#[test]
fn writes_need_write_and_are_shown_before_they_are_sent() {
    let env = Env::start();
    let (url, token) = rest_of(&env);
    let refused = fails(
        &env.run(&["data", "sessions-prod", "exec", "--", "SET", "k", "v"]),
        2,
    );
    assert!(
        refused.contains("read-only") && refused.contains("SET"),
        "{refused}"
    );
    let refused = fails(
        &env.run(&["data", "sessions-prod", "ttl", "stats:visits", "60"]),
        2,
    );
    assert!(refused.contains("--write"), "{refused}");
    assert_eq!(
        rest(&env, &url, &token, &["EXISTS", "k"])["result"],
        0,
        "nothing was sent"
    );

    let out = env.run(&[
        "data",
        "sessions-prod",
        "--write",
        "exec",
        "--",
        "SET",
        "k",
        "v",
    ]);
    assert_eq!(stdout(&out), "OK\n");
    assert!(
        stderr(&out).contains("> \"SET\" \"k\" \"v\""),
        "{}",
        stderr(&out)
    );
    let ttl = ok(&env.run(&["data", "sessions-prod", "--write", "ttl", "k", "90"]));
    assert!(ttl.contains("90"), "{ttl}");
    let read = ok(&env.run(&["data", "sessions-prod", "ttl", "k"]));
    assert!(
        read.trim()
            .parse::<i64>()
            .is_ok_and(|t| (1..=90).contains(&t)),
        "{read}"
    );
    assert_eq!(
        ok(&env.run(&["data", "sessions-prod", "exec", "--", "GET", "k"])),
        "\"v\"\n"
    );

    fails(&env.run(&["data", "sessions-prod", "del", "k"]), 2);
    let no_tty = fails(
        &env.run(&["data", "sessions-prod", "--write", "del", "k"]),
        2,
    );
    assert!(no_tty.contains("--yes"), "{no_tty}");
    let done = ok(&env.run(&["data", "sessions-prod", "--write", "del", "k", "--yes"]));
    assert!(done.contains("deleted 1 of 1"), "{done}");
    assert_eq!(rest(&env, &url, &token, &["EXISTS", "k"])["result"], 0);
}

#[test]
fn url_and_token_from_stdin_need_no_account() {
    let env = Env::start();
    let (url, token) = rest_of(&env);
    let mut child = env
        .home
        .updash()
        .args([
            "data",
            "--url",
            &url,
            "--token-stdin",
            "exec",
            "--",
            "DBSIZE",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("updash");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{token}\n").as_bytes())
        .expect("token");
    let out = child.wait_with_output().expect("exit");
    assert!(
        stdout(&out).starts_with("(integer) "),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(!stdout(&out).contains(&token) && !stderr(&out).contains(&token));

    let out = env
        .home
        .updash()
        .env("UPSTASH_REDIS_REST_URL", &url)
        .env("UPSTASH_REDIS_REST_TOKEN", "not-the-token")
        .args(["data", "exec", "--", "PING"])
        .output()
        .expect("updash");
    let err = fails(&out, 3);
    assert!(err.contains("refused the token"), "{err}");
    fails(
        &env.home
            .updash()
            .args(["data", "--url", &url, "exec", "--", "PING"])
            .output()
            .expect("updash"),
        2,
    );
}

#[test]
fn bigkeys_finds_the_largest_value() {
    let env = Env::start();
    let out = env.run(&["data", "sessions-prod", "bigkeys", "--sample", "1000"]);
    let text = ok(&out);
    let first = text.lines().nth(1).unwrap_or_default();
    assert!(first.contains("blob:big-5mb"), "{text}");
    assert!(stderr(&out).contains("sampled"), "progress on stderr");
}

#[test]
fn redis_errors_are_reported_in_words() {
    let env = Env::start();
    let wrong = fails(
        &env.run(&[
            "data",
            "sessions-prod",
            "exec",
            "--",
            "LLEN",
            "leaderboard:global",
        ]),
        1,
    );
    assert!(wrong.contains("WRONGTYPE"), "{wrong}");
    let arity = fails(&env.run(&["data", "sessions-prod", "exec", "--", "GET"]), 1);
    assert!(arity.contains("wrong number of arguments"), "{arity}");
    let unknown = fails(
        &env.run(&[
            "data",
            "sessions-prod",
            "--write",
            "exec",
            "--",
            "NOSUCH",
            "\u{1b}x",
        ]),
        1,
    );
    assert!(
        unknown.contains("unknown command") && !unknown.contains('\u{1b}'),
        "{unknown}"
    );
    let nodb = fails(&env.run(&["data", "no-such-db", "scan"]), 2);
    assert!(nodb.contains("no-such-db"), "{nodb}");
}
