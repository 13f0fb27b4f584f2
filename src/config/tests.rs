use super::*;
use std::path::Path;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new("/cfg/config.toml"), text)
}

#[test]
fn empty_file_is_default() {
    let c = parse("").unwrap();
    assert!(c.providers.is_empty());
    assert_eq!(c.ui, UiConfig::default());
    assert_eq!(c.provider_names(), vec!["upstash", "sandbox"]);
    assert!(!c.provider("upstash").unwrap().supports_oauth());
}

#[test]
fn example_file_parses() {
    let text = include_str!("../../config.example.toml");
    let c = parse(text).unwrap();
    assert!(c.provider("upstash").unwrap().supports_oauth());
    let generic = c.provider("understory").unwrap();
    assert_eq!(generic.kind(), ProviderKind::Oauth);
    assert_eq!(
        generic.scopes,
        vec!["offline", "booking.read", "marketing.read"]
    );
    assert!(c.keys.contains_key("quit"));
    assert_eq!(
        generic.token_endpoint_auth_method,
        Some(super::TokenAuthMethod::ClientSecretPost)
    );
    assert_eq!(
        generic.issuer.as_deref(),
        Some("https://auth.understory.example/")
    );
}

#[test]
fn token_endpoint_auth_method_takes_the_two_rfc_names_only() {
    let provider = |method: &str| {
        format!(
            "[providers.acme]\nkind = \"oauth\"\nauthorize_url = \"https://a.example/auth\"\n\
             token_url = \"https://a.example/token\"\nclient_id = \"x\"\n\
             token_endpoint_auth_method = \"{method}\"\nissuer = \"https://a.example\"\n"
        )
    };
    let c = parse(&provider("client_secret_basic")).unwrap();
    assert_eq!(
        c.provider("acme").unwrap().token_endpoint_auth_method,
        Some(super::TokenAuthMethod::ClientSecretBasic)
    );
    let err = parse(&provider("private_key_jwt")).unwrap_err();
    assert!(err.to_string().contains("client_secret_post"), "{err}");
    let err =
        parse(&provider("client_secret_post").replace("https://a.example\"", "http://a.example\""))
            .unwrap_err();
    assert!(err.to_string().contains("issuer must use https"), "{err}");
}

#[test]
fn unknown_key_names_line_and_column() {
    let err = parse("[ui]\nmouse = true\ncolour = \"red\"\n").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("/cfg/config.toml:3:1:"), "{msg}");
    assert!(msg.contains("unknown field `colour`"), "{msg}");
    assert!(msg.contains("expected one of"), "{msg}");
}

#[test]
fn wrong_type_names_line_and_column_and_expected_form() {
    let err = parse("[ui]\n\nrefresh_secs = \"soon\"\n").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("/cfg/config.toml:3:16:"), "{msg}");
    assert!(msg.contains("invalid type"), "{msg}");
    assert!(msg.contains("u64"), "{msg}");
}

#[test]
fn syntax_error_names_line() {
    let err = parse("[ui\nmouse = true\n").unwrap_err();
    assert!(err.to_string().starts_with("/cfg/config.toml:1:"), "{err}");
}

#[test]
fn secret_on_a_bad_line_is_not_echoed() {
    let text = "[providers.acme]\nkind = \"oauth\"\nclient_secret = SECRET-MARKER-1\n";
    let err = parse(text).unwrap_err();
    assert!(!err.to_string().contains("SECRET-MARKER"), "{err}");
    assert!(!format!("{err:?}").contains("SECRET-MARKER"), "{err:?}");
}

#[test]
fn oauth_provider_needs_endpoints() {
    let err = parse("\n[providers.acme]\nkind = \"oauth\"\nclient_id = \"x\"\n").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains(":2:"), "{msg}");
    assert!(
        msg.contains("[providers.acme] authorize_url is required"),
        "{msg}"
    );
}

#[test]
fn plain_http_only_for_loopback() {
    let base = "[providers.acme]\nkind = \"oauth\"\nclient_id = \"x\"\n";
    let bad = format!(
        "{base}authorize_url = \"http://auth.example.com/a\"\ntoken_url = \"https://auth.example.com/t\"\n"
    );
    assert!(
        parse(&bad)
            .unwrap_err()
            .to_string()
            .contains("must use https")
    );
    let ok = format!(
        "{base}authorize_url = \"http://127.0.0.1:9/a\"\ntoken_url = \"https://auth.example.com/t\"\n"
    );
    parse(&ok).unwrap();
}

#[test]
fn upstash_table_inherits_builtin_endpoints() {
    let c = parse("[providers.upstash]\nkind = \"upstash\"\nclient_id = \"partner\"\n").unwrap();
    let p = c.provider("upstash").unwrap();
    assert_eq!(
        p.token_url.as_deref(),
        Some("https://auth.upstash.com/oauth/token")
    );
    assert_eq!(p.audience.as_deref(), Some("upstash-api"));
    assert!(p.supports_oauth());
}

