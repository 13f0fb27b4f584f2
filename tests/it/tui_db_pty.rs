//! End to end on the built binary in a pseudo-terminal: `updash --sandbox`, connect from the
//! keyboard, filter the databases, open one's details, create a database through the
//! wizard, find it, delete it, quit; back up a database and create and delete a Vector index.

use crate::support::cli::Home;
use crate::support::pty::Pty;
use portable_pty::CommandBuilder;
use std::time::Duration;

const LONG: Duration = Duration::from_secs(20);

/// `updash --sandbox` at 120x40 in a fresh `home`, with `env` set too.
fn updash_sandbox(home: &Home, env: &[(&str, &std::ffi::OsStr)]) -> Pty {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_updash"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", home.root());
    cmd.env("XDG_CONFIG_HOME", home.root().join("config"));
    cmd.env("XDG_STATE_HOME", home.root().join("state"));
    cmd.env("XDG_DATA_HOME", home.root().join("data"));
    cmd.env("TERM", "xterm-256color");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.arg("--sandbox");
    Pty::spawn(cmd, 120, 40)
}

/// [`updash_sandbox`], signed in from the keyboard as the seeded user: on the new account's
/// databases, where a sign-in lands.
pub fn signed_in_on_sandbox(home: &Home, env: &[(&str, &std::ffi::OsStr)]) -> Pty {
    let mut pty = updash_sandbox(home, env);
    pty.wait_for("Connect an account", LONG);
    pty.send("\r");
    pty.wait_for("seeded user's password", LONG);
    pty.send("sandbox\r");
    pty.wait_for("Databases of ", LONG);
    pty.wait_for("sessions-prod", LONG);
    pty
}

#[test]
fn connect_filter_details_create_find_delete_quit() {
    let home = Home::new();
    let mut pty = signed_in_on_sandbox(&home, &[]);

    // Filter, then open the one match's details.
    pty.send("/rate");
    let screen = pty.wait_for("· 1 of 6", LONG);
    assert!(screen.contains("rate-limiter"), "{screen}");
    pty.send("\r\r");
    pty.wait_for("Usage · 1h", LONG);
    pty.wait_for("commands/s", LONG);
    pty.send("\x1b");
    pty.wait_for("· 1 of 6", LONG);
    pty.send("\x1b");
    pty.wait_for("· 6 of 6", LONG);

    // Create through the wizard.
    pty.send("c");
    pty.wait_for("1/5 Name", LONG);
    // The name field holds at most 64 characters, and Ctrl-U clears it.
    pty.send(&"n".repeat(70));
    let full = pty.wait_for(&"n".repeat(64), LONG);
    assert!(!full.contains(&"n".repeat(65)), "{full}");
    pty.send("\x15");
    pty.wait_until("the name cleared", LONG, |s| !s.contains("nnnn"));
    pty.send("pty-db\r");
    pty.wait_for("2/5 Primary region", LONG);
    pty.send("tokyo");
    pty.wait_for("ap-northeast-1", LONG);
    pty.send("\r");
    pty.wait_for("3/5 Read regions", LONG);
    pty.send("\r");
    pty.wait_for("4/5 Plan", LONG);
    pty.send("\r");
    let review = pty.wait_for("5/5 Review", LONG);
    assert!(
        review.contains("\"primary_region\": \"ap-northeast-1\""),
        "{review}"
    );
    pty.send("\r");
    pty.wait_for("pty-db is ready", LONG);
    pty.send("\r");
    pty.wait_for("· 7 of 7", LONG);

    // Find it, delete it.
    pty.send("/pty-db\r");
    pty.wait_for("· 1 of 7", LONG);
    pty.send("d");
    pty.wait_for("Type pty-db to confirm", LONG);
    pty.send("pty-db\r");
    pty.wait_for("Deleted pty-db", LONG);
    pty.wait_for("· 0 of 6", LONG);

    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0), "updash exits with 0");
    assert!(!pty.alternate_screen(), "the alternate screen is left");
}

/// Back up a database from its details and see the backup listed; then, in the Products
/// tab, create a Vector index through its form and delete it by typing its name.
#[test]
fn back_up_then_create_and_delete_a_vector_index() {
    let home = Home::new();
    let mut pty = signed_in_on_sandbox(&home, &[]);
    pty.send("/sessions-prod\r");
    pty.wait_for("· 1 of 6", LONG);
    pty.send("\r");
    pty.wait_for("Usage · 1h", LONG);
    pty.send("B");
    pty.wait_for("daily on · 2 backups", LONG);
    pty.send("c");
    pty.wait_for("Name the backup:", LONG);
    pty.send("\x15pty-backup\r");
    pty.wait_for("Backed up sessions-prod as pty-backup", LONG);
    pty.wait_for("3 backups", LONG);
    pty.wait_for("pty-backup ·", LONG);

    pty.send("5");
    pty.wait_for("Vector · 3 of 3", LONG);
    pty.send("c");
    pty.wait_for("Create a Vector index", LONG);
    pty.send("pty-vectors");
    let form = pty.wait_for("\"name\":\"pty-vectors\"", LONG);
    assert!(form.contains("POST /v2/vector/index"), "{form}");
    pty.send("\r");
    pty.wait_for("Done: Vector index pty-vectors", LONG);
    pty.wait_for("Vector · 4 of 4", LONG);
    pty.send("/pty-vectors\r");
    pty.wait_for("Vector · 1 of 4", LONG);
    pty.send("d");
    pty.wait_for("Type pty-vectors to confirm", LONG);
    pty.send("pty-vectors");
    pty.wait_for("DELETE /v2/vector/index/", LONG);
    pty.send("\r");
    pty.wait_for("Vector · 0 of 3", LONG);
    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0), "updash exits with 0");
    assert!(!pty.alternate_screen(), "the alternate screen is left");
}
