//! End to end on the built binary in a pseudo-terminal: `updash --sandbox`, connect,
//! Databases, b on sessions-prod, `/session:*`, open a hash, w, set a TTL, `:DBSIZE`, edit
//! a string in $EDITOR (the terminal handed over and back), quit with the terminal restored.

use crate::support::cli::Home;
use crate::support::pty::Pty;
use crate::tui_db_pty::signed_in_on_sandbox;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

const LONG: Duration = Duration::from_secs(20);

/// An editor that notes its file's path and mode, then writes a new value into it.
fn editor(home: &Home) -> std::path::PathBuf {
    let script = home.root().join("editor.sh");
    let notes = home.root().join("editor-notes");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s %s' \"$1\" \"$(stat -c %a \"$1\")\" > '{}'\nprintf 'edited in the editor' > \"$1\"\n",
            notes.display()
        ),
    )
    .expect("editor script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script
}

/// Sends esc alone (with a pause, so it is not read as alt with the next key).
fn esc(pty: &mut Pty) {
    pty.send("\x1b");
    std::thread::sleep(Duration::from_millis(150));
}

#[test]
fn browse_a_hash_set_a_ttl_ask_the_console_edit_in_the_editor_and_quit() {
    let home = Home::new();
    let editor = editor(&home);
    let mut pty = signed_in_on_sandbox(&home, &[("EDITOR", editor.as_os_str())]);
    pty.send("/sessions-prod\r");
    pty.wait_for("· 1 of", LONG);
    pty.send("b");
    pty.wait_for("sessions-prod · ", LONG);
    pty.wait_for("all scanned", LONG);

    pty.send("/session:*\r");
    pty.wait_for("· 50 / ", LONG);
    pty.send("\r");
    pty.wait_for("hash · 5 fields", LONG);
    pty.send("w");
    pty.wait_for("WRITE", LONG);
    pty.send("X");
    pty.wait_for("30s, 15m, 2h, 7d or persist", LONG);
    pty.send("2h\r");
    pty.wait_for("EXPIRE \"session:", LONG);
    pty.send("\r");
    pty.wait_for("Done: Expire session:", LONG);
    pty.wait_for("TTL 1h 59m", LONG);

    pty.send(":");
    pty.wait_for("one command per line", LONG);
    pty.send("DBSIZE\r");
    pty.wait_for("(integer) 16", LONG);
    esc(&mut pty);
    pty.wait_for("hash · 5 fields", LONG);
    esc(&mut pty);
    pty.wait_for("· 50 / ", LONG);

    // A string in $EDITOR: the terminal goes to the editor and comes back.
    pty.send("/\x15stats:*\r");
    pty.wait_for("· 1 / ", LONG);
    pty.send("\r");
    pty.wait_for("48213", LONG);
    pty.send("E");
    pty.wait_for(
        "SET \"stats:visits\" \"edited in the editor\" \"KEEPTTL\"",
        LONG,
    );
    pty.send("\r");
    pty.wait_for("Done: Set the value of stats:visits", LONG);
    pty.wait_for("edited in the editor", LONG);
    let notes = std::fs::read_to_string(home.root().join("editor-notes")).expect("the editor ran");
    let (path, mode) = notes.rsplit_once(' ').expect("path and mode");
    assert_eq!(mode, "600", "the temporary file is private");
    assert!(
        !std::path::Path::new(path).exists(),
        "the temporary file is removed"
    );

    pty.send("q");
    assert_eq!(pty.wait_exit(LONG), Some(0), "updash exits with 0");
    assert!(!pty.alternate_screen(), "the alternate screen is left");
}
