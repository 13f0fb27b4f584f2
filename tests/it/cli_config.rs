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
