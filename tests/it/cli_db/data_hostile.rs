//! `updash data` with every control character, a zero-width space and a right-to-left
//! override in a key, a hash field, a value and an error: written through the CLI itself,
//! then read back by each command that prints them. No line on stdout or stderr holds a raw
//! character the sanitiser would escape, and `--json` keeps the exact text.

use super::{Env, ok};
use crate::cli_hostile::{assert_clean, hostile};

/// [`hostile`] without the NUL, which no command line can carry.
fn hostile_arg() -> String {
    hostile().replace('\0', "")
}

#[test]
fn every_printed_field_of_data_is_escaped() {
    let env = Env::start();
    let h = hostile_arg();
    let key = format!("hostile:{h}");
    let writes: [&[&str]; 3] = [
        &["SET", &key, &h],
        &["HSET", "hostile:hash", &h, &h],
        &["RPUSH", "hostile:list", &h, &h],
    ];
    for command in writes {
        let mut args = vec!["data", "sessions-prod", "--write", "exec", "--"];
        args.extend_from_slice(command);
        let out = env.run(&args);
        ok(&out);
        // The write is shown on stderr before it is sent: escaped too.
        assert_clean(&format!("{command:?} stderr"), &out.stderr);
        assert_clean(&format!("{command:?} stdout"), &out.stdout);
    }
    let reads: [&[&str]; 9] = [
        &["data", "sessions-prod", "scan", "--match", "hostile:*"],
        &[
            "data",
            "sessions-prod",
            "scan",
            "--match",
            "hostile:*",
            "--json",
        ],
        &["data", "sessions-prod", "get", &key],
        &["data", "sessions-prod", "get", "hostile:hash"],
        &["data", "sessions-prod", "get", "hostile:list"],
        &["data", "sessions-prod", "get", &key, "--json"],
        &["data", "sessions-prod", "exec", "--", "GET", &key],
        &[
            "data",
            "sessions-prod",
            "exec",
            "--",
            "HGETALL",
            "hostile:hash",
        ],
        // An error that echoes the hostile text back.
        &["data", "sessions-prod", "exec", "--", &h],
    ];
    for args in reads {
        let out = env.run(args);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let shown = ok(&env.run(&["data", "sessions-prod", "get", &key]));
    assert!(shown.contains("\\x1b]0;PWNED\\a"), "{shown}");
    assert!(
        shown.contains("\\u{200b}") || shown.contains("\\xe2\\x80\\x8b"),
        "{shown}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&env.run(&[
        "data",
        "sessions-prod",
        "scan",
        "--match",
        "hostile:*",
        "--json",
    ])))
    .expect("JSON");
    let keys: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["key"].as_str())
        .collect();
    assert!(
        keys.contains(&key.as_str()),
        "the exact key survives: {keys:?}"
    );
}
