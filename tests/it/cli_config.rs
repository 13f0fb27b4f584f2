//! `updash config check`, `--version`, `--help` and the log, on the built binary.

use crate::support::cli::{Home, stderr, stdout};
use std::os::unix::fs::PermissionsExt;

const MARKER: &str = "SECRET-MARKER-cfg";

#[test]
fn version_and_help() {
    let home = Home::new();
    let out = home.run(&["--version"]);
    assert!(out.status.success());
    let version = stdout(&out);
    assert!(
        version.starts_with(&format!("updash {} (", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    let out = home.run(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(help.contains("config"), "{help}");
    assert!(help.contains("Exit codes"), "{help}");
}

#[test]
fn check_on_a_fresh_machine() {
    let home = Home::new();
    let out = home.run(&["config", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("built-in defaults apply"), "{text}");
    assert!(text.contains("provider upstash"), "{text}");
    assert!(text.contains("accounts: none"), "{text}");
    assert!(
        !home.credentials().exists(),
        "check must not create the credentials file"
    );
}

#[test]
fn check_json_reports_modes_repairs_and_counts() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    std::fs::copy("config.example.toml", home.config_dir().join("config.toml")).unwrap();
    std::fs::write(
        home.credentials(),
        format!(
            "version = 1\ndefault_account = \"a1\"\n\n[accounts.a1]\nprovider = \"sandbox\"\n\
             label = \"work\"\nemail = \"op@example.com\"\napi_key = \"{MARKER}\"\n\
             created_at = \"2026-01-01T00:00:00Z\"\nupdated_at = \"2026-01-01T00:00:00Z\"\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(home.credentials(), std::fs::Permissions::from_mode(0o644)).unwrap();

    let out = home.run(&["config", "check", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["credentials"]["mode"], "0600");
    assert_eq!(v["credentials"]["repaired"], true);
    assert_eq!(v["credentials"]["accounts_by_provider"]["sandbox"], 1);
    let names: Vec<&str> = v["config"]["providers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        names.contains(&"understory") && names.contains(&"sandbox"),
        "{names:?}"
    );
    let mode = std::fs::metadata(home.credentials())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    for text in [stdout(&out), stderr(&out), home.log_text()] {
        assert!(!text.contains(MARKER), "secret leaked: {text}");
    }
}

#[test]
fn broken_config_exits_2_naming_line_and_column() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    let text = format!("[ui]\nmouse = true\n\n[providers.acme]\nclient_secret = {MARKER}\n");
    std::fs::write(home.config_dir().join("config.toml"), text).unwrap();
    let out = home.run(&["config", "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("config.toml:5:"), "{err}");
    for text in [stdout(&out), err, home.log_text()] {
        assert!(!text.contains(MARKER), "secret leaked: {text}");
    }
}

#[test]
fn broken_credentials_exit_2_and_stay_unchanged() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    let bytes = format!("version = 1\n[accounts.x\napi_key = \"{MARKER}\"\n");
    std::fs::write(home.credentials(), &bytes).unwrap();
    std::fs::set_permissions(home.credentials(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = home.run(&["config", "check", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    let err = v["credentials"]["error"].as_str().unwrap();
    assert!(err.contains("credentials.toml:2:"), "{err}");
    assert_eq!(std::fs::read_to_string(home.credentials()).unwrap(), bytes);
    for text in [stdout(&out), stderr(&out), home.log_text()] {
        assert!(!text.contains(MARKER), "secret leaked: {text}");
    }
}

#[test]
fn a_missing_config_flag_path_exits_2() {
    let home = Home::new();
    let missing = home.root().join("nowhere/config.toml");
    for args in [&["config", "check"][..], &["regions"][..]] {
        let out = home
            .updash()
            .arg("--config")
            .arg(&missing)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    }
}

#[test]
fn a_device_or_fifo_as_config_is_refused_at_once() {
    let home = Home::new();
    let fifo = home.root().join("fifo.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for path in [std::path::Path::new("/dev/zero"), fifo.as_path()] {
        let start = std::time::Instant::now();
        let out = home
            .updash()
            .arg("--config")
            .arg(path)
            .args(["config", "check"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
        // Generous: reading /dev/zero or waiting on the FIFO would never end.
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }
}

/// `config check` refuses what the dashboard refuses, and both name the entry's place.
#[test]
fn config_check_and_the_dashboard_refuse_the_same_keys() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    let path = home.config_dir().join("config.toml");
    std::fs::write(&path, "[ui]\nmouse = false\n\n[keys]\nquit = []\n").unwrap();
    let place = format!("{}:5:8:", path.display());
    let check = home.run(&["config", "check"]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
    assert!(stderr(&check).contains(&place), "{}", stderr(&check));
    assert!(stderr(&check).contains("quit needs at least one key"));
    let json = home.run(&["config", "check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        v["config"]["error"].as_str().unwrap().contains(&place),
        "{v}"
    );
    // The dashboard checks the key map before it needs a terminal.
    let dashboard = home.run(&[]);
    assert_eq!(dashboard.status.code(), Some(2), "{}", stderr(&dashboard));
    assert!(
        stderr(&dashboard).contains(&place),
        "{}",
        stderr(&dashboard)
    );
}

#[test]
fn refresh_secs_below_5_names_its_line() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    let path = home.config_dir().join("config.toml");
    std::fs::write(&path, "[ui]\nrefresh_secs = 2\n").unwrap();
    let out = home.run(&["config", "check"]);
    assert_eq!(out.status.code(), Some(2));
    let want = format!("{}:2:16:", path.display());
    assert!(stderr(&out).contains(&want), "{}", stderr(&out));
}

#[test]
fn a_bad_log_level_exits_2() {
    let home = Home::new();
    let out = home.run(&["--log-level", "loud[", "regions"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("invalid log level"),
        "{}",
        stderr(&out)
    );
    let out = home
        .updash()
        .env("UPDASH_LOG", "=")
        .arg("regions")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // A good one writes the log, private.
    let out = home.run(&["--log-level", "debug", "regions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = std::fs::metadata(home.log()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(home.log_text().contains("start"), "{}", home.log_text());
}

/// A link at the log's path is never followed: the file it points at stays untouched, and
/// the command runs with one warning.
#[test]
fn a_symlinked_log_is_not_followed_and_said_once() {
    let home = Home::new();
    let target = home.root().join("victim.txt");
    std::fs::write(&target, "precious\n").unwrap();
    std::fs::create_dir_all(home.log().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&target, home.log()).unwrap();
    let out = home.run(&["regions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
    // A log that cannot be opened at all: one warning too.
    std::fs::remove_file(home.log()).unwrap();
    std::fs::create_dir(home.log()).unwrap();
    let out = home.run(&["regions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("warning").count(),
        1,
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_open_log_is_made_private() {
    let home = Home::new();
    std::fs::create_dir_all(home.log().parent().unwrap()).unwrap();
    std::fs::write(home.log(), "").unwrap();
    std::fs::set_permissions(home.log(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = home.run(&["regions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = std::fs::metadata(home.log()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// `--config PATH` reads that file instead of the default one: its provider is listed, and
/// the default place, holding another config, is not read.
#[test]
fn the_config_flag_reads_the_file_it_names() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    std::fs::write(
        home.config_dir().join("config.toml"),
        "[providers.from-default]\nkind = \"oauth\"\nclient_id = \"a\"\n\
         authorize_url = \"https://a.example/authorize\"\ntoken_url = \"https://a.example/token\"\n",
    )
    .unwrap();
    let elsewhere = home.root().join("elsewhere.toml");
    std::fs::write(
        &elsewhere,
        "[providers.from-flag]\nkind = \"oauth\"\nclient_id = \"b\"\n\
         authorize_url = \"https://b.example/authorize\"\ntoken_url = \"https://b.example/token\"\n",
    )
    .unwrap();
    let out = home
        .updash()
        .arg("--config")
        .arg(&elsewhere)
        .args(["config", "check", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["config"]["path"], elsewhere.display().to_string(), "{v}");
    let names: Vec<&str> = v["config"]["providers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"from-flag"), "{names:?}");
    assert!(!names.contains(&"from-default"), "{names:?}");
    // A refusal in that file names that file.
    std::fs::write(&elsewhere, "[ui]\nrefresh_secs = 2\n").unwrap();
    let out = home
        .updash()
        .arg("--config")
        .arg(&elsewhere)
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{}:2:", elsewhere.display())),
        "{}",
        stderr(&out)
    );
}

/// `--log-level` filters what reaches the log: `warn` keeps the info line every command
/// writes at its start out, `debug` lets it in.
#[test]
fn the_log_level_flag_filters_the_log() {
    let home = Home::new();
    let out = home.run(&["--log-level", "warn", "regions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let quiet = home.log_text();
    assert!(
        !quiet.contains(" INFO ") && !quiet.contains(" DEBUG "),
        "{quiet}"
    );
    let out = home.run(&["--log-level", "debug", "regions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let chatty = home.log_text();
    assert!(chatty.contains(" DEBUG "), "{chatty}");
}
