//! A mode repaired by a command is said once on stderr, not only in the log.

use crate::store::secret_account;
use crate::support::cli::{Home, stderr, stdout};
use std::fs::{self, Permissions};
use std::os::unix::fs::PermissionsExt;

#[test]
fn a_world_readable_file_and_key_are_repaired_and_said_once_on_stderr() {
    let home = Home::new();
    home.store()
        .update(|c| c.add_account(secret_account("sandbox", "alpha")))
        .expect("account");
    let key = home.root().join("data/updash/key");
    fs::set_permissions(home.credentials(), Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(&key, Permissions::from_mode(0o640)).expect("chmod");

    let out = home.run(&["status"]);
    let err = stderr(&out);
    let file_line = format!("{} had mode 0644", home.credentials().display());
    assert_eq!(err.matches(&file_line).count(), 1, "{err}");
    assert_eq!(err.matches("had mode 0640").count(), 1, "{err}");
    assert!(err.contains("updash: warning: credentials file"), "{err}");
    assert!(err.contains("updash: warning: key file"), "{err}");
    assert_eq!(
        fs::metadata(home.credentials())
            .expect("meta")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    assert_eq!(
        fs::metadata(&key).expect("meta").permissions().mode() & 0o777,
        0o600
    );

    let again = home.run(&["status"]);
    assert!(!stderr(&again).contains("had mode"), "{}", stderr(&again));

    // Every command that opens the credentials says it once, not only `status`.
    for args in [
        &["--sandbox", "db", "list"][..],
        &["--sandbox", "team", "list"][..],
        &["logout", "nobody"][..],
    ] {
        fs::set_permissions(home.credentials(), Permissions::from_mode(0o644)).expect("chmod");
        let out = home.run(args);
        let err = stderr(&out);
        assert_eq!(err.matches(&file_line).count(), 1, "{args:?}: {err}");
        let mode = fs::metadata(home.credentials())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{args:?}");
    }

    // `config check` reports the repair in its report instead.
    fs::set_permissions(home.credentials(), Permissions::from_mode(0o604)).expect("chmod");
    let out = home.run(&["config", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("repaired: credentials file"),
        "{}",
        stdout(&out)
    );
    assert!(!stderr(&out).contains("had mode"), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("protection: keyfile"),
        "{}",
        stdout(&out)
    );
}