#[test]
fn an_upstash_table_with_only_a_client_id_takes_the_rest_from_the_builtin() {
    let c = parse("[providers.upstash]\nclient_id = \"partner\"\n").unwrap();
    let p = c.provider("upstash").unwrap();
    assert_eq!(p.kind(), ProviderKind::Upstash);
    assert_eq!(p.client_id.as_deref(), Some("partner"));
    assert_eq!(p.api_base_url.as_deref(), Some("https://api.upstash.com"));
    assert!(p.supports_oauth());
    let err = parse("[providers.acme]\nclient_id = \"x\"\n").unwrap_err();
    assert!(err.to_string().contains("kind is required"), "{err}");
}

#[test]
fn sandbox_cannot_be_configured() {
    let err = parse("[providers.sandbox]\nkind = \"upstash\"\n").unwrap_err();
    assert!(err.to_string().contains("built in"), "{err}");
}

#[test]
fn secret_and_secret_env_conflict() {
    let text = "[providers.acme]\nkind = \"oauth\"\nclient_id = \"x\"\nauthorize_url = \"https://a.example/a\"\ntoken_url = \"https://a.example/t\"\nclient_secret = \"s\"\nclient_secret_env = \"E\"\n";
    assert!(parse(text).unwrap_err().to_string().contains("not both"));
}

#[test]
fn client_secret_is_redacted_in_debug() {
    let text = "[providers.acme]\nkind = \"oauth\"\nclient_id = \"x\"\nauthorize_url = \"https://a.example/a\"\ntoken_url = \"https://a.example/t\"\nclient_secret = \"SECRET-MARKER-2\"\n";
    let c = parse(text).unwrap();
    assert!(!format!("{c:?}").contains("SECRET-MARKER"));
}

#[test]
fn keys_accept_one_or_many() {
    let c = parse("[keys]\nquit = \"q\"\nhelp = [\"?\", \"f1\"]\n").unwrap();
    assert_eq!(c.keys["quit"], vec!["q"]);
    assert_eq!(c.keys["help"], vec!["?", "f1"]);
}

#[test]
fn refresh_secs_too_small_names_its_line_and_column() {
    let err = parse("[ui]\nmouse = true\nrefresh_secs = 2\n").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("/cfg/config.toml:3:16:"), "{msg}");
    assert!(msg.contains("at least 5"), "{msg}");
    assert_eq!(
        parse("[ui]\nrefresh_secs = 30\n").unwrap().ui.refresh_secs,
        30
    );
    assert_eq!(
        parse("[ui]\nrefresh_secs = 0\n").unwrap().ui.refresh_secs,
        0
    );
}

#[test]
fn keys_remember_where_each_entry_is() {
    let c = parse("[keys]\nquit = \"q\"\n\nhelp = [\"?\"]\n").unwrap();
    assert_eq!(c.key_positions["quit"], (2, 8));
    assert_eq!(c.key_positions["help"], (4, 8));
    let e = c.key_error("help", "no good").to_string();
    assert_eq!(e, "/cfg/config.toml:4:8: [keys] no good");
}

/// Loads `bytes` from a file; the error with the file's path written as `CFG`.
fn load(bytes: &[u8]) -> Result<Config, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, bytes).unwrap();
    Config::load(&path).map_err(|e| e.to_string().replace(&path.display().to_string(), "CFG"))
}

#[test]
fn bad_utf8_names_its_line_and_column() {
    let err = load(b"[ui]\nmouse = true\n# caf\xe9\n").unwrap_err();
    assert!(err.contains("CFG:3:6: not UTF-8"), "{err}");
}

#[test]
fn devices_fifos_and_huge_files_are_refused_quickly() {
    let dev = Config::load(Path::new("/dev/zero"))
        .unwrap_err()
        .to_string();
    assert!(dev.contains("not a regular file"), "{dev}");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let err = Config::load(&fifo).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
    }
    let big = vec![b'#'; MAX_CONFIG_BYTES as usize + 1];
    let err = load(&big).unwrap_err();
    assert!(err.contains("larger than"), "{err}");
    let missing = Config::load(&dir.path().join("none.toml")).unwrap();
    assert!(!missing.exists);
}

#[test]
fn line_col_counts_chars() {
    assert_eq!(error::line_col("ab\ncd", 4), (2, 2));
    assert_eq!(error::line_col("", 10), (1, 1));
}

#[test]
fn data_delimiters_default_to_a_colon_and_are_checked() {
    assert_eq!(parse("").unwrap().data.delimiters, vec![":"]);
    let c = parse("[data]\ndelimiters = [\"::\", \"/\"]\n").unwrap();
    assert_eq!(c.data.delimiters, vec!["::", "/"]);
    assert!(
        parse("[data]\ndelimiters = []\n")
            .unwrap()
            .data
            .delimiters
            .is_empty()
    );
    let err = parse("[data]\ndelimiters = [\"\"]\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("data") && err.contains("1 to 8 characters"),
        "{err}"
    );
    // Where the table is, never 0:0.
    assert!(!err.contains(":0:0"), "{err}");
    let err = parse("[ui]\ntheme = \"dark\"\n\n[data]\ndelimiters = [\"\"]\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains(":4:") || err.contains(":5:"), "{err}");
    assert!(parse("[data]\ndelimiters = [\"\\u001b\"]\n").is_err());
}
