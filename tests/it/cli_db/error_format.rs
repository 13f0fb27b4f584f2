//! Errors in one format: `updash: what failed: why; what to do`, on stderr, one line where it
//! fits, with the exit code of their kind.

use super::{Env, code};

/// The stderr of a failed run, checked to be one `updash: ` line that says what to do.
fn one_line_error(out: &std::process::Output, want: i32) -> String {
    assert_eq!(code(out), want, "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err:?}");
    assert!(lines[0].starts_with("updash: "), "{err:?}");
    assert!(lines[0].contains("; "), "says what to do: {err:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout");
    err
}

#[test]
fn errors_are_one_line_saying_what_failed_why_and_what_to_do() {
    let env = Env::start();
    let unknown = one_line_error(&env.run(&["db", "get", "no-such-db"]), 2);
    assert!(unknown.contains("updash db list"), "{unknown}");
    let refused = one_line_error(&env.run_with_key("not-the-key", &["db", "list"]), 3);
    assert!(refused.contains("UPSTASH_API_KEY"), "{refused}");
    let write = one_line_error(
        &env.run(&["data", "sessions-prod", "exec", "--", "SET", "a", "b"]),
        2,
    );
    assert!(write.contains("add --write"), "{write}");
    let unreachable = env
        .bare()
        .env("UPSTASH_EMAIL", updash_sandbox::SEEDED_EMAIL)
        .env("UPSTASH_API_KEY", updash_sandbox::SEEDED_API_KEY)
        .env("UPDASH_SANDBOX_URL", "http://127.0.0.1:9")
        .args(["--sandbox", "db", "list"])
        .output()
        .expect("run updash");
    let down = one_line_error(&unreachable, 1);
    assert!(down.contains("could not reach the service"), "{down}");
}
