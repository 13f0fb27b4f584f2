//! Hostile text from a provider, a file or the command line never reaches the terminal raw:
//! every control character, a zero-width space and a right-to-left override are fed through
//! each field the CLI prints (db list and get, status, errors, config check), and every line
//! on stdout and stderr must be one the sanitiser leaves as it is. `--json` stays exact JSON.

use crate::support::cli::{Home, stderr, stdout};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// Every C0 and C1 control, DEL, the escape sequences that retitle the window and rewrite
/// the clipboard, a zero-width space, a right-to-left override and an isolate.
pub fn hostile() -> String {
    let mut text = String::from("evil");
    for b in (0u32..0x20).chain([0x7f]).chain(0x80..0xa0) {
        text.push(char::from_u32(b).unwrap_or('?'));
    }
    text.push_str("\u{1b}]0;PWNED\u{7}\u{1b}]52;c;aGk=\u{7}\u{1b}[2J");
    text.push_str("a\u{200b}b\u{202e}cba\u{2066}x");
    text
}

/// [`hostile`] without the NUL, which no command line can carry.
fn hostile_arg() -> String {
    hostile().replace('\0', "")
}

/// `text` as a TOML basic string, every control character escaped (TOML takes none raw).
fn toml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => out.extend(['\\', c]),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Panics unless every line of `bytes` is a fixed point of the sanitiser (so no control
/// byte, no zero-width or bidi character reached the stream).
pub fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for line in text.split('\n') {
        assert_eq!(
            updash::output::sanitize(line),
            line,
            "{what}: a raw character reached the output in {line:?}"
        );
    }
}

fn database(id: &str) -> Value {
    let h = hostile();
    json!({
        "database_id": id, "database_name": h, "region": h, "state": h, "endpoint": h,
        "type": h, "primary_region": h, "read_regions": [h], "port": 6379, "tls": true,
        "creation_time": 1_700_000_000,
    })
}

