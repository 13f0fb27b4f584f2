//! `db create`: dry run, local validation (exit 2), the service's validation in words.

use super::{Env, fails, ok, ok_json};

#[test]
fn dry_run_prints_the_body_and_sends_nothing() {
    let env = Env::start();
    let before = env.databases().len();
    let args = [
        "db",
        "create",
        "--name",
        "orders",
        "--region",
        "eu-west-1",
        "--read-region",
        "us-east-1",
        "--plan",
        "payg",
        "--eviction",
        "--budget",
        "20",
        "--dry-run",
    ];
    let body = ok_json(&env.run(&args));
    assert_eq!(
        body,
        serde_json::json!({"database_name": "orders", "platform": "aws",
            "primary_region": "eu-west-1", "read_regions": ["us-east-1"], "plan": "payg",
            "eviction": true, "budget": 20})
    );
    assert_eq!(env.databases().len(), before);
    // A dry run needs no account at all.
    let out = env.bare().args(args).output().expect("run");
    ok(&out);
}

#[test]
fn create_text_and_json() {
    let env = Env::start();
    let text = ok(&env.run(&["db", "create", "--name", "orders", "--region", "eu-west-1"]));
    assert!(text.contains("created database \"orders\""), "{text}");
    assert!(text.contains("********"), "credentials masked: {text}");
    let created = env.database("orders");
    assert!(
        text.contains(created["database_id"].as_str().expect("id")),
        "{text}"
    );
    assert!(
        !text.contains(created["password"].as_str().expect("pw")),
        "{text}"
    );

    let json = ok_json(&env.run(&[
        "db",
        "create",
        "--name",
        "orders-gcp",
        "--region",
        "us-central1",
        "--read-region",
        "us-east4",
        "--plan",
        "payg",
        "--json",
    ]));
    assert_eq!(json["database_name"], "orders-gcp");
    assert_eq!(json["primary_region"], "us-central1");
    assert_eq!(json["read_regions"], serde_json::json!(["us-east4"]));
    assert!(json.get("password").is_none(), "{json}");
    assert_eq!(env.ids_named("orders-gcp").len(), 1);

    let json = ok_json(&env.run(&[
        "db",
        "create",
        "--name",
        "with-secrets",
        "--region",
        "eu-west-1",
        "--show-secrets",
        "--json",
    ]));
    assert_eq!(json["password"], env.database("with-secrets")["password"]);
}

#[test]
fn local_validation_errors_exit_2_and_send_nothing() {
    let env = Env::start();
    let before = env.databases().len();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--name", " ", "--region", "eu-west-1"],
            "the name is empty",
        ),
        (
            &["--name", "a", "--region", "moon"],
            "cannot tell the platform",
        ),
        (
            &[
                "--name",
                "a",
                "--region",
                "eu-west-1",
                "--read-region",
                "eu-west-1",
            ],
            "cannot also be a read region",
        ),
        (
            &[
                "--name",
                "a",
                "--region",
                "eu-west-1",
                "--read-region",
                "us-central1",
            ],
            "is on gcp, but the primary region is on aws",
        ),
        (
            &[
                "--name",
                "a",
                "--region",
                "eu-west-1",
                "--read-region",
                "us-east-1",
                "--read-region",
                "us-east-1",
            ],
            "listed twice",
        ),
    ];
    for (flags, words) in cases {
        let mut args = vec!["db", "create"];
        args.extend_from_slice(flags);
        let err = fails(&env.run(&args), 2);
        assert!(err.contains(words), "{flags:?}: {err}");
        args.push("--dry-run");
        fails(&env.run(&args), 2);
    }
    assert_eq!(env.databases().len(), before);
}

#[test]
fn service_validation_errors_are_shown_in_words() {
    let env = Env::start();
    let err = fails(
        &env.run(&[
            "db",
            "create",
            "--name",
            "two-reads",
            "--region",
            "eu-west-1",
            "--plan",
            "free",
            "--read-region",
            "us-east-1",
            "--read-region",
            "eu-central-1",
        ]),
        1,
    );
    assert!(
        err.contains("the free plan allows at most one read region"),
        "{err}"
    );
    assert!(err.contains("HTTP 400"), "{err}");
    let err = fails(
        &env.run(&[
            "db",
            "create",
            "--name",
            "bad name!",
            "--region",
            "eu-west-1",
        ]),
        2,
    );
    // The service's name rule is checked before anything is sent.
    assert!(err.contains("invalid name: ' ' is not allowed"), "{err}");
    let err = fails(
        &env.run(&[
            "db",
            "create",
            "--name",
            "x",
            "--region",
            "eu-west-1",
            "--plan",
            "gold",
        ]),
        1,
    );
    assert!(err.contains("invalid plan \"gold\""), "{err}");
    // A region that looks plausible passes locally; the service names it.
    let err = fails(
        &env.run(&["db", "create", "--name", "x", "--region", "moon-base-1"]),
        1,
    );
    assert!(
        err.contains("invalid primary_region \"moon-base-1\""),
        "{err}"
    );
    assert!(env.ids_named("two-reads").is_empty());
}
