//! Destructive writes on a terminal: the request is shown and the typed name confirms;
//! anything else sends nothing.

use crate::cli_db::Env;
use crate::support::pty::Pty;
use portable_pty::CommandBuilder;
use std::time::Duration;
use updash_sandbox::{SEEDED_API_KEY, SEEDED_EMAIL};

const WAIT: Duration = Duration::from_secs(30);

fn on_terminal(env: &Env, args: &[&str]) -> Pty {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    let root = env.home.root();
    cmd.env("HOME", root);
    cmd.env("XDG_CONFIG_HOME", root.join("config"));
    cmd.env("XDG_STATE_HOME", root.join("state"));
    cmd.env("XDG_DATA_HOME", root.join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("UPDASH_SANDBOX_URL", env.url());
    cmd.env("UPSTASH_EMAIL", SEEDED_EMAIL);
    cmd.env("UPSTASH_API_KEY", SEEDED_API_KEY);
    cmd.arg("--sandbox");
    cmd.args(args);
    Pty::spawn(cmd, 160, 40)
}

#[test]
fn delete_asks_for_the_name_and_a_wrong_answer_sends_nothing() {
    let env = Env::start();
    let id = super::id_named(&env, "/v2/vector/index", "product-search");
    let mut pty = on_terminal(&env, &["vector", "delete", "product-search"]);
    let screen = pty.wait_for("to confirm:", WAIT);
    assert!(
        screen.contains(&format!("DELETE /v2/vector/index/{id}")),
        "{screen}"
    );
    pty.send("product\r");
    assert_eq!(pty.wait_exit(WAIT), Some(2));
    assert_eq!(
        env.api_status(&format!("/v2/vector/index/{id}")),
        200,
        "still there"
    );

    let mut pty = on_terminal(&env, &["vector", "delete", "product-search"]);
    pty.wait_for("to confirm:", WAIT);
    pty.send("product-search\r");
    pty.wait_for("deleted Vector index", WAIT);
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    assert_eq!(env.api_status(&format!("/v2/vector/index/{id}")), 404);
}

#[test]
fn rotate_token_asks_for_the_region() {
    let env = Env::start();
    let before = env.api_get("/v2/qstash/users");
    let mut pty = on_terminal(&env, &["qstash", "rotate-token", "eu-central-1"]);
    let screen = pty.wait_for("to confirm:", WAIT);
    assert!(screen.contains("POST /v2/qstash/rotate-token/"), "{screen}");
    assert!(screen.contains("stop working"), "{screen}");
    pty.send("eu-central-1\r");
    pty.wait_for("rotated the token of QStash eu-central-1", WAIT);
    assert_eq!(pty.wait_exit(WAIT), Some(0));
    let after = env.api_get("/v2/qstash/users");
    assert_ne!(before[0]["token"], after[0]["token"]);
    let screen = pty.screen();
    let new_token = after[0]["token"].as_str().unwrap_or("missing");
    assert!(
        !screen.contains(new_token),
        "the new token is not shown unasked"
    );
}
