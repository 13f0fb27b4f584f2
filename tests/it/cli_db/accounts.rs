//! Which account a command acts as: stored accounts, `--account`, the environment, a
//! refused key (exit 3, marked needs sign-in), and no account at all.

use super::{Env, assert_no_secrets, fails, ok, ok_json};
use updash_sandbox::{SEEDED_API_KEY, SEEDED_TEAM_API_KEY};

#[test]
fn stored_accounts_default_and_by_flag() {
    let env = Env::start();
    env.add_account("personal", SEEDED_API_KEY);
    env.add_account("platform", SEEDED_TEAM_API_KEY);
    let personal = ok_json(&env.run_stored(&["db", "list", "--json"]));
    assert_eq!(personal.as_array().map(Vec::len), Some(6));
    let team = ok_json(&env.run_stored(&["--account", "platform", "db", "list", "--json"]));
    assert_eq!(team.as_array().map(Vec::len), Some(2));
    let text = ok(&env.run_stored(&["db", "list", "--account", "personal"]));
    assert!(text.contains("sessions-prod"), "{text}");
    // --sandbox without environment credentials also picks the stored sandbox account.
    let out = env
        .bare()
        .args(["--sandbox", "db", "list", "--json"])
        .output()
        .expect("run");
    assert_eq!(ok_json(&out).as_array().map(Vec::len), Some(6));
    // An unknown --account is a usage error (the credentials file has no such account).
    let err = fails(&env.run_stored(&["--account", "nobody", "db", "list"]), 2);
    assert!(err.contains("nobody"), "{err}");
    assert_no_secrets(
        &[&env.home.log_text()],
        &[SEEDED_API_KEY, SEEDED_TEAM_API_KEY],
    );
}

#[test]
fn a_refused_stored_key_exits_3_and_marks_the_account() {
    let env = Env::start();
    let id = env.add_account("stale", "WRONG-KEY-marker");
    let err = fails(&env.run_stored(&["db", "list"]), 3);
    assert!(err.contains("sign in again"), "{err}");
    assert!(err.contains("HTTP 401"), "{err}");
    // It was added with an API key, so it is sent to the API-key sign-in, not the browser.
    let again = "updash login --sandbox --account stale --email operator@example.com \
                 --api-key-stdin";
    assert!(err.contains(again), "{err}");
    assert!(env.account(&id).needs_sign_in);
    // The next run stops before calling the service, with the same advice.
    let err = fails(&env.run_stored(&["team", "list"]), 3);
    assert!(err.contains("needs to sign in again"), "{err}");
    assert!(err.contains(again), "{err}");
    assert_no_secrets(&[&err, &env.home.log_text()], &["WRONG-KEY-marker"]);
}

#[test]
fn a_refused_environment_key_exits_3() {
    let env = Env::start();
    let err = fails(&env.run_with_key("WRONG-KEY-env", &["db", "list"]), 3);
    assert!(err.contains("UPSTASH_API_KEY"), "{err}");
    assert_no_secrets(&[&err, &env.home.log_text()], &["WRONG-KEY-env"]);
}

#[test]
fn no_account_exits_3_with_a_hint() {
    let env = Env::start();
    let err = fails(&env.run_stored(&["db", "list"]), 3);
    assert!(
        err.contains("updash login") && err.contains("UPSTASH_API_KEY"),
        "{err}"
    );
    let out = env
        .bare()
        .args(["--sandbox", "team", "list"])
        .output()
        .expect("run");
    let err = fails(&out, 3);
    assert!(err.contains("no sandbox account yet"), "{err}");
}