/// A Developer API whose every string is hostile and whose create answers 400 echoing it.
async fn hostile_api() -> String {
    let router = Router::new()
        .route(
            "/v2/redis/databases",
            get(|| async { axum::Json(json!([database("db-1")])) }),
        )
        .route(
            "/v2/redis/database/{id}",
            get(|| async { axum::Json(database("db-1")) }),
        )
        .route(
            "/v2/redis/database",
            post(|| async {
                (
                    StatusCode::BAD_REQUEST,
                    axum::Json(json!({"error": hostile()})),
                )
            }),
        )
        .route(
            "/v2/teams",
            get(|| async { axum::Json(json!([{"team_id": "t", "team_name": hostile()}])) }),
        );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

/// A home whose upstash provider is the hostile API, used through environment credentials.
fn home_for(api: &str) -> Home {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    std::fs::write(
        home.config_dir().join("config.toml"),
        format!("[providers.upstash]\nkind = \"upstash\"\napi_base_url = \"{api}\"\n"),
    )
    .unwrap();
    home
}

fn run(home: &Home, args: &[&str]) -> std::process::Output {
    home.updash()
        .env("UPSTASH_EMAIL", "ops@example.com")
        .env("UPSTASH_API_KEY", "key-1234")
        .env("UPDASH_HTTP_TIMEOUT_SECS", "5")
        .args(args)
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn db_list_get_and_errors_print_no_raw_control_character() {
    let api = hostile_api().await;
    let home = home_for(&api);
    let cases: &[&[&str]] = &[
        &["db", "list"],
        &["db", "get", "db-1"],
        &["db", "get", "db-1", "--show-secrets"],
        &[
            "db",
            "create",
            "--name",
            "fine-name",
            "--region",
            "us-east-1",
        ],
        &["team", "list"],
    ];
    for args in cases {
        let out = tokio::task::block_in_place(|| run(&home, args));
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    // The table shows the name, escaped.
    let list = tokio::task::block_in_place(|| run(&home, &["db", "list"]));
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(
        stdout(&list).contains("\\x1b]0;PWNED\\a"),
        "{}",
        stdout(&list)
    );
    assert!(
        stdout(&list).contains("a\\u{200b}b\\u{202e}cba"),
        "{}",
        stdout(&list)
    );
    // The service's 400 echoes the hostile text: escaped on stderr, exit 1.
    let create = tokio::task::block_in_place(|| {
        run(
            &home,
            &[
                "db",
                "create",
                "--name",
                "fine-name",
                "--region",
                "us-east-1",
            ],
        )
    });
    assert_eq!(create.status.code(), Some(1), "{}", stderr(&create));
    assert!(
        stderr(&create).contains("\\x1b]0;PWNED\\a"),
        "{}",
        stderr(&create)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn json_output_is_exact_json_and_terminal_safe() {
    let api = hostile_api().await;
    let home = home_for(&api);
    for args in [
        &["db", "list", "--json"][..],
        &["db", "get", "db-1", "--json"][..],
    ] {
        let out = tokio::task::block_in_place(|| run(&home, args));
        assert!(out.status.success(), "{}", stderr(&out));
        assert_clean(&format!("{args:?}"), &out.stdout);
        let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        let db = if v.is_array() { &v[0] } else { &v };
        assert_eq!(db["database_name"], hostile(), "the exact value survives");
    }
}

#[test]
fn a_hostile_name_or_query_from_the_command_line_is_refused_or_escaped() {
    let home = Home::new();
    let name = hostile_arg();
    // Refused locally (exit 2), before any account or network is needed.
    let out = home
        .updash()
        .args(["db", "create", "--name", &name, "--region", "us-east-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid name"), "{}", stderr(&out));
    assert_clean("db create --name", &out.stderr);
    let out = home
        .updash()
        .args(["db", "rename", "x", &name])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_clean("db rename", &out.stderr);
    // A label with control characters is refused, escaped in the message.
    let out = home
        .updash()
        .args(["--sandbox", "login", "--account", &name])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_clean("login --account", &out.stderr);
    assert!(
        stderr(&out).contains("\\x1b]0;PWNED\\a"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn status_prints_hostile_labels_emails_and_teams_escaped() {
    use updash::secret::Secret;
    use updash::store::Account;
    let home = Home::new();
    let now = time::OffsetDateTime::now_utc();
    home.store()
        .update(|c| {
            let mut a = Account::new(hostile(), hostile(), now);
            a.email = Some(hostile());
            a.team = Some(hostile());
            a.api_key = Some(Secret::new("k"));
            c.add_account(a)?;
            Ok(())
        })
        .unwrap();
    for args in [
        &["status"][..],
        &["status", "--json"][..],
        &["config", "check"][..],
    ] {
        let out = home.run(args);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let out = home.run(&["status"]);
    assert!(
        stdout(&out).contains("\\x1b]0;PWNED\\a"),
        "{}",
        stdout(&out)
    );
    let json: Value = serde_json::from_slice(&home.run(&["status", "--json"]).stdout).unwrap();
    assert_eq!(json["accounts"][0]["label"], hostile());
}

#[test]
fn config_check_escapes_names_and_errors_from_the_file() {
    let home = Home::new();
    std::fs::create_dir_all(home.config_dir()).unwrap();
    let path = home.config_dir().join("config.toml");
    // A provider named with escapes (TOML spells them \u001b) and a hostile unknown key.
    let quoted = toml_quoted(&hostile());
    let provider = format!(
        "[providers.{quoted}]\nkind = \"oauth\"\nclient_id = \"x\"\n\
         authorize_url = \"https://a.example/a\"\ntoken_url = \"https://a.example/t\"\n"
    );
    std::fs::write(&path, &provider).unwrap();
    for args in [&["config", "check"][..], &["config", "check", "--json"][..]] {
        let out = home.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
    }
    std::fs::write(&path, format!("[ui]\n{quoted} = 1\n")).unwrap();
    let out = home.run(&["config", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_clean("config check error stdout", &out.stdout);
    assert_clean("config check error stderr", &out.stderr);
}
