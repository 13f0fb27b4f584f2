//! 429 with Retry-After, 5xx retried then reported, timeouts, and a lost create response.

use super::{Env, fails, ok, ok_json};
use serde_json::json;
use std::time::{Duration, Instant};

#[test]
fn rate_limit_is_waited_out() {
    let env = Env::start();
    env.faults(json!({"rate_limit": 1}));
    let started = Instant::now();
    // Two requests within a second (a list, then a get that resolves the name from the
    // list): the second gets 429 with Retry-After 1 and is sent again after it.
    ok_json(&env.run(&["db", "list", "--json"]));
    let json = ok_json(&env.run(&["db", "get", "sessions-prod", "--json"]));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(json["database_name"], "sessions-prod");
    assert!(env.home.log_text().contains("RateLimited"), "retry logged");
}

#[test]
fn server_errors_are_retried_then_reported() {
    let env = Env::start();
    env.faults(json!({"fail_rate": 0.5}));
    // Every other request fails. Line the sandbox up so the list is one that fails: after a
    // failed request, the discovery passes, the list fails, and its retry passes.
    assert!(
        (0..2).any(|_| env.api_status("/v2/teams") == 500),
        "one of two requests fails"
    );
    let retries = |log: &str| log.matches("retrying Developer API call").count();
    let before = retries(&env.home.log_text());
    ok_json(&env.run(&["db", "list", "--json"]));
    let log = env.home.log_text();
    assert_eq!(
        retries(&log) - before,
        1,
        "the list succeeded on its retry: {log}"
    );
    env.faults(json!({"fail_rate": 1.0}));
    let err = fails(&env.run(&["db", "list"]), 1);
    assert!(err.contains("listing databases"), "{err}");
    assert!(err.contains("HTTP 500"), "{err}");
    assert!(err.contains("sandbox: injected server error"), "{err}");
    let log = env.home.log_text();
    assert!(
        log.matches("retrying Developer API call").count() >= 3,
        "{log}"
    );
    env.faults(json!({"fail_rate": 0.0}));
}

#[test]
fn a_slow_service_times_out() {
    let env = Env::start();
    env.faults(json!({"latency_ms": 1500}));
    let started = Instant::now();
    let out = env
        .bare()
        .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
        .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
        .env("UPDASH_HTTP_TIMEOUT_SECS", "0.3")
        .args(["--sandbox", "db", "list"])
        .output()
        .expect("run");
    let err = fails(&out, 1);
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains("no answer within 0.3 s"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    env.faults(json!({"latency_ms": 0}));
    // A bad override is a usage error.
    let out = env
        .bare()
        .env("UPDASH_HTTP_TIMEOUT_SECS", "soon")
        .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
        .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
        .args(["--sandbox", "db", "list"])
        .output()
        .expect("run");
    assert!(fails(&out, 2).contains("UPDASH_HTTP_TIMEOUT_SECS"));
    // Zero and out-of-range values are refused with a message that says what is allowed.
    for bad in ["0", "-1", "3601"] {
        let out = env
            .bare()
            .env("UPDASH_HTTP_TIMEOUT_SECS", bad)
            .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
            .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
            .args(["--sandbox", "db", "list"])
            .output()
            .expect("run");
        let err = fails(&out, 2);
        assert!(err.contains("above 0 and at most 3600"), "{bad}: {err}");
    }
}

/// `UPDASH_SANDBOX_URL` is held to config.toml's rule: a URL, https or loopback http; a bad
/// one is a usage error before anything is started or sent.
#[test]
fn a_bad_sandbox_url_is_a_usage_error() {
    let env = Env::start();
    for (url, says) in [
        ("notaurl", "not a valid URL"),
        ("http://example.com:8080", "must use https"),
        ("ftp://127.0.0.1/", "must use https"),
    ] {
        for args in [&["--sandbox", "db", "list"][..], &["db", "list"][..]] {
            let out = env
                .bare()
                .env("UPDASH_SANDBOX_URL", url)
                .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
                .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
                .args(args)
                .output()
                .expect("run");
            let err = fails(&out, 2);
            assert!(
                err.contains(says) && err.contains("UPDASH_SANDBOX_URL"),
                "{url}: {err}"
            );
        }
    }
}

#[test]
fn a_lost_create_response_creates_once() {
    let env = Env::start();
    // The sandbox creates the database, then answers 502 instead of the result.
    env.faults(json!({"lose_response_rate": 1.0}));
    let json = ok_json(&env.run(&[
        "db",
        "create",
        "--name",
        "lost-once",
        "--region",
        "eu-west-1",
        "--json",
    ]));
    env.faults(json!({"lose_response_rate": 0.0}));
    assert_eq!(json["database_name"], "lost-once");
    let ids = env.ids_named("lost-once");
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(json["database_id"], ids[0].as_str());
    let log = env.home.log_text();
    assert!(log.contains("create response lost"), "{log}");
    let text = ok(&env.run(&["db", "list"]));
    assert_eq!(text.matches("lost-once").count(), 1, "{text}");
}
